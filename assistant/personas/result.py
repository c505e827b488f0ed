"""One segment's persona write-up and where it came from (`PersonaResult`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from assistant.personas.writeup import PersonaWriteup

__all__ = ["PersonaResult"]


@dataclass
class PersonaResult:
    """One segment's write-up and where it came from."""

    segment: int
    name: str
    writeup: PersonaWriteup
    writer: str  # "llm" | "offline"
    model: str | None
    prompt_version: str
    verified: bool
    note: str | None = None  # why the offline text is shown although a model was asked
    cached: bool = False
    calls: int = 0
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    settings: dict[str, Any] = field(default_factory=dict)
    expected: list[dict[str, Any] | None] = field(default_factory=list)

    @property
    def made_by(self) -> str:
        """'offline writer' or 'model gpt-4o-mini', for display."""
        return f"model {self.model}" if self.writer == "llm" else "offline writer"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the write-up as plain data)."""
        out = asdict(self)
        out["writeup"] = self.writeup.model_dump()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PersonaResult:
        """Inverse of `to_dict`."""
        return cls(**{**data, "writeup": PersonaWriteup.model_validate(data["writeup"])})
