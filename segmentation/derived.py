"""Interpretable columns derived from a reference-schema table (age, children, total spend,
tenure ...) and the table's reference date: what profiles describe and features start from."""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmentation.schema import (
    AMOUNT_COLUMNS,
    CAMPAIGN_COLUMNS,
    EDUCATION_LEVELS,
    PARTNER_STATUSES,
    PURCHASE_COLUMNS,
)

__all__ = ["MAX_AGE", "derive_columns", "reference_date"]

MAX_AGE = 100


def reference_date(frame: pd.DataFrame) -> pd.Timestamp | None:
    """Latest enrolment date in the table (its year is the seed's 'current' year), or None
    without dates."""
    if "Dt_Customer" not in frame:
        return None
    dates = pd.to_datetime(frame["Dt_Customer"])
    return dates.max() if dates.notna().any() else None


def derive_columns(frame: pd.DataFrame, reference_date: pd.Timestamp | None) -> pd.DataFrame:
    """Return interpretable derived columns of a reference-schema table (a new frame).

    Age (years at the reference year; over 100 becomes NaN), Children, TotalSpend,
    TotalPurchases (web + catalog + store), TenureDays (days enrolled before the reference
    date), CampaignsAccepted (of the five past campaigns), EducationLevel and Partner.
    """
    out = pd.DataFrame(index=frame.index)
    if "Year_Birth" in frame:
        year = reference_date.year if reference_date is not None else pd.Timestamp.now().year
        age = year - frame["Year_Birth"].astype(float)
        out["Age"] = age.where(age <= MAX_AGE)
    if {"Kidhome", "Teenhome"} <= set(frame.columns):
        out["Children"] = frame["Kidhome"] + frame["Teenhome"]
    amounts = [c for c in AMOUNT_COLUMNS if c in frame]
    if amounts:
        out["TotalSpend"] = frame[amounts].sum(axis=1, min_count=1)
    channels = [c for c in PURCHASE_COLUMNS[1:] if c in frame]
    if channels:
        out["TotalPurchases"] = frame[channels].sum(axis=1, min_count=1)
    if "Dt_Customer" in frame and reference_date is not None:
        out["TenureDays"] = (reference_date - pd.to_datetime(frame["Dt_Customer"])).dt.days
    campaigns = [c for c in CAMPAIGN_COLUMNS if c in frame]
    if campaigns:
        out["CampaignsAccepted"] = frame[campaigns].sum(axis=1, min_count=1)
    if "Education" in frame:
        out["EducationLevel"] = frame["Education"].map(EDUCATION_LEVELS)
    if "Marital_Status" in frame:
        partner = frame["Marital_Status"].isin(PARTNER_STATUSES)
        out["Partner"] = np.where(partner, "Yes", "No")
    return out
