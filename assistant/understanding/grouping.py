"""Groupings and compared groups in a question, for the offline reader's slot filling.

`groupings` reads "by education", "per persona", "for each segment split by partner
status", "persona by marital status" (at most two); `compared_groups` splits conditions
into the groups a comparison sets side by side ("with kids ... than those without",
"married vs single", "over 80k with under 40k").
"""

from __future__ import annotations

import re

from assistant.query import Condition
from assistant.tools.context import ChatContext

__all__ = ["ranked_dimension", "GROUP_WORDS", "complement", "compared_groups", "groupings"]

GROUP_WORDS = r"(?:segments?|personas?|groups?|clusters?)"
_SEPARATOR = (
    r"\b(?:vs|versus|against|than|compared? (?:to|with)|(?:with|to|and) (?:those|the "
    r"ones|ones|households|customers|people|shoppers|the rest|everyone else))\b"
)


def complement(c: Condition) -> Condition:
    if c.op == ">" and c.value == 0:
        return Condition(field=c.field, op="==", value=0)
    flip = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!=", "!=": "=="}
    if isinstance(c.value, float | int) and c.op == "==" and c.value in (0, 1):
        return Condition(field=c.field, op="==", value=1 - c.value)
    if c.value in ("Yes", "No"):
        return Condition(field=c.field, op="==", value="No" if c.value == "Yes" else "Yes")
    return Condition(field=c.field, op=flip.get(c.op, "!="), value=c.value, high=c.high)


def compared_groups(where: list, text: str) -> tuple[tuple[Condition, ...], ...]:
    """Two groups of customers compared: conditions on either side of "vs"/"than those",
    one condition and its complement ("with kids ... those without"), or two values of
    one field ("married vs single")."""
    conds = [c for _, c in where]
    fields = [c.field for c in conds]
    for f in dict.fromkeys(fields):
        same = list(dict.fromkeys(c for c in conds if c.field == f))  # "women over 50 vs women"
        first = min(pos for pos, c in where if c.field == f)
        later = [c for pos, c in where if c.field != f and pos > first]  # not a shared base
        if len(same) >= 2 and (not later or not re.search(_SEPARATOR, text)):
            return tuple((c,) for c in same)
    m = re.search(_SEPARATOR, text)
    if m is None or not conds:
        return ()
    at = len(text[: m.start()].split())
    left = tuple(c for pos, c in where if pos < at)
    right = tuple(c for pos, c in where if pos > at)
    if left and right:
        return (left, right)
    if len(left) == 1 and not right:
        return (left, (complement(left[0]),))  # "X vs those without", "X vs the rest"
    return ()


def groupings(ctx: ChatContext, text: str) -> tuple[list[str], list[int], list[int]]:
    """'by education', 'per persona', 'for each segment split by partner status', 'persona
    by marital status': the groupings, at most two; a flag named after "by" ("by whether
    they live with a partner") groups rather than filters. Also the token positions read
    (a persona grouping's words) and those of the dimensions' words (tagged ``xdimx``)."""
    dims: dict[str, str] = {}
    for dim in ctx.catalog.dimensions:
        for word in {
            dim.label.lower(),
            dim.key.replace("_", " "),
            *[w.lower() for w in dim.synonyms],
        }:
            dims[word] = dim.key
    dims.update({w: "partner" for w in ("live with a partner", "lives with a partner",
                 "living with a partner", "have a partner", "has a partner")})  # fmt: skip
    dims.update({"partner": "partner", "complaint": "complain", "complaints": "complain",
                 "responded": "response", "response": "response"})  # fmt: skip
    found: list[tuple[int, str]] = []
    read: list[int] = []
    named: list[int] = []  # token positions of dimension words
    lead = (
        r"(?:by|per|across|for each|for every|each|split by|broken down by|breakdown by|"
        r"split of|breakdown of|mix of|distribution of|split across)"
    )
    m = re.search(r"\b(?:persona|personas|segment|segments|group|groups|cluster|clusters) "
                  r"(?:by|x|and)\b", text)  # fmt: skip
    if m:
        found.append((m.start(), "persona"))
    tails = rf"\b{lead} (?=(?:the |their )?(?:each )?(?:whether (?:they )?)?([a-z ]+))"
    for m in re.finditer(tails, text):  # a lookahead: each lead reads its own tail
        tail = m.group(1)[:60]
        first = len(text[: m.start()].split())
        persona = re.match(rf"(?:the |their )?(?:each )?{GROUP_WORDS}\b", text[m.end() :])
        if persona:
            found.append((m.start(), "persona"))
            read += range(first, first + len(m.group(0).split()) + len(persona.group(0).split()))
        known = {d.key for d in ctx.catalog.dimensions}
        words = sorted((w for w, k in dims.items() if k in known), key=len, reverse=True)
        pos = 0
        joint = re.compile(r"\s*(?:and|x|,|then|split|broken down|further)?\s*(?:by )?"
                           r"(?:their |the |whether (?:they )?)?")  # fmt: skip
        while True:  # dimension words right after the lead, joined by "and" / "split by"
            group = re.match(rf"{GROUP_WORDS}\b", tail[pos:])
            if group:  # "per segment and education", "per gender and persona"
                found.append((m.start(1) + pos, "persona"))
                pos += group.end()
                pos += joint.match(tail, pos).end() - pos
                continue
            word = next((w for w in words if re.match(rf"{re.escape(w)}\b(?! rates?\b)",
                                                      tail[pos:])), None)  # fmt: skip
            if word is None:
                break
            found.append((m.start(1) + pos, dims[word]))
            at = len(text[: m.start(1) + pos].split())
            named += range(at, at + len(word.split()))
            pos += len(word)
            pos += joint.match(tail, pos).end() - pos
    return list(dict.fromkeys(k for _, k in sorted(found)))[:2], read, named


def ranked_dimension(ctx: ChatContext, tokens: list[str]) -> str | None:
    """The attribute a 'which ... most' question ranks instead of personas ("which education
    level spends most on wine": each level's figure, not the personas')."""
    text = " ".join(tokens)
    for dim in ctx.catalog.dimensions:
        words = {dim.label.lower(), dim.key.replace("_", " "), *map(str.lower, dim.synonyms)}
        for word in sorted(words, key=len, reverse=True):
            if re.match(rf"(?:which|what) {re.escape(word)}\b", text):
                return dim.key
    return None
