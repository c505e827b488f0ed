"""The counting tool: how many customers match simple filters, optionally in a segment.

Part of the tool set of `assistant.tools` (see there for the rules every tool follows). It
reads ``ctx.customers`` and returns counts only: a count under 11, or a remainder under 11
(all but a few), is never given as a number, and the ID column cannot be filtered on.
"""

from __future__ import annotations

import operator
import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.personas.facts import MIN_GROUP, clean_label
from assistant.tools.figures import Facts, title, visible
from assistant.tools.lookup import ChatContext, find_metric, find_segment, normalize
from assistant.tools.toolkit import ToolResult, guarded
from segmentation.errors import DataQualityWarning
from segmentation.profile import REFERENCE_METRICS
from segmentation.schema import ID_COLUMN

__all__ = ["Filter", "Op", "Value", "count_customers"]

Op = Literal[">", ">=", "<", "<=", "==", "!=", "in", "between"]
Value = float | str


class Filter(BaseModel):
    """One condition on customers: a column, an operator and a value (or values)."""

    model_config = ConfigDict(extra="forbid")
    column: str = Field(
        description="income, age, kids (children at home), kidhome, teenhome, education, "
        "education_level, marital_status, partner, total_spend, spend_wines (or wine, meat ...), "
        "web_purchases, web_visits_month, recency_days, tenure_days, campaigns_accepted, "
        "response, or a column name of the table"
    )
    op: Op = Field(description="comparison; 'in' and 'between' take 'values'")
    value: Value | None = Field(None, description="the value for >, >=, <, <=, == and !=")
    values: list[Value] | None = Field(
        None, description="for 'in': the accepted values; for 'between': [low, high], inclusive"
    )

    @model_validator(mode="after")
    def _needs_values(self) -> Filter:
        if self.op in ("in", "between") and not self.values:
            raise ValueError(f"op '{self.op}' needs 'values', a list")
        if self.op == "between" and len(self.values or []) != 2:
            raise ValueError("op 'between' needs 'values': [low, high]")
        if self.op not in ("in", "between") and self.value is None:
            raise ValueError(f"op '{self.op}' needs 'value'")
        return self


_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
            "==": operator.eq}  # fmt: skip
_CATEGORIES = {
    "education": "Education", "education level": "EducationLevel", "marital status":
    "Marital_Status", "marital": "Marital_Status", "partner": "Partner", "has partner": "Partner",
    "response": "Response", "responded": "Response", "complain": "Complain",
}  # fmt: skip


def _view(ctx: ChatContext) -> pd.DataFrame:
    """The customer table without IDs, with the derived columns (Age, Children, ...)."""
    if ctx.customers is None:
        raise ValueError("counting needs the customer table, which is not loaded.")
    if "view" not in ctx.memo:
        frame = ctx.customers.drop(columns=[ID_COLUMN], errors="ignore")
        seg = ctx.bundle.segmenter
        if seg.feature_set != "generic":
            derived = seg.features_.derive(ctx.customers).set_index(frame.index)
            frame = pd.concat([frame, derived.drop(columns=frame.columns, errors="ignore")], axis=1)
        ctx.memo["view"] = frame
    return ctx.memo["view"]


def _labels(ctx: ChatContext) -> np.ndarray:
    if "labels" not in ctx.memo:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            ctx.memo["labels"] = ctx.bundle.segmenter.predict(ctx.customers)
    return ctx.memo["labels"]


def _column(ctx: ChatContext, view: pd.DataFrame, name: str) -> str:
    squashed = normalize(name).replace(" ", "")
    if squashed in ("id", "customerid", "clientid"):
        raise ValueError("customer IDs cannot be filtered on; the tools work with counts only.")
    by_name = {normalize(c).replace(" ", ""): c for c in view.columns}
    column = by_name.get(squashed) or _CATEGORIES.get(normalize(name))
    if column is None:
        try:
            metric, _ = find_metric(ctx.profile, name)
        except ValueError:
            metric = None
        if metric is not None and metric.stats:
            source = REFERENCE_METRICS.get(metric.key, ("",))[0]
            column = source if ctx.profile.get("schema") == "reference" else metric.label
    if column not in view.columns:
        usable = [c for c in view.columns if not pd.api.types.is_datetime64_any_dtype(view[c])]
        raise ValueError(
            f"unknown column {clean_label(name)!r}; filter on one of: "
            f"{', '.join(clean_label(c) for c in usable)}."
        )
    if pd.api.types.is_datetime64_any_dtype(view[column]):
        raise ValueError(
            f"{clean_label(column)} is a date and cannot be filtered on; use tenure_days."
        )
    return column


def _number(column: str, value: Value) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().lower().replace(",", "").lstrip("$€£").strip()
    scale = {"k": 1e3, "m": 1e6}.get(text[-1:], 1.0)
    try:
        return float(text.rstrip("km")) * scale
    except ValueError:
        raise ValueError(f"{column} needs a number, got {clean_label(value)!r}.") from None


def _condition(
    ctx: ChatContext, view: pd.DataFrame, flt: Filter, j: int, f: Facts
) -> tuple[pd.Series, str]:
    """The rows a filter keeps and the filter in words."""
    column = _column(ctx, view, flt.column)
    items = list(flt.values) if flt.op in ("in", "between") else [flt.value]
    values, label = view[column], clean_label(column)
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        nums = [_number(label, v) for v in items]
        keys = [f"filters.{j}.values.{k}" for k in range(len(nums))]
        shown = [
            f.num(key, n)
            for key, n in zip(keys if flt.values else [f"filters.{j}.value"], nums, strict=False)
        ]
        if flt.op == "between":
            return values.between(min(nums), max(nums)), f"{label} between {' and '.join(shown)}"
        if flt.op == "in":
            return values.isin(nums), f"{label} in {' or '.join(shown)}"
        if flt.op == "!=":
            return values.notna() & (values != nums[0]), f"{label} != {shown[0]}"
        return _COMPARE[flt.op](values, nums[0]), f"{label} {flt.op.replace('==', '=')} {shown[0]}"
    if flt.op not in ("==", "!=", "in"):
        raise ValueError(f"{label} is a category: use ==, != or in, not {flt.op!r}.")
    levels = {normalize(v): v for v in values.dropna().astype(str).unique()}
    if column == "Education" and all(normalize(v) not in levels for v in items):
        if "EducationLevel" in view.columns:  # "Postgraduate" is a level, not a degree
            return _condition(ctx, view, flt.model_copy(update={"column": "EducationLevel"}), j, f)
    wanted = []
    for v in items:
        if normalize(v) not in levels:
            known = ", ".join(sorted(clean_label(x) for x in levels.values())[:12])
            raise ValueError(f"{label} has no value {clean_label(v)!r}; its values: {known}.")
        wanted.append(levels[normalize(v)])
    inside = values.astype("string").isin(wanted).fillna(False).astype(bool)
    mask = values.notna() & ~inside if flt.op == "!=" else inside
    word = {"==": "is", "!=": "is not", "in": "is"}[flt.op]
    return mask, f"{label} {word} {' or '.join(clean_label(w) for w in wanted)}"


@guarded
def count_customers(
    ctx: ChatContext, segment: str | None = None, filters: list[Filter] | None = None
) -> ToolResult:
    """Count the customers matching simple filters, optionally within one segment, e.g.
    "customers with income over 60k and 2+ kids", "PhDs in segment 3". Counts under 11 are
    reported as "fewer than 11".

    Args:
        segment: the segment's number or name; leave it out to count all customers.
        filters: conditions that must all hold, e.g. [{"column": "income", "op": ">",
            "value": 60000}, {"column": "education", "op": "in", "values": ["PhD", "Master"]}].
    """
    view, f = _view(ctx), Facts()
    conditions = [
        _condition(ctx, view, flt if isinstance(flt, Filter) else Filter.model_validate(flt), j, f)
        for j, flt in enumerate(filters or [])
    ]
    inside = np.ones(len(view), dtype=bool)
    where, seg = "", None
    if segment is not None:
        seg = visible(ctx, find_segment(ctx, segment))
        inside = _labels(ctx) == seg["id"]
        where = f" in {title(ctx, seg)}"
    mask = inside.copy()
    for rows, _ in conditions:
        mask &= rows.to_numpy(dtype=bool)
    base, matching = int(inside.sum()), int(mask.sum())
    described = " and ".join(text for _, text in conditions)
    data: dict[str, Any] = {
        "segment": None if seg is None else {"id": seg["id"], "name": ctx.name(seg["id"])},
        "filters": [text for _, text in conditions],
    }
    if base < MIN_GROUP:
        raise ValueError(f"fewer than {MIN_GROUP} customers are{where}; counts are withheld.")
    of = f"{f.count('count.base', base)} customers{where}"
    if not conditions:
        return ToolResult(
            text=f"There are {of}.", data={**data, "customers": base}, figures=f.figures
        )
    if matching == 0:
        text = f"None of the {of} match {described}."
    elif matching < MIN_GROUP:
        few = f.fewer().capitalize()
        text = f"{few} of the {of} match {described} (so few are not counted exactly)."
        data["matching"] = f"fewer than {MIN_GROUP}"
    elif 0 < base - matching < MIN_GROUP:
        text = f"All but {f.fewer()} of the {of} match {described}."
        data["matching"] = f"all but fewer than {MIN_GROUP}"
    else:
        share = f.pct("count.share", matching / base)
        text = f"{f.count('count.matching', matching)} of the {of} match {described} ({share})."
        data.update(matching=matching, share=matching / base)
    return ToolResult(text=text, data={**data, "customers": base}, figures=f.figures)
