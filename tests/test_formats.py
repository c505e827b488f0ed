"""How numbers are written (`segmentation.formats`), and that the number verifier reads every
prose format back: one set of rules for writing and for checking."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.personas.verify import check_numbers
from segmentation import formats

RNG = np.random.default_rng(0)
AMOUNTS = [0.0, 0.4, 3.0, 4.789, 12.34, 99.5, 100.0, 505.0, 1_553.2, 76_518.0, 999_999.0]
AMOUNTS += list(RNG.uniform(0, 200_000, 40))
SHARES = [0.0, 0.005, 0.0449, 0.453, 0.5, 0.999, 1.0, *RNG.uniform(0, 1, 40)]
INDEXES = [0.5, 16.0, 54.6, 89.0, 110.0, 146.4, 199.4, 246.0, 512.0, *RNG.uniform(1, 600, 40)]


@pytest.mark.parametrize(
    ("value", "text"),
    [(64_677.2, "64,677"), (100, "100"), (12, "12"), (37.46, "37.5"), (4.789, "4.79")],
)
def test_number_writes_a_figure_as_people_read_it(value, text):
    assert formats.number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(30_067.4, "30,067"), (505.2, "505"), (37.46, "37.5"), (6.74, "6.7"), (0.746, "0.75")],
)
def test_figure_writes_key_figures(value, text):
    assert formats.figure(value) == text and formats.figure(None) == "–"


def test_cell_is_whole_from_100_or_for_money_else_one_decimal():
    assert formats.cell(30_067.4) == "30,067" and formats.cell(0.84) == "0.8"
    assert formats.cell(45.4, whole=True) == "45" and formats.cell(None) == "-"


@pytest.mark.parametrize(
    ("index", "text"),
    [(124.4, "24% above average"), (84, "16% below average"), (246, "2.5× average"),
     (100.4, "about average")],
)  # fmt: skip
def test_versus_words_an_index(index, text):
    assert formats.versus(index) == text


def _checked(text: str, facts: dict) -> list[str]:
    return check_numbers(text, facts)


@pytest.mark.parametrize("value", AMOUNTS)
def test_the_verifier_reads_numbers_and_amounts_back(value):
    facts = {"metrics": {"x": {"mean": value}}}
    assert _checked(f"about {formats.number(value)} on average", facts) == []
    assert _checked(f"{formats.money_short(value)} on average", facts) == []
    assert _checked(f"{formats.count(round(value))} customers", {"n": round(value)}) == []


@pytest.mark.parametrize("share", SHARES)
def test_the_verifier_reads_percents_back(share):
    facts = {"response": {"rate": share}}
    assert _checked(f"{formats.percent(share)} responded", facts) == []
    assert _checked(f"{formats.percent(share, 0)} responded", facts) == []


@pytest.mark.parametrize("index", INDEXES)
def test_the_verifier_reads_indexes_as_words_back(index):
    facts = {"metrics": {"x": {"index": index}}}
    assert _checked(f"income {formats.versus(index)}", facts) == []
    assert _checked(f"income {formats.versus_phrase(index)}", facts) == []
    assert _checked(f"index {formats.index(index)}", facts) == []


@pytest.mark.parametrize("lift", [0.2, 1.0, 1.47, 2.94, 5.1])
def test_the_verifier_reads_lifts_back(lift):
    assert _checked(f"a lift of {formats.lift(lift)}", {"response": {"lift": lift}}) == []
    assert _checked(f"{formats.lift(lift, 1, 'x')} the rate", {"response": {"lift": lift}}) == []


def test_a_number_no_fact_holds_is_still_caught():
    assert _checked(f"{formats.number(76_518)} on average", {"m": {"mean": 80_000.0}})


@pytest.mark.parametrize(
    ("index", "phrase"),
    [
        (None, ""),
        (100, "about average"),
        (109, "about average"),
        (110, "10% above average"),
        (146, "46% above average"),
        (199, "99% above average"),
        (246, "2.5x the average"),
        (90, "10% below average"),
        (16, "84% below average"),
    ],
)
def test_versus_phrase_words_an_index_for_the_write_ups(index, phrase):
    assert formats.versus_phrase(index) == phrase


@pytest.mark.parametrize(
    ("value", "text"), [(76518, "76.5k"), (850, "850"), (1000, "1.0k"), (0, "0")]
)
def test_money_short_writes_thousands_with_k(value, text):
    assert formats.money_short(value) == text


def test_whole_percents():
    p = formats.percent
    assert p(0.453, 0) == "45%" and p(1.0, 0) == "100%" and p(0.0, 0) == "0%"
