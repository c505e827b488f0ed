"""Exceptions of the assistant, under the one tree rooted at `PersonaSenseError`."""

from __future__ import annotations

from segmentation.errors import PersonaSenseError

__all__ = ["LLMError"]


class LLMError(PersonaSenseError):
    """Raised when a language model cannot be reached or gives an unusable answer.

    The message is readable by a marketer (no stack trace): what failed and what to check.
    Callers fall back to the offline writer.
    """
