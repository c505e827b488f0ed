"""The catalog of any other customer table, built from its columns (or, for a saved profile,
from the labels it recorded): each numeric column is a metric, each categorical one a
dimension profiled as a mix, keyed by `metric_key` of the column name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from segmentation.catalog.common import RESPONSE, SHARE, SIZE
from segmentation.catalog.core import Catalog, Dimension, Measure
from segmentation.errors import DataError
from segmentation.io.parse import is_id_name
from segmentation.schema import ID_COLUMN, OUTCOME_COLUMN

__all__ = ["generic_catalog", "generic_columns", "labels_catalog", "metric_key"]


def metric_key(column: str) -> str:
    """Stable snake_case key of a column name: ``"Annual Income (k$)"`` → ``annual_income_k``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(column))
    text = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    return text or "column"


def generic_columns(frame: pd.DataFrame, max_categories: int = 10) -> list[str]:
    """Columns a generic table is clustered on: numeric and low-cardinality categoricals.

    Leaves out an ID-like column, the outcome, dates, constant columns and free text.
    """
    chosen = []
    for col in frame.columns:
        if col in (ID_COLUMN, OUTCOME_COLUMN) or is_id_name(str(col)):  # the loader's rule
            continue
        values = frame[col]
        if pd.api.types.is_datetime64_any_dtype(values) or values.nunique(dropna=True) < 2:
            continue
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            chosen.append(col)
        elif values.nunique(dropna=True) <= max_categories:
            chosen.append(col)
    return chosen


def _catalog(
    numeric: Mapping[str, str],
    categorical: Mapping[str, str],
    outcome: bool,
    order: Sequence[str] = (),
) -> Catalog:
    """A generic catalog; ``order`` is the keys in the table's column order."""
    metrics = [Measure(k, str(col), source=str(col)) for k, col in numeric.items()]
    dimensions = [Dimension(k, str(col), str(col)) for k, col in categorical.items()]
    response = RESPONSE if outcome else ()
    return Catalog(
        "generic",
        (SIZE, SHARE, *metrics, *response),
        tuple(dimensions),
        outcome=OUTCOME_COLUMN if outcome else None,
        sets={"columns": tuple(order or [*numeric, *categorical])},
    )


def generic_catalog(
    frame: pd.DataFrame, columns: Sequence[str] | None = None, outcome: str = OUTCOME_COLUMN
) -> Catalog:
    """The catalog of a table's ``columns`` (default: `generic_columns`), without the ID and
    the outcome: numeric columns are metrics, the others dimensions (keys deduplicated)."""
    chosen = list(columns) if columns is not None else generic_columns(frame)
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise DataError(f"columns not in the table: {', '.join(map(repr, missing))}.")
    numeric: dict[str, str] = {}
    categorical: dict[str, str] = {}
    order: list[str] = []
    for col in (c for c in chosen if c not in (outcome, ID_COLUMN)):
        key = metric_key(col)
        while key in order:
            key += "_"
        order.append(key)
        is_number = pd.api.types.is_numeric_dtype(frame[col])
        (numeric if is_number else categorical)[key] = col
    return _catalog(numeric, categorical, outcome in frame.columns, order)


def labels_catalog(
    labels: Mapping[str, str], metrics: Sequence[str], mixes: Sequence[str], outcome: bool
) -> Catalog:
    """The catalog a saved generic profile describes: its ``metrics`` and ``mixes`` keys with
    their ``labels`` (the column names)."""
    order = [k for k in labels if k in {*metrics, *mixes}]
    return _catalog(
        {k: labels.get(k, k) for k in metrics},
        {k: labels.get(k, k) for k in mixes},
        outcome,
        order,
    )
