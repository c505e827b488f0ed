"""Reading customer tables (CSV/TSV text, Excel .xlsx, Parquet) and writing results safely.

`load_customers` reads and validates a table into a typed frame and a `LoadReport`;
`formula_safe` makes a frame safe to open in a spreadsheet. The modules inside are the
loader's parts: ``read`` (bytes, encoding, delimiter), ``sheets`` (Excel, Parquet),
``parse`` (cells: numbers, dates, names), ``ids`` (ID columns), ``report`` and ``load``.
"""

from __future__ import annotations

from segmentation.io.export import formula_safe
from segmentation.io.load import load_customers
from segmentation.io.parse import canonical_name
from segmentation.io.report import LoadReport, LoadResult

__all__ = ["LoadReport", "LoadResult", "canonical_name", "formula_safe", "load_customers"]
