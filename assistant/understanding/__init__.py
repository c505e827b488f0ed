"""Understanding a marketer's question offline: the deterministic router that reads a
question (and the conversation so far) into one tool call."""

from __future__ import annotations

from assistant.understanding.router import Router, format_call, parse_call

__all__ = ["Router", "format_call", "parse_call"]
