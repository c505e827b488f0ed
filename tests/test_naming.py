"""Persona names and segment matching: small built tables, and the reference file."""

from __future__ import annotations

import copy
import dataclasses
import json
import re

import numpy as np
import pandas as pd
import pytest

from segmentation.naming import match_segments, name_segments, segment_distances
from segmentation.profile import Profile, profile_segments
from segmentation.schema import AMOUNT_COLUMNS, CAMPAIGN_COLUMNS, REFERENCE_COLUMNS

_BASE = {
    "Year_Birth": 1970.0, "Education": "Graduation", "Marital_Status": "Married",
    "Income": 50_000.0, "Kidhome": 0.0, "Teenhome": 0.0, "Dt_Customer": "2014-01-01",
    "Recency": 30.0, "NumDealsPurchases": 2.0, "NumWebPurchases": 4.0,
    "NumCatalogPurchases": 3.0, "NumStorePurchases": 6.0, "NumWebVisitsMonth": 5.0,
    "Complain": 0.0, "Z_CostContact": 3.0, "Z_Revenue": 11.0, "Response": 0.0,
}  # fmt: skip
_SPEND = dict(zip(AMOUNT_COLUMNS, (300.0, 25.0, 170.0, 35.0, 25.0, 45.0), strict=True))


def table(*groups: tuple[int, dict]) -> tuple[pd.DataFrame, np.ndarray]:
    """Reference-schema customers: ``n`` alike rows per group (overrides of an average
    customer), and the group of each row as its label."""
    rows, labels = [], []
    for label, (n, overrides) in enumerate(groups):
        row = {**_BASE, **_SPEND, **dict.fromkeys(CAMPAIGN_COLUMNS, 0.0), "ID": 0.0, **overrides}
        rows += [row] * n
        labels += [label] * n
    frame = pd.DataFrame(rows)[list(REFERENCE_COLUMNS)]
    frame["ID"] = np.arange(len(frame), dtype=float) + 1
    frame["Dt_Customer"] = pd.to_datetime(frame["Dt_Customer"])
    return frame, np.array(labels)


AFFLUENT_WINE = {"Income": 95_000.0, "MntWines": 1200.0, "MntMeatProducts": 200.0}
YOUNG_FAMILY = {
    "Income": 25_000.0, "Year_Birth": 1990.0, "Kidhome": 1.0, "MntWines": 10.0,
    "MntMeatProducts": 10.0, "MntFishProducts": 2.0, "MntFruits": 2.0, "MntSweetProducts": 2.0,
    "MntGoldProds": 5.0,
}  # fmt: skip
DEAL_TEENS = {"Teenhome": 1.0, "NumDealsPurchases": 8.0, "Year_Birth": 1965.0}
RESPONSIVE = {
    "Income": 85_000.0, "MntWines": 900.0, "MntMeatProducts": 500.0,
    **dict.fromkeys(CAMPAIGN_COLUMNS, 1.0),
}  # fmt: skip


def names_of(*groups: tuple[int, dict]) -> list[str]:
    frame, labels = table(*groups)
    return name_segments(profile_segments(frame, labels))


def test_clear_segments_get_vocabulary_names() -> None:
    names = names_of(
        (10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (10, DEAL_TEENS), (10, RESPONSIVE), (10, {})
    )
    assert names == [
        "Affluent Wine Lovers",
        "Frugal Young Families",  # spend (33 vs 569) is further below average than income
        "Deal-Seeking Parents of Teens",
        "Campaign-Responsive Meat & Fish Gourmets",
        "Frugal Couples",  # average customers look frugal next to two groups of big spenders
    ]


def test_names_are_deterministic_and_survive_a_json_round_trip() -> None:
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (10, DEAL_TEENS))
    profile = profile_segments(frame, labels)
    again = Profile.from_dict(json.loads(json.dumps(profile.to_dict())))
    assert name_segments(profile) == name_segments(copy.deepcopy(profile)) == name_segments(again)


def test_names_never_read_the_held_out_response() -> None:
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (10, DEAL_TEENS))
    before = name_segments(profile_segments(frame, labels))
    frame["Response"] = (labels == 1).astype(float)
    assert name_segments(profile_segments(frame, labels)) == before


def test_clashing_names_are_told_apart_by_the_next_trait_not_a_number() -> None:
    recent = {**AFFLUENT_WINE, "Recency": 5.0}
    lapsing = {**AFFLUENT_WINE, "Recency": 80.0}
    names = names_of((10, recent), (10, lapsing), (20, YOUNG_FAMILY), (20, {}))
    # the two groups of big spenders make the population's spend mix: no product stands out
    assert names == [
        "Affluent Recently Active Connoisseurs",
        "Affluent Lapsing Connoisseurs",
        "Frugal Young Families",
        "Established Fruit & Sweets Lovers",
    ]
    assert not any(re.search(r"\d", name) for name in names)


def test_identical_segments_still_get_distinct_names() -> None:
    names = names_of((10, AFFLUENT_WINE), (12, AFFLUENT_WINE), (20, YOUNG_FAMILY), (20, {}))
    assert names == [  # every descriptor is shared: the size tells them apart
        "Affluent Established Connoisseurs (10 customers)",
        "Affluent Established Connoisseurs (12 customers)",
        "Frugal Young Families",
        "Established Fruit & Sweets Lovers",
    ]


def test_taken_names_are_avoided() -> None:
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (20, {}))
    profile = profile_segments(frame, labels)
    assert name_segments(profile)[:2] == ["Affluent Wine Lovers", "Frugal Young Families"]
    names = name_segments(profile, taken={"Affluent Wine Lovers"})
    assert names[:2] == ["Affluent Established Wine Lovers", "Frugal Young Families"]


def mall(columns: list[str]) -> list[str]:
    """Names of four obvious income × spending-score groups of a mall-like table."""
    income = [20.0, 22.0, 24.0, 18.0, 90.0, 95.0, 85.0, 92.0]
    score = [10.0, 15.0, 85.0, 90.0, 12.0, 8.0, 88.0, 92.0]
    frame = pd.DataFrame(
        {
            "CustomerID": range(1, 33),
            "Gender": ["Female", "Male"] * 16,
            "Age": [30.0, 34.0, 38.0, 42.0] * 8,
            "Annual Income (k$)": np.repeat(income, 4),
            "Spending Score (1-100)": np.repeat(score, 4),
            "Bonus Points": np.repeat([9.0, 9.0, 1.0, 1.0, 1.0, 1.0, 9.0, 9.0], 4),
        }
    )
    labels = np.repeat([0, 0, 1, 1, 2, 2, 3, 3], 4)
    return name_segments(profile_segments(frame, labels, columns=columns))


def test_generic_names_use_plain_words_for_recognizable_columns() -> None:
    names = mall(["Gender", "Age", "Annual Income (k$)", "Spending Score (1-100)"])
    assert names == [
        "Low-Income Low-Spenders",
        "Low-Income High-Spenders",
        "High-Income Low-Spenders",
        "High-Income High-Spenders",
    ]


def test_generic_names_cite_other_columns_literally() -> None:
    names = mall(["Annual Income (k$)", "Bonus Points"])
    assert names == [
        "Low-Income / High Bonus Points",
        "Low-Income / Low Bonus Points",
        "High-Income / Low Bonus Points",
        "High-Income / High Bonus Points",
    ]


def test_match_maps_a_profile_to_itself() -> None:
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (10, DEAL_TEENS))
    profile = profile_segments(frame, labels)
    assert match_segments(profile, profile) == {0: 0, 1: 1, 2: 2}
    assert np.diag(segment_distances(profile, profile)) == pytest.approx(0)


def test_match_follows_a_permutation_of_segments() -> None:
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (10, DEAL_TEENS), (10, {}))
    old = profile_segments(frame, labels)
    permutation = np.array([2, 3, 1, 0])  # old id -> new id
    new = profile_segments(frame, permutation[labels])
    assert match_segments(new, old) == {int(p): old_id for old_id, p in enumerate(permutation)}


def test_a_segment_without_counterpart_stays_unmatched() -> None:
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY))
    old = profile_segments(frame, labels)
    frame, labels = table((10, AFFLUENT_WINE), (10, YOUNG_FAMILY), (10, RESPONSIVE))
    new = profile_segments(frame, labels)
    mapping = match_segments(new, old, max_distance=0.25)
    assert mapping == {0: 0, 1: 1}


# -- the reference file ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def reference_profile(models) -> Profile:
    """The profile of the session's reference model (``Segmenter(random_state=0)`` on the
    reference file, profiled with its derived columns); skipped if the file is absent."""
    bundle = models.reference()
    assert bundle.segmenter.notes_  # ages over 100, far outliers: noted
    return bundle.profile


def test_reference_segments_get_seven_distinct_sensible_names(reference_profile: Profile) -> None:
    names = name_segments(reference_profile)
    segments = reference_profile.segments
    for seg, name in zip(segments, names, strict=True):
        lift = seg.response.lift
        income, spend = (seg.metrics[k].mean for k in ("income", "total_spend"))
        print(f"{seg.id} {name:34} n={seg.size:4} {income=:8,.0f} {spend=:6,.0f} {lift=:.2f}")
    assert len(names) == 7 and len(set(names)) == 7
    assert not any(re.search(r"\d", name) for name in names)

    def top(key: str, sign: int = 1) -> str:
        return names[max(range(7), key=lambda i: sign * segments[i].metrics[key].mean)]

    assert "Campaign-Responsive" in top("campaigns_accepted")
    assert "Deal-Seeking" in top("purchases_deals")
    assert re.search("Budget-Conscious|Frugal", top("income", -1))
    assert re.search("Famil|Parents", top("kidhome"))
    assert re.search("Affluent|Campaign-Responsive", top("income"))


def test_reference_profile_is_consistent_json(reference_profile: Profile) -> None:
    text = json.dumps(reference_profile.to_dict(), allow_nan=False)
    assert reference_profile.n_customers == 2240
    assert sum(s.share for s in reference_profile.segments) == pytest.approx(1)
    responders = sum(s.response.responders for s in reference_profile.segments)
    assert responders / 2240 == pytest.approx(reference_profile.base_rate)
    assert "5524" not in text  # the first customer's ID


def test_reference_matching_is_identity_and_follows_a_permutation(
    reference_profile: Profile,
) -> None:
    assert match_segments(reference_profile, reference_profile) == {i: i for i in range(7)}
    order = [3, 6, 0, 5, 1, 4, 2]  # new position -> old segment
    shuffled = dataclasses.replace(
        reference_profile,
        segments=[
            dataclasses.replace(reference_profile.segments[old], id=new)
            for new, old in enumerate(order)
        ],
    )
    assert match_segments(shuffled, reference_profile) == dict(enumerate(order))
    assert name_segments(shuffled) == [name_segments(reference_profile)[old] for old in order]
