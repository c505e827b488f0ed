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
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from assistant.query import Query
from assistant.tools.context import ChatContext
from assistant.tools.lookup import stem
from assistant.understanding.classifier import intent_model
from assistant.understanding.reading import Vocabulary, normalize_question
from assistant.understanding.slots import Slots, read_slots
from assistant.understanding.spotter import SegmentSpotter

__all__ = ["Reader", "Reading"]

GROWTH = (
    "The data is one snapshot of the customers, so it cannot say which personas grow or "
    "shrink. Compare two snapshots (a newer export against this model) to see changes; "
    "today I can give each persona's current size and share."
)
MIN_CONFIDENCE = 0.35  # below this the kind is not trusted: decline and offer questions
_CHATTER = frozenset(
    """
a an the of is are was were be been being am do does did doing have has had having i me my we
our us you your it its they them their this that these those what which who whom whose how
why when where there here please pls can could would should will shall may might must let
tell show give get find list see know want need like just also really actually quick quickly
some any all each every per and or but if so than then too very much many more most less
least few fewer lot lots of to in on at by for with from about into over under as up out
hey hi hello thanks thank ok okay team boss report deck slide meeting newsletter planning
q1 q2 q3 q4 quarter exec brief help me out looking whats what's im i'm figure number numbers
one ones kind sort type data our customer customers people folks person someone shoppers
buyers clients client segment segments persona personas group groups cluster clusters
s t re m ve ll d don doesn didn isn aren wasn weren haven hasn won wouldn shouldn couldn
across among amongst between overall whole entire everyone everybody anyone anything
something nothing total combined altogether across first last next again still already
ever often usually typically typical avg average mean median sum share percent percentage
proportion fraction ratio rate rates split broken breakdown down cross tab crosstab
plot chart graph bar pie visualise visualize table tabulate side view compare comparison
versus vs against differ difference different differences between rank ranking ranked
order ordered sort sorted top bottom best worst highest lowest most least biggest largest
smallest richest poorest oldest youngest often frequently rarely seldom
make makes made put go after pick choose send sending sent target targeting reach pitch
launch launching offer offers promotion promotions promo promos mailing mail email emails
campaign campaigns audience interested interest line range new premium luxury product
products item items club membership subscription box gift gifts organic holiday holidays
season seasonal sale sales selling sell sold buy buying bought purchase purchased shop
shopped shopping joined join signed sign became become members member tenure loyal
loyalty longer longest since ago recently recent lately inactive lapsed lapsing leave
leaving lose losing churn churning risk likely about going stop stopped status whether
info information details detail portrait summary overview profile picture quick short
dashboard model review mid year years month months week weeks day days time times
households household home homes family families
""".split()
)


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
        self.extra = _label_phrases(ctx)
        label_words = frozenset(stem(w) for _, phrase in self.extra for w in phrase.split())
        label_words |= {stem(w) for w in ("parents", "couples", "male", "female", "men",
                                           "women", "man", "woman")}  # fmt: skip
        self.spotter = SegmentSpotter(ctx.names, self.vocabulary.metric_words | label_words)
        self.model = intent_model()
        words = set(self.model.vocabulary) | _CHATTER
        for name in ctx.names:
            words |= set(normalize_question(name).split())
        for measure in catalog:
            words |= set(re.findall(r"[a-z]{3,}", measure.pattern + " " + measure.label.lower()))
        for dim in catalog.dimensions:
            words |= set(normalize_question(" ".join([dim.label, *dim.synonyms])).split())
            words |= {normalize_question(w) for w in [*dim.words, *dim.levels]}
        self.known = frozenset(w for w in words if w)
        self._choices = sorted(w for w in self.known if len(w) >= 4 and w.isalpha())

    # -- reading ---------------------------------------------------------------------------
    def correct(self, question: str) -> str:
        """The question with misspelled words replaced by the closest known word."""
        out = []
        text = str(question).replace("%", " percent ")
        text = re.sub(r"\b(?:no|not) more than\b", "at most", text, flags=re.I)
        text = re.sub(r"\b(?:no|not) less than\b", "at least", text, flags=re.I)
        for tok in normalize_question(text).split():
            if tok in self.known or len(tok) < 4 or not tok.isalpha():
                out.append(tok)
                continue
            best = process.extractOne(tok, self._choices, scorer=fuzz.ratio, score_cutoff=80)
            out.append(best[0] if best else tok)
        return " ".join(out)

    def read(self, question: str) -> Reading:
        """The reading of one question (see the module docstring)."""
        text = self.correct(question)
        q = self.spotter.read(text)
        if not q.tokens:
            return Reading("help", text=None, understood="an empty question")
        q.raw = str(question)
        slots = read_slots(self.ctx, q, self.vocabulary, self.extra)
        kind, confidence = self.model.predict(slots.delexicalized)
        unread = tuple(
            tok for i, tok in enumerate(q.tokens)
            if i not in slots.read and tok not in self.known and not tok.replace(".", "").isdigit()
        )  # fmt: skip
        if unread:
            return self._decline(
                slots, unread, confidence, f"I could not read {_quote(unread)} in your question."
            )
        if confidence < MIN_CONFIDENCE:
            return self._decline(slots, (), confidence, "I am not sure what you are asking.")
        return self._fill(kind, slots, q.tokens, confidence)

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
            attrs = self._attributes(s, tokens)
            if not attrs:
                return self._decline(s, (), confidence, "Describe the customer, e.g. age, "
                                     "income and children.")  # fmt: skip
            return Reading(kind, tool="assign_customer", args=attrs, confidence=confidence,
                           understood="which persona fits a customer with " + ", ".join(
                               f"{k} {v}" for k, v in attrs.items()))  # fmt: skip
        if kind == "decline":
            return self._decline(s, (), confidence, "I cannot answer that from this data: "
                                 "it has aggregates of the customer table only, one snapshot, "
                                 "no forecasts and no single customer's records.")  # fmt: skip
        if kind == "growth":
            return Reading(kind, text=GROWTH, understood="growth of personas over time",
                           confidence=confidence)  # fmt: skip
        if kind == "help":
            return Reading(kind, text=None, understood="help", confidence=confidence)
        return self._query(kind, s, confidence)

    def _attributes(self, s: Slots, tokens: list[str]) -> dict[str, Any]:
        """A described customer: the values and levels the question gives (a bare number
        of 15-100 is the age when no age is given)."""
        attrs: dict[str, Any] = {}
        for c in s.where:
            if c.op in ("==", "between") and c.field not in attrs:
                value = c.value if c.op == "==" else (float(c.value) + float(c.high or 0)) / 2
                attrs[c.field] = int(value) if isinstance(value, float) and value.is_integer() \
                    else value  # fmt: skip
            elif c.op == ">" and c.value == 0 and c.field == "children":
                attrs.setdefault("children", 1)
        if "age" not in attrs and "age" in self.ctx.catalog:
            bare = [t for i, t in enumerate(tokens) if t.isdigit() and 15 <= int(t) <= 100
                    and i not in s.read]  # fmt: skip
            if bare:
                attrs["age"] = int(bare[0])
        inputs = self._inputs()
        if "children" in attrs and "children" not in inputs and "kidhome" in inputs:
            attrs["kidhome"] = attrs.pop("children")
        return {k: v for k, v in attrs.items() if k in inputs}

    def _inputs(self) -> set[str]:
        catalog = self.ctx.catalog
        keys = {getattr(f, "key", "") for f in catalog.inputs}
        if not keys:  # a table's own columns: every metric and attribute describes a customer
            keys = {m.key for m in catalog.metrics if m.per_customer}
            keys |= {d.key for d in catalog.dimensions}
        return keys | {"kidhome", "teenhome", "children", "age", "income"}

    def _query(self, kind: str, s: Slots, confidence: float) -> Reading:
        purpose_measure = {"price_sensitivity": "purchases_deals", "loyalty": "tenure_days",
                           "churn": "recency_days"}  # fmt: skip
        catalog = self.ctx.catalog
        if kind in purpose_measure:
            key = purpose_measure[kind]
            if key not in catalog:
                return self._decline(s, (), confidence, f"This table has no column for {kind}.")
            query = Query(kind="rank", measure=key, stat="mean", purpose=kind)
        elif kind == "target":
            measure = next((m for m in s.metrics if m.startswith("spend_")), None)
            measure = measure or ("total_spend" if "total_spend" in catalog else None)
            if measure is None:
                return self._decline(s, (), confidence, "This table has no spend column.")
            query = Query(kind="rank", measure=measure, stat="mean", purpose="target")
        elif kind == "rank":
            measure, stat = s.measure()
            if measure == "customers":
                return self._decline(s, (), confidence, "Rank the personas by what?")
            query = Query(kind="rank", measure=measure, stat=stat, where=s.where,
                          order=s.order, top=s.top, show=s.show)  # fmt: skip
        elif kind == "compare":
            personas = s.persona_refs
            if len(personas) < 2 and len(s.groups) < 2:
                return self._decline(s, (), confidence, "Which personas or groups should I "
                                     "compare?")  # fmt: skip
            query = Query(kind="compare", personas=personas if len(s.groups) < 2 else (),
                          groups=s.groups if len(s.groups) >= 2 else (), measures=tuple(s.metrics),
                          where=() if len(s.groups) >= 2 else s.where, show=s.show)  # fmt: skip
        else:
            measure, stat = s.measure()
            query = Query(kind="aggregate", measure=measure, stat=stat, where=s.where,
                          personas=s.persona_refs, by=s.by, show=s.show)  # fmt: skip
        return Reading(kind, query=query, confidence=confidence)

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


def _label_phrases(ctx: ChatContext) -> tuple[tuple[str, str], ...]:
    """(key, phrase) pairs for metrics named by their labels: the whole label, the label
    without a bracketed unit, and each word of four letters or more that one metric alone
    has ("income" for "Annual Income (k$)")."""
    pairs: list[tuple[str, str]] = []
    owners: dict[str, set[str]] = {}
    for m in ctx.catalog.metrics:
        if not m.per_customer:
            continue
        label = normalize_question(m.label)
        bare = normalize_question(re.sub(r"\(.*?\)", " ", m.label))
        pairs += [(m.key, label), (m.key, bare)]
        for w in bare.split():
            if len(w) >= 4 and w.isalpha():
                owners.setdefault(w, set()).add(m.key)
    pairs += [(next(iter(keys)), w) for w, keys in owners.items() if len(keys) == 1]
    return tuple(dict.fromkeys(p for p in pairs if p[1]))
