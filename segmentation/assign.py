"""Assigning customers with a trained bundle: one customer given as attributes (the form,
the chat), or a whole table in chunks (batch assignment).

One customer goes through exactly the transform the training rows did; attributes left out
take the training median, and the assignment says which.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

import numpy as np
import pandas as pd

from segmentation.bundle import Bundle
from segmentation.errors import DataError, DataQualityWarning, ModelError
from segmentation.model import Segmenter
from segmentation.schema import COUNT_COLUMNS, ID_COLUMN, OUTCOME_COLUMN, REFERENCE_COLUMNS

TEXT_COLUMNS = ("Education", "Marital_Status")
NON_NEGATIVE = (*COUNT_COLUMNS, "Income")

__all__ = ["Assignment", "assign_customer", "assign_frame", "customer_row", "iter_assign"]


@dataclass
class Assignment:
    """One customer's persona: segment, name, membership per segment, reasons, imputed."""

    segment: int
    name: str
    membership: dict[str, float]
    reasons: list[str]
    imputed: list[str]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "segment": self.segment,
            "persona": self.name,
            "membership": self.membership,
            "reasons": self.reasons,
            "imputed": self.imputed,
        }


def assign_customer(bundle: Bundle, customer: dict[str, Any]) -> Assignment:
    """Assign one customer given as raw attributes (missing ones take the training median).

    Raises `DataError` for an unknown attribute or a value of the wrong kind.
    """
    seg = bundle.segmenter
    categorical = [*TEXT_COLUMNS, *seg.features_.categories_]
    ignored = () if seg.feature_set == "generic" else REFERENCE_COLUMNS
    row = customer_row(seg.features_.input_columns_, customer, categorical, ignored)
    empty = seg.features_.missing_inputs(row).iloc[0]
    imputed = empty.index[empty].tolist()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        Z = seg.transform(row)
    proba = seg.proba_from_features(Z)[0]
    why = seg.explain_features(Z, top=len(seg.feature_names_out_))[0]
    best = int(np.argmax(proba))
    # Reasons from what the user gave come first; typical values fill in only if needed.
    ordered = sorted(why["reasons"], key=lambda r: _source_column(r["feature"]) in imputed)
    reasons = [
        _reason_text(seg, r, bundle.names, why["runner_up"])
        + (" (typical value: not given)" if _source_column(r["feature"]) in imputed else "")
        for r in ordered[:3]
    ]
    membership = {bundle.names[i]: round(float(p), 4) for i, p in enumerate(proba)}
    return Assignment(best, bundle.names[best], membership, reasons, imputed)


def customer_row(
    columns: Sequence[str],
    customer: dict[str, Any],
    categorical: Sequence[str] = TEXT_COLUMNS,
    ignored: Sequence[str] = REFERENCE_COLUMNS,
) -> pd.DataFrame:
    """One-row table of a customer's attributes for the model's input ``columns``.

    ``categorical`` columns keep text; the others need numbers, given as numbers or numeric
    strings ("60000", "60,000"). Absent or empty attributes become missing (the model imputes
    them). Attributes in ``ignored`` (other columns of the schema) are accepted and not used;
    unknown attributes, text where a number is needed and negative amounts raise
    `DataError` naming the attribute.
    """
    known = set(columns) | set(ignored) | {ID_COLUMN, OUTCOME_COLUMN}
    unknown = [k for k in customer if k not in known]
    if unknown:
        hints = [
            f"'{k}'"
            + (f" (did you mean '{m[0]}'?)" if (m := get_close_matches(k, known, 1)) else "")
            for k in unknown
        ]
        raise DataError(
            f"unknown customer attribute(s): {', '.join(hints)}; the model uses: "
            f"{', '.join(c for c in columns if c != 'Dt_Customer')}."
        )
    values: dict[str, Any] = {}
    for col in columns:
        value = customer.get(col)
        empty = value is None or (isinstance(value, str) and not value.strip())
        if col in categorical:
            values[col] = None if empty else str(value).strip()
        elif col == "Dt_Customer":
            values[col] = pd.NaT if empty else _date(value)
        else:
            values[col] = np.nan if empty else _number(col, value)
    return pd.DataFrame({k: [v] for k, v in values.items()})


def _date(value: Any) -> pd.Timestamp:
    date = pd.to_datetime(value, errors="coerce", dayfirst=True)
    if pd.isna(date):
        raise DataError(f"Dt_Customer must be a date like 2013-05-21, got {value!r}.")
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
    if col in NON_NEGATIVE and number < 0:
        raise DataError(f"{col} cannot be negative, got {value!r}.")
    return number


def _source_column(feature: str) -> str:
    """The input column a feature is made from ('log_MntWines' -> 'MntWines')."""
    if feature == "Age":
        return "Year_Birth"
    if feature == "CampaignsAccepted":
        return "AcceptedCmp1"
    return feature.removeprefix("log_").split("=", 1)[0]


_FEATURE_LABELS = {
    "MntWines": "wine spend",
    "MntFruits": "fruit spend",
    "MntMeatProducts": "meat spend",
    "MntFishProducts": "fish spend",
    "MntSweetProducts": "sweets spend",
    "MntGoldProds": "gold spend",
    "NumDealsPurchases": "deal purchases",
    "NumWebPurchases": "web purchases",
    "NumCatalogPurchases": "catalog purchases",
    "NumStorePurchases": "store purchases",
    "NumWebVisitsMonth": "web visits per month",
    "Kidhome": "small children",
    "Teenhome": "teenagers",
    "Recency": "days since last purchase",
    "CampaignsAccepted": "past campaigns accepted",
}


def _reason_text(seg: Segmenter, reason: dict[str, Any], names: list[str], runner: int) -> str:
    """'Income 82,000 is closer to this segment's 75,100 than to Budget Parents' 38,400'."""
    feature = reason["feature"]
    features = seg.features_

    def raw(z: float) -> str:
        if feature not in features.mean_.index:
            return f"{z:.2f}"
        value = z * features.scale_[feature] + features.mean_[feature]
        if feature.startswith("log_"):
            value = np.expm1(value)
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"

    label = _FEATURE_LABELS.get(feature.removeprefix("log_"), feature.removeprefix("log_"))
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
) -> Iterator[pd.DataFrame]:
    """Assign a table in chunks: the ID column (if any, under its own name), segment,
    persona_name, and membership (the probability of the assigned segment)."""
    seg = bundle.segmenter
    missing = [c for c in seg.features_.input_columns_ if c not in frame and c != "Dt_Customer"]
    if missing:
        raise ModelError(f"the table lacks columns the model needs: {', '.join(missing)}.")
    names = np.array(bundle.names, dtype=object)
    for start in range(0, len(frame), chunk_rows):
        part = frame.iloc[start : start + chunk_rows]
        proba = seg.predict_proba(part)
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
