"""Vectorized cell parsing for :mod:`segmentation.io`: text cleanup, numbers, dates, messages.

Private helper module with no I/O. Every function works on a whole column with pandas or
pyarrow kernels; the only Python loops run over a few hundred sample values at most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from types import MappingProxyType

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmentation.schema import REFERENCE_COLUMNS

__all__ = [
    "DateParse",
    "NumberParse",
    "as_cells",
    "as_text",
    "canonical_name",
    "date_layout",
    "describe_rows",
    "header_key",
    "human_format",
    "is_id_name",
    "looks_like_dates",
    "parse_dates",
    "parse_numbers",
    "show",
]

# Currency signs and grouping spaces/apostrophes are dropped before a number is read.
_JUNK = r"[\s\x{00a0}\x{202f}'’$€£¥]"
_EXP = r"(?:[eE][+-]?\d+)?$"
# A number written with a decimal point (58,138.50) or with a decimal comma (58.138,50).
_POINT = r"^[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)" + _EXP
_COMMA = r"^[+-]?(?:\d{1,3}(?:\.\d{3})+(?:,\d*)?|\d+(?:,\d*)?|,\d+)" + _EXP

_DATE = re.compile(
    r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?$"
)
_TIMES = (
    "",
    " %H:%M:%S",
    " %H:%M",
    " %H:%M:%S.%f",
    "T%H:%M:%S",
    "T%H:%M",
    "T%H:%M:%S.%f",
    " %I:%M %p",
    " %I:%M:%S %p",
)


_ID_KEYS = frozenset(
    {
        "id",
        "customerid",
        "custid",
        "clientid",
        "customerno",
        "customernumber",
        "clientnumber",
        "clientno",
        "memberid",
        "userid",
        "accountid",
    }
)


def header_key(header: str) -> str:
    """Compare-key of a header: lower case, without spaces, underscores, hyphens or BOM."""
    return re.sub(r"[\s_\-\ufeff\u200b]+", "", str(header)).lower()


_REFERENCE_KEYS = MappingProxyType({header_key(c): c for c in REFERENCE_COLUMNS})


def canonical_name(header: str) -> str:
    """The reference name of ``header`` ("INCOME " -> "Income", "mnt_wines" -> "MntWines").

    Case, surrounding spaces and ``_``/space/``-`` differences are ignored; a header that is not a
    reference column is returned stripped.
    """
    clean = str(header).replace("\ufeff", "").strip()
    return _REFERENCE_KEYS.get(header_key(clean), clean)


def is_id_name(header: str) -> bool:
    """True for id-like headers: id, customer id, CustomerID, customer_id, client id ..."""
    return header_key(header) in _ID_KEYS


def show(value: object) -> str:
    """Quote a cell value for a message: ``'n/a'``, ``'1985.5'``, ``'-5'``."""
    if isinstance(value, float | np.floating) and np.isfinite(value) and float(value).is_integer():
        text = str(int(value))
    elif isinstance(value, pd.Timestamp):
        text = value.isoformat(sep=" ")
    else:
        text = str(value)
    return "'" + (text if len(text) <= 40 else text[:37] + "...") + "'"


def describe_rows(
    unit: str, lines: Sequence[int], values: Sequence[object], *, quote: bool = True, shown: int = 5
) -> str:
    """Say where faulty cells are: ``line 18 has 'n/a' (3 more rows like it: lines 40, 41)``."""
    first = f"{unit} {int(lines[0])} has {show(values[0]) if quote else values[0]}"
    more = len(lines) - 1
    if more == 0:
        return first
    listed = ", ".join(str(int(n)) for n in lines[1 : 1 + shown])
    tail = ", ..." if more > shown else ""
    plural = "row" if more == 1 else "rows"
    where = unit if more == 1 else unit + "s"
    return f"{first} ({more} more {plural} like it: {where} {listed}{tail})"


def _cell_text(value: object) -> str:
    """Text of one spreadsheet/Parquet cell as a user would have typed it."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, datetime | pd.Timestamp):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def as_cells(column: pd.Series) -> pd.Series:
    """Normalize a raw column to float64, datetime64[ns], bool, or trimmed text (NaN if empty)."""
    s = column.reset_index(drop=True)
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    kind = s.dtype.kind
    if kind == "b" and not s.isna().any():
        return s.astype(bool)
    if kind in "iuf":
        return pd.Series(s.to_numpy(dtype="float64", na_value=np.nan), copy=False)
    if kind == "M":
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            s = s.dt.tz_convert(None)
        return s.astype("datetime64[ns]")
    if kind != "O" and not pd.api.types.is_string_dtype(s.dtype):
        s = s.astype(object)
    inferred = pd.api.types.infer_dtype(s, skipna=True)
    if inferred in ("integer", "floating", "mixed-integer-float"):  # e.g. Excel number cells
        return pd.Series(pd.to_numeric(s).to_numpy(dtype="float64", na_value=np.nan))
    if inferred in ("datetime", "datetime64", "date"):  # e.g. Excel date cells
        return pd.Series(pd.to_datetime(s), dtype="datetime64[ns]")
    if inferred not in ("string", "empty"):
        s = s.map(_cell_text, na_action="ignore")
    s = s.astype("str").str.strip()
    return s.mask(s == "")


def as_text(cells: pd.Series) -> pd.Series:
    """A normalized column as plain Python ``str`` objects (NaN where empty)."""
    if cells.dtype.kind != "O" and not pd.api.types.is_string_dtype(cells.dtype):
        cells = cells.map(_cell_text, na_action="ignore")
    return cells.astype(object)


def _arrow(text: pd.Series) -> pa.ChunkedArray | pa.Array:
    """The Arrow view of a text column (zero-copy for pandas' Arrow-backed str dtype)."""
    return pa.array(text.astype("str"))


def _mask(arr: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A boolean Arrow result as a numpy mask (null counts as False)."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


@dataclass(frozen=True)
class NumberParse:
    """A column read as numbers: values (NaN where empty or bad) and where it went wrong."""

    values: np.ndarray
    bad: np.ndarray
    decimal_comma: bool = False
    point_example: int | None = None  # a cell only a decimal point explains (if conventions mix)
    comma_example: int | None = None  # a cell only a decimal comma explains (if conventions mix)

    @property
    def mixed(self) -> bool:
        """True when some cells need a decimal point and others a decimal comma."""
        return self.point_example is not None and self.comma_example is not None


def parse_numbers(cells: pd.Series, *, decimal_comma: bool = False) -> NumberParse:
    """Read a normalized column as float64.

    Currency signs ($ € £ ¥) and grouping spaces are ignored. Each column picks one convention:
    a value only a decimal point explains ("58,138.50", "2.5") or only a decimal comma explains
    ("58.138,50", "2,5") decides; an ambiguous column ("58,138" only) follows ``decimal_comma``
    (the file's convention: True for ;-separated files). ``inf``/``nan`` text counts as bad.
    """
    if cells.dtype.kind == "b":
        return NumberParse(cells.to_numpy(dtype="float64"), np.zeros(len(cells), dtype=bool))
    if cells.dtype.kind == "f":
        values = cells.to_numpy(dtype="float64", copy=True)
        bad = np.isinf(values)
        values[bad] = np.nan
        return NumberParse(values, bad)
    if cells.dtype.kind == "M":
        return NumberParse(np.full(len(cells), np.nan), cells.notna().to_numpy())
    present = cells.notna().to_numpy()
    arr = pc.replace_substring_regex(_arrow(cells), _JUNK, "")
    point, comma = (
        _mask(pc.match_substring_regex(arr, _POINT)),
        _mask(pc.match_substring_regex(arr, _COMMA)),
    )
    point_only, comma_only = point & ~comma, comma & ~point
    point_at = int(point_only.argmax()) if point_only.any() else None
    comma_at = int(comma_only.argmax()) if comma_only.any() else None
    use_comma = comma_at is not None and (point_at is None or comma_only.sum() > point_only.sum())
    use_comma = use_comma or (point_at is None and comma_at is None and decimal_comma)
    if use_comma:
        valid = comma
        arr = pc.replace_substring(pc.replace_substring(arr, ".", ""), ",", ".")
    else:
        valid = point
        arr = pc.replace_substring(arr, ",", "")
    arr = pc.if_else(pa.array(valid), arr, pa.scalar(None, arr.type))
    values = np.asarray(pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False), dtype="float64")
    return NumberParse(values, present & ~valid, use_comma, point_at, comma_at)


def date_layout(value: str) -> str | None:
    """The layout of one date text: "ymd-", "dm/Y" ... (order, separator, year width) or None."""
    m = _DATE.match(value)
    if m is None:
        return None
    first, sep, last = m.group(1), m.group(2), m.group(4)
    if len(first) == 4:
        return "ymd" + sep
    if len(last) in (2, 4) and len(first) <= 2:
        return "dm" + sep + ("Y" if len(last) == 4 else "y")
    return None


def human_format(fmt: str) -> str:
    """'%d-%m-%Y %H:%M' -> 'dd-mm-yyyy hh:mm' for messages."""
    for code, text in (
        ("%d", "dd"),
        ("%m", "mm"),
        ("%Y", "yyyy"),
        ("%y", "yy"),
        ("%H", "hh"),
        ("%I", "hh"),
        ("%M", "mm"),
        ("%S", "ss"),
        ("%f", "ffffff"),
        ("%p", "AM"),
    ):
        fmt = fmt.replace(code, text)
    return fmt


def _sample(cells: pd.Series, size: int = 500) -> list[str]:
    present = cells.dropna()
    head = present.iloc[:size]
    return [str(v) for v in head.drop_duplicates()]


def looks_like_dates(cells: pd.Series) -> bool:
    """True when (nearly) all of the first few hundred non-empty texts are shaped like dates."""
    if cells.dtype.kind == "M":
        return True
    if cells.dtype.kind in "bif":
        return False
    sample = _sample(cells)
    return bool(sample) and sum(date_layout(v) is not None for v in sample) >= 0.9 * len(sample)


@dataclass(frozen=True)
class DateParse:
    """A column read as dates, with the format chosen and the cells no format explains."""

    values: pd.Series
    bad: np.ndarray
    format: str
    ambiguous: bool = False
    day_first_only: np.ndarray | None = None  # cells only a day-first reading explains
    month_first_only: np.ndarray | None = None  # cells only a month-first reading explains

    @property
    def mixed_order(self) -> bool:
        """True when some cells are day-first and others month-first."""
        return bool(
            self.day_first_only is not None
            and self.month_first_only is not None
            and self.day_first_only.any()
            and self.month_first_only.any()
        )


def _parse_as(cells: pd.Series, date_fmt: str, times: Sequence[str]) -> tuple[np.ndarray, str]:
    """Parse with ``date_fmt`` plus each time suffix in turn on the cells still unparsed."""
    out = np.full(len(cells), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = cells.notna().to_numpy(copy=True)
    used = []
    for suffix in times:
        if not todo.any():
            break
        where = np.flatnonzero(todo)
        part = cells if len(where) == len(cells) else cells.iloc[where]
        parsed = pd.to_datetime(part, format=date_fmt + suffix, errors="coerce")
        parsed = parsed.astype("datetime64[ns]").to_numpy()
        hit = ~np.isnat(parsed)
        if hit.any():
            used.append(date_fmt + suffix)
            out[where[hit]] = parsed[hit]
            todo[where[hit]] = False
    return out, " or ".join(used) if used else date_fmt


def parse_dates(cells: pd.Series) -> DateParse:
    """Read a normalized column as datetime64[ns], choosing one format from the whole column.

    The layout (separator, year position) comes from the most common shape among the first
    texts; day-first versus month-first is settled by any day > 12 (resp. month field > 12)
    anywhere in the column; a column that stays ambiguous is read day-first (``ambiguous``).
    """
    if cells.dtype.kind == "M":
        return DateParse(cells.astype("datetime64[ns]"), np.zeros(len(cells), bool), "native")
    present = cells.notna().to_numpy()
    if cells.dtype.kind in "bif":
        return DateParse(_dates(np.full(len(cells), np.datetime64("NaT"), "M8[ns]")), present, "")
    codes, uniques = pd.factorize(cells.reset_index(drop=True), use_na_sentinel=True)
    found = _parse_unique(pd.Series(np.asarray(uniques, dtype=object)))
    take = codes >= 0

    def spread(values: np.ndarray) -> np.ndarray:  # unique values back to the rows
        out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
        out[take] = values[codes[take]]
        return out

    if len(found) == 2:
        values = spread(found[0])
        return DateParse(_dates(values), present & np.isnat(values), found[1])
    day, day_fmt, month, month_fmt = found
    day, month = spread(day), spread(month)
    day_bad, month_bad = present & np.isnat(day), present & np.isnat(month)
    day_only, month_only = month_bad & ~day_bad, day_bad & ~month_bad
    if month_bad.sum() < day_bad.sum():
        return DateParse(_dates(month), month_bad, month_fmt, False, day_only, month_only)
    ambiguous = not day_bad.any() and not month_bad.any()
    return DateParse(_dates(day), day_bad, day_fmt, ambiguous, day_only, month_only)


def _parse_unique(texts: pd.Series) -> tuple:
    """Parse distinct date texts: (values, format) for year-first layouts, else the day-first
    and the month-first readings (values, format, values, format)."""
    layouts = Counter(date_layout(v) for v in texts.iloc[:500])
    layouts.pop(None, None)
    layout = layouts.most_common(1)[0][0] if layouts else "dm-Y"
    timed = texts.str.contains(":", regex=False).to_numpy(dtype=bool)
    with_time = tuple(t for t in _TIMES if t)
    times = with_time if timed.all() else ("", *with_time) if timed.any() else ("",)
    if layout.startswith("ymd"):
        sep = layout[3]
        return _parse_as(texts, f"%Y{sep}%m{sep}%d", times)
    sep, year = layout[2], "%" + layout[3]
    return (
        *_parse_as(texts, f"%d{sep}%m{sep}{year}", times),
        *_parse_as(texts, f"%m{sep}%d{sep}{year}", times),
    )


def _dates(values: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="datetime64[ns]", copy=False)
