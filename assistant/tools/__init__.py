"""The read-only tools the chat calls, over a model bundle, its personas and its customers.

Each tool is a typed function ``name(ctx: ChatContext, ...) -> ToolResult`` whose docstring
is written for a language model; `toolkit` derives its JSON schema from the signature. Tools
answer with Markdown text, JSON data, an optional chart or table, and the ``figures`` behind
every number the text states. They never return customer rows or IDs, never state the size
of a group of fewer than 11 customers, and answer bad arguments with ``"Error: ..."`` text
instead of raising.

Modules: ``segments`` (list, describe, compare, rank, one figure), ``count``, ``assign``,
``what_if``, ``views`` (campaign ideas, charts, tables); ``lookup`` resolves segment and
metric names, ``figures`` records stated numbers, ``toolkit`` runs validated calls.
"""

from __future__ import annotations

from assistant.tools.assign import assign_customer
from assistant.tools.count import Filter, count_customers
from assistant.tools.lookup import ChatContext
from assistant.tools.segments import (
    compare_segments,
    describe_segment,
    list_segments,
    rank_segments,
    segment_figure,
)
from assistant.tools.toolkit import Tool, Toolkit, ToolResult, tool_from_function
from assistant.tools.views import campaign_ideas, chart, table
from assistant.tools.what_if import what_if

__all__ = [
    "TOOLS",
    "ChatContext",
    "Filter",
    "Tool",
    "ToolResult",
    "Toolkit",
    "assign_customer",
    "campaign_ideas",
    "chart",
    "compare_segments",
    "count_customers",
    "default_toolkit",
    "describe_segment",
    "list_segments",
    "rank_segments",
    "segment_figure",
    "table",
    "tool_from_function",
    "what_if",
]

TOOLS = [
    list_segments,
    describe_segment,
    compare_segments,
    rank_segments,
    segment_figure,
    count_customers,
    assign_customer,
    what_if,
    campaign_ideas,
    chart,
    table,
]


def default_toolkit() -> Toolkit:
    """A `Toolkit` of every tool in `TOOLS`."""
    return Toolkit(TOOLS)
