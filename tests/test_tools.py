"""The chat tools on a demo model: right figures, fuzzy names, privacy, and errors as text."""

from __future__ import annotations

import copy
import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from assistant.narrative import write_personas
from assistant.tools import (
    TOOLS,
    ChatContext,
    assign_customer,
    campaign_ideas,
    chart,
    compare_segments,
    count_customers,
    default_toolkit,
    describe_segment,
    list_segments,
    rank_segments,
    segment_figure,
    table,
    what_if,
)
from assistant.verify import FactIndex, find_numbers
from segmentation.bundle import Bundle
from segmentation.demo import make_customers
from segmentation.errors import DataQualityWarning
from segmentation.pipeline import assign_customer as pipeline_assign
from segmentation.pipeline import train_bundle

NAMES = [
    "Budget-Conscious Young Families",
    "Comfortable Parents of Teens",
    "Deal-Seeking Families",
    "Affluent Meat & Fish Gourmets",
    "Frugal Families",
]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    df = make_customers(1500, random_state=0)
    df["ID"] = df["ID"] + 10_000_000  # 8-digit IDs, so a leaked ID is easy to spot
    return df


@pytest.fixture(scope="module")
def bundle(frame) -> Bundle:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return train_bundle(frame, n_segments=5)


@pytest.fixture(scope="module")
def personas(bundle):
    return write_personas(bundle.profile, bundle.names)


@pytest.fixture
def ctx(bundle, personas, frame) -> ChatContext:
    return ChatContext(bundle, personas, frame)


@pytest.fixture
def bare(bundle) -> ChatContext:
    """No personas, no customer table."""
    return ChatContext(bundle)


def seg(bundle, i: int) -> dict:
    return bundle.profile["segments"][i]


def test_demo_model_has_the_names_these_tests_use(bundle):
    assert bundle.names == NAMES


# -- figures cover the text ----------------------------------------------------------------------
HAPPY_CALLS = [
    (list_segments, {}),
    (describe_segment, {"segment": "1"}),
    (describe_segment, {"segment": "Affluent Meat & Fish Gourmets"}),
    (compare_segments, {"segments": ["0", "3", "frugal families"]}),
    (compare_segments, {"segments": ["1", "2"], "metrics": ["income", "lift", "cmp4", "size"]}),
    (rank_segments, {"metric": "wine"}),
    (rank_segments, {"metric": "response rate", "order": "asc", "top": 2}),
    (rank_segments, {"metric": "median income"}),
    (rank_segments, {"metric": "size"}),
    (segment_figure, {"metric": "income", "segment": "3"}),
    (segment_figure, {"metric": "income"}),
    (segment_figure, {"metric": "age", "stat": "median"}),
    (segment_figure, {"metric": "response", "segment": "2"}),
    (segment_figure, {"metric": "any past campaign", "segment": "2"}),
    (segment_figure, {"metric": "size", "segment": "4"}),
    (count_customers, {}),
    (
        count_customers,
        {"segment": "3", "filters": [{"column": "income", "op": ">", "value": 60000}]},
    ),
    (count_customers, {"filters": [{"column": "age", "op": "between", "values": [30, 45.5]}]}),
    (assign_customer, {"income": 61500, "age": 45, "kids": 2}),
    (assign_customer, {"attributes": {"Income": 80000, "MntWines": 900}}),
    (what_if, {"income": 60000, "kids": 2, "income_change": 40000, "kids_change": -2}),
    (what_if, {"kids_change": 1}),
    (what_if, {"income": 30000, "changes": {"marital_status": "Married", "spend_wines": 800}}),
    (campaign_ideas, {"segment": "3"}),
    (chart, {"kind": "metric", "metric": "total spend"}),
    (chart, {"kind": "spend_mix", "segment": "1"}),
    (chart, {"kind": "channel_mix"}),
    (chart, {"kind": "sizes"}),
    (table, {}),
    (table, {"metrics": ["wine", "web visits", "response lift"]}),
]
CALL_IDS = [f"{fn.__name__}-{i}" for i, (fn, _) in enumerate(HAPPY_CALLS)]


def test_every_tool_has_a_happy_call_here():
    assert {fn for fn, _ in HAPPY_CALLS} == set(TOOLS)


@pytest.mark.parametrize(("fn", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_every_number_in_the_text_is_a_figure(ctx, fn, args):
    result = fn(ctx, **args)
    assert not result.error, result.text
    index = FactIndex(result.figures)
    unverified = [
        m.text for m in find_numbers(result.text, ignore=ctx.literals()) if not index.verifies(m)
    ]
    assert unverified == [], result.text


@pytest.mark.parametrize(("fn", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_every_number_in_the_table_is_a_figure(ctx, fn, args):
    result = fn(ctx, **args)
    if result.table is None:
        return
    index = FactIndex(result.figures)
    columns = result.table["columns"]
    skipped = {"segment", "name", "rank", "metric", "summary"}
    for row in result.table["rows"]:
        for column, cell in zip(columns, row, strict=True):
            if column in skipped or not isinstance(cell, str):
                continue
            assert all(index.verifies(m) for m in find_numbers(cell)), (column, cell)


@pytest.mark.parametrize(("fn", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_results_are_json_ready_markdown(ctx, fn, args):
    result = fn(ctx, **args)
    json.dumps(result.to_dict(), allow_nan=False)
    assert not re.search(r"<[a-zA-Z/][^>]*>", result.text)  # no raw HTML
    assert "](" not in result.text  # no links or images
    assert all(isinstance(v, float) for v in result.figures.values())


@pytest.mark.parametrize(("fn", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_no_customer_id_leaves_a_tool(ctx, frame, fn, args):
    ids = {str(int(v)) for v in frame["ID"]}
    assert all(len(i) >= 5 for i in ids)
    result = fn(ctx, **args)
    blob = result.text + json.dumps(result.to_dict())
    assert not ids & set(re.findall(r"\d{5,}", blob.replace(",", "")))


def test_the_toolkit_runs_every_call_from_json(ctx):
    kit = default_toolkit()
    for fn, args in HAPPY_CALLS:
        result = kit.run(fn.__name__, json.dumps(args), ctx)
        assert not result.error, (fn.__name__, result.text)


# -- list and describe ---------------------------------------------------------------------------
def test_list_segments_gives_sizes_shares_and_taglines(ctx, bundle, personas):
    result = list_segments(ctx)
    assert result.figures["population.customers"] == 1500
    for s in bundle.profile["segments"]:
        assert result.figures[f"segments.{s['id']}.size"] == s["size"]
        assert result.figures[f"segments.{s['id']}.share"] == s["share"]
        assert f"**{bundle.names[s['id']]}** (segment {s['id']})" in result.text
    assert personas[1].writeup.tagline in result.text
    assert result.table["rows"][1][:2] == [1, NAMES[1]]


def test_list_segments_without_personas_summarizes_traits(bare):
    text = list_segments(bare).text
    assert "above average" in text or "below average" in text


def test_describe_segment_states_the_profile_figures(ctx, bundle):
    s = seg(bundle, 1)
    result = describe_segment(ctx, "segment 1")
    fig = result.figures
    assert fig["segments.1.metrics.income.mean"] == s["metrics"]["income"]["mean"]
    assert fig["segments.1.metrics.income.index"] == s["metrics"]["income"]["index"]
    assert (
        fig["population.metrics.income.mean"]
        == (bundle.profile["population"]["metrics"]["income"]["mean"])
    )
    assert fig["segments.1.response.rate"] == s["response"]["rate"]
    assert fig["segments.1.response.ci_high"] == s["response"]["ci_high"]
    assert fig["segments.1.response.lift"] == s["response"]["lift"]
    assert fig["segments.1.spend_mix.wines"] == s["spend_mix"]["wines"]
    assert fig["population.response.rate"] == bundle.profile["base_rate"]
    income = f"{s['metrics']['income']['mean']:,.0f}"
    assert f"| income | {income} |" in result.text
    assert f"{100 * s['response']['rate']:.1f}% (95% CI" in result.text
    assert result.data["segment"] == {
        "id": 1,
        "name": NAMES[1],
        "size": s["size"],
        "share": s["share"],
    }


def test_describe_segment_lists_top_traits_with_their_index(ctx, bundle):
    result = describe_segment(ctx, "1")
    for trait in seg(bundle, 1)["traits"]:
        key = trait["key"].replace(".mean", ".index")
        assert result.figures[f"segments.1.{key}"] == trait["index"]


# -- segment names -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2),
        ("segment 2", 2),
        ("Segment #2", 2),
        ("segment 2 (Deal-Seeking Families)", 2),
        ("the second one", 1),
        ("last", 4),
        ("Frugal Families", 4),
        ("frugal families", 4),
        ("FRUGAL FAMILIES", 4),
        ("frugal familes", 4),
        ("comfortable parents", 1),
        ("comfortable parents of teen", 1),
        ("comftable parnts of teens", 1),
        ("afluent meat and fish gourmets", 3),
        ("affluent", 3),
        ("young families", 0),
        ("budget concious young famlies", 0),
        ("deal seekers", 2),
    ],
)
def test_segments_are_found_by_number_name_or_misspelling(ctx, text, expected):
    assert describe_segment(ctx, text).data["segment"]["id"] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("families", "matches more than one segment: did you mean"),
        ("xyz", "no segment is called 'xyz'; did you mean"),
        ("9", "there is no segment '9'; segments are numbered 0 to 4."),
        ("", "give a segment number (0-4) or a segment name."),
    ],
)
def test_unclear_segment_names_are_errors_with_suggestions(ctx, text, message):
    result = describe_segment(ctx, text)
    assert result.error and result.text.startswith("Error: ") and message in result.text


def test_close_misspellings_of_other_names(bundle):
    names = [
        "Affluent Wine Lovers",
        "Budget Wine Lovers",
        "Young Families",
        "Deal Seekers",
        "Seniors",
    ]
    other = ChatContext(Bundle(bundle.segmenter, bundle.profile, names))
    assert describe_segment(other, "afluent wine lovrs").data["segment"]["id"] == 0
    text = describe_segment(other, "wine lovers").text
    assert "Affluent Wine Lovers" in text and "Budget Wine Lovers" in text
    assert "Seniors" not in text


# -- compare, rank, figure -----------------------------------------------------------------------
def test_compare_segments_side_by_side(ctx, bundle):
    result = compare_segments(ctx, ["1", "Affluent Meat & Fish Gourmets"], ["income", "response"])
    assert result.table["columns"] == [
        "metric", f"{NAMES[1]} (segment 1)", f"{NAMES[3]} (segment 3)", "all customers"
    ]  # fmt: skip
    income = [f"{seg(bundle, i)['metrics']['income']['mean']:,.0f}" for i in (1, 3)]
    assert result.table["rows"][0][1:3] == income
    rates = [f"{100 * seg(bundle, i)['response']['rate']:.1f}%" for i in (1, 3)]
    assert result.table["rows"][1][1:3] == rates
    assert result.data["metrics"]["income"]["3"] == seg(bundle, 3)["metrics"]["income"]["mean"]


@pytest.mark.parametrize("segments", [["1"], ["1", "segment 1"], []])
def test_compare_needs_two_different_segments(ctx, segments):
    result = compare_segments(ctx, segments)
    assert result.error and "two or more different segments" in result.text


def test_rank_orders_segments_by_the_metric(ctx, bundle):
    result = rank_segments(ctx, "wine", top=3)
    means = {s["id"]: s["metrics"]["spend_wines"]["mean"] for s in bundle.profile["segments"]}
    expected = sorted(means, key=means.get, reverse=True)[:3]
    assert [r["id"] for r in result.data["ranking"]] == expected
    assert result.chart["values"] == [means[i] for i in expected]
    assert result.chart["kind"] == "bar" and result.chart["unit"] == "money"
    assert result.text.splitlines()[1].startswith(f"1. **{NAMES[expected[0]]}")


def test_rank_ascending_and_by_median(ctx, bundle):
    result = rank_segments(ctx, "median income", order="asc")
    medians = [s["metrics"]["income"]["median"] for s in bundle.profile["segments"]]
    assert [r["value"] for r in result.data["ranking"]] == sorted(medians)
    assert result.data["stat"] == "median"


@pytest.mark.parametrize(
    ("words", "key"),
    [
        ("income", "income"), ("average income", "income"), ("salary", "income"),
        ("age", "age"), ("kids", "children"), ("children", "children"),
        ("teenagers", "teenhome"), ("spend", "total_spend"), ("total spend", "total_spend"),
        ("wine", "spend_wines"), ("wines", "spend_wines"), ("meat", "spend_meat"),
        ("fish", "spend_fish"), ("fruit", "spend_fruits"), ("sweets", "spend_sweets"),
        ("gold", "spend_gold"), ("web purchases", "purchases_web"),
        ("catalog purchases", "purchases_catalog"), ("store", "purchases_store"),
        ("deals", "purchases_deals"), ("web visits", "web_visits_month"),
        ("website visits per month", "web_visits_month"), ("recency", "recency_days"),
        ("tenure", "tenure_days"), ("response rate", "response_rate"),
        ("response", "response_rate"), ("campaign acceptance", "campaigns_accepted"),
        ("any past campaign", "campaign_any_past"), ("campaign 4", "campaign_cmp4"),
        ("lift", "response_lift"), ("spend_wines", "spend_wines"), ("incme", "income"),
    ],
)  # fmt: skip
def test_metrics_are_found_by_key_word_or_synonym(ctx, words, key):
    assert rank_segments(ctx, words).data["metric"] == key


def test_unknown_metric_lists_the_valid_ones(ctx):
    result = rank_segments(ctx, "happiness")
    assert result.error
    assert "unknown metric 'happiness'" in result.text and "spend_wines" in result.text


def test_segment_figure_for_a_segment_and_the_base(ctx, bundle):
    s = seg(bundle, 3)
    result = segment_figure(ctx, "average income", "affluent meat & fish gourmets")
    assert result.data["value"] == s["metrics"]["income"]["mean"]
    assert f"{s['metrics']['income']['mean']:,.0f}" in result.text
    assert f"{s['metrics']['income']['index'] - 100:.0f}% above average" in result.text
    base = segment_figure(ctx, "median age")
    assert base.data["value"] == bundle.profile["population"]["metrics"]["age"]["median"]


# -- counting ------------------------------------------------------------------------------------
def test_count_with_numeric_filters(ctx, frame):
    filters = [{"column": "income", "op": ">", "value": 60000},
               {"column": "kids", "op": ">=", "value": "2"}]  # fmt: skip
    result = count_customers(ctx, filters=filters)
    expected = int(((frame.Income > 60000) & (frame.Kidhome + frame.Teenhome >= 2)).sum())
    assert expected >= 11
    assert result.data["matching"] == expected == result.figures["count.matching"]
    assert f"{expected} of the 1,500 customers match" in result.text


def test_count_within_a_segment_and_by_category(ctx, bundle, frame):
    labels = bundle.segmenter.labels_
    filters = [{"column": "Marital_Status", "op": "in", "values": ["married", "Together"]}]
    result = count_customers(ctx, "segment 1", filters)
    expected = int(((labels == 1) & frame.Marital_Status.isin(["Married", "Together"])).sum())
    assert result.data["matching"] == expected
    assert result.data["customers"] == int((labels == 1).sum())


def test_count_by_education_level(ctx, frame):
    result = count_customers(
        ctx, filters=[{"column": "education", "op": "==", "value": "Postgraduate"}]
    )
    assert result.data["matching"] == int(frame.Education.isin(["Master", "PhD"]).sum())


def test_count_derived_age(ctx, bundle, frame):
    year = bundle.segmenter.features_.reference_year_
    result = count_customers(ctx, filters=[{"column": "age", "op": "between", "values": [30, 40]}])
    age = year - frame.Year_Birth
    assert result.data["matching"] == int(age.between(30, 40).sum())


def test_counts_under_eleven_are_not_numbers(ctx, bundle, frame):
    labels = bundle.segmenter.labels_
    small = next(
        (i, level)
        for i in range(5)
        for level in ("Basic", "2n Cycle", "Master", "PhD")
        if 0 < ((labels == i) & (frame.Education == level)).sum() < 11
    )
    i, level = small
    result = count_customers(ctx, str(i), [{"column": "Education", "op": "==", "value": level}])
    n = int(((labels == i) & (frame.Education == level)).sum())
    assert "Fewer than 11" in result.text
    assert "count.matching" not in result.figures and "count.share" not in result.figures
    assert result.data["matching"] == "fewer than 11"
    assert not re.search(rf"\b{n}\b", result.text.replace("11", ""))


def test_nearly_everyone_is_not_a_number_either(ctx, frame):
    oldest = float(frame.Year_Birth.nsmallest(4).max())
    assert 0 < (frame.Year_Birth <= oldest).sum() < 11
    result = count_customers(ctx, filters=[{"column": "Year_Birth", "op": ">", "value": oldest}])
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
def test_bad_filters_are_errors(ctx, filters, message):
    result = count_customers(ctx, filters=filters)
    assert result.error and message in result.text


def test_everyone_matching_is_a_plain_count(ctx):
    result = count_customers(ctx, filters=[{"column": "kids", "op": ">=", "value": 0}])
    assert result.text.startswith("1,500 of the 1,500 customers match Children >= 0 (100.0%)")


def test_counting_needs_the_customer_table(bare):
    result = count_customers(bare)
    assert result.error
    assert result.text == "Error: counting needs the customer table, which is not loaded."


def test_filter_units_are_read(ctx, frame):
    result = count_customers(ctx, filters=[{"column": "income", "op": ">=", "value": "$60k"}])
    assert result.data["matching"] == int((frame.Income >= 60000).sum())


# -- assigning and what-if -----------------------------------------------------------------------
def test_assign_customer_matches_the_pipeline(ctx, bundle):
    result = assign_customer(ctx, income=61500, age=45, kids=2, education="PhD")
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
    assert "Given: income 61,500, age 45, kids 2, education PhD." in result.text
    assert "Not given, so the population's typical value was used: teens," in result.text
    assert "Not used by this model: education." in result.text
    assert result.data["reasons"] and all(r in result.text for r in result.data["reasons"])


def test_assign_with_raw_columns_and_campaigns(ctx, bundle):
    result = assign_customer(
        ctx, campaigns_accepted=3, attributes={"Income": 90000, "MntWines": 1200}
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
        ({"kids": -1}, "cannot be negative"),
        ({"campaigns_accepted": 9}, "campaigns_accepted must be a whole number 0-5"),
        ({"attributes": {"Shoe": 3}}, "unknown customer attribute(s): 'Shoe'"),
        ({"income": 5, "attributes": {"Income": 6}}, "'Income' is given twice"),
    ],
)
def test_bad_customer_attributes_are_errors(ctx, args, message):
    result = assign_customer(ctx, **args)
    assert result.error and message in result.text


def test_what_if_compares_two_assignments(ctx, bundle):
    result = what_if(ctx, income=60000, kids=2, income_change=40000, kids_change=-2)
    before = pipeline_assign(bundle, {"Income": 60000, "Kidhome": 2})
    after = pipeline_assign(bundle, {"Income": 100000, "Kidhome": 0})
    assert result.data["before"]["segment"] == before.segment
    assert result.data["after"]["segment"] == after.segment
    assert result.data["changed"] is (before.segment != after.segment)
    assert "income 60,000 → 100,000; kids 2 → 0" in result.text
    assert result.figures["changes.income.after"] == 100000
    word = "changes from" if result.data["changed"] else "stays"
    assert f"The persona {word}" in result.text
    assert result.data["after"]["reasons"]


def test_what_if_without_a_base_value_starts_from_the_typical_one(ctx, bundle):
    result = what_if(ctx, income_change=20000)
    median = bundle.profile["population"]["metrics"]["income"]["median"]
    assert result.data["changes"][0] == {"attribute": "income", "before": median,
                                         "after": median + 20000, "typical": True}  # fmt: skip
    assert "(typical value, not given)" in result.text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"income": 1}, "say what changes"),
        ({"kids": 1, "kids_change": -2}, "kids would become -1"),
        ({"kids_change": 1, "changes": {"kids": 3}}, "'kids' is changed twice"),
    ],
)
def test_bad_what_if_is_an_error(ctx, args, message):
    result = what_if(ctx, **args)
    assert result.error and message in result.text


# -- campaign ideas, charts, tables --------------------------------------------------------------
def test_campaign_ideas_come_with_evidence_and_expected_response(ctx, bundle, personas):
    result = campaign_ideas(ctx, "1")
    ideas = personas[1].writeup.campaign_ideas
    assert [i["title"] for i in result.data["ideas"]] == [i.title for i in ideas]
    assert result.data["ideas"][0]["evidence"][0].startswith(ideas[0].evidence[0] + " = ")
    s = seg(bundle, 1)
    for idea in ideas:
        for key in idea.evidence:
            assert key in result.text
    assert result.figures["segments.1.response.rate"] == s["response"]["rate"]
    assert result.figures["segments.1.response.ci_low"] == s["response"]["ci_low"]
    assert "Expected response: about" in result.text
    assert "offline writer" not in result.text


def test_campaign_ideas_without_personas_use_the_offline_writer(bare):
    result = campaign_ideas(bare, "3")
    assert not result.error and "offline writer" in result.text
    assert result.data["writer"] == "offline writer"


def test_spend_mix_chart(ctx, bundle):
    result = chart(ctx, "spend_mix", segment="1")
    mix = seg(bundle, 1)["spend_mix"]
    assert result.chart["kind"] == "mix" and result.chart["unit"] == "share"
    assert dict(zip(result.chart["labels"], result.chart["values"], strict=True)) == mix
    assert sum(result.chart["values"]) == pytest.approx(1.0)


def test_channel_mix_chart_of_all_customers_leaves_deals_out(ctx, bundle):
    result = chart(ctx, "channel_mix")
    assert result.chart["labels"] == ["store", "web", "catalog"]
    assert sum(result.chart["values"]) == pytest.approx(1.0)


def test_sizes_and_metric_charts(ctx, bundle):
    sizes = chart(ctx, "sizes").chart
    assert sizes["kind"] == "sizes" and sizes["values"] == [
        float(s["size"]) for s in bundle.profile["segments"]
    ]
    bars = chart(ctx, "metric", metric="income").chart
    assert bars["labels"] == NAMES
    assert bars["values"] == [s["metrics"]["income"]["mean"] for s in bundle.profile["segments"]]


def test_metric_chart_needs_a_metric(ctx):
    result = chart(ctx, "metric")
    assert result.error and "needs the metric argument" in result.text


def test_profile_table(ctx, bundle):
    result = table(ctx, ["income", "response rate"])
    assert result.table["columns"] == ["segment", "name", "customers", "share", "income (mean)",
                                       "response rate"]  # fmt: skip
    s = seg(bundle, 2)
    assert result.table["rows"][2] == [
        2, NAMES[2], f"{s['size']:,}", f"{100 * s['share']:.1f}%",
        f"{s['metrics']['income']['mean']:,.0f}", f"{100 * s['response']['rate']:.1f}%",
    ]  # fmt: skip


# -- small segments, bad arguments ---------------------------------------------------------------
@pytest.fixture
def tiny(bundle, personas) -> ChatContext:
    """The demo model with segment 4 shrunk to 6 customers."""
    profile = copy.deepcopy(bundle.profile)
    profile["segments"][4].update(size=6, share=0.004, small=True)
    return ChatContext(Bundle(bundle.segmenter, profile, bundle.names), personas)


def test_small_segments_show_no_figures(tiny):
    listing = list_segments(tiny)
    assert (
        "**Frugal Families** (segment 4): fewer than 11 customers; figures withheld."
        in listing.text
    )
    assert "segments.4.size" not in listing.figures
    for fn, args in [(describe_segment, {"segment": "4"}), (campaign_ideas, {"segment": "4"}),
                     (segment_figure, {"metric": "income", "segment": "4"})]:  # fmt: skip
        result = fn(tiny, **args)
        assert result.error and "fewer than 11 customers" in result.text
    ranked = rank_segments(tiny, "income")
    assert 4 not in [r["id"] for r in ranked.data["ranking"]]
    assert "Not ranked (fewer than 11 customers each): Frugal Families (segment 4)" in ranked.text
    assert "6" not in table(tiny).table["rows"][4][2:]


BAD_CALLS = [
    ("describe_segment", {}),
    ("describe_segment", {"segment": "nobody"}),
    ("rank_segments", {"metric": "x"}),
    ("rank_segments", {"metric": "income", "top": 0}),
    ("rank_segments", {"metric": "income", "order": "biggest"}),
    ("segment_figure", {"metric": "income", "stat": "mode"}),
    ("compare_segments", {"segments": "1, 2"}),
    ("count_customers", {"filters": [{"column": "income", "op": "~", "value": 1}]}),
    ("assign_customer", {"income": "a lot"}),
    ("what_if", {"kids_change": "one"}),
    ("campaign_ideas", {"segment": "99"}),
    ("chart", {"kind": "pie"}),
    ("table", {"metrics": ["nonsense"]}),
    ("list_segments", {"verbose": True}),
]


@pytest.mark.parametrize(("name", "args"), BAD_CALLS, ids=[n for n, _ in BAD_CALLS])
def test_bad_arguments_are_error_text_never_exceptions(ctx, name, args):
    result = default_toolkit().run(name, args, ctx)
    assert result.error and result.text.startswith("Error: ")
    assert result.figures == {}
    assert len(result.text) < 1200


def test_tools_do_not_change_the_context(ctx, bundle, frame):
    profile = copy.deepcopy(bundle.profile)
    before = frame.copy()
    for fn, args in HAPPY_CALLS:
        fn(ctx, **args)
    assert bundle.profile == profile
    pd.testing.assert_frame_equal(frame, before)


# -- a generic model -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generic() -> ChatContext:
    rng = np.random.default_rng(0)
    n = 300
    centre = rng.integers(0, 3, n)
    frame = pd.DataFrame({
        "CustomerID": np.arange(100_001, 100_001 + n),
        "Age": rng.normal(30 + 15 * centre, 4).round(),
        "Annual Income (k$)": rng.normal(40 + 30 * centre, 6).round(),
        "Spending Score (1-100)": rng.normal(80 - 25 * centre, 8).round(),
        "Gender": rng.choice(["Female", "Male"], n),
    })  # fmt: skip
    b = train_bundle(frame, feature_set="generic", n_segments=3)
    return ChatContext(b, None, frame)


GENERIC_CALLS = [
    (list_segments, {}),
    (describe_segment, {"segment": "0"}),
    (rank_segments, {"metric": "annual income k"}),
    (compare_segments, {"segments": ["0", "1"]}),
    (chart, {"kind": "metric", "metric": "spending score 1 100"}),
    (table, {}),
    (count_customers, {"filters": [{"column": "Gender", "op": "==", "value": "female"}]}),
    (assign_customer, {"attributes": {"Age": 30, "Annual Income (k$)": 45}}),
    (what_if, {"attributes": {"Age": 30}, "changes": {"Age": 65}}),
    (campaign_ideas, {"segment": "1"}),
]


@pytest.mark.parametrize(("fn", "args"), GENERIC_CALLS, ids=[f.__name__ for f, _ in GENERIC_CALLS])
def test_tools_work_on_a_generic_model(generic, fn, args):
    result = fn(generic, **args)
    assert not result.error, result.text
    index = FactIndex(result.figures)
    found = find_numbers(result.text, ignore=generic.literals())
    assert [m.text for m in found if not index.verifies(m)] == [], result.text
    assert not re.search(r"1000\d\d", result.text + json.dumps(result.data))


def test_spend_mix_of_a_generic_model_is_an_error(generic):
    result = chart(generic, "spend_mix")
    assert result.error and "has no spend mix" in result.text


def test_names_and_persona_text_from_a_file_are_cleaned(bundle, personas):
    names = ["<b>Bold</b> Buyers", "See ![x](http://evil.example/a.png) now", *bundle.names[2:]]
    hacked = list(personas)
    idea = hacked[1].writeup.campaign_ideas[0]
    bad = idea.model_copy(
        update={"rationale": "Click [here](http://evil.example) <script>x</script>"}
    )
    ideas = [bad, *hacked[1].writeup.campaign_ideas[1:]]
    hacked[1] = copy.copy(hacked[1])
    hacked[1].writeup = hacked[1].writeup.model_copy(update={"campaign_ideas": ideas})
    other = ChatContext(Bundle(bundle.segmenter, bundle.profile, names), hacked)
    for result in (list_segments(other), campaign_ideas(other, "1"), rank_segments(other, "age"),
                   chart(other, "sizes")):  # fmt: skip
        blob = result.text + json.dumps(result.to_dict())
        assert "http" not in blob and "<" not in blob and "](" not in blob, blob
    assert describe_segment(other, "bold buyers").data["segment"]["id"] == 0
