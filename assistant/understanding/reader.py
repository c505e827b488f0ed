"""The offline question reader: a question to a typed reading, or an honest "I could not".

`Reader.read` corrects misspellings against what it knows (rapidfuzz), finds the catalog's
words in the question (personas, metrics, numbers with their comparisons, category levels,
dimensions, time spans read against what the column means), replaces them by tags and asks
the intent classifier (`assistant.understanding.classifier`) what kind of question it is;
slot filling then builds the `Reading`: a `Query` for figures, counts, shares, rankings,
comparisons and the marketing rankings (targeting, price sensitivity, loyalty, churn
proxy), a tool call for describe, assign, campaign ideas and drafts, or a text answer.

If a content word of the question is left unread, or the kind is uncertain, or a slot the
kind needs is missing, the reading is a decline that says what was understood and what was
not, never an answer to a different question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process

from assistant.query import Query
from assistant.tools.context import ChatContext
from assistant.tools.lookup import stem
from assistant.understanding.attributes import LEVEL_WORDS
from assistant.understanding.chatter import CHATTER, CONTENT, NEGATIONS, QUALIFIERS
from assistant.understanding.classifier import intent_model
from assistant.understanding.coverage import (
    hand_words,
    label_phrases,
    own_words,
    share_base,
    squeeze,
    unused,
)
from assistant.understanding.described import described, form_inputs
from assistant.understanding.grouping import GROUP_WORDS, ranked_dimension
from assistant.understanding.reading import Vocabulary, normalize_question
from assistant.understanding.slots import Slots, read_slots
from assistant.understanding.spelling import Speller
from assistant.understanding.spotter import MAX_CHARS, SegmentSpotter
from assistant.understanding.superlatives import adjective_measure

__all__ = ["Reader", "Reading"]

GROWTH = (
    "The data is one snapshot of the customers, so it cannot say which personas grow or "
    "shrink. Compare two snapshots (a newer export against this model) to see changes; "
    "today I can give each persona's current size and share."
)
_MARKUP = re.compile(r"://|\bwww\.|<\s*[a-z/!]|\]\(|\bjavascript:", re.I)
_RECORD = re.compile(r"\b(?:customer|client|member)\s+(?:id\s*|no\.?\s*|number\s*|#\s*)?\d+"
                     r"\b(?!\s*(?:customers|people|years|kids|children|%))|\bid\s*#?\s*\d+",
                     re.I)  # fmt: skip
_PURPOSES = frozenset("target price_sensitivity loyalty churn".split())
_QUERY_KINDS = frozenset("aggregate rank compare".split()) | _PURPOSES
_JOINERS = frozenset("and or vs versus what about how the".split())
MIN_CONFIDENCE = 0.35  # below this the kind is not trusted: decline and offer questions


@dataclass(frozen=True)
class Reading:
    """How a question was read: its kind, the query or tool call it becomes (or a text
    answer), what was understood in words and what was left unread."""

    kind: str
    query: Query | None = None
    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    understood: str = ""
    unread: tuple[str, ...] = ()
    confidence: float = 1.0

    @property
    def declined(self) -> bool:
        """Whether the reading answers nothing (a decline, a question back, help)."""
        return self.query is None and self.tool is None


class Reader:
    """Reads questions about one model (``ctx``); holds only read-only lookups."""

    def __init__(self, ctx: ChatContext) -> None:
        self.ctx = ctx
        catalog = ctx.catalog
        self.vocabulary = Vocabulary.of(catalog)
        self.extra = label_phrases(ctx)
        label_words = frozenset(stem(w) for _, phrase in self.extra for w in phrase.split())
        label_words |= {stem(w) for w in ("parents", "couples", "male", "female", "men",
                                           "women", "man", "woman")}  # fmt: skip
        self.spotter = SegmentSpotter(ctx.names, self.vocabulary.metric_words | label_words)
        self.model = intent_model()
        words = set(self.model.vocabulary) | CHATTER
        for measure in catalog:
            words |= set(re.findall(r"[a-z]{3,}", measure.pattern + " " + measure.label.lower()))
        for dim in catalog.dimensions:
            words |= set(normalize_question(" ".join([dim.label, *dim.synonyms])).split())
            words |= {normalize_question(w) for w in [*dim.words, *dim.levels]}
        view = ctx.customer_view
        for dim in catalog.dimensions:
            if view is not None and dim.source in view.columns and not dim.levels:
                values = view[dim.source].dropna().astype(str).unique()[:30]
                words |= {w for v in values for w in normalize_question(v).split()}
        words |= {w for group in LEVEL_WORDS.values() for w in group}
        own = {w for w in words if w in CONTENT} & own_words(ctx)
        self.known = frozenset(w for w in words if w and (w not in CONTENT or w in own))
        self.hand = frozenset(hand_words())
        learned = set(self.model.vocabulary) - self.hand - CHATTER - own_words(ctx)
        self.loose = frozenset(learned)  # words known only from tuned phrasings (see _fill)
        names = {w for n in ctx.names for w in normalize_question(n).split()}
        self.speller = Speller(self.known | names)  # a persona's words are not typos

    def correct(self, question: str) -> str:
        """The question with shorthand spelled out and misspelled words replaced by the
        closest known word (`assistant.understanding.spelling`)."""
        return self.speller.correct(question)

    def read(self, question: str) -> Reading:
        """The reading of one question (see the module docstring)."""
        question = str(question)[:MAX_CHARS]
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
        if q.tokens[0] == "why":
            why = (
                "I can show what differs between customers, not why: the data records what "
                "they bought, not their reasons. Ask me to compare the groups instead."
            )
            return Reading("decline", text=why, understood="a question of cause")
        if _RECORD.search(question):
            return Reading("decline", text="I do not show single customers' records: only "
                           "figures of groups of 11 or more.", understood="one customer's "
                           "record")  # fmt: skip
        slots = read_slots(self.ctx, q, self.vocabulary, self.extra)
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
                slots, unread, confidence, f"I could not read {_quote(unread)} in your question."
            )
        if confidence < MIN_CONFIDENCE:
            return self._decline(slots, (), confidence, "I am not sure what you are asking.")
        reading = self._fill(kind, slots, q.tokens, confidence)
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
        if kind == "aggregate" and len(s.groups) >= 2:
            kind = "compare"  # "do complainers spend less than those who never complained?"
        text = " ".join(tokens)
        if kind == "aggregate" and s.metrics and not s.personas and not s.by and re.match(
                rf"(?:which|what) {GROUP_WORDS}\b.*\b(?:most|least|highest|lowest|top|best|"
                r"worst|biggest|smallest)\b", text):  # fmt: skip
            kind = "rank"  # "which persona has the highest income among parents?"
        if kind == "loyalty" and re.search(r"\b(?:not|never) (?:\w+ )?(?:shopped|bought|"
                                           r"purchased|ordered)", text):  # fmt: skip
            kind = "churn"  # "hasn't shopped with us for the longest"
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

    def _query(self, kind: str, s: Slots, confidence: float) -> Reading:
        purpose_measure = {"price_sensitivity": "purchases_deals", "loyalty": "tenure_days",
                           "churn": "recency_days"}  # fmt: skip
        catalog = self.ctx.catalog
        if s.persona_level and kind in ("rank", "aggregate", "compare"):
            return self._persona_level(kind, s, confidence)
        if kind in purpose_measure:
            key = purpose_measure[kind]
            if key not in catalog:
                return self._decline(s, (), confidence, f"This table has no column for {kind}.")
            query = Query(kind="rank", measure=key, stat="mean", purpose=kind)
        elif kind == "target":
            measure = next((m for m in s.metrics if m.startswith("spend_")), None)
            product = [t for i, t in enumerate(s.tokens) if i not in s.read and t not in CHATTER
                       and t not in self.hand and t not in NEGATIONS]  # fmt: skip
            if measure is None and product:  # "a fishmonger pop-up": not all spend
                return self._decline(s, (), confidence, f"I could not tell which product "
                                     f"{_quote(tuple(product))} is.")  # fmt: skip
            measure = measure or ("total_spend" if "total_spend" in catalog else None)
            if measure is None:
                return self._decline(s, (), confidence, "This table has no spend column.")
            query = Query(kind="rank", measure=measure, stat="mean", purpose="target")
        elif kind == "rank" and (dim := ranked_dimension(self.ctx, s.tokens)):
            measure, stat = s.measure()  # "which education level spends most": its levels
            query = Query(kind="aggregate", measure=measure, stat=stat, where=s.where,
                          by=(dim,), show=s.show)  # fmt: skip
        elif kind == "rank":
            measure, stat = s.measure()
            order = s.order
            adjective = next((a for t in s.tokens if (a := adjective_measure(self.ctx, t))), None)
            by = s.ranked_by if s.ranked and set(s.personas) == set(s.ranked) else None
            if by and measure != "customers":  # "rank all personas from the oldest ..."
                s.personas, order = [], by[1] if by[0] == measure else order
            if measure == "complain" and {"worst", "best"} & set(s.tokens):
                order = "desc" if "worst" in s.tokens else "asc"  # fewer complaints: better
            if measure == "customers" and (by or adjective):  # "our biggest segment?"
                s.personas = []  # the ranking, not a persona
                measure, order = by or adjective or ("", "")
                stat = "count" if measure == "size" else "mean"
                measure = "customers" if measure == "size" else measure
                if measure in ("response_rate", "response"):
                    measure, stat = "response", "rate"
            elif measure == "customers" and s.where:  # "the persona with the most PhDs"
                share = s.stat == "share" or bool({"share", "percent", "percentage",
                                                    "proportion"} & set(s.tokens))  # fmt: skip
                stat = "share" if share else "count"
                flags = [c for c in s.where if c.field in ("response", "complain")
                         and c.op == "==" and c.value in (1, 1.0)]  # fmt: skip
                if flags:  # "which group complains the most": a rate, not a head count
                    measure, stat = flags[0].field, "rate"
                    s.where = tuple(c for c in s.where if c is not flags[0])
            elif measure == "customers":
                return self._decline(s, (), confidence, "Rank the personas by what?")
            query = Query(kind="rank", measure=measure, stat=stat, where=s.where,
                          order=order, top=s.top, show=s.show)  # fmt: skip
        elif kind == "compare":
            personas = s.persona_refs
            ids = [u for u in s.unbound if u.isdigit() and int(u) < len(self.ctx.names)]
            if len(personas) + len(ids) >= 2 and len(ids) == len(s.unbound):
                personas = tuple(dict.fromkeys([*personas, *ids]))  # "compare 0 and 5"
                s.unbound = []
            if len(personas) < 2 and len(s.groups) < 2:
                return self._decline(s, (), confidence, "Which personas or groups should I "
                                     "compare?")  # fmt: skip
            grouped = {c for g in s.groups for c in g}
            common = tuple(c for c in s.where if c not in grouped)  # "among PhDs, married vs ..."
            query = Query(kind="compare", personas=personas if len(s.groups) < 2 else (),
                          groups=s.groups if len(s.groups) >= 2 else (), measures=tuple(s.metrics),
                          where=common if len(s.groups) >= 2 else s.where, show=s.show)  # fmt: skip
        elif s.size and len(s.personas) == 1 and not s.where and not s.by and s.stat != "share" \
                and not s.metrics:  # fmt: skip
            name = self.ctx.name(s.personas[0])
            return Reading(kind, tool="segment_figure", understood=f"the size of {name}",
                           args={"metric": "size", "segment": str(s.personas[0])},
                           confidence=confidence)  # "how big is segment 2?"  # fmt: skip
        elif s.stat == "share" and not s.metrics and len(s.where) >= 2 and share_base(s):
            within, where = share_base(s)
            flags = [c for c in where if c.field in ("response", "complain") and c.op == "=="]
            if len(where) == 1 and flags and flags[0].value in (1, 1.0):  # "% of parents responded"
                query = Query(kind="aggregate", measure=flags[0].field, stat="rate", where=within,
                              personas=s.persona_refs, by=s.by, show=s.show)  # fmt: skip
            else:  # "what share of married customers have a PhD"
                query = Query(kind="aggregate", measure="customers", stat="share", where=where,
                              within=within, personas=s.persona_refs, by=s.by,
                              show=s.show)  # fmt: skip
        else:
            measure, stat = s.measure()
            query = Query(kind="aggregate", measure=measure, stat=stat, where=s.where,
                          personas=s.persona_refs, by=s.by, show=s.show)  # fmt: skip
        left = unused(query, s)
        if left:
            return self._decline(s, (), confidence, f"I could not tell how {left} fits the "
                                 "question, so I did not answer a different one.")  # fmt: skip
        return Reading(kind, query=query, confidence=confidence)

    def _persona_level(self, kind: str, s: Slots, confidence: float) -> Reading:
        """A figure known per persona only (response lift, a past campaign's acceptance):
        the profile tools answer it; with conditions or groupings it cannot be answered."""
        key = s.persona_level[0]
        label = self.ctx.catalog.measure(key).label
        personas = [str(p) for p in s.personas]
        if s.where or s.by or s.groups or len(s.persona_level) > 1:
            why = f"The {label} is known per persona only, not for a group of customers."
            return self._decline(s, (), confidence, why)
        if kind == "compare" and len(personas) >= 2:
            return Reading(kind, tool="compare_segments",
                           args={"segments": personas, "metrics": [key]},
                           understood=f"{label} of " + ", ".join(
                               self.ctx.name(int(p)) for p in personas),
                           confidence=confidence)  # fmt: skip
        if kind == "rank" or (kind == "compare" and not personas):
            order = s.order
            return Reading("rank", tool="rank_segments", args={"metric": key, "order": order},
                           understood=f"personas ranked by {label}, "
                           f"{'lowest' if order == 'asc' else 'highest'} first",
                           confidence=confidence)  # fmt: skip
        if len(personas) > 1:
            return self._decline(s, (), confidence, "Which persona do you mean?")
        whom = self.ctx.name(int(personas[0])) if personas else "all customers"
        return Reading(kind, tool="segment_figure",
                       args={"metric": key, **({"segment": personas[0]} if personas else {})},
                       understood=f"{label} of {whom}", confidence=confidence)  # fmt: skip

    def _decline(self, s: Slots, unread: tuple[str, ...], confidence: float, why: str) -> Reading:
        known = s.summary(self.ctx)
        parts = [why]
        if known:
            parts.append(f"I understood: {known}.")
        return Reading("decline", text=" ".join(parts), understood=known, unread=unread,
                       confidence=confidence)  # fmt: skip


def _quote(words: tuple[str, ...]) -> str:
    shown = [f"'{w}'" for w in dict.fromkeys(words)][:4]
    return ", ".join(shown)
