"""What the assign and what-if tools share: a described customer's attributes (named ones,
e.g. income and kidhome, or raw columns), assigning it through the model's own transform, and
the membership, reasons and chart of the result."""

from __future__ import annotations

from typing import Any

from assistant.personas.facts import clean_label
from assistant.personas.verify import find_numbers
from assistant.tools.count import Value
from assistant.tools.figures import Facts
from assistant.tools.lookup import ChatContext, normalize
from segmentation.assign import Assignment, assign_customer
from segmentation.schema import CAMPAIGN_COLUMNS

__all__ = [
    "ATTRIBUTES",
    "assign_described",
    "attribute_slot",
    "customer_columns",
    "given_text",
    "membership_by_name",
    "membership_chart",
    "membership_text",
    "reason_lines",
    "split_attributes",
]

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


def attribute_slot(ctx: ChatContext, key: str) -> tuple[bool, str]:
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


def split_attributes(
    ctx: ChatContext, given: dict[str, Any], attributes: dict[str, Value] | None
) -> tuple[dict, dict]:
    """(named attributes, raw columns): ``attributes`` may use either kind of name."""
    named = {k: v for k, v in given.items() if v is not None}
    raw: dict[str, Value] = {}
    for key, value in (attributes or {}).items():
        is_named, slot = attribute_slot(ctx, key)
        target = named if is_named else raw
        if slot in target or (not is_named and _FRIENDLY.get(slot) in named):
            raise ValueError(f"{clean_label(key)!r} is given twice.")
        target[slot] = value
    return named, raw


def customer_columns(
    ctx: ChatContext, named: dict[str, Any], raw: dict[str, Value]
) -> dict[str, Any]:
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


def assign_described(
    ctx: ChatContext, named: dict[str, Any], raw: dict[str, Value]
) -> tuple[Assignment, list[str], list[str]]:
    """The assignment, the attributes that took the typical value, and those the model
    does not use."""
    result = assign_customer(ctx.bundle, customer_columns(ctx, named, raw))
    imputed = list(dict.fromkeys(_FRIENDLY.get(c, c) for c in result.imputed))
    inputs = set(ctx.bundle.segmenter.features_.input_columns_)
    unused = [n for n in named if ATTRIBUTES[n] not in inputs]
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
        for j, mention in enumerate(find_numbers(reason, ignore=ctx.literals())):
            f.figures[f"{prefix}reasons.{k}.{j}"] = mention.value
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
