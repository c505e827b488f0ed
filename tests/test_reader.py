"""The offline question reader: questions to typed readings, measured on the question bank.

The bank is split before tuning: tests/_tuning_bank.py (the reader's phrasings are trained
on it), sixteen dev banks tests/_dev_bank*.py (each written from the spec alone by another
author, measured once before any tuning on it, then tuned on) and tests/_heldout_bank.py
(written separately from the spec alone, never tuned on).
The thresholds below guard against regressions; the figures are printed by
``python benchmarks/eval_reader.py``.
"""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.tools import ChatContext
from assistant.understanding.reader import Reader
from assistant.understanding.router import Router
from tests._heldout_bank import CASES as HELDOUT
from tests._reading import dev_parts, reading_of, score
from tests._tables import mall_table
from tests._tuning_bank import CASES as TUNING
from tests.question_bank import demo_context


@pytest.fixture(scope="module")
def readers(models) -> dict[str, Reader]:
    mall = ChatContext(models.mall(400, 4), None, mall_table(400))
    shop_bundle, shop_frame = models.shop(1000)
    shop = ChatContext(shop_bundle, None, shop_frame)
    return {"demo": Reader(demo_context(models)), "mall": Reader(mall), "shop": Reader(shop)}


def _tally(cases: list[dict], readers: dict[str, Reader]) -> Counter:
    return Counter(score(c["expect"], reading_of(readers[c["model"]].read(c["q"]))) for c in cases)


def test_the_bank_is_split_and_large_enough():
    questions = [c["q"] for c in HELDOUT]
    assert len(HELDOUT) >= 80 and len(TUNING) + len(HELDOUT) >= 300
    tuned = TUNING + [c for _, cases in dev_parts() for c in cases]
    assert not set(questions) & {c["q"] for c in tuned}
    assert {c["model"] for c in HELDOUT} == {"demo", "mall"}


# (part, its cases, the least share read right, the most read wrong): tuned-on parts must
# stay right; the held-out part only guards against regressions (see the module docstring)
# the least share read right, per dev part
_FLOORS = (0.9, 0.88, 0.9, 0.87, 0.9, 0.85, 0.95, 0.95, 0.95, 0.9, 0.93, 0.93, 0.93, 0.87, 0.9, 0.9)
PARTS = [
    ("tuning", TUNING, 0.95, 0),
    *(
        (f"dev {n}: {voice}", cases, floor, 0)
        for n, ((voice, cases), floor) in enumerate(zip(dev_parts(), _FLOORS, strict=True), start=1)
    ),
    ("held-out", HELDOUT, 0.88, 5),
]


@pytest.mark.parametrize(("part", "cases", "right", "wrong"), PARTS, ids=[p[0] for p in PARTS])
def test_each_part_of_the_bank_reads_right(readers, part, cases, right, wrong):
    tally = _tally(cases, readers)
    assert tally["right"] / len(cases) >= right, (part, tally)
    assert tally["wrong"] <= wrong, (part, tally)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many customers complained in the last 2 years?",
         {"kind": "aggregate", "measure": "customers", "stat": "count",
          "where": [("complain", "==", 1)]}),
        ("What is the average income of customers who spent more than 1,000 in total?",
         {"kind": "aggregate", "measure": "income", "stat": "mean",
          "where": [("total_spend", ">", 1000)]}),
        ("How do the two biggest segments differ?", {"kind": "compare", "personas": [0, 1]}),
        ("Which persona should I target for a premium wine launch?",
         {"kind": "target", "measure": "spend_wines"}),
        ("Which segments are growing fastest?", {"kind": "growth"}),
        ("how many customers haven't bought anything in the last 3 months",
         {"kind": "aggregate", "measure": "customers", "stat": "count",
          "where": [("recency_days", ">", 90)]}),
    ],
)  # fmt: skip
def test_the_questions_of_the_issue(readers, question, expected):
    got = reading_of(readers["demo"].read(question))
    assert score(expected, got) == "right", got


def test_a_table_of_another_schema_is_understood(readers):
    got = reading_of(readers["mall"].read("Which segment has the highest income?"))
    assert score({"kind": "rank", "measure": "annual_income_k", "order": "desc", "top": 1},
                 got) == "right", got  # fmt: skip


@pytest.mark.parametrize(
    "question",
    ["What is the average income by region?", "How many customers live in Berlin?",
     "average loyalty points of the frugal families"],
)  # fmt: skip
def test_unread_words_decline_and_say_what_was_understood(readers, question):
    reading = readers["demo"].read(question)
    assert reading.declined and reading.query is None
    assert "could not read" in reading.text


@pytest.mark.parametrize(
    ("question", "within", "where"),
    [
        ("What share of married customers have a PhD?",
         [("marital_status", "==", "Married")], [("education", "==", "PhD")]),
        ("what share of customers with kids are married?",
         [("children", ">", 0)], [("marital_status", "==", "Married")]),
        ("What's the penetration of PhDs within the married base?",
         [("marital_status", "==", "Married")], [("education", "==", "PhD")]),
        ("Among customers with children, what's the penetration of graduates?",
         [("children", ">", 0)], [("education", "==", "Graduation")]),
    ],
)  # fmt: skip
def test_a_share_of_a_group_is_taken_within_that_group(readers, question, within, where):
    query = readers["demo"].read(question).query
    assert query is not None and query.stat == "share"
    assert [(c.field, c.op, c.value) for c in query.within] == within
    assert [(c.field, c.op, c.value) for c in query.where] == where


@pytest.mark.parametrize(
    "question",
    ["what percentage of customers with kids responded?",
     "What's the share of responders among those who bought online more than 8 times?"],
)  # fmt: skip
def test_a_share_of_responders_in_a_group_is_its_response_rate(readers, question):
    query = readers["demo"].read(question).query
    assert query is not None and (query.measure, query.stat) == ("response", "rate")
    assert len(query.where) == 1 and query.where[0].field != "response"


@pytest.mark.parametrize(
    ("question", "word"),
    [("how many customers have never complained", "complain"),
     ("How many customers don't have kids?", "children"),
     ("average income of customers not living with a partner", "partner")],
)  # fmt: skip
def test_negations_turn_the_condition_around(readers, question, word):
    query = readers["demo"].read(question).query
    assert query is not None
    [cond] = [c for c in query.where if c.field == word]
    assert (cond.op, str(cond.value)) in (("==", "0.0"), ("==", "0"), ("==", "No"))


def test_every_right_reading_is_answered_without_a_tool_error(readers):
    """The readings are run, not only scored: a query the tools cannot run (a level of a
    table's own column, a described customer of another table) is an error, not an answer."""
    routers = {name: Router(reader.ctx) for name, reader in readers.items()}
    failed: list[str] = []
    for case in [*TUNING, *(c for _, cases in dev_parts() for c in cases), *HELDOUT]:
        router = routers[case["model"]]
        if score(case["expect"], reading_of(router.reader.read(case["q"]))) != "right":
            continue
        answer = router.answer(case["q"])
        if answer.tools and answer.tools[0].result.error and case["expect"]["kind"] != "decline":
            held_out = case in HELDOUT  # named by count only: it is never looked at
            failed.append("a held-out question" if held_out else case["q"])
    assert failed == []


@pytest.mark.parametrize(
    "question",
    ["What's the median two-year spend of customers with an income above 70,000?",
     "median total spend over the two years of customers with an income above 70,000"],
)  # fmt: skip
def test_the_two_years_the_spend_covers_are_not_an_age(readers, question):
    query = readers["demo"].read(question).query
    assert query is not None and query.measure == "total_spend"
    assert [(c.field, c.op, c.value) for c in query.where] == [("income", ">", 70000)]


def test_a_target_question_on_a_table_without_products_ranks_by_its_spend_score(readers):
    reading = readers["mall"].read("We're opening a luxury boutique. Which persona to target?")
    assert reading.query is not None and reading.query.purpose == "target"
    assert reading.query.measure == "spending_score_1_100"
    fish = readers["demo"].read("which persona should we target for a fishmonger pop-up?")
    assert fish.query is None and "fishmonger" in fish.text  # products it cannot tell


def test_a_number_no_customer_has_is_taken_as_misread_not_answered(readers):
    reading = readers["demo"].read("how many customers aged 2 years")
    assert reading.query is None and "no customer has that" in reading.text
    assert readers["demo"].read("how many customers have 3 kids").query is not None


def test_a_ranking_needs_a_persona_or_an_order(readers):
    question = "the persons who earn over 50k, which age they have in mean?"
    query = readers["demo"].read(question).query
    assert query is not None and (query.kind, query.measure) == ("aggregate", "age")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Client call in an hour. Quick one: what's the average income?",
         {"kind": "aggregate", "measure": "income", "stat": "mean"}),
        ("For the Q3 planning deck, which persona spends most on wine?",
         {"kind": "rank", "measure": "spend_wines", "order": "desc", "top": 1}),
    ],
)  # fmt: skip
def test_context_before_the_question_is_left_out(readers, question, expected):
    assert score(expected, reading_of(readers["demo"].read(question))) == "right"


@pytest.mark.parametrize(
    "question", ["classify a shopper: income 110k, spending score 15", "churn risk: who?"]
)
def test_a_lead_that_says_what_is_asked_is_not_taken_as_context(readers, question):
    reader = readers["mall" if "score" in question else "demo"]
    assert reader.without_context(question) == question


def test_plain_words_of_a_generic_name_describe_customers_not_the_persona(readers):
    """ "Mostly Female Customers" is a persona; "female customers" are customers of that
    gender, and "income of customers" is not "Older High-Income Customers"."""
    query = readers["mall"].read("avg spending score of female customers").query
    assert query is not None and query.personas == ()
    assert [(c.field, c.value) for c in query.where] == [("gender", "Female")]
    query = readers["shop"].read("avg income of customers in the West").query
    assert query is not None and query.personas == () and query.measure == "annual_income"
    described = readers["mall"].read("describe the mostly female customers")
    assert described.tool == "describe_segment" and described.args == {"segment": "0"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("avg spend by zone", {"kind": "aggregate", "measure": "total_spend", "stat": "mean",
                               "by": ["region"]}),
        ("# customers per region pls", {"kind": "aggregate", "measure": "customers",
                                        "stat": "count", "by": ["region"]}),
        ("how many customers are outside the West region?",
         {"kind": "aggregate", "measure": "customers", "stat": "count",
          "where": [("region", "!=", "West")]}),
        ("avg spend of customers who come in less than 2 times a month",
         {"kind": "aggregate", "measure": "total_spend", "stat": "mean",
          "where": [("visits_per_month", "<", 2)]}),
    ],
)  # fmt: skip
def test_a_tables_own_columns_are_read_in_the_words_people_use(readers, question, expected):
    assert score(expected, reading_of(readers["shop"].read(question))) == "right"


@pytest.mark.parametrize(
    "question",
    ["What's the two-year total spend of customers in the South?",
     "total spend over the last 2 years in the North"],
)  # fmt: skip
def test_a_span_of_time_on_a_table_without_dates_or_period_is_declined(readers, question):
    reading = readers["shop"].read(question)
    assert reading.declined and "period" in reading.text


@pytest.mark.parametrize(
    ("model", "question"),
    [("shop", "list the customers in the East who spend over 1500"),
     ("demo", "Who is our single biggest wine spender, and how much did they spend?"),
     ("mall", "which customer has the highest spending score?")],
)  # fmt: skip
def test_listings_and_single_customers_are_declined(readers, model, question):
    assert readers[model].read(question).declined


def test_having_a_teenager_means_at_least_one(readers):
    query = readers["demo"].read("what share of customers have a teenager at home?").query
    assert query is not None
    assert [(c.field, c.op, c.value) for c in query.where] == [("teenhome", ">=", 1)]


@pytest.mark.parametrize(
    ("model", "question", "expected"),
    [
        ("demo", "What's the average income of customers earning over 60k?",
         {"kind": "aggregate", "measure": "income", "stat": "mean",
          "where": [("income", ">", 60000)]}),
        ("demo", "For customers who haven't bought in over 60 days, what's the average number "
         "of days since their last purchase?",
         {"kind": "aggregate", "measure": "recency_days", "stat": "mean",
          "where": [("recency_days", ">", 60)]}),
        ("shop", "Median income of the young low spenders?",
         {"kind": "aggregate", "measure": "annual_income", "stat": "median", "personas": [0]}),
    ],
)  # fmt: skip
def test_a_figure_of_the_conditions_own_field_is_that_figure_not_a_count(
    readers, model, question, expected
):
    assert score(expected, reading_of(readers[model].read(question))) == "right"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Compare the average income of customers with kids and customers without kids.",
         {"kind": "compare", "groups": [[("children", ">", 0)], [("children", "==", 0)]],
          "measures": ["income"]}),
        ("Complaint rate for customers who don't have a PhD?",
         {"kind": "aggregate", "measure": "complain", "stat": "rate",
          "where": [("education", "!=", "PhD")]}),
        ("she's forty-five, earns about sixty thousand a year and has two kids. which group?",
         {"kind": "assign", "attributes": {"age": 45, "income": 60000, "children": 2}}),
        ("average spend on gold for customers aged between forty and sixty?",
         {"kind": "aggregate", "measure": "spend_gold", "stat": "mean",
          "where": [("age", "between", (40, 60))]}),
    ],
)  # fmt: skip
def test_structure_that_is_easy_to_drop_is_kept(readers, question, expected):
    assert score(expected, reading_of(readers["demo"].read(question))) == "right"


@pytest.mark.parametrize(
    ("model", "question", "said"),
    [("demo", "What's the average order value of the Comfortable Parents of Teens?",
      "does not record"),
     ("demo", "How has wine spending of the affluent persona changed over the last two years?",
      "one snapshot"),
     ("shop", "Give me a list of the East customers who spent over 1,500.", "do not list")],
)  # fmt: skip
def test_what_the_data_cannot_say_is_declined_with_its_reason(readers, model, question, said):
    reading = readers[model].read(question)
    assert reading.declined and said in reading.text


def test_a_question_of_persona_growth_is_still_the_growth_answer(readers):
    reading = readers["demo"].read(
        "How has the frugal families segment changed over the past year?"
    )
    assert reading.kind == "growth"
