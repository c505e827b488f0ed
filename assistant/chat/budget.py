"""How big a request to the model is: characters, and tokens estimated as characters / 4.

The estimate is the usual rule of thumb for English text and JSON with OpenAI-style BPE
tokenizers; it is not a tokenizer's count (a local model's may differ by 10-30%), which is
why the budget (`PROMPT_TOKENS`) leaves room below a 4k context window for the reply
(``max_tokens``) too. A request's size is its messages' text plus its tools' JSON as the
server receives it (``json.dumps``, default separators).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["CHARS_PER_TOKEN", "PROMPT_TOKENS", "PromptSize", "prompt_size"]

CHARS_PER_TOKEN = 4
PROMPT_TOKENS = 2000  # one question: system + tools + history + question


@dataclass(frozen=True)
class PromptSize:
    """A request's size: characters of the system prompt, tools, history (earlier
    messages) and the question, and their total in estimated tokens."""

    system: int
    tools: int
    history: int
    question: int

    @property
    def chars(self) -> int:
        """All characters."""
        return self.system + self.tools + self.history + self.question

    @property
    def tokens(self) -> int:
        """Estimated tokens: characters / 4, rounded up."""
        return -(-self.chars // CHARS_PER_TOKEN)


def _text(message: dict[str, Any]) -> int:
    size = len(message.get("content") or "")
    if message.get("tool_calls"):
        size += len(json.dumps(message["tool_calls"]))
    return size


def prompt_size(
    messages: Sequence[dict[str, Any]], tools: Sequence[dict[str, Any]] | None = None
) -> PromptSize:
    """The size of a request of ``messages`` (system first, the question last) and
    ``tools`` (OpenAI specs)."""
    system = _text(messages[0]) if messages and messages[0].get("role") == "system" else 0
    first = 1 if system or (messages and messages[0].get("role") == "system") else 0
    question = _text(messages[-1]) if len(messages) > first else 0
    history = sum(_text(m) for m in messages[first:-1]) if len(messages) > first + 1 else 0
    return PromptSize(system, len(json.dumps(list(tools))) if tools else 0, history, question)
