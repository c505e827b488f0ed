"""The counting tool: how many customers match simple filters, optionally in a segment.

It reads the context's customer table and returns counts only: a count under 11, or a
remainder under 11 (all but a few), is never given as a number, thresholds on numbers are
snapped to the column's grid (`assistant.query.privacy`, as the query tool does, so two counts
whose thresholds differ by one customer cannot single that customer out), and the ID column
cannot be filtered on. A filter names a catalog metric or attribute (by key or a word people use) or
a column of the table.
"""

from __future__ import annotations

import operator
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.errors import ToolInputError
from assistant.personas.facts import MIN_GROUP
from assistant.query.privacy import snap, snap_step
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import Facts, title, visible
from assistant.tools.lookup import find_metric, find_segment, normalize
from assistant.tools.result import ToolResult
from assistant.tools.toolkit import tool

__all__ = ["CountTools", "Filter", "Op", "Value"]

Op = Literal[">", ">=", "<", "<=", "==", "!=", "in", "between"]
Value = float | str


class Filter(BaseModel):
    """One condition on customers: a column, an operator and a value (or values)."""

    model_config = ConfigDict(extra="forbid")
    column: str = Field(
        description="a metric or attribute key (income, age, children, kidhome, education, "
        "education_level, marital_status, partner, spend_wines, purchases_web, response ...), "
        "a word for one (wine, kids), or a column name of the table"
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


def _number(column: str, value: Value) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().lower().replace(",", "").lstrip("$€£").strip()
    scale = {"k": 1e3, "m": 1e6}.get(text[-1:], 1.0)
    try:
        return float(text.rstrip("km")) * scale
    except ValueError:
        raise ToolInputError(f"{column} needs a number, got {clean_label(value)!r}.") from None


class CountTools:
    """Counting customers (needs the customer table in the context)."""

    ctx: ChatContext

    def _view(self) -> pd.DataFrame:
        view = self.ctx.customer_view
        if view is None:
            raise ToolInputError("counting needs the customer table, which is not loaded.")
        return view

    def _column(self, view: pd.DataFrame, name: str) -> str:
        """The view's column a filter names: a column by name, a catalog attribute (by its
        words) or a catalog metric (by its words)."""
        squashed = normalize(name).replace(" ", "")
        if squashed in ("id", "customerid", "clientid"):
            raise ToolInputError(
                "customer IDs cannot be filtered on; the tools work with counts only."
            )
        by_name = {normalize(c).replace(" ", ""): c for c in view.columns}
        column = by_name.get(squashed)
        catalog = self.ctx.catalog
        if column is None:
            words = {normalize(w): d.source for d in catalog.dimensions for w in d.synonyms}
            column = words.get(normalize(name))
        if column is None:
            try:
                metric, _ = find_metric(self.ctx, name)
            except ToolInputError:
                metric = None
            if metric is not None and metric.per_customer:
                column = metric.source
        if column not in view.columns:
            usable = [c for c in view.columns if not pd.api.types.is_datetime64_any_dtype(view[c])]
            raise ToolInputError(
                f"unknown column {clean_label(name)!r}; filter on one of: "
                f"{', '.join(clean_label(c) for c in usable)}."
            )
        if pd.api.types.is_datetime64_any_dtype(view[column]):
            raise ToolInputError(
                f"{clean_label(column)} is a date and cannot be filtered on; use tenure_days."
            )
        return column

    def _coarser(self, view: pd.DataFrame, column: str) -> str | None:
        """The column of a coarser grouping of ``column``'s levels (degree -> education
        level), if the catalog has one and the view holds it."""
        for dim in self.ctx.catalog.dimensions:
            if dim.source == column and dim.coarser:
                other = self.ctx.catalog.dimension(dim.coarser).source
                return other if other in view.columns else None
        return None

    def _condition(
        self, view: pd.DataFrame, flt: Filter, j: int, f: Facts
    ) -> tuple[pd.Series, str]:
        """The rows a filter keeps and the filter in words."""
        column = self._column(view, flt.column)
        items = list(flt.values) if flt.op in ("in", "between") else [flt.value]
        values, name = view[column], clean_label(column)
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            nums = [_number(name, v) for v in items]
            if flt.op in (">", ">=", "<", "<=", "between"):  # a threshold: snapped to the grid
                step = snap_step(values)
                nums = [snap(n, step) for n in nums]
            keys = [f"filters.{j}.values.{k}" for k in range(len(nums))]
            shown = [
                f.num(key, n)
                for key, n in zip(
                    keys if flt.values else [f"filters.{j}.value"], nums, strict=False
                )
            ]
            if flt.op == "between":
                return values.between(min(nums), max(nums)), f"{name} between {' and '.join(shown)}"
            if flt.op == "in":
                return values.isin(nums), f"{name} in {' or '.join(shown)}"
            if flt.op == "!=":
                return values.notna() & (values != nums[0]), f"{name} != {shown[0]}"
            compare = _COMPARE[flt.op](values, nums[0])
            return compare, f"{name} {flt.op.replace('==', '=')} {shown[0]}"
        if flt.op not in ("==", "!=", "in"):
            raise ToolInputError(f"{name} is a category: use ==, != or in, not {flt.op!r}.")
        levels = {normalize(v): v for v in values.dropna().astype(str).unique()}
        coarser = self._coarser(view, column)
        if coarser and all(normalize(v) not in levels for v in items):
            return self._condition(view, flt.model_copy(update={"column": coarser}), j, f)
        wanted = []
        for v in items:
            if normalize(v) not in levels:
                known = ", ".join(sorted(clean_label(x) for x in levels.values())[:12])
                raise ToolInputError(
                    f"{name} has no value {clean_label(v)!r}; its values: {known}."
                )
            wanted.append(levels[normalize(v)])
        inside = values.astype("string").isin(wanted).fillna(False).astype(bool)
        mask = values.notna() & ~inside if flt.op == "!=" else inside
        word = {"==": "is", "!=": "is not", "in": "is"}[flt.op]
        return mask, f"{name} {word} {' or '.join(clean_label(w) for w in wanted)}"

    @tool
    def count_customers(
        self, segment: str | None = None, filters: list[Filter] | None = None
    ) -> ToolResult:
        """Count the customers matching simple filters, optionally within one segment, e.g.
        "customers with income over 60k and 2+ kids", "PhDs in segment 3". Counts under 11
        are reported as "fewer than 11".

        Args:
            segment: the segment's number or name; leave it out to count all customers.
            filters: conditions that must all hold, e.g. [{"column": "income", "op": ">",
                "value": 60000}, {"column": "education", "op": "in", "values": ["PhD",
                "Master"]}].
        """
        ctx = self.ctx
        view, f = self._view(), Facts()
        conditions = [
            self._condition(
                view, flt if isinstance(flt, Filter) else Filter.model_validate(flt), j, f
            )
            for j, flt in enumerate(filters or [])
        ]
        inside = np.ones(len(view), dtype=bool)
        where, seg = "", None
        if segment is not None:
            seg = visible(ctx, find_segment(ctx, segment))
            inside = ctx.customer_segments == seg.id
            where = f" in {title(ctx, seg)}"
        mask = inside.copy()
        for rows, _ in conditions:
            mask &= rows.to_numpy(dtype=bool)
        base, matching = int(inside.sum()), int(mask.sum())
        described = " and ".join(text for _, text in conditions)
        data: dict[str, Any] = {
            "segment": None if seg is None else {"id": seg.id, "name": ctx.name(seg.id)},
            "filters": [text for _, text in conditions],
        }
        if base < MIN_GROUP:
            raise ToolInputError(
                f"fewer than {MIN_GROUP} customers are{where}; counts are withheld."
            )
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
