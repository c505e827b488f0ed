"""The chat question bank: questions with the tool call and figure each should lead to.

Built against the fixed demo model of `demo_context` (2,240 synthetic customers, 6 segments):

    0 Budget-Conscious Young Families     3 Frugal Families
    1 Comfortable Parents of Teens        4 Affluent Fruit & Sweets Lovers
    2 Deal-Seeking Families               5 Campaign-Responsive Meat & Fish Gourmets

Wine spend and income both rank 4, 5, 1, 2, 3, 0 (highest first); response rate 5, 4, 2, 1,
0, 3. A `Case` is one question or a follow-up sequence (its turns are asked in order, each
with the router's earlier answers as history). A `Turn` names the expected tool and the
arguments that matter (each must equal the routed one; others may be present), and where
sensible a figure key whose value is checked: against the profile (``value=None``), a
literal, or - for counts - the number of rows of the customer table matching ``query``
(pandas query over the columns plus ``Segment``, ``Age`` and ``Children``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from assistant.narrative import write_personas
from assistant.tools import ChatContext
from segmentation.demo import make_customers
from segmentation.errors import DataQualityWarning
from segmentation.pipeline import train_bundle

__all__ = ["Case", "Turn", "bank", "count_rows", "demo_context", "profile_value"]


@dataclass(frozen=True)
class Turn:
    """One question and what it should route to (``tool=None``: help, no tool call)."""

    question: str
    tool: str | None
    args: dict[str, Any] = field(default_factory=dict)
    figure: str | None = None
    value: float | None = None
    query: str | None = None


@dataclass(frozen=True)
class Case:
    """A question (one turn) or a follow-up sequence, with the intent it exercises."""

    intent: str
    turns: tuple[Turn, ...]


def demo_context() -> ChatContext:
    """The bank's model: ``train_bundle(make_customers(2240, random_state=0), n_segments=6)``
    with its offline personas and its customer table."""
    frame = make_customers(2240, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        bundle = train_bundle(frame, n_segments=6)
    return ChatContext(bundle, write_personas(bundle.profile, bundle.names), frame)


def profile_value(profile: dict[str, Any], key: str) -> float:
    """The profile value behind a figure key ("segments.4.metrics.income.mean",
    "population.metrics.age.median", "population.response.rate")."""
    special = {
        "population.response.rate": profile["base_rate"],
        "population.customers": profile["n_customers"],
        "population.segments": profile["n_segments"],
    }
    if key in special:
        return float(special[key])
    parts = key.split(".")
    node: Any = profile["segments"][int(parts[1])] if parts[0] == "segments" else profile
    for part in parts[2:] if parts[0] == "segments" else parts:
        node = node[part]
    return float(node)


def count_rows(ctx: ChatContext, query: str) -> int:
    """Rows of the customer table matching a pandas query (with Segment, Age, Children)."""
    frame = ctx.customers
    assert frame is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        labels = ctx.bundle.segmenter.predict(frame)
    year = ctx.bundle.segmenter.features_.reference_year_
    view = frame.assign(
        Segment=labels,
        Age=year - frame["Year_Birth"],
        Children=frame["Kidhome"] + frame["Teenhome"],
    )
    return int(len(pd.DataFrame(view).query(query)))


def _one(intent: str, question: str, tool: str | None, args: dict | None = None, **kw: Any) -> Case:
    return Case(intent, (Turn(question, tool, args or {}, **kw),))


def _seq(intent: str, *turns: Turn) -> Case:
    return Case(intent, turns)


def bank() -> list[Case]:
    """The question bank (a fresh list each call): the main cases, then more phrasings."""
    return _main() + [_one(*row) for row in _MORE_PHRASINGS]


# fmt: off
def _main() -> list[Case]:
    T, one = Turn, _one
    gt60k = [{"column": "income", "op": ">", "value": 60000.0}]
    base = {"age": 45, "kids": 2, "income": 60000}
    return [
        # -- listing
        one("list", "What segments are there?", "list_segments", figure="population.segments"),
        one("list", "show me the personas", "list_segments", figure="segments.0.size"),
        one("list", "List all segments", "list_segments"),
        one("list", "which personas do we have?", "list_segments"),
        one("list", "How many segments are there?", "list_segments", figure="population.segments"),
        one("list", "give me an overview of our customer groups", "list_segments"),
        # -- describing
        one("describe", "Tell me about the affluent fruit lovers", "describe_segment",
            {"segment": "4"}, figure="segments.4.size"),
        one("describe", "describe segment 2", "describe_segment", {"segment": "2"},
            figure="segments.2.metrics.income.mean"),
        one("describe", "Who are the Frugal Families?", "describe_segment", {"segment": "3"}),
        one("describe", "tell me about the frugel familes", "describe_segment", {"segment": "3"}),
        one("describe", "describe the campain responsive gourmets", "describe_segment",
            {"segment": "5"}, figure="segments.5.response.rate"),
        one("describe", "what are the comfortable parents like?", "describe_segment",
            {"segment": "1"}),
        one("describe", "profile of the budget concious young families", "describe_segment",
            {"segment": "0"}),
        one("describe", "details on segment #5", "describe_segment", {"segment": "5"}),
        one("describe", "tell me about the deal seekers", "describe_segment", {"segment": "2"}),
        one("describe", "Deal-Seeking Families", "describe_segment", {"segment": "2"}),
        one("describe", "describe the 2nd segment", "describe_segment", {"segment": "1"}),
        one("describe", "tell me about the affluent wine lovers", "describe_segment",
            {"segment": "4"}),
        one("describe", "tell me about the biggest segment", "describe_segment", {"segment": "0"}),
        # -- comparing
        one("compare", "compare segment 1 and 3 on income and spend", "compare_segments",
            {"segments": ["1", "3"], "metrics": ["income", "total_spend"]},
            figure="segments.3.metrics.income.mean"),
        one("compare", "Compare the frugal families with the deal seekers", "compare_segments",
            {"segments": ["3", "2"]}),
        one("compare", "segment 0 vs segment 4", "compare_segments", {"segments": ["0", "4"]}),
        one("compare", "how do the fruit lovers differ from the gourmets?", "compare_segments",
            {"segments": ["4", "5"]}),
        one("compare", "compare segments 1, 2 and 5 on age", "compare_segments",
            {"segments": ["1", "2", "5"], "metrics": ["age"]},
            figure="segments.5.metrics.age.mean"),
        one("compare", "what's the difference between segment 0 and segment 3 in wine spending?",
            "compare_segments", {"segments": ["0", "3"], "metrics": ["spend_wines"]}),
        # -- ranking
        one("rank", "Which segment spends most on wine?", "rank_segments",
            {"metric": "spend_wines", "order": "desc"},
            figure="segments.4.metrics.spend_wines.mean"),
        one("rank", "who buys most online?", "rank_segments",
            {"metric": "purchases_web", "order": "desc"}),
        one("rank", "lowest income segment", "rank_segments", {"metric": "income", "order": "asc"},
            figure="segments.0.metrics.income.mean"),
        one("rank", "top 3 by response rate", "rank_segments",
            {"metric": "response_rate", "order": "desc", "top": 3},
            figure="segments.5.response.rate"),
        one("rank", "which is the oldest segment?", "rank_segments",
            {"metric": "age", "order": "desc"}),
        one("rank", "which persona is the youngest?", "rank_segments",
            {"metric": "age", "order": "asc"}),
        one("rank", "rank the segments by total spend", "rank_segments",
            {"metric": "total_spend", "order": "desc"}),
        one("rank", "Which group visits the website most?", "rank_segments",
            {"metric": "web_visits_month", "order": "desc"}),
        one("rank", "which segment is least likely to respond?", "rank_segments",
            {"metric": "response_rate", "order": "asc"}),
        one("rank", "biggest segment", "rank_segments", {"metric": "size", "order": "desc"},
            figure="segments.0.size"),
        one("rank", "which segment has the most kids?", "rank_segments",
            {"metric": "children", "order": "desc"}),
        one("rank", "bottom 2 segments by income", "rank_segments",
            {"metric": "income", "order": "asc", "top": 2}),
        one("rank", "who are the biggest spenders on meat?", "rank_segments",
            {"metric": "spend_meat", "order": "desc"}),
        one("rank", "which segment shops most in store?", "rank_segments",
            {"metric": "purchases_store", "order": "desc"}),
        one("rank", "which segment has the highest median income?", "rank_segments",
            {"metric": "median income", "order": "desc"},
            figure="segments.4.metrics.income.median"),
        # -- single figures
        one("figure", "average income of the fruit lovers", "segment_figure",
            {"metric": "income", "segment": "4"}, figure="segments.4.metrics.income.mean"),
        one("figure", "What is the median age overall?", "segment_figure",
            {"metric": "age", "stat": "median"}, figure="population.metrics.age.median"),
        one("figure", "response rate of segment 3", "segment_figure",
            {"metric": "response_rate", "segment": "3"}, figure="segments.3.response.rate"),
        one("figure", "how much do the frugal families spend on wine?", "segment_figure",
            {"metric": "spend_wines", "segment": "3"},
            figure="segments.3.metrics.spend_wines.mean"),
        one("figure", "what's the average income?", "segment_figure", {"metric": "income"},
            figure="population.metrics.income.mean"),
        one("figure", "how big is segment 2?", "segment_figure", {"metric": "size", "segment": "2"},
            figure="segments.2.size"),
        one("figure", "how old are the deal seekers on average?", "segment_figure",
            {"metric": "age", "segment": "2"}, figure="segments.2.metrics.age.mean"),
        one("figure", "web visits per month for segment 0", "segment_figure",
            {"metric": "web_visits_month", "segment": "0"}),
        one("figure", "what share of customers are in the gourmets?", "segment_figure",
            {"metric": "share", "segment": "5"}, figure="segments.5.share"),
        one("figure", "median income of segment 4", "segment_figure",
            {"metric": "income", "segment": "4", "stat": "median"},
            figure="segments.4.metrics.income.median"),
        # -- counting
        one("count", "How many customers earn more than 60k?", "count_customers",
            {"filters": gt60k}, figure="count.matching", query="Income > 60000"),
        one("count", "how many customers in the young families have two kids?", "count_customers",
            {"segment": "0", "filters": [{"column": "kids", "op": "==", "value": 2.0}]},
            figure="count.matching", query="Segment == 0 and Children == 2"),
        one("count", "how many have a PhD?", "count_customers",
            {"filters": [{"column": "education", "op": "==", "value": "PhD"}]},
            figure="count.matching", query="Education == 'PhD'"),
        one("count", "how many customers earn between $30,000 and $50,000?", "count_customers",
            {"filters": [{"column": "income", "op": "between", "values": [30000.0, 50000.0]}]},
            figure="count.matching", query="30000 <= Income <= 50000"),
        one("count", "how many customers have no children?", "count_customers",
            {"filters": [{"column": "kids", "op": "==", "value": 0.0}]},
            figure="count.matching", query="Children == 0"),
        one("count", "how many married customers are there?", "count_customers",
            {"filters": [{"column": "marital_status", "op": "==", "value": "Married"}]},
            figure="count.matching", query="Marital_Status == 'Married'"),
        one("count", "how many customers are older than 60?", "count_customers",
            {"filters": [{"column": "age", "op": ">", "value": 60.0}]},
            figure="count.matching", query="Age > 60"),
        one("count", "number of customers with income above 80 000 in segment 4",
            "count_customers",
            {"segment": "4", "filters": [{"column": "income", "op": ">", "value": 80000.0}]},
            figure="count.matching", query="Segment == 4 and Income > 80000"),
        one("count", "how many customers are in segment 5?", "count_customers", {"segment": "5"},
            figure="count.base", query="Segment == 5"),
        one("count", "how many customers responded to the last campaign?", "count_customers",
            {"filters": [{"column": "response", "op": "==", "value": 1}]},
            figure="count.matching", query="Response == 1"),
        one("count", "how many frugal families have teenagers?", "count_customers",
            {"segment": "3", "filters": [{"column": "teenhome", "op": ">=", "value": 1}]},
            figure="count.matching", query="Segment == 3 and Teenhome >= 1"),
        # -- assigning
        one("assign", "Which persona is a 45-year-old with 2 kids earning 60k?", "assign_customer",
            base, figure="customer.income", value=60000),
        one("assign", "assign a customer with income $60,000 and no children", "assign_customer",
            {"income": 60000, "kids": 0}),
        one("assign", "which segment would a 30 year old with no kids earning sixty thousand "
            "belong to?", "assign_customer", {"age": 30, "kids": 0, "income": 60000}),
        one("assign", "classify a customer: age 52, income 85k, one teenager", "assign_customer",
            {"age": 52, "income": 85000, "teens": 1}),
        one("assign", "where does a married 40-year-old with a PhD fit?", "assign_customer",
            {"age": 40, "marital_status": "Married", "education": "PhD"}),
        one("assign", "what persona fits someone earning 25 000 with 2 kids?", "assign_customer",
            {"income": 25000, "kids": 2}),
        one("assign", "a 60 year old earning 90k who spends 800 on wine: which segment?",
            "assign_customer", {"age": 60, "income": 90000, "spend_wines": 800}),
        # -- campaign ideas
        one("campaign", "campaign ideas for the gourmets", "campaign_ideas", {"segment": "5"}),
        one("campaign", "How should we market to segment 3?", "campaign_ideas", {"segment": "3"}),
        one("campaign", "what campaigns should we run for the deal seekers?", "campaign_ideas",
            {"segment": "2"}),
        one("campaign", "marketing ideas for the comfortable parents of teens", "campaign_ideas",
            {"segment": "1"}),
        one("campaign", "give me campaign ideas for segment 0", "campaign_ideas", {"segment": "0"}),
        # -- charts and tables
        one("chart", "chart income by segment", "chart", {"kind": "metric", "metric": "income"},
            figure="segments.0.metrics.income.mean"),
        one("chart", "show the spend mix of the fruit lovers", "chart",
            {"kind": "spend_mix", "segment": "4"}, figure="segments.4.spend_mix.wines"),
        one("chart", "segment sizes chart", "chart", {"kind": "sizes"}, figure="segments.5.size"),
        one("chart", "plot response rate across segments", "chart",
            {"kind": "metric", "metric": "response_rate"}),
        one("chart", "channel mix of segment 2", "chart", {"kind": "channel_mix", "segment": "2"},
            figure="segments.2.channel_mix.web"),
        one("chart", "draw a bar chart of average age", "chart",
            {"kind": "metric", "metric": "age"}),
        one("chart", "pie chart of the segments", "chart", {"kind": "sizes"}),
        one("chart", "visualize wine spend per segment", "chart",
            {"kind": "metric", "metric": "spend_wines"}),
        one("table", "show the profile table", "table", {}, figure="segments.4.response.rate"),
        one("table", "give me a table of the segments with income and age", "table",
            {"metrics": ["income", "age"]}),
        one("table", "tabulate all segments", "table", {}),
        # -- help and unknown questions
        one("help", "what can you do?", None),
        one("help", "help", None),
        one("help", "hello", None),
        one("unknown", "what's the weather in Paris?", None),
        one("unknown", "write me a poem about cheese", None),
        # -- follow-up sequences
        _seq("follow-up", T("which segment spends most on wine?", "rank_segments",
                            {"metric": "spend_wines"}),
             T("and the second one?", "describe_segment", {"segment": "5"},
               figure="segments.5.size")),
        _seq("follow-up", T("describe segment 2", "describe_segment", {"segment": "2"}),
             T("and segment 4?", "describe_segment", {"segment": "4"})),
        _seq("follow-up", T("which segment spends most on wine?", "rank_segments",
                            {"metric": "spend_wines"}),
             T("what about income?", "rank_segments", {"metric": "income", "order": "desc"},
               figure="segments.4.metrics.income.mean")),
        _seq("follow-up", T("average income of segment 1", "segment_figure",
                            {"metric": "income", "segment": "1"}),
             T("and segment 4?", "segment_figure", {"metric": "income", "segment": "4"},
               figure="segments.4.metrics.income.mean"),
             T("what about the median?", "segment_figure",
               {"metric": "income", "segment": "4", "stat": "median"},
               figure="segments.4.metrics.income.median")),
        _seq("what-if", T("which persona is a 45-year-old with 2 kids earning 60k?",
                          "assign_customer", base),
             T("what if their income rises by 20k?", "what_if", {**base, "income_change": 20000},
               figure="changes.income.after", value=80000),
             T("and with one more child?", "what_if", {**base, "kids_change": 1},
               figure="changes.kids.after", value=3)),
        _seq("follow-up", T("how many customers earn more than 60k?", "count_customers",
                            {"filters": gt60k}),
             T("and in segment 2?", "count_customers", {"segment": "2", "filters": gt60k},
               figure="count.matching", query="Segment == 2 and Income > 60000"),
             T("what about overall?", "count_customers", {"filters": gt60k})),
        _seq("follow-up", T("compare the frugal families with the deal seekers",
                            "compare_segments", {"segments": ["3", "2"]}),
             T("and segment 5?", "compare_segments", {"segments": ["3", "2", "5"]}),
             T("what about wine?", "compare_segments",
               {"segments": ["3", "2", "5"], "metrics": ["spend_wines"]})),
        _seq("follow-up", T("lowest income segment", "rank_segments",
                            {"metric": "income", "order": "asc"}),
             T("and the highest?", "rank_segments", {"metric": "income", "order": "desc"}),
             T("the third one?", "describe_segment", {"segment": "1"})),
        _seq("follow-up", T("tell me about the frugal families", "describe_segment",
                            {"segment": "3"}),
             T("what is their income?", "segment_figure", {"metric": "income", "segment": "3"}),
             T("campaign ideas for them", "campaign_ideas", {"segment": "3"})),
        _seq("follow-up", T("top 3 by response rate", "rank_segments",
                            {"metric": "response_rate", "top": 3}),
             T("tell me more about the first one", "describe_segment", {"segment": "5"})),
        _seq("follow-up", T("show the spend mix of the fruit lovers", "chart",
                            {"kind": "spend_mix", "segment": "4"}),
             T("and segment 1?", "chart", {"kind": "spend_mix", "segment": "1"},
               figure="segments.1.spend_mix.wines")),
        _seq("follow-up", T("what segments are there?", "list_segments"),
             T("the second one?", "describe_segment", {"segment": "1"})),
        _seq("what-if", T("which persona is a 30-year-old single with no kids earning forty "
                          "thousand?", "assign_customer",
                          {"age": 30, "kids": 0, "income": 40000, "marital_status": "Single"}),
             T("what if they got married?", "what_if",
               {"changes": {"marital_status": "Married"}, "marital_status": "Single"}),
             T("what if they were ten years older?", "what_if", {"age": 30, "age_change": 10})),
        _seq("follow-up", T("chart income by segment", "chart", {"kind": "metric"}),
             T("what about age?", "chart", {"kind": "metric", "metric": "age"})),
        _seq("follow-up", T("campaign ideas for segment 3", "campaign_ideas", {"segment": "3"}),
             T("and for the gourmets?", "campaign_ideas", {"segment": "5"})),
        _seq("follow-up", T("which segment is the biggest?", "rank_segments", {"metric": "size"}),
             T("describe it", "describe_segment", {"segment": "0"})),
        _seq("follow-up", T("which segment visits the website most?", "rank_segments",
                            {"metric": "web_visits_month"}),
             T("and the least?", "rank_segments", {"metric": "web_visits_month", "order": "asc"})),
        _seq("follow-up", T("describe the gourmets", "describe_segment", {"segment": "5"}),
             T("how about the frugal families?", "describe_segment", {"segment": "3"})),
        _seq("follow-up", T("median age of segment 2", "segment_figure",
                            {"metric": "age", "segment": "2", "stat": "median"}),
             T("and for everyone?", "segment_figure", {"metric": "age", "stat": "median"},
               figure="population.metrics.age.median")),
        _seq("follow-up", T("who buys most online?", "rank_segments", {"metric": "purchases_web"}),
             T("tell me about the top one", "describe_segment", {"segment": "1"})),
        _seq("what-if", T("which persona is a customer with income 50k and one kid?",
                          "assign_customer", {"income": 50000, "kids": 1}),
             T("what if income falls by 10k?", "what_if",
               {"income": 50000, "kids": 1, "income_change": -10000.0},
               figure="changes.income.after", value=40000)),
        _seq("follow-up", T("how many customers have a PhD?", "count_customers"),
             T("and in the gourmets?", "count_customers",
               {"segment": "5", "filters": [{"column": "education", "op": "==", "value": "PhD"}]},
               figure="count.matching", query="Segment == 5 and Education == 'PhD'")),
        _seq("follow-up", T("top 3 by income", "rank_segments", {"metric": "income", "top": 3}),
             T("what about spend?", "rank_segments", {"metric": "total_spend", "top": 3})),
        _seq("follow-up", T("campaign ideas for segment 4", "campaign_ideas", {"segment": "4"}),
             T("and segment 2?", "campaign_ideas", {"segment": "2"})),
    ]


# More phrasings (intent, question, tool, key arguments), first asked of the router unseen.
_MORE_PHRASINGS: tuple[tuple[str, str, str | None, dict[str, Any]], ...] = (
    ("list", "which segments do we have", "list_segments", {}),
    ("list", "can you list the personas?", "list_segments", {}),
    ("list", "what customer segments exist?", "list_segments", {}),
    ("list", "show all clusters", "list_segments", {}),
    ("list", "What personas are in the model?", "list_segments", {}),
    ("list", "overview of segments", "list_segments", {}),
    ("describe", "tell me about segment 0", "describe_segment", {"segment": "0"}),
    ("describe", "who are the gourmets?", "describe_segment", {"segment": "5"}),
    ("describe", "describe the frugal segment", "describe_segment", {"segment": "3"}),
    ("describe", "what do we know about the comfortable parents?", "describe_segment",
     {"segment": "1"}),
    ("describe", "give me details about the fruit and sweets lovers", "describe_segment",
     {"segment": "4"}),
    ("describe", "info on the budget families", "describe_segment", {"segment": "0"}),
    ("describe", "describe the campaign responsive segment", "describe_segment",
     {"segment": "5"}),
    ("describe", "tell me about the affluant lovers", "describe_segment", {"segment": "4"}),
    ("describe", "more about segment 3", "describe_segment", {"segment": "3"}),
    ("describe", "who are the meat and fish gourmets", "describe_segment", {"segment": "5"}),
    ("describe", "describe the comfortible parents of teenagers", "describe_segment",
     {"segment": "1"}),
    ("describe", "What does segment 4 look like?", "describe_segment", {"segment": "4"}),
    ("compare", "compare the gourmets and the fruit lovers", "compare_segments",
     {"segments": ["5", "4"]}),
    ("compare", "segment 2 versus segment 3 on web purchases", "compare_segments",
     {"segments": ["2", "3"], "metrics": ["purchases_web"]}),
    ("compare", "how does segment 1 compare with segment 4?", "compare_segments",
     {"segments": ["1", "4"]}),
    ("compare", "compare 0 and 5", "compare_segments", {"segments": ["0", "5"]}),
    ("compare", "how do the young families and frugal families compare on kids and income?",
     "compare_segments", {"segments": ["0", "3"], "metrics": ["children", "income"]}),
    ("table", "compare all the segments", "table", {}),
    ("rank", "which segment earns the most?", "rank_segments",
     {"metric": "income", "order": "desc"}),
    ("rank", "who spends the least?", "rank_segments", {"metric": "total_spend", "order": "asc"}),
    ("rank", "which persona responds best to campaigns?", "rank_segments",
     {"metric": "response_rate", "order": "desc"}),
    ("rank", "which segment uses the most discounts?", "rank_segments",
     {"metric": "purchases_deals", "order": "desc"}),
    ("rank", "which segment buys the most from the catalog?", "rank_segments",
     {"metric": "purchases_catalog", "order": "desc"}),
    ("rank", "smallest segment", "rank_segments", {"metric": "size", "order": "asc"}),
    ("rank", "who has the fewest children?", "rank_segments",
     {"metric": "children", "order": "asc"}),
    ("rank", "rank segments by age", "rank_segments", {"metric": "age", "order": "desc"}),
    ("rank", "top 2 segments for gold spending", "rank_segments",
     {"metric": "spend_gold", "top": 2}),
    ("rank", "which segment is the richest?", "rank_segments",
     {"metric": "income", "order": "desc"}),
    ("rank", "which segment bought most recently?", "rank_segments",
     {"metric": "recency_days", "order": "asc"}),
    ("rank", "which segment has the highest response rate?", "rank_segments",
     {"metric": "response_rate", "order": "desc"}),
    ("rank", "which segment is most loyal?", "rank_segments",
     {"metric": "tenure_days", "order": "desc"}),
    ("rank", "least valuable segment", "rank_segments", {"metric": "total_spend", "order": "asc"}),
    ("rank", "which segment has the most teenagers?", "rank_segments",
     {"metric": "teenhome", "order": "desc"}),
    ("rank", "which group spends most on sweets?", "rank_segments",
     {"metric": "spend_sweets", "order": "desc"}),
    ("rank", "who is the most price sensitive / uses the most deals?", "rank_segments",
     {"metric": "purchases_deals", "order": "desc"}),
    ("figure", "what is the average spend of segment 1?", "segment_figure",
     {"metric": "total_spend", "segment": "1"}),
    ("figure", "average age of the frugal families", "segment_figure",
     {"metric": "age", "segment": "3"}),
    ("figure", "how many kids do the young families have on average?", "segment_figure",
     {"metric": "children", "segment": "0"}),
    ("figure", "what's the response rate overall?", "segment_figure", {"metric": "response_rate"}),
    ("figure", "what is the median income?", "segment_figure",
     {"metric": "income", "stat": "median"}),
    ("figure", "lift of segment 5", "segment_figure", {"metric": "response_lift", "segment": "5"}),
    ("figure", "how much do the gourmets spend on meat?", "segment_figure",
     {"metric": "spend_meat", "segment": "5"}),
    ("figure", "what is segment 2's average income?", "segment_figure",
     {"metric": "income", "segment": "2"}),
    ("figure", "income of the gourmets", "segment_figure", {"metric": "income", "segment": "5"}),
    ("figure", "average number of web visits", "segment_figure", {"metric": "web_visits_month"}),
    ("figure", "how many campaigns did segment 4 accept on average?", "segment_figure",
     {"metric": "campaigns_accepted", "segment": "4"}),
    ("count", "how many customers are single?", "count_customers",
     {"filters": [{"column": "marital_status", "op": "==", "value": "Single"}]}),
    ("count", "how many customers earn less than 30k?", "count_customers",
     {"filters": [{"column": "income", "op": "<", "value": 30000.0}]}),
    ("count", "how many customers have at least 2 children?", "count_customers",
     {"filters": [{"column": "kids", "op": ">=", "value": 2.0}]}),
    ("count", "how many customers are there?", "count_customers", {}),
    ("count", "how many people in segment 1 have a master's degree?", "count_customers",
     {"segment": "1", "filters": [{"column": "education", "op": "==", "value": "Master"}]}),
    ("count", "how many customers under 30 are there?", "count_customers",
     {"filters": [{"column": "age", "op": "<", "value": 30.0}]}),
    ("count", "count customers with income over 100k", "count_customers",
     {"filters": [{"column": "income", "op": ">", "value": 100000.0}]}),
    ("count", "how many divorced customers are in the deal seekers?", "count_customers",
     {"segment": "2",
      "filters": [{"column": "marital_status", "op": "==", "value": "Divorced"}]}),
    ("count", "how many customers have kids?", "count_customers",
     {"filters": [{"column": "kids", "op": ">=", "value": 1}]}),
    ("count", "how many customers with a partner earn over 70k?", "count_customers",
     {"filters": [{"column": "income", "op": ">", "value": 70000.0},
                  {"column": "partner", "op": "==", "value": "Yes"}]}),
    ("count", "how many customers visited the website more than 8 times last month?",
     "count_customers",
     {"filters": [{"column": "web_visits_month", "op": ">", "value": 8.0}]}),
    ("count", "how many customers in segment 0 are younger than 30?", "count_customers",
     {"segment": "0", "filters": [{"column": "age", "op": "<", "value": 30.0}]}),
    ("assign", "what segment is a 25 year old with no kids earning 20k?", "assign_customer",
     {"age": 25, "kids": 0, "income": 20000}),
    ("assign", "which persona fits a customer earning $120,000 with one child?",
     "assign_customer", {"income": 120000, "kids": 1}),
    ("assign", "assign: income 45000, 3 kids, age 38", "assign_customer",
     {"income": 45000, "kids": 3, "age": 38}),
    ("assign", "which segment does a widowed 70-year-old belong to?", "assign_customer",
     {"age": 70, "marital_status": "Widow"}),
    ("assign", "which persona would a 50 year old with two teenagers and an income of 70k be?",
     "assign_customer", {"age": 50, "teens": 2, "income": 70000}),
    ("assign", "assign a single graduate aged 28 earning thirty-five thousand",
     "assign_customer",
     {"age": 28, "income": 35000, "marital_status": "Single", "education": "Graduation"}),
    ("campaign", "ideas for campaigns targeting segment 4", "campaign_ideas", {"segment": "4"}),
    ("campaign", "how can we reach the frugal families?", "campaign_ideas", {"segment": "3"}),
    ("campaign", "what offers would work for the young families?", "campaign_ideas",
     {"segment": "0"}),
    ("campaign", "suggest a campaign for segment 1", "campaign_ideas", {"segment": "1"}),
    ("campaign", "how should we approach segment 5?", "campaign_ideas", {"segment": "5"}),
    ("campaign", "marketing strategy for the deal seekers", "campaign_ideas", {"segment": "2"}),
    ("chart", "bar chart of total spend", "chart", {"kind": "metric", "metric": "total_spend"}),
    ("chart", "plot the segment sizes", "chart", {"kind": "sizes"}),
    ("chart", "channel mix for the gourmets", "chart", {"kind": "channel_mix", "segment": "5"}),
    ("chart", "what do the deal seekers spend on? show a chart", "chart",
     {"kind": "spend_mix", "segment": "2"}),
    ("chart", "graph web visits by segment", "chart",
     {"kind": "metric", "metric": "web_visits_month"}),
    ("chart", "show me a chart of the channel mix", "chart", {"kind": "channel_mix"}),
    ("chart", "visualise response rate by segment", "chart",
     {"kind": "metric", "metric": "response_rate"}),
    ("table", "profile table please", "table", {}),
    ("table", "a table with income, spend and response rate", "table",
     {"metrics": ["income", "total_spend", "response_rate"]}),
    ("table", "show the segment table with wine and meat", "table",
     {"metrics": ["spend_wines", "spend_meat"]}),
    ("help", "how do I use this?", None, {}),
    ("unknown", "tell me a joke", None, {}),
    ("unknown", "what's the capital of France?", None, {}),
    ("unknown", "asdf qwerty", None, {}),
)
# fmt: on
