"""User and model text made safe: labels from a user's file cleaned before they reach a
model or a screen (`clean_label`, `clean_key`), text on one line without URLs
(`plain_text`), and that plus Markdown that shows it literally (`literal_markdown`: no link,
image, HTML, table, heading or list syntax)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_LABEL", "clean_key", "clean_label", "literal_markdown", "plain_text"]

MAX_LABEL = 40
_LINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s()<>\[\]\"']*")
_SPACE = re.compile(r"\s+")
_MD_CHARS = {"<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;", "|": "&#124;", "`": "'"}
_MD_LINE_START = re.compile(r"^(#+|[+\-*]|\d{1,9}[.)])(?=\s|$)")


def plain_text(value: object) -> str:
    """User or model text on one line, with every URL removed."""
    return _SPACE.sub(" ", _LINK.sub("(link removed)", str(value))).strip()


def literal_markdown(value: object) -> str:
    """`plain_text` that Markdown shows literally: no link, image, HTML or table syntax."""
    text = plain_text(value).replace("\\", "\\\\")
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = "".join(_MD_CHARS.get(ch, ch) for ch in text)
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    """'# ' → '\\# ', '- ' → '\\- ', '1. ' → '1\\. ': no heading or list at line start."""
    lead = match.group(1)
    return lead[:-1] + "\\" + lead[-1] if lead[0].isdigit() else "\\" + lead


_URL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)\S+|\b\S+@\S+\.\w+")
_MARKUP = re.compile(r"<[^>]*>|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[`*_#{}\[\]<>|\\]")
_SPACES = re.compile(r"\s+")


def clean_label(text: object, max_len: int = MAX_LABEL) -> str:
    """A user-file label made safe to show to a model: no control characters, URLs, e-mail
    addresses or markup, whitespace collapsed, at most ``max_len`` characters."""
    value = unicodedata.normalize("NFKC", str(text))
    value = "".join(_invisible(ch) for ch in value)
    value = _MARKUP.sub(lambda m: m.group(1) or " ", value)
    value = _URL.sub(" ", value)
    value = _SPACES.sub(" ", value).strip()
    if len(value) > max_len:
        value = value[: max_len - 1].rstrip() + "…"
    return value or "(unnamed)"


def _invisible(ch: str) -> str:
    """Control characters become a space; format characters (zero-width, bidi overrides)
    vanish, so "h\u200bttp://" cannot slip a link past the URL filter."""
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    return " " if category.startswith("C") else ch


def clean_key(key: object) -> str:
    """A statistics key safe to cite: letters, digits and underscores, at most 40 characters."""
    value = re.sub(r"[^0-9A-Za-z_]+", "_", str(key)).strip("_")[:MAX_LABEL]
    return value or "unnamed"
