from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from segmentation.errors import ModelError
from segmentation.evaluate import response_by_segment, spend_variance_explained
from segmentation.model import Segmenter
from tests._tables import REFERENCE_FILE, reference_frame, small_table


def blobs_frame(n: int | list[int] = 600, centers: int = 5, seed: int = 0) -> pd.DataFrame:
    X, _ = make_blobs(
        n_samples=n,
        centers=None if isinstance(n, list) else centers,
        n_features=3,
        cluster_std=0.6,
        random_state=seed,
    )
    return pd.DataFrame(X, columns=["a", "b", "c"])


def test_fit_then_predict_equals_fit_predict():
    table = small_table()
    seg = Segmenter(n_segments=2)
    labels = seg.fit_predict(table)
    np.testing.assert_array_equal(Segmenter(n_segments=2).fit(table).predict(table), labels)


def test_two_obvious_groups_are_found():
    table = small_table()
    labels = Segmenter(n_segments=2).fit_predict(table)
    assert len(set(labels[:6])) == 1 and len(set(labels[6:])) == 1 and labels[0] != labels[6]


def test_same_seed_same_labels_and_no_mutation():
    frame = blobs_frame()
    before = frame.copy()
    a = Segmenter(feature_set="generic", random_state=3).fit_predict(frame)
    b = Segmenter(feature_set="generic", random_state=3).fit_predict(frame)
    np.testing.assert_array_equal(a, b)
    pd.testing.assert_frame_equal(frame, before)


def test_segment_zero_is_the_largest():
    frame = blobs_frame([60, 240, 120, 180])  # unequal blobs, the largest not first
    labels = Segmenter(feature_set="generic", n_segments=4).fit_predict(frame)
    assert list(np.bincount(labels)) == [240, 180, 120, 60]


def test_auto_finds_the_five_blobs():
    seg = Segmenter(feature_set="generic").fit(blobs_frame(centers=5))
    assert seg.n_segments_ == 5
    chosen = [row for row in seg.selection_ if row["chosen"]]
    assert len(chosen) == 1 and chosen[0]["stability"] > 0.95


def test_auto_never_looks_at_response():
    frame = small_table(n_per_group=10)
    flipped = frame.assign(Response=1 - frame["Response"])
    a = Segmenter(n_segments="auto", k_range=(2, 4)).fit(frame)
    b = Segmenter(n_segments="auto", k_range=(2, 4)).fit(flipped)
    assert a.n_segments_ == b.n_segments_
    np.testing.assert_array_equal(a.labels_, b.labels_)


def test_predict_proba_sums_to_one_and_agrees_with_predict():
    frame = blobs_frame()
    for algorithm in ("kmeans", "gmm", "minibatch_kmeans"):
        seg = Segmenter(algorithm=algorithm, feature_set="generic", n_segments=5).fit(frame)
        proba = seg.predict_proba(frame)
        np.testing.assert_allclose(proba.sum(axis=1), 1.0)
        np.testing.assert_array_equal(proba.argmax(axis=1), seg.predict(frame))


def test_explain_names_features_that_pull_toward_the_segment():
    frame = blobs_frame(centers=3)
    seg = Segmenter(feature_set="generic", n_segments=3).fit(frame)
    why = seg.explain(frame.iloc[[0]])[0]
    assert why["segment"] == seg.labels_[0] and why["runner_up"] != why["segment"]
    assert why["reasons"] and all(r["pull"] > 0 for r in why["reasons"])
    assert {r["feature"] for r in why["reasons"]} <= {"a", "b", "c"}


def test_reorder_renumbers_labels_centers_and_predictions():
    frame = blobs_frame(centers=3)
    seg = Segmenter(feature_set="generic", n_segments=3).fit(frame)
    before, centers = seg.labels_.copy(), seg.centers_.copy()
    seg.reorder([2, 0, 1])
    np.testing.assert_array_equal(seg.labels_, np.array([2, 0, 1])[before])
    np.testing.assert_array_equal(seg.predict(frame), seg.labels_)
    np.testing.assert_allclose(seg.centers_[2], centers[0])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_segments": 13}, "n_samples=12 should be >= n_clusters=13"),
        ({"n_segments": 1}, "should be >= 2"),
        ({"n_segments": "many"}, "'auto' or an integer"),
        ({"algorithm": "dbscan"}, "algorithm='dbscan' is unknown"),
    ],
)
def test_bad_parameters_are_clear_errors(kwargs, message):
    with pytest.raises(ModelError, match=message):
        Segmenter(**kwargs).fit(small_table())


def test_fewer_rows_than_segments_for_auto_is_a_clear_error():
    with pytest.raises(ModelError, match="too few to choose the number of segments"):
        Segmenter().fit(small_table(n_per_group=2))


@pytest.mark.skipif(not REFERENCE_FILE.exists(), reason="reference file not in ../shared/data")
def test_quality_bar_on_the_reference_file(models):
    frame = reference_frame()
    seg = models.reference().segmenter  # Segmenter(random_state=0).fit(frame), trained once
    assert seg.get_params() == Segmenter(random_state=0).get_params()
    table = response_by_segment(seg.labels_, frame["Response"])
    assert table["lift"].max() >= 4.0
    assert spend_variance_explained(frame, seg.labels_) >= 0.75
    assert np.bincount(seg.labels_).min() / len(frame) >= 0.05
    chosen = next(r for r in seg.selection_ if r["chosen"])
    assert chosen["stability"] >= 0.90


@pytest.mark.skipif(not REFERENCE_FILE.exists(), reason="reference file not in ../shared/data")
def test_seed_feature_set_reproduces_the_seed_silhouette():
    frame = reference_frame()
    seg = Segmenter(feature_set="seed", n_segments=4, random_state=0).fit(frame)
    assert seg.scores_["silhouette"] == pytest.approx(0.255, abs=0.005)


@pytest.mark.skipif(not REFERENCE_FILE.exists(), reason="reference file not in ../shared/data")
def test_seeds_agree_on_the_reference_file(models):
    frame = reference_frame()
    a = models.reference().segmenter.labels_  # Segmenter(random_state=0).fit_predict(frame)
    b = Segmenter(random_state=1).fit_predict(frame)
    assert adjusted_rand_score(a, b) >= 0.90
