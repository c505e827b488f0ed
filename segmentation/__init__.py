"""PersonaSense segmentation engine.

Data flows one way: io → features → model → evaluate → profile → naming → bundle; `pipeline`
runs the jobs end to end and `cli` is the ``personasense`` command.
"""

from __future__ import annotations

from .bundle import Bundle, load_bundle, save_bundle
from .demo import make_customers
from .errors import (
    BundleError,
    BundleWarning,
    DataError,
    DataQualityWarning,
    ModelError,
    PersonaSenseError,
    SchemaError,
)
from .features import FeatureBuilder
from .io import LoadReport, LoadResult, load_customers
from .model import Segmenter
from .naming import match_segments, name_segments
from .pipeline import Assignment, assign_customer, assign_frame, train_bundle
from .profile import profile_segments

__all__ = [
    "Assignment",
    "Bundle",
    "BundleError",
    "BundleWarning",
    "DataError",
    "DataQualityWarning",
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
