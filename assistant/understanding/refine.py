"""Follow-ups that change the conditions of the last figure: "and only the married ones?",
"what about the singles?", "same for customers over 50", "and among PhDs?".

The last tool call of a conversation is turned back into the `Query` it answered by
`assistant.understanding.lowering.as_query`; `refine` puts the follow-up's conditions into
it: a condition on a field the query already filters on replaces that filter ("what about the
singles?" after "married"), any other is added. In a share, the conditions go to its base
("what share have a PhD" → "and among the married?" is the share of the married), unless they
restate the condition counted.
"""

from __future__ import annotations

from typing import Any

from assistant.query import Condition, Query

__all__ = ["FILLER", "REFINE_CUE", "refine"]

# how a follow-up that changes conditions starts
REFINE_CUE = (
    r"^(?:and|what about|how about|same for|same|now|also|but|only|just|among|excluding|"
    r"except|for|then|ok|okay)\b"
)

# words of a follow-up that carry no condition, measure or persona of their own
FILLER = frozenset(
    "and what about how same for now also ok okay then but only just among those these "
    "one the a of in to with who that are is them people customers clients ones please "
    "instead excluding except restricted limited ?".split()
)


def _merge(base: tuple[Condition, ...], new: tuple[Condition, ...]) -> tuple[Condition, ...]:
    fields = {c.field for c in new}
    return tuple(c for c in base if c.field not in fields) + new


def refine(
    query: Query,
    conditions: tuple[Condition, ...],
    personas: tuple[str, ...] = (),
    measure: str | None = None,
) -> Query:
    """``query`` with the follow-up's conditions (and persona or measure, if it names one)."""
    update: dict[str, Any] = {}
    if query.stat == "share" and query.measure == "customers":
        counted = {c.field for c in query.where}
        restated = tuple(c for c in conditions if c.field in counted)
        base = tuple(c for c in conditions if c.field not in counted)
        update["where"] = _merge(query.where, restated)
        update["within"] = _merge(query.within, base)
    else:
        update["where"] = _merge(query.where, conditions)
    if personas:
        update["personas"] = personas
    if measure is not None and measure != query.measure:
        update["measure"] = measure
        if query.stat not in ("mean", "median", "sum"):
            update["stat"] = "mean"
    return query.model_copy(update=update)
