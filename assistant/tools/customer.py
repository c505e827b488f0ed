"""What the assign and what-if tools share: a described customer's attributes (named ones,
the catalog's inputs such as income and kidhome, or raw columns), assigning it through the
model's own transform, and the membership, reasons and chart of the result."""

from __future__ import annotations

from typing import Any

from assistant.errors import ToolInputError
from assistant.personas.verify import find_numbers
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import Facts
from assistant.tools.lookup import normalize
from assistant.tools.schema import NamedArgument
from segmentation.assign import Assignment, assign_customer
from segmentation.catalog import Catalog, Dimension, Measure

__all__ = [
    "Value",
    "assign_described",
    "attribute_slot",
    "change_arguments",
    "customer_columns",
    "given_text",
    "input_arguments",
    "membership_by_name",
    "membership_chart",
    "membership_text",
    "reason_lines",
    "split_attributes",
]

Value = float | str
Input = Measure | Dimension


def _kind(item: Input) -> Any:
    if isinstance(item, Dimension):
        return str
    assert item.input is not None
    return int if item.input.integer else float


def input_arguments(catalog: Catalog) -> list[NamedArgument]:
    """The named arguments of a described customer: every input of the catalog."""
    return [(x.key, _kind(x), x.input.description) for x in catalog.inputs if x.input]


def change_arguments(catalog: Catalog) -> list[NamedArgument]:
    """The what-if change arguments: ``<key>_change`` of every input that has one."""
    return [
        (f"{x.key}_change", _kind(x), x.input.change)
        for x in catalog.inputs
        if x.input and x.input.change
    ]


def _inputs(ctx: ChatContext) -> dict[str, Input]:
    return {x.key: x for x in ctx.catalog.inputs}


def _friendly(ctx: ChatContext) -> dict[str, str]:
    """Raw column -> the input key it belongs to."""
    return {c: x.key for x in ctx.catalog.inputs if x.input for c in x.input.columns}


def attribute_slot(ctx: ChatContext, key: str) -> tuple[bool, str]:
    """(is a named attribute, its name): for a reference model "Income" and "income" are the
    attribute income; other keys (and every key for a generic model) are raw columns, which a
    generic model's catalog keys name too ("annual_income_k" is "Annual Income (k$)")."""
    if ctx.bundle.segmenter.feature_set == "generic":  # a catalog key names its column
        catalog = ctx.catalog
        sources = {m.key: m.source for m in catalog.metrics if m.per_customer}
        sources |= {d.key: d.source for d in catalog.dimensions}
        return False, str(sources.get(str(key), key))
    inputs = _inputs(ctx)
    name = normalize(key).replace(" ", "_")
    if name in inputs:
        return True, name
    for item in inputs.values():
        field = item.input
        if field is not None and field.kind == "value" and key in field.columns:
            return True, item.key
    return False, str(key)


def split_attributes(
    ctx: ChatContext, given: dict[str, Any], attributes: dict[str, Value] | None
) -> tuple[dict, dict]:
    """(named attributes, raw columns): ``attributes`` may use either kind of name."""
    named = {k: v for k, v in given.items() if v is not None}
    raw: dict[str, Value] = {}
    friendly = _friendly(ctx)
    for key, value in (attributes or {}).items():
        is_named, slot = attribute_slot(ctx, key)
        target = named if is_named else raw
        if slot in target or (not is_named and friendly.get(slot) in named):
            raise ToolInputError(f"{clean_label(key)!r} is given twice.")
        target[slot] = value
    return named, raw


def customer_columns(
    ctx: ChatContext, named: dict[str, Any], raw: dict[str, Value]
) -> dict[str, Any]:
    """The raw columns of a described customer, as the model's inputs take them."""
    row: dict[str, Any] = dict(raw)
    inputs = _inputs(ctx)
    for name, value in named.items():
        field = inputs[name].input
        assert field is not None
        if field.kind == "age":
            if not isinstance(value, int | float) or not 0 <= value <= field.maximum:
                raise ToolInputError(
                    f"{name} must be a number between 0 and {field.maximum:g}, got {value!r}."
                )
        elif field.kind == "count_of" and value not in range(len(field.columns) + 1):
            raise ToolInputError(
                f"{name} must be a whole number 0-{len(field.columns)}, got {value}."
            )
        row.update(field.to_columns(value, ctx.bundle.segmenter.features_.reference_year_))
    return row


def assign_described(
    ctx: ChatContext, named: dict[str, Any], raw: dict[str, Value]
) -> tuple[Assignment, list[str], list[str]]:
    """The assignment, the attributes that took the typical value, and those the model
    does not use."""
    result = assign_customer(ctx.bundle, customer_columns(ctx, named, raw))
    friendly = _friendly(ctx)
    imputed = list(dict.fromkeys(friendly.get(c, c) for c in result.imputed))
    used = set(ctx.bundle.segmenter.features_.input_columns_)
    inputs = _inputs(ctx)
    unused = []
    for name in named:
        field = inputs[name].input
        if field is not None and field.columns and field.columns[0] not in used:
            unused.append(name)
    return result, imputed, unused


def membership_by_name(ctx: ChatContext, result: Assignment) -> dict[str, float]:
    """Membership by display name."""
    return {ctx.name(i): p for i, p in enumerate(result.membership.values())}


def membership_text(ctx: ChatContext, result: Assignment, f: Facts, prefix: str) -> str:
    probs = list(result.membership.values())
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    shown = [
        f"{ctx.name(i)} {f.pct(f'{prefix}membership.{i}', probs[i])}"
        for i in order
        if probs[i] >= 0.005
    ]
    return ", ".join(shown) + ("; the others close to zero" if len(shown) < len(probs) else "")


def reason_lines(ctx: ChatContext, result: Assignment, f: Facts, prefix: str) -> list[str]:
    """The reasons with clean names; their numbers are recorded as stated."""
    names = [(raw, ctx.name(i)) for i, raw in enumerate(ctx.bundle.names)]
    out = []
    for k, reason in enumerate(result.reasons):
        for raw, clean in names:
            reason = reason.replace(raw, clean)
        reason = clean_label(reason, 300)  # feature names may come from the user's file
        for j, mention in enumerate(find_numbers(reason, ignore=ctx.literals)):
            value = mention.value / 100 if mention.percent else mention.value  # shares
            f.figures[f"{prefix}reasons.{k}.{j}"] = value
        out.append(reason)
    return out


def given_text(named: dict[str, Any], f: Facts, prefix: str) -> str:
    return ", ".join(
        f"{clean_label(n)} "
        + (f.num(f"{prefix}.{n}", float(v)) if isinstance(v, int | float) else clean_label(v))
        for n, v in named.items()
    )


def membership_chart(ctx: ChatContext, result: Assignment, title_: str) -> dict[str, Any]:
    return {
        "kind": "bar",
        "title": title_,
        "labels": [ctx.name(i) for i in range(len(ctx.segments))],
        "values": list(result.membership.values()),
        "unit": "share",
    }
