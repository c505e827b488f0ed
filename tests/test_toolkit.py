"""The tool registry: schemas derived from signatures and docstrings, validated calls that
never raise."""

from __future__ import annotations

import json
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import ToolInputError
from assistant.tools import TOOL_NAMES, ChatContext, Toolbox, ToolCall, ToolResult
from assistant.tools.schema import parse_docstring, tool_from_function
from assistant.tools.toolkit import Toolkit, tool
from segmentation.errors import DataError
from tests import _tools_cases

# The demo model from tests/_tools_cases.py (for the real tools' schemas).
bundle = _tools_cases.bundle
frame = _tools_cases.frame


class Rule(BaseModel):
    """One rule."""

    model_config = ConfigDict(extra="forbid")
    column: str = Field(description="the column")
    op: Literal[">", "<"]
    value: float | None = None


class Shop:
    """An object whose methods are tools (as a `Toolbox`'s are)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def rank(
        self,
        metric: str,
        order: Literal["desc", "asc"] = "desc",
        top: int | None = None,
        names: list[str] | None = None,
        rules: list[Rule] | None = None,
        extra: dict[str, float] | None = None,
    ) -> ToolResult:
        """Rank the segments by a metric.

        Not part of the description.

        Args:
            metric: what to rank by,
                continued on a second line.
            order (str): "desc" or "asc".
            top: how many to keep.
            names: segment names.
            rules: conditions.
            extra: more numbers.

        Returns:
            The ranking.
        """
        return ToolResult(text=f"{self.name}|{metric}|{order}|{top}|{names}|{rules}|{extra}")

    def shout(self, word: str) -> ToolResult:
        """Echo a word in capitals."""
        return ToolResult(text=f"{self.name}: {word.upper()}")


def numpy_style(segment: str, stat: Literal["mean", "median"] = "mean") -> ToolResult:
    """A figure.

    Parameters
    ----------
    segment : str
        The segment's name
        or number.
    stat : str
        Mean or median.

    Returns
    -------
    ToolResult
    """
    return ToolResult(text=f"{segment} {stat}")


def no_context(word: str) -> ToolResult:
    """Echo a word."""
    return ToolResult(text=word)


def describe(segment: str, **named: float | None) -> ToolResult:
    """Describe a customer."""
    return ToolResult(text=f"{segment} {named}")


def test_description_is_the_first_paragraph():
    assert tool_from_function(Shop.rank).description == "Rank the segments by a metric."


def test_google_args_become_property_descriptions():
    props = tool_from_function(Shop.rank).parameters["properties"]
    assert props["metric"]["description"] == "what to rank by, continued on a second line."
    assert props["order"]["description"] == '"desc" or "asc".'
    assert props["top"]["description"] == "how many to keep."


def test_numpydoc_parameters_become_property_descriptions():
    props = tool_from_function(numpy_style).parameters["properties"]
    assert props["segment"]["description"] == "The segment's name or number."
    assert props["stat"]["description"] == "Mean or median."


def test_parse_docstring_without_arguments():
    assert parse_docstring("Do it.\n\nMore.") == ("Do it.", {})
    assert parse_docstring(None) == ("", {})


def test_types_map_to_json_schema():
    schema = tool_from_function(Shop.rank).parameters
    props = schema["properties"]
    assert props["metric"]["type"] == "string"
    assert props["order"] == {
        "type": "string",
        "enum": ["desc", "asc"],
        "default": "desc",
        "description": '"desc" or "asc".',
    }
    assert props["top"]["type"] == "integer"
    assert props["names"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": "segment names.",
    }
    assert props["extra"]["type"] == "object"
    assert props["extra"]["additionalProperties"] == {"type": "number"}


def test_nested_models_are_inlined_objects_without_extra_properties():
    rules = tool_from_function(Shop.rank).parameters["properties"]["rules"]
    assert rules["type"] == "array"
    item = rules["items"]
    assert item["type"] == "object"
    assert item["additionalProperties"] is False
    assert item["required"] == ["column", "op"]
    assert item["properties"]["op"]["enum"] == [">", "<"]
    assert "$ref" not in json.dumps(rules) and "$defs" not in json.dumps(rules)


def test_only_arguments_without_default_are_required():
    schema = tool_from_function(Shop.rank).parameters
    assert schema["required"] == ["metric"]
    assert schema["additionalProperties"] is False
    assert "title" not in schema and "title" not in schema["properties"]["metric"]


def test_self_parameter_is_not_in_the_schema():
    assert "self" not in tool_from_function(Shop.rank).parameters["properties"]
    assert tool_from_function(no_context).parameters["properties"] == {"word": {"type": "string"}}


def test_named_arguments_are_optional_and_come_first():
    tool_ = tool_from_function(describe, named=[("income", float, "yearly income")])
    props = tool_.parameters["properties"]
    assert list(props) == ["income", "segment"]
    assert props["income"] == {"type": "number", "description": "yearly income"}
    assert tool_.arguments.model_validate({"segment": "1"}).income is None
    assert tool_.parameters["required"] == ["segment"]


def test_enums_set_the_choices_of_an_argument_or_of_its_items():
    enums = {"metric": ("income", "age"), "names": ("a", "b")}
    tool_ = tool_from_function(Shop.rank, enums=enums)
    props = tool_.parameters["properties"]
    assert props["metric"]["enum"] == ["income", "age"]
    assert props["names"]["items"] == {"type": "string", "enum": ["a", "b"]}


def test_argument_without_type_hint_is_refused():
    def bad(thing) -> ToolResult:  # noqa: ANN001
        """Bad."""
        return ToolResult(text="")

    with pytest.raises(TypeError, match="thing"):
        tool_from_function(bad)


def test_specs_are_in_openai_tools_format():
    spec = Toolkit([Shop.rank]).specs()[0]
    assert spec["type"] == "function"
    assert set(spec["function"]) == {"name", "description", "parameters"}
    assert spec["function"]["name"] == "rank"


def test_duplicate_tool_names_are_refused():
    with pytest.raises(ValueError, match="rank"):
        Toolkit([Shop.rank, Shop.rank])


# -- every tool's schema is a well-formed JSON schema (jsonschema is not installed) ------------
_TYPES = {"string", "number", "integer", "boolean", "array", "object", "null"}


def _check_schema(node: Any, where: str) -> None:
    assert isinstance(node, dict), where
    assert "$ref" not in node and "title" not in node, where
    if "anyOf" in node:
        assert isinstance(node["anyOf"], list) and node["anyOf"], where
        for i, option in enumerate(node["anyOf"]):
            _check_schema(option, f"{where}.anyOf[{i}]")
        return
    if "enum" in node:
        assert node["enum"] and all(isinstance(v, str | int | float) for v in node["enum"])
    assert node.get("type") in _TYPES, f"{where}: type {node.get('type')!r}"
    if "description" in node:
        assert isinstance(node["description"], str) and node["description"], where
    if node["type"] == "array":
        _check_schema(node["items"], f"{where}.items")
    if node["type"] == "object":
        extra = node.get("additionalProperties", True)
        if isinstance(extra, dict):
            _check_schema(extra, f"{where}.additionalProperties")
        props = node.get("properties", {})
        for name, prop in props.items():
            _check_schema(prop, f"{where}.{name}")
        assert set(node.get("required", [])) <= set(props), where


@pytest.fixture
def demo_kit(bundle) -> Toolkit:
    """Every real tool, with the schemas of the demo model's catalog."""
    return Toolbox(ChatContext(bundle)).toolkit


@pytest.mark.parametrize("name", TOOL_NAMES)
def test_every_tool_has_a_well_formed_schema(demo_kit, name):
    tool_ = demo_kit.tools[name]
    schema = tool_.parameters
    _check_schema(schema, tool_.name)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert "self" not in schema["properties"] and "ctx" not in schema["properties"]
    assert tool_.description and len(tool_.description) <= 400
    json.dumps(tool_.spec())  # serializable


@pytest.mark.parametrize("name", TOOL_NAMES)
def test_every_tool_argument_is_described(demo_kit, name):
    props = demo_kit.tools[name].parameters["properties"]
    assert all(p.get("description") for p in props.values()), [
        n for n, p in props.items() if not p.get("description")
    ]


def test_the_toolbox_toolkit_holds_every_tool_once(demo_kit):
    assert demo_kit.names() == list(TOOL_NAMES)
    assert len({s["function"]["name"] for s in demo_kit.specs()}) == len(TOOL_NAMES)


# -- running -------------------------------------------------------------------------------------
@pytest.fixture
def kit() -> Toolkit:
    return Toolkit([Shop.rank, Shop.shout], owner=Shop("CTX"))


def test_valid_arguments_as_json_text_reach_the_function(kit):
    result = kit.run("rank", '{"metric": "income", "top": 2, "names": ["a"]}')
    assert not result.error
    assert result.text == "CTX|income|desc|2|['a']|None|None"


def test_valid_arguments_as_dict_and_nested_objects(kit):
    args = {"metric": "age", "rules": [{"column": "income", "op": ">", "value": 5}]}
    result = kit.run("rank", args)
    assert not result.error and "column='income'" in result.text


def test_numbers_for_text_arguments_are_accepted(kit):
    assert kit.run("rank", {"metric": 2}).text.startswith("CTX|2|")


def test_function_without_owner_runs_with_its_arguments_only():
    assert Toolkit([no_context]).run("no_context", {"word": "hi"}).text == "hi"


def test_call_keeps_the_given_arguments_with_the_result(kit):
    call = kit.call("rank", '{"metric": "income", "top": 2}')
    assert isinstance(call, ToolCall)
    assert call.name == "rank" and call.arguments == {"metric": "income", "top": 2}
    assert call.result is not None and call.result.text.startswith("CTX|income|desc|2|")
    assert str(call) == 'rank({"metric": "income", "top": 2})'


def test_unknown_tool_lists_the_available_ones(kit):
    result = kit.run("drop_tables", {})
    assert result.error
    assert result.text == "Error: unknown tool 'drop_tables'; available: rank, shout."


@pytest.mark.parametrize("text", ["{metric: income}", '{"metric": "income"', "nope"])
def test_arguments_that_are_not_json(kit, text):
    result = kit.run("rank", text)
    assert result.error and result.text.startswith("Error: arguments are not valid JSON")


def test_arguments_that_are_not_an_object(kit):
    result = kit.run("rank", "[1, 2]")
    assert result.error and "must be a JSON object" in result.text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, "argument 'metric' is required but missing"),
        ({"metric": "x", "top": "many"}, "argument 'top': input should be a valid integer"),
        ({"metric": "x", "top": 2.5}, "argument 'top': input should be a valid integer"),
        ({"metric": "x", "order": "up"}, "argument 'order': input should be 'desc' or 'asc'"),
        ({"metric": "x", "colour": "red"}, "unknown argument 'colour'"),
        ({"metric": "x", "names": "a"}, "argument 'names': input should be a valid list"),
        ({"metric": "x", "rules": [{"column": "a", "op": "="}]}, "argument 'rules.0.op'"),
        ({"metric": "x", "rules": [{"op": ">"}]}, "argument 'rules.0.column' is required"),
        ({"metric": "x", "extra": {"a": "b"}}, "argument 'extra.a': input should be a valid"),
    ],
)
def test_bad_arguments_say_which_and_what(kit, args, expected):
    result = kit.run("rank", args)
    assert result.error
    assert result.text.startswith("Error: ") and expected in result.text
    assert "rank takes: metric (string, required)" in result.text


def test_missing_arguments_never_call_the_tool():
    called = []

    def needs_segment(segment: str) -> ToolResult:
        """A tool."""
        called.append(segment)
        return ToolResult(text="ran")

    assert Toolkit([needs_segment]).run("needs_segment", "").error
    assert called == []


def _raiser(exc: Exception):
    def boom() -> ToolResult:
        """Fails."""
        raise exc

    return boom


@pytest.mark.parametrize(
    ("exc", "text"),
    [
        (DataError("Income must be a number."), "Error: Income must be a number."),
        (ToolInputError("no segment is called 'q'."), "Error: no segment is called 'q'."),
        (ValueError("no segment is called 'q'."), "Error: the tool failed (ValueError)."),
        (KeyError("segments"), "Error: the tool failed (KeyError)."),
        (ZeroDivisionError("division by zero"), "Error: the tool failed (ZeroDivisionError)."),
    ],
)
def test_tool_exceptions_become_error_results(exc, text):
    result = Toolkit([_raiser(exc)]).run("boom", {})
    assert result.error and result.text == text
    assert "Traceback" not in result.text


def test_marked_tool_never_raises_when_called_directly():
    boom = tool(_raiser(ToolInputError("bad segment")))
    assert boom().error and boom().text == "Error: bad segment"
    assert tool(_raiser(RuntimeError("x")))().text == "Error: the tool failed (RuntimeError)."


def test_tool_keeps_the_signature_for_the_schema():
    made = tool_from_function(tool(Shop.rank))
    assert made.name == "rank" and made.parameters["required"] == ["metric"]
    assert "self" not in made.parameters["properties"]


def test_tool_returning_something_else_is_an_error():
    def odd() -> ToolResult:
        """Odd."""
        return "text"  # type: ignore[return-value]

    assert Toolkit([odd]).run("odd", {}).error


def test_failure_result_is_json_ready():
    result = ToolResult.failure("no such segment")
    assert list(result.to_dict()) == ["text", "data", "figures", "chart", "table", "error"]
    assert result.to_dict() == {
        "text": "Error: no such segment",
        "data": {"error": "Error: no such segment"},
        "figures": {},
        "chart": None,
        "table": None,
        "error": True,
    }
