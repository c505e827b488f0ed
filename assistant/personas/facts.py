"""What may be sent to a language model: aggregates only, cleaned, never small groups.

`fact_sheet` turns one segment of a profile (see `segmentation.profile`) into the statistics a
writer sees — and against which its text is verified. By construction it holds no customer
ID, no row, no minimum or maximum of raw values, and nothing about a group of fewer than
`MIN_GROUP` customers: a segment that small gets no fact sheet, and a category cell (say,
widowed customers of a segment) that small is reported as ``"<11"`` instead of its share.
Labels that come from the user's file (category values, column names, persona names built
from them) are cleaned by `clean_label`, so a CSV value cannot smuggle instructions, links or
markup into a prompt.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from assistant.errors import LLMError
from segmentation.profile import SMALL_SEGMENT

__all__ = ["MIN_GROUP", "RATE_KEYS", "clean_key", "clean_label", "fact_sheet", "small_cell"]

MIN_GROUP = SMALL_SEGMENT
MAX_LABEL = 40
RATE_KEYS = ("rate", "ci_low", "ci_high", "lift")  # the figures of a response rate

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


def _round(value: float | None, key: str) -> float | int | None:
    """Lean, readable precision: money and counts whole, shares 3 decimals, indexes whole."""
    if value is None:
        return None
    if key in ("share", "rate", "ci_low", "ci_high") or key.startswith("mix"):
        return round(float(value), 3)
    if key == "index":
        return int(round(value))
    if key == "lift":
        return round(float(value), 2)
    if abs(value) >= 100:
        return int(round(value))
    return round(float(value), 2) if abs(value) < 10 else round(float(value), 1)


def clean_key(key: object) -> str:
    """A statistics key safe to cite: letters, digits and underscores, at most 40 characters."""
    value = re.sub(r"[^0-9A-Za-z_]+", "_", str(key)).strip("_")[:MAX_LABEL]
    return value or "unnamed"


_SKEWED = ("income", "total_spend")  # the median adds information only where means mislead


def _metrics(metrics: dict[str, Any], labels: dict[str, str]) -> dict:
    out = {}
    for key, figures in metrics.items():
        entry: dict[str, Any] = {"label": clean_label(labels.get(key, key))}
        stats = ("mean", "median", "index") if key in _SKEWED else ("mean", "index")
        for stat in stats:
            if figures.get(stat) is not None:
                entry[stat] = _round(figures[stat], stat if stat == "index" else "value")
        out[clean_key(key)] = entry
    return out


def small_cell(share: float, size: float) -> bool:
    """Whether ``share`` of a group of ``size`` customers is a non-empty cell of fewer than
    `MIN_GROUP` customers, whose share must not be shown."""
    return 0 < round(share * size) < MIN_GROUP


def _shares(mix: dict[str, float | None] | None, size: int) -> dict[str, Any]:
    """Shares by cleaned label; labels that clean alike are one cell (their shares added, so
    none is silently dropped), and a `small_cell` is f"<{MIN_GROUP}" ("<11")."""
    merged: dict[str, float] = {}
    for label, share in (mix or {}).items():
        if share is not None:
            key = clean_label(label)
            merged[key] = merged.get(key, 0.0) + share
    return {
        label: f"<{MIN_GROUP}" if small_cell(share, size) else round(share, 3)
        for label, share in merged.items()
    }


def _rates(block: dict[str, Any] | None) -> dict[str, Any]:
    return {
        clean_key(name): {k: _round(v, k) for k, v in figures.items() if k in RATE_KEYS}
        for name, figures in (block or {}).items()
        if isinstance(figures, dict)
    }


def fact_sheet(
    profile: dict[str, Any], segment_id: int, name: str, min_group: int = MIN_GROUP
) -> dict[str, Any]:
    """The statistics of one segment that a writer may see (and that its text must match).

    Raises `LLMError` for a segment of fewer than ``min_group`` customers: its figures would
    describe individuals. (The offline writer, which sends nothing anywhere, passes 0.)
    """
    segment = next((s for s in profile["segments"] if s["id"] == segment_id), None)
    if segment is None:
        raise LLMError(f"segment {segment_id} does not exist in this model.")
    size = int(segment["size"])
    if size < min_group:
        raise LLMError(
            f"segment {segment_id} has {size} customers (fewer than {min_group}): "
            "its figures are not sent to a language model."
        )
    labels = profile.get("labels", {})
    sheet: dict[str, Any] = {
        "segment": {
            "id": segment_id,
            "name": clean_label(name, 60),
            "customers": size,
            "share": _round(segment["share"], "share"),
        },
        "population": {"customers": int(profile["n_customers"])},
        "metrics": _metrics(segment["metrics"], labels),
    }
    if profile.get("base_rate") is not None:
        sheet["population"]["base_response_rate"] = _round(profile["base_rate"], "rate")
    for key in ("spend_mix", "channel_mix"):
        if segment.get(key):
            sheet[key] = {clean_key(k): _round(v, "share") for k, v in segment[key].items()}
    mixes = {clean_key(k): _shares(v, size) for k, v in (segment.get("mix") or {}).items()}
    if mixes:
        sheet["mix"] = mixes
    if segment.get("campaigns"):
        sheet["campaigns"] = _rates(segment["campaigns"])
    if segment.get("response"):
        sheet["response"] = {
            k: _round(v, k) for k, v in segment["response"].items() if k in RATE_KEYS
        }
    sheet["traits"] = [clean_label(t.get("text", ""), 80) for t in segment.get("traits", [])]
    return sheet
