"""The query layer: typed queries run on the customer table, read back, under privacy rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.errors import ToolInputError
from assistant.query import Query, run_query, snap_step
from assistant.tools import ChatContext, Toolbox
from tests._tables import mall_table
from tests.question_bank import demo_context


@pytest.fixture(scope="module")
def ctx(models) -> ChatContext:
    return demo_context(models)


def _view(ctx: ChatContext):
    return ctx.customer_view.assign(Segment=ctx.customer_segments)


def test_filtered_mean_is_the_mean_of_the_matching_customers(ctx):
    text, _, _, data, figures = run_query(
        ctx, {"measure": "income", "stat": "mean",
              "where": [{"field": "total_spend", "op": ">", "value": 1000}]}
    )  # fmt: skip
    view = _view(ctx)
    expected = view.loc[view["TotalSpend"] > 1000, "Income"].mean()
    assert data["value"] == pytest.approx(expected)
    assert data["value"] != pytest.approx(view["Income"].mean())
    assert text.startswith("Read as: mean income · customers with total spend > 1,000")
    assert pytest.approx(expected) in figures.values()


def test_complained_counts_the_flag_without_a_time_filter(ctx):
    text, _, _, data, _ = run_query(ctx, {"where": [{"field": "complain", "op": "==", "value": 1}]})
    assert data["value"] == int((_view(ctx)["Complain"] == 1).sum())
    assert "complained: yes" in text.splitlines()[0]


def test_thresholds_snap_to_a_grid_so_counts_cannot_be_differenced(ctx):
    def count(threshold: float) -> float:
        where = [{"field": "income", "op": ">", "value": threshold}]
        return run_query(ctx, {"where": where})[3]["value"]

    assert snap_step(ctx.customer_view["Income"]) == 1000
    assert count(58137) == count(58138) == count(58000)
    text = run_query(ctx, {"where": [{"field": "income", "op": ">", "value": 58137}]})[0]
    assert "income > 58,000" in text and "steps of 1,000" in text


def test_a_share_within_a_group_has_that_group_as_its_base(ctx):
    married = {"field": "marital_status", "op": "==", "value": "Married"}
    phd = {"field": "education", "op": "==", "value": "PhD"}
    query = {"stat": "share", "within": [married], "where": [phd]}
    text, _, _, data, _ = run_query(ctx, query)
    view = _view(ctx)
    rows = view["Marital_Status"] == "Married"
    assert data["value"] == pytest.approx((view.loc[rows, "Education"] == "PhD").mean())
    assert text.startswith("Read as: share of customers with marital status is Married")
    with pytest.raises(ValidationError, match="base of a share"):
        Query(stat="mean", measure="income", within=query["within"])


def test_the_count_tool_snaps_thresholds_to_the_same_grid(ctx):
    box = Toolbox(ctx).toolkit

    def count(threshold: float) -> tuple[float, str]:
        filters = [{"column": "income", "op": ">", "value": threshold}]
        result = box.run("count_customers", {"filters": filters})
        return result.data["matching"], result.text

    (a, text), (b, _) = count(58137), count(58138)
    assert a == b == int((_view(ctx)["Income"] > 58000).sum())
    assert "Income > 58,000" in text and "58,137" not in text


def test_small_groups_are_withheld_in_counts_and_cross_tabs(ctx):
    view = _view(ctx)
    few = run_query(ctx, {"where": [{"field": "income", "op": ">", "value": 100000}]})
    assert 0 < (view["Income"] > 100000).sum() < 11
    assert few[3]["value"] is None and "fewer than 11" in few[0]
    text, _, table, _, _ = run_query(
        ctx, {"measure": "customers", "stat": "count", "by": ["persona", "marital_status"]}
    )
    cells = [c for row in table["rows"] for c in row[1:]]
    assert None in cells  # some persona x status cell is under 11
    assert all(c is None or c >= 11 for c in cells)
    assert "fewer than 11" in text


def test_rank_and_group_by_match_pandas(ctx):
    view = _view(ctx)
    means = view.groupby("Segment")["Income"].mean()
    text, _, table, _, _ = run_query(ctx, {"kind": "rank", "measure": "income", "stat": "mean",
                                           "top": 1})  # fmt: skip
    assert table["rows"][0][0] == ctx.name(int(means.idxmax()))
    assert table["rows"][0][1] == pytest.approx(means.max())
    assert len(table["rows"]) == 1 and "the top one" in text
    _, _, table, _, _ = run_query(ctx, {"measure": "income", "stat": "median",
                                        "by": ["education"]})  # fmt: skip
    medians = view.groupby("Education")["Income"].median()
    assert {r[0]: r[1] for r in table["rows"]} == pytest.approx(medians.to_dict())


def test_compare_filtered_groups(ctx):
    text, _, table, _, _ = run_query(
        ctx, {"kind": "compare", "measure": "spend_wines", "stat": "mean",
              "measures": ["spend_wines"],
              "groups": [[{"field": "children", "op": ">", "value": 0}],
                         [{"field": "children", "op": "==", "value": 0}]]}
    )  # fmt: skip
    view = _view(ctx)
    row = table["rows"][0]
    assert row[1] == pytest.approx(view.loc[view["Children"] > 0, "MntWines"].mean())
    assert row[2] == pytest.approx(view.loc[view["Children"] == 0, "MntWines"].mean())
    assert text.startswith("Read as: compare groups: children at home > 0 vs children at home = 0")


def test_personas_differ_on_the_metrics_that_differ_most(ctx):
    _, _, table, _, _ = run_query(ctx, {"kind": "compare", "personas": ["0", "4"]})
    shown = [row[0] for row in table["rows"]]
    assert "income" in shown and len(shown) == 6


def test_bad_queries_are_refused_with_what_the_model_offers(ctx):
    with pytest.raises(ToolInputError, match="no metric 'region'.*income"):
        run_query(ctx, {"measure": "region", "stat": "mean"})
    with pytest.raises(ToolInputError, match="marital status has no value 'Engaged'"):
        run_query(ctx, {"where": [{"field": "marital_status", "op": "==", "value": "Engaged"}]})
    with pytest.raises(ValidationError, match="counts customers"):
        Query(measure="income", stat="count")
    with pytest.raises(ValidationError, match="at most two"):
        Query(by=("persona", "education", "marital_status"))


def test_queries_run_on_a_table_of_another_schema(models):
    bundle = models.mall(400, 4)
    ctx = ChatContext(bundle, None, mall_table(400))
    text, _, table, _, _ = run_query(ctx, {"measure": "annual_income_k", "stat": "mean",
                                           "by": ["gender"]})  # fmt: skip
    frame = mall_table(400)
    means = frame.groupby("Gender")["Annual Income (k$)"].mean()
    assert {r[0]: r[1] for r in table["rows"]} == pytest.approx(means.to_dict())
    assert text.startswith("Read as: mean Annual Income (k$) · all customers · by Gender")


def test_a_follow_up_of_a_query_keeps_its_filters_and_changes_what_it_names(ctx):
    from assistant.understanding.router import Router

    router, history = Router(ctx), []
    for question in ("average income of customers with kids by education", "what about wine?",
                     "and for the frugal families?"):  # fmt: skip
        history.append(router.answer(question, history))
    first, second, third = (answer.tools[0].arguments for answer in history)
    assert second == {**first, "measure": "spend_wines"}
    assert third == {**second, "personas": ["3"]}
    assert history[-1].text.startswith("Read as: mean wine spend · customers with children")


def test_a_suppressed_share_of_a_group_still_names_its_base(ctx):
    text, *_ = run_query(ctx, {"stat": "share",
                               "where": [{"field": "marital_status", "op": "==", "value": "Widow"}],
                               "within": [{"field": "age", "op": ">=", "value": 65}]})  # fmt: skip
    view = ctx.customer_view
    base = view[view["Age"] >= 65]
    assert 0 < (base["Marital_Status"] == "Widow").sum() < 11
    assert f"**fewer than 11** of them ({len(base)} customers)" in text
