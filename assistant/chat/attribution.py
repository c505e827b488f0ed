"""Checking a model's figures with their attribution: a number is verified only next to the
persona (or group) and the metric a tool result gives it to.

A value check alone lets "Frugal Families has the highest income: 82,243" pass when 82,243
is another persona's income. So every figure a tool states gets an *owner* from its key
(`owner_of`, reading `assistant.tools.figures` keys such as
``segments.4.metrics.income.mean``, ``query.persona.3.mean`` with the query's measure,
``population.metrics.income.mean``): the persona it is about (or none: all customers, a
group of customers) and the catalog measures it is a figure of (or none: a count of the
segments, a threshold the question was read with).

Each number of the answer (`assistant.personas.verify.find_numbers`) is read in its place:

- **Whom it is about**: the persona named last before it in its clause, else the first
  named after it in the clause; if the clause names none, the same in its sentence (or list
  line, or table row); else the persona named last before it in its paragraph. A persona is
  named by its name or as "segment 3" / "persona 3"; "all customers", "overall", "the
  average", "the population", "the whole base" name all customers.
- **Which metric**: the catalog measures named in its clause (a key, label, synonym or the
  reader's pattern of a measure; a dimension's label or levels), else in its sentence, else
  anywhere in the answer, else in the question. Persona names are masked first, so "Meat"
  in "Affluent Meat & Fish Gourmets" names no metric.

Clauses end at ``;``, ``|``, a comma followed by a space (not a thousands separator), a
dash between spaces, and "while", "whereas", "but", "versus", "vs", "compared with/to";
sentences at ``.``, ``!`` or ``?`` followed by a space, and at line breaks.

A number is verified when a figure of some tool result rounds to it (`FactIndex`, every
reading: a percent of a share, "46% above average" of an index ...) and that figure's owner
matches: a persona's figure needs that persona as the number's subject, a figure of all
customers or of a group needs no persona as its subject; a figure of a measure needs one of
its measures among those named. Figures with no owner (thresholds the query was read with,
the privacy threshold 11, the number of segments) verify by value alone.

Simple on purpose, and on the safe side: a figure placed ambiguously ("A and B earn 77,537
and 44,439 respectively", a persona named only by a pronoun in the next paragraph) is not
verified, and the answer falls back to the offline assistant. Not told apart: two figures
of the same persona and value under different measures both named in one clause, and
groups of customers among themselves (a group's figure next to another group's name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.personas.verify import FactIndex, NumberMention, find_numbers
from assistant.tools import ChatContext, ToolResult
from assistant.tools.lookup import find_segment
from segmentation.catalog import Catalog

__all__ = [
    "ALL",
    "Attributor",
    "Misplaced",
    "Owner",
    "Placement",
    "check_attribution",
    "owner_of",
]

ALL = -1  # the subject "all customers"

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")
_CLAUSE = re.compile(
    r";|\||,\s+|\s[—–-]\s|\b(?:while|whereas|but|versus|vs\.?|compared (?:with|to))\b", re.I
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_PERSONA_ID = re.compile(r"\b(?:segment|persona|cluster)\s*#?(\d+)\b", re.I)
_ALL_WORDS = re.compile(
    r"\b(?:all (?:the )?(?:\d[\d,]* )?customers|overall|the average(?: customer)?|"
    r"the (?:whole|entire|customer) base|the population|every customer|everyone)\b",
    re.I,
)
# Words for a count or share of customers that the catalog's synonyms leave out.
_EXTRA_WORDS = {
    "size": ("customers", "people", "members"),
    "share": ("of the base", "of customers", "of all customers", "make up", "makes up",
              "account for", "accounts for"),
}  # fmt: skip
_YES_NO = {"yes", "no", "true", "false"}


@dataclass(frozen=True)
class Owner:
    """Whom and what a tool's figure is about: ``persona`` (an id, or None for all customers
    or a group), ``measures`` (catalog keys; empty: not a measure's figure) and ``neutral``
    (a figure about no one: verified by value alone)."""

    persona: int | None = None
    measures: frozenset[str] = frozenset()
    neutral: bool = False


@dataclass(frozen=True)
class Placement:
    """Where a number of the answer sits: its subject (a persona id, `ALL`, or None) and the
    measures named around it."""

    subject: int | None
    measures: frozenset[str]


@dataclass(frozen=True)
class Misplaced:
    """A number of the answer that no figure verifies where it stands."""

    mention: NumberMention
    placement: Placement
    reason: str

    def __str__(self) -> str:
        return f"'{self.mention.text}' {self.reason}"


def _measure_of_path(catalog: Catalog, parts: Sequence[str]) -> frozenset[str]:
    """The catalog measures of a segment's or the population's figure path."""
    if not parts:
        return frozenset()
    if parts[0] == "metrics" and len(parts) >= 2:
        return frozenset({parts[1]})
    if parts[0] in ("size", "customers"):
        return frozenset({"size"})
    if parts[0] == "share":
        return frozenset({"share"})
    if parts[0] == "mix" and len(parts) >= 2:
        return frozenset({parts[1]})
    mix = catalog.mix(parts[0])
    if mix is not None and len(parts) >= 2:
        part = next((p for p in (*mix.parts, *mix.extra) if p.key == parts[1]), None)
        return frozenset({part.measure}) if part is not None else frozenset()
    found = {  # a measure's path, or a sibling leaf of it (response.ci_low of response.rate)
        m.key
        for m in catalog.measures
        if m.path
        and (
            tuple(parts[: len(m.path)]) == m.path
            or (len(m.path) > 1 and tuple(parts[: len(m.path) - 1]) == m.path[:-1])
        )
    }
    if parts[0] == "response":
        found.add("response")  # the yes/no dimension of the same answers
    return frozenset(found)


def owner_of(key: str, ctx: ChatContext, query: dict[str, Any] | None = None) -> Owner:
    """The owner of a tool figure's key; ``query`` is the query tool's arguments as its
    result records them (``data["query"]``), whose measure its figures are of."""
    parts = key.split(".")
    catalog = ctx.catalog
    head = parts[0]
    if head == "segments" and len(parts) > 2 and parts[1].isdigit():
        return Owner(int(parts[1]), _measure_of_path(catalog, parts[2:]))
    if head == "population":
        return Owner(None, _measure_of_path(catalog, parts[1:]))
    if head in ("membership", "before", "after") and parts[-1].isdigit():
        return Owner(int(parts[-1]), frozenset({"membership"}))
    if head != "query" or len(parts) < 3 or "x" in parts:  # "query.base", thresholds
        return Owner(neutral=True)
    q = query or {}
    stat, rest = parts[-1], parts[1:-1]
    persona = None
    if rest[0] == "persona" and len(rest) > 1 and rest[1].isdigit():
        persona, rest = int(rest[1]), rest[2:]
    elif rest[0] == "all" and len(q.get("personas", ())) == 1:
        try:
            persona = find_segment(ctx, str(q["personas"][0])).id
        except Exception:  # noqa: BLE001 - an unresolvable reference: a group, not a persona
            persona = None
    if stat == "customers":
        measure = "size"
    elif rest and (rest[-1] in catalog or any(d.key == rest[-1] for d in catalog.dimensions)):
        measure = rest[-1]  # compare: the figure of one of the measures shown
    else:
        measure = str(q.get("measure", "customers"))
    if measure == "customers":
        measure = "share" if stat == "share" else "size"
    return Owner(persona, frozenset({measure}))


@dataclass
class _Text:
    """An answer read once: subjects and measures named, with their places."""

    text: str
    question: str
    reader: _Vocabulary
    subjects: list[tuple[int, int, int]] = field(default_factory=list)
    named: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.subjects = sorted(self.reader.subjects(self.text))
        self.named = self.reader.measures(self.reader.masked(self.text))

    def _span(self, splitter: re.Pattern[str], lo: int, hi: int, at: int) -> tuple[int, int]:
        start, end = lo, hi
        for m in splitter.finditer(self.text, lo, hi):
            if m.end() <= at:
                start = m.end()
            elif m.start() >= at:
                end = m.start()
                break
        return start, end

    def place(self, mention: NumberMention) -> Placement:
        at = mention.start
        sentence = self._span(_SENTENCE, 0, len(self.text), at)
        clause = self._span(_CLAUSE, *sentence, at)
        paragraph = self._span(_PARAGRAPH, 0, len(self.text), at)
        subject = self._subject(clause, mention) or self._subject(sentence, mention)
        if subject is None:
            before = [w for s, e, w in self.subjects if paragraph[0] <= s and e <= at]
            subject = before[-1] if before else None
        measures: frozenset[str] = frozenset()
        for lo, hi in (clause, sentence, (0, len(self.text))):
            measures = frozenset(k for s, e, k in self.named if lo <= s and e <= hi)
            if measures:
                break
        if not measures:
            question = self.reader.masked(self.question)
            measures = frozenset(k for _, _, k in self.reader.measures(question))
        return Placement(subject, measures)

    def _subject(self, span: tuple[int, int], mention: NumberMention) -> int | None:
        lo, hi = span
        inside = [(s, e, w) for s, e, w in self.subjects if lo <= s and e <= hi]
        before = [w for s, e, w in inside if e <= mention.start]
        after = [w for s, e, w in inside if s >= mention.end]
        return before[-1] if before else after[0] if after else None


class _Vocabulary:
    """The persona names and measure words of one model, compiled once."""

    def __init__(self, ctx: ChatContext) -> None:
        names = sorted(enumerate(ctx.names), key=lambda t: -len(t[1]))
        self.names = [(re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.I), i) for i, n in names]
        self.words = [(key, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.I))
                      for key, alt in _measure_words(ctx.catalog).items()]  # fmt: skip

    def subjects(self, text: str) -> list[tuple[int, int, int]]:
        found: list[tuple[int, int, int]] = []
        taken: list[tuple[int, int]] = []
        for pattern, i in self.names:  # longest names first: no name inside another
            for m in pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    found.append((m.start(), m.end(), i))
                    taken.append(m.span())
        for m in _PERSONA_ID.finditer(text):
            found.append((m.start(), m.end(), int(m[1])))
        found += [(m.start(), m.end(), ALL) for m in _ALL_WORDS.finditer(text)]
        return found

    def masked(self, text: str) -> str:
        """``text`` with persona names blanked ("Meat" in a name names no metric)."""
        for start, end, _ in self.subjects(text):
            text = text[:start] + " " * (end - start) + text[end:]
        return text

    def measures(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), key) for key, rx in self.words for m in rx.finditer(text)]


def _measure_words(catalog: Catalog) -> dict[str, str]:
    """A regex alternation of the words naming each measure and dimension of ``catalog``."""
    out: dict[str, str] = {}
    for m in catalog.measures:
        words = [m.key.replace("_", " "), m.label, *m.synonyms, *_EXTRA_WORDS.get(m.key, ())]
        alt = [re.escape(w) for w in words if w.strip()]
        out[m.key] = "|".join([*alt, *([f"(?:{m.pattern})"] if m.pattern else [])])
    for d in catalog.dimensions:
        levels = [lv for lv in d.levels if len(lv) >= 3 and lv.lower() not in _YES_NO]
        words = [d.key.replace("_", " "), d.label, *d.synonyms, *levels]
        out[d.key] = "|".join(re.escape(w) for w in words if w.strip())
    out["membership"] = "likely|likelihood|probabilit(?:y|ies)|chance|belongs?|member(?:ship)?"
    return out


class _Evidence:
    """Each successful tool result's figures, indexed, with their owners."""

    def __init__(self, ctx: ChatContext, results: Iterable[ToolResult]) -> None:
        self.items: list[tuple[FactIndex, dict[str, Owner]]] = []
        for result in results:
            query = result.data.get("query") if isinstance(result.data, dict) else None
            owners = {key: owner_of(key, ctx, query) for key in result.figures}
            self.items.append((FactIndex(result.figures), owners))

    def verifies(self, mention: NumberMention, place: Placement) -> bool:
        for index, owners in self.items:
            for key in index.sources(mention):
                if _matches(owners[key], place):
                    return True
        return False


def _matches(owner: Owner, place: Placement) -> bool:
    if owner.neutral:
        return True
    if owner.persona is not None:
        if place.subject != owner.persona:
            return False
    elif place.subject not in (None, ALL):
        return False
    return not owner.measures or bool(owner.measures & place.measures)


def _reason(ctx: ChatContext, place: Placement) -> str:
    who = {None: "no persona", ALL: "all customers"}.get(place.subject)
    if who is None:
        who = ctx.name(place.subject) if 0 <= place.subject < len(ctx.names) else "?"
    what = ", ".join(sorted(place.measures)) or "no metric named"
    return f"is not a figure the tools gave to {who} ({what})"


class Attributor:
    """Checks answers about one model (`ChatContext`): its persona names and measure words
    are compiled once, so build one per session (or per context) and call `check`."""

    def __init__(self, ctx: ChatContext) -> None:
        self.ctx = ctx
        self.vocabulary = _Vocabulary(ctx)

    def check(
        self, text: str, results: Iterable[ToolResult], question: str = ""
    ) -> list[Misplaced]:
        """Every number of ``text`` that no tool figure verifies where it stands (see the
        module docstring); [] when all are verified. ``question`` supplies the metric when
        the answer names none."""
        evidence = _Evidence(self.ctx, results)
        reading = _Text(text, question, self.vocabulary)
        out = []
        for mention in find_numbers(text, ignore=self.ctx.literals):
            place = reading.place(mention)
            if not evidence.verifies(mention, place):
                out.append(Misplaced(mention, place, _reason(self.ctx, place)))
        return out


def check_attribution(
    text: str, results: Iterable[ToolResult], ctx: ChatContext, question: str = ""
) -> list[Misplaced]:
    """`Attributor.check` for one answer (builds the model's vocabulary each call)."""
    return Attributor(ctx).check(text, results, question)
