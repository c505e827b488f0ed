"""How the model lab ranks its table.

**Ranking rule** (internal criteria only):

1. *usable*: at least 2 segments, every segment at least 5% of customers (``MIN_SHARE``) and
   at most 10% of customers left as noise (``MAX_NOISE``);
2. *stable*: bootstrap stability at least 0.85 (``STABLE_ARI``, the model's own threshold);
3. rows that are usable and stable come first, then usable ones, then the rest; within each
   group, by the mean of the row's percentile ranks in the whole table on silhouette (higher
   is better), Calinski-Harabasz (higher), Davies-Bouldin (lower) and stability (higher),
   each counting the same; ties go to the smaller k.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmentation.algorithms import MAX_NOISE
from segmentation.model import MIN_SHARE, STABLE_ARI

__all__ = ["COLUMNS", "RANKING_RULE", "rank_table"]

COLUMNS = (
    "rank", "algorithm", "k", "feature_set", "fit_rows", "sampled", "silhouette",
    "calinski_harabasz", "davies_bouldin", "inertia", "bic", "stability", "min_share",
    "noise_share", "spend_eta2", "fit_seconds", "usable", "stable", "best_lift",
    "response_spread",
)  # fmt: skip

RANKING_RULE = (
    f"usable = >= 2 segments, every segment >= {MIN_SHARE:.0%} of customers, noise <= "
    f"{MAX_NOISE:.0%} (of the rows the method fitted); stable = usable and bootstrap "
    f"stability >= {STABLE_ARI}; order: usable and stable, "
    "then usable, then the rest, each by the mean percentile rank on silhouette (higher), "
    "Calinski-Harabasz (higher), Davies-Bouldin (lower) and stability (higher); ties: smaller k. "
    "Held-out Response lift is shown, never used."
)


def rank_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``usable``, ``stable`` and ``rank`` (1 = best) by the ranking rule of
    this module, sorted best first."""
    t = table.copy()
    t["usable"] = (t["k"] >= 2) & (t["min_share"] >= MIN_SHARE) & (t["noise_share"] <= MAX_NOISE)
    t["stable"] = t["usable"] & (t["stability"] >= STABLE_ARI)
    pct = pd.concat(
        [
            t["silhouette"].rank(pct=True),
            t["calinski_harabasz"].rank(pct=True),
            (-t["davies_bouldin"]).rank(pct=True),
            t["stability"].rank(pct=True),
        ],
        axis=1,
    ).fillna(0.0)
    group = np.where(t["stable"], 0, np.where(t["usable"], 1, 2))
    order = np.lexsort((t["k"].to_numpy(), -pct.mean(axis=1).to_numpy(), group))
    t = t.iloc[order].reset_index(drop=True)
    t["rank"] = np.arange(1, len(t) + 1)
    return t[list(COLUMNS)]
