"""From a reading to the tool call that answers it, and the "Read as" line that goes first.

A `Reading` whose query one of the profile tools answers exactly (a ranking of personas, one
figure of a persona or of everyone, personas side by side, a count with conditions) is
answered by that tool, which works without the customer table and whose figures carry the
profile's keys; any other query goes to the ``query`` tool. `read_line` says how the
question was read, in one line, with the numbers it states recorded as figures.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from assistant.errors import ToolInputError
from assistant.query import Condition, Query, read_as, resolve
from assistant.tools.context import ChatContext
from assistant.tools.figures import Facts
from assistant.understanding.reader import Reading

__all__ = ["as_query", "lower", "read_line"]

_RATES = {"response": "response_rate"}


def _metric(q: Query) -> str | None:
    if q.measure == "customers":
        return "size" if q.stat == "count" else None
    if q.stat == "rate":
        return _RATES.get(q.measure)
    return q.measure if q.stat in ("mean", "median") else None


def lower(reading: Reading) -> tuple[str | None, dict[str, Any]]:
    """(tool, arguments) that answer a reading; (None, {}) for a text answer."""
    q = reading.query
    if q is None:
        return reading.tool, dict(reading.args)
    plain = not q.where and not q.within and not q.groups and q.show == "text" \
        and q.purpose is None  # fmt: skip
    metric = _metric(q)
    if q.kind == "rank" and plain and metric:
        if q.stat == "median":
            metric = f"median {metric}"  # the rank tool's spelling of the median
        top = {"top": q.top} if q.top and q.top > 1 else {}  # one: the full ranking, first
        return "rank_segments", {"metric": metric, "order": q.order, **top}
    if q.kind == "compare" and plain and len(q.personas) >= 2 and "complain" not in q.measures:
        metrics = [_RATES.get(m, m) for m in q.measures]
        return "compare_segments", {"segments": list(q.personas),
                                    **({"metrics": metrics} if metrics else {})}  # fmt: skip
    if q.kind == "aggregate" and plain and not q.by and len(q.personas) == 1 \
            and q.measure == "customers" and q.stat == "share":  # fmt: skip
        return "segment_figure", {"metric": "share", "segment": q.personas[0]}
    if q.kind == "aggregate" and plain and not q.by and len(q.personas) <= 1 and metric \
            and metric != "size":  # fmt: skip
        args: dict[str, Any] = {"metric": metric}
        if q.stat == "median":
            args["stat"] = "median"
        return "segment_figure", {**args, **({"segment": q.personas[0]} if q.personas else {})}
    if q.kind == "aggregate" and q.stat == "count" and not q.by and len(q.personas) <= 1 \
            and q.show == "text":  # fmt: skip
        filters = [_filter(c) for c in q.where]
        args = {"segment": q.personas[0]} if q.personas else {}
        return "count_customers", {**args, **({"filters": filters} if filters else {})}
    return "query", q.model_dump(mode="json", exclude_defaults=True)


_FIGURES = {"size": ("customers", "count"), "share": ("customers", "share"),
            "response_rate": ("response", "rate")}  # fmt: skip


def _filter(c: Condition) -> dict[str, Any]:
    """The count tool's filter of a condition (`_conditions` reads it back)."""
    if c.op == "between":
        return {"column": c.field, "op": "between", "values": [c.value, c.high]}
    return {"column": c.field, "op": c.op, "value": c.value}


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
    """The query a tool call answered (the inverse of `lower`: a ``query`` call, a count, one
    figure of a persona or of everyone, a ranking), or None for a call that is not a figure
    (used by follow-ups that change its conditions)."""
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


def read_line(ctx: ChatContext, reading: Reading) -> tuple[str, dict[str, float]]:
    """'Read as: ...' for a reading, and the figures its numbers are."""
    f = Facts()
    if reading.query is not None:
        try:
            return read_as(resolve(ctx, reading.query), f), f.figures
        except ToolInputError:
            return "", {}
    return (f"Read as: {reading.understood}" if reading.understood else ""), f.figures
