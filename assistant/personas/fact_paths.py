"""Paths into a fact sheet (the nested JSON of segment statistics): its numeric leaves under
dotted keys (`flatten_facts`) and the value at a path of keys (`dig`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Real
from typing import Any

__all__ = ["dig", "flatten_facts"]


def flatten_facts(facts: Mapping[str, Any]) -> dict[str, float]:
    """The numeric leaves of a fact sheet under dotted keys, as floats.

    ``{"response": {"rate": 0.453}}`` gives ``{"response.rate": 0.453}``; list items are keyed
    by position (``"top.0.share"``). Booleans, strings and nulls are left out.
    """
    if not isinstance(facts, Mapping):
        raise TypeError(f"facts must be a mapping (a JSON object); got {type(facts).__name__}.")
    flat: dict[str, float] = {}
    _flatten(facts, "", flat)
    return flat


def dig(node: Any, parts: Iterable[str]) -> Any:
    """The value at a path of keys through nested dicts, or None where the path leaves them:
    ``dig({"response": {"rate": 0.45}}, ["response", "rate"])`` gives ``0.45``."""
    for part in parts:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _flatten(node: Mapping[str, Any] | list | tuple, prefix: str, out: dict[str, float]) -> None:
    items = node.items() if isinstance(node, Mapping) else enumerate(node)
    for key, value in items:
        path = f"{prefix}{key}"
        if isinstance(value, Real) and not isinstance(value, bool):
            out[path] = float(value)
        elif isinstance(value, Mapping | list | tuple):
            _flatten(value, path + ".", out)
