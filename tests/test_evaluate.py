from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from segmentation.evaluate import (
    bootstrap_stability,
    internal_scores,
    response_by_segment,
    sampled_silhouette,
    variance_explained,
    wilson_interval,
)


def test_wilson_interval_of_a_known_case():
    # 10 of 100: Wilson 95% interval is (0.0552, 0.1744).
    low, high = wilson_interval(np.array([10]), np.array([100]))
    assert low[0] == pytest.approx(0.0552, abs=1e-4)
    assert high[0] == pytest.approx(0.1744, abs=1e-4)


def test_response_by_segment_counts_rates_and_lift_by_hand():
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    response = pd.Series([1, 1, 0, 0, 0, 0, 0, 1.0])
    table = response_by_segment(labels, response)
    assert table["customers"].tolist() == [4, 4]
    assert table["responders"].tolist() == [2, 1]
    assert table["rate"].tolist() == [0.5, 0.25]
    assert table.attrs["base_rate"] == pytest.approx(3 / 8)
    assert table["lift"].tolist() == pytest.approx([0.5 / 0.375, 0.25 / 0.375])


def test_missing_responses_are_left_out():
    table = response_by_segment(np.array([0, 0, 1]), pd.Series([1.0, np.nan, 0.0]))
    assert table["customers"].tolist() == [1, 1]


def test_variance_explained_by_hand():
    # groups {1,3} and {5,7}: total SS 20, within SS 4 -> eta2 0.8
    assert variance_explained(np.array([1, 3, 5, 7]), np.array([0, 0, 1, 1])) == pytest.approx(0.8)


def test_silhouette_is_sampled_above_the_cap():
    X, y = make_blobs(n_samples=3000, centers=3, random_state=0)
    exact = sampled_silhouette(X, y, sample_size=5000)
    sampled = sampled_silhouette(X, y, sample_size=500, random_state=1)
    assert sampled == pytest.approx(exact, abs=0.05) and sampled != exact


def test_internal_scores_report_the_smallest_share():
    X, y = make_blobs(n_samples=[50, 150], centers=None, random_state=0)
    assert internal_scores(X, y)["min_share"] == 0.25


def test_stability_is_near_one_on_clean_blobs_and_low_on_noise():
    X, _ = make_blobs(n_samples=400, centers=3, cluster_std=0.5, random_state=0)
    noise = np.random.default_rng(0).uniform(size=(400, 2))

    def make(seed):
        return KMeans(3, n_init=3, random_state=seed)

    blobs_ref = make(0).fit(X).labels_
    noise_ref = KMeans(6, n_init=3, random_state=0).fit(noise).labels_
    assert bootstrap_stability(make, X, blobs_ref, n_boot=4) > 0.95
    assert (
        bootstrap_stability(
            lambda s: KMeans(6, n_init=1, random_state=s), noise, noise_ref, n_boot=4
        )
        < 0.8
    )
