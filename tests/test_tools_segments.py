"""The chat tools that report on segments: list, describe, compare, rank, figures, charts, tables.

Covers list_segments, describe_segment, compare_segments, rank_segments and segment_figure on
the demo model (each figure equals the profile's, the text states it), finding segments by
number, name or misspelling and metrics by key, word or synonym (unclear ones are errors with
suggestions), campaign_ideas with their evidence and expected response, the chart kinds
(spend mix, channel mix, sizes, metric bars) and the profile table.
"""

from __future__ import annotations

import pytest

from assistant.tools import ChatContext, Toolbox
from segmentation.bundle import Bundle
from tests import _tools_cases
from tests._tools_cases import NAMES, seg

# The demo-model fixtures from tests/_tools_cases.py, bound here so pytest finds them.
bare = _tools_cases.bare
bare_box = _tools_cases.bare_box
box = _tools_cases.box
bundle = _tools_cases.bundle
ctx = _tools_cases.ctx
frame = _tools_cases.frame
personas = _tools_cases.personas


def test_demo_model_has_the_names_these_tests_use(bundle):
    assert bundle.names == NAMES


# -- list and describe ---------------------------------------------------------------------------
def test_list_segments_gives_sizes_shares_and_taglines(box, bundle, personas):
    result = box.list_segments()
    assert result.figures["population.customers"] == 1500
    for s in bundle.profile.segments:
        assert result.figures[f"segments.{s.id}.size"] == s.size
        assert result.figures[f"segments.{s.id}.share"] == s.share
        assert f"**{bundle.names[s.id]}** (segment {s.id})" in result.text
    assert personas[1].writeup.tagline in result.text
    assert result.table["rows"][1][:2] == [1, NAMES[1]]


def test_list_segments_without_personas_summarizes_traits(bare_box):
    text = bare_box.list_segments().text
    assert "above average" in text or "below average" in text


def test_describe_segment_states_the_profile_figures(box, bundle):
    s = seg(bundle, 1)
    result = box.describe_segment("segment 1")
    fig = result.figures
    assert fig["segments.1.metrics.income.mean"] == s.metrics["income"].mean
    assert fig["segments.1.metrics.income.index"] == s.metrics["income"].index
    assert fig["population.metrics.income.mean"] == (
        bundle.profile.population.metrics["income"].mean
    )
    assert fig["segments.1.response.rate"] == s.response.rate
    assert fig["segments.1.response.ci_high"] == s.response.ci_high
    assert fig["segments.1.response.lift"] == s.response.lift
    assert fig["segments.1.spend_mix.wines"] == s.spend_mix["wines"]
    assert fig["population.response.rate"] == bundle.profile.base_rate
    income = f"{s.metrics['income'].mean:,.0f}"
    assert f"| income | {income} |" in result.text
    assert f"{100 * s.response.rate:.1f}% (95% CI" in result.text
    assert result.data["segment"] == {
        "id": 1,
        "name": NAMES[1],
        "size": s.size,
        "share": s.share,
    }


def test_describe_segment_lists_top_traits_with_their_index(box, bundle):
    result = box.describe_segment("1")
    for trait in seg(bundle, 1).traits:
        key = trait.key.replace(".mean", ".index")
        assert result.figures[f"segments.1.{key}"] == trait.index


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
def test_segments_are_found_by_number_name_or_misspelling(box, text, expected):
    assert box.describe_segment(text).data["segment"]["id"] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("families", "matches more than one segment: did you mean"),
        ("xyz", "no segment is called 'xyz'; did you mean"),
        ("9", "there is no segment '9'; segments are numbered 0 to 4."),
        ("", "give a segment number (0-4) or a segment name."),
    ],
)
def test_unclear_segment_names_are_errors_with_suggestions(box, text, message):
    result = box.describe_segment(text)
    assert result.error and result.text.startswith("Error: ") and message in result.text


def test_close_misspellings_of_other_names(bundle):
    names = [
        "Affluent Wine Lovers",
        "Budget Wine Lovers",
        "Young Families",
        "Deal Seekers",
        "Seniors",
    ]
    other = Toolbox(ChatContext(Bundle(bundle.segmenter, bundle.profile, names)))
    assert other.describe_segment("afluent wine lovrs").data["segment"]["id"] == 0
    text = other.describe_segment("wine lovers").text
    assert "Affluent Wine Lovers" in text and "Budget Wine Lovers" in text
    assert "Seniors" not in text


# -- compare, rank, figure -----------------------------------------------------------------------
def test_compare_segments_side_by_side(box, bundle):
    result = box.compare_segments(["1", "Affluent Meat & Fish Gourmets"], ["income", "response"])
    assert result.table["columns"] == [
        "metric", f"{NAMES[1]} (segment 1)", f"{NAMES[3]} (segment 3)", "all customers"
    ]  # fmt: skip
    income = [f"{seg(bundle, i).metrics['income'].mean:,.0f}" for i in (1, 3)]
    assert result.table["rows"][0][1:3] == income
    rates = [f"{100 * seg(bundle, i).response.rate:.1f}%" for i in (1, 3)]
    assert result.table["rows"][1][1:3] == rates
    assert result.data["metrics"]["income"]["3"] == seg(bundle, 3).metrics["income"].mean


@pytest.mark.parametrize("segments", [["1"], ["1", "segment 1"], []])
def test_compare_needs_two_different_segments(box, segments):
    result = box.compare_segments(segments)
    assert result.error and "two or more different segments" in result.text


def test_rank_orders_segments_by_the_metric(box, bundle):
    result = box.rank_segments("wine", top=3)
    means = {s.id: s.metrics["spend_wines"].mean for s in bundle.profile.segments}
    expected = sorted(means, key=means.get, reverse=True)[:3]
    assert [r["id"] for r in result.data["ranking"]] == expected
    assert result.chart["values"] == [means[i] for i in expected]
    assert result.chart["kind"] == "bar" and result.chart["unit"] == "money"
    assert result.text.splitlines()[1].startswith(f"1. **{NAMES[expected[0]]}")


def test_rank_ascending_and_by_median(box, bundle):
    result = box.rank_segments("median income", order="asc")
    medians = [s.metrics["income"].median for s in bundle.profile.segments]
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
def test_metrics_are_found_by_key_word_or_synonym(box, words, key):
    assert box.rank_segments(words).data["metric"] == key


def test_unknown_metric_lists_the_valid_ones(box):
    result = box.rank_segments("happiness")
    assert result.error
    assert "unknown metric 'happiness'" in result.text and "spend_wines" in result.text


def test_segment_figure_for_a_segment_and_the_base(box, bundle):
    s = seg(bundle, 3)
    result = box.segment_figure("average income", "affluent meat & fish gourmets")
    assert result.data["value"] == s.metrics["income"].mean
    assert f"{s.metrics['income'].mean:,.0f}" in result.text
    assert f"{s.metrics['income'].index - 100:.0f}% above average" in result.text
    base = box.segment_figure("median age")
    assert base.data["value"] == bundle.profile.population.metrics["age"].median


# -- campaign ideas, charts, tables --------------------------------------------------------------
def test_campaign_ideas_come_with_evidence_and_expected_response(box, bundle, personas):
    result = box.campaign_ideas("1")
    ideas = personas[1].writeup.campaign_ideas
    assert [i["title"] for i in result.data["ideas"]] == [i.title for i in ideas]
    assert result.data["ideas"][0]["evidence"][0].startswith(ideas[0].evidence[0] + " = ")
    s = seg(bundle, 1)
    for idea in ideas:
        for key in idea.evidence:
            assert key in result.text
    assert result.figures["segments.1.response.rate"] == s.response.rate
    assert result.figures["segments.1.response.ci_low"] == s.response.ci_low
    assert "Expected response: about" in result.text
    assert "offline writer" not in result.text


def test_campaign_ideas_without_personas_use_the_offline_writer(bare_box):
    result = bare_box.campaign_ideas("3")
    assert not result.error and "offline writer" in result.text
    assert result.data["writer"] == "offline writer"


def test_spend_mix_chart(box, bundle):
    result = box.chart("spend_mix", segment="1")
    mix = seg(bundle, 1).spend_mix
    assert result.chart["kind"] == "mix" and result.chart["unit"] == "share"
    assert dict(zip(result.chart["labels"], result.chart["values"], strict=True)) == mix
    assert sum(result.chart["values"]) == pytest.approx(1.0)


def test_channel_mix_chart_of_all_customers_leaves_deals_out(box, bundle):
    result = box.chart("channel_mix")
    assert result.chart["labels"] == ["store", "web", "catalog"]
    assert sum(result.chart["values"]) == pytest.approx(1.0)


def test_sizes_and_metric_charts(box, bundle):
    sizes = box.chart("sizes").chart
    assert sizes["kind"] == "sizes" and sizes["values"] == [
        float(s.size) for s in bundle.profile.segments
    ]
    bars = box.chart("metric", metric="income").chart
    assert bars["labels"] == NAMES
    assert bars["values"] == [s.metrics["income"].mean for s in bundle.profile.segments]


def test_metric_chart_needs_a_metric(box):
    result = box.chart("metric")
    assert result.error and "needs the metric argument" in result.text


def test_profile_table(box, bundle):
    result = box.table(["income", "response rate"])
    assert result.table["columns"] == ["segment", "name", "customers", "share", "income (mean)",
                                       "response rate"]  # fmt: skip
    s = seg(bundle, 2)
    assert result.table["rows"][2] == [
        2, NAMES[2], f"{s.size:,}", f"{100 * s.share:.1f}%",
        f"{s.metrics['income'].mean:,.0f}", f"{100 * s.response.rate:.1f}%",
    ]  # fmt: skip
