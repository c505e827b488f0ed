"""Every clustering algorithm PersonaSense can fit, behind one small interface.

``kmeans``, ``minibatch_kmeans`` and ``gmm`` predict new points themselves (nearest centre;
most likely mixture component) and the model uses them as they are. For the others
`Clusterer` applies one documented rule:

* **New customers** (the form, batch assignment, rows outside a fitted sample) join the
  cluster whose *centroid* — the mean of its members in feature space — is nearest (BIRCH
  included, so that assignment agrees with the model's membership probabilities, which are
  distances to the same centroids). A model built on such a method also places its own
  training customers this way; the lab scores the method's own partition.
* **Noise**: MeanShift with ``cluster_all=False`` and HDBSCAN leave far or sparse points
  unclustered (label -1) in their fit; `Clusterer.labels_` keeps that and ``noise_share_`` is
  the share of the *fitted* rows left as noise, while `Clusterer.predict` puts every customer
  in a segment, so a model made with them can still serve the form (with a warning when more
  than ``MAX_NOISE`` of them were noise).
* **Nothing of a customer is kept**: after fitting only the centroids remain (not the
  scikit-learn estimator, which may hold the training rows, e.g. HDBSCAN's data or BIRCH's
  one-customer subclusters), so a saved model holds aggregates only.
* **Scale guard**: methods whose cost grows with the square of the rows (agglomerative,
  spectral, MeanShift, HDBSCAN) and BIRCH (its tree grows with the data's spread) are fitted on
  a seeded sample of at most ``max_fit_rows`` (10,000) rows; every other row is assigned as a
  new customer. ``sampled_`` and ``fit_rows_`` say so.

Parameters are the library defaults unless a comment says why not: spectral uses a
10-nearest-neighbour graph (the RBF default's ``gamma = 1`` makes a near-diagonal affinity on
15+ standardized features, and a dense n x n matrix); MeanShift estimates its bandwidth on at
most 1,000 rows and seeds on a grid (``bin_seeding``) so it runs in seconds; HDBSCAN's
smallest cluster is 1% of the rows (at least 10), since a persona below that is not usable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import (
    HDBSCAN,
    AgglomerativeClustering,
    Birch,
    KMeans,
    MeanShift,
    MiniBatchKMeans,
    SpectralClustering,
    estimate_bandwidth,
)
from sklearn.mixture import GaussianMixture
from sklearn.utils.validation import check_is_fitted

from segmentation.errors import ModelError

__all__ = [
    "ALGORITHMS",
    "ALGORITHM_INFO",
    "MAX_FIT_ROWS",
    "MAX_NOISE",
    "AlgorithmInfo",
    "Clusterer",
    "algorithm_info",
    "native_estimator",
    "nearest_centroid",
    "sample_rows",
]

MAX_FIT_ROWS = 10_000
MAX_NOISE = 0.10  # a model leaving more customers than this as noise is not usable
BANDWIDTH_ROWS = 1_000
SPECTRAL_NEIGHBOURS = 10
HDBSCAN_MIN_SHARE = 0.01


@dataclass(frozen=True)
class AlgorithmInfo:
    """What the lab and the model need to know about an algorithm."""

    name: str
    label: str  # in a marketer's table
    uses_k: bool  # False: the method finds its own number of clusters
    guarded: bool  # fitted on a sample of at most MAX_FIT_ROWS rows when the table is larger
    predicts: bool  # the model uses its own predict (else: `Clusterer`, nearest centroid)


ALGORITHM_INFO: dict[str, AlgorithmInfo] = {
    a.name: a
    for a in (
        AlgorithmInfo("kmeans", "k-means", True, False, True),
        AlgorithmInfo("minibatch_kmeans", "mini-batch k-means", True, False, True),
        AlgorithmInfo("gmm", "Gaussian mixture", True, False, True),
        AlgorithmInfo("agglomerative", "agglomerative (Ward)", True, True, False),
        AlgorithmInfo("spectral", "spectral", True, True, False),
        AlgorithmInfo("birch", "BIRCH", True, True, False),
        AlgorithmInfo("meanshift", "mean shift", False, True, False),
        AlgorithmInfo("hdbscan", "HDBSCAN", False, True, False),
    )
}
ALGORITHMS = tuple(ALGORITHM_INFO)


def algorithm_info(name: str) -> AlgorithmInfo:
    """The `AlgorithmInfo` of ``name``; `ModelError` naming the choices if unknown."""
    try:
        return ALGORITHM_INFO[name]
    except KeyError:
        raise ModelError(
            f"algorithm={name!r} is unknown; use one of {', '.join(ALGORITHMS)}."
        ) from None


def native_estimator(
    algorithm: str,
    k: int | None,
    random_state: int,
    *,
    n_init: int = 10,
    n_rows: int = 0,
    X: np.ndarray | None = None,
) -> Any:
    """The unfitted scikit-learn estimator of ``algorithm`` with PersonaSense's parameters.

    ``k`` is ignored by the methods that find their own number of clusters; ``n_rows`` sizes
    HDBSCAN's smallest cluster; ``X`` (the rows about to be fitted) lets MeanShift estimate
    its bandwidth on a seeded sample of them.
    """
    algorithm_info(algorithm)
    if algorithm == "kmeans":
        return KMeans(n_clusters=k, n_init=n_init, random_state=random_state)
    if algorithm == "minibatch_kmeans":
        return MiniBatchKMeans(
            n_clusters=k, n_init=n_init, random_state=random_state, batch_size=4096
        )
    if algorithm == "gmm":
        return GaussianMixture(
            n_components=k,
            covariance_type="diag",
            n_init=max(1, n_init // 3),
            random_state=random_state,
        )
    if algorithm == "agglomerative":
        return AgglomerativeClustering(n_clusters=k, linkage="ward")
    if algorithm == "spectral":
        return SpectralClustering(
            n_clusters=k,
            affinity="nearest_neighbors",
            n_neighbors=max(1, min(SPECTRAL_NEIGHBOURS, n_rows - 1))
            if n_rows
            else SPECTRAL_NEIGHBOURS,
            random_state=random_state,
        )
    if algorithm == "birch":
        return Birch(n_clusters=k)
    if algorithm == "meanshift":
        bandwidth = None
        if X is not None and len(X) > 1:
            bandwidth = estimate_bandwidth(
                X, n_samples=min(len(X), BANDWIDTH_ROWS), random_state=random_state
            )
            if bandwidth <= 0:
                raise ModelError(
                    f"mean shift cannot estimate a bandwidth on {len(X):,} rows: most of them "
                    "are identical."
                )
        return MeanShift(bandwidth=bandwidth, bin_seeding=True, cluster_all=False)
    smallest = max(10, round(HDBSCAN_MIN_SHARE * n_rows))
    if n_rows and n_rows < smallest:
        raise ModelError(f"HDBSCAN needs at least {smallest} rows, got n_samples={n_rows}.")
    return HDBSCAN(min_cluster_size=smallest, copy=True)


def sample_rows(n: int, cap: int, rng: np.random.Generator) -> np.ndarray:
    """Sorted indices of a seeded sample of at most ``cap`` of ``n`` rows (all if fewer)."""
    return np.arange(n) if n <= cap else np.sort(rng.choice(n, size=cap, replace=False))


def nearest_centroid(X: np.ndarray, centers: np.ndarray, chunk: int = 65_536) -> np.ndarray:
    """Index of the nearest centre of every row (squared Euclidean), in bounded memory."""
    out = np.empty(len(X), dtype=int)
    c2 = (centers**2).sum(axis=1)
    for start in range(0, len(X), chunk):
        block = X[start : start + chunk]
        out[start : start + chunk] = np.argmin(c2[None, :] - 2 * block @ centers.T, axis=1)
    return out


def _compact(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0..m-1 in the order of their values (noise -1 kept)."""
    labels = np.asarray(labels, dtype=int)
    values = np.unique(labels[labels >= 0])
    if not len(values):
        return labels
    mapping = np.full(int(values.max()) + 1, -1, dtype=int)
    mapping[values] = np.arange(len(values))
    return np.where(labels >= 0, mapping[np.clip(labels, 0, None)], -1)


class Clusterer(ClusterMixin, BaseEstimator):
    """Any algorithm of `ALGORITHMS` with ``fit``/``predict`` and centroids (see the module
    docstring for the rules on new customers, noise and large tables).

    Parameters
    ----------
    algorithm : str
        One of `ALGORITHMS`.
    n_clusters : int
        Number of clusters (ignored by meanshift and hdbscan).
    random_state : int
        Seed of the sample and of the estimator.
    n_init : int
        Starts of the k-means steps.
    max_fit_rows : int
        Guarded methods fit on a seeded sample of at most this many rows.

    Attributes
    ----------
    labels_ : ndarray
        Cluster of every training row; -1 for the fit's noise rows.
    cluster_centers_ : ndarray of shape (n_clusters_, n_features)
        Mean of each cluster's fitted members.
    noise_share_ : float
        Share of the fitted rows the method left as noise.
    n_clusters_, fit_rows_, sampled_
    """

    def __init__(
        self,
        algorithm: str = "agglomerative",
        n_clusters: int = 4,
        random_state: int = 0,
        n_init: int = 10,
        max_fit_rows: int = MAX_FIT_ROWS,
    ) -> None:
        self.algorithm = algorithm
        self.n_clusters = n_clusters
        self.random_state = random_state
        self.n_init = n_init
        self.max_fit_rows = max_fit_rows

    def fit(self, X: np.ndarray, y: object = None) -> Clusterer:
        """Fit on ``X`` (a sample of it for guarded methods on large tables)."""
        info = algorithm_info(self.algorithm)
        X = np.asarray(X, dtype=float)
        n = len(X)
        rows = None
        if info.guarded and n > self.max_fit_rows:
            rows = sample_rows(n, self.max_fit_rows, np.random.default_rng(self.random_state))
        Xf = X if rows is None else X[rows]
        if info.uses_k and not 1 <= self.n_clusters < len(Xf):
            raise ModelError(f"n_samples={len(Xf)} should be > n_clusters={self.n_clusters}.")
        est = native_estimator(
            self.algorithm, self.n_clusters, self.random_state,
            n_init=self.n_init, n_rows=len(Xf), X=Xf,
        )  # fmt: skip
        fitted = _compact(est.fit_predict(Xf))  # the estimator itself is not kept
        m = int(fitted.max()) + 1 if (fitted >= 0).any() else 0
        if m == 0:
            raise ModelError(
                f"{info.label} found no cluster in {len(Xf):,} rows (every row is noise)."
            )
        self.cluster_centers_ = np.vstack([Xf[fitted == c].mean(axis=0) for c in range(m)])
        self.n_clusters_ = m
        self.fit_rows_ = len(Xf)
        self.sampled_ = rows is not None
        self.noise_share_ = float(np.mean(fitted < 0))  # of the rows the method saw
        if rows is None:
            self.labels_ = fitted
        else:
            self.labels_ = self.predict(X)
            self.labels_[rows] = fitted
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Cluster of every row: the nearest centroid (never noise)."""
        check_is_fitted(self, "cluster_centers_")
        return nearest_centroid(np.asarray(X, dtype=float), self.cluster_centers_)
