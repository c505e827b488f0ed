"""The read-only tools the chat calls, over a model bundle, its personas and its customers.

A `Toolbox` holds the context (`ChatContext`) and offers every tool as a method whose
docstring is written for a language model; `Toolbox.toolkit` runs calls validated against
schemas derived from the signatures and the model's catalog. Tools answer with Markdown
text, JSON data, an optional chart or table, and the ``figures`` behind every number the
text states (`ToolResult`). They never return customer rows or IDs, never state the size of
a group of fewer than 11 customers, and answer bad arguments with ``"Error: ..."`` text
instead of raising.

Modules: ``segments`` (list, describe, compare, rank, one figure), ``count``, ``assign``,
``what_if``, ``views`` (campaign ideas, charts, tables); ``context`` holds what they read,
``lookup`` resolves segment and metric names, ``figures`` records stated numbers,
``customer`` is what assign and what-if share, ``schema`` and ``toolkit`` make and run tools.
"""

from __future__ import annotations

from assistant.tools.context import ChatContext
from assistant.tools.count import Filter
from assistant.tools.result import ToolCall, ToolResult
from assistant.tools.schema import Tool, tool_from_function
from assistant.tools.toolbox import TOOL_NAMES, Toolbox
from assistant.tools.toolkit import Toolkit, tool

__all__ = [
    "TOOL_NAMES",
    "ChatContext",
    "Filter",
    "Tool",
    "ToolCall",
    "ToolResult",
    "Toolbox",
    "Toolkit",
    "tool",
    "tool_from_function",
]
