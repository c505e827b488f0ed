"""Persona names from segment profiles (`name_segments`), and matching the segments of a
retrained model to an old model's (`match_segments`) so that they keep their id and name."""

from __future__ import annotations

from segmentation.naming.matching import match_segments, segment_distances
from segmentation.naming.names import name_segments

__all__ = ["match_segments", "name_segments", "segment_distances"]
