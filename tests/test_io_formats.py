"""segmentation.io on input it reads: formats, conventions and what the LoadReport says.

Covers the reference file and its semicolon/CRLF variant (skipped if ../shared/data is absent),
the four delimiters and both line ends, BOMs, quoting and UTF-16, incomes with currency signs
and thousands/decimal separators, date formats detected from the whole column, header
canonicalization, extra and optional columns, empty cells and blank rows (line numbers stay
true), generic non-reference tables, file-like sources, Excel workbooks, Parquet, and the
report's JSON form and summary. Inputs come from tests/_io_cases.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from segmentation.errors import DataError
from segmentation.io import LoadReport, LoadResult, canonical_name, load_customers
from segmentation.schema import NUMERIC_COLUMNS, REFERENCE_COLUMNS, REQUIRED_COLUMNS
from tests._io_cases import (
    MALL,
    customer_rows,
    drop_columns,
    expected_frame,
    table,
    typed_rows,
    with_lines,
    write,
    write_xlsx,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REFERENCE = DATA / "marketing_campaign.csv"
VARIANT = DATA / "variants" / "marketing_campaign_semicolon_crlf.csv"
needs_reference = pytest.mark.skipif(
    not (REFERENCE.exists() and VARIANT.exists()), reason="reference data ../shared/data absent"
)


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
    text = (
        "\r\n".join(
            ",".join(f'"{v}"' for v in r)
            for r in [list(rows[0]), *(list(r.values()) for r in rows)]
        )
        + "\r\n"
    )
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
    text = (
        "\n".join(
            ["\t".join(header[i] for i in order)]
            + ["\t".join(list(r.values())[i] for i in order) for r in rows]
        )
        + "\n"
    )
    frame, report = load_customers(write(tmp_path, text))
    assert report.column_map == {
        "INCOME ": "Income",
        "mnt_wines": "MntWines",
        "year_birth": "Year_Birth",
    }
    pd.testing.assert_frame_equal(frame, expected_frame())


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("income", "Income"),
        ("INCOME ", "Income"),
        (" Income", "Income"),
        ("mnt_wines", "MntWines"),
        ("Dt Customer", "Dt_Customer"),
        ("marital-status", "Marital_Status"),
        ("z_costcontact", "Z_CostContact"),
        ("  Favourite colour ", "Favourite colour"),
    ],
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
    frame, report = load_customers(
        write(tmp_path, drop_columns("ID", "Response", "Complain", "Z_CostContact", "Z_Revenue"))
    )
    assert report.schema == "reference" and report.id_column is None
    kept = [c for c in REFERENCE_COLUMNS if c in REQUIRED_COLUMNS or c.startswith("AcceptedCmp")]
    assert list(frame.columns) == kept
    assert report.warnings == [
        "customers.csv: the table has no Complain, Response: trained on the columns it has; "
        "no complaint figures; no held-out response or lift (shown as not available)."
    ]


def test_the_reference_schema_without_its_campaign_columns_trains(tmp_path: Path) -> None:
    campaigns = [c for c in REFERENCE_COLUMNS if c.startswith("AcceptedCmp")]
    frame, report = load_customers(write(tmp_path, drop_columns(*campaigns, "Response")))
    assert report.schema == "reference"
    assert report.warnings[0].startswith("customers.csv: the table has no AcceptedCmp1–5, Response")
    assert "no campaign features or past-campaign rates" in report.warnings[0]
    from segmentation.features import FeatureBuilder

    names = FeatureBuilder().fit(frame).get_feature_names_out()
    assert "CampaignsAccepted" not in names and "Income" in names


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
    keep = {"ID", *REQUIRED_COLUMNS[:9]}  # 9 of the 19 required: fewer than half
    frame, report = load_customers(
        write(tmp_path, drop_columns(*(c for c in REFERENCE_COLUMNS if c not in keep)))
    )
    assert report.schema == "generic" and report.id_column == "ID"
    assert frame.shape == (12, 10) and frame["Dt_Customer"].dtype == "datetime64[ns]"


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
    path = write_xlsx(
        tmp_path / "book.xlsx", {"Notes": [["exported 2014"]], "Customers": typed_rows()}
    )
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
