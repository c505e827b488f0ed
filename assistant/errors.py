"""Exceptions of the assistant, under the one tree rooted at `PersonaSenseError`.

PersonaSenseError (segmentation.errors)
├── LLMError        a language model cannot be reached or answers unusably
└── ToolInputError  a chat tool was called with an argument it cannot use
"""

from __future__ import annotations

from segmentation.errors import PersonaSenseError

__all__ = ["LLMError", "ToolInputError"]


class LLMError(PersonaSenseError):
    """Raised when a language model cannot be reached or gives an unusable answer.

    The message is readable by a marketer (no stack trace): what failed and what to check.
    Callers fall back to the offline writer.
    """


class ToolInputError(PersonaSenseError):
    """Raised by a chat tool when an argument names nothing it can use (an unknown segment,
    metric or column, a value of the wrong kind, a group too small to show).

    The toolkit turns it into an ``"Error: ..."`` result the model can correct its call
    from; any other exception inside a tool is a bug and is reported as one.
    """
