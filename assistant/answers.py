"""What the chat gives back, whichever path answered (model tool loop or offline router)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ChatAnswer"]


@dataclass
class ChatAnswer:
    """One answer: Markdown text (no raw HTML, no external links or images), an optional
    chart and table for the UI, the figures the text rests on, and where it came from.

    ``figures`` maps stable dotted keys (as in `assistant.tools.toolkit.ToolResult.figures`) to the
    numbers used; ``tools`` lists the tool calls made, as ``name(args-json)``; ``writer`` is
    "router" (offline, deterministic) or the model's name; ``note`` says why a fallback or a
    cap happened; ``unverified`` lists numbers of the text that no tool result holds (they are
    marked in the text, never presented as fact).
    """

    text: str
    chart: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    figures: dict[str, float] = field(default_factory=dict)
    tools: list[str] = field(default_factory=list)
    writer: str = "router"
    note: str | None = None
    unverified: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: every field, in order (nested dicts and lists copied)."""
        return asdict(self)
