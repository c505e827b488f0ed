"""How PersonaSense writes numbers: every format in one place, and the words they use.

Prose that states figures (chat answers, persona write-ups, traits) is checked by the number
verifier (`assistant.personas.verify`), which reads the same vocabulary from here: the
direction words of a difference from average (`ABOVE`, `BELOW`), the marks of a ratio
(`RATIO_MARKS`) and the scale suffixes (`SCALES`). Each prose format below writes a value so
that the verifier finds it again within the precision written (a test checks every one).

Prose formats: `number` (chat figures), `count`, `percent`, `lift`, `index`, `versus` (an
index as words, chat and traits), `versus_phrase` (the write-ups' rounder wording),
`money_short` ("76.5k"). Table cells: `figure` (the report's key figures), `cell` (compact
tables, one decimal), `approx` (technical messages).
"""

from __future__ import annotations

import math

__all__ = [
    "ABOVE",
    "BELOW",
    "MISSING",
    "RATIO_MARKS",
    "SCALES",
    "approx",
    "cell",
    "count",
    "figure",
    "index",
    "lift",
    "money_short",
    "number",
    "percent",
    "versus",
    "versus_phrase",
]

ABOVE = ("above", "more", "higher", "greater", "larger")  # "+d% vs average" words
BELOW = ("below", "less", "lower", "fewer", "smaller")  # "-d% vs average" words
RATIO_MARKS = ("x", "×", "times")  # "2.5x", "2.5×", "2.5 times"
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
MISSING = "n/a"
TIMES = "×"


def _known(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def number(value: float) -> str:
    """A figure as a person reads it: whole with separators from 100 ("64,677"), else a
    whole number as is ("12"), else one decimal from 10 ("37.5") and two below ("4.79")."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def count(value: int) -> str:
    """A whole count with separators: "1,500"."""
    return f"{int(value):,}"


def percent(share: float, decimals: int = 1) -> str:
    """A share or rate (0..1) as a percent: 0.2123 -> "21.2%" (``decimals=0``: "21%")."""
    return f"{100 * share:.{decimals}f}%"


def lift(value: float, decimals: int = 2, mark: str = TIMES) -> str:
    """A ratio to the base rate: "1.47×" (``mark="x"`` for plain-text tables: "1.47x")."""
    return f"{value:.{decimals}f}{mark}"


def index(value: float) -> str:
    """An index against the average (100): "124"."""
    return f"{value:.0f}"


def versus(value: float, about: float = 1.0) -> str:
    """An index as words: "24% above average", "16% below average", "2.4× average" from 200,
    "about average" within ``about`` points of 100."""
    if abs(value - 100) < about:
        return "about average"
    if value >= 200:
        return f"{value / 100:.1f}{TIMES} average"
    return f"{abs(value - 100):.0f}% {ABOVE[0] if value > 100 else BELOW[0]} average"


def versus_phrase(value: float | None) -> str:
    """The write-ups' rounder wording of an index: "2.5x the average" from 200, "46% above
    average" from 110, "16% below average" to 90, else "about average" ("" when unknown)."""
    if value is None:
        return ""
    if value >= 200:
        return f"{value / 100:.1f}x the average"
    if value >= 110:
        return f"{value - 100:.0f}% {ABOVE[0]} average"
    if value <= 90:
        return f"{100 - value:.0f}% {BELOW[0]} average"
    return "about average"


def money_short(value: float) -> str:
    """An amount in thousands from 1,000 ("76.5k"), else whole ("850")."""
    return f"{value / 1000:.1f}k" if abs(value) >= 1000 else f"{value:,.0f}"


def figure(value: float | None, missing: str = "–") -> str:
    """A key figure in a report or table: "30,067", "505", "37.5", "6.7", "0.75"."""
    if not _known(value):
        return missing
    assert value is not None
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if size >= 1 else f"{value:.2f}"


def cell(value: float | None, whole: bool = False, missing: str = "-") -> str:
    """A compact table cell: whole with separators from 100 (or when ``whole``, e.g. money),
    else one decimal: "30,067", "37.5", "0.8"."""
    if not _known(value):
        return missing
    assert value is not None
    return f"{value:,.0f}" if whole or abs(value) >= 100 else f"{value:.1f}"


def approx(value: float) -> str:
    """A value in a technical message: "168,179" from 1,000, else 4 significant digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
