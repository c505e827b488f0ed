"""Tests of segmentation.io: formats and conventions it reads, and the bad input it rejects.

Inputs are built in tmp_path from a 12-row reference table you can check by hand: data row i
(0-based) is on file line i + 2, dates are day 13..24 (so day-first is settled), ID is 1001 + i.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from segmentation.errors import DataError, DataQualityWarning, SchemaError
from segmentation.io import LoadReport, LoadResult, canonical_name, load_customers
from segmentation.schema import (
    CATEGORICAL_COLUMNS,
    NUMERIC_COLUMNS,
    REFERENCE_COLUMNS,
    REQUIRED_COLUMNS,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REFERENCE = DATA / "marketing_campaign.csv"
VARIANT = DATA / "variants" / "marketing_campaign_semicolon_crlf.csv"
needs_reference = pytest.mark.skipif(
    not (REFERENCE.exists() and VARIANT.exists()), reason="reference data ../shared/data absent"
)

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


def zip_with_csv() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("customers.csv", MALL)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Bad input: (content, file name, error type, fragments the message must contain)

HEADER = "\t".join(REFERENCE_COLUMNS)
BAD_TEXT = [
    pytest.param(b"", "customers.csv", DataError, ["customers.csv: the file is empty (0 bytes)"],
                 id="empty-file"),
    pytest.param(b" \n\t\r\n  \n", "customers.csv", DataError, ["only blank space"],
                 id="whitespace-only"),
    pytest.param(HEADER + "\n", "customers.csv", DataError, ["has a header but no data lines"],
                 id="header-only"),
    pytest.param(HEADER + "\n\n \n\n", "customers.csv", DataError, ["no data lines"],
                 id="header-and-blank-lines"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(64), "customers.csv", DataError,
                 ["is a PNG image, not a table"], id="png-image"),
    pytest.param(b"ID,Income\n1,\x00\x00\x00\x00", "customers.csv", DataError,
                 ["binary data", "NUL byte at byte 13"], id="nul-bytes"),
    pytest.param(np.random.default_rng(0).integers(1, 256, 4000, dtype=np.uint8).tobytes(),
                 "customers.csv", DataError, ["is not a text table"], id="random-bytes"),
    pytest.param(with_lines(table(), lambda ls: (ls.insert(3, "<<<<<<< HEAD"),
                                                 ls.insert(6, "======="),
                                                 ls.insert(9, ">>>>>>> feature"))),
                 "customers.csv", DataError,
                 ["merge-conflict marker", "line 4 has '<<<<<<< HEAD'", "lines 7, 10"],
                 id="merge-conflict-markers"),
    pytest.param("<!DOCTYPE html>\n<html><body><table><tr><td>ID</td></tr></table></body></html>",
                 "customers.csv", DataError, ["is an HTML web page"], id="html-page"),
    pytest.param('[{"ID": 1, "Income": 5000}]', "customers.csv", DataError, ["is JSON"],
                 id="json"),
    pytest.param("ID:Income:Age\n1:5000:30\n2:6000:40\n", "customers.csv", DataError,
                 ["could not detect the column delimiter", "'ID:Income:Age'"],
                 id="unknown-delimiter"),
    pytest.param('"ID:Name, full:Age"\n"1:Ann, B:30"\n', "customers.csv", DataError,
                 ["could not detect the column delimiter", "only one column was found"],
                 id="unknown-delimiter-comma-inside-quotes"),
    pytest.param(with_lines(table(), lambda ls: (ls.__setitem__(3, ls[3] + "\tx"),
                                                 ls.__setitem__(8, ls[8] + "\ty"))),
                 "customers.csv", DataError,
                 ["line 4 has 30 fields", "(1 more row like it: line 9)", "header has 29"],
                 id="too-many-fields"),
    pytest.param(with_lines(table(), lambda ls: ls.__setitem__(5, ls[5].rsplit("\t", 2)[0])),
                 "customers.csv", DataError, ["line 6 has 27 fields", "header has 29"],
                 id="too-few-fields"),
    pytest.param('ID,Name,Age\n1,"Ann,30\n2,Bob,40\n', "customers.csv", DataError,
                 ['line 2 opens a quoted value (") that is never closed'], id="unclosed-quote"),
    pytest.param(table(header=[c if c != "Income" else "Incme" for c in REFERENCE_COLUMNS]),
                 "customers.csv", SchemaError,
                 ["missing required column 'Income'", "Did you mean 'Income' instead of 'Incme'?"],
                 id="missing-column-misspelt"),
    pytest.param(drop_columns("Recency", "MntWines", "AcceptedCmp2"), "customers.csv",
                 SchemaError, ["'Recency', 'MntWines', 'AcceptedCmp2'", "found 21 of the 24"],
                 id="missing-several-columns"),
    pytest.param(add_column("Income"), "customers.csv", SchemaError,
                 ["column 'Income' appears 2 times", "columns 5 ('Income') and 30 ('Income')"],
                 id="duplicate-column"),
    pytest.param(add_column(" income"), "customers.csv", SchemaError,
                 ["column 'Income' appears 2 times", "columns 5 ('Income') and 30 ('income')"],
                 id="duplicate-after-canonical-naming"),
    pytest.param(table(header=[str(1000 + i) for i in range(29)]), "customers.csv", SchemaError,
                 ["line 1 holds values ('1000', '1001', '1002', ...)"], id="no-header-line"),
    pytest.param(table({(3, "Income"): "n/a", (5, "Income"): "n/a", (9, "Income"): "?"}),
                 "customers.csv", DataError,
                 ["customers.csv: column 'Income' must be numeric; line 5 has 'n/a' "
                  "(2 more rows like it: lines 7, 11). Fix or empty those cells."],
                 id="non-numeric"),
    pytest.param(table({(1, "MntWines"): "-5"}), "customers.csv", DataError,
                 ["column 'MntWines' cannot be negative; line 3 has '-5'"], id="negative-amount"),
    pytest.param(table({(2, "Income"): "-100"}), "customers.csv", DataError,
                 ["column 'Income' cannot be negative; line 4 has '-100'"], id="negative-income"),
    pytest.param(table({(10, "Kidhome"): "-1"}), "customers.csv", DataError,
                 ["column 'Kidhome' cannot be negative; line 12 has '-1'"], id="negative-count"),
    pytest.param(table({(1, "Year_Birth"): "1985.5"}), "customers.csv", DataError,
                 ["column 'Year_Birth' must hold whole numbers; line 3 has '1985.5'"],
                 id="fractional-year"),
    pytest.param(table({(3, "AcceptedCmp1"): "2"}), "customers.csv", DataError,
                 ["column 'AcceptedCmp1' must be 0 or 1; line 5 has '2'"], id="binary-two"),
    pytest.param(table({(6, "Complain"): "0.5"}), "customers.csv", DataError,
                 ["column 'Complain' must be 0 or 1; line 8 has '0.5'"], id="binary-half"),
    pytest.param(table({(0, "Response"): "yes"}), "customers.csv", DataError,
                 ["column 'Response' must be numeric; line 2 has 'yes'"], id="binary-text"),
    pytest.param(table({(2, "Dt_Customer"): "yesterday"}), "customers.csv", DataError,
                 ["column 'Dt_Customer' has a value that is not a valid date",
                  "line 4 has 'yesterday'"], id="date-matches-no-format"),
    pytest.param(table({(2, "Dt_Customer"): "31-02-2013"}), "customers.csv", DataError,
                 ["column 'Dt_Customer' has a value that is not a valid date in dd-mm-yyyy",
                  "line 4 has '31-02-2013'"], id="impossible-date"),
    pytest.param(table({(2, "Dt_Customer"): "2013-01-14", (7, "Dt_Customer"): "2013/02/01"}),
                 "customers.csv", DataError,
                 ["column 'Dt_Customer' mixes date formats", "line 4 has '2013-01-14'",
                  "line 9"], id="mixed-date-formats"),
    pytest.param(table({(2, "Dt_Customer"): "01-14-2013"}), "customers.csv", DataError,
                 ["mixes day-first and month-first dates", "line 2 has '13-01-2013' (day first)",
                  "line 4 has '01-14-2013' (month first)"], id="mixed-day-month-order"),
    pytest.param(table({(i, "Recency"): "" for i in range(12)}), "customers.csv", SchemaError,
                 ["customers.csv: required column 'Recency' is empty"], id="empty-required-column"),
    pytest.param(table({(2, "Income"): "1,5", (4, "Income"): "2.5"}), "customers.csv", DataError,
                 ["column 'Income' mixes number formats", "line 6 has '2.5' (decimal point)",
                  "line 4 has '1,5' (decimal comma)"], id="mixed-decimal-marks"),
    pytest.param(b"PK\x03\x04" + bytes(range(200)), "customers.xlsx", DataError,
                 ["customers.xlsx: could not be read as an Excel workbook", "damaged"],
                 id="corrupt-xlsx"),
    pytest.param(MALL, "customers.xlsx", DataError,
                 ["customers.xlsx: is named .xlsx but is not an Excel workbook"],
                 id="text-named-xlsx"),
    pytest.param(b"PAR1" + bytes(range(100)) + b"PAR1", "customers.parquet", DataError,
                 ["customers.parquet: could not be read as a Parquet file", "damaged"],
                 id="corrupt-parquet"),
    pytest.param(MALL, "customers.parquet", DataError,
                 ["is named .parquet but is not a Parquet file"], id="text-named-parquet"),
    pytest.param(zip_with_csv(), "customers.csv", DataError,
                 ["is a ZIP archive, not an Excel workbook"], id="zip-archive"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "customers.xls", DataError,
                 ["old-style Excel .xls workbook", "save it as .xlsx or CSV"], id="legacy-xls"),
    pytest.param("Name,Email\nAnn,ann@example.com\nBob,bob@example.com\n", "people.csv",
                 DataError, ["people.csv: no column to segment customers on", "'Name', 'Email'"],
                 id="generic-nothing-usable"),
    pytest.param(MALL.replace("3,Female,20", "3,Female,n/a"), "mall.csv", DataError,
                 ["mall.csv: column 'Age' must be numeric; line 4 has 'n/a'"],
                 id="generic-numeric-column-with-junk"),
]


@pytest.mark.parametrize(("content", "name", "error", "fragments"), BAD_TEXT)
def test_bad_input_raises_a_helpful_error(
    tmp_path: Path, content: str | bytes, name: str, error: type[DataError], fragments: list[str]
) -> None:
    path = write(tmp_path, content, name)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(error) as caught:
        load_customers(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    for fragment in fragments:
        assert fragment in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # never modified


def test_directory_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=rf"{tmp_path.name}: is a folder, not a file"):
        load_customers(tmp_path)


def test_missing_path_is_a_data_error_not_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nope\.csv: no such file") as caught:
        load_customers(tmp_path / "nope.csv")
    assert not isinstance(caught.value, FileNotFoundError)


def test_workbook_without_customer_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Notes": [["read me"], ["x"]],
                                               "Totals": [["Year", "Sum"], [2013, 5]]})
    with pytest.raises(DataError, match="book.xlsx: none of the sheets 'Notes', 'Totals'"):
        load_customers(path)


def test_workbook_value_right_of_the_header_names_row_and_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Data": [["ID", "Age"], [1, 30], [2, 40, "x"]]})
    with pytest.raises(DataError, match="sheet 'Data' row 3 has a value in column C"):
        load_customers(path)


def test_empty_workbook_is_a_data_error(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Sheet1": []})
    with pytest.raises(DataError, match="book.xlsx: the workbook has no data"):
        load_customers(path)


def test_wrong_source_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="path or a file-like"):
        load_customers(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Usable but suspicious: a DataQualityWarning and a line in report.warnings


def test_duplicate_ids_warn_naming_ids_and_lines(tmp_path: Path) -> None:
    path = write(tmp_path, table({(3, "ID"): "1001", (6, "ID"): "1002"}))
    with pytest.warns(DataQualityWarning, match="column 'ID' has 2 repeated ID"):
        frame, report = load_customers(path)
    assert len(frame) == 12
    assert "'1001' (lines 2, 5)" in report.warnings[0]
    assert "'1002' (lines 3, 8)" in report.warnings[0]


def test_all_empty_extra_column_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, add_column("Notes", ""))
    with pytest.warns(DataQualityWarning, match="column 'Notes' is empty"):
        frame, report = load_customers(path)
    assert "Notes" not in frame.columns
    assert report.columns_dropped == ["Notes"]


def test_cp1252_file_loads_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, table({(3, "Marital_Status"): "Ménard"}).encode("cp1252"))
    with pytest.warns(DataQualityWarning, match=r"not UTF-8 \(first non-UTF-8 byte on line 5"):
        frame, report = load_customers(path)
    assert frame.loc[3, "Marital_Status"] == "Ménard"
    assert report.encoding == "cp1252"


def test_ambiguous_dates_are_read_day_first_with_a_warning(tmp_path: Path) -> None:
    dates = {(i, "Dt_Customer"): f"0{1 + i % 9}/0{1 + i % 5}/2013" for i in range(12)}
    with pytest.warns(DataQualityWarning, match="read as day-first"):
        frame, report = load_customers(write(tmp_path, table(dates)))
    assert frame.loc[1, "Dt_Customer"] == pd.Timestamp("2013-02-02")
    assert frame.loc[2, "Dt_Customer"] == pd.Timestamp("2013-03-03")
    assert frame.loc[5, "Dt_Customer"] == pd.Timestamp("2013-01-06")  # '06/01/2013'
    assert report.date_formats == {"Dt_Customer": "%d/%m/%Y"}
    assert any("day-first" in w for w in report.warnings)


def test_several_customer_sheets_take_the_first_and_warn(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"2013": typed_rows(), "2014": typed_rows()})
    with pytest.warns(DataQualityWarning, match="several sheets have customer columns"):
        frame, report = load_customers(path)
    assert report.sheet == "2013"
    assert len(frame) == 12


# --------------------------------------------------------------------------------------------
# What it reads


@needs_reference
def test_reference_file_loads_typed() -> None:
    frame, report = load_customers(REFERENCE)
    assert frame.shape == (2240, 29)
    assert list(frame.columns) == list(REFERENCE_COLUMNS)
    assert report.schema == "reference" and report.id_column == "ID"
    assert report.format == "csv" and report.delimiter == "\t"
    assert report.missing == {"Income": 24}
    assert report.rows_read == 2240 and report.rows_dropped == [] and report.warnings == []
    assert report.date_formats == {"Dt_Customer": "%d-%m-%Y"}
    assert frame.loc[0, "Dt_Customer"] == pd.Timestamp("2012-09-04")
    assert frame["Dt_Customer"].dtype == "datetime64[ns]"
    assert all(frame[c].dtype == "float64" for c in NUMERIC_COLUMNS)
    assert frame["Education"].dtype == object and type(frame.loc[0, "Education"]) is str
    assert isinstance(frame.index, pd.RangeIndex)


@needs_reference
def test_semicolon_crlf_variant_gives_the_same_frame() -> None:
    frame, _ = load_customers(REFERENCE)
    variant, report = load_customers(VARIANT)
    assert report.delimiter == ";" and report.date_formats == {"Dt_Customer": "%d/%m/%Y"}
    pd.testing.assert_frame_equal(variant, frame)


def test_small_table_loads_exactly(tmp_path: Path) -> None:
    result = load_customers(write(tmp_path, table()))
    assert isinstance(result, LoadResult) and isinstance(result.report, LoadReport)
    pd.testing.assert_frame_equal(result.frame, expected_frame())


@pytest.mark.parametrize("sep", ["\t", ",", ";", "|"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_any_of_the_four_delimiters_and_line_ends(tmp_path: Path, sep: str, newline: str) -> None:
    frame, report = load_customers(write(tmp_path, table(sep=sep, newline=newline)))
    assert report.delimiter == sep
    pd.testing.assert_frame_equal(frame, expected_frame())


def test_bom_quoted_fields_and_embedded_delimiter(tmp_path: Path) -> None:
    rows = customer_rows()
    rows[0]["Education"] = "Graduation, honours"
    text = "\r\n".join(",".join(f'"{v}"' for v in r) for r in [list(rows[0]), *(
        list(r.values()) for r in rows)]) + "\r\n"
    frame, report = load_customers(write(tmp_path, "\ufeff" + text))
    assert report.encoding == "utf-8-sig"
    assert list(frame.columns) == list(REFERENCE_COLUMNS)  # no BOM in the first name
    assert frame.loc[0, "Education"] == "Graduation, honours"
    assert frame.loc[1, "Income"] == 32500.0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])  # with and without a BOM
def test_utf16_file_loads(tmp_path: Path, encoding: str) -> None:
    frame, report = load_customers(write(tmp_path, table().encode(encoding)))
    assert report.encoding == encoding
    pd.testing.assert_frame_equal(frame, expected_frame())


@pytest.mark.parametrize(
    ("cell", "sep", "value"),
    [
        ("$58,138.00", "\t", 58138.0),
        ("58,138", "\t", 58138.0),
        ("58 138", "\t", 58138.0),
        ("£58138", "\t", 58138.0),
        ("58138.5", "\t", 58138.5),
        ("€58.138,50", ";", 58138.5),
        ("58.138", ";", 58138.0),
        ("58138,5", ";", 58138.5),
        ("58,138", ";", 58.138),  # ambiguous: a ;-separated file means a decimal comma
    ],
)
def test_income_with_currency_and_separators_is_parsed(
    tmp_path: Path, cell: str, sep: str, value: float
) -> None:
    quoted = f'"{cell}"' if sep in cell else cell
    frame, _ = load_customers(write(tmp_path, table({(2, "Income"): quoted}, sep=sep)))
    assert frame.loc[2, "Income"] == value
    assert frame.loc[3, "Income"] == 37500.0


@pytest.mark.parametrize(
    ("fmt", "chosen"),
    [
        ("%d-%m-%Y", "%d-%m-%Y"),
        ("%d/%m/%Y", "%d/%m/%Y"),
        ("%m/%d/%Y", "%m/%d/%Y"),
        ("%Y-%m-%d", "%Y-%m-%d"),
        ("%Y-%m-%d 00:00:00", "%Y-%m-%d %H:%M:%S"),
        ("%m/%d/%Y 13:05", "%m/%d/%Y %H:%M"),
    ],
)
def test_date_formats_are_detected_from_the_whole_column(
    tmp_path: Path, fmt: str, chosen: str
) -> None:
    days = [dt.datetime(2013, 1 + i % 9, 13 + i) for i in range(12)]
    cells = {(i, "Dt_Customer"): d.strftime(fmt) for i, d in enumerate(days)}
    frame, report = load_customers(write(tmp_path, table(cells)))
    assert report.date_formats == {"Dt_Customer": chosen}
    assert frame.loc[11, "Dt_Customer"].date() == dt.date(2013, 3, 24)


def test_m_d_yyyy_without_leading_zeros(tmp_path: Path) -> None:
    cells = {(i, "Dt_Customer"): f"{1 + i % 9}/{13 + i}/2013" for i in range(12)}
    cells[0, "Dt_Customer"] = "9/4/2012 13:05"
    frame, report = load_customers(write(tmp_path, table(cells)))
    assert frame.loc[0, "Dt_Customer"] == pd.Timestamp("2012-09-04 13:05")
    assert frame.loc[1, "Dt_Customer"] == pd.Timestamp("2013-02-14")
    assert report.date_formats["Dt_Customer"].startswith("%m/%d/%Y")


def test_headers_are_canonicalized_and_reordered(tmp_path: Path) -> None:
    header = list(REFERENCE_COLUMNS)
    header[4], header[9], header[1] = "INCOME ", "mnt_wines", "year_birth"
    rows = customer_rows()
    order = list(reversed(range(29)))
    text = "\n".join(["\t".join(header[i] for i in order)] + [
        "\t".join(list(r.values())[i] for i in order) for r in rows]) + "\n"
    frame, report = load_customers(write(tmp_path, text))
    assert report.column_map == {
        "INCOME ": "Income", "mnt_wines": "MntWines", "year_birth": "Year_Birth"
    }
    pd.testing.assert_frame_equal(frame, expected_frame())


@pytest.mark.parametrize(
    ("header", "canonical"),
    [("income", "Income"), ("INCOME ", "Income"), (" Income", "Income"),
     ("mnt_wines", "MntWines"), ("Dt Customer", "Dt_Customer"), ("marital-status",
                                                                  "Marital_Status"),
     ("z_costcontact", "Z_CostContact"), ("  Favourite colour ", "Favourite colour")],
)
def test_canonical_name(header: str, canonical: str) -> None:
    assert canonical_name(header) == canonical


def test_extra_columns_are_kept_as_numbers_or_text(tmp_path: Path) -> None:
    rows = customer_rows()
    for i, r in enumerate(rows):
        r["Loyalty points"] = f'"{i * 1000:,}"'  # "0" ... "11,000", quoted in a comma file
        r["Region"] = ["North", "South"][i % 2]
    frame, report = load_customers(write(tmp_path, table(rows=rows, sep=",")))
    assert list(frame.columns[-2:]) == ["Loyalty points", "Region"]
    assert frame["Loyalty points"].dtype == "float64" and frame.loc[2, "Loyalty points"] == 2000
    assert frame["Region"].dtype == object and frame.loc[1, "Region"] == "South"
    assert report.schema == "reference"


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    frame, report = load_customers(write(tmp_path, drop_columns(
        "ID", "Response", "Complain", "Z_CostContact", "Z_Revenue")))
    assert report.schema == "reference" and report.id_column is None
    assert list(frame.columns) == [c for c in REFERENCE_COLUMNS if c in REQUIRED_COLUMNS]


def test_empty_cells_stay_missing_and_are_counted(tmp_path: Path) -> None:
    path = write(tmp_path, table({(1, "Income"): "", (4, "Income"): " ", (5, "Education"): ""}))
    frame, report = load_customers(path)
    assert np.isnan(frame.loc[1, "Income"]) and np.isnan(frame.loc[4, "Income"])
    assert report.missing == {"Education": 1, "Income": 2}
    assert "fit-time medians" in report.summary()


def test_blank_rows_are_dropped_and_line_numbers_stay_true(tmp_path: Path) -> None:
    text = with_lines(table(), lambda ls: (ls.insert(3, ""), ls.insert(6, "\t" * 28)))
    frame, report = load_customers(write(tmp_path, text))
    assert len(frame) == 12 and report.rows_read == 14
    assert report.rows_dropped == [(4, "blank line"), (7, "all cells empty")]
    bad = with_lines(text, lambda ls: ls.__setitem__(9, ls[9].replace("\t5\t", "\tfive\t", 1)))
    with pytest.raises(DataError, match="line 10 has 'five'"):
        load_customers(write(tmp_path, bad))


def test_junk_far_down_a_big_file_is_found_with_its_line(tmp_path: Path) -> None:
    rows = [dict(r, ID=str(n)) for n, r in enumerate(customer_rows() * 300, start=1)]
    rows[3498]["Income"] = "$1,000"  # past pandas' first parsing chunk
    path = write(tmp_path, table(rows=rows))
    frame, _ = load_customers(path)
    assert frame.loc[3498, "Income"] == 1000.0
    assert frame.loc[3499, "Income"] == 47500.0  # row 3499 is table row 3499 % 12 = 7
    rows[3590]["Income"] = "n/a"
    with pytest.raises(DataError, match=r"column 'Income' must be numeric; line 3592 has 'n/a'\."):
        load_customers(write(tmp_path, table(rows=rows)))


def test_quoted_newline_keeps_line_numbers_true(tmp_path: Path) -> None:
    text = table({(0, "Education"): '"Graduation\nwith honours"', (3, "Income"): "n/a"}, sep=",")
    with pytest.raises(DataError, match="line 6 has 'n/a'"):
        load_customers(write(tmp_path, text))


def test_fewer_than_half_the_required_columns_is_generic_not_an_error(tmp_path: Path) -> None:
    keep = {"ID", "Year_Birth", "Education", "Marital_Status", "Income", "Kidhome", "Teenhome",
            "Dt_Customer", "Recency", "MntWines", "MntFruits", "MntMeatProducts"}  # 11 required
    frame, report = load_customers(write(tmp_path, drop_columns(
        *(c for c in REFERENCE_COLUMNS if c not in keep))))
    assert report.schema == "generic" and report.id_column == "ID"
    assert frame.shape == (12, 12) and frame["Dt_Customer"].dtype == "datetime64[ns]"


def test_single_data_row_loads(tmp_path: Path) -> None:
    frame, report = load_customers(write(tmp_path, table(rows=customer_rows(1))))
    assert len(frame) == 1 and report.rows_read == 1


def test_generic_mall_table(tmp_path: Path) -> None:
    frame, report = load_customers(write(tmp_path, MALL, "Mall_Customers.csv"))
    assert report.schema == "generic" and report.id_column == "CustomerID"
    assert frame.shape == (12, 5)
    assert frame["Age"].dtype == "float64" and frame["Age"].sum() == 390
    assert frame["Gender"].dtype == object and frame["Gender"].value_counts()["Female"] == 8
    assert frame["CustomerID"].tolist() == [float(i) for i in range(1, 13)]


def test_generic_table_with_dates_and_european_numbers() -> None:
    text = "Kunden-ID;Alter;Umsatz;Seit\n1;30;1.234,50;2013-01-02\n2;40;2.000,00;2014-05-06\n"
    frame, report = load_customers(io.StringIO(text), name="kunden.csv")
    assert report.id_column == "Kunden-ID" and report.source == "kunden.csv"
    assert frame["Umsatz"].tolist() == [1234.5, 2000.0]
    assert frame["Seit"].dtype == "datetime64[ns]"
    assert report.date_formats == {"Seit": "%Y-%m-%d"}


def test_file_like_sources(tmp_path: Path) -> None:
    expected = expected_frame()
    frame, report = load_customers(io.BytesIO(table().encode()), name="upload.csv")
    assert report.source == "upload.csv"
    pd.testing.assert_frame_equal(frame, expected)
    frame, report = load_customers(io.StringIO(table()))
    assert report.source == "uploaded file" and report.encoding is None
    pd.testing.assert_frame_equal(frame, expected)
    with open(write(tmp_path, table()), "rb") as handle:
        frame, report = load_customers(handle)
    assert report.source == "customers.csv"
    pd.testing.assert_frame_equal(frame, expected)


def test_excel_workbook_picks_the_customer_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"Notes": [["exported 2014"]],
                                               "Customers": typed_rows()})
    frame, report = load_customers(path)
    assert report.format == "xlsx" and report.sheet == "Customers" and report.delimiter is None
    assert report.date_formats == {"Dt_Customer": "native"}
    pd.testing.assert_frame_equal(frame, expected_frame())
    frame, _ = load_customers(io.BytesIO(path.read_bytes()))  # no extension: sniffed
    pd.testing.assert_frame_equal(frame, expected_frame())


def test_workbook_title_rows_are_skipped_and_errors_name_sheet_rows(tmp_path: Path) -> None:
    rows = [["Customer export, June 2014"], [], *typed_rows()]
    frame, report = load_customers(write_xlsx(tmp_path / "book.xlsx", {"Export": rows}))
    assert report.unit == "row" and report.rows_read == 12
    pd.testing.assert_frame_equal(frame, expected_frame())
    rows[6][4] = "n/a"  # data row 3 sits on sheet row 7 (title, blank, header, 3 rows above it)
    with pytest.raises(DataError, match="book.xlsx: column 'Income' must be numeric; row 7 has"):
        load_customers(write_xlsx(tmp_path / "book.xlsx", {"Export": rows}))


def test_parquet_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "customers.parquet"
    expected_frame().to_parquet(path)
    frame, report = load_customers(path)
    assert report.format == "parquet" and report.unit == "row"
    pd.testing.assert_frame_equal(frame, expected_frame())


def test_report_is_json_serializable_and_summarizes(tmp_path: Path) -> None:
    text = with_lines(table({(1, "Income"): ""}), lambda ls: ls.insert(4, ""))
    _, report = load_customers(write(tmp_path, text))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["rows_dropped"] == [[5, "blank line"]]
    assert data["missing"] == {"Income": 1} and data["schema"] == "reference"
    summary = report.summary()
    assert "customers.csv: 13 rows read (tab-separated); reference schema." in summary
    assert "Dropped 1 row: line 5 (blank line)." in summary
    assert "Empty cells: Income 1." in summary
