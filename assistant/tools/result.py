"""What a chat tool gives back (`ToolResult`) and one call of a tool as the conversation
keeps it (`ToolCall`: its name, checked arguments and result)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ToolCall", "ToolResult"]


@dataclass
class ToolResult:
    """What a tool returns: text for a person and a model, plus data the UI can render.

    ``text`` is Markdown without raw HTML; ``data`` a JSON-serializable dict; ``figures``
    every number the text states, under stable dotted keys (``"segments.2.metrics.income.mean"``;
    shares as fractions, index keys end in ``.index``, lift keys in ``.lift``), so an answer
    built on the result can be checked; ``chart`` ``{"kind", "title", "labels", "values",
    "unit"}`` and ``table`` ``{"columns", "rows"}`` are optional; ``error`` marks a failure.
    """

    text: str
    data: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)
    chart: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    error: bool = False

    @classmethod
    def failure(cls, message: str) -> ToolResult:
        """An error result: text ``"Error: <message>"``, ``error=True``."""
        text = message if message.startswith("Error:") else f"Error: {message}"
        return cls(text=text, data={"error": text}, error=True)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: every field, in order (nested dicts and lists copied)."""
        return asdict(self)


@dataclass(frozen=True)
class ToolCall:
    """One tool call: the tool's name, the arguments it ran with (checked against its
    schema) and what it returned (None when it was not run)."""

    name: str
    arguments: dict[str, Any]
    result: ToolResult | None = None

    def __str__(self) -> str:
        """``name({"arg": value})``, as shown to people."""
        return f"{self.name}({json.dumps(self.arguments, ensure_ascii=False, sort_keys=True)})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: name and arguments (the result is the answer's own)."""
        return {"name": self.name, "arguments": self.arguments}
