"""The model lab: ranking on data with a known answer, stability, scale guards, the estimate,
held-out Response kept out of the ranking, and every algorithm able to serve the form."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning

from segmentation.algorithms import ALGORITHM_INFO, ALGORITHMS, Clusterer
from segmentation.assign import assign_customer, iter_assign
from segmentation.errors import ModelError
from segmentation.lab import compare_models
from segmentation.lab.fit import bootstrap_stability
from segmentation.lab.rank import COLUMNS, rank_table
from segmentation.model import Segmenter
from segmentation.pipeline import train_bundle
from tests._tables import mall_table

CENTROID_METHODS = ("kmeans", "minibatch_kmeans", "gmm")


def _blobs(n: int = 600, seed: int = 0) -> pd.DataFrame:
    X, _ = make_blobs(n, n_features=4, centers=3, center_box=(-20, 20), random_state=seed)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(4)])
    frame.insert(0, "ID", np.arange(1, n + 1))
    return frame


def _uniform(n: int = 600) -> pd.DataFrame:
    U = np.random.default_rng(0).uniform(size=(n, 6))
    return pd.DataFrame(U, columns=[f"u{i}" for i in range(6)])


@pytest.fixture(scope="module")
def blob_lab():
    return compare_models(_blobs(), feature_sets=["generic"], k_range=(2, 6), n_boot=3)


def test_the_table_has_every_column_ranked_best_first(blob_lab):
    table = blob_lab.table
    assert tuple(table.columns) == COLUMNS
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    assert set(table["algorithm"]) == set(ALGORITHMS)


def test_three_separated_blobs_put_k3_first_for_the_centroid_methods(blob_lab):
    table = blob_lab.table
    assert table.iloc[0]["k"] == 3
    for algorithm in CENTROID_METHODS:
        assert table[table["algorithm"] == algorithm].iloc[0]["k"] == 3, algorithm


def test_stability_is_near_one_on_clean_blobs_and_low_on_uniform_noise(blob_lab):
    best = blob_lab.table[(blob_lab.table["algorithm"] == "kmeans") & (blob_lab.table["k"] == 3)]
    assert best["stability"].iloc[0] >= 0.98
    noise = compare_models(
        _uniform(), algorithms=["kmeans", "agglomerative"], feature_sets=["generic"],
        k_range=(2, 6), n_boot=3,
    ).table  # fmt: skip
    assert noise["stability"].max() < 0.7
    assert not noise["stable"].any()


def test_density_methods_find_their_own_k_and_report_noise(blob_lab):
    table = blob_lab.table.set_index("algorithm")
    for algorithm in ("meanshift", "hdbscan"):
        assert table.loc[algorithm, "k"] == 3
        assert 0 <= table.loc[algorithm, "noise_share"] < 0.1


def test_the_ranking_rule_puts_unusable_and_unstable_rows_last():
    rows = pd.DataFrame(
        {
            "algorithm": ["a", "b", "c", "d"],
            "k": [3, 3, 3, 3],
            "silhouette": [0.9, 0.5, 0.6, 0.95],
            "calinski_harabasz": [900.0, 500.0, 600.0, 990.0],
            "davies_bouldin": [0.3, 0.9, 0.8, 0.2],
            "stability": [0.7, 0.95, 0.9, 0.99],
            "min_share": [0.3, 0.3, 0.3, 0.02],  # d has a segment below 5%
            "noise_share": [0.0, 0.0, 0.0, 0.0],
        }
    )
    rows = rows.reindex(columns=[c for c in COLUMNS if c not in ("rank", "usable", "stable")])
    ranked = rank_table(rows)
    # stable usable rows (c better than b), then usable a, then unusable d
    assert ranked["algorithm"].tolist() == ["c", "b", "a", "d"]


def test_response_is_never_used_to_rank():
    frame = _blobs(400, seed=1)
    frame["Response"] = (frame["x0"] > frame["x0"].median()).astype(int)
    shuffled = frame.assign(Response=frame["Response"].sample(frac=1, random_state=0).to_numpy())
    args = {"algorithms": ["kmeans", "agglomerative"], "feature_sets": ["generic"],
            "k_range": (2, 5), "n_boot": 2}  # fmt: skip
    one = compare_models(frame, **args).table
    two = compare_models(shuffled, **args).table
    held_out = ["best_lift", "response_spread", "fit_seconds"]
    pd.testing.assert_frame_equal(one.drop(columns=held_out), two.drop(columns=held_out))
    assert not one["best_lift"].equals(two["best_lift"])  # the outcome is measured, beside


def test_quadratic_methods_fit_on_a_sample_above_the_threshold():
    frame = _blobs(900)
    args = {"feature_sets": ["generic"], "k_range": (3, 3), "n_boot": 2}
    small = compare_models(frame, max_fit_rows=1_000, **args).table.set_index("algorithm")
    large = compare_models(frame, max_fit_rows=300, **args)
    table = large.table.set_index("algorithm")
    for algorithm, info in ALGORITHM_INFO.items():
        assert not small.loc[algorithm, "sampled"]
        assert table.loc[algorithm, "sampled"] == info.guarded, algorithm
        assert table.loc[algorithm, "fit_rows"] == (300 if info.guarded else 900)
    assert any("sample of 300 of 900 rows" in note for note in large.notes)
    assert table.loc["agglomerative", "silhouette"] > 0.8  # the extension keeps the blobs


def test_silhouette_is_sampled_above_its_row_cap():
    args = {"algorithms": ["kmeans"], "feature_sets": ["generic"], "k_range": (2, 2),
            "n_boot": 2}  # fmt: skip
    sampled = compare_models(_blobs(900), silhouette_rows=200, **args)
    exact = compare_models(_blobs(900), silhouette_rows=900, **args)
    assert any("silhouette on a seeded sample of 200 rows" in n for n in sampled.notes)
    one, two = sampled.table["silhouette"].iloc[0], exact.table["silhouette"].iloc[0]
    assert one != two and one == pytest.approx(two, abs=0.05)  # a sample: close, not equal


def test_a_run_longer_than_the_limit_is_refused_with_the_estimate():
    with pytest.raises(ModelError, match=r"would take about \d+ s on 600 rows.*limit of 0 s"):
        compare_models(_blobs(), feature_sets=["generic"], max_seconds=0.001)


def test_bad_arguments_are_named():
    with pytest.raises(ModelError, match="algorithm='kmedoids' is unknown"):
        compare_models(_blobs(), algorithms=["kmedoids"], feature_sets=["generic"])
    with pytest.raises(ModelError, match=r"k_range=\(1, 4\)"):
        compare_models(_blobs(), feature_sets=["generic"], k_range=(1, 4))


def test_the_json_form_has_the_rule_and_no_nan(blob_lab):
    data = blob_lab.to_dict()
    assert "Held-out Response lift is shown, never used" in data["ranking_rule"]
    assert data["models"][0]["rank"] == 1
    assert data["models"][0]["bic"] is None or data["models"][0]["algorithm"] == "gmm"


# -- every algorithm can serve the form --------------------------------------------------------
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_can_assign_a_new_customer(algorithm):
    frame = _blobs(450, seed=2)
    k = 3 if ALGORITHM_INFO[algorithm].uses_k else "auto"
    # separated blobs make a disconnected neighbour graph: spectral says so, and copes
    warnings.filterwarnings("ignore", "Graph is not fully connected", UserWarning)
    bundle = train_bundle(
        frame, algorithm=algorithm, n_segments=k, feature_set="generic",
        columns=["x0", "x1", "x2", "x3"],
    )  # fmt: skip
    assert bundle.segmenter.n_segments_ == 3
    centre = frame[bundle.segmenter.labels_ == 1][["x0", "x1", "x2", "x3"]].mean()
    result = assign_customer(bundle, centre.to_dict())
    assert result.segment == 1 and result.name == bundle.names[1]
    assert sum(result.membership.values()) == pytest.approx(1, abs=1e-3)


def test_clusterer_keeps_noise_in_its_fit_but_predicts_every_row():
    X = np.vstack([_blobs(300).iloc[:, 1:].to_numpy(), [[200.0, 200.0, 200.0, 200.0]]])
    est = Clusterer("hdbscan").fit(X)
    assert est.labels_[-1] == -1 and est.noise_share_ > 0
    assert est.predict(X[-1:])[0] in range(est.n_clusters_)


def test_a_method_that_finds_its_own_k_refuses_a_given_k():
    with pytest.raises(ModelError, match="finds its own number of segments"):
        Segmenter(algorithm="meanshift", n_segments=4, feature_set="generic").fit(_blobs())


def test_clusterer_samples_large_tables_and_extends_by_nearest_centroid():
    X = _blobs(800).iloc[:, 1:].to_numpy()
    est = Clusterer("agglomerative", n_clusters=3, max_fit_rows=200).fit(X)
    assert est.sampled_ and est.fit_rows_ == 200 and len(est.labels_) == 800
    assert (est.predict(X) == est.labels_).mean() > 0.99


# -- edge cases found in review ------------------------------------------------------------------
def test_a_small_table_keeps_only_the_k_it_can_hold():
    table = compare_models(mall_table(12), feature_sets=["generic"], n_boot=2).table
    assert table["k"].max() < 12 and len(table) > 0
    with pytest.raises(ModelError, match="n_samples=2 is too few"):
        compare_models(mall_table(2), feature_sets=["generic"])


def test_noise_share_counts_the_rows_the_method_fitted():
    X, _ = make_blobs(1200, n_features=3, centers=3, center_box=(-10, 10), cluster_std=0.5,
                      random_state=0)  # fmt: skip
    Z = np.vstack([X, np.random.default_rng(0).uniform(-15, 15, (800, 3))])
    full = Clusterer("hdbscan").fit(Z).noise_share_
    sampled = Clusterer("hdbscan", max_fit_rows=400).fit(Z).noise_share_
    assert full > 0.25 and abs(sampled - full) < 0.1
    table = compare_models(
        pd.DataFrame(Z, columns=list("abc")), algorithms=["hdbscan"], feature_sets=["generic"],
        k_range=(2, 4), n_boot=2, max_fit_rows=400,
    ).table  # fmt: skip
    assert table["noise_share"].iloc[0] > 0.25 and not table["usable"].iloc[0]


def test_stability_is_undefined_without_two_segments():
    S = _blobs(200).iloc[:, 1:].to_numpy()
    out = bootstrap_stability("kmeans", S, {2: np.zeros(200, dtype=int)}, [2], 2, 0, 10)
    assert np.isnan(out[2])


def test_birch_models_assign_training_customers_as_they_were_profiled():
    frame = _blobs(600, seed=3)
    bundle = train_bundle(frame, algorithm="birch", n_segments=3, feature_set="generic",
                          columns=["x0", "x1", "x2", "x3"])  # fmt: skip
    batch = pd.concat(iter_assign(bundle, frame, id_column="ID"))
    assert (batch["segment"].to_numpy() == bundle.segmenter.labels_).all()


@pytest.mark.parametrize("algorithm", ["hdbscan", "birch", "spectral", "agglomerative"])
def test_a_saved_model_keeps_centroids_not_the_fitted_rows(algorithm):
    frame = _blobs(300, seed=4)
    k = 3 if ALGORITHM_INFO[algorithm].uses_k else "auto"
    warnings.filterwarnings("ignore", "Graph is not fully connected", UserWarning)
    seg = Segmenter(algorithm=algorithm, n_segments=k, feature_set="generic").fit(frame)
    arrays = [v for v in vars(seg.model_).values() if isinstance(v, np.ndarray)]
    assert not hasattr(seg.model_, "estimator_")
    assert max(len(a) for a in arrays if a.ndim == 2) == seg.n_segments_  # centroids only


def test_birch_finding_fewer_segments_than_asked_is_a_clear_error():
    with pytest.raises(ModelError, match="found only .* segment"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # scikit-learn says it too
        Segmenter(algorithm="birch", n_segments=11, feature_set="generic").fit(mall_table(12))


def test_a_model_leaving_most_customers_as_noise_says_so():
    X, _ = make_blobs(1200, n_features=3, centers=3, center_box=(-10, 10), cluster_std=0.5,
                      random_state=0)  # fmt: skip
    Z = np.vstack([X, np.random.default_rng(0).uniform(-15, 15, (800, 3))])
    frame = pd.DataFrame(Z, columns=list("abc"))
    segmenter = Segmenter(algorithm="hdbscan", feature_set="generic").fit(frame)
    assert any(
        re.search(r"left \d+% of the customers it fitted as noise", n) for n in segmenter.notes_
    )
