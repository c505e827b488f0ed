"""Check that every number a persona text states comes from the fact sheet it was written from.

A fact sheet is the nested JSON of segment statistics sent to the writer;
`fact_paths.flatten_facts` turns it into ``{"metrics.income.mean": 76518.0, ...}``;
`find_numbers` lists the figures in a text;
`FactIndex` holds every reading of every fact, sorted, so one mention is checked with a binary
search; `check_numbers` reports each figure no fact verifies; `check_evidence` reports evidence
keys the fact sheet does not have.

Reading a text (`find_numbers`). Only digits are read: number words ("one", "twice", "half")
and ordinals ("first", "3rd") are not figures here. A mention is the number as written with
its sign ("-5%", "−5%"), currency ("$", "€", "£"), thousands separators ("," and normal,
no-break or thin spaces between 3-digit groups), scale ("k"/"K"/"thousand", "m"/"M"/"million",
"bn"/"billion"), and unit: percent ("%", "percent", "per cent") or ratio ("x", "×", "times").
Not figures, so skipped: list markers at a line start ("1. ", "2) "); campaign and segment
identifiers ("Campaign 3", "campaign #5", "campaigns 1, 3 and 4", "cmp 3/4", "cmp1",
"AcceptedCmp4", "Segment 2", "cluster #1"); "#1"-style ranks; confidence levels ("95% CI");
digits glued to letters ("3rd", "4G", "Q3"); ISO dates ("2014-05-01"); a year 1900-2100 after
a month name ("March 2014"; in "Mar 3, 2014" the day too) or after "since"/"in" - a bare year
is still checked; and anything inside an ``ignore`` substring (such as the persona's own
name). In a range "45-51%", "45–51%" or "39.9% to 50.8%" each end is a mention of its own; a
unit, scale or direction written only after the second end applies to both ("39.9–50.8%",
"$70-80k").

Precision. A mention stands for every value that rounds to it, i.e. within half a ``step``:
one unit of the last written decimal, in the mention's own scale ("76,518" ±0.5, "76.5k" ±50,
"45.3%" ±0.05). A whole number of 1,000 or more (after its scale) with trailing zeros is read
as rounded to its last non-zero digit: "77,000" and "$77k" ±500, "76,500" ±50, "$80k" ±5,000,
"1.5 million" ±50,000. So 76,518 verifies "76,518", "76.5k", "76,500", "$77k", "about 77,000"
and "$80k", but not "76,400", "76,000" or "$85k". Percents, ratios and numbers under 1,000 keep
their trailing zeros as written ("50%" ±0.5, "100" ±0.5).

Readings. A mention is verified when SOME fact value v, under one of these readings, lies
within its tolerance (any fact, not necessarily the one the sentence is about):
- a plain number ("318", "1,553", "$61.5k", "0.45"): v itself;
- a percent ("45%", "45.3 percent"): 100·v for a v in [0, 1] (rates, shares, mixes) - so
  0.453 verifies "45%" and "45.3%"; a percent is never read from a v outside [0, 1];
- a percent followed by a direction word - above, more, higher, greater, larger (+) or below,
  less, lower, fewer, smaller (-) - or written with an explicit sign ("+46%", "-84%"), read as
  a signed difference from average d: i - 100 for an index i (a key ending in ".index", 100 =
  average), so 146 verifies "46% above average" and 16 verifies "84% below average"; and
  (lift - 1)·100 for a lift (a key ending in ".lift"), so 2.94 verifies "194% more likely".
  With a direction word this is the only reading; a signed percent may also be a plain percent;
- a ratio ("2.9x", "2.94×", "2.5 times the average"): a lift itself, an index / 100 (246 verifies
  "2.5x average"), or any v itself ("2 times a month"). A ratio is never read as a/b of two facts.
Undone on purpose: "1 in 3"-style fractions and "146% of average" are checked as plain numbers
and percents, so they are usually rejected; rejection is the safe side.
"""

from __future__ import annotations

import difflib
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.personas.facts import flatten_facts
from segmentation import formats

__all__ = [
    "FactIndex",
    "NumberMention",
    "check_evidence",
    "check_numbers",
    "find_numbers",
]

_GROUP_SEP = ",\u00a0\u2009\u202f "
_NUMBER = re.compile(
    rf"""
    (?<![\w.#%])                                         # not glued to a word, '.', '#', '%'
    (?P<sign>[-\u2212+](?=[$€£]?\d))?
    (?P<cur>[$€£])?
    (?P<int>\d{{1,3}}(?:[{_GROUP_SEP}]\d{{3}})+(?!\d)|\d+)
    (?:\.(?P<frac>\d+))?
    (?P<scale>\s?(?:thousand|million|billion)\b|(?:k|K|m|M|bn)\b)?
    (?:(?P<pct>\s?%|\s?(?:percent|per\s?cent)\b)|(?P<ratio>\s?(?:x\b|×)|\s+times\b))?
    (?P<glued>(?<=\d)[^\W\d_])?                           # "3rd", "4G": not a figure
    """,
    re.VERBOSE,
)
_SCALES = formats.SCALES
_ABOVE, _BELOW = formats.ABOVE, formats.BELOW
_DIRECTION = re.compile(rf"\s+({'|'.join(_ABOVE + _BELOW)})\b", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:[-–—\u2212]|to)\s*")
_ID_ITEM = r"#?\s*\d+\b(?!\.\d|,\d{3}|\s*%|\s*per\s?cent)"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_YEAR = r"(?:19\d\d|20\d\d|2100)\b(?![.,]\d)"
_LIST_MARKER = re.compile(r"^[ \t]*(?:#+[ \t]*|[-*+][ \t]+)?\d+[.)](?=\s)", re.MULTILINE)
_ID_WORDS = ("campaign", "cmp", "segment", "cluster")
_IDENTIFIER = re.compile(  # lists only after a plural: "Segment 4, 318 customers" is a figure
    rf"(?:campaigns|cmps|segments|clusters)\s*{_ID_ITEM}"
    rf"(?:(?:\s*,\s*{_ID_ITEM})*\s*,?\s*(?:and|or|&)\s*{_ID_ITEM})?"
    rf"|(?:campaign|cmp|segment|cluster)s?\s*{_ID_ITEM}(?:\s*/\s*{_ID_ITEM})*",
    re.IGNORECASE,
)
_CONFIDENCE = re.compile(r"\s*(?:CI|confidence|credible)\b", re.IGNORECASE)
_DATES = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?{_YEAR}", re.IGNORECASE),
)
_YEAR_AFTER_WORD = re.compile(rf"\b(?:since|in)\s+({_YEAR})", re.IGNORECASE)
_NO_SEPARATORS = str.maketrans("", "", _GROUP_SEP)
_SPACE = re.compile(r"\s")
_UP_TO_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


@dataclass(frozen=True)
class NumberMention:
    """One figure in a text, as written (``text``, ``start``:``end``) and as read (``value``).

    ``decimals`` is the number of digits written after the point; ``step`` is one unit of the
    last significant written digit in absolute terms ("61.5k" → 100, "77,000" → 1000, "45.3%"
    → 0.1), so the mention stands for any value within ``step / 2``. ``direction`` is the word
    after a percent that makes it a difference from average ("above", "lower", ...), if any.
    """

    text: str
    value: float
    decimals: int
    start: int
    end: int
    percent: bool = False
    ratio: bool = False
    step: float = 1.0
    direction: str | None = None

    @property
    def tolerance(self) -> float:
        """Half a step: the largest distance of a value that rounds to this mention."""
        return self.step / 2

    @property
    def difference(self) -> float | None:
        """The signed difference from average this percent states, or None if it states none."""
        if self.direction is not None:
            return self.value if self.direction.lower() in _ABOVE else -self.value
        if self.percent and self.text[:1] in "+-\u2212":
            return self.value
        return None


@dataclass
class _Raw:
    match: re.Match[str]
    percent: bool
    ratio: bool
    scale: float
    direction: str | None


def find_numbers(text: str, *, ignore: Iterable[str] = ()) -> list[NumberMention]:
    """Every number in ``text`` that a reader would take as a figure, in order.

    Numbers that are not figures (list markers, campaign ids, dated years, ...; see the module
    docstring) and numbers inside any of the ``ignore`` substrings (matched case-insensitively)
    are left out.
    """
    matches = list(_NUMBER.finditer(text))
    skipped = _skipped_spans(text, matches, ignore)
    raws: list[_Raw] = []
    for match in matches:
        if match["glued"] or any(s < match.end() and match.start() < e for s, e in skipped):
            continue
        if match["pct"] and _CONFIDENCE.match(text, match.end()):
            continue  # "95% CI": a confidence level, not a figure of the segment
        scale = _SCALES[match["scale"].strip().lower()] if match["scale"] else 1.0
        direction = None
        if match["pct"] and (word := _DIRECTION.match(text, match.end())):
            direction = word[1]
        raw = _Raw(match, bool(match["pct"]), bool(match["ratio"]), scale, direction)
        if raws and _is_range(text, raws[-1], raw):
            first = raws[-1]
            first.percent, first.ratio, first.direction = raw.percent, raw.ratio, raw.direction
            if not first.match["scale"]:
                first.scale = raw.scale
        raws.append(raw)
    return [_mention(raw) for raw in raws]


def _is_range(text: str, first: _Raw, second: _Raw) -> bool:
    """Whether ``first`` is the bare start of a range ending at ``second`` ("45–51%")."""
    bare = not (first.match["pct"] or first.match["ratio"] or first.direction)
    gap = text[first.match.end() : second.match.start()]
    return bare and _RANGE_GAP.fullmatch(gap) is not None


def _skipped_spans(
    text: str, matches: list[re.Match[str]], ignore: Iterable[str]
) -> list[tuple[int, int]]:
    """Spans whose numbers are not figures. The identifier and date patterns run only where a
    keyword or a year-like number makes them possible: a regex scan of a 2,000-character text
    costs tens of microseconds, a `str.find` a few."""
    spans = [m.span() for m in _LIST_MARKER.finditer(text)]
    lowered = text.lower()
    for word in _ID_WORDS:
        at = lowered.find(word)
        while at >= 0:
            if (at == 0 or not lowered[at - 1].isalnum()) and (m := _IDENTIFIER.match(text, at)):
                spans.append(m.span())
            at = lowered.find(word, at + len(word))
    if any(len(m["int"]) == 4 and 1900 <= int(m["int"]) <= 2100 for m in matches):
        spans += [m.span() for pattern in _DATES for m in pattern.finditer(text)]
        spans += [m.span(1) for m in _YEAR_AFTER_WORD.finditer(text)]
    for phrase in ignore:
        needle = phrase.lower()
        start = lowered.find(needle) if needle else -1
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = lowered.find(needle, start + 1)
    return spans


def _mention(raw: _Raw) -> NumberMention:
    match = raw.match
    digits = match["int"].translate(_NO_SEPARATORS)
    frac = match["frac"] or ""
    sign = -1.0 if match["sign"] in ("-", "\u2212") else 1.0
    value = sign * float(f"{digits}.{frac or 0}") * raw.scale
    if frac:
        step = 10.0 ** -len(frac) * raw.scale
    elif not (raw.percent or raw.ratio) and abs(value) >= 1000:
        step = 10.0 ** (len(digits) - len(digits.rstrip("0"))) * raw.scale
    else:
        step = raw.scale
    return NumberMention(
        text=match[0].strip(), value=value, decimals=len(frac), start=match.start(),
        end=match.end(), percent=raw.percent, ratio=raw.ratio, step=step,
        direction=raw.direction,
    )  # fmt: skip


class _Readings:
    """Candidate values of one reading, sorted, with the fact key each came from."""

    def __init__(self, pairs: list[tuple[float, str]]) -> None:
        pairs.sort()
        self.values = [value for value, _ in pairs]
        self.keys = [key for _, key in pairs]

    def near(self, x: float, tolerance: float) -> Iterator[str]:
        i = bisect_left(self.values, x - tolerance)
        while i < len(self.values) and self.values[i] <= x + tolerance:
            yield self.keys[i]
            i += 1


class FactIndex:
    """Every reading of every fact in a fact sheet, built once and searched per mention.

    ``FactIndex(facts).verifies(mention)`` answers in O(log n) by binary search; build one
    index per fact sheet and pass it to `check_numbers` for every text written from it.
    ``facts`` holds the flattened fact sheet (`flatten_facts`).
    """

    def __init__(self, facts: Mapping[str, Any]) -> None:
        self.facts = flatten_facts(facts)
        direct: list[tuple[float, str]] = []
        fraction: list[tuple[float, str]] = []
        difference: list[tuple[float, str]] = []
        ratio: list[tuple[float, str]] = []
        for key, v in self.facts.items():
            if not math.isfinite(v):
                continue
            direct.append((v, key))
            if 0.0 <= v <= 1.0:
                fraction.append((v * 100.0, key))
            leaf = key.rsplit(".", 1)[-1]
            if leaf == "index":
                difference.append((v - 100.0, key))
                ratio.append((v / 100.0, key))
            elif leaf == "lift":
                difference.append(((v - 1.0) * 100.0, key))
                ratio.append((v, key))
        self._direct, self._fraction = _Readings(direct), _Readings(fraction)
        self._difference, self._ratio = _Readings(difference), _Readings(ratio)

    def _readings(self, mention: NumberMention) -> Iterator[tuple[_Readings, float]]:
        difference = mention.difference
        if mention.direction is not None and difference is not None:
            yield self._difference, difference
        elif mention.percent:
            yield self._fraction, mention.value
            if difference is not None:
                yield self._difference, difference
        elif mention.ratio:
            yield self._ratio, mention.value
            yield self._direct, mention.value
        else:
            yield self._direct, mention.value

    def sources(self, mention: NumberMention) -> list[str]:
        """The keys of the facts that verify ``mention`` (empty if none does)."""
        found: dict[str, None] = {}
        for readings, x in self._readings(mention):
            found.update(dict.fromkeys(readings.near(x, _tolerance(mention, x))))
        return list(found)

    def verifies(self, mention: NumberMention) -> bool:
        """Whether some fact, under some reading, rounds to ``mention``."""
        return any(
            next(readings.near(x, _tolerance(mention, x)), None) is not None
            for readings, x in self._readings(mention)
        )


def _tolerance(mention: NumberMention, x: float) -> float:
    return mention.tolerance + 1e-9 * max(1.0, abs(x))  # float slack: 61.5 * 1e3, 0.453 * 100


def check_numbers(
    text: str, facts: Mapping[str, Any] | FactIndex, *, ignore: Iterable[str] = ()
) -> list[str]:
    """Problems with the figures of ``text``: one per figure that no fact verifies, [] if none.

    Each problem quotes the figure as written and up to 30 characters around it, e.g.
    ``"'$85k' (…earn an average income of $85k, well above…) matches no statistic"``. ``facts``
    is a fact sheet or a prebuilt `FactIndex`; numbers inside ``ignore`` are not checked.
    """
    index = facts if isinstance(facts, FactIndex) else FactIndex(facts)
    return [
        _problem(text, mention)
        for mention in find_numbers(text, ignore=ignore)
        if not index.verifies(mention)
    ]


def _problem(text: str, mention: NumberMention) -> str:
    quoted = f"'{mention.text}' ({_snippet(text, mention.start, mention.end)})"
    if mention.direction is not None:
        return f"{quoted} matches no index or lift (read as {mention.difference:+g}% vs average)"
    if mention.percent:
        return f"{quoted} matches no rate or share (read as {mention.value:g}%)"
    if mention.ratio:
        return f"{quoted} matches no lift, index or statistic (read as {mention.value:g}x)"
    return f"{quoted} matches no statistic"


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0 and (space := _SPACE.search(text, lo, start)):
        lo = space.end()  # start at a whole word
    if hi < len(text) and (upto := _UP_TO_LAST_SPACE.match(text, end, hi)):
        hi = upto.end() - 1  # end at a whole word
    words = " ".join(text[lo:hi].split())
    return f"{'…' if lo > 0 else ''}{words}{'…' if hi < len(text) else ''}"


def check_evidence(keys: Iterable[str], facts: Mapping[str, Any] | FactIndex) -> list[str]:
    """Problems with evidence keys: one per key the fact sheet does not have, [] if none.

    A key may name a numeric leaf ("response.rate") or a section with numeric leaves under it
    ("response", "campaigns.any_past"). Each problem suggests the closest existing keys.
    """
    flat = facts.facts if isinstance(facts, FactIndex) else flatten_facts(facts)
    known = set(flat)
    for key in flat:
        parts = key.split(".")
        known.update(".".join(parts[:i]) for i in range(1, len(parts)))
    if isinstance(keys, str):
        keys = [keys]
    problems = []
    for key in keys:
        if key in known:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=3, cutoff=0.6)
        if close:
            hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        else:
            sections = sorted({k.split(".", 1)[0] for k in flat})
            hint = f"no key is close; its sections are {', '.join(sections) or '(none)'}."
        problems.append(f"Evidence key '{key}' is not in the fact sheet; {hint}")
    return problems
