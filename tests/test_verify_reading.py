"""How personas.verify reads numbers: fact sheets flattened, figures found in persona text.

Covers dig (the value at a path of keys, None off the path), flatten_facts (numeric leaves
keyed by dotted path, list items by position, text, booleans and nulls left out, a fact sheet
that is not a mapping refused) and find_numbers:
money with scales and separators, percents, ratios, signs, where a mention was written,
direction words that make a percent a difference from average, numbers that are not figures
(list markers, campaign and segment identifiers, confidence levels, ordinals, years and dates,
number words) and ranges whose ends share a trailing unit. FACTS comes from
tests/_verify_cases.py.
"""

from __future__ import annotations

import pytest

from assistant.personas.facts import dig, flatten_facts
from assistant.personas.verify import check_numbers, find_numbers
from tests._verify_cases import FACTS


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


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["response", "rate"], 0.45),
        (["response"], {"rate": 0.45}),
        ([], {"response": {"rate": 0.45}}),
        (["response", "rate", "low"], None),  # past a leaf
        (["campaigns", "rate"], None),  # a missing key
    ],
)
def test_dig_follows_a_path_of_keys_and_gives_none_off_it(parts: list, expected: object) -> None:
    assert dig({"response": {"rate": 0.45}}, parts) == expected


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
