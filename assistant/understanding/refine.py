"""Follow-ups that change the conditions of the last figure: "and only the married ones?",
"what about the singles?", "same for customers over 50", "and among PhDs?".

`as_query` turns the last tool call of a conversation back into the `Query` it answered (a
``query`` call, a count, one figure of a persona or of everyone, a ranking); `refine` puts the
follow-up's conditions into it: a condition on a field the query already filters on replaces
that filter ("what about the singles?" after "married"), any other is added. In a share, the
conditions go to its base ("what share have a PhD" → "and among the married?" is the share of
the married), unless they restate the condition counted.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from assistant.query import Condition, Query

__all__ = ["FILLER", "REFINE_CUE", "as_query", "refine"]

# how a follow-up that changes conditions starts
REFINE_CUE = (
    r"^(?:and|what about|how about|same for|same|now|also|but|only|just|among|excluding|"
    r"except|for|then|ok|okay)\b"
)

# words of a follow-up that carry no condition, measure or persona of their own
FILLER = frozenset(
    "and what about how same for now also ok okay then but only just among those these ones "
    "one the a of in to with who that are is them people customers clients ones please "
    "instead excluding except restricted limited ?".split()
)

_FIGURES = {"size": ("customers", "count"), "share": ("customers", "share"),
            "response_rate": ("response", "rate")}  # fmt: skip


def _conditions(filters: list[dict[str, Any]]) -> tuple[Condition, ...]:
    out = []
    for f in filters:
        if f.get("op") == "between":
            low, high = f["values"]
            out.append(Condition(field=f["column"], op="between", value=low, high=high))
        else:
            out.append(Condition(field=f["column"], op=f["op"], value=f["value"]))
    return tuple(out)


def as_query(name: str, args: dict[str, Any]) -> Query | None:
    """The query a tool call answered, or None for a call that is not a figure."""
    segment = args.get("segment")
    personas = (str(segment),) if segment not in (None, "") else ()
    try:
        if name == "query":
            return Query.model_validate(args)
        if name == "count_customers":
            where = _conditions(list(args.get("filters", [])))
            return Query(measure="customers", stat="count", where=where, personas=personas)
        if name == "segment_figure":
            metric = str(args.get("metric", ""))
            measure, stat = _FIGURES.get(metric, (metric, str(args.get("stat", "mean"))))
            return Query(measure=measure, stat=stat, personas=personas)
        if name == "rank_segments":
            metric = str(args.get("metric", ""))
            stat = "mean"
            if metric.startswith("median "):
                stat, metric = "median", metric.removeprefix("median ")
            measure, stat = _FIGURES.get(metric, (metric, stat))
            top = args.get("top")
            return Query(kind="rank", measure=measure, stat=stat,
                         order=args.get("order", "desc"), top=top)  # fmt: skip
    except (ValidationError, KeyError, TypeError, ValueError):
        return None
    return None


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
