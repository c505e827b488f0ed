"""What the chat gives back, whichever path answered (model tool loop or offline router)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from assistant.tools.result import ToolCall

__all__ = ["ChatAnswer"]


@dataclass
class ChatAnswer:
    """One answer: Markdown text (no raw HTML, no external links or images), an optional
    chart and table for the UI, the figures the text rests on, and where it came from.

    ``figures`` maps stable dotted keys (as in `assistant.tools.ToolResult.figures`) to the
    numbers used; ``tools`` lists the tool calls made (`ToolCall`); ``writer`` is
    "router" (offline, deterministic) or the model's name; ``note`` says why a fallback or a
    cap happened; ``unverified`` lists numbers of a model's draft that no tool result held in
    the place they were stated (such a draft is never shown: the offline answer replaces it).
    """

    text: str
    chart: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    figures: dict[str, float] = field(default_factory=dict)
    tools: list[ToolCall] = field(default_factory=list)
    writer: str = "router"
    note: str | None = None
    unverified: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: every field, in order; each tool call as its name and arguments."""
        return {
            "text": self.text,
            "chart": copy.deepcopy(self.chart),
            "table": copy.deepcopy(self.table),
            "figures": dict(self.figures),
            "tools": [call.to_dict() for call in self.tools],
            "writer": self.writer,
            "note": self.note,
            "unverified": list(self.unverified),
        }
