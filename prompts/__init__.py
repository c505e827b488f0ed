"""The Jinja2 templates of every request to a language model and of the report (``*.j2``),
installed as package data and rendered by `assistant.prompts`; no code."""

from __future__ import annotations

__all__: list[str] = []
