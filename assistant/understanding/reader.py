"""The offline question reader: a question to a typed reading, or an honest "I could not".

`Reader.read` leaves out context said before the question ("Client call in an hour. Quick
one: ..."; `Reader.without_context`), refuses what the data cannot or must not say
(`assistant.understanding.guards`), corrects misspellings against what it knows (rapidfuzz),
finds the catalog's words in the question (personas, metrics, numbers with their
comparisons, category levels, dimensions, time spans read against what the column means),
replaces them by tags and asks the intent classifier (`assistant.understanding.classifier`)
what kind of question it is; slot filling then builds the `Reading`: a `Query` for figures,
counts, shares, rankings, comparisons and the marketing rankings (targeting, price
sensitivity, loyalty, churn proxy), a tool call for describe, assign, campaign ideas and
drafts, or a text answer.

If a content word of the question is left unread, or the kind is uncertain, or a slot the
kind needs is missing, the reading is a decline that says what was understood and what was
not, never an answer to a different question.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
from rapidfuzz import fuzz, process

from assistant.tools.context import ChatContext
from assistant.tools.lookup import stem
from assistant.understanding.attributes import LEVEL_WORDS
from assistant.understanding.chatter import CHATTER, CONTENT, NEGATIONS, QUALIFIERS
from assistant.understanding.classifier import intent_model
from assistant.understanding.coverage import (
    hand_words,
    label_phrases,
    level_words,
    own_words,
    quoted,
    squeeze,
)
from assistant.understanding.described import described, form_inputs
from assistant.understanding.figures import FigureReading
from assistant.understanding.grouping import GROUP_WORDS
from assistant.understanding.guards import TREND, refusal
from assistant.understanding.reading import Vocabulary, normalize_question
from assistant.understanding.readout import Reading
from assistant.understanding.slots import Slots, read_slots
from assistant.understanding.spelling import Speller
from assistant.understanding.spotter import MAX_CHARS, SegmentSpotter

__all__ = ["Reader", "Reading"]

GROWTH = (
    "The data is one snapshot of the customers, so it cannot say which personas grow or "
    "shrink. Compare two snapshots (a newer export against this model) to see changes; "
    "today I can give each persona's current size and share."
)
_MARKUP = re.compile(r"://|\bwww\.|<\s*[a-z/!]|\]\(|\bjavascript:", re.I)
_PURPOSES = frozenset("target price_sensitivity loyalty churn".split())
_QUERY_KINDS = frozenset("aggregate rank compare".split()) | _PURPOSES
_JOINERS = frozenset("and or vs versus what about how the on average please".split())
_ORDERING = (
    r"\b(?:most|least|more|less|fewest|top|bottom|best|worst|first|last|rank\w*|order\w*|"
    r"sort\w*|ascending|descending|lead\w*|\w{3,}est)\b"
)  # words of an order: without them and without a persona word, a "rank" is not one
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\s+[-–—]\s+")  # a message's sentences and asides
_LEAD_CLAUSE = re.compile(
    r"^(?:for|before|ahead of|re|regarding|as part of|following|prepping|preparing)\b"
    r"[^,?]{0,80},\s*",
    re.I,
)  # "For the deal-led activity plan, what's ..."
_AVERAGED = re.compile(r"\b(?:average|avg|mean|median|typical)\b(?! (?:number|count|amount) "
                       r"of (?:customers|people|shoppers|clients|members)\b)")  # fmt: skip
_COMPARING = (
    r"\b(?:vs|versus|compar\w*|than|differ\w*|which|between|split|by|more|less|higher|"
    r"lower|richer|poorer|older|younger|bigger|smaller|better|worse)\b"
)
MIN_CONFIDENCE = 0.35  # below this the kind is not trusted: decline and offer questions


class Reader(FigureReading):
    """Reads questions about one model (``ctx``); holds only read-only lookups."""

    def __init__(self, ctx: ChatContext) -> None:
        self.ctx = ctx
        catalog = ctx.catalog
        self.vocabulary = Vocabulary.of(catalog)
        self.extra = label_phrases(ctx)
        label_words = frozenset(stem(w) for _, phrase in self.extra for w in phrase.split())
        label_words |= {stem(w) for w in ("parents", "couples", "male", "female", "men",
                                           "women", "man", "woman")}  # fmt: skip
        plain = {w for m in catalog.measures for w in re.findall(r"[a-z]+", m.label.lower())}
        levels = level_words(ctx)
        plain |= levels
        self.spotter = SegmentSpotter(
            ctx.names, self.vocabulary.metric_words | label_words, frozenset(plain)
        )
        self.model = intent_model()
        # no dates and no period the figures cover: spans of time cannot be read
        keys = set(catalog.keys())
        spend = catalog.measure("total_spend") if "total_spend" in keys else None
        self.periodless = not {"recency_days", "tenure_days"} & keys and not (
            spend is not None and "two-year" in spend.description
        )
        words = set(self.model.vocabulary) | CHATTER
        words |= {w for _, phrase in self.extra for w in phrase.split()}  # "comes in"
        for measure in catalog:
            words |= set(re.findall(r"[a-z]{3,}", measure.pattern + " " + measure.label.lower()))
        for dim in catalog.dimensions:
            words |= set(normalize_question(" ".join([dim.label, *dim.synonyms])).split())
            words |= {normalize_question(w) for w in [*dim.words, *dim.levels]}
        words |= levels
        words |= {w for group in LEVEL_WORDS.values() for w in group}
        own = own_words(ctx)
        self.known = frozenset(w for w in words if w and (w not in CONTENT or w in own))
        self.hand = frozenset(hand_words())
        # words known only from tuned bank phrasings: in a figure they must be read (see read)
        self.loose = frozenset(set(self.model.vocabulary) - self.hand - CHATTER - own)
        names = {w for n in ctx.names for w in normalize_question(n).split()}
        self.speller = Speller(self.known | names)  # a persona's words are not typos

    def correct(self, question: str) -> str:
        """The question with shorthand spelled out and misspelled words replaced by the
        closest known word (`assistant.understanding.spelling`)."""
        return self.speller.correct(question)

    def slots(self, question: str) -> Slots | None:
        """The slots of one question (personas, metrics, conditions ...), spelling corrected;
        None for an empty question."""
        q = self.spotter.read(self.correct(str(question)[:MAX_CHARS]))
        if not q.tokens:
            return None
        q.raw = question
        return read_slots(self.ctx, q, self.vocabulary, self.extra)

    def without_context(self, question: str) -> str:
        """The question without the context said before it: leading sentences ("Client
        call in an hour.", "Quick one:") and a leading "For the Q3 deck, ..." clause that
        name nothing the reader knows (no persona, metric, condition, grouping, number,
        negation or customer attribute) and do not change what kind of question it is
        ("classify a shopper: ...", "churn risk: who?" keep theirs)."""
        parts = [p for p in _SENTENCE.split(question.strip()) if p.strip()]
        text = question
        while (
            len(parts) > 1
            and self._bare(parts[0])
            and self._same_kind(" ".join(parts), " ".join(parts[1:]))
        ):
            parts.pop(0)
            text = " ".join(parts)
        lead = _LEAD_CLAUSE.match(text)
        rest = text[lead.end() :] if lead else ""
        if lead and rest.strip() and self._bare(lead.group(0)) and self._same_kind(text, rest):
            text = rest
        return text

    def _same_kind(self, text: str, rest: str) -> bool:
        """Whether the classifier reads ``rest`` as the same kind of question as ``text``."""
        kinds = []
        for part in (text, rest):
            s = self.slots(part)
            kinds.append(self.model.predict(squeeze(s.delexicalized))[0] if s else None)
        return kinds[0] == kinds[1]

    def _bare(self, part: str) -> bool:
        """Whether a part of a message names nothing the reader reads (see
        `without_context`)."""
        tokens = set(normalize_question(part).split())
        if tokens & (NEGATIONS | CONTENT | QUALIFIERS) or any(t[:1].isdigit() for t in tokens):
            return False
        s = self.slots(part)
        return s is None or not (s.personas or s.metrics_all or s.where or s.by or s.groups
                                 or s.unbound or s.size)  # fmt: skip

    def read(self, question: str) -> Reading:
        """The reading of one question (see the module docstring)."""
        question = self.without_context(str(question)[:MAX_CHARS])
        text = self.correct(question)
        q = self.spotter.read(text)
        if not q.tokens:
            return Reading("help", text=None, understood="an empty question")
        q.raw = question
        missing = [p for p in q.segments if not 0 <= int(p) < len(self.ctx.names)]
        if missing:
            listing = ", ".join(f"{n} (segment {i})" for i, n in enumerate(self.ctx.names))
            return Reading("decline", text=f"There is no segment {missing[0]}. The segments "
                           f"are: {listing}.", understood=f"segment {missing[0]}")  # fmt: skip
        refused = refusal(q.text, question, self.periodless)
        if refused:
            return Reading("decline", text=refused[0], understood=refused[1])
        slots = read_slots(self.ctx, q, self.vocabulary, self.extra)
        if TREND.search(q.text) and set(slots.metrics_all) - {"size"}:  # not sizes: growth
            return Reading("decline", text="The data is one snapshot of the customers, so it "
                           "cannot say how figures changed over time; I can give them as they "
                           "are today.", understood="a change over time")  # fmt: skip
        said = sorted(slots.where_at.values())
        if len(said) >= 2 and not re.search(_COMPARING, q.text) and any(
                t == "or" and said[0] < i < said[-1] for i, t in enumerate(q.tokens)):  # fmt: skip
            return self._decline(slots, (), 1.0, "I cannot combine conditions with 'or' (one "
                                 "group or the other); ask for each group on its own.")  # fmt: skip
        only = [t for t in slots.delexicalized.split() if t not in _JOINERS]
        if only == ["xpersonax"] and slots.personas:  # "and segment 4?", "2 vs 5"
            kind = "describe" if len(slots.personas) == 1 else "compare"
            ranking = slots.ranked and set(slots.personas) == set(slots.ranked)
            return self._fill("rank" if ranking else kind, slots, q.tokens, 1.0)
        kind, confidence = self.model.predict(squeeze(slots.delexicalized))
        unread = tuple(
            tok for i, tok in enumerate(q.tokens)
            if i not in slots.read and tok not in self.known and not tok.replace(".", "").isdigit()
        )  # fmt: skip
        named = {w for p in q.segments for w in normalize_question(self.ctx.name(p)).split()}
        unread = tuple(t for t in unread if not process.extractOne(
            t, named, scorer=fuzz.ratio, score_cutoff=70))  # "deel seekers"  # fmt: skip
        figure = kind in _QUERY_KINDS or (kind == "describe" and bool(slots.metrics_all))
        if figure and not unread:  # a figure ("the income range of X"): qualifiers all read
            framing = self.model.words.get(kind, frozenset()) if kind in _PURPOSES else ()
            strict = self.loose if kind in _PURPOSES else self.loose | QUALIFIERS
            unread = tuple(t for i, t in enumerate(q.tokens) if i not in slots.read
                           and t in strict and t not in named and t not in framing)  # fmt: skip
        if unread and _MARKUP.search(question):  # never echo a link or markup back
            return self._decline(slots, unread, confidence, "I do not read links or markup in "
                                 "a question, and could not read the rest of it.")  # fmt: skip
        topic = ""
        if unread and self._tolerates(kind, confidence, slots):
            topic, unread = " ".join(unread), ()  # the topic of a draft, an offer's details
        if unread:
            return self._decline(
                slots, unread, confidence, f"I could not read {quoted(unread)} in your question."
            )
        if confidence < MIN_CONFIDENCE:
            return self._decline(slots, (), confidence, "I am not sure what you are asking.")
        reading = self._fill(kind, slots, q.tokens, confidence)
        query = reading.query
        if query is not None and query.kind in ("aggregate", "rank") and not query.measures \
                and query.measure == "customers" and query.stat in ("count", "sum") \
                and _AVERAGED.search(q.text):  # fmt: skip
            return self._decline(slots, (), confidence, "I could not tell which figure to "
                                 "average: this table has no column for it.")  # fmt: skip
        if topic and reading.tool == "draft_message":
            reading = replace(reading, args={**reading.args, "topic": topic})
        return reading

    def _tolerates(self, kind: str, confidence: float, s: Slots) -> bool:
        """Whether words left unread cannot change the answer: the topic of a draft or the
        framing of a description or campaign for one named persona, the details of an offer
        once its product is known, the framing of a list, help or a marketing ranking."""
        if confidence < 0.6:
            return False
        plain = not s.where and not s.by and not s.groups
        if kind in ("describe", "campaign", "draft"):  # not "the income range of X"
            return len(s.personas) == 1 and plain and (kind != "describe" or not s.metrics_all)
        if kind in ("list", "help", "growth"):
            return plain and not s.metrics_all
        if kind == "target":
            return plain and any(m.startswith("spend_") for m in s.metrics_all)
        return kind in _PURPOSES and plain and not s.personas and confidence >= 0.7

    # -- slot filling ------------------------------------------------------------------------
    def _fill(self, kind: str, s: Slots, tokens: list[str], confidence: float) -> Reading:
        persona = [str(p) for p in s.personas]
        if kind in ("describe", "campaign", "draft"):
            if len(persona) != 1:
                return self._decline(s, (), confidence, "Which persona do you mean?")
            if kind == "describe":
                return Reading(kind, tool="describe_segment", args={"segment": persona[0]},
                               understood=f"describe {self.ctx.name(int(persona[0]))}",
                               confidence=confidence)  # fmt: skip
            if kind == "campaign":
                return Reading(kind, tool="campaign_ideas", args={"segment": persona[0]},
                               understood=f"campaign ideas for {self.ctx.name(int(persona[0]))}",
                               confidence=confidence)  # fmt: skip
            fmt = "subject" if re.search(r"\bsubject", " ".join(tokens)) else "email"
            return Reading(kind, tool="draft_message", args={"segment": persona[0], "format": fmt},
                           understood=f"a draft {'subject line' if fmt == 'subject' else 'email'}"
                           f" for {self.ctx.name(int(persona[0]))}",
                           confidence=confidence)  # fmt: skip
        if kind == "list":
            return Reading(kind, tool="list_segments", understood="the list of personas",
                           confidence=confidence)  # fmt: skip
        if kind == "assign":
            attrs = described(self.ctx, s)
            other = attrs.pop("attributes", {}) if self.ctx.catalog.inputs else {}
            if other:
                names = ", ".join(self.ctx.catalog.measure(k).label if k in self.ctx.catalog
                                  else k for k in other)  # fmt: skip
                fields = ", ".join(sorted(form_inputs(self.ctx)))
                return self._decline(s, (), confidence, f"A customer is placed from these "
                                     f"fields: {fields}; {names} is not one of them, so leave "
                                     "it out or give those instead.")  # fmt: skip
            if not attrs:
                return self._decline(s, (), confidence, "Describe the customer, e.g. age, "
                                     "income and children.")  # fmt: skip
            shown = attrs.get("attributes", attrs)
            return Reading(kind, tool="assign_customer", args=attrs, confidence=confidence,
                           understood="which persona fits a customer with " + ", ".join(
                               f"{k} {v}" for k, v in shown.items()))  # fmt: skip
        if len(s.personas) >= 2 and kind in ("describe", "decline", "aggregate") and re.search(
                r"\b(?:than|vs|versus|compared?|differ)\b", " ".join(tokens)):  # fmt: skip
            kind = "compare"  # "are the frugal families older than the deal seekers?"
        if kind == "rank" and re.search(r"\b(?:promo|promos|promotion|launch|offer|campaign)\b",
                                        " ".join(tokens)) and any(
                m.startswith("spend_") for m in s.metrics) and not s.where:  # fmt: skip
            kind = "target"  # "wine promo: which segment?"
        if kind == "rank" and len(s.personas) >= 2 and not s.ranked and s.metrics:
            kind = "compare"  # "which persona has more kids, the frugal families or ...?"
        if kind == "aggregate" and len(s.groups) >= 2:
            kind = "compare"  # "do complainers spend less than those who never complained?"
        text = " ".join(tokens)
        if kind == "aggregate" and s.metrics and not s.personas and not s.by and re.match(
                rf"(?:which|what) {GROUP_WORDS}\b.*\b(?:most|least|highest|lowest|top|best|"
                r"worst|biggest|smallest)\b", text):  # fmt: skip
            kind = "rank"  # "which persona has the highest income among parents?"
        if kind == "aggregate" and "persona" in s.by and re.search(
                r"\b(?:rank|ranked|ranking|order|sort)\b|\b(?:top|bottom) (?:persona|segment)",
                text):  # fmt: skip
            kind, s.by = "rank", tuple(b for b in s.by if b != "persona")  # "rank the personas"
        if kind == "loyalty" and re.search(r"\b(?:not|never) (?:\w+ )?(?:shopped|bought|"
                                           r"purchased|ordered)", text):  # fmt: skip
            kind = "churn"  # "hasn't shopped with us for the longest"
        if kind == "rank" and not s.personas and not s.ranked and s.top is None and not \
                re.search(rf"\b{GROUP_WORDS}\b|{_ORDERING}", text):  # fmt: skip
            kind = "aggregate"  # no persona and no order: "which age do they have on average?"
        odd = self._implausible(s) if kind in _QUERY_KINDS else None
        if odd:
            return self._decline(s, (), confidence, odd)
        if kind == "decline":
            return self._decline(s, (), confidence, "I cannot answer that from this data: "
                                 "it has aggregates of the customer table only, one snapshot, "
                                 "no forecasts and no single customer's records.")  # fmt: skip
        if kind in ("chart", "table"):
            return Reading(kind, understood=kind, confidence=confidence)
        if kind == "growth":
            return Reading(kind, text=GROWTH, understood="growth of personas over time",
                           confidence=confidence)  # fmt: skip
        if kind == "help":
            return Reading(kind, text=None, understood="help", confidence=confidence)
        return self._query(kind, s, confidence)

    def _implausible(self, s: Slots) -> str | None:
        """Why a condition cannot be what was meant: a number equal to a value outside the
        column's range ("two-year spend" read as age = 2) is more likely misread than asked."""
        view = self.ctx.customer_view
        if view is None:
            return None
        for c in s.where:
            if c.op != "==" or isinstance(c.value, str) or c.field not in self.ctx.catalog:
                continue
            measure = self.ctx.catalog.measure(c.field)
            column = view.get(measure.source) if measure.source else None
            if column is None or not pd.api.types.is_numeric_dtype(column):
                continue
            low, high = column.min(), column.max()
            if not low <= float(c.value) <= high:
                return (f"I read {measure.label} = {c.value:g}, but no customer has that "
                        "(I may have misread the number), so I did not answer.")  # fmt: skip
        return None

    def _decline(self, s: Slots, unread: tuple[str, ...], confidence: float, why: str) -> Reading:
        known = s.summary(self.ctx)
        parts = [why]
        if known:
            parts.append(f"I understood: {known}.")
        return Reading("decline", text=" ".join(parts), understood=known, unread=unread,
                       confidence=confidence)  # fmt: skip
