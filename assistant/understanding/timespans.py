"""Time spans in a question, read against what each column means: "bought in the last 3
months" is recency, "joined in the last 2 years" is tenure, "complained in the last 2 years"
or "spent over the two years" is the window the column already covers (read, no condition).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.query import Condition

__all__ = ["BUY", "DAYS", "Mark", "time_conditions"]

Mark = Callable[..., None]  # mark(token indices, tag=None): record tokens as read

_TIME = re.compile(
    r"\b(?:in|within|over|during|for|since)? ?(?:the )?(?:last|past) "
    r"(?:(\d+(?:\.\d+)?) )?(day|days|week|weeks|month|months|quarter|quarters|year|years)\b"
)
# "two-year spend", "over the two years": the window the reference table's spend covers
_WINDOW = re.compile(
    r"\b(?:(?:over|in|across|during|for|from) (?:the|these|those) )?(\d+) years?"
    r"(?:(?= (?:total |wine |meat |fish |fruit |sweets |gold )?(?:spend|spending|spent|total|"
    r"revenue|sales|value|purchases))|(?<=years)(?! (?:old|of age|ago)\b))"
)
DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 90, "year": 365}
BUY = r"\b(?:bought|buy|buying|purchased?|shopped|shop|ordered|order|active|visited)\b"
_JOIN = r"\b(?:joined|join|signed|became|new|enrolled|registered|acquired|onboarded)\b"
_NOT = r"\b(?:not|havent|hasnt|haven t|hasn t|didnt|no|without|inactive|lapsed)\b"


def time_conditions(
    toks: list[str], catalog_keys: set[str], mark: Mark, spend_years: int | None = None
) -> list[tuple[int, Condition]]:
    """Conditions said by time spans, as (token position, condition), read against what the
    column means (see the module docstring); the spans read are marked. ``spend_years``: the
    years the table's spend covers, when it says (the reference table: 2); a span of years
    said of spend is read only when it is that one."""
    out: list[tuple[int, Condition]] = []
    joined = " ".join(toks)
    for m in _TIME.finditer(joined):
        first = len(joined[: m.start()].split())
        span = range(first, first + len(m.group(0).split()))
        n = float(m.group(1) or 1) * DAYS[m.group(2).rstrip("s")]
        before = joined[: m.start()][-60:]
        verbs = {name: max((h.end() for h in re.finditer(pattern, before)), default=-1)
                 for name, pattern in (("window", r"\bcomplain|\bspen[dt]|\bcampaign"),
                                       ("join", _JOIN), ("buy", BUY))}  # fmt: skip
        verb = max(verbs, key=lambda k: verbs[k])
        if re.search(r"\bvisit\w* .*\btimes\b", joined) and "web_visits_month" in catalog_keys:
            verb = "window"  # "visited the site 8 times last month": visits are per month
        if verbs[verb] < 0 or verb == "window":
            mark(span)  # those columns already mean "in the last 2 years"
        elif verb == "join" and "tenure_days" in catalog_keys:
            out.append((first, Condition(field="tenure_days", op="<=", value=n)))
            mark(span, "xnumx")
        elif verb == "buy" and "recency_days" in catalog_keys:
            negations = list(re.finditer(_NOT, before[-40:]))
            negated = negations[-1] if negations else None  # the last one before the verb
            if negated is not None:  # "haven't bought in the last 3 months": read with it
                offset = m.start() - len(before[-40:]) + negated.start()
                mark([len(joined[: max(0, offset)].split())])
            out.append((first, Condition(field="recency_days", op=">" if negated else "<=",
                                         value=n)))  # fmt: skip
            mark(span, "xnumx")
    if spend_years:  # the reference table: spend covers two years
        for m in _WINDOW.finditer(joined):
            window = m.group(0).startswith(("over", "in", "across", "during", "for", "from"))
            if m.group(1) == str(spend_years) and (window or not m.group(0).endswith("years")):
                first = len(joined[: m.start()].split())
                mark(range(first, first + len(m.group(0).split())))
    return out
