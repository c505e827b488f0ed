"""`Reading`: how the offline reader read one question (its kind, the query or tool call it
becomes, or a text answer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.query import Query

__all__ = ["Reading"]


@dataclass(frozen=True)
class Reading:
    """How a question was read: its kind, the query or tool call it becomes (or a text
    answer), what was understood in words and what was left unread."""

    kind: str
    query: Query | None = None
    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    understood: str = ""
    unread: tuple[str, ...] = ()
    confidence: float = 1.0

    @property
    def declined(self) -> bool:
        """Whether the reading answers nothing (a decline, a question back, help)."""
        return self.query is None and self.tool is None
