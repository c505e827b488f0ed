"""A second embedded demo table, of a schema of its own: a shop's export with a German ID
header, three planted groups and a region, so the "any table" path can be tried (and shown in
the README) on any machine without the reference file."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["make_shop_customers"]

# (age, annual income, total spend, visits per month, usual region): three clear groups
_GROUPS = (
    (25, 25_000, 300, 2, "North"),
    (45, 60_000, 1_500, 6, "South"),
    (65, 90_000, 800, 3, "West"),
)


def make_shop_customers(n: int = 1000, random_state: int = 0) -> pd.DataFrame:
    """``n`` customers with ``Kunden-ID, age, annual_income, total_spend, visits_per_month,
    region``: three groups (young low spenders, frequent big spenders, older high earners),
    each mostly (70%) from one region."""
    rng = np.random.default_rng(random_state)
    group = np.arange(n) % len(_GROUPS)
    age, income, spend, visits, region = (np.array([g[i] for g in _GROUPS]) for i in range(5))
    regions = np.array(["North", "South", "West", "East"])
    return pd.DataFrame(
        {
            "Kunden-ID": 100_000 + np.arange(n),
            "age": np.round(rng.normal(age[group], 4)).astype(int),
            "annual_income": np.round(rng.normal(income[group], 5_000), -2),
            "total_spend": np.round(np.clip(rng.normal(spend[group], 120), 0, None), 2),
            "visits_per_month": np.clip(np.round(rng.normal(visits[group], 1)), 0, None),
            "region": np.where(rng.random(n) < 0.7, region[group], rng.choice(regions, n)),
        }
    )
