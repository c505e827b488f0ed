"""Slot filling for the offline reader: what a question names, in the catalog's terms.

`read_slots` finds in a spotted question (`assistant.understanding.spotter.Question`) the
personas (names, ids, "the two biggest segments"), the metrics (catalog words and the
labels of any table's columns), the numbers with their comparisons bound to the metric
they are about ("earning over 60k", "2 kids", "aged 30 to 40"; an amount given in
thousands for a column counted in thousands), category levels with negation ("not
married"), presence words ("with kids", "complained"), time spans read against what the
column means ("bought in the last 3 months" is recency; "joined in the last 2 years" is
tenure; "complained in the last 2 years" is what the complain flag already means), the
grouping ("by education", "per persona"), ranking words, the statistic and chart/table
words. Every token it reads is recorded, so the reader can tell what was left unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from assistant.query import Condition
from assistant.tools.context import ChatContext
from assistant.understanding.attributes import levels, measured_condition, presence
from assistant.understanding.grouping import GROUP_WORDS, compared_groups, groupings
from assistant.understanding.reading import Vocabulary, find_metrics
from assistant.understanding.spotter import Question
from assistant.understanding.superlatives import persona_refs
from assistant.understanding.timespans import BUY, DAYS, time_conditions
from assistant.understanding.values import Value, values

__all__ = ["Slots", "read_slots"]

_ASC = frozenset("least lowest smallest fewest bottom worst minimum min poorest youngest "
                 "weakest cheapest ascending".split())  # fmt: skip
_LAST_BUY = frozenset("ago purchase purchased bought shopped ordered order visited".split())
_TENURE = frozenset("member members us joined tenure signed loyal".split())
_NEW_PHRASE = frozenset("for among aged who customers people those households".split())
_COUNTS = frozenset(
    "purchases_web purchases_catalog purchases_store purchases_deals "
    "total_purchases web_visits_month campaigns_accepted".split()
)
_UNIT_WORDS = frozenset("kid kids child children teen teens teenager teenagers year years yr "
                        "yrs".split())  # fmt: skip
_GROUP_NOUNS = frozenset("segment segments persona personas group groups cluster clusters".split())
_PERSONS = frozenset("men women males females guys ladies people ppl folks".split())
_PEOPLE = frozenset(
    "customers shoppers clients people buyers members those ones households".split()
)


@dataclass
class Slots:
    """What `read_slots` found; ``read`` holds the indices of the tokens it read."""

    tokens: list[str]
    personas: list[int] = field(default_factory=list)
    persona_tokens: set[int] = field(default_factory=set)
    metrics: list[str] = field(default_factory=list)  # named, not used by a condition
    metrics_all: tuple[str, ...] = ()
    where: tuple[Condition, ...] = ()
    groups: tuple[tuple[Condition, ...], ...] = ()
    by: tuple[str, ...] = ()
    order: str = "desc"
    top: int | None = None
    show: str = "text"
    stat: str | None = None
    read: set[int] = field(default_factory=set)
    tags: dict[int, str] = field(default_factory=dict)
    unbound: list[str] = field(default_factory=list)  # numbers tied to no metric
    size: bool = False  # the question speaks of persona sizes ("biggest segment")
    ranked: list[int] = field(default_factory=list)  # personas named by a ranking
    ranked_by: tuple[str, str] | None = None  # (measure, order) of that ranking
    persona_level: list[str] = field(default_factory=list)  # lift, past campaigns: no rows
    where_at: dict[Condition, int] = field(default_factory=dict)

    @property
    def persona_refs(self) -> tuple[str, ...]:
        return tuple(str(p) for p in self.personas)

    @property
    def delexicalized(self) -> str:
        out: list[str] = []
        for i, tok in enumerate(self.tokens):
            tag = self.tags.get(i)
            if tag is None:
                out.append(tok)
            elif not out or out[-1] != tag:
                out.append(tag)
        return " ".join(out)

    def measure(self) -> tuple[str, str]:
        """The measure and statistic asked for (customers counted when none is named)."""
        metric = self.metrics[0] if self.metrics else None
        if metric in ("response_rate", "response"):
            return "response", "rate"
        if metric in ("complain",):
            return "complain", "rate"
        if metric is None or self.stat in ("count", "share"):
            return "customers", self.stat if self.stat in ("count", "share") else "count"
        return metric, self.stat if self.stat in ("mean", "median", "sum") else "mean"

    def summary(self, ctx: ChatContext) -> str:
        """What was understood, in words."""
        parts = []
        if self.personas:
            parts.append("personas " + ", ".join(ctx.name(p) for p in self.personas))
        if self.metrics_all:
            parts.append("metrics " + ", ".join(self.metrics_all))
        parts += [f"{c.field} {c.op} {c.value}" for c in self.where]
        return "; ".join(parts)


def _mark(s: Slots, indices: range | set[int] | list[int], tag: str | None = None) -> None:
    for i in indices:
        s.read.add(i)
        if tag:
            s.tags[i] = tag


_ABOUT = frozenset({"about", "around", "roughly", "approximately", "approx", "some", "of"})


def _bind(
    s: Slots, v: Value, spans: list[tuple[int, int, str]], ctx: ChatContext,
    starts_of: frozenset[int] = frozenset(),
) -> str | None:  # fmt: skip
    """The metric a number is about (see the module docstring); None when unbound.
    ``starts_of`` are where the question's numbers start: a metric followed by its own
    number ("earning under 60k") is not the one an earlier number is about."""
    toks, keys = s.tokens, set(ctx.catalog.keys())
    after = toks[v.end : v.end + 3]
    a0 = after[0] if after else ""
    unit = {"kid": "children", "kids": "children", "child": "children", "children": "children",
            "teens": "teenhome", "teenagers": "teenhome", "teen": "teenhome",
            "day": "recency_days", "days": "recency_days", "visits": "web_visits_month",
            "campaigns": "campaigns_accepted", "purchases": "total_purchases",
            "times": "web_visits_month" if re.search(r"\bvisit", " ".join(toks)) else "",
            "orders": "total_purchases"}.get(a0)  # fmt: skip
    if a0 in ("small", "young", "little") and after[1:2] and after[1] in _UNIT_WORDS:
        unit = "kidhome" if "kidhome" in keys else "children"  # "no small children"
    span = a0.rstrip("s") if a0.rstrip("s") in DAYS else None  # "2 months ago", "3 yrs"
    context = set(toks[max(0, v.start - 6) : v.end + 4])
    if span and "old" in after[:2]:
        unit = "age"  # "signed up: 34 years old"
    elif span and context & {"joined", "signed", "enrolled", "registered", "became"}:
        unit = "tenure_days"  # "joined less than six months ago"
    elif span and ("ago" in after[:2] or context & _LAST_BUY):
        unit = "recency_days"  # "last purchase more than 2 months ago"
    elif span and not context & {"old", "aged", "age"} and (context & _TENURE or (
            context & {"customer", "customers"} and toks[v.start - 1 : v.start] in (
                ["for"], ["under"], ["over"], ["than"], ["least"], ["most"]))):  # fmt: skip
        unit = "tenure_days"  # "customers for under a year", "members for 3 years"
    elif a0 in ("year", "years", "yr", "yrs") or "old" in after[:2]:
        unit = "age"
    ranks = a0 in _GROUP_NOUNS or toks[v.start - 1 : v.start] in (["top"], ["bottom"])
    if ranks and v.low <= 20 and not v.money:  # "top 3", "the 2 segments"; not "22,000. segment?"
        return "top"
    if toks[v.start - 1 : v.start] == ["campaign"]:
        return None  # "accepted campaign 3" is one campaign, not 3 campaigns accepted
    if (
        1990 <= v.low <= 2100
        and v.low.is_integer()
        and not v.money
        and toks[v.start - 1 : v.start] in (["in"], ["since"], ["during"], ["before"], ["after"])
    ):
        return None  # "in 2019" is a date the table does not have
    if "campaigns" in after[:2] or "campaign" in after[:2]:
        unit = "campaigns_accepted"
    if unit and unit in keys:
        return unit
    if (toks[v.start - 1 : v.start] == ["aged"] or (
            toks[v.start - 1 : v.start] and toks[v.start - 1] in _PERSONS and not v.money
            and 10 <= v.low <= 100)) and "age" in keys:  # "men under 30"  # fmt: skip
        return "age"
    numeric = {i for i, t in enumerate(toks) if t.replace(".", "").isdigit()} | starts_of
    near = [
        (v.start - b, 1, k)
        for a, b, k in spans
        if b <= v.start and v.start - b <= 4 and not set(toks[b : v.start]) & _NEW_PHRASE
    ]  # "wine spend for over 65s"
    starts = {a for a, _, _ in spans}  # "12 web purchases, 3 deal purchases": number first
    own = {b for _, b, _ in spans if b < len(toks) and toks[b] in _ABOUT and b + 1 in numeric}
    near += [(a - v.end, 0, k) for a, b, k in spans if (
        (b not in numeric and b not in own) or b + 1 in starts) and (
        a == v.end or (a == v.end + 1 and toks[v.end] in ("in", "of", "on", "for")))]  # fmt: skip
    catalog = ctx.catalog  # a persona-level figure ("percentage of customers") takes no number
    near = [n for n in near if n[2] in keys and catalog.measure(n[2]).per_customer]
    if v.money:  # "45k" is an amount: it goes with the money metric named near it
        money = {m.key for m in ctx.catalog.metrics if m.unit == "money"}
        near = [n for n in near if n[2] in money] or (
            [] if any(n[2] not in money for n in near if n[0] <= 1) else near
        )
    if near:
        return min(near)[2]
    if v.money:
        money = [m.key for m in ctx.catalog.metrics if m.unit == "money" and m.per_customer]
        money += [m.key for m in ctx.catalog.metrics if m.per_customer and
                  re.search(r"income|salary|revenue|earn", m.label.lower())]  # fmt: skip
        return "income" if "income" in money else (money[0] if money else None)
    if "age" in keys and 15 <= v.low <= 100 and v.op != "==":
        return "age"
    return None


def _thousands(ctx: ChatContext, key: str, value: float, money: bool) -> float:
    label = ctx.catalog.measure(key).label.lower() if key in ctx.catalog else ""
    if money and value >= 1000 and ("(k" in label or "k$" in label or key.endswith("_k")):
        return value / 1000
    return value


def read_slots(ctx: ChatContext, q: Question, vocab: Vocabulary, extra: tuple) -> Slots:
    """The slots of a spotted question (see the module docstring)."""
    s = Slots(tokens=q.tokens, personas=list(q.segments), persona_tokens=set(q.taken))
    _mark(s, q.taken, "xpersonax")
    text = " ".join(q.tokens)
    keys = set(ctx.catalog.keys()) | {d.key for d in ctx.catalog.dimensions}
    spend = ctx.catalog.measure("total_spend") if "total_spend" in ctx.catalog else None
    years = 2 if spend is not None and "two-year" in spend.description else None
    where = time_conditions(s.tokens, keys, partial(_mark, s), years)
    shown = ["|" if i in s.read else t for i, t in enumerate(q.tokens)]  # read: not a metric
    rest = " ".join(shown)
    offsets = [len(" ".join(shown[:i])) + (1 if i else 0) for i in range(len(shown))]
    spans = []
    for a, b, key in find_metrics(rest, vocab, extra):
        idx = [i for i, o in enumerate(offsets) if a <= o < b]
        if idx == [0] and q.tokens[1:2] in (["a"], ["the"], ["this"], ["my"], ["our"]):
            continue  # "score a shopper: ...": a verb, not the spending score
        if idx:
            spans.append((idx[0], idx[-1] + 1, key))
            _mark(s, idx, "xmetricx")
    in_spans = {i for a, b, _ in spans for i in range(a, b)}
    s.ranked, spans, s.ranked_by = persona_refs(
        ctx, q.tokens, spans, s.read - in_spans, lambda words: _mark(s, words, "xpersonax")
    )
    s.personas += [i for i in s.ranked if i not in s.personas]
    s.size = bool(s.ranked_by and s.ranked_by[0] == "size")
    found = list(values(q.tokens, s.read))
    starts_of = frozenset(v.start for v in found)
    led: dict[str, str] = {}  # "shoppers under 30 with shoppers over 50 on income": parallel
    for v in found:
        key = _bind(s, v, spans, ctx, starts_of)
        lead = q.tokens[v.start - 1] if v.start > 0 else ""
        if lead in _PEOPLE and lead in led and q.tokens[v.end : v.end + 1] == ["on"]:
            key = led[lead]  # the metric after "on" is what the groups are compared on
        elif lead in _PEOPLE and key is not None:
            led.setdefault(lead, key)
        _mark(s, range(v.start, v.end), "xnumx")
        unit = q.tokens[v.end : v.end + 2]
        if unit and unit[0] in ("small", "young", "little") and key in ("kidhome", "children"):
            _mark(s, range(v.end, v.end + 2))  # "0 small children"
        elif unit and unit[0] in _UNIT_WORDS and key not in (None, "top"):
            _mark(s, [v.end])  # "1 kid", "3 yrs": the unit is read with its number
        if key == "top":
            s.top = int(v.low)
            continue
        if key is None or key not in keys:
            s.unbound.append(" ".join(q.tokens[v.start : v.end]))
            continue
        unit = (s.tokens[v.end : v.end + 1] or [""])[0].rstrip("s")
        scale = float(DAYS[unit]) if key in ("tenure_days", "recency_days") and unit in DAYS \
            else 1.0  # fmt: skip
        if unit in DAYS and key in ("tenure_days", "recency_days"):
            _mark(s, [v.end])
        low = _thousands(ctx, key, v.low, v.money) * scale
        if v.op == "between" and v.high is not None:
            high = _thousands(ctx, key, v.high, v.money) * scale
            where.append((v.start, Condition(field=key, op="between", value=low, high=high)))
        else:
            where.append((v.start, Condition(field=key, op=v.op, value=low)))
    if any(c.field == "recency_days" for _, c in where):  # "haven't bought for 60 days"
        for i, tok in enumerate(q.tokens[:-1]):
            ahead = q.tokens[i + 1 : i + 3]
            if tok in ("not", "never") and re.search(BUY, " ".join(ahead)):
                _mark(s, [i])
    bound = {c.field for _, c in where}
    for a, _, key in spans:  # "did not buy anything online", "never made a deal purchase"
        lead = [j for j in range(max(0, a - 4), a) if q.tokens[j] in ("not", "never", "no")]
        if key in _COUNTS and key not in bound and lead and lead[-1] not in s.read:
            where.append((a, Condition(field=key, op="==", value=0)))
            _mark(s, [lead[-1]])
    for i, tok in enumerate(q.tokens):  # "every persona except the gourmets"
        after = {i + 1, i + 2} & s.persona_tokens
        if tok == "not" and q.tokens[i + 1 : i + 2] in (["in"], ["part"]):
            after = {i + 2, i + 3, i + 4} & s.persona_tokens  # "who aren't in the X"
            if after:
                _mark(s, [i + 1] + ([i + 2] if q.tokens[i + 2 : i + 3] == ["of"] else []))
        if tok in ("except", "excluding", "not") and after and s.personas:
            s.personas = [p for p in range(len(ctx.names)) if p not in s.personas]
            _mark(s, [i])
    mark = partial(_mark, s)
    none = frozenset(c.field for _, c in where if c.op == "==" and c.value == 0)
    none = none if len({c.field for _, c in where}) == 1 else frozenset()  # the only one
    where += presence(text, keys, {c.field for _, c in where}, s.persona_tokens, mark, none)
    where += levels(ctx, s.tokens, s.read, mark)
    where.sort(key=lambda pc: pc[0])
    used = {c.field for _, c in where} | {
        "response_rate" for _, c in where if c.field == "response"
    }
    named = [k for _, _, k in sorted(spans)]
    if re.search(r"\brespon\w* (?:\w+ )?to (?:our |the |past |marketing |a )?campaigns?\b", text):
        named = [k for k in named if k != "campaigns_accepted"]  # "respond to campaigns"
    if re.search(r"\brespon\w* to (?:\w+ ){0,3}\d+ campaigns\b", text):
        named = [k for k in named if k != "response_rate"]  # "responded to at least 2 campaigns"
    catalog = ctx.catalog
    s.metrics_all = tuple(dict.fromkeys(
        k for k in named
        if k == "response_rate" or (k in catalog and catalog.measure(k).per_customer)
    ))  # fmt: skip
    s.persona_level = [
        k
        for k in dict.fromkeys(named)
        if k in catalog
        and k not in ("size", "share", "response_rate")
        and not catalog.measure(k).per_customer
    ]
    s.size = bool(s.size or {"size"} & set(named) or re.search(r"\bnumber of customers\b", text))
    if any(k.startswith("spend_") for k in s.metrics_all):
        s.metrics_all = tuple(k for k in s.metrics_all if k not in ("total_purchases",
                                                                    "total_spend"))  # fmt: skip
    s.metrics = [k for k in s.metrics_all if k not in used and k != "size"]
    if "kidhome" in used:
        s.metrics = [k for k in s.metrics if k != "children"]
    if not s.metrics:
        s.metrics = measured_condition(q.tokens, spans, where, s.metrics_all)
    s.where = tuple(dict.fromkeys(c for _, c in where))
    s.where_at = {c: pos for pos, c in reversed(where)}  # where each condition was said
    flags = [c for c in s.where if c.field in ("response", "complain") and c.op == "=="]
    rate = r"\brates?\b|\blikely to\b|\brespon\w* (?:best|most|least|better|worse|well)\b"
    if not s.metrics and flags and re.search(rate, text):
        s.metrics = [flags[0].field]
        s.where = tuple(c for c in s.where if c is not flags[0])
    s.groups = compared_groups(where, text)
    if s.groups:
        grouped = {c.field for g in s.groups for c in g}
        grouped |= {"response_rate"} if "response" in grouped else set()
        s.metrics = [k for k in s.metrics_all if k not in grouped and k != "size"]
    s.metrics = ["response" if k == "response_rate" else k for k in s.metrics]
    keys_by, by_read, dim_words = groupings(ctx, text)
    _mark(s, by_read)
    _mark(s, dim_words, "xdimx")
    if keys_by:
        s.where = tuple(c for c in s.where if c.field not in keys_by)
        s.groups = ()
    s.by = tuple(keys_by)
    _cues(s, text, q.raw)
    return s


def _cues(s: Slots, text: str, raw: str) -> None:
    toks = set(s.tokens)
    if toks & _ASC or "low to high" in text:
        s.order = "asc"
    m = re.search(r"\b(?:top|bottom|best|worst) (\d+)\b", text)
    if m:
        s.top = int(m.group(1))
    elif s.top is not None:
        pass
    elif re.search(r"\b(?:who|which one|which is|which has|which spends|which buys)\b.*"
                   r"\b(?:most|least|highest|lowest|best|worst)\b", text) \
            or (re.search(r"\b(?:segment|persona|group|cluster)\b", text)
                and not re.search(r"\b(?:segments|personas|groups|clusters|rank|order|sort)\b",
                                  text)):  # fmt: skip
        s.top = 1
    if "recency_days" in s.metrics[:1] and re.search(r"\brecent(?:ly)?\b", text):
        s.order = "asc" if re.search(r"\bmost recent", text) else s.order
    elif re.search(rf"\b(?:which|what) (?:one|{GROUP_WORDS[3:-1]})\b", text) and \
            not re.search(r"\b(?:which|what) (?:segments|personas|groups|clusters)\b",
                          text):  # fmt: skip
        s.top = 1
    if re.search(r"\bmedian\b", text):
        s.stat = "median"
    elif re.search(r"\bhow many (?:%|percent|per cent|pct)", f"{raw.lower()} {text}"):
        s.stat = "share"  # "how many % are married"
    elif re.search(
        r"\bhow many\b|\bnumber of (?:customers|people|clients|shoppers)\b|"
        r"(?<!purchase )(?<!visit )(?<!order )\bcounts?\b",
        text,
    ) and not re.search(r"\b(?:average|avg|mean|typical) (?:number|count)\b|\bon average\b|"
                        r"\btypically\b|\bon avg\b", text):  # fmt: skip
        s.stat = "count"
    elif "%" in raw or re.search(
        r"\b(?:share|percent|percentage|proportion|fraction|what part)\b", text
    ):
        s.stat = "share"
    elif re.search(r"\b(?:sum|summed|combined|altogether)\b|\btotal (?!spend|purchases)|"
                   r"\btotal (?:spend|purchases) (?:across|for all|of all|from all)\b",
                   text):  # fmt: skip
        s.stat = "sum"
    elif re.search(r"\b(?:average|avg|mean|typical|typically)\b", text):
        s.stat = "mean"
    if re.search(r"\b(?:chart|graph|plot|visuali[sz]e|bar|pie|histogram)\b", text):
        s.show = "chart"
    elif re.search(r"\b(?:table|tabulate|spreadsheet)\b", text):
        s.show = "table"
