"""A customer described in a question ("a 45-year-old with 2 kids earning 60k"), as the
arguments of the assign tool: the form's fields by name, anything else in ``attributes``
(the tool says what the model cannot use)."""

from __future__ import annotations

from typing import Any

from assistant.tools.context import ChatContext
from assistant.understanding.slots import Slots

__all__ = ["described", "form_inputs"]

_COUNTS = frozenset({"children", "kidhome", "teenhome"})


def described(ctx: ChatContext, s: Slots) -> dict[str, Any]:
    """The values and levels the question gives (a bare number of 15-100 is the age when
    no age is given; children become the form's children at home)."""
    attrs: dict[str, Any] = {}
    for c in s.where:
        if c.op in ("==", "between") and c.field not in attrs:
            value = c.value if c.op == "==" else (float(c.value) + float(c.high or 0)) / 2
            whole = isinstance(value, float) and value.is_integer()
            attrs[c.field] = int(value) if whole else value
        elif (c.op, c.value) in ((">", 0), (">=", 1)) and c.field in _COUNTS:
            attrs.setdefault(c.field, 1)  # "with a kid": one
    if "age" not in attrs and "age" in ctx.catalog:
        bare = [t for t in s.unbound if t.isdigit() and 15 <= int(t) <= 100]
        if bare:
            attrs["age"] = int(bare[0])
    if not ctx.catalog.inputs:  # a table's own columns: all go in ``attributes``
        return {"attributes": attrs} if attrs else {}
    inputs = form_inputs(ctx)
    if "children" in attrs and "children" not in inputs and "kidhome" in inputs:
        attrs["kidhome"] = attrs.pop("children")  # the form asks for children at home
    named = {k: v for k, v in attrs.items() if k in inputs}
    other = {k: v for k, v in attrs.items() if k not in inputs}
    return {**named, **({"attributes": other} if other else {})}


def form_inputs(ctx: ChatContext) -> set[str]:
    """The keys a described customer may have: the catalog's form inputs, or for a table's
    own columns every per-customer metric and attribute."""
    catalog = ctx.catalog
    keys = {getattr(f, "key", "") for f in catalog.inputs} - {""}
    if not keys:
        keys = {m.key for m in catalog.metrics if m.per_customer}
        keys |= {d.key for d in catalog.dimensions}
    return keys
