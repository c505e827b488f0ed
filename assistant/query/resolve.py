"""Checking a `Query` against a model's catalog, and saying how it was read.

`resolve` finds every key of a query in the catalog (a metric, a yes/no dimension, a
dimension to group by), every persona among the model's segments, and every condition's
column in the customer table, snapping numeric thresholds to their grid
(`assistant.query.privacy`). Anything it cannot place raises `ToolInputError` naming the
key and what the model offers instead. `read_as` is the one-line reading shown before an
answer's figures.
"""

from __future__ import annotations

import pandas as pd

from assistant.errors import ToolInputError
from assistant.query.privacy import snap, snap_step
from assistant.query.types import Bound, Condition, Query, Resolved
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import Facts, visible
from assistant.tools.lookup import find_segment
from segmentation import formats
from segmentation.catalog import Dimension, Measure, normalize

__all__ = ["flag_level", "read_as", "resolve"]

_YES = {"1", "yes", "true", "y"}
_NO = {"0", "no", "false", "n"}


def flag_level(dim: Dimension) -> str | None:
    """The "yes" level of a yes/no dimension ("1", "Yes"), None for other dimensions."""
    levels = {normalize(level): level for level in dim.levels}
    if len(levels) == 2 and set(levels) & _YES and set(levels) & _NO:
        return next(levels[k] for k in levels if k in _YES)
    return None


def _number(key: str, value: float | str) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().lower().replace(",", "").lstrip("$€£").strip()
    scale = {"k": 1e3, "m": 1e6}.get(text[-1:], 1.0)
    try:
        return float(text.rstrip("km")) * scale
    except ValueError:
        raise ToolInputError(f"{key} needs a number, got {clean_label(value)!r}.") from None


def _metric(ctx: ChatContext, key: str) -> Measure | None:
    catalog = ctx.catalog
    if key in catalog:
        measure = catalog.measure(key)
        return measure if measure.per_customer else None
    return None


def _dimension(ctx: ChatContext, key: str) -> Dimension | None:
    return next((d for d in ctx.catalog.dimensions if d.key == key), None)


def _unknown(ctx: ChatContext, key: str, what: str) -> ToolInputError:
    metrics = [m.key for m in ctx.catalog.metrics if m.per_customer]
    dims = [d.key for d in ctx.catalog.dimensions]
    return ToolInputError(
        f"this model has no {what} {clean_label(key)!r}; metrics: {', '.join(metrics)}; "
        f"attributes: {', '.join(dims)}."
    )


def _column(view: pd.DataFrame | None, source: str, key: str) -> str:
    if view is not None and source not in view.columns:
        raise ToolInputError(f"{key} is not in the loaded customer table.")
    return source


def _level(dim: Dimension, value: float | str, found: tuple[str, ...] = ()) -> str:
    """The level ``value`` names: one of the catalog's, or of the table's own values
    (``found``) for a catalog made from a table's columns."""
    if isinstance(value, float) and value.is_integer():
        value = str(int(value))
    text = normalize(value)
    yes = flag_level(dim)
    if yes is not None and text in _YES | _NO:
        return yes if text in _YES else next(lv for lv in dim.levels if lv != yes)
    names = dim.levels or found
    levels = {normalize(level): level for level in names}
    levels.update({normalize(w): lv for w, lv in dim.words.items() if lv in names})
    if text in levels:
        return levels[text]
    known = ", ".join(clean_label(level) for level in names[:12])
    raise ToolInputError(f"{clean_label(dim.label)} has no value {clean_label(value)!r}; "
                         f"its values: {known}.")  # fmt: skip


def _bound(ctx: ChatContext, cond: Condition) -> Bound:
    view = ctx.customer_view
    metric = _metric(ctx, cond.field)
    if metric is not None:
        column = _column(view, metric.source, cond.field)
        raw = [_number(cond.field, cond.value)]
        if cond.op == "between":
            raw.append(_number(cond.field, cond.high if cond.high is not None else cond.value))
            raw.sort()
        step = snap_step(view[column]) if view is not None else None
        values = tuple(snap(v, step) for v in raw)
        return Bound(cond.field, column, clean_label(metric.label), cond.op, values, True,
                     step, values != tuple(raw))  # fmt: skip
    dim = _dimension(ctx, cond.field)
    if dim is None:
        raise _unknown(ctx, cond.field, "metric or attribute")
    if cond.op not in ("==", "!="):
        raise ToolInputError(f"{clean_label(dim.label)} is a category: use == or !=, not "
                             f"{cond.op!r}.")  # fmt: skip
    column = _column(view, dim.source, cond.field)
    found = () if dim.levels or view is None else tuple(
        sorted(view[column].dropna().astype(str).unique()[:50]))  # fmt: skip
    return Bound(cond.field, column, clean_label(dim.label), cond.op,
                 (_level(dim, cond.value, found),), False)  # fmt: skip


def _persona(ctx: ChatContext, ref: str) -> int:
    return visible(ctx, find_segment(ctx, ref)).id


def resolve(ctx: ChatContext, query: Query) -> Resolved:
    """The query checked against ``ctx``'s catalog and table (see the module docstring)."""
    if query.measure == "customers":
        label, unit, column = "customers", "count" if query.stat == "count" else "share", None
    elif (metric := _metric(ctx, query.measure)) is not None:
        if query.stat not in ("mean", "median", "sum"):
            raise ToolInputError(f"{query.measure} takes mean, median or sum, not {query.stat}.")
        label, unit = clean_label(metric.label), metric.unit
        column = _column(ctx.customer_view, metric.source, query.measure)
    elif (dim := _dimension(ctx, query.measure)) is not None and flag_level(dim):
        if query.stat != "rate":
            raise ToolInputError(f"{query.measure} is a yes/no attribute: use stat 'rate'.")
        label, unit = clean_label(dim.label), "share"
        column = _column(ctx.customer_view, dim.source, query.measure)
    else:
        raise _unknown(ctx, query.measure, "metric")
    by = []
    for key in query.by:
        if normalize(key) in ("persona", "personas", "segment", "segments"):
            by.append(("persona", "persona", None))
            continue
        dim = _dimension(ctx, key)
        if dim is None:
            raise _unknown(ctx, key, "attribute to group by")
        by.append((dim.key, clean_label(dim.label), _column(ctx.customer_view, dim.source, key)))
    measures = []
    for key in query.measures:
        metric = _metric(ctx, key)
        dim = _dimension(ctx, key) if metric is None else None
        if metric is not None:
            measures.append((key, clean_label(metric.label), metric.unit, metric.source))
        elif dim is not None and flag_level(dim):
            measures.append((key, clean_label(dim.label), "share", dim.source))
        else:
            raise _unknown(ctx, key, "metric")
    personas = tuple(dict.fromkeys(_persona(ctx, p) for p in query.personas))
    return Resolved(
        query=query,
        measure_key=query.measure,
        measure_label=label,
        unit=unit,
        column=column,
        where=tuple(_bound(ctx, c) for c in query.where),
        personas=personas,
        by=tuple(by),
        measures=tuple(measures),
        groups=tuple(tuple(_bound(ctx, c) for c in group) for group in query.groups),
        persona_names=tuple(ctx.name(i) for i in personas),
        within=tuple(_bound(ctx, c) for c in query.within),
        responses="response" in {d.key for d in ctx.catalog.dimensions},
    )


# -- reading back ------------------------------------------------------------------------------
def condition_text(bound: Bound, f: Facts, key: str) -> str:
    """A condition in words: 'income > 58,000', 'marital status is not Married'."""
    if not bound.numeric:
        level = str(bound.values[0])
        if normalize(level) in _YES | _NO:
            yes = normalize(level) in _YES
            return f"{bound.label}: {'yes' if yes == (bound.op == '==') else 'no'}"
        return f"{bound.label} {'is' if bound.op == '==' else 'is not'} {clean_label(level)}"
    shown = [f.num(f"{key}.{i}", v) for i, v in enumerate(bound.values)]
    if bound.op == "between":
        return f"{bound.label} between {shown[0]} and {shown[1]}"
    return f"{bound.label} {bound.op.replace('==', '=')} {shown[0]}"


def who(resolved: Resolved, f: Facts) -> str:
    """Whom the query covers: 'customers with income > 58,000 in Frugal Families'."""
    conditions = [condition_text(b, f, f"read.where.{i}") for i, b in enumerate(resolved.where)]
    text = "customers with " + " and ".join(conditions) if conditions else "all customers"
    if resolved.personas and resolved.query.kind != "compare":
        text += " in " + " and ".join(resolved.persona_names)
    return text


def _what(resolved: Resolved) -> str:
    stat = resolved.query.stat
    if stat == "count":
        return "number of customers"
    if stat == "share":
        return "share of customers"
    if stat == "rate":
        return f"rate of {resolved.measure_label}"
    word = {"mean": "mean", "median": "median", "sum": "total"}[stat]
    return f"{word} {resolved.measure_label}"


_PURPOSE = {
    "target": "personas to target: ranked by {what}{responses}",
    "price_sensitivity": "price sensitivity: personas ranked by {what}",
    "loyalty": "loyalty: personas ranked by {what} (time as a customer)",
    "churn": "churn risk: there is no churn label; personas ranked by {what} as the proxy",
}


def read_as(resolved: Resolved, f: Facts) -> str:
    """'Read as: mean income · customers with total spend > 1,000 · all customers'."""
    q = resolved.query
    what = _what(resolved)
    parts: list[str]
    if q.kind == "rank":
        order = "highest first" if q.order == "desc" else "lowest first"
        responses = ", with each one's response rate" if resolved.responses else ""
        head = (_PURPOSE[q.purpose].format(what=what, responses=responses) if q.purpose
                else f"personas by {what}")  # fmt: skip
        top = ", the top one" if q.top == 1 else f", top {q.top}" if q.top else ""
        if q.top and q.top > 1:
            f.num("read.top", q.top)
        parts = [f"{head}, {order}{top}", who(resolved, f)]
    elif q.kind == "compare":
        shown = [label for _, label, _, _ in resolved.measures] or ["their key figures"]
        if resolved.groups:
            groups = [
                " and ".join(condition_text(b, f, f"read.groups.{g}.{i}") for i, b in
                             enumerate(group)) or "all customers"
                for g, group in enumerate(resolved.groups)
            ]  # fmt: skip
            parts = ["compare groups: " + " vs ".join(groups), ", ".join(shown)]
        else:
            parts = ["compare " + " vs ".join(resolved.persona_names), ", ".join(shown)]
        if resolved.where:
            parts.append(who(resolved, f))
    elif resolved.within:  # "share of married customers who have a PhD"
        base = [condition_text(b, f, f"read.within.{i}") for i, b in enumerate(resolved.within)]
        parts = [f"share of customers with {' and '.join(base)}",
                 "of them: " + who(resolved, f).removeprefix("customers with ")]  # fmt: skip
        if resolved.by:
            parts.append("by " + " × ".join(label for _, label, _ in resolved.by))
    else:
        parts = [what, who(resolved, f)]
        if resolved.by:
            parts.append("by " + " × ".join(label for _, label, _ in resolved.by))
    grouped = [b for g in resolved.groups for b in g]
    steps = [b for b in (*resolved.where, *resolved.within, *grouped) if b.snapped]
    if steps:
        step = steps[0]
        parts.append(f"thresholds rounded to steps of {formats.number(step.step or 0)} "
                     "for privacy")  # fmt: skip
        f.num("read.step", step.step or 0)
    return "Read as: " + " · ".join(parts)
