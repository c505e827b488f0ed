"""The single-customer form of the app: its fields, defaults and limits, and the customer it
describes. Pure functions; the app builds one input per `FormField`.

The fields are what the behaviour model clusters on, in a marketer's words: age (turned into
``Year_Birth`` at the model's reference year, as the training rows were), income, children
and teenagers at home, days since the last purchase, the six spend amounts, purchases by
channel, web visits and the number of past campaigns accepted (the model uses only their
count). Defaults are the population medians of the model's profile, so an untouched form is
a typical customer. Models on other columns (a generic table) take their attributes as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from assistant.personas.facts import clean_label
from segmentation.assign import Assignment, assign_customer
from segmentation.bundle import Bundle
from segmentation.errors import DataError
from segmentation.schema import CAMPAIGN_COLUMNS

__all__ = [
    "FIELDS",
    "FormField",
    "assign_form",
    "attribute_template",
    "customer_from_form",
    "form_defaults",
    "parse_extra",
    "uses_form",
    "what_if_text",
]


@dataclass(frozen=True)
class FormField:
    """One input of the form: its key, label, model column, profile metric and limits."""

    key: str
    label: str
    column: str  # the model input it fills ("Year_Birth" for age, "AcceptedCmp*" for campaigns)
    metric: str  # the population metric of the profile whose median is the default
    minimum: float
    maximum: float
    step: float = 1
    fallback: float = 0  # default when the profile lacks the metric


FIELDS: tuple[FormField, ...] = (
    FormField("age", "Age (years)", "Year_Birth", "age", 18, 100, fallback=45),
    FormField("income", "Household income (yearly)", "Income", "income", 0, 1_000_000, 1000,
              fallback=50_000),
    FormField("kids", "Small children at home", "Kidhome", "kidhome", 0, 5),
    FormField("teens", "Teenagers at home", "Teenhome", "teenhome", 0, 5),
    FormField("recency", "Days since the last purchase", "Recency", "recency_days", 0, 3650),
    FormField("wines", "Spend on wine (2 years)", "MntWines", "spend_wines", 0, 100_000),
    FormField("fruits", "Spend on fruit", "MntFruits", "spend_fruits", 0, 100_000),
    FormField("meat", "Spend on meat", "MntMeatProducts", "spend_meat", 0, 100_000),
    FormField("fish", "Spend on fish", "MntFishProducts", "spend_fish", 0, 100_000),
    FormField("sweets", "Spend on sweets", "MntSweetProducts", "spend_sweets", 0, 100_000),
    FormField("gold", "Spend on gold (premium)", "MntGoldProds", "spend_gold", 0, 100_000),
    FormField("deals", "Purchases with a deal", "NumDealsPurchases", "purchases_deals", 0, 1000),
    FormField("web", "Web purchases", "NumWebPurchases", "purchases_web", 0, 1000),
    FormField("catalog", "Catalog purchases", "NumCatalogPurchases", "purchases_catalog", 0,
              1000),
    FormField("store", "Store purchases", "NumStorePurchases", "purchases_store", 0, 1000),
    FormField("visits", "Web visits per month", "NumWebVisitsMonth", "web_visits_month", 0, 100),
    FormField("campaigns", "Past campaigns accepted (of 5)", "AcceptedCmp*",
              "campaigns_accepted", 0, 5),
)  # fmt: skip
KEYS = tuple(f.key for f in FIELDS)


def uses_form(bundle: Bundle) -> bool:
    """True when the model's inputs are the form's (behaviour or seed feature set); a
    generic model takes its attributes as JSON only."""
    return bundle.segmenter.feature_set != "generic"


def form_defaults(profile: dict[str, Any]) -> dict[str, float]:
    """The population median of every field (rounded to its step), or its fallback."""
    metrics = profile.get("population", {}).get("metrics", {})
    out = {}
    for f in FIELDS:
        median = metrics.get(f.metric, {}).get("median")
        value = f.fallback if median is None else round(median / f.step) * f.step
        out[f.key] = float(min(max(value, f.minimum), f.maximum))
    return out


def attribute_template(bundle: Bundle) -> str:
    """For a generic model, its inputs as the JSON the form takes, each at its typical
    value (numeric: the training median; categorical: the most common level); "" for a
    model the numeric form fills."""
    if uses_form(bundle):
        return ""
    from segmentation.profile import metric_key

    features = bundle.segmenter.features_
    mixes = bundle.profile.get("population", {}).get("mix", {})
    typical: dict[str, Any] = {}
    for col in features.input_columns_:
        if col in features.medians_:
            value = float(features.medians_[col])
            typical[col] = int(value) if value.is_integer() else round(value, 2)
        else:
            levels = list(mixes.get(metric_key(col)) or features.categories_.get(col) or [""])
            typical[col] = levels[0]
    return json.dumps(typical, ensure_ascii=False)


def parse_extra(text: str | None) -> dict[str, Any]:
    """Attributes typed as a JSON object ({"Education": "PhD"}); empty text is none.

    Raises `DataError` for text that is not a JSON object."""
    if text is None or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise DataError(
            f'other attributes must be a JSON object like {{"Education": "PhD"}}; '
            f"the text is not valid JSON ({exc.msg} at character {exc.pos})."
        ) from None
    if not isinstance(value, dict):
        raise DataError(
            f'other attributes must be a JSON object like {{"Education": "PhD"}}, '
            f"got a {type(value).__name__}."
        )
    return value


def _num(value: float) -> str:
    """1,000,000 · 12 · 2.5"""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def customer_from_form(
    values: dict[str, float | None], reference_year: int, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The raw attributes of the customer the form describes (empty fields left out, so
    the model imputes them); ``extra`` attributes (raw column names) are added last.

    Raises `DataError` for a value outside a field's limits (the UI enforces them too)."""
    customer: dict[str, Any] = {}
    for f in FIELDS:
        value = values.get(f.key)
        if value is None:
            continue
        if not f.minimum <= value <= f.maximum:
            raise DataError(
                f"{f.label} must be between {_num(f.minimum)} and {_num(f.maximum)}, "
                f"got {_num(value)}."
            )
        if f.key == "age":
            customer["Year_Birth"] = float(reference_year - value)
        elif f.key == "campaigns":
            customer.update({c: float(i < value) for i, c in enumerate(CAMPAIGN_COLUMNS)})
        else:
            customer[f.column] = float(value)
    return {**customer, **(extra or {})}


def assign_form(
    bundle: Bundle, values: dict[str, float | None], extra_json: str | None = None
) -> Assignment:
    """Assign the customer of the form (generic models: the JSON attributes only)."""
    extra = parse_extra(extra_json)
    if not uses_form(bundle):
        return assign_customer(bundle, extra)
    year = bundle.segmenter.features_.reference_year_
    return assign_customer(bundle, customer_from_form(values, year, extra))


def what_if_text(base: Assignment, variant: Assignment, changes: dict[str, float | None]) -> str:
    """Markdown: what the changed customer would be, and whether the persona changes."""
    shown = {"income": "income {:,.0f}", "kids": "{:g} small child(ren)", "teens": "{:g} teen(s)"}
    what = ", ".join(shown[k].format(v) for k, v in changes.items() if v is not None and k in shown)
    p = variant.membership.get(variant.name, 0.0)
    old, new = clean_label(base.name, 60), clean_label(variant.name, 60)
    head = f"**What if** {what or 'nothing changes'}: **{new}** ({p:.0%} membership)."
    if variant.segment == base.segment:
        return f"{head}\n\nThe persona stays **{old}**."
    return f"{head}\n\nThe persona **changes** from **{old}** to **{new}**."
