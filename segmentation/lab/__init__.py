"""The model lab: clustering algorithms, k and feature sets compared in one ranked table.

``compare`` fits and measures every model, ``fit`` holds the shared fitting work and
bootstrap stability, ``rank`` the ranking rule, ``charts`` the elbow / silhouette /
stability PNGs, and ``seed`` reproduces the seed notebook's published silhouettes.
"""

from __future__ import annotations

from segmentation.lab.charts import lab_charts
from segmentation.lab.compare import LabResult, compare_models
from segmentation.lab.rank import RANKING_RULE, rank_table
from segmentation.lab.seed import format_seed_table, seed_reproduction

__all__ = [
    "RANKING_RULE",
    "LabResult",
    "compare_models",
    "format_seed_table",
    "lab_charts",
    "rank_table",
    "seed_reproduction",
]
