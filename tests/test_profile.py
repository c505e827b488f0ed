"""Segment profiles on a 12-row table whose figures can be counted by hand.

Segment 0 (rows 0-3): four affluent catalog buyers, born 1964, one teenager in two of the
homes, 1,000 spent each (600 wine, 300 meat, 100 gold), enrolled 2014-01-01.
Segment 1 (rows 4-11): eight modest web buyers, born 1984, one small child each, 50 spent
each (10 wine, 5 fruit, 20 meat, 5 sweets, 10 gold), enrolled 2014-06-30 (the latest date).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from segmentation.display import profile_table
from segmentation.errors import DataError
from segmentation.features import FeatureBuilder
from segmentation.profile import Profile, SegmentMetric, Trait, profile_segments
from segmentation.schema import REFERENCE_COLUMNS

IDS = [987_601 + i for i in range(12)]
LABELS = np.array([0] * 4 + [1] * 8)


def customers() -> pd.DataFrame:
    """The 12-row reference-schema table of the module docstring."""
    rich = {
        "Year_Birth": 1964, "Kidhome": 0, "Recency": 10, "MntWines": 600, "MntFruits": 0,
        "MntMeatProducts": 300, "MntFishProducts": 0, "MntSweetProducts": 0, "MntGoldProds": 100,
        "NumDealsPurchases": 1, "NumWebPurchases": 2, "NumCatalogPurchases": 6,
        "NumStorePurchases": 2, "NumWebVisitsMonth": 2, "Dt_Customer": "2014-01-01",
    }  # fmt: skip
    modest = {
        "Year_Birth": 1984, "Kidhome": 1, "Recency": 40, "MntWines": 10, "MntFruits": 5,
        "MntMeatProducts": 20, "MntFishProducts": 0, "MntSweetProducts": 5, "MntGoldProds": 10,
        "NumDealsPurchases": 2, "NumWebPurchases": 3, "NumCatalogPurchases": 0,
        "NumStorePurchases": 1, "NumWebVisitsMonth": 7, "Dt_Customer": "2014-06-30",
    }  # fmt: skip
    frame = pd.DataFrame([rich] * 4 + [modest] * 8)
    frame["ID"] = IDS
    frame["Income"] = [80e3, 90e3, 100e3, 110e3, 20e3, 30e3, 30e3, 40e3, 40e3, 50e3, 50e3, 60e3]
    frame["Teenhome"] = [1, 1, 0, 0] + [0] * 8
    frame["Education"] = ["PhD", "PhD", "Master", "Graduation"] + ["Basic", "Graduation"] * 4
    frame["Marital_Status"] = ["Married"] * 3 + ["Together"] + ["Single"] * 6 + ["YOLO", "Divorced"]
    for col in ("AcceptedCmp1", "AcceptedCmp2", "AcceptedCmp3", "AcceptedCmp4", "AcceptedCmp5"):
        frame[col] = 0
    frame.loc[[0, 1], "AcceptedCmp1"] = 1
    frame.loc[0, "AcceptedCmp5"] = 1
    frame.loc[4, "AcceptedCmp3"] = 1
    frame["Complain"], frame["Z_CostContact"], frame["Z_Revenue"] = 0, 3, 11
    frame["Response"] = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    frame["Dt_Customer"] = pd.to_datetime(frame["Dt_Customer"])
    frame = frame[list(REFERENCE_COLUMNS)]
    numeric = [c for c in frame.columns if c not in ("Education", "Marital_Status", "Dt_Customer")]
    return frame.astype({c: float for c in numeric})


@pytest.fixture
def profile() -> dict:
    return profile_segments(customers(), LABELS)


def test_sizes_and_shares_are_counted(profile: Profile) -> None:
    assert profile.schema == "reference"
    assert (profile.n_customers, profile.n_segments) == (12, 2)
    assert [s.size for s in profile.segments] == [4, 8]
    assert [s.share for s in profile.segments] == pytest.approx([1 / 3, 2 / 3])


def test_income_mean_median_and_index(profile: Profile) -> None:
    population = profile.population.metrics["income"]
    assert population.mean == pytest.approx(700_000 / 12)
    assert population.median == pytest.approx(50_000)
    rich, modest = (s.metrics["income"] for s in profile.segments)
    assert (rich.mean, rich.median) == pytest.approx((95_000, 95_000))
    assert (modest.mean, modest.median) == pytest.approx((40_000, 40_000))
    assert rich.index == pytest.approx(100 * 95_000 / (700_000 / 12))  # 162.86
    assert modest.index == pytest.approx(100 * 40_000 / (700_000 / 12))  # 68.57


def test_derived_metrics_are_counted(profile: Profile) -> None:
    rich, modest = (s.metrics for s in profile.segments)
    assert (rich["age"].mean, modest["age"].mean) == (50, 30)  # at the latest year, 2014
    assert (rich["children"].mean, modest["children"].mean) == (0.5, 1)
    assert (rich["total_spend"].mean, modest["total_spend"].mean) == (1000, 50)
    assert rich["total_spend"].index == pytest.approx(100 * 1000 / (4400 / 12))  # 272.7
    assert (rich["tenure_days"].mean, modest["tenure_days"].mean) == (180, 0)
    assert (rich["campaigns_accepted"].mean, modest["campaigns_accepted"].mean) == (
        0.75,
        0.125,
    )
    assert rich["total_purchases"].mean == 10


def test_a_metric_whose_population_mean_is_zero_has_no_index(profile: Profile) -> None:
    assert profile.population.metrics["spend_fish"].mean == 0
    assert all(s.metrics["spend_fish"].index is None for s in profile.segments)


def test_spend_mix_is_a_share_of_the_segment_spend(profile: Profile) -> None:
    rich, modest = (s.spend_mix for s in profile.segments)
    assert rich == pytest.approx(
        {"wines": 0.6, "fruits": 0, "meat": 0.3, "fish": 0, "sweets": 0, "gold": 0.1}
    )
    assert modest == pytest.approx(
        {"wines": 0.2, "fruits": 0.1, "meat": 0.4, "fish": 0, "sweets": 0.1, "gold": 0.2}
    )
    assert profile.population.spend_mix["wines"] == pytest.approx(2480 / 4400)


def test_channel_mix_is_a_share_of_purchases_and_deals_per_purchase(profile: Profile) -> None:
    rich, modest = (s.channel_mix for s in profile.segments)
    assert rich == pytest.approx({"web": 0.2, "catalog": 0.6, "store": 0.2, "deals": 0.1})
    assert modest == pytest.approx({"web": 0.75, "catalog": 0, "store": 0.25, "deals": 0.5})


def test_household_mixes(profile: Profile) -> None:
    rich, modest = (s.mix for s in profile.segments)
    assert rich["education_level"] == pytest.approx(
        {"Undergraduate": 0, "Graduate": 0.25, "Postgraduate": 0.75}
    )
    assert modest["education_level"] == pytest.approx(
        {"Undergraduate": 0.5, "Graduate": 0.5, "Postgraduate": 0}
    )
    assert rich["partner"] == {"Yes": 1.0, "No": 0.0}
    assert modest["marital_status"]["Single"] == 0.75
    assert modest["marital_status"]["Other"] == 0.125  # YOLO
    assert profile.population.mix["partner"]["Yes"] == pytest.approx(4 / 12)


def test_campaign_rates_with_wilson_intervals(profile: Profile) -> None:
    rich, modest = (s.campaigns for s in profile.segments)
    assert rich["cmp1"].rate == 0.5 and rich["cmp5"].rate == 0.25
    assert rich["any_past"].rate == 0.5
    assert modest["cmp3"].rate == 0.125 and modest["any_past"].rate == 0.125
    assert modest["cmp1"].ci_low == pytest.approx(0.0)
    assert set(rich) == {"cmp1", "cmp2", "cmp3", "cmp4", "cmp5", "any_past"}


def test_response_three_of_four_has_the_textbook_wilson_interval(profile: Profile) -> None:
    assert profile.base_rate == pytest.approx(4 / 12)
    rich, modest = (s.response for s in profile.segments)
    assert (rich.responders, rich.customers, rich.rate) == (3, 4, 0.75)
    assert (rich.ci_low, rich.ci_high) == pytest.approx((0.3006, 0.9544), abs=1e-4)
    assert rich.lift == pytest.approx(2.25)
    assert modest.lift == pytest.approx(0.375)


def test_traits_are_the_metrics_furthest_from_average(profile: Profile) -> None:
    traits = profile.segments[0].traits
    assert len(traits) == 5
    # index 0 (nothing spent on fruit or sweets, no small child) ranks first, ties by key
    assert [t.key for t in traits[:3]] == [
        "metrics.kidhome.mean",
        "metrics.spend_fruits.mean",
        "metrics.spend_sweets.mean",
    ]
    assert traits[0] == Trait(
        key="metrics.kidhome.mean",
        label="small children at home",
        index=0.0,
        direction="low",
        text="almost no small children at home",
    )
    scores = [abs(math.log(max(t.index, 1) / 100)) for t in traits]
    assert scores == sorted(scores, reverse=True)


def test_trait_text_says_how_far_from_average() -> None:
    frame = pd.concat([customers().iloc[[4]]] * 12, ignore_index=True)  # 12 alike customers
    frame["Income"] = [60e3] * 6 + [40e3] * 6  # but for income
    traits = [s.traits for s in profile_segments(frame, np.repeat([0, 1], 6)).segments]
    assert traits[0] == [
        Trait("metrics.income.mean", "income", 120.0, "high", "income 20% above average")
    ]
    assert traits[1][0].text == "income 20% below average"


def test_profile_is_json_without_nan_even_with_gaps() -> None:
    frame = customers()
    frame.loc[[0, 1, 2, 3], "Income"] = np.nan  # a whole segment without income
    profile = profile_segments(frame, LABELS)
    text = json.dumps(profile.to_dict(), allow_nan=False)
    assert Profile.from_dict(json.loads(text)) == profile
    assert profile.segments[0].metrics["income"] == SegmentMetric(None, None, None)


def test_profile_holds_aggregates_only(profile: Profile) -> None:
    text = json.dumps(profile.to_dict())
    assert not any(str(i) in text for i in IDS)
    assert '"min"' not in text and '"max"' not in text
    assert "110000" not in text  # the largest income


def test_single_segment_equal_to_the_population_has_index_100() -> None:
    profile = profile_segments(customers(), np.zeros(12, dtype=int))
    (segment,) = profile.segments
    indexes = {k: m.index for k, m in segment.metrics.items()}
    assert indexes.pop("spend_fish") is None  # population mean 0
    assert indexes == pytest.approx(dict.fromkeys(indexes, 100.0))
    assert segment.traits == []
    assert segment.response.lift == pytest.approx(1.0)


@pytest.mark.parametrize(("sizes", "small"), [((11, 1), [False, True]), ((4, 8), [True, True])])
def test_segments_under_eleven_customers_are_flagged_small(sizes: tuple, small: list) -> None:
    labels = np.repeat([0, 1], sizes)
    profile = profile_segments(customers(), labels)
    assert [s.small for s in profile.segments] == small


def test_without_an_outcome_there_is_no_response() -> None:
    profile = profile_segments(customers().drop(columns="Response"), LABELS)
    assert profile.base_rate is None
    assert [s.response for s in profile.segments] == [None, None]


def test_given_derived_columns_match_the_computed_ones() -> None:
    frame = customers()
    derived = FeatureBuilder().fit(frame).derive(frame)
    assert profile_segments(frame, LABELS, derived=derived) == profile_segments(frame, LABELS)


def test_a_generic_table_is_profiled_on_its_columns() -> None:
    frame = pd.DataFrame(
        {
            "CustomerID": [1, 2, 3, 4, 5, 6],
            "Gender": ["Female", "Female", "Male", "Male", "Male", None],
            "Annual Income (k$)": [15.0, 17.0, 80.0, 90.0, 100.0, 110.0],
            "Spending Score (1-100)": [80, 90, 10, 20, 30, 20],
        }
    )
    columns = ["Gender", "Annual Income (k$)", "Spending Score (1-100)"]
    profile = profile_segments(frame, [0, 0, 1, 1, 1, 1], columns=columns)
    assert profile.schema == "generic"
    assert profile.labels == {
        "gender": "Gender",
        "annual_income_k": "Annual Income (k$)",
        "spending_score_1_100": "Spending Score (1-100)",
    }
    low, high = profile.segments
    assert low.metrics["annual_income_k"].mean == 16
    assert high.metrics["spending_score_1_100"].median == 20
    assert low.metrics["annual_income_k"].index == pytest.approx(100 * 16 / 68.6666667)
    assert high.mix["gender"] == {"Male": 0.75, "Female": 0.0, "Unknown": 0.25}
    assert low.spend_mix is None and low.campaigns is None and low.response is None
    json.dumps(profile.to_dict(), allow_nan=False)


def test_profile_table_has_one_row_per_segment(profile: Profile) -> None:
    table = profile_table(profile)
    assert list(table["id"]) == [0, 1]
    assert list(table["size"]) == [4, 8]
    assert list(table["income_mean"]) == [95_000, 40_000]
    assert list(table["total_spend_mean"]) == [1000, 50]
    # the category / channel most over-represented relative to the population
    assert list(table["top_spend_category"]) == ["wines", "fruits"]
    assert list(table["top_channel"]) == ["catalog", "web"]
    assert list(table["campaigns_any_past_rate"]) == [0.5, 0.125]
    assert list(table["response_lift"]) == pytest.approx([2.25, 0.375])


@pytest.mark.parametrize(
    "labels",
    [np.zeros(11, dtype=int), np.array([-1] + [0] * 11), np.array([0.5] * 12), ["a"] * 12],
    ids=["too-few", "negative", "fractional", "text"],
)
def test_labels_must_be_one_segment_number_per_row(labels: object) -> None:
    with pytest.raises(DataError, match="labels"):
        profile_segments(customers(), labels)


def test_the_row_index_does_not_matter() -> None:
    frame = customers()
    shuffled = frame.set_axis([100 + 7 * i for i in range(12)][::-1])
    assert profile_segments(shuffled, LABELS) == profile_segments(frame, LABELS)


def test_a_table_without_the_reference_schema_is_profiled_on_its_usable_columns() -> None:
    frame = pd.DataFrame({"ID": [1, 2, 3, 4], "Visits": [1.0, 2.0, 8.0, 9.0], "Plan": list("aabb")})
    profile = profile_segments(frame, [0, 0, 1, 1])
    assert profile.schema == "generic"
    assert profile.labels == {"visits": "Visits", "plan": "Plan"}  # not the ID
    assert profile.segments[1].metrics["visits"].mean == 8.5
