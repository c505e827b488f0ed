"""The chat tools that work on customers: counting the table, assigning one, what-if changes.

Covers count_customers (numeric, category and derived-age filters, within a segment, counts
under 11 withheld both ways, bad filters as error text, the table being required, units such
as "$60k"), assign_customer agreeing with segmentation.pipeline.assign_customer and saying what
was given, assumed and unused, and what_if comparing two assignments, with bad attributes and
impossible changes returned as errors.
"""

from __future__ import annotations

import re

import pytest

from segmentation.assign import assign_customer as pipeline_assign
from tests import _tools_cases
from tests._tools_cases import NAMES

# The demo-model fixtures from tests/_tools_cases.py, bound here so pytest finds them.
bare = _tools_cases.bare
bare_box = _tools_cases.bare_box
box = _tools_cases.box
bundle = _tools_cases.bundle
ctx = _tools_cases.ctx
frame = _tools_cases.frame
personas = _tools_cases.personas


# -- counting ------------------------------------------------------------------------------------
def test_count_with_numeric_filters(box, frame):
    filters = [{"column": "income", "op": ">", "value": 60000},
               {"column": "kids", "op": ">=", "value": "2"}]  # fmt: skip
    result = box.count_customers(filters=filters)
    expected = int(((frame.Income > 60000) & (frame.Kidhome + frame.Teenhome >= 2)).sum())
    assert expected >= 11
    assert result.data["matching"] == expected == result.figures["count.matching"]
    assert f"{expected} of the 1,500 customers match" in result.text


def test_count_within_a_segment_and_by_category(box, bundle, frame):
    labels = bundle.segmenter.labels_
    filters = [{"column": "Marital_Status", "op": "in", "values": ["married", "Together"]}]
    result = box.count_customers("segment 1", filters)
    expected = int(((labels == 1) & frame.Marital_Status.isin(["Married", "Together"])).sum())
    assert result.data["matching"] == expected
    assert result.data["customers"] == int((labels == 1).sum())


def test_count_by_education_level(box, frame):
    result = box.count_customers(
        filters=[{"column": "education", "op": "==", "value": "Postgraduate"}]
    )
    assert result.data["matching"] == int(frame.Education.isin(["Master", "PhD"]).sum())


def test_count_derived_age(box, bundle, frame):
    year = bundle.segmenter.features_.reference_year_
    result = box.count_customers(filters=[{"column": "age", "op": "between", "values": [30, 40]}])
    age = year - frame.Year_Birth
    assert result.data["matching"] == int(age.between(30, 40).sum())


def test_counts_under_eleven_are_not_numbers(box, bundle, frame):
    labels = bundle.segmenter.labels_
    small = next(
        (i, level)
        for i in range(5)
        for level in ("Basic", "2n Cycle", "Master", "PhD")
        if 0 < ((labels == i) & (frame.Education == level)).sum() < 11
    )
    i, level = small
    result = box.count_customers(str(i), [{"column": "Education", "op": "==", "value": level}])
    n = int(((labels == i) & (frame.Education == level)).sum())
    assert "Fewer than 11" in result.text
    assert "count.matching" not in result.figures and "count.share" not in result.figures
    assert result.data["matching"] == "fewer than 11"
    assert not re.search(rf"\b{n}\b", result.text.replace("11", ""))


def test_nearly_everyone_is_not_a_number_either(box, frame):
    oldest = float(frame.Year_Birth.nsmallest(4).max())
    assert 0 < (frame.Year_Birth <= oldest).sum() < 11
    result = box.count_customers(filters=[{"column": "Year_Birth", "op": ">", "value": oldest}])
    assert "All but fewer than 11 of the 1,500 customers" in result.text
    assert "count.matching" not in result.figures


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ([{"column": "ID", "op": ">", "value": 1}], "customer IDs cannot be filtered on"),
        ([{"column": "shoe size", "op": ">", "value": 1}], "unknown column 'shoe size'"),
        ([{"column": "education", "op": ">", "value": "PhD"}], "Education is a category"),
        ([{"column": "education", "op": "==", "value": "Wizard"}], "has no value 'Wizard'"),
        ([{"column": "income", "op": ">", "value": "lots"}], "Income needs a number"),
        ([{"column": "income", "op": "between", "values": [1]}], "'between' needs"),
        ([{"column": "income", "op": "in"}], "op 'in' needs 'values'"),
        ([{"column": "Dt_Customer", "op": ">", "value": 1}], "is a date"),
    ],
)
def test_bad_filters_are_errors(box, filters, message):
    result = box.count_customers(filters=filters)
    assert result.error and message in result.text


def test_everyone_matching_is_a_plain_count(box):
    result = box.count_customers(filters=[{"column": "kids", "op": ">=", "value": 0}])
    assert result.text.startswith("1,500 of the 1,500 customers match Children >= 0 (100.0%)")


def test_counting_needs_the_customer_table(bare_box):
    result = bare_box.count_customers()
    assert result.error
    assert result.text == "Error: counting needs the customer table, which is not loaded."


def test_filter_units_are_read(box, frame):
    result = box.count_customers(filters=[{"column": "income", "op": ">=", "value": "$60k"}])
    assert result.data["matching"] == int((frame.Income >= 60000).sum())


# -- assigning and what-if -----------------------------------------------------------------------
def test_assign_customer_matches_the_pipeline(box, bundle):
    result = box.assign_customer(income=61500, age=45, kidhome=2, education="PhD")
    year = bundle.segmenter.features_.reference_year_
    direct = pipeline_assign(bundle, {"Income": 61500, "Year_Birth": year - 45, "Kidhome": 2,
                                      "Education": "PhD"})  # fmt: skip
    assert result.data["segment"] == direct.segment
    assert result.chart["kind"] == "bar"
    assert result.chart["values"] == list(direct.membership.values())
    assert (
        result.figures[f"membership.{direct.segment}"] == direct.membership[NAMES[direct.segment]]
    )
    assert f"**Persona: {NAMES[direct.segment]}**" in result.text
    assert "Given: income 61,500, age 45, kidhome 2, education PhD." in result.text
    assert "Not given, so the population's typical value was used: teenhome," in result.text
    assert "Not used by this model: education." in result.text
    assert result.data["reasons"] and all(r in result.text for r in result.data["reasons"])


def test_assign_with_raw_columns_and_campaigns(box, bundle):
    result = box.assign_customer(
        campaigns_accepted=3, attributes={"Income": 90000, "MntWines": 1200}
    )
    direct = pipeline_assign(bundle, {"Income": 90000, "MntWines": 1200, "AcceptedCmp1": 1,
                                      "AcceptedCmp2": 1, "AcceptedCmp3": 1, "AcceptedCmp4": 0,
                                      "AcceptedCmp5": 0})  # fmt: skip
    assert result.data["segment"] == direct.segment
    assert result.data["membership"] == {
        NAMES[i]: p for i, p in enumerate(direct.membership.values())
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"age": 140}, "age must be a number between 0 and 100"),
        ({"kidhome": -1}, "cannot be negative"),
        ({"campaigns_accepted": 9}, "campaigns_accepted must be a whole number 0-5"),
        ({"attributes": {"Shoe": 3}}, "unknown customer attribute(s): 'Shoe'"),
        ({"income": 5, "attributes": {"Income": 6}}, "'Income' is given twice"),
    ],
)
def test_bad_customer_attributes_are_errors(box, args, message):
    result = box.assign_customer(**args)
    assert result.error and message in result.text


def test_what_if_compares_two_assignments(box, bundle):
    result = box.what_if(income=60000, kidhome=2, income_change=40000, kidhome_change=-2)
    before = pipeline_assign(bundle, {"Income": 60000, "Kidhome": 2})
    after = pipeline_assign(bundle, {"Income": 100000, "Kidhome": 0})
    assert result.data["before"]["segment"] == before.segment
    assert result.data["after"]["segment"] == after.segment
    assert result.data["changed"] is (before.segment != after.segment)
    assert "income 60,000 → 100,000; kidhome 2 → 0" in result.text
    assert result.figures["changes.income.after"] == 100000
    word = "changes from" if result.data["changed"] else "stays"
    assert f"The persona {word}" in result.text
    assert result.data["after"]["reasons"]


def test_what_if_without_a_base_value_starts_from_the_typical_one(box, bundle):
    result = box.what_if(income_change=20000)
    median = bundle.profile.population.metrics["income"].median
    assert result.data["changes"][0] == {"attribute": "income", "before": median,
                                         "after": median + 20000, "typical": True}  # fmt: skip
    assert "(typical value, not given)" in result.text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"income": 1}, "say what changes"),
        ({"kidhome": 1, "kidhome_change": -2}, "kidhome would become -1"),
        ({"kidhome_change": 1, "changes": {"kidhome": 3}}, "'kidhome' is changed twice"),
    ],
)
def test_bad_what_if_is_an_error(box, args, message):
    result = box.what_if(**args)
    assert result.error and message in result.text
