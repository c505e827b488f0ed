"""Writing results for spreadsheets: CSV cells that cannot run as formulas."""

from __future__ import annotations

import pandas as pd

__all__ = ["formula_safe"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` whose text cells starting with = + - @ (or tab/CR) get a leading '.

    Spreadsheets would otherwise run such cells as formulas (CSV injection).
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            text = out[col].astype("string")
            risky = text.str.startswith(_FORMULA_START).fillna(False).to_numpy(bool)
            if out[col].dtype == object:  # numbers in a mixed column stay numbers
                risky &= out[col].map(lambda v: isinstance(v, str)).to_numpy(bool)
            if risky.any():
                out[col] = out[col].astype(object)
                out.loc[risky, col] = "'" + text[risky].astype(str)
    return out
