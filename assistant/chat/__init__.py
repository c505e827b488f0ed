"""The chat: one user's conversation (`ChatSession`), answered by a model calling read-only
tools or, without one, by the offline router; every answer is a `ChatAnswer`.

Modules: ``session`` (the conversation, the prompt budget, checking and falling back),
``loop`` (the model's tool loop for one question), ``attribution`` (figures checked next to
whom and what they belong to), ``budget`` (prompt size), ``sanitize`` (safe Markdown).
"""

from __future__ import annotations

from assistant.answers import ChatAnswer
from assistant.chat.attribution import Attributor, Misplaced, check_attribution
from assistant.chat.budget import PROMPT_TOKENS, PromptSize, prompt_size
from assistant.chat.loop import MAX_CALLS, MAX_ROUNDS
from assistant.chat.sanitize import sanitize_markdown
from assistant.chat.session import ChatSession

__all__ = [
    "MAX_CALLS",
    "MAX_ROUNDS",
    "PROMPT_TOKENS",
    "Attributor",
    "ChatAnswer",
    "ChatSession",
    "Misplaced",
    "PromptSize",
    "check_attribution",
    "prompt_size",
    "sanitize_markdown",
]
