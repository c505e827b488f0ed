"""The chat's toolbox: every read-only tool, as methods of one object holding the context.

`Toolbox(ctx)` answers tool calls over one model (``toolbox.rank_segments("income")``, or
``toolbox.toolkit.call(name, arguments)`` for a model's calls). The tools' schemas come from
their signatures and the model's catalog: the metric arguments list the catalog's keys
(``enum``), and a described customer's named arguments are the catalog's inputs. Schemas are
built once per catalog (a few milliseconds) and shared by every toolbox on a model like it.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from assistant.tools.assign import AssignTools
from assistant.tools.context import ChatContext
from assistant.tools.count import CountTools
from assistant.tools.customer import change_arguments, input_arguments
from assistant.tools.queries import QueryTools
from assistant.tools.schema import NamedArgument, Tool, tool_from_function
from assistant.tools.segments import SegmentTools
from assistant.tools.toolkit import Toolkit
from assistant.tools.views import CHART_KINDS, ViewTools
from assistant.tools.what_if import WhatIfTools
from segmentation.catalog import Catalog
from segmentation.profile import MIX_BLOCKS

__all__ = ["TOOL_NAMES", "Toolbox"]

TOOL_NAMES = (
    "list_segments",
    "describe_segment",
    "compare_segments",
    "rank_segments",
    "segment_figure",
    "count_customers",
    "assign_customer",
    "what_if",
    "campaign_ideas",
    "chart",
    "table",
    "query",
    "draft_message",
)


class Toolbox(SegmentTools, CountTools, AssignTools, WhatIfTools, ViewTools, QueryTools):
    """Every chat tool over ``ctx`` (one model, its personas and customers)."""

    def __init__(self, ctx: ChatContext) -> None:
        self.ctx = ctx

    @cached_property
    def toolkit(self) -> Toolkit:
        """The tools with their schemas, running on this toolbox."""
        return Toolkit(tools_for(self.ctx.catalog), owner=self)


def _signature(catalog: Catalog) -> tuple:
    """What the tools' schemas depend on: the measure keys and the inputs."""
    inputs = tuple(input_arguments(catalog)) + tuple(change_arguments(catalog))
    return tuple(catalog.keys()), tuple(m.key for m in catalog.mixes), inputs


def tools_for(catalog: Catalog) -> list[Tool]:
    """The tools' schemas for a model with ``catalog``."""
    return _tools(*_signature(catalog))


@lru_cache(maxsize=32)
def _tools(
    keys: tuple[str, ...], mixes: tuple[str, ...], inputs: tuple[NamedArgument, ...]
) -> list[Tool]:
    enums = {
        "metric": keys,
        "metrics": keys,
        "measure": (*keys, "customers", "response", "complain"),
        "measures": (*keys, "response", "complain"),
        "kind": (*CHART_KINDS, *(m for m in MIX_BLOCKS if m in mixes)),
    }
    changes = tuple(a for a in inputs if a[0].endswith("_change"))
    described = tuple(a for a in inputs if not a[0].endswith("_change"))
    named = {"assign_customer": described, "what_if": described + changes}
    return [
        tool_from_function(getattr(Toolbox, name), named=named.get(name), enums=enums)
        for name in TOOL_NAMES
    ]
