"""The privacy rules of query answers: small groups withheld, thresholds on a grid.

Answers give aggregates only, never rows or IDs, and:

- **Small groups are withheld.** A group (a persona, a level, a cross-tab cell, a filtered
  set) of fewer than `MIN_GROUP` customers gets no figure; a count whose complement within
  its base is under `MIN_GROUP` is said as "all but fewer than 11".
- **Thresholds on continuous values are snapped to a grid** before anything is counted, so
  two questions whose thresholds differ by less than one step count the same customers and
  cannot be differenced to single out one customer ("income over 58,137" vs "over 58,138"
  both read as "over 58,000"). The step of a measure is a round number (1, 2 or 5 x 10^k)
  no larger than 1/50 of the range between its 5th and 95th percentiles, and at least 1 for
  whole-number columns; income on the reference data gets steps of 1,000, wine spend 20,
  age 1. The answer's "Read as" line states a snapped threshold and its step.
- Figures are shown rounded (`segmentation.formats`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from assistant.personas.facts import MIN_GROUP

__all__ = ["MIN_GROUP", "GRID_PARTS", "snap", "snap_step"]

GRID_PARTS = 50  # a step is at most 1/50 of the 5th-95th percentile range


def _nice_floor(value: float) -> float:
    """The largest 1, 2 or 5 x 10^k not above ``value`` (value > 0)."""
    power = 10 ** math.floor(math.log10(value))
    for mantissa in (5, 2, 1):
        if mantissa * power <= value:
            return float(mantissa * power)
    return float(power)


def snap_step(values: pd.Series | np.ndarray) -> float | None:
    """The grid step of a numeric column (see the module docstring); None when the column
    has too few distinct values to need one."""
    data = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy(dtype=float)
    if data.size == 0:
        return None
    low, high = np.quantile(data, [0.05, 0.95])
    whole = bool(np.all(np.equal(np.mod(data, 1), 0)))
    spread = (high - low) / GRID_PARTS
    if spread <= 0:
        return 1.0 if whole else None
    step = _nice_floor(spread)
    return max(step, 1.0) if whole else step


def snap(value: float, step: float | None) -> float:
    """``value`` rounded to the nearest multiple of ``step`` (unchanged without a step)."""
    if not step:
        return float(value)
    snapped = round(value / step) * step
    return float(round(snapped, 10))
