"""Quality figures of a segmentation: internal criteria and the held-out outcome.

Internal criteria (silhouette on a sample, Calinski-Harabasz, Davies-Bouldin, bootstrap
stability, smallest share) may be used to choose a model. The held-out outcome figures
(Response rate per segment with a Wilson 95% interval, lift over the base rate) never are:
they are the proof that segments mean something.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_score,
)

__all__ = [
    "QUALITY_FIGURES",
    "QualityFigure",
    "quality_rows",
    "bootstrap_stability",
    "internal_scores",
    "response_by_segment",
    "sampled_silhouette",
    "spend_variance_explained",
    "total_spend",
    "variance_explained",
    "wilson_interval",
]

SILHOUETTE_SAMPLE = 10_000


@dataclass(frozen=True)
class QualityFigure:
    """A model quality figure of the bundle's ``metrics``: its key, label, how it is shown
    (a format spec) and what it says."""

    key: str
    label: str
    spec: str
    meaning: str

    def shown(self, value: float) -> str:
        """The value as shown: ``0.254``, ``5.1%``."""
        return format(value, self.spec)


# The quality figures every view shows (CLI, report, app), in this order.
QUALITY_FIGURES = (
    QualityFigure(
        "silhouette", "silhouette", ".3f",
        "how well separated the segments are (-1 to 1; 0.1-0.3 is usual for customer data)",
    ),
    QualityFigure(
        "stability", "stability (bootstrap ARI)", ".2f",
        "agreement of refits on resampled data (0.85+ is highly stable)",
    ),
    QualityFigure(
        "min_share", "smallest share", ".1%", "share of customers in the smallest segment"
    ),
    QualityFigure(
        "spend_eta2", "spend η²", ".2f",
        "share of the variation in total spend that the segments explain",
    ),
    QualityFigure(
        "features_eta2", "features η²", ".2f",
        "share of the variation in the clustered columns that the segments explain (the table "
        "has no money column to measure spend on)",
    ),
)  # fmt: skip


def quality_rows(metrics: dict) -> list[tuple[str, str, str]]:
    """(label, value as shown, meaning) of each quality figure the ``metrics`` hold, in
    `QUALITY_FIGURES` order; the spend η² of a table of its own schema names the money
    column it was measured on (``eta2_column``). Missing or NaN figures are left out."""
    rows = []
    for figure in QUALITY_FIGURES:
        value = metrics.get(figure.key)
        if not isinstance(value, int | float) or value != value:  # NaN
            continue
        label, meaning = figure.label, figure.meaning
        column = metrics.get("eta2_column")
        if figure.key == "spend_eta2" and column:
            label = f"{column} η²"
            meaning = f"share of the variation in {column} that the segments explain"
        rows.append((label, figure.shown(value), meaning))
    return rows


def sampled_silhouette(
    X: np.ndarray, labels: np.ndarray, sample_size: int = SILHOUETTE_SAMPLE, random_state: int = 0
) -> float:
    """Silhouette coefficient, on a seeded random sample of at most ``sample_size`` rows.

    Exact (all rows) below the sample size; quadratic cost is why larger tables are sampled.
    Returns NaN when there are fewer than two segments.
    """
    labels = np.asarray(labels)
    if len(np.unique(labels)) < 2:
        return float("nan")
    if len(labels) <= sample_size:
        return float(silhouette_score(X, labels))
    return float(silhouette_score(X, labels, sample_size=sample_size, random_state=random_state))


def internal_scores(X: np.ndarray, labels: np.ndarray, random_state: int = 0) -> dict[str, float]:
    """Silhouette (sampled), Calinski-Harabasz, Davies-Bouldin and smallest segment share."""
    labels = np.asarray(labels)
    counts = np.bincount(labels)
    counts = counts[counts > 0]
    several = len(counts) >= 2
    return {
        "silhouette": sampled_silhouette(X, labels, random_state=random_state),
        "calinski_harabasz": float(calinski_harabasz_score(X, labels)) if several else float("nan"),
        "davies_bouldin": float(davies_bouldin_score(X, labels)) if several else float("nan"),
        "min_share": float(counts.min() / counts.sum()),
    }


def bootstrap_stability(
    make_estimator: Callable[[int], Any],
    X: np.ndarray,
    reference_labels: np.ndarray,
    n_boot: int = 6,
    random_state: int = 0,
) -> float:
    """Mean adjusted Rand index between a fit on all rows and refits on bootstrap resamples.

    Each refit (``make_estimator(seed)``, an unfitted estimator with ``fit`` and ``predict``)
    is fitted on a resample drawn with replacement and predicts every row; its labels are
    compared with ``reference_labels``. 1 means every refit finds the same segments.
    """
    rng = np.random.default_rng(random_state)
    scores = []
    for b in range(n_boot):
        rows = rng.integers(0, len(X), len(X))
        est = make_estimator(int(rng.integers(0, 2**31 - 1)) + b)
        est.fit(X[rows])
        scores.append(adjusted_rand_score(reference_labels, est.predict(X)))
    return float(np.mean(scores))


def wilson_interval(successes: np.ndarray, n: np.ndarray, z: float = 1.96) -> tuple:
    """Wilson score interval (low, high) of a proportion; vectorized; NaN where n is 0."""
    successes = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = successes / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return centre - half, centre + half


def response_by_segment(labels: np.ndarray, response: pd.Series | np.ndarray) -> pd.DataFrame:
    """Held-out response per segment: customers, responders, rate, 95% interval and lift.

    Rows whose response is missing are left out. Lift is the segment's rate over the base
    rate of all rows with a response.
    """
    resp = pd.Series(np.asarray(response, dtype=float))
    lab = pd.Series(np.asarray(labels))
    known = resp.notna()
    grouped = resp[known].groupby(lab[known])
    n = grouped.size()
    k = grouped.sum()
    base = float(resp[known].mean()) if known.any() else float("nan")
    low, high = wilson_interval(k.to_numpy(), n.to_numpy())
    table = pd.DataFrame(
        {
            "customers": n.astype(int),
            "responders": k.astype(int),
            "rate": k / n,
            "ci_low": low,
            "ci_high": high,
        }
    )
    table["lift"] = table["rate"] / base if base > 0 else float("nan")
    table.index.name = "segment"
    table.attrs["base_rate"] = base
    return table


def variance_explained(values: np.ndarray, labels: np.ndarray) -> float:
    """Share of the variance of ``values`` explained by the segments (η², between / total)."""
    y = pd.Series(np.asarray(values, dtype=float))
    lab = np.asarray(labels)
    keep = y.notna().to_numpy()
    y, lab = y[keep], lab[keep]
    total = float(((y - y.mean()) ** 2).sum())
    if total == 0:
        return float("nan")
    within = float(((y - y.groupby(lab).transform("mean")) ** 2).sum())
    return 1.0 - within / total


def total_spend(frame: pd.DataFrame) -> np.ndarray | None:
    """Each customer's total spend (sum of the Mnt* columns); None without them."""
    amounts = [c for c in frame.columns if str(c).startswith("Mnt")]
    return frame[amounts].sum(axis=1).to_numpy() if amounts else None


def spend_variance_explained(frame: pd.DataFrame, labels: np.ndarray) -> float:
    """η² of total spend (sum of the Mnt* columns) across segments; NaN without them."""
    spend = total_spend(frame)
    return float("nan") if spend is None else variance_explained(spend, labels)
