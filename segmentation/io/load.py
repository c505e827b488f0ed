"""Read and validate a customer table: CSV/TSV text, Excel .xlsx or Parquet -> typed DataFrame.

``load_customers(source)`` needs no options: it detects the format (by content), the encoding,
the delimiter, number and date conventions, and whether the table has the reference schema
(:mod:`segmentation.schema`) or is a generic customer list. It returns the frame and a
:class:`LoadReport`; anything it cannot use raises :class:`~segmentation.errors.DataError` (or
:class:`~segmentation.errors.SchemaError` for column problems) naming the file, the column and the
first rows at fault. Rows are named as the user sees them: "line N" in text files and "row N" in
workbooks and Parquet files, the header being line/row 1. Usable but suspicious data gives a
line in ``report.warnings`` (data, not a Python warning: a server loads many users' files at
once, and warning filters are process-wide).

Rules worth knowing:

- Schema: all ``REQUIRED_COLUMNS`` present (after :func:`canonical_name`) -> "reference"; at
  least half of them -> an incomplete reference file (SchemaError listing what is missing, with
  near-miss suggestions); fewer -> "generic".
- Numbers: currency signs and grouping spaces are ignored; a column whose values only a decimal
  point (``58,138.50``) or only a decimal comma (``58.138,50``) explains follows that convention;
  an ambiguous column (``58,138`` only) follows the file: decimal comma in ;-separated files.
- Dates: one layout per column; day-first vs month-first is settled by any field above 12
  anywhere in the column, else day-first with a warning.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import IO, NoReturn

import numpy as np
import pandas as pd

from segmentation.errors import DataError, SchemaError
from segmentation.io import parse as _parse
from segmentation.io import read as _read
from segmentation.io import sheets as _sheets
from segmentation.io.ids import guess_id_column, repeated_ids
from segmentation.io.parse import canonical_name, describe_rows, show
from segmentation.io.report import LoadReport, LoadResult, optional_missing
from segmentation.schema import (
    BINARY_COLUMNS,
    CATEGORICAL_COLUMNS,
    DATE_COLUMNS,
    ID_COLUMN,
    INTEGER_COLUMNS,
    NON_NEGATIVE_COLUMNS,
    NUMERIC_COLUMNS,
    REFERENCE_COLUMNS,
    REQUIRED_COLUMNS,
)

__all__ = ["LoadReport", "LoadResult", "canonical_name", "load_customers"]

_MOSTLY = 0.9  # a generic column this numeric is meant to be numeric: its junk is an error
_MAX_CATEGORIES = 50


def load_customers(
    source: str | os.PathLike[str] | IO[bytes] | IO[str], *, name: str | None = None
) -> LoadResult:
    """Read a customer table from a path or an open (binary or text) file.

    Reference-schema tables get canonical column names, numbers as float64 (NaN where empty,
    never imputed), ``Dt_Customer`` as datetime64[ns] and the categorical columns as str objects;
    other tables load in generic mode (ID column recognized, numbers and dates parsed, the rest
    text). ``name`` names the source in messages (default: the file name).

    Raises:
        DataError: the input cannot be read or holds values that cannot be used.
        SchemaError: columns are missing, duplicated or empty.
    """
    data, display, text_input = _read.read_source(source, name)
    fmt = _read.sniff_format(data, display)
    if fmt == "xlsx":
        raw = _sheets.read_xlsx(data, display)
    elif fmt == "parquet":
        raw = _sheets.read_parquet(data, display)
    else:
        raw = _read.read_text(data, display, text_input=text_input)
    del data
    report = LoadReport(
        display,
        raw.fmt,
        raw.delimiter,
        raw.encoding,
        len(raw.frame),
        sheet=raw.sheet,
        unit=raw.unit,
        warnings=list(raw.notes),
    )
    frame = _Loader(raw, report).run()
    return LoadResult(frame, report)


class _Loader:
    """Turns a raw table into the typed frame, filling the report and raising on bad input."""

    def __init__(self, raw: _read.RawTable, report: LoadReport) -> None:
        self.raw, self.report = raw, report
        self.name, self.unit = report.source, raw.unit
        self.lines = raw.lines
        self.decimal_comma = raw.delimiter == ";"

    def fail(self, message: str, error: type[DataError] = DataError) -> NoReturn:
        raise error(f"{self.name}: {message}")

    def fail_cells(
        self, column: str, bad: np.ndarray, cells: pd.Series, what: str, fix: str
    ) -> NoReturn:
        where = np.flatnonzero(bad)
        text = describe_rows(self.unit, self.lines[where], [cells.iloc[where[0]]])
        self.fail(f"column '{column}' {what}; {text}. {fix}")

    def warn(self, message: str) -> None:
        self.report.warnings.append(f"{self.name}: {message}")

    def run(self) -> pd.DataFrame:
        names = self.header_names()
        cells = self.drop_blank_rows([_parse.as_cells(self.raw.frame[c]) for c in self.raw.frame])
        found = [c for c in REQUIRED_COLUMNS if c in names]
        if len(found) == len(REQUIRED_COLUMNS):
            self.report.schema = "reference"
            columns = self.reference(names, cells)
            order = [c for c in REFERENCE_COLUMNS if c in columns]
            order += [c for c in columns if c not in order]
            columns = {c: columns[c] for c in order}
            self.report.id_column = ID_COLUMN if ID_COLUMN in columns else None
            if (missing := optional_missing(columns)) is not None:
                self.warn(missing)
        elif len(found) >= len(REQUIRED_COLUMNS) / 2:
            self.missing_columns(names, found)
        else:
            columns = self.generic(names, cells)
        self.duplicate_ids(columns)
        frame = pd.DataFrame(columns)
        frame.index = pd.RangeIndex(len(frame))
        counts = frame.isna().sum()
        self.report.missing = {str(c): int(n) for c, n in counts.items() if n}
        return frame

    # -- header and rows ---------------------------------------------------------------------

    def header_names(self) -> list[str]:
        headers = [str(h) for h in self.raw.headers]
        names = [canonical_name(h) or f"column {i + 1}" for i, h in enumerate(headers)]
        values = [h.strip() for h in headers if h.strip()]
        if len(values) >= 2 and all(
            re.fullmatch(r"[-+$€£\d.,:/ ]*\d[-+\d.,:/ ]*", h) for h in values
        ):
            listed = ", ".join(f"'{h}'" for h in values[:3])
            self.fail(
                f"{self.unit} 1 holds values ({listed}, ...) where column names belong. "
                f"Add a header {self.unit} with the column names.",
                SchemaError,
            )
        groups: dict[str, list[int]] = {}
        for i, n in enumerate(names):
            groups.setdefault(_parse.header_key(n), []).append(i)
        repeated = [g for g in groups.values() if len(g) > 1]
        if repeated:
            g = repeated[0]
            where = " and ".join(f"{i + 1} ({headers[i].strip()!r})" for i in g)
            more = f" ({len(repeated) - 1} more names repeat too)" if len(repeated) > 1 else ""
            self.fail(
                f"column '{names[g[0]]}' appears {len(g)} times: columns {where}{more}. "
                "Delete or rename the extra column.",
                SchemaError,
            )
        self.report.column_map = {h: n for h, n in zip(headers, names, strict=True) if h != n}
        return names

    def drop_blank_rows(self, cells: list[pd.Series]) -> list[pd.Series]:
        empty = np.logical_and.reduce([c.isna().to_numpy() for c in cells]) | self.raw.blank
        if empty.any():
            text = self.raw.fmt == "csv"
            for i in np.flatnonzero(empty):
                why = "blank line" if text and self.raw.blank[i] else "all cells empty"
                self.report.rows_dropped.append((int(self.lines[i]), why))
            keep = ~empty
            cells = [c[keep].reset_index(drop=True) for c in cells]
            self.lines = self.lines[keep]
        if not len(self.lines):
            self.fail(
                f"has a header but no data {self.unit}s. Add the customer rows below the "
                f"header {self.unit}."
            )
        return cells

    def missing_columns(self, names: list[str], found: list[str]) -> NoReturn:
        missing = [c for c in REQUIRED_COLUMNS if c not in found]
        unknown = {_parse.header_key(n): n for n in names if n not in REFERENCE_COLUMNS}
        hints = []
        for column in missing:
            close = difflib.get_close_matches(_parse.header_key(column), unknown, n=1, cutoff=0.7)
            if close:
                hints.append(f"'{column}' instead of '{unknown[close[0]]}'")
        listed = ", ".join(f"'{c}'" for c in missing)
        s = "s" if len(missing) > 1 else ""
        hint = f" Did you mean {', '.join(hints)}?" if hints else ""
        self.fail(
            f"missing required column{s} {listed} (found {len(found)} of the "
            f"{len(REQUIRED_COLUMNS)} required reference columns).{hint} Rename the headers "
            "to the reference names or add the missing columns.",
            SchemaError,
        )

    # -- reference schema --------------------------------------------------------------------

    def reference(self, names: list[str], cells: list[pd.Series]) -> dict[str, pd.Series]:
        columns: dict[str, pd.Series] = {}
        for name, column in zip(names, cells, strict=True):
            if column.isna().all():
                if name in REQUIRED_COLUMNS:
                    self.fail(
                        f"required column '{name}' is empty: no {self.unit} has a value "
                        "in it. Fill it in (or check that the header is above the right "
                        "values).",
                        SchemaError,
                    )
                self.drop_column(name)
            elif name in NUMERIC_COLUMNS:
                columns[name] = self.reference_numbers(name, column)
            elif name in DATE_COLUMNS:
                columns[name] = self.dates(name, column, strict=True)
            elif name in CATEGORICAL_COLUMNS:
                columns[name] = _parse.as_text(column)
            else:
                columns[name] = self.numbers_or_text(column)
        return columns

    def numbers_or_text(self, column: pd.Series) -> pd.Series:
        """Float64 when every non-empty cell is a number, else the cells as text."""
        number = _parse.parse_numbers(column, decimal_comma=self.decimal_comma)
        if column.dtype.kind != "b" and not number.bad.any() and not number.mixed:
            return pd.Series(number.values, copy=False)
        return _parse.as_text(column)

    def drop_column(self, name: str) -> None:
        self.report.columns_dropped.append(name)
        self.warn(f"column '{name}' is empty (no {self.unit} has a value in it); it was dropped.")

    def reference_numbers(self, name: str, column: pd.Series) -> pd.Series:
        parsed = self.numbers(name, column)
        values = parsed.to_numpy()
        known = ~np.isnan(values)
        if name in BINARY_COLUMNS:
            wrong = known & (values != 0) & (values != 1)
            if wrong.any():
                self.fail_cells(
                    name, wrong, column, "must be 0 or 1", "Use 1 for yes and 0 for no."
                )
        elif name in INTEGER_COLUMNS and (wrong := known & (values % 1 != 0)).any():
            self.fail_cells(
                name, wrong, column, "must hold whole numbers", "Fix those cells (no decimals)."
            )
        if name in NON_NEGATIVE_COLUMNS and (wrong := known & (values < 0)).any():
            self.fail_cells(
                name,
                wrong,
                column,
                "cannot be negative",
                "Fix those cells (amounts and counts are 0 or more).",
            )
        return parsed

    def numbers(self, name: str, column: pd.Series) -> pd.Series:
        """Numbers of a column that must be numeric (else DataError naming the cells)."""
        parsed = _parse.parse_numbers(column, decimal_comma=self.decimal_comma)
        if parsed.mixed:
            p, c = parsed.point_example, parsed.comma_example
            assert p is not None and c is not None
            self.fail(
                f"column '{name}' mixes number formats: {self.unit} {self.lines[p]} has "
                f"{show(column.iloc[p])} (decimal point) but {self.unit} {self.lines[c]} "
                f"has {show(column.iloc[c])} (decimal comma). Write all numbers of the "
                "column the same way."
            )
        if parsed.bad.any():
            self.fail_cells(
                name, parsed.bad, column, "must be numeric", "Fix or empty those cells."
            )
        return pd.Series(parsed.values, copy=False)

    def dates(self, name: str, column: pd.Series, *, strict: bool) -> pd.Series | None:
        """Dates of a column (None if not ``strict`` and it does not parse cleanly)."""
        parsed = _parse.parse_dates(column)
        problem = parsed.mixed_order or parsed.bad.any()
        if problem and not strict:
            return None
        if parsed.mixed_order:
            assert parsed.day_first_only is not None and parsed.month_first_only is not None
            d, m = parsed.day_first_only.argmax(), parsed.month_first_only.argmax()
            self.fail(
                f"column '{name}' mixes day-first and month-first dates: {self.unit} "
                f"{self.lines[d]} has {show(column.iloc[d])} (day first) but {self.unit} "
                f"{self.lines[m]} has {show(column.iloc[m])} (month first). Write all "
                "dates the same way, e.g. dd-mm-yyyy."
            )
        human = _parse.human_format(parsed.format.split(" or ")[0])
        if parsed.bad.any():
            good = np.flatnonzero(~parsed.bad & column.notna().to_numpy())
            first = str(column.iloc[parsed.bad.argmax()])
            if len(good) and _parse.date_layout(first) not in (
                None,
                _parse.date_layout(str(column.iloc[good[0]])),
            ):
                example = f"{show(column.iloc[good[0]])}, {human}"
                self.fail_cells(
                    name,
                    parsed.bad,
                    column,
                    f"mixes date formats (most are like {example})",
                    "Write all dates in one format.",
                )
            what = "has a value that is not a valid date" + (f" in {human}" if len(good) else "")
            self.fail_cells(
                name,
                parsed.bad,
                column,
                what,
                "Use one date format for the whole "
                "column: dd-mm-yyyy, dd/mm/yyyy, m/d/yyyy or yyyy-mm-dd.",
            )
        self.report.date_formats[name] = parsed.format
        if parsed.ambiguous:
            self.warn(
                f"column '{name}': no date has a day or month above 12, so day-first or "
                f"month-first cannot be told apart; read as day-first ({human}). If the "
                "dates are month-first, save them as yyyy-mm-dd."
            )
        return parsed.values

    # -- generic tables ----------------------------------------------------------------------

    def generic(self, names: list[str], cells: list[pd.Series]) -> dict[str, pd.Series]:
        id_index = guess_id_column(names, cells)
        columns: dict[str, pd.Series] = {}
        usable = []
        for i, (name, column) in enumerate(zip(names, cells, strict=True)):
            if column.isna().all():
                self.drop_column(name)
                continue
            if i == id_index:
                self.report.id_column = name
                columns[name] = self.numbers_or_text(column)
                continue
            columns[name] = self.generic_column(name, column)
            kept = columns[name]
            if kept.dtype.kind == "f" or (
                kept.dtype == object
                and 2 <= kept.nunique() <= min(_MAX_CATEGORIES, kept.count() - 1)
            ):
                usable.append(name)
        if not usable:
            listed = ", ".join(f"'{n}'" for n in names[:8])
            self.fail(
                f"no column to segment customers on: no numeric column and no text column "
                f"with a few repeated values (like Gender). Columns: {listed}. Add numeric "
                "columns such as age, income or spending."
            )
        return columns

    def generic_column(self, name: str, column: pd.Series) -> pd.Series:
        kind = column.dtype.kind
        if kind in "fM":
            return column
        if kind == "b":
            return _parse.as_text(column)
        number = _parse.parse_numbers(column, decimal_comma=self.decimal_comma)
        if not number.bad.any() and not number.mixed:
            return pd.Series(number.values, copy=False)
        share = 1 - number.bad.sum() / column.count()
        if share >= _MOSTLY:
            return self.numbers(name, column)  # raises, naming the junk cells
        if _parse.looks_like_dates(column):
            dates = self.dates(name, column, strict=False)
            if dates is not None:
                return dates
        return _parse.as_text(column)

    def duplicate_ids(self, columns: dict[str, pd.Series]) -> None:
        name = self.report.id_column
        if name is not None and name in columns:
            message = repeated_ids(name, columns[name], self.lines, self.unit)
            if message:
                self.warn(message)
