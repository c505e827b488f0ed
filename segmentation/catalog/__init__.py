"""One catalog of what can be measured: every metric and dimension defined once.

A `Catalog` holds each `Measure` (key, label, unit, source column or derivation, how it
aggregates, what it means, the words people use for it, whether a person can give it for one
customer) and each `Dimension`, `Mix` and `Campaign` of a kind of table. The reference
schema's catalog is written out (`reference_catalog`, with its derived columns); any other
table's is built from its columns (`generic_catalog`). Features, the profile, names,
write-ups, report, chat tools, the question reader and the form all read it.
"""

from __future__ import annotations

from segmentation.catalog.common import RESPONSE, SHARE, SIZE
from segmentation.catalog.core import (
    Campaign,
    Catalog,
    Dimension,
    Field,
    Measure,
    Mix,
    Part,
    normalize,
)
from segmentation.catalog.generic import (
    generic_catalog,
    generic_columns,
    labels_catalog,
    metric_key,
    roles_of,
)
from segmentation.catalog.reference import (
    MAX_AGE,
    ages,
    derive_columns,
    reference_catalog,
    reference_date,
)

__all__ = [
    "MAX_AGE",
    "RESPONSE",
    "SHARE",
    "SIZE",
    "Campaign",
    "Catalog",
    "Dimension",
    "Field",
    "Measure",
    "Mix",
    "Part",
    "ages",
    "derive_columns",
    "generic_catalog",
    "generic_columns",
    "labels_catalog",
    "metric_key",
    "normalize",
    "reference_catalog",
    "reference_date",
    "roles_of",
]
