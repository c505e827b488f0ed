"""The single-customer form of the app: its fields, defaults and limits, and the customer it
describes. Pure functions; the app builds one input per `FormField`.

The fields are the catalog's numeric inputs (for the reference schema: age, income, small
children and teenagers at home, days since the last purchase, the six spend amounts,
purchases by channel, web visits and the number of past campaigns accepted), in a
marketer's words; each fills its model columns as the catalog says (an age becomes the birth
year at the model's reference year, a count of campaigns the first flags). Defaults are the
population medians of the model's profile, so an untouched form is a typical customer.
Models on other columns (a generic table) get a field per column
(`assistant.webapp.views.table_form`); columns beyond the app's pools are given as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.text import clean_label
from assistant.webapp.views.table_form import column_fields, customer_from_columns, slot_fields
from segmentation.assign import Assignment, assign_customer
from segmentation.bundle import Bundle
from segmentation.catalog import Catalog, Field, Measure, reference_catalog
from segmentation.errors import DataError
from segmentation.profile import Profile

__all__ = [
    "FIELDS",
    "FormField",
    "assign_form",
    "attribute_template",
    "customer_from_form",
    "form_defaults",
    "form_customer",
    "form_fields",
    "parse_extra",
    "uses_form",
    "what_if_text",
]


@dataclass(frozen=True)
class FormField:
    """One input of the form: its key (the catalog's), label, limits and default, and the
    catalog field that turns a value into model columns."""

    key: str
    label: str
    minimum: float
    maximum: float
    step: float
    fallback: float  # default when the profile lacks the metric
    field: Field


def form_fields(catalog: Catalog) -> tuple[FormField, ...]:
    """The form's fields: the catalog's numeric inputs, in its input order (a catalog with
    none, a generic table's, gets the reference schema's form, hidden in the app)."""
    source = catalog if any(isinstance(x, Measure) for x in catalog.inputs) else reference_catalog()
    return tuple(
        FormField(x.key, x.input.label, x.input.minimum, x.input.maximum, x.input.step,
                  x.input.fallback, x.input)
        for x in source.inputs
        if isinstance(x, Measure) and x.input is not None
    )  # fmt: skip


FIELDS = form_fields(reference_catalog())  # the reference schema's form
KEYS = tuple(f.key for f in FIELDS)


def uses_form(bundle: Bundle) -> bool:
    """True when the model's inputs are the form's (behaviour or seed feature set); a
    generic model takes its attributes as JSON only."""
    return bundle.segmenter.feature_set != "generic"


def form_defaults(
    profile: Profile | None, fields: Sequence[FormField] = FIELDS
) -> dict[str, float]:
    """The population median of every field (rounded to its step), or its fallback (all of
    them without a profile)."""
    out = {}
    for f in fields:
        path = ("metrics", f.key, "median")
        median = profile.population.figure(path) if profile is not None else None
        value = f.fallback if median is None else round(median / f.step) * f.step
        out[f.key] = float(min(max(value, f.minimum), f.maximum))
    return out


def attribute_template(bundle: Bundle) -> str:
    """For a generic model, the inputs that have no field in the app's form (beyond its
    pools, see `slot_fields`) as the JSON the form takes, each at its typical value (numeric:
    the training median; categorical: the most common level); "" when every input has a
    field, and for a model the reference form fills."""
    if uses_form(bundle):
        return ""
    *_, rest = slot_fields(column_fields(bundle))
    typical = {f.column: f.typical for f in rest}
    return json.dumps(typical, ensure_ascii=False) if typical else ""


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
    values: dict[str, float | None],
    reference_year: int,
    extra: dict[str, Any] | None = None,
    fields: Sequence[FormField] = FIELDS,
) -> dict[str, Any]:
    """The raw attributes of the customer the form describes (empty fields left out, so
    the model imputes them); ``extra`` attributes (raw column names) are added last.

    Raises `DataError` for a value outside a field's limits (the UI enforces them too)."""
    customer: dict[str, Any] = {}
    for f in fields:
        value = values.get(f.key)
        if value is None:
            continue
        if not f.minimum <= value <= f.maximum:
            raise DataError(
                f"{f.label} must be between {_num(f.minimum)} and {_num(f.maximum)}, "
                f"got {_num(value)}."
            )
        customer.update(f.field.to_columns(float(value), reference_year))
    return {**customer, **(extra or {})}


def form_customer(
    bundle: Bundle,
    values: dict[str, float | None],
    extra_json: str | None = None,
    columns: tuple[Sequence[float | None], Sequence[str | None]] = ((), ()),
) -> dict[str, Any]:
    """The attributes the form gives: the reference fields' ``values`` as model columns, or
    for a generic model its column fields' values (``columns``: the number pool's and the
    choice pool's, see `customer_from_columns`); the JSON attributes are added last."""
    extra = parse_extra(extra_json)
    if not uses_form(bundle):
        return {**customer_from_columns(column_fields(bundle), *columns), **extra}
    year = bundle.segmenter.features_.reference_year_
    return customer_from_form(values, year, extra)


def assign_form(
    bundle: Bundle,
    values: dict[str, float | None],
    extra_json: str | None = None,
    columns: tuple[Sequence[float | None], Sequence[str | None]] = ((), ()),
) -> Assignment:
    """Assign the customer of the form (see `form_customer`)."""
    return assign_customer(bundle, form_customer(bundle, values, extra_json, columns))


def what_if_text(base: Assignment, variant: Assignment, changes: dict[str, float | None]) -> str:
    """Markdown: what the changed customer would be, and whether the persona changes."""
    shown = {
        "income": "income {:,.0f}",
        "kidhome": "{:g} small child(ren)",
        "teenhome": "{:g} teen(s)",
    }
    what = ", ".join(shown[k].format(v) for k, v in changes.items() if v is not None and k in shown)
    p = variant.membership.get(variant.name, 0.0)
    old, new = clean_label(base.name, 60), clean_label(variant.name, 60)
    head = f"**What if** {what or 'nothing changes'}: **{new}** ({p:.0%} membership)."
    if variant.segment == base.segment:
        return f"{head}\n\nThe persona stays **{old}**."
    return f"{head}\n\nThe persona **changes** from **{old}** to **{new}**."
