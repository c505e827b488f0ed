"""The customer ID column of a generic table, and IDs that repeat: the loader's ID rules."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from segmentation.io import parse as _parse
from segmentation.io.parse import show

__all__ = ["guess_id_column", "repeated_ids"]


def guess_id_column(names: list[str], cells: list[pd.Series]) -> int | None:
    """Index of the ID column: the first id-like header (id, customer id, CustomerID ...),
    else the first column when its header has "id" as a word ("Kunden-ID", "CustID",
    "id_kunde") and its values are unique whole numbers; None without one."""
    ids = [i for i, n in enumerate(names) if _parse.is_id_name(n)]
    if ids:
        return ids[0]
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", names[0])
    if "id" in (w.lower() for w in words):
        first = _parse.parse_numbers(cells[0])
        values = pd.Series(first.values)
        whole = values.notna().all() and (values % 1 == 0).all()
        if not first.bad.any() and whole and values.is_unique:
            return 0
    return None


def repeated_ids(name: str, ids: pd.Series, lines: np.ndarray, unit: str) -> str | None:
    """A warning naming up to three repeated IDs of column ``name`` and where they are
    (``lines``: the line or row number of each value, ``unit``: "line" or "row"); None when
    every ID is unique."""
    repeated = (ids.duplicated(keep=False) & ids.notna()).to_numpy()
    if not repeated.any():
        return None
    values = pd.unique(ids[repeated])
    parts = []
    for value in values[:3]:
        where = lines[(ids == value).to_numpy()]
        parts.append(f"{show(value)} ({unit}s {', '.join(str(n) for n in where[:4])})")
    more = f" and {len(values) - 3} more" if len(values) > 3 else ""
    return (
        f"column '{name}' has {len(values)} repeated ID(s): {'; '.join(parts)}{more}. "
        "The rows are kept; check whether they are the same customer entered twice."
    )
