"""Model lab: clustering algorithms, k and feature sets compared in one ranked table.

`compare_models` fits every (algorithm, k, feature set) and measures it:

* internal criteria — silhouette, Calinski-Harabasz, Davies-Bouldin, inertia (within-segment
  sum of squares around the segment means), the Gaussian mixture's BIC, bootstrap stability,
  smallest segment share, noise share (MeanShift, HDBSCAN), share of spend variance
  explained (η²) and fit time;
* held out, beside the ranking and never in it — the Response lift of the best segment (its
  response rate over the base rate, among segments with at least 30 customers with a known
  response) and the spread of segment response rates (highest minus lowest).

**Ranking rule**: see `segmentation.lab.rank` (internal criteria only).

**Scale guards.** Methods whose cost grows with the square of the rows (agglomerative,
spectral, MeanShift, HDBSCAN) and BIRCH are fitted on a seeded sample of at most
``max_fit_rows`` (10,000) rows, the other rows joining the nearest segment centroid; the
table's ``fit_rows`` and ``sampled`` columns say so. k-means on more than 50,000 rows makes
its starts on a sample and is refined on all rows (as the model does). Silhouette is computed
on one seeded sample of at most ``silhouette_rows`` (5,000) rows shared by every row of the
table, stability on a seeded sample of at most ``stability_rows`` (5,000): each of ``n_boot``
resamples (drawn with replacement) is clustered again and the sample's rows are assigned to
the nearest centroid of the refit, then compared with the row's own segments (adjusted Rand
index, noise rows left out). Calinski-Harabasz, Davies-Bouldin, inertia, shares, η² and lift
use every row. Before starting, `estimate_seconds` times each algorithm on a 1,000-row pilot
and scales it by the method's cost growth; the estimate is reported and a run above
``max_seconds`` is refused, never silently started.

Work shared across k: agglomerative cuts one Ward tree at every k, spectral clusters one
nearest-neighbour graph embedding at every k (as scikit-learn's ``SpectralClustering`` does
for one k), BIRCH builds one CF-tree and re-runs only its global step per k.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import (
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_score,
)
from threadpoolctl import threadpool_limits

from segmentation.algorithms import (
    ALGORITHMS,
    MAX_FIT_ROWS,
    algorithm_info,
    nearest_centroid,
    sample_rows,
)
from segmentation.errors import ModelError
from segmentation.evaluate import response_by_segment, total_spend, variance_explained
from segmentation.features import FeatureBuilder, note
from segmentation.lab.fit import (
    SILHOUETTE_ROWS,
    STABILITY_ROWS,
    bootstrap_stability,
    centroids,
    estimate_seconds,
    inertia,
    partitions,
)
from segmentation.lab.rank import RANKING_RULE, rank_table
from segmentation.schema import OUTCOME_COLUMN

__all__ = ["LabResult", "compare_models"]

MIN_LIFT_GROUP = 30

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass
class LabResult:
    """The ranked table (columns `lab_rank.COLUMNS`, best first), the estimate made before starting,
    the time taken, and notes (sampling, what the features did to the data)."""

    table: pd.DataFrame
    estimate_s: float
    elapsed_s: float
    rows: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the rule, the rows (NaN as null) and the run's figures."""
        records = self.table.astype(object).where(self.table.notna(), None).to_dict("records")
        return {
            "rows": self.rows,
            "estimate_seconds": round(self.estimate_s, 1),
            "elapsed_seconds": round(self.elapsed_s, 1),
            "ranking_rule": RANKING_RULE,
            "notes": self.notes,
            "models": records,
        }


# -- measuring ------------------------------------------------------------------------------
@dataclass
class _Context:
    """What every row of one feature set is measured against."""

    spend: np.ndarray | None  # each customer's total spend (held by every feature set)
    Z: np.ndarray
    sil_rows: np.ndarray
    stab_rows: np.ndarray
    response: np.ndarray | None


def _measure(ctx: _Context, labels: np.ndarray) -> dict[str, float]:
    keep = labels >= 0
    n = len(labels)
    counts = np.bincount(labels[keep]) if keep.any() else np.zeros(0, dtype=int)
    counts = counts[counts > 0]
    row: dict[str, float] = {
        "k": len(counts),
        "min_share": float(counts.min() / n) if len(counts) else float("nan"),
        "noise_share": float(1 - keep.mean()),
    }
    nan = float("nan")
    s = ctx.sil_rows[keep[ctx.sil_rows]]
    several = 2 <= len(counts) < int(keep.sum())  # CH and DB need 2..n-1 segments
    row["silhouette"] = (
        float(silhouette_score(ctx.Z[s], labels[s]))
        if several and 2 <= len(np.unique(labels[s])) < len(s)
        else nan
    )
    row["calinski_harabasz"] = (
        float(calinski_harabasz_score(ctx.Z[keep], labels[keep])) if several else nan
    )
    row["davies_bouldin"] = (
        float(davies_bouldin_score(ctx.Z[keep], labels[keep])) if several else nan
    )
    row["inertia"] = inertia(ctx.Z, labels)
    row["spend_eta2"] = (
        variance_explained(ctx.spend[keep], labels[keep]) if ctx.spend is not None else nan
    )
    row["best_lift"], row["response_spread"] = _held_out(labels[keep], ctx, keep)
    return row


def _held_out(labels: np.ndarray, ctx: _Context, keep: np.ndarray) -> tuple[float, float]:
    """Best segment lift and rate spread on the held-out Response (NaN without it)."""
    if ctx.response is None:
        return float("nan"), float("nan")
    table = response_by_segment(labels, ctx.response[keep])
    table = table[table["customers"] >= MIN_LIFT_GROUP]
    if table.empty:
        return float("nan"), float("nan")
    return float(table["lift"].max()), float(table["rate"].max() - table["rate"].min())


def _run_algorithm(
    algorithm: str,
    ctx: _Context,
    ks: Sequence[int],
    feature_set: str,
    *,
    random_state: int,
    n_init: int,
    n_boot: int,
    max_fit_rows: int,
    notes: list[str],
) -> list[dict[str, Any]]:
    """Every row of one algorithm on one feature set (rows it could not make are noted)."""
    info = algorithm_info(algorithm)
    n = len(ctx.Z)
    sampled = info.guarded and n > max_fit_rows
    rng = np.random.default_rng(random_state)
    fit_rows = sample_rows(n, max_fit_rows, rng) if sampled else None
    X = ctx.Z if fit_rows is None else ctx.Z[fit_rows]
    start = time.perf_counter()
    parts = partitions(algorithm, X, ks, random_state, n_init)
    # a structure shared across k (tree, graph) is split evenly over the rows it serves
    fit_s = (time.perf_counter() - start) / max(len(parts), 1)
    full: dict[int, np.ndarray] = {}
    extras: dict[int, dict[str, float]] = {}
    noise: dict[int, float] = {}
    for k, (labels, extra) in parts.items():
        noise[k] = float(np.mean(labels < 0))  # of the rows the method saw
        if fit_rows is not None:
            centers = centroids(X, labels)
            present = np.flatnonzero(~np.isnan(centers).any(axis=1))  # ids keep their number
            all_labels = (
                present[nearest_centroid(ctx.Z, centers[present])]
                if len(present)
                else np.full(n, -1)
            )
            all_labels[fit_rows] = labels
            labels = all_labels
        full[k], extras[k] = labels, extra
    reference = {k: labels[ctx.stab_rows] for k, labels in full.items()}
    S = ctx.Z[ctx.stab_rows]
    stability = bootstrap_stability(algorithm, S, reference, ks, n_boot, random_state, n_init)
    out = []
    for k, labels in full.items():
        measured = _measure(ctx, labels) | {"noise_share": noise[k]}
        if info.uses_k and measured["k"] != k:
            notes.append(
                f"{algorithm} ({feature_set}): asked for k={k}, found {measured['k']} "
                "segment(s); row left out."
            )
            continue
        row = {
            "algorithm": algorithm,
            "feature_set": feature_set,
            "fit_rows": len(X),
            "sampled": bool(sampled),
            **measured,
            "bic": extras[k].get("bic", float("nan")),
            "stability": stability[k],
            "fit_seconds": fit_s,
        }
        out.append(row)
    return out


# -- the lab ----------------------------------------------------------------------------------
def compare_models(
    data: pd.DataFrame,
    algorithms: Sequence[str] = ALGORITHMS,
    k_range: tuple[int, int] = (2, 10),
    feature_sets: Sequence[str] = ("behavior",),
    *,
    columns: Sequence[str] | None = None,
    random_state: int = 0,
    n_init: int = 10,
    n_boot: int = 5,
    max_fit_rows: int = MAX_FIT_ROWS,
    silhouette_rows: int = SILHOUETTE_ROWS,
    stability_rows: int = STABILITY_ROWS,
    max_seconds: float | None = None,
    progress: Progress = _quiet,
) -> LabResult:
    """Fit and measure every (algorithm, k, feature set) on the customers of ``data`` and
    rank them (see the module docstring). ``Response`` is never used to fit or rank.

    Raises `ModelError` for an unknown algorithm, a bad k range, or an estimate above
    ``max_seconds`` (the message gives the estimate per algorithm and how to shorten it).
    """
    if not algorithms or not feature_sets:
        raise ModelError("the lab needs at least one algorithm and one feature set.")
    for a in algorithms:
        algorithm_info(a)
    lo, hi = k_range
    if not 2 <= lo <= hi:
        raise ModelError(f"k_range={k_range!r} must be two integers with 2 <= low <= high.")
    if len(data) <= lo:
        raise ModelError(
            f"n_samples={len(data)} is too few for k_range={k_range!r}: the lab needs more "
            "customers than the smallest k."
        )
    if max_fit_rows < 2 * hi or n_boot < 1:
        raise ModelError(
            f"max_fit_rows={max_fit_rows} must be at least twice the largest k ({2 * hi}) and "
            f"n_boot={n_boot} at least 1."
        )
    ks = list(range(lo, hi + 1))
    started = time.perf_counter()
    notes: list[str] = []
    contexts: dict[str, _Context] = {}
    spend = total_spend(data)
    response = (
        pd.to_numeric(data[OUTCOME_COLUMN], errors="coerce").to_numpy(dtype=float)
        if OUTCOME_COLUMN in data
        else None
    )
    for fs in feature_sets:
        builder = FeatureBuilder(fs, list(columns) if columns else None)
        Z = builder.fit_transform(data)
        if said := note("training data", builder.fit_notes_):
            notes.append(f"{fs} features: {said}")
        rng = np.random.default_rng(random_state)
        contexts[fs] = _Context(
            spend, Z, sample_rows(len(Z), silhouette_rows, rng),
            sample_rows(len(Z), stability_rows, rng), response,
        )  # fmt: skip
    n = len(data)
    estimate = {
        (fs, a): s
        for fs, ctx in contexts.items()
        for a, s in estimate_seconds(
            ctx.Z, algorithms, ks, n_boot=n_boot, max_fit_rows=max_fit_rows,
            silhouette_rows=silhouette_rows, stability_rows=stability_rows,
            random_state=random_state, n_init=n_init,
        ).items()
    }  # fmt: skip
    total = sum(estimate.values())
    if max_seconds is not None and total > max_seconds:
        slow = sorted(estimate.items(), key=lambda kv: -kv[1])[:3]
        raise ModelError(
            f"the lab would take about {total:.0f} s on {n:,} rows (slowest: "
            + ", ".join(f"{a} ({fs}) {s:.0f} s" for (fs, a), s in slow)
            + f"), above the limit of {max_seconds:.0f} s: choose fewer algorithms or a "
            "narrower k range, or raise the limit."
        )
    progress(f"estimated {total:.0f} s for {len(algorithms)} algorithm(s) on {n:,} rows")
    if n > max_fit_rows:
        guarded = [a for a in algorithms if algorithm_info(a).guarded]
        if guarded:
            notes.append(
                f"{', '.join(guarded)}: fitted on a sample of {max_fit_rows:,} of {n:,} rows; "
                "the others joined the nearest segment centroid."
            )
    if n > silhouette_rows:
        notes.append(f"silhouette on a seeded sample of {silhouette_rows:,} rows.")
    rows: list[dict[str, Any]] = []
    done = 0.0
    for fs, ctx in contexts.items():
        for a in algorithms:
            progress(f"{a} ({fs}): about {estimate[(fs, a)]:.0f} s; {done:.0f} s done")
            step = time.perf_counter()
            with threadpool_limits(1 if n <= 20_000 else None):
                rows.extend(
                    _run_algorithm(
                        a, ctx, ks, fs, random_state=random_state, n_init=n_init,
                        n_boot=n_boot, max_fit_rows=max_fit_rows, notes=notes,
                    )
                )  # fmt: skip
            done += time.perf_counter() - step
    if not rows:
        raise ModelError(
            f"no model could be made for k_range={k_range!r} on {n:,} rows (see the notes: "
            + "; ".join(notes[-3:])
            + ")."
        )
    table = rank_table(pd.DataFrame(rows))
    return LabResult(table, total, time.perf_counter() - started, n, notes)
