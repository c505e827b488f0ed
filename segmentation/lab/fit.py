"""How the model lab fits: the partitions of one algorithm at every k (sharing the work
that does not depend on k), segment centroids and inertia, bootstrap stability, and the
run-time estimate made before the lab starts. See `segmentation.lab` for the table these feed."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, ward
from sklearn.cluster import AgglomerativeClustering, Birch, KMeans
from sklearn.manifold import spectral_embedding
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import kneighbors_graph
from threadpoolctl import threadpool_limits

from segmentation.algorithms import (
    MAX_FIT_ROWS,
    SPECTRAL_NEIGHBOURS,
    Clusterer,
    algorithm_info,
    nearest_centroid,
    sample_rows,
)
from segmentation.errors import ModelError
from segmentation.model import fit_estimator

__all__ = [
    "SHARED",
    "bootstrap_stability",
    "centroids",
    "estimate_seconds",
    "inertia",
    "partitions",
]

SILHOUETTE_ROWS = 5_000
STABILITY_ROWS = 5_000
PILOT_ROWS = 1_000
# How an algorithm's fit time grows with the rows it fits (time ∝ rows ** exponent).
_GROWTH = {"agglomerative": 2.0, "spectral": 1.5, "meanshift": 1.0, "hdbscan": 1.6, "birch": 1.3}
SHARED = ("agglomerative", "spectral", "birch")  # one structure serves every k


# -- partitions -----------------------------------------------------------------------------
def partitions(
    algorithm: str, X: np.ndarray, ks: Sequence[int], random_state: int, n_init: int
) -> dict[int, tuple[np.ndarray, dict[str, float]]]:
    """Labels of the rows of ``X`` (-1 = noise) for every k, with extra figures (BIC); one
    entry, keyed by the number found, for the methods that find their own k."""
    info = algorithm_info(algorithm)
    if not info.uses_k:
        try:
            est = Clusterer(algorithm, random_state=random_state, max_fit_rows=len(X)).fit(X)
        except ModelError:  # every row is noise: a row of the table that says so
            return {0: (np.full(len(X), -1), {})}
        return {est.n_clusters_: (est.labels_, {})}
    ks = [k for k in ks if k < len(X)]  # a segment per row is no segmentation
    if not ks:
        return {}
    if algorithm == "agglomerative":
        tree = ward(X)  # the tree scikit-learn's Ward clustering cuts; cut here at every k
        return {k: (fcluster(tree, k, criterion="maxclust") - 1, {}) for k in ks}
    if algorithm == "spectral":
        graph = kneighbors_graph(X, n_neighbors=min(SPECTRAL_NEIGHBOURS, len(X) - 1),
                                 include_self=True)  # fmt: skip
        maps = spectral_embedding(
            0.5 * (graph + graph.T), n_components=max(ks), drop_first=False,
            random_state=random_state,
        )  # fmt: skip
        return {
            k: (KMeans(k, n_init=n_init, random_state=random_state).fit_predict(maps[:, :k]), {})
            for k in ks
        }
    if algorithm == "birch":
        tree = Birch(n_clusters=None).fit(X)
        sub = tree.predict(X)  # subcluster of each row
        centers = tree.subcluster_centers_
        out = {}
        for k in ks:
            if len(centers) <= k:
                out[k] = (sub, {})
                continue
            top = AgglomerativeClustering(n_clusters=k).fit_predict(centers)
            out[k] = (top[sub], {})
        return out
    out = {}
    for k in ks:
        est = fit_estimator(algorithm, X, k, random_state, n_init)
        extra = {"bic": float(est.bic(X))} if algorithm == "gmm" else {}
        out[k] = (est.predict(X), extra)
    return out


def centroids(X: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Mean of each segment's rows (segments 0..max; noise left out)."""
    keep = labels >= 0
    m = int(labels[keep].max()) + 1 if keep.any() else 0
    counts = np.bincount(labels[keep], minlength=m).astype(float)
    sums = np.vstack([np.bincount(labels[keep], X[keep, j], m) for j in range(X.shape[1])]).T
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / counts[:, None]


def inertia(X: np.ndarray, labels: np.ndarray) -> float:
    """Within-segment sum of squares around the segment means (noise left out)."""
    keep = labels >= 0
    centers = centroids(X, labels)
    sq = float((X[keep] ** 2).sum())
    counts = np.bincount(labels[keep], minlength=len(centers))
    return sq - float((counts[:, None] * np.nan_to_num(centers) ** 2).sum())


def bootstrap_stability(
    algorithm: str,
    S: np.ndarray,
    reference: dict[int, np.ndarray],
    ks: Sequence[int],
    n_boot: int,
    random_state: int,
    n_init: int,
) -> dict[int, float]:
    """Mean ARI per k between ``reference`` (the segments of the rows of the stability
    sample ``S``, -1 = noise) and refits on ``n_boot`` bootstrap resamples of ``S`` (the rows
    of ``S`` join the nearest centroid of each refit; noise rows are left out)."""
    rng = np.random.default_rng(random_state + 1)
    # with fewer than 2 segments there is nothing to agree on: NaN, not a perfect 1
    scores: dict[int, list[float]] = {
        k: [] for k, ref in reference.items() if len(np.unique(ref[ref >= 0])) >= 2
    }
    for b in range(n_boot):
        rows = rng.integers(0, len(S), len(S))
        parts = partitions(algorithm, S[rows], ks, random_state + 1 + b, n_init)
        for k, ref in reference.items():
            if k not in scores:
                continue
            labels = (
                parts.get(k)
                if algorithm_info(algorithm).uses_k
                else next(iter(parts.values()), None)
            )
            if labels is None:
                continue
            centers = centroids(S[rows], labels[0])
            centers = centers[~np.isnan(centers).any(axis=1)]
            if len(centers) == 0:
                scores[k].append(0.0)
                continue
            known = ref >= 0
            scores[k].append(adjusted_rand_score(ref[known], nearest_centroid(S[known], centers)))
    return {k: float(np.mean(scores[k])) if scores.get(k) else float("nan") for k in reference}


# -- estimate -------------------------------------------------------------------------------
def estimate_seconds(
    Z: np.ndarray,
    algorithms: Sequence[str],
    ks: Sequence[int],
    *,
    n_boot: int = 5,
    max_fit_rows: int = MAX_FIT_ROWS,
    silhouette_rows: int = SILHOUETTE_ROWS,
    stability_rows: int = STABILITY_ROWS,
    random_state: int = 0,
    n_init: int = 10,
) -> dict[str, float]:
    """Seconds each algorithm is expected to take on ``Z`` (one feature set), from a fit of
    it on a 1,000-row pilot scaled by how its cost grows with the rows it fits."""
    n = len(Z)
    pilot = Z[sample_rows(n, PILOT_ROWS, np.random.default_rng(random_state))]
    out = {}
    for algorithm in algorithms:
        info = algorithm_info(algorithm)
        grow = _GROWTH.get(algorithm, 1.0)
        unit = float("inf")
        for _ in range(2):  # the first run may pay one-off costs (imports, thread pools)
            start = time.perf_counter()
            with threadpool_limits(1):  # threads stall small fits
                partitions(algorithm, pilot, [4] if info.uses_k else [], random_state, n_init)
            unit = min(unit, time.perf_counter() - start)
            if unit > 0.5:
                break
        fit_n = min(n, max_fit_rows) if info.guarded else n
        stab_n = min(n, stability_rows)
        scale = max(fit_n / len(pilot), 1.0) ** grow
        boot = n_boot * max(stab_n / len(pilot), 1.0) ** grow
        per_k = len(ks) if info.uses_k and algorithm not in SHARED else 1
        fits = unit * (scale + boot) * per_k
        sil = (len(ks) if info.uses_k else 1) * 9e-9 * min(n, silhouette_rows) ** 2
        out[algorithm] = fits + sil + 2e-7 * n * (len(ks) if info.uses_k else 1)
    return out
