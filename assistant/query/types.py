"""The typed query: what a question asks, in the catalog's terms, and how it reads back.

A `Query` is the one shape behind figure, count, share, rate, group-by, cross-tab, ranking
and comparison questions; the offline reader builds it from words and a language model sends
it as the ``query`` tool's arguments (its JSON schema comes from these pydantic models, with
the catalog's keys as enums). `resolve` checks one against a model's catalog and returns a
`Resolved` query (measure and dimensions found, personas as ids, thresholds snapped to their
grid); `read_as` says in one line how the query was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["KINDS", "STATS", "Condition", "Query"]

KINDS = ("aggregate", "rank", "compare")
STATS = ("mean", "median", "sum", "count", "share", "rate")
PURPOSES = ("target", "price_sensitivity", "loyalty", "churn")
Op = Literal[">", ">=", "<", "<=", "==", "!=", "between"]


class Condition(BaseModel):
    """One condition on customers: a catalog metric or dimension, an operator and a value
    (``high`` too for "between", inclusive)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    field: str = Field(description="a metric or dimension key of the catalog")
    op: Op = Field(description="comparison; categories take == or !=")
    value: float | str = Field(description="a number in the metric's unit, or a level")
    high: float | None = Field(None, description="for 'between': the upper bound")

    @model_validator(mode="after")
    def _between(self) -> Condition:
        if self.op == "between" and self.high is None:
            raise ValueError("op 'between' needs 'high', the upper bound")
        return self


class Query(BaseModel):
    """A question over the customers, in catalog terms (see the module docstring).

    ``kind``: "aggregate" (figures, optionally grouped), "rank" (personas ordered by the
    figure) or "compare" (personas, or filtered ``groups`` of customers, side by side on
    ``measures``). ``measure``: a metric key, a yes/no dimension key (with stat "rate") or
    "customers" (with stat "count" or "share"). ``personas``: ids or names the query is
    restricted to (or compares). ``by``: "persona" and/or dimension keys (at most two).
    ``purpose`` marks a ranking made for a marketing question (targeting, price
    sensitivity, loyalty, churn risk), which the answer says. ``within``: the customers a
    share is of ("what share of married customers have a PhD": within married, where PhD).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["aggregate", "rank", "compare"] = "aggregate"
    measure: str = Field("customers", description="metric key, yes/no key, or 'customers'")
    stat: Literal["mean", "median", "sum", "count", "share", "rate"] = "count"
    where: tuple[Condition, ...] = ()
    personas: tuple[str, ...] = Field((), description="persona ids or names")
    by: tuple[str, ...] = Field((), description="'persona' and/or dimension keys, at most 2")
    order: Literal["desc", "asc"] = "desc"
    top: int | None = Field(None, ge=1, le=50)
    measures: tuple[str, ...] = Field((), description="for compare: the metrics to show")
    groups: tuple[tuple[Condition, ...], ...] = Field(
        (), description="for compare: two or more groups of conditions"
    )
    show: Literal["text", "chart", "table"] = "text"
    purpose: Literal["target", "price_sensitivity", "loyalty", "churn"] | None = None
    within: tuple[Condition, ...] = Field(
        (), description="for share: the customers it is a share of (default: all)"
    )

    @model_validator(mode="after")
    def _shape(self) -> Query:
        if self.within and self.stat != "share":
            raise ValueError("'within' is the base of a share: use stat 'share'")
        if len(self.by) > 2:
            raise ValueError("group by at most two things (a cross-tab)")
        if self.stat in ("count", "share") and self.measure != "customers":
            raise ValueError(f"stat '{self.stat}' counts customers: use measure 'customers'")
        if self.measure == "customers" and self.stat not in ("count", "share"):
            raise ValueError("measure 'customers' takes stat 'count' or 'share'")
        if self.kind == "compare" and len(self.groups) == 1:
            raise ValueError("compare needs two or more groups")
        return self


@dataclass(frozen=True)
class Bound:
    """A condition resolved against the table: its column, label, the values used (snapped
    to the measure's grid) and whether snapping changed them."""

    key: str
    column: str
    label: str
    op: str
    values: tuple[float | str, ...]
    numeric: bool
    step: float | None = None
    snapped: bool = False


@dataclass(frozen=True)
class Resolved:
    """A `Query` checked against a model: what every key means there."""

    query: Query
    measure_key: str
    measure_label: str
    unit: str  # "money", "number", "share" (rates and shares), "count"
    column: str | None  # the table column of the measure (None for customers)
    where: tuple[Bound, ...] = ()
    personas: tuple[int, ...] = ()
    by: tuple[tuple[str, str, str | None], ...] = ()  # (key, label, column or None)
    measures: tuple[tuple[str, str, str, str], ...] = ()  # (key, label, unit, column)
    groups: tuple[tuple[Bound, ...], ...] = ()
    persona_names: tuple[str, ...] = field(default=())
    within: tuple[Bound, ...] = ()
    responses: bool = True  # the table records each customer's last-campaign response
