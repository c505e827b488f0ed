"""Attributes a question names by words rather than numbers: category levels ("PhD",
"not married", "women") and presence words ("with kids", "complained", "did not respond").

Both return conditions with the position of their first word, and record the words they
read through ``mark`` (the slot filler's). `measured_condition` finds a figure asked of the
field a condition is on ("the average income of customers earning over 60k").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.query import Condition
from assistant.tools.context import ChatContext

__all__ = ["LEVEL_WORDS", "levels", "measured_condition", "presence"]

Mark = Callable[..., None]  # mark(indices, tag=None)
_NOT_STATUS = frozenset(
    "putting put get getting bring pull all go them personas segments groups combined".split()
)  # words before "together" that do not make a couple

_HELD = frozenset("have has had hold holds holding got a an the with any in from".split())
_NOT_BEFORE = r"\b(?:not|never|without)\s+(?:\w+\s+)?$"  # contractions are "not" by now (spelling)
_PRESENCE = (
    (r"\b(?:with|have|has|having|had) (?:small|young|little) (?:kids|children)\b",
     ("kidhome", ">", 0)),
    (r"\b(?:without|no) (?:small|young|little) (?:kids|children)\b", ("kidhome", "==", 0)),
    (r"\b(?:with|have|has|having|had) (?:kids|children|a kid|a child)\b|\bparents\b",
     ("children", ">", 0)),
    (r"\b(?:without|no) (?:kids|children)\b|\bchildless\b|\bchild free\b", ("children", "==", 0)),
    (r"\b(?:with|have|has|having) (?:teens|teenagers)\b", ("teenhome", ">", 0)),
    (r"\b(?:responded|respond|responders?)\b", ("response", "==", 1)),
    (r"\b(?:complained|complain|complainers?|complaints?)\b", ("complain", "==", 1)),
    (r"\b(?:with|have|has|having) a partner\b|\b(?:live|lives|living) with a partner\b|"
     r"\bcouples?\b",
     ("partner", "==", "Yes")),
    (r"\b(?:without a partner|no partner|live alone|living alone|lives alone)\b",
     ("partner", "==", "No")),
)  # fmt: skip


LEVEL_WORDS = {"male": ("men", "man", "males", "guys", "blokes", "gents", "gentlemen", "lads"),
               "female": ("women", "woman", "females", "ladies", "gals")}  # fmt: skip


def _data_levels(ctx: ChatContext, column: str) -> tuple[str, ...]:
    """The levels of a category column of the loaded table (at most 30), for catalogs made
    from a table's columns, which do not list them."""
    view = ctx.customer_view
    if view is None or column not in view.columns:
        return ()
    values = view[column].dropna().astype(str).unique()
    return tuple(sorted(values)) if len(values) <= 30 else ()


def presence(
    text: str, keys: set[str], have: set[str], persona_tokens: set[int], mark: Mark,
    none: frozenset[str] = frozenset(),
) -> list[tuple[int, Condition]]:  # fmt: skip
    """Conditions said by presence words ("with kids", "complained", "did not respond",
    "couples"), as (token position, condition), for attributes not already given; or, for
    the keys in ``none`` (already given as none: "without kids"), the other side of a
    comparison ("customers with kids and customers without kids")."""
    where: list[tuple[int, Condition]] = []
    for pattern, (key, op, value) in _PRESENCE:
        m = re.search(pattern, text)
        if m and key == "response" and re.search(r"^\W*(?:\w+ ){0,4}\d+ campaigns\b",
                                                 text[m.end() :]):  # fmt: skip
            continue  # "responded to at least 2 campaigns": campaigns accepted, not the last
        other_side = (
            bool(m)
            and key in none
            and op == ">"
            and not re.search(_NOT_BEFORE, text[: m.start()] if m else "")
        )
        if m and key in keys and (key not in have or other_side):
            first = len(text[: m.start()].split())
            if set(range(first, first + len(m.group(0).split()))) & persona_tokens:
                continue
            negation = re.search(_NOT_BEFORE, text[: m.start()])
            if negation and op == ">":
                op, value = "==", 0  # "don't have kids"
            elif negation and value == "Yes":
                value = "No"  # "not living with a partner"
            elif negation and key in ("response", "complain"):
                value = 0  # "did not respond", "never complained"
            if negation:
                mark(range(len(text[: negation.start()].split()), first))
            where.append((first, Condition(field=key, op=op, value=value)))
            have.add(key)
            mark(range(first, first + len(m.group(0).split())))
    for m in re.finditer(r"\bnon (?:parents|complainers|responders)\b", text):  # the rest
        first = len(text[: m.start()].split())
        mark(range(first, first + 2))
    return where


def levels(ctx: ChatContext, toks: list[str], read: set[int], mark: Mark) -> list:
    """Conditions said by category levels ("PhD", "not married", "anything other than
    single", "women"), as (token position, condition)."""
    where: list[tuple[int, Condition]] = []
    for dim in ctx.catalog.dimensions:
        words = {w.lower(): lv for w, lv in dim.words.items()}
        levels = dim.levels or _data_levels(ctx, dim.source)
        words.update({lv.lower(): lv for lv in levels if not lv.isdigit()})
        for lv in levels:
            words.update({w: lv for w in LEVEL_WORDS.get(lv.lower(), ())})
        named = {dim.label.lower(), dim.key.replace("_", " "), *map(str.lower, dim.synonyms)}
        for phrase, level in words.items():  # levels of two words: "2n cycle"
            parts = phrase.split()
            if len(parts) > 1:
                hits = [i for i in range(len(toks)) if toks[i : i + len(parts)] == parts]
                for i in hits:
                    if not set(range(i, i + len(parts))) & read:
                        where.append((i, Condition(field=dim.key, op="==", value=level)))
                        mark(range(i, i + len(parts)), "xlevelx")
        for i, tok in enumerate(toks):
            level = words.get(tok)
            if level is None or i in read or (tok == "basic" and "education" not in toks):
                continue
            if tok in ("yes", "no"):  # a yes/no attribute is read from its words, not these
                continue
            if tok == "together" and i and (toks[i - 1] in _NOT_STATUS or i - 1 in read):
                continue  # "putting together a deck", "the two richest personas together"
            prior = toks[i - 2] if i >= 2 and toks[i - 1] == "s" else toks[i - 1] if i else ""
            if tok in ("graduate", "graduates") and words.get(prior) not in (None, level):
                mark([i])  # "Master's graduates": holders of that level, not Graduation
                continue
            negated = i and toks[i - 1] in ("not", "non", "excluding", "except", "un", "outside",
                                            "without")  # fmt: skip
            back = [j for j in range(max(0, i - 4), i - 1) if toks[j] == "not"
                    and set(toks[j + 1 : i]) <= _HELD]  # fmt: skip
            if not negated and back:  # "who don't have a PhD", "not holding a master's"
                negated = True
                mark(range(back[-1], i - 1))
            if not negated and i >= 2 and toks[i - 2] in ("except", "excluding", "outside",
                                                          "without") \
                    and toks[i - 1] in ("the", "for", "of", "a", "an"):  # fmt: skip
                negated = True  # "except the widowed ones", "outside the West", "without a PhD"
                mark([i - 2])
            before = " ".join(toks[max(0, i - 2) : i])
            other = before in (
                "other than",
                "anything but",
                "except for",
                "anyone but",
                "anybody but",
                "everyone but",
                "all but",
            )  # "other than married"
            where.append((i, Condition(field=dim.key, op="!=" if negated or other else "==",
                                       value=level)))  # fmt: skip
            mark(range(i - 2, i) if other else [i - 1] if negated else [], None)
            mark([i], "xlevelx")
            if i + 1 < len(toks) and toks[i + 1] in named:
                mark([i + 1], "xlevelx")  # "the North region", "the East area"
    return where


_STAT_WORDS = frozenset("average avg mean median typical sum".split())


def measured_condition(
    tokens: list[str], spans: list[tuple[int, int, str]], where: list, named: tuple[str, ...]
) -> list[str]:
    """The metric a figure is asked of when it is also the condition's field: "the average
    income of customers earning over 60k", "median wine spend among those who spend more
    than 500 on wine" - a statistic word right before the metric, said apart from its
    condition (or the metric said twice); [] otherwise."""
    at = {c.field: pos for pos, c in where}
    for a, _, key in sorted(spans):
        if key not in at or key not in named:
            continue
        stated = _STAT_WORDS & set(tokens[max(0, a - 5) : a])  # "average number of days"
        twice = sum(k == key for _, _, k in spans) >= 2
        if (stated and abs(at[key] - a) > 2) or twice:
            return [key]
    return []
