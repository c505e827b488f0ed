"""Running tools for a model: validated calls that never raise.

`Toolkit.call` checks the arguments against the tool's schema *before* calling, and never
raises: an unknown tool, arguments that are not JSON, a missing, unknown or mistyped argument
all come back as a `ToolResult` whose text starts with ``"Error: "`` and says what was wrong,
so a model can correct its call. Inside a tool, `ToolInputError` (and any other
`PersonaSenseError`: bad input the engine refused) becomes ``"Error: <message>"``; any other
exception is a bug: a generic error without a traceback (it is logged).

Tools are methods of one object holding their context (a `Toolbox`); `tool` marks them.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from assistant.errors import ToolInputError
from assistant.tools.result import ToolCall, ToolResult
from assistant.tools.schema import Tool, tool_from_function
from segmentation.errors import PersonaSenseError

__all__ = ["Toolkit", "tool"]

logger = logging.getLogger(__name__)


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
    except PersonaSenseError as exc:  # ToolInputError, or input the engine refused
        return ToolResult.failure(str(exc) or type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - a tool must never raise into the chat
        logger.exception("tool %s failed", getattr(fn, "__name__", fn))
        return ToolResult.failure(f"the tool failed ({type(exc).__name__}).")
    if not isinstance(result, ToolResult):
        return ToolResult.failure(f"the tool returned {type(result).__name__}, not a result.")
    return result


def tool(fn: Callable[..., ToolResult]) -> Callable[..., ToolResult]:
    """Mark a method as a chat tool; a direct call never raises either (errors become error
    results). The signature, hints and docstring are kept for `tool_from_function`."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> ToolResult:
        return _call(fn, args, kwargs)

    wrapper.is_tool = True  # type: ignore[attr-defined]
    return wrapper


def _parse(arguments: str | Mapping[str, Any] | None) -> dict[str, Any]:
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        return {}
    if isinstance(arguments, str):
        try:
            value = json.loads(arguments)
        except ValueError as exc:
            raise ToolInputError(
                f"arguments are not valid JSON ({exc.msg} at character {exc.pos}); "
                'send a JSON object such as {"segment": "2"}.'
            ) from None
    else:
        value = arguments
    if not isinstance(value, Mapping):
        raise ToolInputError(
            f"arguments must be a JSON object of named arguments, got {type(value).__name__}."
        )
    return dict(value)


class Toolkit:
    """A set of tools over one owner (the object whose methods they are): their OpenAI
    specs, and validated, never-raising calls."""

    def __init__(
        self, tools: Sequence[Tool | Callable[..., ToolResult]], owner: object | None = None
    ) -> None:
        self.tools: dict[str, Tool] = {}
        self.owner = owner
        for item in tools:
            made = item if isinstance(item, Tool) else tool_from_function(item)
            if made.name in self.tools:
                raise ValueError(f"two tools are named {made.name!r}.")
            self.tools[made.name] = made

    def __contains__(self, name: object) -> bool:
        return name in self.tools

    def names(self) -> list[str]:
        """The tool names, in registration order."""
        return list(self.tools)

    def specs(self) -> list[dict[str, Any]]:
        """The OpenAI ``tools`` list."""
        return [tool.spec() for tool in self.tools.values()]

    def validate(
        self, name: str, arguments: str | Mapping[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """(every keyword argument of the call, those given) after checking them against the
        tool's schema; raises `ToolInputError` saying what is wrong."""
        tool = self.tools.get(name)
        if tool is None:
            raise ToolInputError(f"unknown tool {name!r}; available: {', '.join(self.tools)}.")
        try:
            model = tool.arguments.model_validate(_parse(arguments))
        except ValidationError as exc:
            raise ToolInputError(_invalid(tool, exc).text.removeprefix("Error: ")) from None
        given = model.model_dump(include=model.model_fields_set, mode="json")
        return {key: getattr(model, key) for key in type(model).model_fields}, given

    def call(self, name: str, arguments: str | Mapping[str, Any] | None) -> ToolCall:
        """Validate, then run the tool; the call with its arguments and result (an error
        result for any failure)."""
        try:
            kwargs, given = self.validate(name, arguments)
        except ToolInputError as exc:
            return ToolCall(name, {}, ToolResult.failure(str(exc)))
        fn = self.tools[name].fn
        args = (self.owner,) if self.owner is not None else ()
        return ToolCall(name, given, _call(fn, args, kwargs))

    def run(self, name: str, arguments: str | Mapping[str, Any] | None) -> ToolResult:
        """The result of `call`."""
        result = self.call(name, arguments).result
        assert result is not None
        return result
