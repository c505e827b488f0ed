"""Typed Python functions as language-model tools: schemas from signatures, checked calls.

A tool is a plain function ``def name(ctx, arg: type = default, ...) -> ToolResult`` with a
docstring. `tool_from_function` derives its OpenAI JSON schema from the signature and type
hints (through a pydantic model, so ``Literal[...]`` becomes an enum, ``list[str]`` an array,
``int | None = None`` an optional integer, a pydantic model an object) and from the docstring
(the first paragraph is the description; an ``Args:`` or numpydoc ``Parameters`` section
describes the arguments). The first parameter, ``ctx``, is the conversation's context: the
caller supplies it and it is not part of the schema.

`Toolkit.run` checks the arguments against that same model *before* calling, and never
raises: an unknown tool, arguments that are not JSON, a missing, unknown or mistyped argument
all come back as a `ToolResult` whose text starts with ``"Error: "`` and says what was wrong,
so a model can correct its call. A tool raising `PersonaSenseError` or `ValueError` becomes
``"Error: <message>"``; any other exception a generic error without a traceback (it is
logged).
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from segmentation.errors import PersonaSenseError

__all__ = ["Tool", "ToolResult", "Toolkit", "guarded", "parse_docstring", "tool_from_function"]

logger = logging.getLogger(__name__)
CONTEXT_PARAMETER = "ctx"


@dataclass
class ToolResult:
    """What a tool returns: text for a person and a model, plus data the UI can render.

    ``text`` is Markdown without raw HTML; ``data`` a JSON-serializable dict; ``figures``
    every number the text states, under stable dotted keys (``"segments.2.metrics.income.mean"``;
    shares as fractions, index keys end in ``.index``, lift keys in ``.lift``), so an answer
    built on the result can be checked; ``chart`` ``{"kind", "title", "labels", "values",
    "unit"}`` and ``table`` ``{"columns", "rows"}`` are optional; ``error`` marks a failure.
    """

    text: str
    data: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, float] = field(default_factory=dict)
    chart: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    error: bool = False

    @classmethod
    def failure(cls, message: str) -> ToolResult:
        """An error result: text ``"Error: <message>"``, ``error=True``."""
        text = message if message.startswith("Error:") else f"Error: {message}"
        return cls(text=text, data={"error": text}, error=True)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: every field, in order (nested dicts and lists copied)."""
        return asdict(self)


@dataclass(frozen=True)
class Tool:
    """A function with its name, description and JSON schema; ``arguments`` validates calls."""

    name: str
    description: str
    parameters: dict[str, Any]
    fn: Callable[..., Any]
    arguments: type[BaseModel] = field(repr=False, compare=False, default=BaseModel)
    takes_context: bool = field(repr=False, default=True)

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


@functools.lru_cache(maxsize=256)
def tool_from_function(fn: Callable[..., Any]) -> Tool:
    """A `Tool` from a typed function with a docstring (see the module docstring).

    Cached per function (building the JSON schema costs milliseconds, and every chat
    session builds its toolkit); treat the returned schema as read-only.

    Raises `TypeError` for an argument without a type hint, or ``*args``/``**kwargs``.
    """
    name = fn.__name__
    hints = typing.get_type_hints(fn)
    params = list(inspect.signature(fn).parameters.values())
    takes_context = bool(params) and params[0].name == CONTEXT_PARAMETER
    params = params[1:] if takes_context else params
    description, docs = parse_docstring(inspect.getdoc(fn))
    fields: dict[str, Any] = {}
    for p in params:
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
    return Tool(name, description or name.replace("_", " "), schema, fn, model, takes_context)


# -- running -----------------------------------------------------------------------------------
def _value_text(value: Any) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(err: Mapping[str, Any]) -> tuple[str, str]:
    """(argument path, what was wrong) of one pydantic error."""
    parts = [str(p) for p in err["loc"]]
    # union branches ("float", "str", "list[...]", "function-after[...]") are not arguments
    while len(parts) > 1 and re.search(r"[\[\]]|^(?:float|int|str|bool|none)$", parts[-1]):
        parts.pop()
    where = ".".join(parts) or "arguments"
    kind = err["type"]
    if kind == "missing":
        return where, f"argument '{where}' is required but missing"
    if kind == "extra_forbidden":
        return where, f"unknown argument '{where}'"
    message = str(err["msg"]).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    return where, f"argument '{where}': {message} (got {_value_text(err.get('input'))})"


def _signature(tool: Tool) -> str:
    required = set(tool.parameters.get("required", []))
    parts = []
    for name, prop in tool.parameters.get("properties", {}).items():
        kind = "|".join(map(repr, prop["enum"])) if "enum" in prop else prop.get("type", "value")
        parts.append(f"{name} ({kind}{', required' if name in required else ''})")
    return ", ".join(parts) or "no arguments"


def _invalid(tool: Tool, exc: ValidationError) -> ToolResult:
    seen: dict[str, str] = {}
    for err in exc.errors(include_url=False):
        where, text = _problem(err)
        seen.setdefault(where, text)  # one problem per argument (unions report each branch)
    return ToolResult.failure(f"{'; '.join(seen.values())}. {tool.name} takes: {_signature(tool)}.")


def _call(fn: Callable[..., ToolResult], args: tuple, kwargs: dict[str, Any]) -> ToolResult:
    try:
        result = fn(*args, **kwargs)
    except ValidationError as exc:
        problems = [_problem(err)[1] for err in exc.errors(include_url=False)]
        return ToolResult.failure("; ".join(dict.fromkeys(problems)) + ".")
    except (PersonaSenseError, ValueError) as exc:
        return ToolResult.failure(str(exc) or type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - a tool must never raise into the chat
        logger.exception("tool %s failed", getattr(fn, "__name__", fn))
        return ToolResult.failure(f"the tool failed ({type(exc).__name__}).")
    if not isinstance(result, ToolResult):
        return ToolResult.failure(f"the tool returned {type(result).__name__}, not a result.")
    return result


def guarded(fn: Callable[..., ToolResult]) -> Callable[..., ToolResult]:
    """Decorate a tool so a direct call never raises either (errors become error results).

    The signature, hints and docstring are kept, so `tool_from_function` reads it as usual.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> ToolResult:
        return _call(fn, args, kwargs)

    return wrapper


def _parse(arguments: str | Mapping[str, Any] | None) -> dict[str, Any]:
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        return {}
    if isinstance(arguments, str):
        try:
            value = json.loads(arguments)
        except ValueError as exc:
            raise ValueError(
                f"arguments are not valid JSON ({exc.msg} at character {exc.pos}); "
                'send a JSON object such as {"segment": "2"}.'
            ) from None
    else:
        value = arguments
    if not isinstance(value, Mapping):
        raise ValueError(
            f"arguments must be a JSON object of named arguments, got {type(value).__name__}."
        )
    return dict(value)


class Toolkit:
    """A set of tools: their OpenAI specs, and validated, never-raising calls."""

    def __init__(self, tools: Sequence[Callable[..., Any] | Tool]) -> None:
        self.tools: dict[str, Tool] = {}
        for item in tools:
            tool = item if isinstance(item, Tool) else tool_from_function(item)
            if tool.name in self.tools:
                raise ValueError(f"two tools are named {tool.name!r}.")
            self.tools[tool.name] = tool

    def __contains__(self, name: object) -> bool:
        return name in self.tools

    def names(self) -> list[str]:
        """The tool names, in registration order."""
        return list(self.tools)

    def specs(self) -> list[dict[str, Any]]:
        """The OpenAI ``tools`` list."""
        return [tool.spec() for tool in self.tools.values()]

    def validate(self, name: str, arguments: str | Mapping[str, Any] | None) -> dict[str, Any]:
        """The checked keyword arguments of a call; raises `ValueError` saying what is wrong."""
        tool = self.tools.get(name)
        if tool is None:
            raise ValueError(f"unknown tool {name!r}; available: {', '.join(self.tools)}.")
        try:
            model = tool.arguments.model_validate(_parse(arguments))
        except ValidationError as exc:
            raise ValueError(_invalid(tool, exc).text.removeprefix("Error: ")) from None
        return {key: getattr(model, key) for key in type(model).model_fields}

    def run(self, name: str, arguments: str | Mapping[str, Any] | None, ctx: Any) -> ToolResult:
        """Validate, then call the tool with ``ctx``; every failure is an error result."""
        try:
            kwargs = self.validate(name, arguments)
        except ValueError as exc:
            return ToolResult.failure(str(exc))
        tool = self.tools[name]
        return _call(tool.fn, (ctx,) if tool.takes_context else (), kwargs)
