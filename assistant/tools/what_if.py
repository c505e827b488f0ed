"""The what-if tool: describe a customer, change some attributes, and see whether the persona
changes, and why.

The customer is read and assigned exactly as by the assign tool; a change of an attribute the
person left out (``<key>_change``, for the catalog's inputs that have one) starts from the
population's median.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import ToolInputError
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.customer import (
    Value,
    assign_described,
    attribute_slot,
    membership_by_name,
    membership_chart,
    reason_lines,
    split_attributes,
)
from assistant.tools.figures import Facts
from assistant.tools.result import ToolResult
from assistant.tools.toolkit import tool
from segmentation import formats

__all__ = ["WhatIfTools"]

Change = tuple[str, Any, Any, bool]  # attribute, before, after, whether before was typical
CHANGE = "_change"


def _apply_changes(
    ctx: ChatContext,
    named: dict[str, Any],
    raw: dict[str, Value],
    deltas: dict[str, float],
    changes: dict[str, Value] | None,
) -> tuple[dict, dict, list[Change]]:
    """The changed customer, and each change as (attribute, before, after, typical before)."""
    after, after_raw, done = dict(named), dict(raw), []
    for name, delta in deltas.items():
        start, typical = named.get(name), name not in named
        if typical:
            start = ctx.profile.population.figure(("metrics", name, "median"))
            if start is None:
                raise ToolInputError(f"give the customer's {name}: the model has no typical value.")
        if start + delta < 0:
            raise ToolInputError(
                f"{name} would become {formats.number(start + delta)} "
                f"({formats.number(start)} changed by {formats.number(delta)}); it cannot be "
                "negative."
            )
        after[name] = start + delta
        done.append((name, start, start + delta, typical))
    for key, value in (changes or {}).items():
        is_named, slot = attribute_slot(ctx, key)
        if slot in {c[0] for c in done}:
            raise ToolInputError(f"{clean_label(key)!r} is changed twice; change it once.")
        target = after if is_named else after_raw
        done.append((slot, (named if is_named else raw).get(slot), value, False))
        target[slot] = value
    if not done:
        options = [x.key + CHANGE for x in ctx.catalog.inputs if x.input and x.input.change]
        raise ToolInputError(
            f"say what changes: {', '.join(options)}, or changes={{attribute: new value}}."
        )
    return after, after_raw, done


def _change_text(done: list[Change], f: Facts) -> str:
    parts = []
    for name, before, after, typical in done:

        def shown(value: Any, when: str, name: str = name) -> str:
            if value is None:
                return "not given"
            if isinstance(value, int | float):
                return f.num(f"changes.{name}.{when}", float(value))
            return clean_label(value)

        note = " (typical value, not given)" if typical else ""
        parts.append(
            f"{clean_label(name)} {shown(before, 'before')}{note} → {shown(after, 'after')}"
        )
    return "; ".join(parts)


class WhatIfTools:
    """What-if on a described customer."""

    ctx: ChatContext

    @tool
    def what_if(
        self,
        attributes: dict[str, Value] | None = None,
        changes: dict[str, Value] | None = None,
        **named: Value | None,
    ) -> ToolResult:
        """What-if: describe a customer as for assign_customer, then say what changes (e.g.
        income +20000, one more child); answers whether the persona changes, and why.

        Args:
            attributes: other attributes by column name, for models trained on other tables.
            changes: new values of any attribute, e.g. {"marital_status": "Married",
                "spend_wines": 800}.
        """
        ctx = self.ctx
        deltas = {
            k.removesuffix(CHANGE): v
            for k, v in named.items()
            if k.endswith(CHANGE) and isinstance(v, int | float)
        }
        given = {k: v for k, v in named.items() if not k.endswith(CHANGE)}
        named_given, raw = split_attributes(ctx, given, attributes)
        after_named, after_raw, done = _apply_changes(ctx, named_given, raw, deltas, changes)
        before, _, _ = assign_described(ctx, named_given, raw)
        after, imputed, unused = assign_described(ctx, after_named, after_raw)
        f, b, a = Facts(), before.segment, after.segment
        p_before, p_after = list(before.membership.values()), list(after.membership.values())
        lines = [
            f"**Change:** {_change_text(done, f)}.",
            f"**Before:** {ctx.name(b)} (segment {b}), membership "
            f"{f.pct(f'before.membership.{b}', p_before[b])}.",
            f"**After:** {ctx.name(a)} (segment {a}), membership "
            f"{f.pct(f'after.membership.{a}', p_after[a])}.",
        ]
        if a == b:
            lines.append(f"The persona stays {ctx.name(a)}.")
        else:
            lines.append(f"The persona changes from {ctx.name(b)} to {ctx.name(a)}.")
        shifts = [
            f"{ctx.name(i)} {f.pct(f'before.membership.{i}', p_before[i])} → "
            f"{f.pct(f'after.membership.{i}', p_after[i])}"
            for i in dict.fromkeys((b, a))
        ]
        lines.append(f"Membership shift: {'; '.join(shifts)}.")
        reasons = reason_lines(ctx, after, f, "after.")
        if reasons:
            lines += ["Why (after the change):", *(f"- {r}" for r in reasons)]
        if imputed:
            lines.append(f"Typical values used (not given): {', '.join(imputed)}.")
        if unused:
            lines.append(f"Not used by this model: {', '.join(unused)}.")
        data = {
            "before": {
                **before.to_dict(),
                "persona": ctx.name(b),
                "membership": membership_by_name(ctx, before),
            },
            "after": {
                **after.to_dict(),
                "persona": ctx.name(a),
                "reasons": reasons,
                "membership": membership_by_name(ctx, after),
            },
            "changed": a != b,
            "changes": [
                {"attribute": n, "before": x, "after": y, "typical": t} for n, x, y, t in done
            ],
            "imputed": imputed,
            "unused": unused,
        }
        return ToolResult(
            text="\n".join(lines),
            data=data,
            figures=f.figures,
            chart=membership_chart(ctx, after, "Membership after the change"),
        )
