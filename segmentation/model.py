"""`Segmenter`: features + clustering as one scikit-learn estimator, with k chosen by rule.

The ``"auto"`` rule for the number of segments uses internal criteria only (never Response):

1. candidates are k = 2 … 10 (``k_range``); a candidate is *admissible* when every segment
   holds at least 5% of customers (``MIN_SHARE``) and its bootstrap stability — the mean
   adjusted Rand index between the fit and refits on resamples — is at least 0.85
   (``STABLE_ARI``; Hennig's "highly stable" threshold for bootstrap cluster stability);
2. **clear groups**: when an admissible k has a silhouette of at least 0.5
   (``CLEAR_SILHOUETTE``; Kaufman & Rousseeuw's "reasonable structure"), the customers fall
   into clearly separated groups and the admissible k with the highest silhouette wins;
3. **otherwise** (customers spread out, as in the reference file, where the best silhouette is
   about 0.3 at k = 2) only k = 4 … 7 (``PERSONA_RANGE``) are considered — what marketers can
   use as personas; silhouette alone would prefer k = 2, which is rarely useful. An admissible
   k there must also have a silhouette within 0.03 (``SILHOUETTE_TOLERANCE``) of the best of
   them — a finer k must not cut through well-separated groups — and the largest admissible k
   wins: the finest segmentation that is still reproducible and large enough to act on.
   Without an admissible k, the most stable k with every segment at least 5% wins, else the
   most stable k, and the choice says so.

Silhouette, Calinski-Harabasz and Davies-Bouldin of every candidate are kept in
``selection_`` for display. On the reference file this chooses k = 7 (stability 0.92-0.94
for seeds 0-2; k = 5 and 6 fall below 0.85).

Large tables: k is chosen on a seeded sample of at most ``selection_sample`` rows, and
KMeans is fitted with ``n_init`` starts on at most ``fit_sample`` rows and then refined on all
rows from the best centres.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from segmentation.algorithms import (
    ALGORITHMS,
    MAX_NOISE,
    Clusterer,
    algorithm_info,
    native_estimator,
    sample_rows,
)
from segmentation.choose import (
    CLEAR_SILHOUETTE,
    MIN_SHARE,
    PERSONA_RANGE,
    SILHOUETTE_TOLERANCE,
    STABLE_ARI,
    choose_k,
)
from segmentation.errors import ModelError
from segmentation.evaluate import bootstrap_stability, internal_scores
from segmentation.features import FeatureBuilder, note

__all__ = [
    "ALGORITHMS",
    "CLEAR_SILHOUETTE",
    "MIN_SHARE",
    "PERSONA_RANGE",
    "SILHOUETTE_TOLERANCE",
    "STABLE_ARI",
    "Segmenter",
    "fit_estimator",
    "make_estimator",
]


def make_estimator(algorithm: str, k: int, random_state: int, n_init: int = 10) -> Any:
    """An unfitted clustering estimator with ``fit``/``predict`` for ``algorithm``: the
    scikit-learn one for k-means, mini-batch k-means and the Gaussian mixture, else a
    `Clusterer` (sampled fit on large tables, nearest-centroid assignment of new rows)."""
    if algorithm_info(algorithm).predicts:
        return native_estimator(algorithm, k, random_state, n_init=n_init)
    return Clusterer(algorithm, k, random_state=random_state, n_init=n_init)


def fit_estimator(
    algorithm: str,
    Z: np.ndarray,
    k: int,
    random_state: int,
    n_init: int = 10,
    fit_sample: int = 50_000,
    rng: np.random.Generator | None = None,
) -> Any:
    """`make_estimator` fitted on ``Z``. k-means on more than ``fit_sample`` rows makes its
    ``n_init`` starts on a seeded sample and is then refined on all rows from the best one."""
    est = make_estimator(algorithm, k, random_state, n_init)
    if algorithm != "kmeans" or len(Z) <= fit_sample:
        return est.fit(Z)
    rng = rng if rng is not None else np.random.default_rng(random_state)
    best = est.fit(Z[sample_rows(len(Z), fit_sample, rng)])
    return KMeans(
        n_clusters=k, init=best.cluster_centers_, n_init=1, random_state=random_state
    ).fit(Z)


class Segmenter(ClusterMixin, BaseEstimator):
    """Segment customers: engineered features, then a clustering with a chosen or fixed k.

    Parameters
    ----------
    algorithm : str
        One of `ALGORITHMS` (see `segmentation.algorithms`): "kmeans", "minibatch_kmeans",
        "gmm", "agglomerative", "spectral", "birch", "meanshift" or "hdbscan" (the last two
        find their own number of segments: ``n_segments`` must be "auto").
    n_segments : "auto" or int
        Number of segments; "auto" applies the rule in the module docstring.
    feature_set : {"behavior", "seed", "generic"}
    columns : sequence of str or None
        Columns to cluster on (generic feature set).
    random_state : int
        Seed of every random step; the same seed gives the same labels.
    n_init : int
        Starts of KMeans (best inertia kept).
    k_range : (int, int)
        Smallest and largest k considered by "auto".
    selection_sample, fit_sample : int
        Row caps for choosing k and for the multi-start fit on large tables.
    reference_date : date or None
        When ages and tenure are counted (see `FeatureBuilder`; default: the table's latest
        enrolment date).
    """

    def __init__(
        self,
        algorithm: str = "kmeans",
        n_segments: int | str = "auto",
        feature_set: str = "behavior",
        columns: Sequence[str] | None = None,
        random_state: int = 0,
        n_init: int = 10,
        k_range: tuple[int, int] = (2, 10),
        selection_sample: int = 5000,
        fit_sample: int = 50_000,
        reference_date: pd.Timestamp | str | None = None,
    ) -> None:
        self.algorithm = algorithm
        self.n_segments = n_segments
        self.feature_set = feature_set
        self.columns = columns
        self.random_state = random_state
        self.n_init = n_init
        self.k_range = k_range
        self.selection_sample = selection_sample
        self.fit_sample = fit_sample
        self.reference_date = reference_date

    # -- fitting -------------------------------------------------------------------------
    def fit(self, X: pd.DataFrame, y: object = None) -> Segmenter:
        """Build features, choose k (if "auto"), fit the clustering; ``y`` is ignored."""
        info = algorithm_info(self.algorithm)
        if not info.uses_k and self.n_segments != "auto":
            raise ModelError(
                f"{info.label} finds its own number of segments: use n_segments='auto' "
                f"(--k auto), not {self.n_segments!r}."
            )
        self.features_ = FeatureBuilder(
            self.feature_set, self.columns, reference_date=self.reference_date
        )
        Z = self.features_.fit_transform(X)
        n = len(Z)
        rng = np.random.default_rng(self.random_state)
        if not info.uses_k:
            k = 0  # found by the fit
            self.selection_ = []
        elif self.n_segments == "auto":
            lo, hi = self.k_range
            need = 2 * max(lo, PERSONA_RANGE[0])
            if n < need:
                raise ModelError(
                    f"n_samples={n} is too few to choose the number of segments "
                    f"(need at least {need}); give --k explicitly."
                )
            sample = self._selection_rows(Z, rng)
            with threadpool_limits(1):  # small refits: threads only add sync cost (and
                # stall badly when another process holds a core)
                self.selection_ = self._select_k(sample, range(lo, min(hi, len(sample) // 2) + 1))
            k = next(row["k"] for row in self.selection_ if row["chosen"])
        else:
            k = _check_k(self.n_segments, n)
            self.selection_ = []
        with threadpool_limits(1 if n <= self.selection_sample else None):
            self.model_ = self._fit_final(Z, k, rng)
        found = getattr(self.model_, "n_clusters_", k)
        if k and found != k:
            raise ModelError(
                f"{info.label} found only {found} segment(s) for k={k} in these customers: "
                "choose a smaller k or another algorithm."
            )
        k = found
        if k < 2:
            raise ModelError(
                f"{info.label} found a single segment in these customers: choose another "
                "algorithm or features."
            )
        notes = [note("training data", self.features_.fit_notes_)]
        noise = getattr(self.model_, "noise_share_", 0.0)
        if noise > MAX_NOISE:
            notes.append(
                f"{info.label} left {noise:.0%} of the customers it fitted as noise; they join "
                "the nearest segment here, but segments this loose are not usable as personas "
                "(the model lab marks them so): consider another algorithm."
            )
        self.notes_ = [n for n in notes if n]
        # every customer in a segment: a `Clusterer` places each (noise too) by nearest centroid
        raw = self.model_.predict(Z)
        # Segment 0 is the largest: a stable, readable numbering whatever the seed.
        counts = np.bincount(raw, minlength=k)
        order = np.lexsort((np.arange(k), -counts))
        self.relabel_ = np.empty(k, dtype=int)
        self.relabel_[order] = np.arange(k)
        self.labels_ = self.relabel_[raw]
        self.n_segments_ = int(k)
        self.centers_ = _centers(self.model_)[order]
        self.feature_names_out_ = self.features_.get_feature_names_out()
        # Per-dimension variance of customers around their centre: the spherical-Gaussian
        # width that turns distances into membership probabilities.
        self.scale2_ = float(np.mean((Z - self.centers_[self.labels_]) ** 2))
        self.scores_ = internal_scores(Z, self.labels_, random_state=self.random_state)
        return self

    def reorder(self, new_ids: Sequence[int]) -> Segmenter:
        """Renumber the segments in place: segment ``i`` becomes ``new_ids[i]``; returns self.

        Used when a retrained model keeps the ids of the segments it shares with an old one.
        """
        check_is_fitted(self, "model_")
        perm = np.asarray(new_ids, dtype=int)
        if sorted(perm.tolist()) != list(range(self.n_segments_)):
            raise ModelError(f"new_ids must be a permutation of 0..{self.n_segments_ - 1}.")
        self.relabel_ = perm[self.relabel_]
        self.labels_ = perm[self.labels_]
        centers = np.empty_like(self.centers_)
        centers[perm] = self.centers_
        self.centers_ = centers
        return self

    def stability_on(self, X: pd.DataFrame) -> float:
        """Bootstrap stability of the fitted k on the same seeded sample of ``X``'s rows as
        "auto" chooses k on (for a fixed k; "auto" keeps it in ``selection_``)."""
        check_is_fitted(self, "model_")
        Z = self.features_.transform(X)
        sample = self._selection_rows(Z, np.random.default_rng(self.random_state))
        with threadpool_limits(1):
            return self._stability(sample, self.n_segments_, self.model_.predict(sample))

    def _selection_rows(self, Z: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """The seeded sample of at most ``selection_sample`` rows of ``Z`` that k is chosen on."""
        return Z[sample_rows(len(Z), self.selection_sample, rng)]

    def _stability(self, Z: np.ndarray, k: int, labels: np.ndarray) -> float:
        """Mean adjusted Rand index between ``labels`` of ``Z`` and refits with k segments on
        6 seeded resamples (callers limit threads: these small refits only lose by them)."""
        return bootstrap_stability(
            lambda seed: make_estimator(self.algorithm, k, seed, self.n_init),
            Z,
            labels,
            n_boot=6,
            random_state=self.random_state,
        )

    def _select_k(self, Z: np.ndarray, ks: range) -> list[dict[str, Any]]:
        rows = []
        lo, hi = PERSONA_RANGE
        for k in ks:
            est = make_estimator(self.algorithm, k, self.random_state, self.n_init).fit(Z)
            labels = est.predict(Z)
            scores = internal_scores(Z, labels, random_state=self.random_state)
            # stability (six refits) only where it can decide: a clear k or a persona k
            wanted = lo <= k <= hi or scores["silhouette"] >= CLEAR_SILHOUETTE or ks[-1] < lo
            stability = self._stability(Z, k, labels) if wanted else float("nan")
            rows.append({"k": k, **scores, "stability": stability})
        if not rows:
            raise ModelError(f"n_samples={len(Z)} is too few for k in {tuple(self.k_range)}.")
        return choose_k(rows)

    def _fit_final(self, Z: np.ndarray, k: int, rng: np.random.Generator) -> Any:
        return fit_estimator(
            self.algorithm, Z, k, self.random_state, self.n_init, self.fit_sample, rng
        )

    # -- predicting ----------------------------------------------------------------------
    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Segment of each customer (nearest centre; most likely component for gmm)."""
        check_is_fitted(self, "model_")
        return self.relabel_[self.model_.predict(self.features_.transform(X))]

    def fit_predict(self, X: pd.DataFrame, y: object = None, **kwargs: Any) -> np.ndarray:
        """Fit, then return the training labels (equal to ``fit(X).predict(X)``)."""
        return self.fit(X).labels_

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        """The feature matrix of ``X`` (as the model sees it)."""
        check_is_fitted(self, "model_")
        return self.features_.transform(X)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Soft membership per segment; each row sums to 1 and its argmax is `predict`.

        KMeans: the posterior of a spherical Gaussian mixture with equal weights centred on
        the segment centres, with the per-dimension variance of training customers around
        their centre — a softmax of ``-d² / (2σ²)``. gmm: the mixture's posterior.
        """
        check_is_fitted(self, "model_")
        return self.proba_from_features(self.features_.transform(X))

    def proba_from_features(self, Z: np.ndarray) -> np.ndarray:
        """`predict_proba` on a feature matrix already made by `transform`."""
        check_is_fitted(self, "model_")
        if self.algorithm == "gmm":
            proba = self.model_.predict_proba(Z)[:, np.argsort(self.relabel_)]
            return proba / proba.sum(axis=1, keepdims=True)
        d2 = self._sq_distances(Z)
        logits = -d2 / (2 * self.scale2_)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def _sq_distances(self, Z: np.ndarray) -> np.ndarray:
        """Squared distance of every row of ``Z`` to every segment centre (rows x segments)."""
        return ((Z[:, None, :] - self.centers_[None, :, :]) ** 2).sum(axis=2)

    def explain(self, X: pd.DataFrame, top: int = 3) -> list[dict[str, Any]]:
        """Per customer: the segment, the runner-up, and the features that pull toward it.

        A feature's pull is how much closer (in squared standardized units) the customer is
        to the chosen centre than to the runner-up's on that feature; the ``top`` largest
        positive pulls are the reasons, each with the customer's standardized value and the
        two centres' values.
        """
        check_is_fitted(self, "model_")
        return self.explain_features(self.features_.transform(X), top)

    def explain_features(self, Z: np.ndarray, top: int = 3) -> list[dict[str, Any]]:
        """`explain` on a feature matrix already made by `transform`."""
        check_is_fitted(self, "model_")
        d2 = self._sq_distances(Z)
        order = np.argsort(d2, axis=1)
        out = []
        for i in range(len(Z)):
            best, runner = int(order[i, 0]), int(order[i, 1]) if self.n_segments_ > 1 else None
            reasons = []
            if runner is not None:
                pull = (Z[i] - self.centers_[runner]) ** 2 - (Z[i] - self.centers_[best]) ** 2
                for j in np.argsort(-pull)[:top]:
                    if pull[j] <= 0:
                        break
                    reasons.append(
                        {
                            "feature": str(self.feature_names_out_[j]),
                            "pull": float(pull[j]),
                            "value_z": float(Z[i, j]),
                            "segment_z": float(self.centers_[best, j]),
                            "runner_up_z": float(self.centers_[runner, j]),
                        }
                    )
            out.append({"segment": best, "runner_up": runner, "reasons": reasons})
        return out


def _check_k(k: object, n: int) -> int:
    if isinstance(k, bool) or not isinstance(k, int | np.integer):
        raise ModelError(f"n_segments must be 'auto' or an integer, got {k!r}.")
    if k < 2:
        raise ModelError(f"n_segments={k} should be >= 2.")
    if n < k:
        raise ModelError(f"n_samples={n} should be >= n_clusters={k}.")
    return int(k)


def _centers(model: Any) -> np.ndarray:
    centers = model.cluster_centers_ if hasattr(model, "cluster_centers_") else model.means_
    return np.asarray(centers, dtype=float)
