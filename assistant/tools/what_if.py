"""The what-if chat tool: describe a customer, change some attributes, and see whether the
persona changes, and why.

Part of the tool set of `assistant.tools` (see there for the rules every tool follows). The
customer is read and assigned exactly as by `assistant.tools.assign.assign_customer`; an
amount changed on an attribute the person left out starts from the population's median.
"""

from __future__ import annotations

from typing import Any

from assistant.personas.facts import clean_label
from assistant.tools.count import Value
from assistant.tools.customer import (
    ATTRIBUTES,
    assign_described,
    attribute_slot,
    membership_by_name,
    membership_chart,
    reason_lines,
    split_attributes,
)
from assistant.tools.figures import Facts, plain
from assistant.tools.lookup import ChatContext
from assistant.tools.toolkit import ToolResult, guarded

__all__ = ["what_if"]

_TYPICAL = {"income": "income", "age": "age", "kids": "kidhome", "teens": "teenhome"}


def _apply_changes(
    ctx: ChatContext,
    named: dict[str, Any],
    raw: dict[str, Value],
    deltas: dict[str, float | None],
    changes: dict[str, Value] | None,
) -> tuple[dict, dict, list[tuple[str, Any, Any, bool]]]:
    """The changed customer, and each change as (attribute, before, after, typical before)."""
    after, after_raw, done = dict(named), dict(raw), []
    for name, delta in deltas.items():
        if delta is None:
            continue
        start, typical = named.get(name), name not in named
        if typical:
            key = _TYPICAL[name]
            start = ctx.profile["population"]["metrics"].get(key, {}).get("median")
            if start is None:
                raise ValueError(f"give the customer's {name}: the model has no typical value.")
        if start + delta < 0:
            raise ValueError(
                f"{name} would become {plain(start + delta)} ({plain(start)} "
                f"changed by {plain(delta)}); it cannot be negative."
            )
        after[name] = start + delta
        done.append((name, start, start + delta, typical))
    for key, value in (changes or {}).items():
        is_named, slot = attribute_slot(ctx, key)
        if slot in {c[0] for c in done}:
            raise ValueError(f"{clean_label(key)!r} is changed twice; change it once.")
        target = after if is_named else after_raw
        done.append((slot, (named if is_named else raw).get(slot), value, False))
        target[slot] = value
    if not done:
        raise ValueError(
            "say what changes: income_change, age_change, kids_change, teens_change, or "
            "changes={attribute: new value}."
        )
    return after, after_raw, done


def _change_text(done: list[tuple[str, Any, Any, bool]], f: Facts) -> str:
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


@guarded
def what_if(
    ctx: ChatContext,
    income: float | None = None,
    age: float | None = None,
    kids: int | None = None,
    teens: int | None = None,
    education: str | None = None,
    marital_status: str | None = None,
    recency_days: int | None = None,
    spend_wines: float | None = None,
    spend_fruits: float | None = None,
    spend_meat: float | None = None,
    spend_fish: float | None = None,
    spend_sweets: float | None = None,
    spend_gold: float | None = None,
    web_purchases: int | None = None,
    catalog_purchases: int | None = None,
    store_purchases: int | None = None,
    deal_purchases: int | None = None,
    web_visits_month: int | None = None,
    campaigns_accepted: int | None = None,
    attributes: dict[str, Value] | None = None,
    income_change: float | None = None,
    age_change: float | None = None,
    kids_change: int | None = None,
    teens_change: int | None = None,
    changes: dict[str, Value] | None = None,
) -> ToolResult:
    """What-if: describe a customer as for assign_customer, then say what changes (e.g.
    income +20000, one more child); answers whether the persona changes, and why.

    Args:
        income: yearly household income before the change.
        age: age in years before the change.
        kids: small children at home before the change.
        teens: teenagers at home before the change.
        education: Basic, 2n Cycle, Graduation, Master or PhD.
        marital_status: Single, Together, Married, Divorced or Widow.
        recency_days: days since the last purchase.
        spend_wines: two-year spend on wine.
        spend_fruits: two-year spend on fruit.
        spend_meat: two-year spend on meat.
        spend_fish: two-year spend on fish.
        spend_sweets: two-year spend on sweets.
        spend_gold: two-year spend on gold (premium) products.
        web_purchases: purchases made on the website.
        catalog_purchases: purchases made from the catalog.
        store_purchases: purchases made in store.
        deal_purchases: purchases made with a discount.
        web_visits_month: website visits last month.
        campaigns_accepted: how many of the five past campaigns they accepted (0-5).
        attributes: other attributes by column name, for models trained on other tables.
        income_change: amount added to income (negative to lower it), e.g. 20000.
        age_change: years added to age.
        kids_change: small children added: 1 for one more child, -1 for one fewer.
        teens_change: teenagers added.
        changes: new values of any attribute, e.g. {"marital_status": "Married",
            "spend_wines": 800}.
    """
    given = {k: v for k, v in locals().items() if k in ATTRIBUTES}
    deltas = {
        "income": income_change,
        "age": age_change,
        "kids": kids_change,
        "teens": teens_change,
    }
    named, raw = split_attributes(ctx, given, attributes)
    after_named, after_raw, done = _apply_changes(ctx, named, raw, deltas, changes)
    before, _, _ = assign_described(ctx, named, raw)
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
        "changes": [{"attribute": n, "before": x, "after": y, "typical": t} for n, x, y, t in done],
        "imputed": imputed,
        "unused": unused,
    }
    return ToolResult(
        text="\n".join(lines),
        data=data,
        figures=f.figures,
        chart=membership_chart(ctx, after, "Membership after the change"),
    )
