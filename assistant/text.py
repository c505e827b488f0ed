"""User and model text made safe to show: one line without URLs (`plain_text`), or that
plus Markdown that shows it literally (`literal_markdown`: no link, image, HTML, table,
heading or list syntax). Used by the report and the app's cards."""

from __future__ import annotations

import re

__all__ = ["literal_markdown", "plain_text"]

_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s()<>\[\]\"']*")
_SPACE = re.compile(r"\s+")
_MD_CHARS = {"<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;", "|": "&#124;", "`": "'"}
_MD_LINE_START = re.compile(r"^(#+|[+\-*]|\d{1,9}[.)])(?=\s|$)")


def plain_text(value: object) -> str:
    """User or model text on one line, with every URL removed."""
    return _SPACE.sub(" ", _URL.sub("(link removed)", str(value))).strip()


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
