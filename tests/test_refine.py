"""Follow-ups that change the conditions of the last figure ("and only the married ones?"):
the figure is recomputed with the new conditions, a condition on a filtered field replaces
it, a share takes them as its base, and a follow-up with words of its own is read alone."""

from __future__ import annotations

import pytest

from assistant.query import Condition, Query
from assistant.tools import ChatContext
from assistant.understanding.lowering import as_query, lower
from assistant.understanding.readout import Reading
from assistant.understanding.refine import refine
from assistant.understanding.router import Router
from tests.question_bank import demo_context


@pytest.fixture(scope="module")
def ctx(models) -> ChatContext:
    return demo_context(models)


@pytest.fixture(scope="module")
def router(ctx) -> Router:
    return Router(ctx)


def _talk(router: Router, *questions: str) -> list:
    history: list = []
    for question in questions:
        history.append(router.answer(question, history))
    return history


def test_a_filter_follow_up_adds_its_condition_and_the_figure_is_recomputed(ctx, router):
    *_, last = _talk(router, "average income of customers with kids", "and only the married ones?")
    assert last.tools[0].name == "query"
    assert last.tools[0].arguments["where"] == [
        {"field": "children", "op": ">", "value": 0.0},
        {"field": "marital_status", "op": "==", "value": "Married"},
    ]
    view = ctx.customer_view
    chosen = view[(view["Children"] > 0) & (view["Marital_Status"] == "Married")]
    assert f"{chosen['Income'].mean():,.0f}" in last.text
    assert last.text.startswith("Read as: mean income · customers with children")
    assert "marital status is Married" in last.text.splitlines()[0]


def test_a_condition_on_a_field_already_filtered_replaces_it(router):
    *_, last = _talk(router, "average income of married customers", "what about the singles?")
    where = last.tools[0].arguments["where"]
    assert where == [{"field": "marital_status", "op": "==", "value": "Single"}]


def test_a_count_follow_up_keeps_counting(ctx, router):
    *_, last = _talk(router, "how many customers earn over 60k", "and only those with a PhD?")
    assert last.tools[0].name == "count_customers"
    view = ctx.customer_view
    n = int(((view["Income"] > 60000) & (view["Education"] == "PhD")).sum())
    assert f"{n} of the 2,240 customers" in last.text


def test_in_a_share_the_new_condition_is_the_base(ctx, router):
    *_, last = _talk(router, "what share of customers have a PhD", "and among the married?")
    args = last.tools[0].arguments
    assert args["where"] == [{"field": "education", "op": "==", "value": "PhD"}]
    assert args["within"] == [{"field": "marital_status", "op": "==", "value": "Married"}]
    married = ctx.customer_view[ctx.customer_view["Marital_Status"] == "Married"]
    assert f"{(married['Education'] == 'PhD').mean():.1%}" in last.text


def test_a_persona_figure_and_a_ranking_take_the_filter(router):
    *_, last = _talk(router, "average income of the frugal families", "and just the widowed ones")
    assert last.tools[0].arguments["personas"] == ["3"]
    assert last.tools[0].arguments["where"][0]["value"] == "Widow"
    *_, last = _talk(router, "which persona spends most on wine", "and among customers over 50?")
    args = last.tools[0].arguments
    assert (args["kind"], args["measure"]) == ("rank", "spend_wines")
    assert args["where"] == [{"field": "age", "op": ">", "value": 50.0}]


def test_a_follow_up_with_words_of_its_own_is_read_on_its_own(router):
    *_, last = _talk(router, "average income of the frugal families", "and how many are married?")
    assert last.tools[0].name == "count_customers"
    assert "personas" not in last.tools[0].arguments and "segment" not in last.tools[0].arguments
    assert _talk(router, "and only the married ones?")[0].tools == []  # no figure to refine


def test_as_query_reads_back_each_figure_tool():
    assert as_query("segment_figure", {"metric": "size", "segment": "2"}) == Query(personas=("2",))
    ranked = as_query("rank_segments", {"metric": "median income", "order": "asc", "top": 2})
    assert (ranked.kind, ranked.stat, ranked.order, ranked.top) == ("rank", "median", "asc", 2)
    count = as_query(
        "count_customers", {"filters": [{"column": "age", "op": "between", "values": [30, 40]}]}
    )
    assert count.where == (Condition(field="age", op="between", value=30, high=40),)
    assert as_query("describe_segment", {"segment": "1"}) is None
    between = Query(
        where=(
            Condition(field="age", op="between", value=30, high=40),
            Condition(field="income", op=">", value=50_000),
        ),
        personas=("2",),
    )
    assert as_query(*lower(Reading("aggregate", query=between))) == between  # lower's inverse
    assert as_query("query", {"stat": "nonsense"}) is None


def test_refine_changes_the_measure_and_keeps_the_rest():
    base = Query(measure="income", stat="median", where=(Condition(field="age", op=">", value=50),))
    new = refine(base, (Condition(field="education", op="==", value="PhD"),), (), "spend_wines")
    assert (new.measure, new.stat) == ("spend_wines", "median")
    assert [c.field for c in new.where] == ["age", "education"]
