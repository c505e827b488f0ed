"""Chat tools about one customer: which persona they belong to, and what-if.

Part of the tool set of `assistant.tools` (see there for the rules every tool follows).
Assigning goes through `segmentation.pipeline.assign_customer`, so one customer takes exactly
the training transform; attributes a person leaves out take the population's typical value,
and the answer says which.
"""

from __future__ import annotations

from typing import Any

from segmentation.pipeline import Assignment
from segmentation.pipeline import assign_customer as _assign
from segmentation.schema import CAMPAIGN_COLUMNS

from ._count_tool import Value
from ._facts import Facts, cite, plain
from ._lookup import ChatContext, normalize
from .privacy import clean_label
from .toolkit import ToolResult, guarded
from .verify import find_numbers

__all__ = ["ATTRIBUTES", "assign_customer", "what_if"]

ATTRIBUTES = {  # tool argument -> column of the reference table
    "income": "Income", "age": "Year_Birth", "kids": "Kidhome", "teens": "Teenhome",
    "education": "Education", "marital_status": "Marital_Status", "recency_days": "Recency",
    "spend_wines": "MntWines", "spend_fruits": "MntFruits", "spend_meat": "MntMeatProducts",
    "spend_fish": "MntFishProducts", "spend_sweets": "MntSweetProducts",
    "spend_gold": "MntGoldProds", "web_purchases": "NumWebPurchases",
    "catalog_purchases": "NumCatalogPurchases", "store_purchases": "NumStorePurchases",
    "deal_purchases": "NumDealsPurchases", "web_visits_month": "NumWebVisitsMonth",
    "campaigns_accepted": "AcceptedCmp1",
}  # fmt: skip
_FRIENDLY = {column: name for name, column in ATTRIBUTES.items()}
_FRIENDLY.update({c: "campaigns_accepted" for c in CAMPAIGN_COLUMNS})
_TYPICAL = {"income": "income", "age": "age", "kids": "kidhome", "teens": "teenhome"}


def _slot(ctx: ChatContext, key: str) -> tuple[bool, str]:
    """(is a named attribute, its name): for a reference model "Income" and "income" are the
    attribute income; other keys (and every key for a generic model) are raw columns."""
    if ctx.bundle.segmenter.feature_set == "generic":
        return False, str(key)
    name = normalize(key).replace(" ", "_")
    if name in ATTRIBUTES:
        return True, name
    if key in _FRIENDLY and key not in CAMPAIGN_COLUMNS and key != "Year_Birth":
        return True, _FRIENDLY[key]
    return False, str(key)


def _merge(
    ctx: ChatContext, given: dict[str, Any], attributes: dict[str, Value] | None
) -> tuple[dict, dict]:
    """(named attributes, raw columns): ``attributes`` may use either kind of name."""
    named = {k: v for k, v in given.items() if v is not None}
    raw: dict[str, Value] = {}
    for key, value in (attributes or {}).items():
        is_named, slot = _slot(ctx, key)
        target = named if is_named else raw
        if slot in target or (not is_named and _FRIENDLY.get(slot) in named):
            raise ValueError(f"{clean_label(key)!r} is given twice.")
        target[slot] = value
    return named, raw


def _row(ctx: ChatContext, named: dict[str, Any], raw: dict[str, Value]) -> dict[str, Any]:
    row: dict[str, Any] = dict(raw)
    for name, value in named.items():
        if name == "age":
            if not isinstance(value, int | float) or not 0 <= value <= 100:
                raise ValueError(f"age must be a number between 0 and 100, got {value!r}.")
            row["Year_Birth"] = ctx.bundle.segmenter.features_.reference_year_ - float(value)
        elif name == "campaigns_accepted":
            if value not in range(len(CAMPAIGN_COLUMNS) + 1):
                raise ValueError(f"campaigns_accepted must be a whole number 0-5, got {value}.")
            row.update({c: float(k < value) for k, c in enumerate(CAMPAIGN_COLUMNS)})
        else:
            row[ATTRIBUTES[name]] = value
    return row


def _assign_named(
    ctx: ChatContext, named: dict[str, Any], raw: dict[str, Value]
) -> tuple[Assignment, list[str], list[str]]:
    """The assignment, the attributes that took the typical value, and those the model
    does not use."""
    result = _assign(ctx.bundle, _row(ctx, named, raw))
    imputed = list(dict.fromkeys(_FRIENDLY.get(c, c) for c in result.imputed))
    inputs = set(ctx.bundle.segmenter.features_.input_columns_)
    unused = [n for n in named if ATTRIBUTES[n] not in inputs]
    return result, imputed, unused


def _probabilities(ctx: ChatContext, result: Assignment) -> dict[str, float]:
    """Membership by display name."""
    return {ctx.name(i): p for i, p in enumerate(result.membership.values())}


def _membership(ctx: ChatContext, result: Assignment, f: Facts, prefix: str) -> str:
    probs = list(result.membership.values())
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    shown = [
        f"{ctx.name(i)} {f.pct(f'{prefix}membership.{i}', probs[i])}"
        for i in order
        if probs[i] >= 0.005
    ]
    return ", ".join(shown) + ("; the others close to zero" if len(shown) < len(probs) else "")


def _reasons(ctx: ChatContext, result: Assignment, f: Facts, prefix: str) -> list[str]:
    """The reasons with clean names; their numbers are recorded as stated."""
    names = [(raw, ctx.name(i)) for i, raw in enumerate(ctx.bundle.names)]
    out = []
    for k, reason in enumerate(result.reasons):
        for raw, clean in names:
            reason = reason.replace(raw, clean)
        reason = clean_label(reason, 300)  # feature names may come from the user's file
        for j, mention in enumerate(find_numbers(reason, ignore=ctx.literals())):
            f.figures[f"{prefix}reasons.{k}.{j}"] = mention.value
        out.append(reason)
    return out


def _listing(named: dict[str, Any], f: Facts, prefix: str) -> str:
    return ", ".join(
        f"{clean_label(n)} "
        + (f.num(f"{prefix}.{n}", float(v)) if isinstance(v, int | float) else clean_label(v))
        for n, v in named.items()
    )


def _chart(ctx: ChatContext, result: Assignment, title_: str) -> dict[str, Any]:
    return {
        "kind": "bar",
        "title": title_,
        "labels": [ctx.name(i) for i in range(len(ctx.segments))],
        "values": list(result.membership.values()),
        "unit": "share",
    }


@guarded
def assign_customer(
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
) -> ToolResult:
    """Which persona a customer belongs to, from whatever attributes are known (the rest
    take the population's typical value): the segment, membership probabilities and reasons.

    Args:
        income: yearly household income.
        age: age in years.
        kids: small children at home.
        teens: teenagers at home.
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
    """
    given = {k: v for k, v in locals().items() if k in ATTRIBUTES}
    named, raw = _merge(ctx, given, attributes)
    result, imputed, unused = _assign_named(ctx, named, raw)
    f, i = Facts(), result.segment
    lines = [
        f"**Persona: {ctx.name(i)}** (segment {i}), membership "
        f"{f.pct(f'membership.{i}', result.membership[ctx.bundle.names[i]])}."
    ]
    persona = ctx.persona(i)
    if persona is not None:
        lines.append(f"*{cite(ctx, ctx.segments[i], persona.writeup.tagline, f)}*")
    lines.append(f"Membership: {_membership(ctx, result, f, '')}.")
    reasons = _reasons(ctx, result, f, "")
    if reasons:
        lines += ["Why:", *(f"- {r}" for r in reasons)]
    if named or raw:
        lines.append(f"Given: {_listing({**named, **raw}, f, 'customer')}.")
    if imputed:
        lines.append(
            f"Not given, so the population's typical value was used: {', '.join(imputed)}."
        )
    if unused:
        lines.append(f"Not used by this model: {', '.join(unused)}.")
    text = "\n".join(lines)
    data = {
        **result.to_dict(),
        "membership": _probabilities(ctx, result),
        "persona": ctx.name(i),
        "reasons": reasons,
        "imputed": imputed,
        "unused": unused,
    }
    return ToolResult(
        text=text, data=data, figures=f.figures, chart=_chart(ctx, result, "Membership probability")
    )


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
        is_named, slot = _slot(ctx, key)
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
    named, raw = _merge(ctx, given, attributes)
    after_named, after_raw, done = _apply_changes(ctx, named, raw, deltas, changes)
    before, _, _ = _assign_named(ctx, named, raw)
    after, imputed, unused = _assign_named(ctx, after_named, after_raw)
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
    reasons = _reasons(ctx, after, f, "after.")
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
            "membership": _probabilities(ctx, before),
        },
        "after": {
            **after.to_dict(),
            "persona": ctx.name(a),
            "reasons": reasons,
            "membership": _probabilities(ctx, after),
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
        chart=_chart(ctx, after, "Membership after the change"),
    )
