"""The single-customer form of a model trained on any table: one field per input column,
from the model and its catalog. Pure functions; the app fills a fixed pool of inputs with
them (`slot_fields`).

A number column becomes a number field: its label is the column's name, its limits the
range the model reads (the fitted outlier fences, which clip anything beyond them; zero at
the bottom for money, counts, ages and scores; ages at most 120), whole numbers for counts,
ages and whole-number columns, and its hint the typical (median) value. A category column
becomes a dropdown of its values. Fields start empty: an empty field takes the typical value,
and the assignment says how many were given (`segmentation.assign.Assignment.given_note`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from segmentation.bundle import Bundle
from segmentation.catalog import metric_key, roles_of
from segmentation.errors import DataError

__all__ = [
    "CHOICE_SLOTS",
    "NUMBER_SLOTS",
    "ColumnField",
    "column_fields",
    "customer_from_columns",
    "slot_fields",
]

NUMBER_SLOTS = 12  # number fields the app keeps for a table's columns
CHOICE_SLOTS = 6  # dropdowns the app keeps for a table's categories

_NON_NEGATIVE = frozenset({"money", "count", "age", "score", "flag"})
_WHOLE = frozenset({"count", "age", "flag"})
_MAX_AGE = 120.0


@dataclass(frozen=True)
class ColumnField:
    """One input column of a model as a form field: number (with limits) or choice."""

    column: str  # the table's column name, the field's label and the key it fills
    kind: str  # "number" or "choice"
    typical: Any  # the training median (number) or the commonest value (choice)
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()
    role: str = ""

    @property
    def info(self) -> str:
        """The hint under the field: its typical value and, for numbers, the range read."""
        if self.kind == "choice":
            return f"empty = typical ({self.typical})"
        limits = ""
        if self.minimum is not None and self.maximum is not None:
            limits = f" · {_num(self.minimum)} to {_num(self.maximum)}"
        return f"empty = typical ({_num(self.typical)}){limits}"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _limits(low: float, high: float, role: str, median: float) -> tuple[float | None, ...]:
    """The range the model reads: its fences, floored at zero for quantities that cannot
    be negative (when the column had none), ages at most `_MAX_AGE`; None where unbounded."""
    lo = low if math.isfinite(low) else None
    hi = high if math.isfinite(high) else None
    if role in _NON_NEGATIVE and median >= 0 and (lo is None or lo < 0):
        lo = 0.0
    if role == "age":
        hi = _MAX_AGE if hi is None else min(hi, _MAX_AGE)
    whole = role in _WHOLE or float(median).is_integer()
    if whole:
        lo = None if lo is None else float(math.floor(lo))
        hi = None if hi is None else float(math.ceil(hi))
    return lo, hi


def column_fields(bundle: Bundle) -> tuple[ColumnField, ...]:
    """The form fields of a model on a table's own columns, in the table's order (empty for
    a model on the reference schema, whose form is `assistant.webapp.views.form.FIELDS`)."""
    if bundle.segmenter.feature_set != "generic":
        return ()
    features = bundle.segmenter.features_
    roles = roles_of(bundle.profile.catalog)
    mixes = bundle.profile.population.mix
    out = []
    for col in features.input_columns_:
        role = roles.get(metric_key(col))
        role_name = role.role if role else ""
        if col in features.medians_:
            median = float(features.medians_[col])
            lo, hi = _limits(
                float(features.lower_.get(col, -math.inf)),
                float(features.upper_.get(col, math.inf)),
                role_name,
                median,
            )
            whole = role_name in _WHOLE or median.is_integer()
            typical = round(median) if whole else round(median, 2)
            out.append(ColumnField(str(col), "number", typical, lo, hi, whole, (), role_name))
        else:
            levels = tuple(features.categories_.get(col) or ())
            mix = mixes.get(metric_key(col)) or {}
            commonest = next(iter(mix), levels[0] if levels else "")
            out.append(ColumnField(str(col), "choice", commonest, choices=levels, role=role_name))
    return tuple(out)


def slot_fields(
    fields: Sequence[ColumnField],
) -> tuple[list[ColumnField], list[ColumnField], list[ColumnField]]:
    """The fields split into the app's pools: (number fields, choice fields, the rest that
    do not fit and are given as JSON)."""
    numbers = [f for f in fields if f.kind == "number"]
    choices = [f for f in fields if f.kind == "choice"]
    rest = numbers[NUMBER_SLOTS:] + choices[CHOICE_SLOTS:]
    return numbers[:NUMBER_SLOTS], choices[:CHOICE_SLOTS], rest


def customer_from_columns(
    fields: Sequence[ColumnField],
    numbers: Sequence[float | None],
    choices: Sequence[str | None],
) -> dict[str, Any]:
    """The attributes the filled fields give (by column name; empty ones left out so the
    model takes the typical value). ``numbers`` and ``choices`` are the pools' values in
    order; values of unused slots are ignored.

    Raises `DataError` naming the field for a number outside its limits or a value that is
    not one of a category's."""
    pooled_numbers, pooled_choices, _ = slot_fields(fields)
    customer: dict[str, Any] = {}
    for f, value in zip(pooled_numbers, numbers, strict=False):
        if value is None:
            continue
        value = float(value)
        low = -math.inf if f.minimum is None else f.minimum
        high = math.inf if f.maximum is None else f.maximum
        if not low <= value <= high:
            raise DataError(
                f"{f.column} must be between {_num(low)} and {_num(high)} (the range this "
                f"model reads), got {_num(value)}."
            )
        customer[f.column] = int(value) if f.integer and value.is_integer() else value
    for f, value in zip(pooled_choices, choices, strict=False):
        if value is None or not str(value).strip():
            continue
        if f.choices and str(value) not in f.choices:
            raise DataError(f"{f.column} must be one of {', '.join(f.choices)}, got {value!r}.")
        customer[f.column] = str(value)
    return customer
