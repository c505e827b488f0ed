"""How assistant.personas.verify checks a persona text and its evidence against the fact sheet.

Covers check_numbers: which fact verifies a plain number (rounded as written), a percent
(a rate or share), a difference from average (an index or lift), a ratio and each end of a
range, what is rejected and how a problem quotes the figure in its context, names whose
numbers are ignored; FactIndex (checks like the sheet, names the facts that verify a mention,
takes a hand-made mention); and check_evidence (leaf and section keys accepted, misspelt or
unknown keys reported with the close key or the sections, text leaves refused). FACTS comes
from tests/_verify_cases.py.
"""

from __future__ import annotations

import pytest

from assistant.personas.verify import (
    FactIndex,
    NumberMention,
    check_evidence,
    check_numbers,
    find_numbers,
)
from tests._verify_cases import FACTS

# --- check_numbers: verified and rejected readings ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "318 customers",
        "an average income of 76,518",
        "an average income of 76.5k",
        "an average income of $77k",
        "an average income of about 77,000",
        "an average income of 76,500",  # 76,518 to the hundreds
        "an average income of $80k",  # 76,518 to the ten thousands
        "a total spend of $1,553",
        "a total spend of $1.6k",
        "aged 46",
        "2,240 customers in all",
        "a response rate of 0.45",
    ],
)
def test_a_plain_number_is_verified_by_a_fact_that_rounds_to_it(text: str) -> None:
    assert check_numbers(text, FACTS) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("an average income of $85k", "$85k"),
        ("an average income of $78k", "$78k"),
        ("an average income of 76,400", "76,400"),
        ("an average income of 78,000", "78,000"),
        ("319 customers", "319"),
        ("a response rate of 0.46", "0.46"),
    ],
)
def test_a_plain_number_no_fact_rounds_to_is_rejected(text: str, figure: str) -> None:
    (problem,) = check_numbers(text, FACTS)
    assert problem.startswith(f"'{figure}' (")


@pytest.mark.parametrize(
    "text",
    ["45% responded", "45.3% responded", "45 percent responded", "14.2% of customers", "14%"],
)
def test_a_percent_is_verified_by_a_rate_or_share(text: str) -> None:
    assert check_numbers(text, FACTS) == []


@pytest.mark.parametrize("text", ["46% responded", "47% took a past offer", "146% of average"])
def test_a_percent_no_rate_or_share_rounds_to_is_rejected(text: str) -> None:
    assert len(check_numbers(text, FACTS)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "an income 46% above average",  # income index 146
        "46% higher income",
        "84% below average on children",  # children index 16
        "84% fewer children",
        "58% less web browsing",  # web visits index 42
        "194% more likely to respond",  # lift 2.94
        "income +46% vs average",
        "children \u221284% vs average",
    ],
)
def test_a_difference_from_average_is_verified_by_an_index_or_lift(text: str) -> None:
    assert check_numbers(text, FACTS) == []


@pytest.mark.parametrize(
    "text", ["47% above average", "46% below average", "45% more likely", "-5% vs average"]
)
def test_a_difference_no_index_or_lift_gives_is_rejected(text: str) -> None:
    assert len(check_numbers(text, FACTS)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "2.9x the base rate",  # lift 2.94
        "2.94× the base rate",
        "2.9 times as likely",
        "3x as likely",
        "2.5 times the average spend",  # total spend index 246
        "1.5x average income",  # income index 146
        "2 times a month",  # web visits median 2
    ],
)
def test_a_ratio_is_verified_by_a_lift_an_index_or_a_fact(text: str) -> None:
    assert check_numbers(text, FACTS) == []


@pytest.mark.parametrize("text", ["3.1x the base rate", "2.8 times as likely", "5x average"])
def test_a_ratio_nothing_gives_is_rejected(text: str) -> None:
    assert len(check_numbers(text, FACTS)) == 1


@pytest.mark.parametrize(
    "text", ["39.9–50.8%", "39.9% to 50.8%", "between 10.5-18.1%", "42–53% took a past offer"]
)
def test_a_range_of_verified_ends_is_verified(text: str) -> None:
    assert check_numbers(text, FACTS) == []


def test_a_range_reports_only_its_wrong_end() -> None:
    (problem,) = check_numbers("a response rate of 39.9–60.8%", FACTS)
    assert problem.startswith("'60.8%' (")


def test_a_problem_quotes_the_figure_and_its_context() -> None:
    assert check_numbers("Average income of $85k.", FACTS) == [
        "'$85k' (Average income of $85k.) matches no statistic"
    ]


def test_a_rejected_difference_says_how_it_was_read() -> None:
    assert check_numbers("An income 47% above average.", FACTS) == [
        "'47%' (An income 47% above average.) matches no index or lift (read as +47% vs average)"
    ]


def test_a_planted_wrong_number_in_a_long_paragraph_is_reported_with_context() -> None:
    paragraph = (
        "Affluent Fruit & Sweets Lovers are 318 customers, 14.2% of the base of 2,240. "
        "They are around 46 years old, rarely have children at home (84% below average), "
        "and earn an average income of $85k, well above the population. They spend $1,553 "
        "a year, 2.5 times the average, 44% of it on wine and 34% on meat. They buy in store "
        "(41.5%) and by catalog (34%), browse the web only 2 times a month, and 45% of them "
        "answered the last campaign (39.9–50.8%), 2.9x the base rate of 15%."
    )
    (problem,) = check_numbers(paragraph, FACTS)
    assert problem == (
        "'$85k' (…earn an average income of $85k, well above the population.…) matches no statistic"
    )


def test_numbers_inside_an_ignored_name_are_not_checked() -> None:
    text = "The Top 20% Spenders respond at 45%."
    assert len(check_numbers(text, FACTS)) == 1
    assert check_numbers(text, FACTS, ignore=["top 20% spenders"]) == []


def test_a_prebuilt_index_checks_like_the_fact_sheet() -> None:
    index = FactIndex(FACTS)
    text = "45% responded, 2.9x the base rate, on an income of $85k."
    assert check_numbers(text, index) == check_numbers(text, FACTS)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("45%", ["response.rate"]),
        ("2.5 times the average", ["metrics.total_spend.index"]),
        ("46% above average", ["metrics.income.index"]),
        ("$77k", ["metrics.income.mean"]),
        ("$85k", []),
    ],
)
def test_index_sources_name_the_facts_that_verify_a_mention(text: str, keys: list[str]) -> None:
    (mention,) = find_numbers(text)
    index = FactIndex(FACTS)
    assert index.sources(mention) == keys
    assert index.verifies(mention) is bool(keys)


def test_any_fact_may_verify_a_number_not_only_the_one_meant() -> None:
    # "76,000" is not the mean income rounded (77,000) but it is the median (75,568) rounded
    (mention,) = find_numbers("an average income of 76,000")
    assert FactIndex(FACTS).sources(mention) == ["metrics.income.median"]


def test_a_hand_made_mention_can_be_verified() -> None:
    mention = NumberMention(text="318", value=318.0, decimals=0, start=0, end=3)
    assert FactIndex(FACTS).verifies(mention)


# --- check_evidence -----------------------------------------------------------------------


def test_existing_leaf_keys_are_good_evidence() -> None:
    assert check_evidence(["response.rate", "metrics.income.index", "segment.share"], FACTS) == []


@pytest.mark.parametrize("key", ["response", "campaigns.any_past", "metrics.income"])
def test_a_section_key_with_numbers_under_it_is_good_evidence(key: str) -> None:
    assert check_evidence([key], FACTS) == []


def test_a_misspelt_key_is_reported_with_the_close_key() -> None:
    (problem,) = check_evidence(["metrics.incme.mean"], FACTS)
    assert problem.startswith("Evidence key 'metrics.incme.mean' is not in the fact sheet;")
    assert "'metrics.income.mean'" in problem


def test_a_key_with_no_close_match_lists_the_sections() -> None:
    assert check_evidence(["zzz"], FACTS) == [
        "Evidence key 'zzz' is not in the fact sheet; no key is close; its sections are "
        "campaigns, channel_mix, metrics, population, response, segment, spend_mix."
    ]


def test_a_text_leaf_is_not_numeric_evidence() -> None:
    assert len(check_evidence(["segment.name"], FACTS)) == 1


def test_a_single_key_string_is_one_key() -> None:
    assert check_evidence("response", FACTS) == []
