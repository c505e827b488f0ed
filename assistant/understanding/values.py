"""Values in a question, for the offline router: a customer's attributes, count filters and
what-if changes, read from the canonical tokens of `assistant.understanding.reading`.

A value is a number with its comparison (``gt 60000 usd``, ``btw 30 40``, or a bare
``2``); it is bound to the attribute its neighbours name: a unit after it ("2 kids",
"45 years old", "30 days", "5 times a month"), else the nearest content words before it
("earning", "aged", "spend ... on wine"), else an amount ("$60k") is income.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from assistant.understanding.reading import Vocabulary

__all__ = ["Value", "count_filters", "customer_attributes", "customer_changes", "values"]

_OPS = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "eq": "=="}
_KIDS = frozenset("kid kids child children baby babies toddler toddlers".split())
_TEENS = frozenset("teen teens teenager teenagers".split())
_YEARS = frozenset("year years yr yrs yo".split())
_INCOME = frozenset(
    "income incomes earn earns earning earnings earned earner earners salary salaries make "
    "makes making made paid wage wages household".split()
)
_AGE = frozenset({"age", "aged", "ages"})
_SPEND = frozenset("spend spends spent spending spender spenders".split())
_BUY = frozenset("buy buys bought buying purchase purchases purchased order orders ordered".split())
_VISIT = frozenset("visit visits visited visiting browse browses website site".split())
_FILLER = frozenset(
    "a an the of is are was were be been with who whom that than and their his her per on in "
    "at for by about around roughly approximately some customers customer people person "
    "persona segment have has had having".split()
)


@dataclass(frozen=True)
class Value:
    """A number in a question: comparison (``>``, ``>=``, ``<``, ``<=``, ``==``,
    ``between``), value(s), whether written as an amount, and its token span."""

    op: str
    low: float
    high: float | None
    money: bool
    start: int
    end: int


def _number(token: str) -> float | None:
    return float(token) if re.fullmatch(r"\d+(?:\.\d+)?", token) else None


def values(tokens: list[str], skip: Container[int] = frozenset()) -> list[Value]:
    """Every number of the tokens with its comparison (tokens in ``skip`` are not read)."""
    out: list[Value] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i in skip:
            i += 1
            continue
        op, j = "==", i
        if tok in _OPS or tok == "btw":
            op, j = _OPS.get(tok, "between"), i + 1
        first = _number(tokens[j]) if j < len(tokens) and j not in skip else None
        if first is None:
            i += 1
            continue
        end, high = j + 1, None
        if op == "between" and end < len(tokens):
            high = _number(tokens[end])
            end += high is not None
            if high is None:
                op = "=="
        money = end < len(tokens) and tokens[end] == "usd"
        end += money
        out.append(Value(op, first, high, money, i, end))
        i = end
    return out


def _before(tokens: list[str], start: int, limit: int = 3) -> list[str]:
    """Up to ``limit`` content words before a position, nearest first (stops at a number)."""
    out: list[str] = []
    for k in range(start - 1, -1, -1):
        tok = tokens[k]
        if _number(tok) is not None or tok in _OPS or tok == "btw" or tok == "usd":
            break
        if tok not in _FILLER:
            out.append(tok)
        if len(out) == limit:
            break
    return out


def _bind(tokens: list[str], v: Value, vocab: Vocabulary) -> str | None:
    """The attribute a value is about, from its neighbours (see the module docstring)."""
    after = tokens[v.end : v.end + 4]
    a0 = after[0] if after else ""
    a1 = after[1] if len(after) > 1 else ""
    before = _before(tokens, v.start)
    near_after = [t for t in after if _number(t) is None][:3]
    if a0 in _KIDS or (a0 in ("small", "young", "little") and a1 in _KIDS):
        return "kidhome"
    if a0 in _TEENS:
        return "teenhome"
    if a0 in _YEARS:
        return None if {"customer", "member", "tenure"} & set(after) else "age"
    if before and before[0] in _AGE | {"older", "younger"}:
        return "age"
    if a0 in ("day", "days"):
        return "recency_days"
    if a0 in ("campaign", "campaigns", "offers"):
        return "campaigns_accepted"
    context = set(before) | set(near_after)
    if a0 in ("visit", "visits") or (a0 in ("time", "times") and context & _VISIT):
        return "web_visits_month"
    if a0 in ("purchase", "purchases", "order", "orders") or (
        a0 in ("time", "times") and context & _BUY
    ):
        channels = vocab.channels
        channel = next((channels[t] for t in [*near_after, *before] if t in channels), None)
        return channel or "total_purchases"
    categories = vocab.categories
    category = next((categories[t] for t in [*near_after, *before] if t in categories), None)
    if set(before) & _SPEND or (category and (v.money or set(near_after) & _SPEND)):
        return category or "total_spend"
    if set(before) & _INCOME or set(near_after[:2]) & _INCOME:
        return "income"
    if {"a", "per"} & set(after[:1]) and "year" in after[:2]:
        return "income"
    if v.money or v.low >= 1000:
        return "income"
    return None


def _words(tokens: list[str], skip: Container[int]) -> list[str]:
    return [t for i, t in enumerate(tokens) if i not in skip]


def _categories(words: list[str], levels: bool, vocab: Vocabulary) -> dict[str, str]:
    """Education and marital status named in the words ("with a PhD", "married");
    ``levels`` also reads education levels ("postgraduates"), which only counts filter on."""
    out: dict[str, str] = {}
    text = " ".join(words)
    degrees = vocab.levels.get("education", {})
    grades = vocab.levels.get("education_level", {})
    marital = vocab.levels.get("marital_status", {})
    for w in words:
        if w in degrees and (w != "basic" or "education" in words):
            out.setdefault("education", degrees[w])
        elif levels and w in grades:
            out.setdefault("education", grades[w])
        elif w in marital:
            out.setdefault("marital_status", marital[w])
    if re.search(r"\b(?:live|lives|living) together\b|\bunmarried couples?\b", text):
        out.setdefault("marital_status", "Together")
    if "2n cycle" in text:
        out["education"] = "2n Cycle"
    return out


def customer_attributes(
    tokens: list[str], vocab: Vocabulary, skip: Container[int] = frozenset()
) -> dict[str, Any]:
    """A described customer as `assign_customer` arguments ("a 45-year-old with 2 kids
    earning 60k" -> age 45, kids 2, income 60000)."""
    out: dict[str, Any] = {}
    for v in values(tokens, skip):
        name = _bind(tokens, v, vocab)
        if name is None or name == "total_spend" or name == "total_purchases" or name in out:
            continue
        number = v.low if v.high is None else (v.low + v.high) / 2
        out[name] = int(number) if number.is_integer() else number
    out.update(_categories(_words(tokens, skip), levels=False, vocab=vocab))
    return out


_PRESENCE = (  # (pattern, filter) for conditions stated without a number
    (r"\b(?:have|has|with|having) (?:kids|children|a kid|a child)\b", ("children", ">=", 1)),
    (r"\bparents\b", ("children", ">=", 1)),
    (r"\b(?:have|has|with|having) (?:teens|teenagers)\b", ("teenhome", ">=", 1)),
    (r"\b(?:responded|respond|responders?)\b", ("response", "==", 1)),
    (r"\b(?:complained|complain|complaints?)\b", ("complain", "==", 1)),
    (r"\baccepted (?:a|any|at least 1) (?:past )?(?:campaigns?|offers?)\b",
     ("campaigns_accepted", ">=", 1)),
    (r"\b(?:with|have|has|having) a partner\b|\bin a couple\b|\bcouples\b",
     ("partner", "==", "Yes")),
    (r"\b(?:without a partner|no partner|live alone|living alone|lives alone)\b",
     ("partner", "==", "No")),
)  # fmt: skip
_COLUMN = {"kidhome": "children"}  # "2 kids" of a count: children at home


def count_filters(
    tokens: list[str], vocab: Vocabulary, skip: Container[int] = frozenset()
) -> list[dict[str, Any]]:
    """Count-tool filters of a question ("earn more than 60k" -> income > 60000; "have two
    kids" -> kids == 2; "with a PhD" -> education == PhD)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for v in values(tokens, skip):
        name = _bind(tokens, v, vocab)
        if name is None and v.op != "==" and 15 <= v.low <= 110 and not v.money:
            name = "age"  # "how many are over 60"
        if name is None:
            continue
        column = _COLUMN.get(name, name)
        if v.op == "between":
            out.append({"column": column, "op": "between", "values": [v.low, v.high]})
        else:
            out.append({"column": column, "op": v.op, "value": v.low})
        seen.add(column)
    words = _words(tokens, skip)
    text = " ".join(words)
    for pattern, (column, op, value) in _PRESENCE:
        if column not in seen and re.search(pattern, text):
            out.append({"column": column, "op": op, "value": value})
            seen.add(column)
    for name, value in _categories(words, levels=True, vocab=vocab).items():
        out.append({"column": name, "op": "==", "value": value})
    return out


_N = r"(\d+(?:\.\d+)?)"
_UP = (r"(?:rises?|rose|risen|increases?|increased|goes up|went up|grows?|grew|jumps?|"
       r"climbs?|is raised|was raised|goes|went|up)")  # fmt: skip
_DOWN = (r"(?:falls?|fell|drops?|dropped|decreases?|decreased|goes down|went down|"
         r"shrinks?|declines?|is cut|was cut|down)")  # fmt: skip
_INC = r"(?:income|salary|earnings|pay)"
_KID = r"(?:kids?|child|children)"
_TEEN = r"(?:teens?|teenagers?)"


def _first(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text)


def customer_changes(text: str, vocab: Vocabulary) -> dict[str, Any]:
    """What-if arguments of a normalized question ("their income rises by 20k" ->
    income_change 20000; "one more child" -> kids_change 1; "if they got married" ->
    changes marital_status Married). Empty when no change is named."""
    out: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    if m := _first(rf"\b{_INC}\b(?: \w+){{0,2}}? {_UP} (?:by )?{_N}", text):
        out["income_change"] = float(m[1])
    elif m := _first(rf"\b{_INC}\b(?: \w+){{0,2}}? {_DOWN} (?:by )?{_N}", text):
        out["income_change"] = -float(m[1])
    elif m := _first(rf"{_N}(?: usd)? (?:more|extra|additional|higher)\b", text):
        if not re.match(rf" *(?:{_KID}|{_TEEN}|years?)\b", text[m.end() :]):
            out["income_change"] = float(m[1])
    if "income_change" not in out:
        if m := _first(rf"{_N}(?: usd)? (?:less|lower)\b(?! than)", text):
            if not re.match(rf" *(?:{_KID}|{_TEEN}|years?)\b", text[m.end() :]):
                out["income_change"] = -float(m[1])
        elif m := _first(
            rf"\b(?:{_INC}|earn|earns|earned|earning|made|makes|making)\b"
            rf"(?: \w+){{0,2}}? (?:to |of |is |was |were |becomes )?{_N} usd",
            text,
        ):
            changes["income"] = float(m[1])
        elif m := _first(rf"\bbtw {_N} {_N} usd", text):
            changes["income"] = float(m[2])
    if m := _first(rf"{_N} (?:more|extra|additional) {_KID}", text):
        out["kidhome_change"] = int(float(m[1]))
    elif m := _first(rf"{_N} (?:fewer|less) {_KID}", text):
        out["kidhome_change"] = -int(float(m[1]))
    elif _first(r"\b(?:1|new) bab(?:y|ies)\b|\bhad a baby\b|\bhas a baby\b", text):
        out["kidhome_change"] = 1
    elif m := _first(rf"\b{_N} {_KID}\b", text):
        changes["kidhome"] = int(float(m[1]))
    if m := _first(rf"{_N} (?:more|extra|additional) {_TEEN}", text):
        out["teenhome_change"] = int(float(m[1]))
    elif m := _first(rf"{_N} (?:fewer|less) {_TEEN}", text):
        out["teenhome_change"] = -int(float(m[1]))
    elif m := _first(rf"\b{_N} {_TEEN}\b", text):
        changes["teenhome"] = int(float(m[1]))
    if m := _first(rf"{_N} years? older", text):
        out["age_change"] = float(m[1])
    elif m := _first(rf"{_N} years? younger", text):
        out["age_change"] = -float(m[1])
    elif m := _first(
        rf"\b(?:were|was|is|are|turns?|turned|aged|age|at) {_N}\b(?! usd)"
        rf"(?! {_KID}| {_TEEN})|\b{_N} years? old\b",
        text,
    ):
        changes["age"] = float(m[1] or m[2])
    tokens = text.split()
    changes.update(_categories(tokens, levels=False, vocab=vocab))
    if m := _first(rf"\bspen(?:d|ds|t|ding) {_N}(?: usd)? on (\w+)", text):
        key = vocab.categories.get(m[2])
        if key:
            changes[key] = float(m[1])
    if m := _first(rf"\bvisits? (?:the )?(?:web ?site|site) {_N} times", text):
        changes["web_visits_month"] = float(m[1])
    if changes:
        out["changes"] = changes
    return out
