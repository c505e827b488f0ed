"""Turn a customer file (CSV/TSV text, .xlsx, Parquet) into a raw table for :mod:`segmentation.io`.

Private helper module. It finds the format from the content (magic bytes) and the name, the
text encoding, the delimiter, the header, and the file line (or sheet row) of every data row.
It never writes to the input. Everything it rejects raises :class:`DataError`.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

import numpy as np
import pandas as pd

from segmentation.errors import DataError
from segmentation.io.parse import describe_rows

__all__ = ["RawTable", "read_source", "read_text", "sniff_format"]

_DELIMITERS = MappingProxyType({"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"})
_SAMPLE_BYTES = 64 * 1024
_SAMPLE_RECORDS = 50
_FIX_FORMAT = "Save the table as CSV (comma- or semicolon-separated), as .xlsx, or as Parquet."
_NOT_TABLES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a Windows program"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKER = re.compile(rb"^(?:<{7}|={7}|>{7})(?=[ \r\n]|$)[^\r\n]*", re.MULTILINE)


@dataclass
class RawTable:
    """A table as read: header texts, raw cells per column position, and where each row is."""

    headers: list[str]
    frame: pd.DataFrame  # columns 0..n-1 in file order; one row per data row (blank ones too)
    lines: np.ndarray  # file line (CSV) or sheet row of each frame row, header = 1
    blank: np.ndarray  # rows that are blank lines in the file
    fmt: str
    unit: str = "line"
    delimiter: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)  # usable-but-suspicious findings


def read_source(
    source: str | os.PathLike[str] | IO[Any], name: str | None
) -> tuple[bytes, str, bool]:
    """Return (content, display name, whether the source handed over decoded text)."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        display = name or path.name or str(source)
        if not str(source).strip():
            raise DataError("No file given: the path is empty. Choose a CSV, Excel or Parquet.")
        if path.is_dir():
            raise DataError(f"{display}: is a folder, not a file. Choose the table file inside it.")
        try:
            return path.read_bytes(), display, False
        except FileNotFoundError:
            raise DataError(f"{display}: no such file ({path}). Check name and folder.") from None
        except OSError as exc:
            raise DataError(f"{display}: could not be opened ({exc.strerror or exc}).") from None
    if not callable(getattr(source, "read", None)):
        raise TypeError(f"source must be a path or a file-like object, not {type(source).__name__}")
    display = name or Path(str(getattr(source, "name", "") or "")).name or "uploaded file"
    try:
        content = source.read()
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{display}: could not be read as text ({exc.reason}); pass the file opened in binary "
            "mode ('rb') so the encoding can be detected."
        ) from None
    except OSError as exc:
        raise DataError(f"{display}: could not be read ({exc}).") from None
    if isinstance(content, str):
        return content.encode("utf-8"), display, True
    if not isinstance(content, bytes | bytearray | memoryview):
        raise TypeError(f"source.read() returned {type(content).__name__}, not bytes or str")
    return bytes(content), display, False


def sniff_format(data: bytes, name: str) -> str:
    """ "xlsx", "parquet" or "csv" from the content (magic bytes), checked against the name."""
    ext = Path(name).suffix.lower()
    if not data:
        raise DataError(f"{name}: the file is empty (0 bytes). Choose the file with your data.")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "xlsx"
    if data.startswith(b"PAR1"):
        return "parquet"
    if data.startswith(_OLE2):
        raise DataError(
            f"{name}: is an old-style Excel .xls workbook (Excel 97-2003), which cannot be read. "
            "Open it in Excel and save it as .xlsx or CSV."
        )
    for magic, kind in _NOT_TABLES:
        if data.startswith(magic):
            raise DataError(f"{name}: is {kind}, not a table. {_FIX_FORMAT}")
    if ext in (".xlsx", ".xlsm"):
        raise DataError(
            f"{name}: is named {ext} but is not an Excel workbook (it starts with "
            f"{data[:12]!r}); the file is damaged or misnamed. Re-save it from Excel."
        )
    if ext in (".parquet", ".pq"):
        raise DataError(
            f"{name}: is named {ext} but is not a Parquet file (no 'PAR1' signature); the file is "
            "damaged or misnamed. Export it again."
        )
    return "csv"


def _decode(data: bytes, name: str, text_input: bool) -> tuple[bytes, str | None, list[str]]:
    """Return the content as UTF-8 bytes, the encoding it was in, and notes for the report."""
    odd, even = data[:1024][1::2], data[:1024][0::2]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(odd) > 1 and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        encoding = "utf-16-le"
    elif len(even) > 1 and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        encoding = "utf-16-be"
    else:
        encoding = None
    if encoding:
        try:
            text = data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise DataError(
                f"{name}: looks like UTF-16 text but cannot be decoded as such. "
                f"Save it again as UTF-8 CSV."
            ) from None
        return text.encode("utf-8"), encoding, []
    head = data[:_SAMPLE_BYTES]
    nul = head.find(b"\x00")
    controls = sum(head.count(bytes([c])) for c in (*range(0, 9), 11, 12, *range(14, 32), 127))
    if nul >= 0 or controls > 0.01 * len(head):
        where = f" (e.g. a NUL byte at byte {nul + 1})" if nul >= 0 else ""
        raise DataError(f"{name}: is not a text table: it holds binary data{where}. {_FIX_FORMAT}")
    if text_input:
        return data.removeprefix(b"\xef\xbb\xbf"), None, []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:], "utf-8-sig", []
    if data.isascii():
        return data, "utf-8", []
    try:
        data.decode("utf-8")
        return data, "utf-8", []
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    line = data.count(b"\n", 0, bad_at) + 1
    start = data.rfind(b"\n", 0, bad_at) + 1
    before = data[start : bad_at + 1].decode(encoding)
    after = data[bad_at + 1 : bad_at + 40].decode(encoding, "replace")
    word = re.findall(r"[^\s,;|\"]*$", before)[0] + re.findall(r"^[^\s,;|\"]*", after)[0]
    note = (
        f"{name}: the file is not UTF-8 (first non-UTF-8 byte on line {line}, in {word!r}); it was "
        f"read as Windows-1252 ({encoding}). Check accented letters, or save the file as UTF-8."
    )
    return text.encode("utf-8"), encoding, [note]


def _check_text(data: bytes, name: str) -> None:
    """Reject text that is not a delimited table: blank, HTML/XML, JSON, merge conflicts."""
    if data.isspace():
        raise DataError(f"{name}: holds only blank space, no table. Choose the file with the data.")
    head = data[:2048].decode("utf-8", "replace").lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<table", "<!--")):
        raise DataError(
            f"{name}: is an HTML web page, not a table file. Download the data itself (a 'CSV' or "
            "'Excel' export link), or open the page in Excel and save it as .xlsx or CSV."
        )
    if head.startswith("<?xml"):
        raise DataError(f"{name}: is an XML document, not a table. {_FIX_FORMAT}")
    if head.startswith(("{", "[")):
        raise DataError(
            f"{name}: is JSON, not a table. Convert it to a table first, e.g. with "
            "pandas.read_json(...).to_csv(...), or export the data as CSV."
        )
    if b"<<<<<<<" in data or b">>>>>>>" in data or b"=======" in data:
        hits = list(_MARKER.finditer(data))
        if hits:
            lines = [data.count(b"\n", 0, m.start()) + 1 for m in hits]
            texts = [m.group().decode("utf-8", "replace").strip() for m in hits]
            raise DataError(
                f"{name}: unresolved merge-conflict marker: {describe_rows('line', lines, texts)}. "
                "Resolve the conflict (keep one version of the rows) and delete the marker lines."
            )


def _detect_delimiter(data: bytes, name: str) -> str:
    """Pick the delimiter whose field count is most consistent over the first ~50 records."""
    sample = data[:_SAMPLE_BYTES]
    if len(data) > _SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rfind(b"\n") + 1]
    text = sample.decode("utf-8", "replace")
    best: tuple[tuple[float, int], str] | None = None
    for delimiter in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            rows = [r for r in islice(reader, _SAMPLE_RECORDS + 10) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        rows = rows[: _SAMPLE_RECORDS + 1]
        if not rows or len(rows[0]) < 2:
            continue
        width, body = len(rows[0]), rows[1:]
        share = sum(len(r) == width for r in body) / len(body) if body else 1.0
        if best is None or (share, width) > best[0]:
            best = ((share, width), delimiter)
    if best is None:
        first = text.strip().splitlines()[0] if text.strip() else ""
        first = first if len(first) <= 60 else first[:57] + "..."
        raise DataError(
            f"{name}: could not detect the column delimiter: only one column was found, and the "
            f"first line {first!r} has no tab, comma, semicolon or pipe between column names. "
            "Save the table as CSV (comma- or semicolon-separated) or as tab-separated text."
        )
    return best[1]


def _scan(
    data: bytes, delimiter: str, name: str
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Header, and per data record: first line number, field count, blank flag."""
    if b'"' not in data:  # fast path: one record per line
        rows = data.split(b"\n")
        if rows[-1] == b"":
            rows.pop()
        header = rows[0].decode("utf-8").rstrip("\r").split(delimiter)
        body = rows[1:]
        sep = delimiter.encode()
        counts = np.fromiter(map(bytes.count, body, repeat(sep)), np.int64, count=len(body)) + 1
        blank = np.zeros(len(body), dtype=bool)
        for i in np.flatnonzero(counts == 1):
            blank[i] = not body[i].strip()
        return header, np.arange(2, len(body) + 2), counts, blank
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter)
    starts, counts, blanks = [], [], []
    try:
        header = next(reader)
        last = reader.line_num
        for row in reader:
            starts.append(last + 1)
            counts.append(len(row))
            blanks.append(not row or (len(row) == 1 and not row[0].strip()))
            last = reader.line_num
    except csv.Error as exc:
        line = reader.line_num + 1
        raise DataError(f"{name}: line {line} cannot be read as CSV ({exc}).") from None
    if starts and reader.line_num > starts[-1] and data.count(b'"') % 2:
        raise DataError(
            f'{name}: line {starts[-1]} opens a quoted value (") that is never closed, so the '
            "rest of the file reads as one cell. Close the quote or remove it."
        )
    starts_, counts_ = np.array(starts, np.int64), np.array(counts, np.int64)
    return header, starts_, counts_, np.array(blanks, bool)


def read_text(data: bytes, name: str, *, text_input: bool = False) -> RawTable:
    """Read delimited text: encoding, delimiter, header, and the file line of every record."""
    data, encoding, notes = _decode(data, name, text_input)
    _check_text(data, name)
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")  # old Mac line ends
    lead = data[: re.match(rb"\s*", data).end()]  # type: ignore[union-attr]
    offset = lead.count(b"\n")  # blank lines above the header
    data = data[lead.rfind(b"\n") + 1 :] if offset else data
    delimiter = _detect_delimiter(data, name)
    header, lines, counts, blank = _scan(data, delimiter, name)
    lines = lines + offset
    width, what = len(header), _DELIMITERS[delimiter]
    too_many = f"A value probably contains the {what}: quote it or remove the extra {what}."
    too_few = f"Add the missing cells (an empty cell still needs its {what})."
    for wrong, tip in ((~blank & (counts > width), too_many), (~blank & (counts < width), too_few)):
        if wrong.any():
            where = describe_rows(
                "line", lines[wrong], [f"{n} fields" for n in counts[wrong]], quote=False
            )
            raise DataError(f"{name}: {where}, but the header has {width}. {tip}")
    frame = _pandas_csv(data, delimiter, width, name)
    if len(frame) != len(lines):  # quoting the scanner read differently: fall back to positions
        lines = np.arange(2, len(frame) + 2) + offset
        blank = np.zeros(len(frame), dtype=bool)
    return RawTable(header, frame, lines, blank, "csv", "line", delimiter, encoding, None, notes)


def _pandas_csv(data: bytes, delimiter: str, width: int, name: str) -> pd.DataFrame:
    """Parse with pandas' C engine; numbers come typed, anything else stays text."""
    options: dict[str, Any] = dict(
        sep=delimiter,
        header=0,
        names=list(range(width)),
        index_col=False,
        engine="c",
        skip_blank_lines=False,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
        decimal="," if delimiter == ";" else ".",
        quotechar='"',
    )
    try:
        # Where chunks disagree on a column's type pandas emits a DtypeWarning (a note on
        # its own chunking, left to the application's filters: a library must not change
        # process-wide filters) and the column is read again as text here.
        frame = pd.read_csv(io.BytesIO(data), low_memory=True, **options)
        mixed = [
            c
            for c in frame.columns
            if frame[c].dtype == object
            and pd.api.types.infer_dtype(frame[c], skipna=True) != "string"
        ]
        if mixed:  # chunks disagreed on the type: read those columns again as text
            text = pd.read_csv(io.BytesIO(data), usecols=mixed, dtype=str, **options)
            frame[mixed] = text[mixed]
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as exc:
        detail = str(exc).strip().splitlines()[-1]
        raise DataError(
            f"{name}: could not be parsed as {_DELIMITERS[delimiter]}-separated text ({detail}). "
            'Check for a quote (") that is opened but never closed.'
        ) from None
    return frame
