"""The rule that picks the number of segments from the candidates' figures (see
`segmentation.model` for the rule in words): internal criteria only, never an outcome."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "CLEAR_SILHOUETTE",
    "MIN_SHARE",
    "PERSONA_RANGE",
    "SILHOUETTE_TOLERANCE",
    "STABLE_ARI",
    "choose_k",
]

MIN_SHARE = 0.05
STABLE_ARI = 0.85
SILHOUETTE_TOLERANCE = 0.03
CLEAR_SILHOUETTE = 0.5
PERSONA_RANGE = (4, 7)


def choose_k(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` (one per candidate k: ``k``, ``silhouette``, ``min_share``, ``stability``,
    NaN where not measured) marked ``admissible``, ``chosen`` and the chosen one's
    ``reason``."""
    big = [r for r in rows if r["min_share"] >= MIN_SHARE]
    stable = [r for r in big if r["stability"] >= STABLE_ARI]  # NaN: not measured
    clear = [r for r in stable if r["silhouette"] >= CLEAR_SILHOUETTE]
    lo, hi = PERSONA_RANGE
    usable = [r for r in rows if lo <= r["k"] <= hi] or rows  # tiny tables: what there is
    best_sil = max((r["silhouette"] for r in usable), default=float("nan"))
    admissible = [
        r for r in stable if r in usable and r["silhouette"] >= best_sil - SILHOUETTE_TOLERANCE
    ]
    if clear:
        admissible = clear
        chosen = max(clear, key=lambda r: (r["silhouette"], -r["k"]))
        reason = "clearly separated groups: highest silhouette"
    elif admissible:
        chosen, reason = max(admissible, key=lambda r: r["k"]), "largest stable k"
    elif [r for r in big if r in usable]:
        chosen = max((r for r in big if r in usable), key=lambda r: r["stability"])
        reason = "no k was stable: most stable"
    else:
        chosen = max(usable, key=lambda r: np.nan_to_num(r["stability"], nan=-1.0))
        reason = f"no k kept every segment >= {MIN_SHARE:.0%}: most stable"
    for r in rows:
        r["admissible"] = r in admissible
        r["chosen"] = r is chosen
        r["reason"] = reason if r is chosen else ""
    return rows
