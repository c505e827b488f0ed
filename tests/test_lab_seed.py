"""The seed analysis's published silhouettes, reproduced on the reference file."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.cluster import AgglomerativeClustering, Birch, KMeans, MeanShift, SpectralClustering
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from segmentation.lab.seed import (
    ALGORITHMS,
    COLUMNS,
    PUBLISHED,
    TOLERANCE,
    format_seed_table,
    seed_estimators,
    seed_features,
    seed_reproduction,
)
from tests._tables import REFERENCE_FILE, reference_frame

needs_reference = pytest.mark.skipif(
    not REFERENCE_FILE.exists(), reason=f"reference file absent: {REFERENCE_FILE}"
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    # bin_seeding: same MeanShift labels as the faithful run on this file, 13 s faster.
    return seed_reproduction(reference_frame(), bin_seeding=True)


def test_seed_estimators_are_unfitted_with_the_seed_parameters():
    estimators = seed_estimators(random_state=7)
    assert tuple(estimators) == ALGORITHMS
    kmeans, agglomerative, meanshift, spectral, birch = estimators.values()
    assert isinstance(kmeans, KMeans)
    assert (kmeans.n_clusters, kmeans.n_init, kmeans.random_state) == (4, 10, 7)
    assert isinstance(agglomerative, AgglomerativeClustering)
    assert (agglomerative.n_clusters, agglomerative.linkage) == (4, "ward")
    assert isinstance(meanshift, MeanShift)
    assert (meanshift.cluster_all, meanshift.bandwidth, meanshift.bin_seeding) == (
        False,
        None,
        False,
    )
    assert isinstance(spectral, SpectralClustering)
    assert (spectral.n_clusters, spectral.random_state) == (4, 7)
    assert isinstance(birch, Birch)
    assert (birch.threshold, birch.n_clusters) == (0.01, 4)
    for estimator in estimators.values():
        with pytest.raises(NotFittedError):
            check_is_fitted(estimator)


@needs_reference
def test_seed_features_leave_the_callers_frame_alone():
    frame = reference_frame()
    before = frame.copy()
    X = seed_features(frame)
    assert X.shape == (2240, 5)
    pd.testing.assert_frame_equal(frame, before)


@needs_reference
def test_table_has_one_row_per_algorithm_in_order(table):
    assert list(table.columns) == list(COLUMNS)
    assert tuple(table["algorithm"]) == ALGORITHMS
    assert table["published"].tolist() == [PUBLISHED[name] for name in ALGORITHMS]


@needs_reference
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_each_published_silhouette_is_reproduced(table, algorithm):
    row = table.set_index("algorithm").loc[algorithm]
    assert row["ours"] == pytest.approx(PUBLISHED[algorithm], abs=TOLERANCE)
    assert row["difference"] == pytest.approx(row["ours"] - row["published"])
    assert row["ok"]


@needs_reference
def test_meanshift_finds_one_mode_and_labels_the_rest_noise(table):
    clusters = table.set_index("algorithm")["clusters"].to_dict()
    assert clusters == {"kmeans": 4, "agglomerative": 4, "meanshift": 1, "spectral": 4, "birch": 4}
    noise = table.set_index("algorithm")["noise_share"]
    assert noise["meanshift"] == pytest.approx(693 / 2240)
    assert (noise.drop("meanshift") == 0).all()


@needs_reference
def test_format_seed_table_names_each_algorithm_with_its_verdict(table):
    text = format_seed_table(table)
    lines = text.splitlines()
    assert "tolerance ±0.005" in lines[0]
    assert "Income, Age, Education level, Partner" in lines[0]
    assert lines[1].split() == [
        "algorithm",
        "parameters",
        "published",
        "ours",
        "difference",
        "verdict",
    ]
    for name, line in zip(ALGORITHMS, lines[2:], strict=True):
        assert line.startswith(name)
        assert line.endswith("ok")


def test_format_seed_table_marks_a_miss_off():
    table = pd.DataFrame(
        [["birch", "threshold=0.01, k=4", 4, 0.0, 0.235, 0.213, -0.022, False]],
        columns=list(COLUMNS),
    )
    line = format_seed_table(table).splitlines()[-1]
    assert line.split()[-3:] == ["0.2130", "-0.0220", "OFF"]
