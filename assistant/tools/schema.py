"""Tool schemas from Python signatures: a typed method with a docstring becomes an OpenAI
tool (name, description, JSON schema of its arguments) and the pydantic model that checks a
call's arguments against that same schema.

`tool_from_function` reads the signature and type hints (through a pydantic model, so
``Literal[...]`` becomes an enum, ``list[str]`` an array, ``int | None = None`` an optional
integer, a pydantic model an object) and the docstring (the first paragraph is the
description; an ``Args:`` or numpydoc ``Parameters`` section describes the arguments). A
method's ``self`` is not an argument. Arguments known only at run time - a model's catalog -
come in as ``named`` (for a ``**named`` parameter: name, type and description each) and
``enums`` (the choices of an argument, or of its items).
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

__all__ = ["NamedArgument", "Tool", "parse_docstring", "tool_from_function"]

NamedArgument = tuple[str, Any, str]  # name, type, description


@dataclass(frozen=True)
class Tool:
    """A function with its name, description and JSON schema; ``arguments`` validates calls."""

    name: str
    description: str
    parameters: dict[str, Any]
    fn: Callable[..., Any]
    arguments: type[BaseModel] = field(repr=False, compare=False, default=BaseModel)

    def spec(self) -> dict[str, Any]:
        """The OpenAI ``tools`` entry."""
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": self.parameters,
            },
        }


# -- docstrings --------------------------------------------------------------------------------
_SECTION = re.compile(r"^\s*(Args|Arguments|Parameters|Params)\s*:?\s*$")
_UNDERLINE = re.compile(r"^\s*-{3,}\s*$")
_ENTRY = re.compile(r"^\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")


def parse_docstring(doc: str | None) -> tuple[str, dict[str, str]]:
    """(description, {argument: description}) of a Google- or numpydoc-style docstring.

    The description is the first paragraph, on one line. Argument descriptions come from an
    ``Args:``/``Arguments:``/``Parameters:`` section (``name (type): text``, continued on
    deeper-indented lines) or a numpydoc ``Parameters`` section (``name : type`` then the
    text indented below).
    """
    lines = inspect.cleandoc(doc or "").splitlines()
    first: list[str] = []
    for line in lines:
        if not line.strip() or _SECTION.match(line):
            break
        first.append(line.strip())
    start = next((i for i, line in enumerate(lines) if _SECTION.match(line)), None)
    if start is None:
        return " ".join(first), {}
    numpy = start + 1 < len(lines) and bool(_UNDERLINE.match(lines[start + 1]))
    body = lines[start + (2 if numpy else 1) :]
    indents = [len(line) - len(line.lstrip()) for line in body if line.strip()]
    if not indents:
        return " ".join(first), {}
    base = indents[0]
    out: dict[str, list[str]] = {}
    current: str | None = None
    for i, line in enumerate(body):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        next_line = body[i + 1] if i + 1 < len(body) else ""
        if indent < base or (indent == base and _UNDERLINE.match(next_line)):
            break  # the next section
        if indent == base:
            match = _ENTRY.match(line.strip())
            if match is None:
                break
            current = match[1]
            out[current] = [] if numpy else [match[2].strip()]
        elif current is not None:
            out[current].append(line.strip())
    return " ".join(first), {k: " ".join(p for p in v if p) for k, v in out.items()}


# -- schemas -----------------------------------------------------------------------------------
def _inline(node: Any, defs: Mapping[str, Any]) -> Any:
    """The schema with ``$ref``s replaced by their definitions, titles dropped and
    ``anyOf [X, null]`` of optional arguments collapsed to X (optional = not required)."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    if "$ref" in node:
        out.update(_inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs))
    for key, value in node.items():
        if key in ("$ref", "$defs", "title"):
            continue
        if key == "properties":
            out[key] = {name: _inline(prop, defs) for name, prop in value.items()}
        else:
            out[key] = _inline(value, defs)
    options = out.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        if "default" in out and out["default"] is None:
            del out["anyOf"], out["default"]
            out = {**(rest[0] if len(rest) == 1 else {"anyOf": rest}), **out}
    return out


def tool_from_function(
    fn: Callable[..., Any],
    *,
    named: Sequence[NamedArgument] | None = None,
    enums: Mapping[str, Sequence[str]] | None = None,
) -> Tool:
    """A `Tool` from a typed function or method with a docstring (see the module docstring).

    ``named`` are the arguments a ``**named`` parameter takes (optional, default None), in
    order, before the function's own (a model may have none: an empty list); ``enums``
    lists the allowed values of an argument (of its items for a list). Build a toolkit's
    tools once and share them: making a schema costs milliseconds.

    Raises `TypeError` for an argument without a type hint, ``*args``, or ``**named``
    without ``named``.
    """
    name = fn.__name__
    hints = typing.get_type_hints(fn)
    params = list(inspect.signature(fn).parameters.values())
    params = params[1:] if params and params[0].name == "self" else params
    description, docs = parse_docstring(inspect.getdoc(fn))
    fields: dict[str, Any] = {}
    for arg, kind, text in named or ():
        fields[arg] = (kind | None, Field(None, description=text))
    for p in params:
        if p.kind == p.VAR_KEYWORD and named is not None:
            continue
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise TypeError(f"{name}: tools take named arguments only, not *{p.name}.")
        if p.name not in hints:
            raise TypeError(f"{name}: argument {p.name!r} needs a type hint.")
        default = ... if p.default is p.empty else p.default
        fields[p.name] = (hints[p.name], Field(default, description=docs.get(p.name)))
    model = create_model(  # type: ignore[call-overload]
        f"{name}_arguments",
        __config__=ConfigDict(extra="forbid", coerce_numbers_to_str=True),
        **fields,
    )
    raw = model.model_json_schema()
    schema = _inline(raw, raw.get("$defs", {}))
    schema.setdefault("properties", {})
    schema["required"] = list(schema.get("required", []))
    schema["additionalProperties"] = False
    for arg, choices in (enums or {}).items():
        prop = schema["properties"].get(arg)
        if prop is not None:
            target = prop.get("items", prop) if prop.get("type") == "array" else prop
            target["enum"] = list(choices)
    return Tool(name, description or name.replace("_", " "), schema, fn, model)
