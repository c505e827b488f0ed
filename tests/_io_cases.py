"""Shared inputs for the segmentation.io tests (test_io_formats, test_io_bad_input).

Inputs are built in tmp_path from a 12-row reference table you can check by hand: data row i
(0-based) is on file line i + 2, dates are day 13..24 (so day-first is settled), ID is 1001 + i.
Every builder returns fresh objects, so a test may edit what it gets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd

from segmentation.schema import CATEGORICAL_COLUMNS, NUMERIC_COLUMNS, REFERENCE_COLUMNS

MALL = """CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100)
1,Male,19,15,39
2,Male,21,15,81
3,Female,20,16,6
4,Female,23,16,77
5,Female,31,17,40
6,Female,22,17,76
7,Female,35,18,6
8,Female,23,18,94
9,Male,64,19,3
10,Female,30,19,72
11,Male,67,19,14
12,Female,35,19,99
"""


def customer_rows(n: int = 12) -> list[dict[str, str]]:
    """n reference-schema rows as text cells, in reference column order."""
    rows = []
    for i in range(n):
        row = dict.fromkeys(REFERENCE_COLUMNS, "0")
        row.update(
            ID=str(1001 + i),
            Year_Birth=str(1960 + i),
            Education=["Graduation", "PhD", "Master"][i % 3],
            Marital_Status=["Single", "Married", "Together"][i % 3],
            Income=str(30000 + 2500 * i),
            Kidhome=str(i % 2),
            Teenhome=str((i // 2) % 2),
            Dt_Customer=f"{13 + i:02d}-{1 + i % 9:02d}-2013",
            Recency=str(5 * i),
            MntWines=str(100 + 10 * i),
            NumWebVisitsMonth="5",
            AcceptedCmp1=str(i % 2),
            Z_CostContact="3",
            Z_Revenue="11",
            Response=str(i % 2),
        )
        rows.append(row)
    return rows


def table(
    edits: dict[tuple[int, str], str] | None = None,
    *,
    sep: str = "\t",
    newline: str = "\n",
    header: list[str] | None = None,
    rows: list[dict[str, str]] | None = None,
) -> str:
    """The 12-row table as delimited text, with cells (row, column) replaced by ``edits``."""
    rows = rows if rows is not None else customer_rows()
    for (i, column), value in (edits or {}).items():
        rows[i][column] = value
    header = header or list(rows[0])
    lines = [sep.join(header)] + [sep.join(r.values()) for r in rows]
    return newline.join(lines) + newline


def expected_frame() -> pd.DataFrame:
    """What the 12-row table must load as (built independently of the loader)."""
    frame = pd.DataFrame(customer_rows())
    for column in NUMERIC_COLUMNS:
        frame[column] = frame[column].astype("float64")
    for column in CATEGORICAL_COLUMNS:
        frame[column] = frame[column].astype(object)
    frame["Dt_Customer"] = pd.to_datetime(frame["Dt_Customer"], format="%d-%m-%Y").astype(
        "datetime64[ns]"
    )
    return frame


def write(tmp_path: Path, content: str | bytes, name: str = "customers.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def typed_rows() -> list[list[object]]:
    """The 12-row table as spreadsheet cells: numbers, real dates, text."""
    rows = customer_rows()
    out: list[list[object]] = [list(rows[0])]
    for row in rows:
        cells: list[object] = []
        for column, value in row.items():
            if column == "Dt_Customer":
                cells.append(dt.datetime.strptime(value, "%d-%m-%Y"))
            elif column in CATEGORICAL_COLUMNS:
                cells.append(value)
            else:
                cells.append(int(value))
        out.append(cells)
    return out


def drop_columns(*names: str) -> str:
    rows = [{k: v for k, v in r.items() if k not in names} for r in customer_rows()]
    return table(rows=rows)


def add_column(header: str, value: str = "7") -> str:
    rows = customer_rows()
    for r in rows:
        r["extra"] = value
    return table(rows=rows, header=[*REFERENCE_COLUMNS, header])


def with_lines(text: str, changes: Callable[[list[str]], None]) -> str:
    lines = text.splitlines()
    changes(lines)
    return "\n".join(lines) + "\n"
