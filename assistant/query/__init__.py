"""The query layer: a question as a small typed query over the catalog, run deterministically.

`Query` says what is measured (a catalog metric, a yes/no rate, or a count or share of
customers), over whom (conditions, personas), grouped how (by persona, by a dimension, or a
cross-tab of two), ranked or compared, and shown how. `run_query` validates it against the
model's catalog and runs it on the customer table (or, where that suffices, the profile's
aggregates) under the privacy rules of `assistant.query.privacy`; every result starts with a
"Read as:" line that says how the query was understood (`read_as`).
"""

from __future__ import annotations

from assistant.query.privacy import MIN_GROUP, snap_step
from assistant.query.resolve import flag_level, read_as, resolve
from assistant.query.run import run_query
from assistant.query.types import Condition, Query

__all__ = [
    "MIN_GROUP",
    "Condition",
    "Query",
    "flag_level",
    "read_as",
    "resolve",
    "run_query",
    "snap_step",
]
