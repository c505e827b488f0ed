"""The Segments tab's views: the profile table with index columns and a 2-D map of customers.

Pure functions on a bundle (and, for the map, the customer table it was trained on).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA

from assistant.text import clean_label
from segmentation.bundle import Bundle

__all__ = ["index_columns", "segment_map", "segment_table"]

MAP_ROWS = 3000


def segment_table(bundle: Bundle) -> pd.DataFrame:
    """One row per persona: id, name, customers, share (%), the mean and the index (100 =
    average customer) of the key metrics, and the held-out response rate (%) and lift when
    the data has an outcome. Generic tables: every numeric metric of the profile."""
    profile, catalog = bundle.profile, bundle.profile.catalog
    chosen = catalog.keys_for("index_table")
    keys = [
        k for k in chosen or [m.key for m in catalog.metrics] if k in profile.population.metrics
    ]
    rows = []
    for seg in profile.segments:
        row: dict[str, Any] = {
            "id": seg.id,
            "persona": clean_label(bundle.names[seg.id], 60),
            "customers": seg.size,
            "share %": round(100 * seg.share, 1),
        }
        for key in keys:
            label = catalog.measure(key).short_label if chosen else clean_label(key, 30)
            row[label] = _rounded(seg.mean(key))
            row[f"{label} index"] = _rounded(seg.index(key), 0)
        response = seg.response
        if response is not None and response.rate is not None:
            row["response %"] = round(100 * response.rate, 1)
            row["lift"] = _rounded(response.lift, 2)
        rows.append(row)
    return pd.DataFrame(rows)


def index_columns(table: pd.DataFrame) -> list[str]:
    """The index columns of `segment_table` (for colouring)."""
    return [c for c in table.columns if c.endswith(" index")]


def _rounded(value: float | None, digits: int = 1) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits if abs(value) < 1000 else 0)


def segment_map(
    bundle: Bundle, customers: pd.DataFrame, max_rows: int = MAP_ROWS, random_state: int = 0
) -> pd.DataFrame:
    """Customers on the first two principal components of the model's feature matrix
    (``x``, ``y``, ``persona``), a seeded sample of at most ``max_rows`` rows, coloured by
    the persona the model assigns (ordered by segment id)."""
    seg = bundle.segmenter
    rng = np.random.default_rng(random_state)
    rows = np.arange(len(customers))
    if len(rows) > max_rows:
        rows = np.sort(rng.choice(rows, max_rows, replace=False))
    sample = customers.iloc[rows]
    Z = seg.transform(sample)
    labels = seg.proba_from_features(Z).argmax(axis=1)
    if Z.shape[1] < 2:  # a single feature: its values on x, nothing on y
        Z = np.column_stack([Z, np.zeros(len(Z))])
    xy = PCA(n_components=2, random_state=random_state).fit_transform(Z)
    names = np.array([clean_label(n, 60) for n in bundle.names], dtype=object)
    out = pd.DataFrame({"x": xy[:, 0].round(3), "y": xy[:, 1].round(3), "persona": names[labels]})
    return out.iloc[np.argsort(labels, kind="stable")].reset_index(drop=True)
