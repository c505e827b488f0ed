"""Markdown safe to show: what a model writes may hold links, images, HTML or terminal
escapes (from an injected question or a hostile file value); they are removed, their text
kept."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["sanitize_markdown"]

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)\S+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.S)
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_HIDDEN = ("Cc", "Cf")


def sanitize_markdown(text: str) -> str:
    """Markdown safe to render: no images, links, URLs or HTML tags (their text is kept).

    Terminal escape sequences, control characters (but newlines and tabs) and format
    characters (zero-width, bidi overrides) are dropped first, so "h\u200bttp://" cannot show
    a URL that the filters did not see, nor an escape draw a link in a terminal.
    """
    text = _ESCAPE.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _HIDDEN)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub("", text)
    text = _TAG.sub("", text)  # before URLs: a URL inside a tag must not eat its ">"
    return _URL.sub("(link removed)", text).strip()
