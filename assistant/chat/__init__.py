"""The chat: one user's conversation (`ChatSession`), answered by a model calling read-only
tools or, without one, by the offline router; every answer is a `ChatAnswer`."""

from __future__ import annotations

from assistant.answers import ChatAnswer
from assistant.chat.session import MAX_CALLS, MAX_ROUNDS, ChatSession, sanitize_markdown

__all__ = ["MAX_CALLS", "MAX_ROUNDS", "ChatAnswer", "ChatSession", "sanitize_markdown"]
