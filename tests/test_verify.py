"""Number checking of persona texts against the fact sheet they were written from."""

from __future__ import annotations

import pytest

from assistant.verify import (
    FactIndex,
    NumberMention,
    check_evidence,
    check_numbers,
    find_numbers,
    flatten_facts,
)

FACTS = {
    "segment": {
        "id": 4, "name": "Affluent Fruit & Sweets Lovers", "customers": 318, "share": 0.142,
    },
    "population": {"customers": 2240, "base_response_rate": 0.154},
    "metrics": {
        "income": {"label": "income", "mean": 76518, "median": 75568, "index": 146},
        "age": {"label": "age", "mean": 46.4, "median": 46, "index": 102},
        "children": {"label": "children at home", "mean": 0.15, "median": 0, "index": 16},
        "total_spend": {"label": "total spend", "mean": 1553, "median": 1496, "index": 246},
        "web_visits_month": {"mean": 2.2, "median": 2, "index": 42},
    },
    "spend_mix": {"wines": 0.436, "meat": 0.336, "gold": 0.045},
    "channel_mix": {"web": 0.243, "catalog": 0.342, "store": 0.415, "deals": 0.055},
    "campaigns": {
        "cmp1": {"rate": 0.138, "ci_low": 0.105, "ci_high": 0.181},
        "any_past": {"rate": 0.478, "ci_low": 0.42, "ci_high": 0.53},
    },
    "response": {"rate": 0.453, "ci_low": 0.399, "ci_high": 0.508, "lift": 2.94},
}  # fmt: skip


def written(text: str) -> list[str]:
    return [mention.text for mention in find_numbers(text)]


# --- flatten_facts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("metrics.income.mean", 76518.0),
        ("response.rate", 0.453),
        ("segment.customers", 318.0),
        ("campaigns.any_past.ci_low", 0.42),
        ("metrics.children.median", 0.0),
    ],
)
def test_flatten_facts_keys_numeric_leaves_by_dotted_path(key: str, value: float) -> None:
    flat = flatten_facts(FACTS)
    assert flat[key] == value
    assert isinstance(flat[key], float)


def test_flatten_facts_leaves_out_strings_bools_and_nulls() -> None:
    flat = flatten_facts({"a": {"name": "x", "flag": True, "gap": None, "n": 3}})
    assert flat == {"a.n": 3.0}


def test_flatten_facts_keys_list_items_by_position() -> None:
    assert flatten_facts({"top": [{"share": 0.5}, {"share": 0.25}]}) == {
        "top.0.share": 0.5,
        "top.1.share": 0.25,
    }


def test_flatten_facts_counts_every_numeric_leaf_of_the_example_sheet() -> None:
    # segment 3 (not the name), population 2, metrics 5 x 3 (not the labels), spend mix 3,
    # channel mix 4, campaigns 2 x 3, response 4
    assert len(flatten_facts(FACTS)) == 37


def test_facts_that_are_not_a_mapping_are_refused() -> None:
    with pytest.raises(TypeError, match="facts must be a mapping.*got list"):
        check_numbers("318", [318])  # type: ignore[arg-type]


# --- find_numbers: how figures are read ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "decimals", "step"),
    [
        ("$61.5k", 61_500.0, 1, 100.0),
        ("1,553", 1553.0, 0, 1.0),
        ("1 553", 1553.0, 0, 1.0),
        ("1\u202f553", 1553.0, 0, 1.0),
        ("1\u00a0553", 1553.0, 0, 1.0),
        ("€1.5 million", 1_500_000.0, 1, 100_000.0),
        ("£40 thousand", 40_000.0, 0, 10_000.0),
        ("2M", 2_000_000.0, 0, 1_000_000.0),
        ("77,000", 77_000.0, 0, 1000.0),
        ("76,500", 76_500.0, 0, 100.0),
        ("100", 100.0, 0, 1.0),
    ],
)
def test_money_scales_and_separators_are_read_as_the_reader_does(
    text: str, value: float, decimals: int, step: float
) -> None:
    (mention,) = find_numbers(f"about {text} a year")
    assert (mention.text, mention.value, mention.decimals) == (text, value, decimals)
    assert mention.step == pytest.approx(step)
    assert not mention.percent and not mention.ratio


@pytest.mark.parametrize(
    ("text", "value"), [("23%", 23.0), ("45.3 %", 45.3), ("45 percent", 45.0), ("5 per cent", 5.0)]
)
def test_percents_are_read_in_percent_units(text: str, value: float) -> None:
    (mention,) = find_numbers(text)
    assert mention.value == value and mention.percent


@pytest.mark.parametrize("text", ["2.3x", "2.3×", "2.3 ×", "2.3 times"])
def test_ratios_are_read_as_multiples(text: str) -> None:
    (mention,) = find_numbers(text)
    assert (mention.value, mention.ratio, mention.text) == (2.3, True, text)


@pytest.mark.parametrize("text", ["-5%", "\u22125%"])
def test_negative_numbers_keep_their_sign(text: str) -> None:
    (mention,) = find_numbers(f"a change of {text} since last year")
    assert mention.value == -5.0 and mention.percent


def test_mention_records_where_it_was_written() -> None:
    text = "Income of $61.5k."
    (mention,) = find_numbers(text)
    assert text[mention.start : mention.end] == "$61.5k"


@pytest.mark.parametrize(
    ("phrase", "direction"),
    [("46% above average", "above"), ("46% higher income", "higher"), ("84% fewer kids", "fewer")],
)
def test_a_direction_word_after_a_percent_makes_it_a_difference(
    phrase: str, direction: str
) -> None:
    (mention,) = find_numbers(phrase)
    assert mention.direction == direction
    assert mention.difference == (-84.0 if direction == "fewer" else 46.0)


@pytest.mark.parametrize(
    "text",
    [
        "1. Loves wine\n2) Shops in store\n  3. Reads the catalog",
        "Campaign 3 worked",
        "campaign #5 worked",
        "Campaigns 3 and 4 worked",
        "campaigns 1, 3 and 4 worked",
        "cmp 3/4 worked",
        "a 95% CI, a 90 % confidence interval",
        "accepted cmp1 and AcceptedCmp4",
        "unlike Segment 2 or cluster #1",
        "the 3rd visit, a 4G phone",
        "the #1 channel",
        "customers since 2014",
        "joined in 2013",
        "joined in March 2014",
        "joined on Mar 3, 2014",
        "joined on 2014-05-01",
        "one of ten customers, twice as often",
    ],
)
def test_numbers_that_are_not_figures_are_ignored(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("(Segment 4, 318 customers)", ["318"]),
        ("Segment 4 and 318 customers", ["318"]),
        ("Campaign 3 drew 13.8%, campaign 4, 10.5%", ["13.8%", "10.5%"]),
    ],
)
def test_a_figure_written_after_an_identifier_is_still_checked(
    text: str, figures: list[str]
) -> None:
    assert written(text) == figures


def test_a_bare_year_is_still_checked() -> None:
    assert written("2014 was their best year") == ["2014"]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("39.9–50.8%", [(39.9, True), (50.8, True)]),
        ("39.9-50.8%", [(39.9, True), (50.8, True)]),
        ("39.9 - 50.8%", [(39.9, True), (50.8, True)]),
        ("39.9% to 50.8%", [(39.9, True), (50.8, True)]),
        ("$70-80k", [(70_000.0, False), (80_000.0, False)]),
        ("45%-51%", [(45.0, True), (51.0, True)]),
    ],
)
def test_each_end_of_a_range_is_a_mention_and_shares_the_trailing_unit(
    text: str, ends: list[tuple[float, bool]]
) -> None:
    assert [(m.value, m.percent) for m in find_numbers(text)] == ends


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
