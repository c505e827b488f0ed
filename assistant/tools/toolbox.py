"""The chat's toolbox: every read-only tool, as methods of one object holding the context.

`Toolbox(ctx)` answers tool calls over one model (``toolbox.rank_segments("income")``, or
``toolbox.toolkit.call(name, arguments)``). The tools' schemas come from their signatures
and the model's catalog: each tool's metric arguments list the catalog keys it accepts
(``enum``), and a described customer's named arguments are the catalog's inputs. Schemas are
built once per catalog (a few milliseconds) and shared by every toolbox on a model like it.

A language model is offered fewer, smaller tools (`Toolbox.model_toolkit`, `MODEL_TOOL_NAMES`):
the ``query`` tool — one typed query over the catalog, its ``measure``, ``measures``, ``by``
and conditions' ``field`` enums taken from the catalog — beside the tools that are not
queries (describe, assign, what-if, campaign ideas, the list of segments). Their schemas are
compacted for a small context window (`compact`): the first sentence of each description,
no defaults, no nested descriptions; the arguments and validation are the full tools' own.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from functools import cached_property, lru_cache
from typing import Any

from assistant.query import flag_level
from assistant.tools.assign import AssignTools
from assistant.tools.context import ChatContext
from assistant.tools.count import CountTools
from assistant.tools.customer import change_arguments, input_arguments
from assistant.tools.queries import QueryTools
from assistant.tools.schema import NamedArgument, Tool, tool_from_function
from assistant.tools.segments import SegmentTools
from assistant.tools.toolkit import Toolkit
from assistant.tools.views import CHART_KINDS, ViewTools
from assistant.tools.what_if import WhatIfTools
from segmentation.catalog import Catalog
from segmentation.profile import MIX_BLOCKS

__all__ = ["MODEL_TOOL_NAMES", "TOOL_NAMES", "Toolbox", "compact", "model_tools_for", "tools_for"]

TOOL_NAMES = (
    "list_segments",
    "describe_segment",
    "compare_segments",
    "rank_segments",
    "segment_figure",
    "count_customers",
    "assign_customer",
    "what_if",
    "campaign_ideas",
    "chart",
    "table",
    "query",
    "draft_message",
)

# What a language model is offered: the query tool and the tools that are not queries.
MODEL_TOOL_NAMES = (
    "query",
    "describe_segment",
    "assign_customer",
    "what_if",
    "campaign_ideas",
    "list_segments",
)


class Toolbox(SegmentTools, CountTools, AssignTools, WhatIfTools, ViewTools, QueryTools):
    """Every chat tool over ``ctx`` (one model, its personas and customers)."""

    def __init__(self, ctx: ChatContext) -> None:
        self.ctx = ctx

    @cached_property
    def toolkit(self) -> Toolkit:
        """The tools with their schemas, running on this toolbox."""
        return Toolkit(tools_for(self.ctx.catalog), owner=self)

    @cached_property
    def model_toolkit(self) -> Toolkit:
        """The tools a language model is offered (`MODEL_TOOL_NAMES`, compact schemas),
        running on this toolbox."""
        return Toolkit(model_tools_for(self.ctx.catalog), owner=self)


def _signature(catalog: Catalog) -> tuple:
    """What the tools' schemas depend on: the measure keys, the query's keys and the inputs."""
    inputs = tuple(input_arguments(catalog)) + tuple(change_arguments(catalog))
    per_customer = tuple(m.key for m in catalog.metrics if m.per_customer)
    flags = tuple(d.key for d in catalog.dimensions if flag_level(d))
    dims = tuple(d.key for d in catalog.dimensions)
    query_keys = (per_customer, flags, dims)
    return tuple(catalog.keys()), tuple(m.key for m in catalog.mixes), inputs, query_keys


def tools_for(catalog: Catalog) -> list[Tool]:
    """The tools' schemas for a model with ``catalog``."""
    return _tools(*_signature(catalog))


def model_tools_for(catalog: Catalog) -> list[Tool]:
    """The compact schemas of the tools a language model is offered (`MODEL_TOOL_NAMES`)."""
    return _model_tools(*_signature(catalog))


@lru_cache(maxsize=32)
def _tools(
    keys: tuple[str, ...],
    mixes: tuple[str, ...],
    inputs: tuple[NamedArgument, ...],
    query_keys: tuple[tuple[str, ...], ...],
) -> list[Tool]:
    profile_enums = {
        "metric": keys,
        "metrics": keys,
        "measure": (*keys, "customers", "response", "complain"),
        "measures": (*keys, "response", "complain"),
        "kind": (*CHART_KINDS, *(m for m in MIX_BLOCKS if m in mixes)),
    }
    per_customer, flags, dims = query_keys
    query_enums = {  # what `assistant.query.resolve` accepts
        "measure": (*per_customer, *flags, "customers"),
        "measures": (*per_customer, *flags),
        "by": ("persona", *dims),
    }
    changes = tuple(a for a in inputs if a[0].endswith("_change"))
    described = tuple(a for a in inputs if not a[0].endswith("_change"))
    named = {"assign_customer": described, "what_if": described + changes}
    out = []
    for name in TOOL_NAMES:
        enums = query_enums if name == "query" else profile_enums
        made = tool_from_function(getattr(Toolbox, name), named=named.get(name), enums=enums)
        if name == "query":
            made = _with_fields(made, (*per_customer, *dims))
        out.append(made)
    return out


def _with_fields(tool: Tool, fields: tuple[str, ...]) -> Tool:
    """The query tool with the catalog's keys as the enum of every condition's ``field``
    (in ``where``, ``within`` and in each of ``groups``)."""
    schema = copy.deepcopy(tool.parameters)
    props = schema["properties"]
    conditions = [props["where"]["items"], props["groups"]["items"]["items"]]
    conditions += [props["within"]["items"]] if "within" in props else []
    for condition in conditions:
        condition["properties"]["field"]["enum"] = list(fields)
    return dataclasses.replace(tool, parameters=schema)


@lru_cache(maxsize=32)
def _model_tools(*signature: tuple) -> list[Tool]:
    tools = {t.name: t for t in _tools(*signature)}
    described = set(tools["assign_customer"].parameters["properties"])
    out = []
    for name in MODEL_TOOL_NAMES:
        made = compact(tools[name], terse=name in ("assign_customer", "what_if"))
        if name == "what_if":  # "describe a customer as for assign_customer": not twice
            made = _without(made, described - {"attributes"})
        if name == "query":  # compare's metrics: resolve names the keys when one is wrong
            made.parameters["properties"]["measures"]["items"] = {"type": "string"}
        out.append(made)
    return out


def _without(tool: Tool, names: set[str]) -> Tool:
    """``tool`` whose schema leaves out the arguments ``names`` (still accepted by its
    arguments model: the description says where they are listed)."""
    schema = copy.deepcopy(tool.parameters)
    schema["properties"] = {k: v for k, v in schema["properties"].items() if k not in names}
    return dataclasses.replace(tool, parameters=schema)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_DROPPED = ("default", "title", "additionalProperties")


def _first_sentence(text: str) -> str:
    return _SENTENCE.split(text.strip(), maxsplit=1)[0]


def _headline(text: str) -> str:
    """A tool's description cut to its first sentence, and to the words before a colon
    when they say what it does ("Describe one segment: size, key figures ..." -> "Describe
    one segment"; "What-if: describe a customer ..." is kept whole)."""
    first = _first_sentence(text)
    head = first.split(": ", 1)[0]
    return head if len(head.split()) >= 3 and head != first else first


def _clause(text: str) -> str:
    """An argument's description cut to its first sentence and first clause (before ";")."""
    return _first_sentence(text).split("; ", 1)[0]


def _shrink(node: Any, describe: bool = False, terse: bool = False) -> Any:
    """A schema without defaults, titles, ``additionalProperties``, empty ``required`` or
    the type of an enum; descriptions cut to a sentence, kept only where ``describe`` (an
    argument's own) and, when ``terse``, not for numbers (a customer's "income",
    "spend_wines" or "kidhome_change" is named well enough by its key)."""
    if isinstance(node, list):
        return [_shrink(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED or (key == "required" and not value):
            continue
        if key == "type" and "enum" in node and value == "string":
            continue
        if key == "description":
            if describe and not (terse and node.get("type") in ("number", "integer")):
                out[key] = _clause(value)
        elif key == "properties":
            out[key] = {name: _shrink(prop, True, terse) for name, prop in value.items()}
        else:
            out[key] = _shrink(value)
    return out


def _shared_condition(parameters: dict[str, Any]) -> dict[str, Any]:
    """The query schema with its condition object defined once (``$defs``) and referred to
    from ``where`` and ``groups``: the same 1,000 characters are not sent twice."""
    props = parameters.get("properties", {})
    if "where" not in props or "groups" not in props:
        return parameters
    condition = props["where"]["items"]
    props["where"]["items"] = {"$ref": "#/$defs/condition"}
    props["groups"]["items"]["items"] = {"$ref": "#/$defs/condition"}
    if "within" in props:
        props["within"]["items"] = {"$ref": "#/$defs/condition"}
    return {**parameters, "$defs": {"condition": condition}}


def compact(tool: Tool, terse: bool = False) -> Tool:
    """``tool`` with a schema small enough for a local model's context window: the headline
    of its description, the first clause of its arguments' (with ``terse``, numbers get none),
    no defaults, titles, ``additionalProperties``, enum types or nested descriptions, the
    query's condition object defined once. Calls are still checked by the full tool's
    arguments model, so a wrong or unknown argument is answered with ``Error: ...``."""
    parameters = _shared_condition(_shrink(copy.deepcopy(tool.parameters), terse=terse))
    parameters.setdefault("properties", {})
    return dataclasses.replace(tool, description=_headline(tool.description), parameters=parameters)
