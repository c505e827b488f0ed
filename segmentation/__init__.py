"""PersonaSense segmentation engine.

Data flows one way: io → features → model → evaluate → profile → naming → bundle; `pipeline`
runs the jobs end to end and `cli` is the ``personasense`` command.
"""

from __future__ import annotations

from segmentation.assign import Assignment, assign_customer, assign_frame
from segmentation.bundle import Bundle, load_bundle, save_bundle
from segmentation.demo import make_customers
from segmentation.errors import (
    BundleError,
    DataError,
    ModelError,
    PersonaSenseError,
    SchemaError,
)
from segmentation.features import FeatureBuilder
from segmentation.io import LoadReport, LoadResult, load_customers
from segmentation.model import Segmenter
from segmentation.naming import match_segments, name_segments
from segmentation.pipeline import train_bundle
from segmentation.profile import profile_segments

__all__ = [
    "Assignment",
    "Bundle",
    "BundleError",
    "DataError",
    "FeatureBuilder",
    "LoadReport",
    "LoadResult",
    "ModelError",
    "PersonaSenseError",
    "SchemaError",
    "Segmenter",
    "assign_customer",
    "assign_frame",
    "load_bundle",
    "load_customers",
    "make_customers",
    "match_segments",
    "name_segments",
    "profile_segments",
    "save_bundle",
    "train_bundle",
]
