"""The chat tool that says which persona one customer belongs to.

Part of the tool set of `assistant.tools` (see there for the rules every tool follows).
Assigning goes through `segmentation.pipeline.assign_customer`, so one customer takes exactly
the training transform; attributes a person leaves out take the population's typical value,
and the answer says which. The helpers here (merging the customer's arguments, assigning,
reasons, chart) are shared with `assistant._what_if_tool`.
"""

from __future__ import annotations

from typing import Any

from segmentation.pipeline import Assignment
from segmentation.pipeline import assign_customer as _assign
from segmentation.schema import CAMPAIGN_COLUMNS

from ._count_tool import Value
from ._facts import Facts, cite
from ._lookup import ChatContext, normalize
from .privacy import clean_label
from .toolkit import ToolResult, guarded
from .verify import find_numbers

__all__ = ["ATTRIBUTES", "assign_customer"]

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
