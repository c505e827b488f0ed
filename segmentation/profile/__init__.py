"""Segment profiles: what each segment looks like, as aggregates only.

`profile_segments` turns a customer table and its segment labels into a typed `Profile`
(``build``); the types and their JSON are in ``types``.
"""

from __future__ import annotations

from segmentation.profile.build import (
    MAX_MIX_LEVELS,
    SMALL_SEGMENT,
    TOP_TRAITS,
    profile_segments,
)
from segmentation.profile.types import (
    MIX_BLOCKS,
    Mix,
    PopulationMetric,
    PopulationProfile,
    Profile,
    Rate,
    Response,
    SegmentMetric,
    SegmentProfile,
    Trait,
)

__all__ = [
    "MAX_MIX_LEVELS",
    "MIX_BLOCKS",
    "SMALL_SEGMENT",
    "TOP_TRAITS",
    "Mix",
    "PopulationMetric",
    "PopulationProfile",
    "Profile",
    "Rate",
    "Response",
    "SegmentMetric",
    "SegmentProfile",
    "Trait",
    "profile_segments",
]
