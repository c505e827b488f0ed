"""Understanding a marketer's question offline: the deterministic router that reads a
question (and the conversation so far) into one tool call."""

from __future__ import annotations

from assistant.understanding.reading import Vocabulary
from assistant.understanding.router import Router

__all__ = ["Router", "Vocabulary"]
