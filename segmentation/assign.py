"""Assigning customers with a trained bundle: one customer given as attributes (the form,
the chat), or a whole table in chunks (batch assignment).

One customer goes through exactly the transform the training rows did; attributes left out
take the training median, and the assignment says which.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

import numpy as np
import pandas as pd

from segmentation.bundle import Bundle
from segmentation.catalog import Catalog, Measure
from segmentation.errors import DataError, ModelError
from segmentation.features import note
from segmentation.io.parse import header_key
from segmentation.schema import (
    CATEGORICAL_COLUMNS,
    DATE_COLUMNS,
    ID_COLUMN,
    NON_NEGATIVE_COLUMNS,
    OUTCOME_COLUMN,
    REFERENCE_COLUMNS,
)

__all__ = ["Assignment", "assign_customer", "assign_frame", "customer_row", "iter_assign"]


@dataclass
class Assignment:
    """One customer's persona: segment, name, membership per segment, reasons, imputed."""

    segment: int
    name: str
    membership: dict[str, float]
    reasons: list[str]
    imputed: list[str]
    fields: int = 0  # the model's input fields, given or not

    @property
    def given_note(self) -> str:
        """ "3 of 5 fields given; the other 2 take typical values" ("" when all were given)."""
        if not self.imputed or not self.fields:
            return ""
        given = max(self.fields - len(self.imputed), 0)
        return (
            f"{given} of {self.fields} fields given; the other {len(self.imputed)} take typical "
            "values, so the placement rests on what was given"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "segment": self.segment,
            "persona": self.name,
            "membership": self.membership,
            "reasons": self.reasons,
            "imputed": self.imputed,
            "given": self.given_note,
        }


def assign_customer(bundle: Bundle, customer: dict[str, Any]) -> Assignment:
    """Assign one customer given as raw attributes (missing ones take the training median).

    Raises `DataError` for an unknown attribute or a value of the wrong kind.
    """
    seg = bundle.segmenter
    categorical = [*CATEGORICAL_COLUMNS, *seg.features_.categories_]
    ignored = () if seg.feature_set == "generic" else REFERENCE_COLUMNS
    row = customer_row(seg.features_.input_columns_, customer, categorical, ignored,
                       levels=seg.features_.categories_)  # fmt: skip
    empty = seg.features_.missing_inputs(row).iloc[0]
    imputed = empty.index[empty].tolist()
    Z = seg.transform(row)
    proba = seg.proba_from_features(Z)[0]
    why = seg.explain_features(Z, top=len(seg.feature_names_out_))[0]
    best = int(np.argmax(proba))
    # Reasons from what the user gave come first; typical values fill in only if needed.
    catalog = bundle.profile.catalog

    def typical(reason: dict[str, Any]) -> bool:
        return _source_column(catalog, reason["feature"]) in imputed

    ordered = sorted(why["reasons"], key=typical)
    reasons = [
        _reason_text(bundle, r, why["runner_up"])
        + (" (typical value: not given)" if typical(r) else "")
        for r in ordered[:3]
    ]
    membership = {bundle.names[i]: round(float(p), 4) for i, p in enumerate(proba)}
    fields = [c for c in seg.features_.input_columns_ if c not in DATE_COLUMNS]
    return Assignment(best, bundle.names[best], membership, reasons, imputed, len(fields))


def customer_row(
    columns: Sequence[str],
    customer: dict[str, Any],
    categorical: Sequence[str] = CATEGORICAL_COLUMNS,
    ignored: Sequence[str] = REFERENCE_COLUMNS,
    levels: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """One-row table of a customer's attributes for the model's input ``columns``.

    ``categorical`` columns keep text; the others need numbers, given as numbers or numeric
    strings ("60000", "60,000"). Absent or empty attributes become missing (the model imputes
    them). Attributes in ``ignored`` (other columns of the schema) are accepted and not used;
    unknown attributes, text where a number is needed and negative amounts raise
    `DataError` naming the attribute. Names are matched as the loader matches headers
    (case, spaces, ``_`` and ``-`` ignored: "AGE" and "annual income" are "age" and
    "annual_income"), and a category's value to the ``levels`` it was trained on ("north"
    is "North").
    """
    known = set(columns) | set(ignored) | {ID_COLUMN, OUTCOME_COLUMN}
    by_key = {header_key(k): k for k in known}
    customer = {by_key.get(header_key(k), k): v for k, v in customer.items()}
    for col, allowed in (levels or {}).items():
        value = customer.get(col)
        if isinstance(value, str):
            match = {str(a).strip().lower(): a for a in allowed}.get(value.strip().lower())
            customer[col] = match if match is not None else value
    unknown = [k for k in customer if k not in known]
    if unknown:
        hints = [
            f"'{k}'"
            + (f" (did you mean '{m[0]}'?)" if (m := get_close_matches(k, known, 1)) else "")
            for k in unknown
        ]
        raise DataError(
            f"unknown customer attribute(s): {', '.join(hints)}; the model uses: "
            f"{', '.join(c for c in columns if c not in DATE_COLUMNS)}."
        )
    values: dict[str, Any] = {}
    for col in columns:
        value = customer.get(col)
        empty = value is None or (isinstance(value, str) and not value.strip())
        if col in categorical:
            values[col] = None if empty else str(value).strip()
        elif col in DATE_COLUMNS:
            values[col] = pd.NaT if empty else _date(col, value)
        else:
            values[col] = np.nan if empty else _number(col, value)
    return pd.DataFrame({k: [v] for k, v in values.items()})


def _date(col: str, value: Any) -> pd.Timestamp:
    date = pd.to_datetime(value, errors="coerce", dayfirst=True)
    if pd.isna(date):
        raise DataError(f"{col} must be a date like 2013-05-21, got {value!r}.")
    return date


def _number(col: str, value: Any) -> float:
    if isinstance(value, bool):
        raise DataError(f"{col} must be a number, got {value!r}.")
    try:
        number = float(value.replace(",", "").strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise DataError(f"{col} must be a number, got {value!r}.") from None
    if not np.isfinite(number):
        raise DataError(f"{col} must be a finite number, got {value!r}.")
    if col in NON_NEGATIVE_COLUMNS and number < 0:
        raise DataError(f"{col} cannot be negative, got {value!r}.")
    return number


def _feature_measure(catalog: Catalog, feature: str) -> Measure | None:
    """The catalog metric a feature is made from ('log_MntWines' -> spend_wines)."""
    return catalog.by_source(feature.removeprefix("log_").split("=", 1)[0])


def _source_column(catalog: Catalog, feature: str) -> str:
    """The input column a feature is made from ('log_MntWines' -> 'MntWines', 'Age' ->
    'Year_Birth'): the first column of its catalog input, else the feature's own column."""
    measure = _feature_measure(catalog, feature)
    if measure is not None and measure.input is not None and measure.input.columns:
        return measure.input.columns[0]
    return feature.removeprefix("log_").split("=", 1)[0]


def _reason_text(bundle: Bundle, reason: dict[str, Any], runner: int) -> str:
    """'income 82,000 is closer to this segment's 75,100 than to Budget Parents' 38,400'."""
    feature = reason["feature"]
    features, names = bundle.segmenter.features_, bundle.names

    def raw(z: float) -> str:
        if feature not in features.mean_.index:
            return f"{z:.2f}"
        value = z * features.scale_[feature] + features.mean_[feature]
        if feature.startswith("log_"):
            value = np.expm1(value)
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"

    if "=" in feature and feature not in features.mean_.index:  # a category, one-hot
        column, level = feature.split("=", 1)
        dim = next((d for d in bundle.profile.catalog.dimensions if d.source == column), None)
        label = dim.label if dim is not None else column
        seg_share, run_share = reason["segment_z"], reason["runner_up_z"]
        said = "is" if reason["value_z"] >= 0.5 else "is not"
        return (
            f"{label} {said} {level}: {seg_share:.0%} of this segment are {level}, "
            f"{run_share:.0%} of the runner-up {names[runner]}"
        )
    measure = _feature_measure(bundle.profile.catalog, feature)
    label = measure.label if measure is not None else feature.removeprefix("log_")
    return (
        f"{label} {raw(reason['value_z'])} is closer to this segment's typical "
        f"{raw(reason['segment_z'])} than to the runner-up {names[runner]} "
        f"({raw(reason['runner_up_z'])})"
    )


def iter_assign(
    bundle: Bundle,
    frame: pd.DataFrame,
    chunk_rows: int = 100_000,
    id_column: str | None = ID_COLUMN,
    notes: list[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Assign a table in chunks: the ID column (if any, under its own name), segment,
    persona_name, and membership (the probability of the assigned segment). What was done
    to a chunk's values (ages over 100, clipped values) is appended to ``notes``."""
    seg = bundle.segmenter
    missing = [c for c in seg.features_.model_columns if c not in frame]
    if missing:
        raise ModelError(f"the table lacks columns the model needs: {', '.join(missing)}.")
    names = np.array(bundle.names, dtype=object)
    for start in range(0, len(frame), chunk_rows):
        part = frame.iloc[start : start + chunk_rows]
        Z, done = seg.features_.transform_noted(part)
        if notes is not None and done:
            notes.append(str(note("input", done)))
        proba = seg.proba_from_features(Z)
        best = proba.argmax(axis=1)
        out = pd.DataFrame(index=part.index)
        if id_column is not None and id_column in part:
            out[id_column] = _as_written(part[id_column])
        out["segment"] = best
        out["persona_name"] = names[best]
        out["membership"] = proba[np.arange(len(best)), best].round(4)
        yield out


def _as_written(ids: pd.Series) -> pd.Series:
    """IDs as the user wrote them: whole numbers without a trailing '.0'."""
    if pd.api.types.is_float_dtype(ids):
        whole = ids.dropna()
        if (whole == np.round(whole)).all():
            return ids.astype("Int64")
    return ids


def assign_frame(
    bundle: Bundle,
    frame: pd.DataFrame,
    chunk_rows: int = 100_000,
    id_column: str | None = ID_COLUMN,
) -> pd.DataFrame:
    """Assign every row of a table (see `iter_assign`) into one frame."""
    if len(frame) == 0:
        raise DataError("the table has no customers to assign.")
    return pd.concat(list(iter_assign(bundle, frame, chunk_rows, id_column)), ignore_index=True)
