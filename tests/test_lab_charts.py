from __future__ import annotations

import math
from pathlib import Path

import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from segmentation.errors import SchemaError
from segmentation.lab.charts import find_knee, knees, lab_charts

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "lab_charts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NAN = math.nan
KS = [2, 3, 4, 5, 6, 7, 8]

# (algorithm, feature_set) -> inertia, silhouette, stability over KS; a lab run by hand.
CURVES = {
    ("kmeans", "behavior"): (
        [4100, 3050, 2150, 1900, 1720, 1580, 1470],
        [0.31, 0.29, 0.33, 0.27, 0.24, 0.22, 0.21],
        [0.97, 0.91, 0.93, 0.78, 0.71, 0.66, 0.62],
    ),
    ("minibatch_kmeans", "behavior"): (
        [4180, 3120, 2260, 1990, 1810, 1660, 1560],
        [0.30, 0.28, 0.31, 0.25, 0.23, 0.21, 0.20],
        [0.93, 0.86, 0.88, 0.72, 0.65, 0.61, 0.57],
    ),
    ("gmm", "behavior"): (
        [4400, 3300, 2420, 2150, 1990, 1850, 1760],
        [0.27, 0.25, 0.28, 0.22, 0.19, 0.18, 0.16],
        [0.88, 0.79, 0.81, 0.64, 0.58, 0.55, 0.51],
    ),
    ("agglomerative", "behavior"): (
        [4350, 3200, 2300, 2050, 1860, 1700, 1600],
        [0.29, 0.27, 0.30, 0.24, 0.22, 0.20, 0.19],
        [0.90, 0.84, 0.86, 0.74, 0.69, 0.63, 0.60],
    ),
    ("spectral", "behavior"): (
        [4250, 3150, 2280, 2010, NAN, NAN, NAN],
        [0.30, 0.28, 0.32, 0.26, NAN, NAN, NAN],
        [0.92, 0.83, NAN, NAN, NAN, NAN, NAN],
    ),
    ("birch", "behavior"): (
        [NAN] * 7,
        [0.26, 0.24, 0.27, 0.23, 0.20, 0.18, 0.17],
        [0.85, 0.77, 0.80, 0.69, 0.62, 0.57, 0.55],
    ),
    ("kmeans", "seed"): (
        [1900, 1000, 870, 810, 770, 735, 710],
        [0.38, 0.35, 0.30, 0.28, 0.26, 0.25, 0.24],
        [0.99, 0.95, 0.87, 0.80, 0.74, 0.70, 0.66],
    ),
    ("gmm", "seed"): (
        [2010, 1100, 950, 885, 845, 810, 785],
        [0.36, 0.31, 0.27, 0.25, 0.23, 0.21, 0.20],
        [0.94, 0.88, 0.79, 0.71, 0.66, 0.62, 0.58],
    ),
    ("agglomerative", "seed"): (
        [1980, 1080, 920, 860, 820, 785, 760],
        [0.37, 0.33, 0.29, 0.27, 0.25, 0.23, 0.22],
        [0.96, 0.90, 0.84, 0.77, 0.71, 0.68, 0.64],
    ),
}
# Algorithms that choose their own k: one row per feature set.
SINGLE_ROWS = [
    ("meanshift", "behavior", 3, 3300.0, 0.25, 0.83),
    ("hdbscan", "behavior", 5, NAN, 0.34, 0.74),
    ("meanshift", "seed", 4, 1010.0, 0.31, 0.89),
    ("hdbscan", "seed", 6, NAN, NAN, 0.69),
]


def lab_table(feature_sets: tuple[str, ...] = ("behavior", "seed")) -> pd.DataFrame:
    """The lab's comparison table for CURVES and SINGLE_ROWS, with all of its columns."""
    rows = []
    for (algorithm, feature_set), (inertia, silhouette, stability) in CURVES.items():
        for k, i, s, b in zip(KS, inertia, silhouette, stability, strict=True):
            rows.append((algorithm, feature_set, k, i, s, b))
    rows += SINGLE_ROWS
    frame = pd.DataFrame(
        rows, columns=["algorithm", "feature_set", "k", "inertia", "silhouette", "stability"]
    )
    frame = frame[frame["feature_set"].isin(feature_sets)].reset_index(drop=True)
    frame["calinski_harabasz"] = 500.0
    frame["davies_bouldin"] = 1.1
    frame["bic"] = np.where(frame["algorithm"] == "gmm", 10_000.0 - frame["k"] * 150, NAN)
    frame["min_share"] = 0.08
    frame["noise_share"] = np.where(frame["algorithm"] == "hdbscan", 0.12, 0.0)
    frame["spend_eta2"] = 0.6
    frame["fit_seconds"] = 0.05
    frame["stable"] = frame["stability"] >= 0.85
    frame["usable"] = frame["min_share"] >= 0.05
    frame["best_lift"] = 1.8
    frame["response_spread"] = 0.2
    frame["rank"] = frame["silhouette"].rank(ascending=False, method="first").fillna(99)
    return frame.astype({"rank": int}).sort_values("rank", ignore_index=True)


def read_png(path: Path) -> np.ndarray:
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    return matplotlib.image.imread(path)


def coloured_pixels(image: np.ndarray) -> int:
    """Pixels that are clearly not grey: lines and markers, not text, axes or grid."""
    rgb = image[..., :3]
    return int(((rgb.max(axis=-1) - rgb.min(axis=-1)) > 0.25).sum())


# --- find_knee ---------------------------------------------------------------------------


def test_kneedle_finds_four_blobs_in_kmeans_inertia():
    centers = [[0, 0], [0, 10], [10, 0], [10, 10]]
    X, _ = make_blobs(n_samples=200, centers=centers, cluster_std=1.0, random_state=0)
    ks = list(range(1, 10))
    inertia = [KMeans(n_clusters=k, n_init=3, random_state=0).fit(X).inertia_ for k in ks]
    assert find_knee(ks, inertia) == 4


def test_kneedle_on_a_hand_made_curve_is_three():
    # x = (k-1)/5 = 0, .2, .4, .6, .8, 1;  y = (v-10)/90 = 1, .333, .111, .056, .022, 0
    # d = (1-y) - x = 0, .467, .489, .344, .178, 0  -> largest at k=3.
    assert find_knee([1, 2, 3, 4, 5, 6], [100, 40, 20, 15, 12, 10]) == 3


@pytest.mark.parametrize(
    "values",
    [
        [50, 40, 30, 20, 10, 0],  # straight line
        [7, 7, 7, 7, 7, 7],  # flat
        [10, 12, 15, 20, 40, 100],  # increasing
        [100, 99, 96, 91, 84, 75],  # decreasing but concave
    ],
    ids=["straight", "flat", "increasing", "concave"],
)
def test_curves_without_a_knee_give_none(values):
    assert find_knee([1, 2, 3, 4, 5, 6], values) is None


@pytest.mark.parametrize(
    ("ks", "values"),
    [([], []), ([2], [10.0]), ([2, 3], [10.0, 5.0]), ([2, 3, 4], [10.0, NAN, 4.0])],
    ids=["none", "one", "two", "two-finite"],
)
def test_fewer_than_three_finite_points_give_none(ks, values):
    assert find_knee(ks, values) is None


def test_nan_points_are_ignored():
    ks = [1, 2, 3, 4, 5, 6, 7, 8]
    values = [100, 40, NAN, 20, 15, 12, 10, NAN]
    # Without the NaN rows: k 1, 2, 4, 5, 6, 7 with x = 0, .167, .5, .667, .833, 1 and
    # d = 0, .5, .389, .278, .144, 0 -> k=2.
    assert find_knee(ks, values) == 2
    assert find_knee([1, 2, 4, 5, 6, 7], [100, 40, 20, 15, 12, 10]) == 2


def test_order_of_points_does_not_matter():
    assert find_knee([6, 1, 4, 2, 5, 3], [10, 100, 15, 40, 12, 20]) == 3


def test_unequal_lengths_and_repeated_k_are_refused():
    with pytest.raises(ValueError, match="same length; got 3 and 2"):
        find_knee([1, 2, 3], [3.0, 2.0])
    with pytest.raises(ValueError, match="distinct"):
        find_knee([1, 2, 2, 3], [9.0, 4.0, 3.0, 1.0])


# --- knees -------------------------------------------------------------------------------


def test_knees_per_algorithm_and_feature_set():
    found = knees(lab_table())
    assert found[("kmeans", "behavior")] == 4
    # spectral has inertia at k 2..5 only: x = 0, 1/3, 2/3, 1; y = 1, .509, .121, 0;
    # d = 0, .158, .212, 0 -> k=4.
    assert found[("spectral", "behavior")] == 4
    assert found[("birch", "behavior")] is None  # no inertia at all
    assert found[("meanshift", "behavior")] is None  # a single row
    # kmeans on seed, k 2..8: x = 0, 1/6, ..., 1; y = 1, .244, .134, .084, .050, .021, 0;
    # d = 0, .590, .533, .416, .283, .146, 0 -> k=3.
    assert found[("kmeans", "seed")] == 3
    assert list(found) == sorted(found)
    assert len(found) == len(CURVES) + len(SINGLE_ROWS)


# --- lab_charts --------------------------------------------------------------------------


def test_three_readable_pngs_of_the_expected_size(tmp_path):
    paths = lab_charts(lab_table(("behavior",)), tmp_path / "charts", title="demo data")
    assert set(paths) == {"elbow", "silhouette", "stability"}
    for name, path in paths.items():
        assert path == tmp_path / "charts" / f"{name}.png"
        assert path.stat().st_size > 5_000
        image = read_png(path)
        assert image.shape[:2] == (495, 770)  # 4.5 x 7 in at 110 dpi
        assert coloured_pixels(image) > 500


def test_several_feature_sets_are_stacked_panels(tmp_path):
    paths = lab_charts(lab_table(), tmp_path)
    for path in paths.values():
        height, width = read_png(path).shape[:2]
        assert width == 770
        assert height == round((1.3 + 2 * 3.0) * 110)


def test_the_same_table_gives_the_same_files(tmp_path):
    first = lab_charts(lab_table(), tmp_path / "a")
    second = lab_charts(lab_table(), tmp_path / "b")
    for name in first:
        assert first[name].read_bytes() == second[name].read_bytes()


def test_single_row_algorithms_are_points_and_off_the_elbow(tmp_path):
    table = lab_table(("behavior",))
    table = table[table["algorithm"].isin(["meanshift", "hdbscan"])]
    paths = lab_charts(table, tmp_path)
    assert coloured_pixels(read_png(paths["elbow"])) == 0  # "no data": one k each
    assert coloured_pixels(read_png(paths["silhouette"])) > 50
    assert coloured_pixels(read_png(paths["stability"])) > 50


def test_all_nan_inertia_still_writes_an_elbow_chart(tmp_path):
    table = lab_table().assign(inertia=NAN)
    paths = lab_charts(table, tmp_path)
    assert coloured_pixels(read_png(paths["elbow"])) == 0
    assert coloured_pixels(read_png(paths["silhouette"])) > 500


def test_an_empty_table_writes_three_no_data_charts(tmp_path):
    paths = lab_charts(lab_table().iloc[0:0], tmp_path)
    for path in paths.values():
        assert read_png(path).shape[:2] == (495, 770)


def test_the_callers_table_is_not_modified(tmp_path):
    table = lab_table()
    before = table.copy()
    lab_charts(table, tmp_path)
    pd.testing.assert_frame_equal(table, before)


def test_a_missing_column_is_named(tmp_path):
    with pytest.raises(SchemaError, match="lacks column\\(s\\) stability"):
        lab_charts(lab_table().drop(columns="stability"), tmp_path)


def test_a_repeated_row_is_named(tmp_path):
    table = lab_table()
    table = pd.concat([table, table[table["algorithm"] == "gmm"].head(1)], ignore_index=True)
    message = r"one row per \(algorithm, k, feature_set\); \('gmm', k=\d, '\w+'\) has 2"
    with pytest.raises(SchemaError, match=message):
        lab_charts(table, tmp_path)
    with pytest.raises(SchemaError, match=message):
        knees(table)


def test_a_row_without_k_is_left_out(tmp_path):
    table = lab_table().astype({"k": float})
    table.loc[table["algorithm"] == "hdbscan", "k"] = NAN  # found no clusters
    paths = lab_charts(table, tmp_path)
    assert all(path.stat().st_size > 5_000 for path in paths.values())
    assert knees(table)[("hdbscan", "seed")] is None


def test_charts_of_a_realistic_table_are_kept_as_artifacts():
    """Writes test-artifacts/lab_charts/{elbow,silhouette,stability}.png to look at."""
    paths = lab_charts(lab_table(), ARTIFACTS, title="demo customers")
    single = lab_charts(lab_table(("behavior",)), ARTIFACTS / "one_feature_set")
    for path in [*paths.values(), *single.values()]:
        assert path.is_relative_to(ARTIFACTS)
        assert path.stat().st_size > 5_000
