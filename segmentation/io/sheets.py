"""Read Excel (.xlsx) workbooks and Parquet files into a raw table for :mod:`segmentation.io`.

Part of the loader (:mod:`segmentation.io.read` sniffs the format and reads text). Row numbers are
those a spreadsheet shows: the header row's number, then one per row below it.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd

from segmentation.errors import DataError
from segmentation.io.parse import canonical_name, is_id_name
from segmentation.io.read import RawTable
from segmentation.schema import REQUIRED_COLUMNS

__all__ = ["read_parquet", "read_xlsx"]


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _damaged(name: str, kind: str, exc: BaseException) -> DataError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DataError(
        f"{name}: could not be read as {kind}: the file is damaged or incomplete ({detail}). "
        "Open it in the program that made it and save it again, or export the table as CSV."
    )


def read_xlsx(data: bytes, name: str) -> RawTable:
    """Read the sheet that holds the customer table (see :func:`_choose_sheet`)."""
    import openpyxl  # deferred: only Excel uploads need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _damaged(name, "an Excel workbook", exc) from None
    if "xl/workbook.xml" not in members:
        raise DataError(
            f"{name}: is a ZIP archive, not an Excel workbook. Unzip it and load the table inside."
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise _damaged(name, "an Excel workbook", exc) from None
    try:
        titles = [sheet.title for sheet in book.worksheets]
        heads: dict[str, tuple[int, list[str]]] = {}
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # stored dimensions can be wrong; read what is there
            found = None  # header: the first row with 2+ cells (a title above it is skipped)
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                names = [str(v).strip() if _filled(v) else "" for v in row]
                if sum(map(bool, names)) >= 2:
                    found = (number, names)
                    break
                found = found or ((number, names) if any(names) else None)
                if number >= 50 and found:
                    break
            if found:
                heads[sheet.title] = found
        title, notes = _choose_sheet(name, titles, heads)
        rows = list(book[title].iter_rows(values_only=True))
    except DataError:
        raise
    except Exception as exc:
        raise _damaged(name, "an Excel workbook", exc) from None
    finally:
        book.close()
    top, header = heads[title]
    body = rows[top:]
    while body and not any(_filled(v) for v in body[-1]):
        body.pop()  # formatted but empty rows below the table
    named = [i for i, h in enumerate(header) if h]
    left = (j for row in body for j, v in enumerate(row[: named[0]]) if _filled(v))
    first, last = min(left, default=named[0]), named[-1] + 1
    for i, row in enumerate(body):
        beyond = [j for j in range(last, len(row)) if _filled(row[j])]
        if beyond:
            raise DataError(
                f"{name}: sheet '{title}' row {top + 1 + i} has a value in column "
                f"{_column_letter(beyond[0])}, right of the last column named in header row {top}. "
                "Give that column a header or clear the cell."
            )
    width = last - first
    cells = [tuple(row[first:last]) + (None,) * (width - len(row[first:last])) for row in body]
    frame = pd.DataFrame(cells, columns=range(width), dtype=object)
    lines = np.arange(top + 1, top + 1 + len(body))
    blank = np.array([not any(_filled(v) for v in row) for row in cells], dtype=bool)
    header = (header + [""] * width)[first:last]
    return RawTable(header, frame, lines, blank, "xlsx", "row", sheet=title, notes=notes)


def _column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB' (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _choose_sheet(
    name: str, titles: list[str], heads: dict[str, tuple[int, list[str]]]
) -> tuple[str, list[str]]:
    """The sheet with the customer columns.

    The only non-empty sheet; else the sheets with at least half of the required reference
    columns, else those with a customer-id column: the first of several (with a note). No
    candidate is an error that lists the sheet names.
    """
    if not heads:
        raise DataError(f"{name}: the workbook has no data (sheets: {_names(titles)}).")
    if len(heads) == 1:
        return next(iter(heads)), []

    def reference_like(header: list[str]) -> bool:
        found = {canonical_name(h) for h in header} & set(REQUIRED_COLUMNS)
        return len(found) >= len(REQUIRED_COLUMNS) / 2

    found = [t for t, (_, h) in heads.items() if reference_like(h)]
    found = found or [t for t, (_, h) in heads.items() if any(is_id_name(x) for x in h)]
    if not found:
        raise DataError(
            f"{name}: none of the sheets {_names(titles)} has customer columns (a header row with "
            "e.g. ID, Income, Year_Birth, or a customer id). Put the customer table on one sheet "
            "under a single header row."
        )
    notes = []
    if len(found) > 1:
        notes.append(
            f"{name}: several sheets have customer columns ({_names(found)}); read '{found[0]}'. "
            "Delete or move the others if that is not the right one."
        )
    return found[0], notes


def _names(titles: list[str]) -> str:
    return ", ".join(f"'{t}'" for t in titles)


def read_parquet(data: bytes, name: str) -> RawTable:
    """Read a Parquet file; a named index (e.g. saved from pandas) becomes a column."""
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for damaged files
        raise _damaged(name, "a Parquet file", exc) from None
    if frame.index.name is not None or not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    headers = [str(c) for c in frame.columns]
    frame = frame.set_axis(range(len(headers)), axis=1).reset_index(drop=True)
    lines = np.arange(2, len(frame) + 2)
    return RawTable(headers, frame, lines, np.zeros(len(frame), bool), "parquet", "row")
