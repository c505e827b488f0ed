"""Date columns of a table of its own schema, as numbers a model can use: the days from
each date to the model's reference date (the latest date in the training table), named
"days since <column>". A join date ("Kunde seit", "signup_date") reads as tenure, a last
activity date ("last_purchase", "letzter Kauf") as recency; either way a bigger number is
an older date. Dates are profiled this way, never clustered on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["days_column", "days_since", "latest_date"]

_PREFIX = "days since "


def days_column(column: str) -> str:
    """The derived column of a date column: ``"Kunde seit"`` -> ``"days since Kunde seit"``."""
    return f"{_PREFIX}{column}"


def latest_date(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Timestamp | None:
    """The latest date in ``columns`` of ``frame`` (the reference date), or None."""
    latest = [
        pd.to_datetime(frame[c], errors="coerce").max() for c in columns if c in frame.columns
    ]
    latest = [d for d in latest if pd.notna(d)]
    return max(latest) if latest else None


def days_since(values: pd.Series, reference: pd.Timestamp) -> np.ndarray:
    """Whole days from each date to ``reference`` (float, NaN where unknown); dates given as
    text are parsed (day first where they are written so: "31.12.2023")."""
    dates = values
    if not pd.api.types.is_datetime64_any_dtype(values):
        text = values.astype("string")
        dates = pd.to_datetime(text, errors="coerce", dayfirst=_dayfirst(text))
    return (reference - dates).dt.days.to_numpy(dtype=float, na_value=np.nan)


def _dayfirst(text: pd.Series) -> bool:
    """Whether dates are written day first ("31.12.2023", "31/12/2023")."""
    sample = text.dropna().head(50)
    return bool(sample.str.match(r"\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}").any()) and not bool(
        sample.map(lambda s: bool(re.match(r"\s*\d{1,2}/(1[3-9]|[23]\d)/", s))).any()
    )
