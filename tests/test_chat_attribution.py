"""Figures checked with their attribution (`assistant.chat.attribution`), on the demo model.

The query tool ranks the five personas by mean income (Affluent Meat & Fish Gourmets first,
Budget-Conscious Young Families last) and `describe_segment` describes the first; a number of
an answer is verified only next to the persona and the metric those results give it to.
"""

from __future__ import annotations

import pytest

from assistant.chat.attribution import ALL, Attributor, Owner, owner_of
from assistant.tools import Toolbox
from tests import _chat_cases
from tests._chat_cases import top_income

bundle = _chat_cases.bundle
ctx = _chat_cases.ctx
frame = _chat_cases.frame
personas = _chat_cases.personas


@pytest.fixture
def results(ctx):
    box = Toolbox(ctx)
    top_id = next(i for i, n in enumerate(ctx.names) if n == top_income(ctx)[0])
    return [
        box.query(kind="rank", measure="income"),
        box.describe_segment(str(top_id)),
        box.list_segments(),
        box.query(measure="total_spend", where=[{"field": "income", "op": ">", "value": 60000}]),
    ]


def problems(ctx, results, text, question="Which segment has the highest income?"):
    return [str(m) for m in Attributor(ctx).check(text, results, question)]


@pytest.fixture
def names(ctx):
    """(top name, its income, bottom name, its income) as the tools state them."""
    return (*top_income(ctx), *top_income(ctx, rank=4))


# -- owners of tool figures ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "query", "owner"),
    [
        ("segments.4.metrics.income.mean", None, Owner(4, frozenset({"income"}))),
        ("segments.3.metrics.spend_meat.index", None, Owner(3, frozenset({"spend_meat"}))),
        ("segments.2.size", None, Owner(2, frozenset({"size"}))),
        ("segments.1.spend_mix.wines", None, Owner(1, frozenset({"spend_wines"}))),
        ("population.metrics.income.mean", None, Owner(None, frozenset({"income"}))),
        ("query.persona.3.mean", {"measure": "income"}, Owner(3, frozenset({"income"}))),
        ("query.persona.3.count", {}, Owner(3, frozenset({"size"}))),
        ("query.persona.0.age.mean", {"measure": "customers"}, Owner(0, frozenset({"age"}))),
        ("query.all.mean", {"measure": "age"}, Owner(None, frozenset({"age"}))),
        ("query.all.mean", {"measure": "age", "personas": ["2"]}, Owner(2, frozenset({"age"}))),
        ("query.education.phd.share", {}, Owner(None, frozenset({"share"}))),
        ("read.where.0.0", {}, Owner(neutral=True)),
        ("privacy.min_group", None, Owner(neutral=True)),
    ],
)
def test_a_figure_key_names_its_persona_and_measure(ctx, key, query, owner):
    assert owner_of(key, ctx, query) == owner


def test_response_figures_belong_to_the_response_measures(ctx):
    owner = owner_of("segments.3.response.rate", ctx)
    assert owner.persona == 3 and {"response_rate", "response"} <= owner.measures


# -- answers ------------------------------------------------------------------------------
def test_a_figure_next_to_another_persona_is_not_verified(ctx, results, names):
    top, income, bottom, _ = names
    assert problems(ctx, results, f"{bottom} has the highest income: {income}.") == [
        f"'{income}' is not a figure the tools gave to {bottom} (income)"
    ]
    assert problems(ctx, results, f"{top} has the highest income: {income}.") == []


@pytest.mark.parametrize(
    "template",
    [
        "{top} earns {hi} on average, while {bottom} earns {lo}.",
        "The highest mean income is {hi}, in {top}.",
        "1. **{top}**: {hi}\n2. …\n5. **{bottom}**: {lo}",
        "| persona | income |\n|---|---|\n| {top} | {hi} |\n| {bottom} | {lo} |",
        "{top} ({hi}) out-earn {bottom} ({lo}) on income.",
        "{top}: mean income {hi}. Income of {bottom}: {lo}.",
    ],
    ids=["while", "persona-after", "list", "table", "brackets", "two-sentences"],
)
def test_figures_next_to_their_own_personas_are_verified(ctx, results, names, template):
    top, hi, bottom, lo = names
    text = template.format(top=top, hi=hi, bottom=bottom, lo=lo)
    assert problems(ctx, results, text) == []


@pytest.mark.parametrize(
    "template",
    [
        "{top} earns {lo} on average, while {bottom} earns {hi}.",
        "{bottom}: mean income {hi}.",
        "{top} spends {hi} on wine.",
        "{top} has {hi} customers.",
    ],
    ids=["swapped", "other-persona", "other-metric", "size-not-income"],
)
def test_misplaced_figures_are_not_verified(ctx, results, names, template):
    top, hi, bottom, lo = names
    text = template.format(top=top, hi=hi, bottom=bottom, lo=lo)
    assert problems(ctx, results, text)


def test_the_average_of_all_customers_is_not_a_personas_figure(ctx, results, names):
    top = names[0]
    average = Toolbox(ctx).rank_segments("income").text.rsplit("All customers: ", 1)[1][:-1]
    assert problems(ctx, results, f"The average income overall is {average}.") == []
    assert problems(ctx, results, f"{top} earns {names[1]}, above the average of {average}.") == []
    assert problems(ctx, results, f"{top} has a mean income of {average}.")


def test_an_index_reads_as_a_difference_from_average_for_its_persona(ctx, results, names):
    top, _, bottom, _ = names
    index = Toolbox(ctx).rank_segments("income").table["rows"][0][4]  # e.g. "149"
    text = f"{top}'s income is {int(index) - 100}% above average."
    assert problems(ctx, results, text) == []
    assert problems(ctx, results, text.replace(top, bottom))


def test_thresholds_the_query_was_read_with_verify_anywhere(ctx, results, names):
    spend = results[3].text.split("**")[1]
    text = f"Customers earning over 60,000 spend {spend} on average."
    assert problems(ctx, results, text, "How much do customers earning over 60k spend?") == []


def test_a_metric_named_only_in_the_question_is_used(ctx, results, names):
    top, hi, _, _ = names
    assert problems(ctx, results, f"{top}: {hi}.", "Who has the highest income?") == []
    assert problems(ctx, results, f"{top}: {hi}.", "Who spends most on wine?")


def test_a_persona_named_by_number_counts(ctx, results, names):
    top, hi, _, _ = names
    top_id = ctx.names.index(top)
    assert problems(ctx, results, f"Segment {top_id} has the highest income: {hi}.") == []
    other = (top_id + 1) % 5
    assert problems(ctx, results, f"Segment {other} has the highest income: {hi}.")


def test_a_number_no_tool_gave_is_not_verified(ctx, results, names):
    assert problems(ctx, results, f"{names[0]} earns 123,456 on average.")


def test_all_customers_is_a_subject_of_its_own(ctx, results):
    reading = Attributor(ctx)
    [miss] = reading.check("All customers: income 999,999.", results)
    assert miss.placement.subject == ALL and "income" in miss.placement.measures
