"""Multi-turn cases of the chat question bank: follow-ups and what-if sequences.

Part of `tests.question_bank` (see there for what a `Case` and a `Turn` check); each turn is
asked with the router's earlier answers as history. `bank()` asks these after the single-turn
questions.
"""

from __future__ import annotations

from tests.question_bank import Case, Turn, _seq

__all__ = ["conversations"]


# fmt: off
def conversations() -> list[Case]:
    T = Turn
    gt60k = [{"column": "income", "op": ">", "value": 60000.0}]
    base = {"age": 45, "kidhome": 2, "income": 60000}
    return [
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
             T("and with one more child?", "what_if", {**base, "kidhome_change": 1},
               figure="changes.kidhome.after", value=3)),
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
                          {"age": 30, "kidhome": 0, "income": 40000, "marital_status": "Single"}),
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
                          "assign_customer", {"income": 50000, "kidhome": 1}),
             T("what if income falls by 10k?", "what_if",
               {"income": 50000, "kidhome": 1, "income_change": -10000.0},
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
# fmt: on
