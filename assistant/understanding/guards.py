"""Questions the offline reader refuses before reading their parts, whatever else they
say: one customer's value or record, a listing of customers, a cause, a measure a table of
customer totals does not record (order value, margin ...), a change over time (one snapshot)
and a span of time on a table with no dates and no known period. `refusal` says which, in
the words the chat answers with.
"""

from __future__ import annotations

import re

__all__ = ["TREND", "refusal"]

_RECORD = re.compile(r"\b(?:customer|client|member)\s+(?:id\s*|no\.?\s*|number\s*|#\s*)?\d+"
                     r"\b(?!\s*(?:customers|people|years|kids|children|%))|\bid\s*#?\s*\d+",
                     re.I)  # fmt: skip

_SINGLE = re.compile(
    r"\b(?:oldest|youngest|richest|poorest|highest|lowest|biggest|smallest|"
    r"top|best|worst|most|least) (?:single )?(?:customer|shopper|person|buyer|"
    r"client|member|household)\b(?! (?:segment|persona|group|base))"
    r"|\bsingle (?:biggest|largest|highest|top|best|richest|oldest|youngest|most \w+)"
    r"(?: \w+)? (?:customer|shopper|person|buyer|client|member|spender|earner)s?\b"
    r"|^(?:which|what|who) (?:single )?(?:customer|shopper|person|buyer|client|member) "
    r"(?:has|had|is|spends|spent|earns|buys|bought|made|makes|visits)\b"
)  # one customer's value: "the oldest customer", "which customer has the highest score"

_LISTING = re.compile(
    r"\ba list of (?:all )?(?:the |our )?(?:\w+ )?(?:customers|shoppers|clients|members|"
    r"people|households)\b(?! (?:per|by|in each)\b)|"
    r"^(?:please |can you |could you )?(?:(?:list|export|send|pull|dump)(?: me| out)? "
    r"(?:all |every )?|(?:show|give|get)(?: me)? (?:all|every|the names of|the ids of|names of"
    r"|ids of) )(?:the )?(?:names of |ids of )?(?:the )?(?:customers|shoppers|clients|members|"
    r"people|households)\b(?! (?:per|by|in each)\b)"
)  # "list the customers in the East who spend over 1500": rows, not a figure

_NOT_RECORDED = re.compile(
    r"\b(?:average order values?|order values?|aov|basket sizes?|basket values?|margins?|"
    r"profits?|profitability|lifetime values?|clv|ltv|cltv|return rates?|returns rates?|"
    r"net promoter|nps|satisfaction scores?|cost per|costs? of acquisition|acquisition costs?|"
    r"cac|roi|click through|ctr|open rates?|unsubscribe\w*|ratios?|"
    r"(?:spend|spending|revenue|sales|amount|income)s? per (?:purchase|order|visit|transaction|"
    r"item|basket|trip)|(?:toddlers?|babies|infants|kids?|children|teens?) (?:under|below|"
    r"aged|over|lt|gt|lte|gte|older than|younger than) (?:\d+|one|two|three|four|five|six))\b"
)  # measures a customer table of totals does not have

TREND = re.compile(
    r"\bhow (?:has|have|did|do|does) .{0,60}\bchang\w*|\bchang\w* (?:over|since|from|in the "
    r"(?:last|past))\b|\btrend\w*\b|\bover time\b|\bmonth (?:by|on|over) month\b|"
    r"\byear (?:by|on|over) year\b|\bsince (?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|last (?:year|month|quarter))\b"
)  # a change over time: one snapshot cannot say

_SPAN = re.compile(
    r"\b(?:last|past|previous) (?:\d+ )?(?:days?|weeks?|months?|quarters?|years?)\b"
    r"|\b\d+ (?:year|month|week|day)s? (?:total |)?(?:spend|spending|spent|revenue|sales)\b"
    r"|\b(?:over|across|during) (?:the|these|those) \d+ (?:years|months|weeks)\b"
)  # a span of time: "in the last 2 years", "two-year spend"


def refusal(text: str, raw: str, periodless: bool) -> tuple[str, str] | None:
    """(answer, what was understood) when the question (``text`` normalized, ``raw`` as
    typed) asks what the data cannot or must not say; None otherwise. ``periodless``: the
    table has no dates and says no period for its figures."""
    if _SINGLE.search(text):  # "the oldest customer who ...": one customer's value
        return ("I do not show single customers' values (the oldest, the richest ...): only "
                "figures of groups of 11 or more.", "one customer's value")  # fmt: skip
    if text.split()[:1] == ["why"]:
        return ("I can show what differs between customers, not why: the data records what "
                "they bought, not their reasons. Ask me to compare the groups instead.",
                "a question of cause")  # fmt: skip
    missing = _NOT_RECORDED.search(text)
    if missing:
        what = missing.group(0)
        if re.match(r"(?:toddler|bab|infant|kid|child|teen)", what):
            what = "the ages of children"  # "toddlers under three"
        return (f"This data does not record {what}: it has each customer's totals, not "
                "orders, costs, ages of children or time series.", what)  # fmt: skip
    if periodless and _SPAN.search(text):
        return ("This table does not say what period its figures cover and has no dates, so "
                "I cannot answer for a span of time; ask without it for the figures as they "
                "are.", "a span of time")  # fmt: skip
    if _LISTING.search(text):
        return ("I do not list customers: only figures of groups of 11 or more (counts, "
                "shares, averages). Ask how many there are, or what they are like.",
                "a list of customers")  # fmt: skip
    if _RECORD.search(raw):
        return ("I do not show single customers' records: only figures of groups of 11 or "
                "more.", "one customer's record")  # fmt: skip
    return None
