"""segmentation.io on input it rejects or flags: each error names the file, line/row and column.

Covers every kind of unusable input (empty, binary or non-table files, broken delimiters and
quoting, schema problems such as missing, misspelt or duplicate columns, junk numbers, bad or
mixed dates, damaged Excel/Parquet files, folders, missing paths) raising DataError or
SchemaError with a message that says what was expected, what came and where; and usable but
suspicious input (repeated IDs, empty extra columns, cp1252 text, ambiguous dates, several
customer sheets) loading with a line in report.warnings (data, not a Python warning).
Inputs come from tests/_io_cases.py.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from segmentation.errors import DataError, SchemaError
from segmentation.io import load_customers
from segmentation.schema import REFERENCE_COLUMNS
from tests._io_cases import (
    MALL,
    add_column,
    drop_columns,
    table,
    typed_rows,
    with_lines,
    write,
    write_xlsx,
)


def zip_with_csv() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("customers.csv", MALL)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Bad input: (content, file name, error type, fragments the message must contain)

HEADER = "\t".join(REFERENCE_COLUMNS)
# One case per entry, laid out as a table (ruff format would spread each over 5-7 lines).
# fmt: off
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
                 SchemaError, ["'Recency', 'MntWines' (found 17 of the 19"],
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
# fmt: on
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
# Usable but suspicious: a line in report.warnings


def test_duplicate_ids_warn_naming_ids_and_lines(tmp_path: Path) -> None:
    path = write(tmp_path, table({(3, "ID"): "1001", (6, "ID"): "1002"}))
    frame, report = load_customers(path)
    assert "column 'ID' has 2 repeated ID" in report.warnings[0]
    assert len(frame) == 12
    assert "'1001' (lines 2, 5)" in report.warnings[0]
    assert "'1002' (lines 3, 8)" in report.warnings[0]


def test_all_empty_extra_column_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, add_column("Notes", ""))
    frame, report = load_customers(path)
    assert any("column 'Notes' is empty" in w for w in report.warnings)
    assert "Notes" not in frame.columns
    assert report.columns_dropped == ["Notes"]


def test_cp1252_file_loads_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, table({(3, "Marital_Status"): "Ménard"}).encode("cp1252"))
    frame, report = load_customers(path)
    assert any("not UTF-8 (first non-UTF-8 byte on line 5" in w for w in report.warnings)
    assert frame.loc[3, "Marital_Status"] == "Ménard"
    assert report.encoding == "cp1252"


def test_ambiguous_dates_are_read_day_first_with_a_warning(tmp_path: Path) -> None:
    dates = {(i, "Dt_Customer"): f"0{1 + i % 9}/0{1 + i % 5}/2013" for i in range(12)}
    frame, report = load_customers(write(tmp_path, table(dates)))
    assert frame.loc[1, "Dt_Customer"] == pd.Timestamp("2013-02-02")
    assert frame.loc[2, "Dt_Customer"] == pd.Timestamp("2013-03-03")
    assert frame.loc[5, "Dt_Customer"] == pd.Timestamp("2013-01-06")  # '06/01/2013'
    assert report.date_formats == {"Dt_Customer": "%d/%m/%Y"}
    assert any("day-first" in w for w in report.warnings)


def test_several_customer_sheets_take_the_first_and_warn(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {"2013": typed_rows(), "2014": typed_rows()})
    frame, report = load_customers(path)
    assert any("several sheets have customer columns" in w for w in report.warnings)
    assert report.sheet == "2013"
    assert len(frame) == 12
