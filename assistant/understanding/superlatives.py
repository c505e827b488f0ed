"""Personas named by a ranking: "the biggest segment", "the two richest personas", "our
oldest persona", "the top segment by income", "the persona with the highest response rate".

`persona_refs` turns such a phrase into the persona ids it names, ranked on the profile's
aggregates, and marks its words as read; a question that asks *which* persona is the oldest
is a ranking, not a reference, and is left to the reader. `adjective_measure` is the measure
an adjective ranks by ("oldest" -> age).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.tools.context import ChatContext
from assistant.understanding.grouping import GROUP_WORDS

__all__ = ["adjective_measure", "persona_refs"]

_SIZE = {"biggest": "desc", "largest": "desc", "smallest": "asc", "big": "desc"}
_ADJ = {"oldest": ("age", "desc"), "youngest": ("age", "asc"), "richest": ("income", "desc"),
        "wealthiest": ("income", "desc"), "poorest": ("income", "asc")}  # fmt: skip
_TOP = {"top": "desc", "best": "desc", "highest": "desc", "most": "desc", "biggest": "desc",
        "largest": "desc", "lowest": "asc", "bottom": "asc", "worst": "asc",
        "least": "asc", "fewest": "asc"}  # fmt: skip
_STATS = frozenset("average avg mean median total typical household annual".split())
_ORDINAL = {"second": 1, "2nd": 1, "third": 2, "3rd": 2}
_NUMBER = {"two": 2, "three": 3, "2": 2, "3": 3, "4": 4}
_ENDS = ("", "one", "ones", "and", "or", "vs", "versus", "to", "through")

Span = tuple[int, int, str]
Mark = Callable[[range], None]


def adjective_measure(ctx: ChatContext, word: str) -> tuple[str, str] | None:
    """(measure key, order) an adjective ranks by in this catalog ("oldest" -> age, desc)."""
    if word not in _ADJ:
        return None
    key, order = _ADJ[word]
    if key == "income":
        money = [m.key for m in ctx.catalog.metrics if m.per_customer and
                 re.search(r"income|salary|earn", f"{m.key} {m.label}".lower())]  # fmt: skip
        key = "income" if "income" in money else (money[0] if money else "")
    return (key, order) if key in ctx.catalog else None


def _value(ctx: ChatContext, seg, key: str) -> float | None:  # noqa: ANN001 - a SegmentProfile
    if key == "size":
        return float(seg.size)
    if key in ("response_rate", "response"):
        return seg.response.rate if seg.response is not None else None
    stat = seg.metrics.get(key)
    return stat.mean if stat is not None else None


def _ranked(ctx: ChatContext, key: str, order: str, n: int) -> list[int]:
    scored = [(v, seg.id) for seg in ctx.segments if (v := _value(ctx, seg, key)) is not None]
    scored.sort(reverse=order == "desc")
    return [i for _, i in scored[:n]]


def persona_refs(
    ctx: ChatContext, tokens: list[str], spans: list[Span], taken: set[int], mark: Mark
) -> tuple[list[int], list[Span], tuple[str, str] | None]:
    """(persona ids named by rankings, the metric spans left, (key, order) of the first
    ranking) for a question's tokens; ``mark`` records the words read."""
    text = " ".join(tokens)
    found: list[int] = []
    left = list(spans)
    first: tuple[str, str] | None = None
    asks_which = bool(re.match(rf"(?:which|who)\b|what {GROUP_WORDS}\b", text))

    def add(key: str, order: str, n: int, words: range, nth: int = 0) -> None:
        nonlocal first
        if not key or set(words) & taken:
            return
        found.extend(i for i in _ranked(ctx, key, order, n + nth)[nth:] if i not in found)
        first = first or (key, order)
        taken.update(words)
        mark(words)
        left[:] = [sp for sp in left if not set(range(sp[0], sp[1])) & set(words)]

    for i, tok in enumerate(tokens):
        n, start, nth = 1, i, 0
        if i and tokens[i - 1] in _NUMBER:
            n, start = _NUMBER[tokens[i - 1]], i - 1
        elif i and tokens[i - 1] in _ORDINAL:  # "the second-largest segment"
            nth, start = _ORDINAL[tokens[i - 1]], i - 1
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        group = bool(re.fullmatch(GROUP_WORDS, nxt))
        end = i + 2 if group else i + 1
        if tok in _SIZE and (group or nxt in _ENDS):  # "the biggest segment"
            add("size", _SIZE[tok], n, range(start, end), nth)
        elif tok in _ADJ and (group or nxt in _ENDS) and not asks_which:  # "our oldest persona"
            key, order = adjective_measure(ctx, tok) or ("", "")
            add(key, order, n, range(start, end), nth)
        elif tok in _TOP and not asks_which:
            span = next((sp for sp in left if sp[0] in (i + 1, i + 2)), None)  # "highest income
            if span and span[0] == i + 2 and tokens[i + 1] not in _STATS | {"campaign"}:
                span = None  # persona", "least campaign-responsive persona"
            if span and span[1] < len(tokens) and re.fullmatch(GROUP_WORDS, tokens[span[1]]):
                add(span[2], _TOP[tok], n, range(start, span[1] + 1))
                continue
            by = next((sp for sp in left if sp[0] == i + 3), None)  # "top segment by income"
            if group and by and tokens[i + 2] in ("by", "on", "for", "in"):
                add(by[2], _TOP[tok], n, range(start, by[1]))
                continue
            lead = 3 if tokens[max(0, i - 2) : i] == ["with", "the"] else 2
            with_ = i >= lead and re.fullmatch(GROUP_WORDS, tokens[i - lead]) and \
                tokens[i - lead + 1] == "with"  # fmt: skip
            skip = 1
            while skip < 3 and i + skip < len(tokens) and tokens[i + skip] in _STATS:
                skip += 1  # "lowest avg household income"
            span = next((sp for sp in left if sp[0] == i + skip), None)  # "segment with most X"
            if with_ and span:
                add(span[2], _TOP[tok], 1, range(i - lead, span[1]))
            elif with_ and tokens[i + 1 : i + 2] in (["customers"], ["members"], ["people"]):
                add("size", _TOP[tok], 1, range(i - lead, i + 2))  # "with the fewest customers"
    return found, left, first
