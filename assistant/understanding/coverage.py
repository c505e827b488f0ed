"""What a reading used of a question, and the words the reader knows for one model.

`unused` names what the question mentioned that a query does not use (so the reader declines
rather than answer a different question); `own_words` and `label_phrases` are the words of
the model's own columns; `squeeze` says a repeated phrase once before classification;
`share_base` splits a share's conditions into whom it is a share of and the rest;
`hand_words` are the words of the hand-written phrasings of figure questions.
"""

from __future__ import annotations

import re

from assistant.query import Query
from assistant.tools.context import ChatContext
from assistant.understanding.attributes import LEVEL_WORDS
from assistant.understanding.chatter import CHATTER, SHORTHAND
from assistant.understanding.phrasings import HAND
from assistant.understanding.reading import normalize_question
from assistant.understanding.slots import Slots

__all__ = [
    "category_values",
    "hand_words",
    "label_phrases",
    "level_words",
    "own_words",
    "quoted",
    "share_base",
    "squeeze",
    "unused",
]

_COVERED = {"response_rate": "response", "kidhome": "children", "size": "customers"}


def unused(query: Query, s: Slots) -> str | None:
    """What the question named that the query does not use (a metric, a persona, a number),
    in words; None when everything is used."""
    if s.unbound and not (query.kind == "rank" and query.top):
        return f"the number {s.unbound[0]}"
    used = {query.measure, *query.measures, *query.by}
    used |= {c.field for c in (*query.where, *query.within)}
    used |= {c.field for g in query.groups for c in g}
    used |= {_COVERED.get(k, k) for k in list(used)}
    for key in s.metrics_all:
        if key not in used and _COVERED.get(key, key) not in used and key != "size":
            return f"'{key.replace('_', ' ')}'"
    if s.personas and query.kind == "rank":
        return "the persona you named"
    return None


def category_values(ctx: ChatContext) -> list[str]:
    """The values of the model's categories: their levels and the loaded table's values (up
    to 30 per column)."""
    view = ctx.customer_view
    out: list[str] = []
    for dim in ctx.catalog.dimensions:
        out += dim.levels
        if view is not None and dim.source in view.columns:
            out += view[dim.source].dropna().astype(str).unique()[:30].tolist()
    return out


def level_words(ctx: ChatContext) -> set[str]:
    """The words of the model's category values ("west", "female", "phd")."""
    return {w for v in category_values(ctx) for w in normalize_question(v).split()}


def own_words(ctx: ChatContext) -> set[str]:
    """The words of this model's own columns and levels (the catalog's words, labels and
    the table's category values)."""
    catalog = ctx.catalog
    text = " ".join([*(m.pattern + " " + m.label for m in catalog.measures),
                     *(" ".join([d.label, *d.synonyms, *d.words, *d.levels])
                       for d in catalog.dimensions)]).lower()  # fmt: skip
    own = set(re.findall(r"[a-z]+", text)) | level_words(ctx)
    return own | {w for v in category_values(ctx) for w in LEVEL_WORDS.get(v.lower(), ())}


def squeeze(text: str) -> str:
    """A phrase repeated back to back said once ("and so on and so on" -> "and so on")."""
    words = text.split()
    for n in (4, 3, 2, 1):
        i, out = 0, []
        while i < len(words):
            if i >= n and words[i : i + n] == out[-n:]:
                i += n
                continue
            out.append(words[i])
            i += 1
        words = out
    return " ".join(words)


_FORMS = {
    "spend": ("spends", "spent", "spending", "spender", "spenders"),
    "visit": ("visited", "visiting", "come in", "comes in", "came in", "coming in", "come by",
              "comes by"),
    "purchase": ("purchased", "purchasing", "buys", "bought"),
    "order": ("ordered", "ordering"),
    "earning": ("earns", "earn", "earned"),
}  # fmt: skip


def _forms(word: str) -> tuple[str, ...]:
    """A label word with its plural or singular and the verb forms people use ("visits":
    visit, visited, comes in)."""
    base = word[:-1] if word.endswith("s") and len(word) > 4 else word
    return tuple(dict.fromkeys((word, base, base + "s", *_FORMS.get(base, ()))))


def label_phrases(ctx: ChatContext) -> tuple[tuple[str, str], ...]:
    """(key, phrase) pairs for metrics named by their labels: the whole label, the label
    without a bracketed unit, and each word of four letters or more that one metric alone
    has ("income" for "Annual Income (k$)"), with its other forms (`_forms`)."""
    pairs: list[tuple[str, str]] = []
    owners: dict[str, set[str]] = {}
    for m in ctx.catalog.metrics:
        if not m.per_customer:
            continue
        label = normalize_question(m.label)
        bare = normalize_question(re.sub(r"\(.*?\)", " ", m.label))
        pairs += [(m.key, label), (m.key, bare)]
        spelled = " ".join(SHORTHAND.get(w, w) for w in bare.split())  # as questions are read
        if spelled != bare:  # "days since signup date" is read "days since customer date"
            pairs.append((m.key, spelled))
        for w in bare.split():
            if len(w) >= 4 and w.isalpha() and w not in CHATTER:  # not "customer"
                owners.setdefault(w, set()).add(m.key)
    plain = {m.key for m in ctx.catalog.metrics if not m.pattern}  # a table's own columns
    for w, keys in owners.items():
        if len(keys) == 1:
            key = next(iter(keys))
            pairs += [(key, form) for form in (_forms(w) if key in plain else (w,))]
    if "age" in ctx.catalog:
        pairs.append(("age", "how old"))
    if "recency_days" in ctx.catalog:  # "how many days since they last purchased"
        pairs += [("recency_days", p) for p in ("days since", "since their last purchase",
                                                "since they last bought",
                                                "since they last purchased",
                                                "since they last shopped")]  # fmt: skip
    if "tenure_days" in ctx.catalog:  # "how long have they been with us"
        pairs += [("tenure_days", p) for p in ("been with us", "relationship with us",
                                                "how long")]  # fmt: skip
    income = [m.key for m in ctx.catalog.metrics if m.per_customer
              and re.search(r"income|salary", f"{m.key} {m.label}".lower())]  # fmt: skip
    if income:  # "which segment earns the least"
        pairs += [(income[0], w) for w in ("earns", "earn", "earning", "earners", "makes")]
    return tuple(dict.fromkeys(p for p in pairs if p[1]))


_PREDICATE = frozenset(
    "have has had are is were was do does did responded respond complained complain earn earns "
    "earned spend spends spent bought buy buys live lives hold holds accepted".split()
)


def share_base(s: Slots) -> tuple[tuple, tuple] | None:
    """(the base, the rest) of a share's conditions: those said before its verb describe
    whom it is a share of ("what share of married customers | have a PhD"); None when the
    conditions do not fall on both sides."""
    start = next((i for i, t in enumerate(s.tokens) if t in ("share", "percent", "percentage",
                  "proportion", "fraction")), None)  # fmt: skip
    if start is None:
        return None
    at = s.where_at
    lead = next(
        (i for i, t in enumerate(s.tokens[:start]) if t in ("among", "amongst", "within")),
        0 if s.tokens[:1] == ["of"] else None,
    )  # "of our customers with kids, ..."
    if s.tokens[start - 2 : start] == ["as", "a"] and s.tokens[start + 1 : start + 2] == ["of"]:
        within = tuple(c for c in s.where if at.get(c, -1) > start)  # "PhDs as a share of X"
        rest = tuple(c for c in s.where if at.get(c, -1) < start)
        if within and rest:
            return within, rest
    if lead is not None:  # "among customers with children, what's the share of graduates"
        within = tuple(c for c in s.where if lead < at.get(c, -1) < start)
        rest = tuple(c for c in s.where if at.get(c, -1) > start)
        if within and rest:
            return within, rest
    among = next((i for i, t in enumerate(s.tokens) if i > start and t in ("among", "amongst",
                  "within")), None)  # fmt: skip
    if among is not None:  # "the share of responders among those who bought online"
        within = tuple(c for c in s.where if at.get(c, 0) > among)
        rest = tuple(c for c in s.where if at.get(c, 0) < among)
        if within and rest:
            return within, rest
    verb = next((i for i, t in enumerate(s.tokens) if i > start and t in _PREDICATE), None)
    if verb is None:
        return None
    within = tuple(c for c in s.where if s.where_at.get(c, 0) < verb)
    rest = tuple(c for c in s.where if s.where_at.get(c, 0) >= verb)
    return (within, rest) if within and rest else None


def hand_words() -> set[str]:
    """The words of the hand-written phrasings (the tuned ones come from bank questions,
    whose qualifiers - "weekends", "2019" - must not pass as read in a figure)."""
    lines = [line.split("\t", 1) for line in HAND.strip().splitlines()]
    return {w for kind, text in lines if kind != "decline" for w in text.split()}


def quoted(words: tuple[str, ...]) -> str:
    """Up to four words, quoted, once each: "'region', 'berlin'"."""
    shown = [f"'{w}'" for w in dict.fromkeys(words)][:4]
    return ", ".join(shown)
