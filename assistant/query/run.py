"""Running a `Query`: on the customer table when one is loaded, else on the profile.

`run_query` resolves the query (`assistant.query.resolve`), splits the customers into the
groups it asks for (one, each persona, each level of a dimension, the cells of a cross-tab,
or the groups compared), computes the statistic of each under the privacy rules of
`assistant.query.privacy`, and returns a `ToolResult` whose text starts with the "Read as"
line, then the figures (a sentence, or a table), with a chart when asked for. Without a
customer table only what the profile holds can be answered (figures per persona or of all
customers, rankings, comparisons of personas); anything else says it needs the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from assistant.errors import ToolInputError
from assistant.query.privacy import MIN_GROUP
from assistant.query.resolve import read_as, resolve
from assistant.query.types import Bound, Query, Resolved
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import Facts, markdown_table
from segmentation.catalog import normalize

__all__ = ["Cell", "run_query"]

_DIFFER = 6  # metrics shown when two personas are compared on "what differs most"


@dataclass(frozen=True)
class Cell:
    """One group's figure: its label, key, customers and value (None when withheld)."""

    label: str
    key: str
    customers: int
    value: float | None
    note: str = ""
    base: int = 0  # the customers a share is of


def _mask(view: pd.DataFrame, bound: Bound) -> np.ndarray:
    column = view[bound.column]
    if bound.numeric:
        x = pd.to_numeric(column, errors="coerce")
        v = bound.values
        ops = {
            ">": x > v[0], ">=": x >= v[0], "<": x < v[0], "<=": x <= v[0], "==": x == v[0],
            "!=": x.notna() & (x != v[0]),
            "between": x.between(v[0], v[-1]) if bound.op == "between" else x == v[0],
        }  # fmt: skip
        return ops[bound.op].fillna(False).to_numpy(dtype=bool)
    level = str(bound.values[0])
    if pd.api.types.is_numeric_dtype(column):
        try:
            same = (pd.to_numeric(column, errors="coerce") == float(level)).to_numpy(dtype=bool)
        except ValueError:
            same = np.zeros(len(column), dtype=bool)
    else:
        same = column.astype("string").map(normalize, na_action="ignore") == normalize(level)
        same = same.fillna(False).to_numpy(dtype=bool)
    return same if bound.op == "==" else column.notna().to_numpy(dtype=bool) & ~same


def _all(view: pd.DataFrame, bounds: tuple[Bound, ...]) -> np.ndarray:
    mask = np.ones(len(view), dtype=bool)
    for bound in bounds:
        mask &= _mask(view, bound)
    return mask


def _levels(view: pd.DataFrame, column: str) -> list[str]:
    values = view[column].dropna()
    return sorted(
        values.astype(str).unique(), key=lambda v: (-int((values.astype(str) == v).sum()), v)
    )


class _Runner:
    """One query on one context; `run` returns the result."""

    def __init__(self, ctx: ChatContext, resolved: Resolved) -> None:
        self.ctx, self.r, self.q = ctx, resolved, resolved.query
        self.f = Facts()
        self.view = ctx.customer_view
        self.segments = ctx.customer_segments

    # -- groups ------------------------------------------------------------------------------
    def _personas(self) -> list[int]:
        chosen = self.r.personas or tuple(s.id for s in self.ctx.segments)
        return [i for i in chosen if self.ctx.segments[i].size >= MIN_GROUP]

    def _split(self, by: tuple[str, str, str | None]) -> list[tuple[str, str, np.ndarray]]:
        """(label, key, rows) of each group of one grouping."""
        key, _, column = by
        if key == "persona":
            return [
                (self.ctx.name(i), f"persona.{i}", self.segments == i) for i in self._personas()
            ]
        assert column is not None
        text = self.view[column].astype(str)
        return [(clean_label(v), f"{key}.{normalize(v).replace(' ', '_')}",
                 (text == v).to_numpy()) for v in _levels(self.view, column)]  # fmt: skip

    # -- statistics --------------------------------------------------------------------------
    def _cell(self, label: str, key: str, base: np.ndarray, measure: tuple | None = None) -> Cell:
        """The statistic over ``base`` (persona scope, group) with the query's conditions."""
        stat = self.q.stat
        column, unit = self.r.column, self.r.unit
        if measure is not None:
            column, unit = measure[3], measure[2]
            stat = "rate" if unit == "share" else ("mean" if stat in ("count", "share") else stat)
        chosen = base & _all(self.view, self.r.where)
        n, total = int(chosen.sum()), int(base.sum())
        if stat == "count" and measure is None:
            if 0 < n < MIN_GROUP:
                return Cell(label, key, n, None, f"{self.f.fewer()}")
            return Cell(label, key, n, float(n))
        if stat == "share" and measure is None:
            shown = total if total >= MIN_GROUP else 0  # a base under 11 is not shown either
            if total < MIN_GROUP or 0 < n < MIN_GROUP:
                return Cell(label, key, n, None, self.f.fewer(), base=shown)
            if 0 < total - n < MIN_GROUP:
                return Cell(label, key, n, None, f"all but {self.f.fewer()}", base=shown)
            return Cell(label, key, n, n / total, base=total)
        if n < MIN_GROUP:
            return Cell(label, key, n, None, self.f.fewer() + " customers")
        assert column is not None
        values = self.view.loc[chosen, column]
        if stat == "rate":
            level = self._yes(column)
            same = values.astype(str).map(normalize) == normalize(level)
            if pd.api.types.is_numeric_dtype(values):
                same = pd.to_numeric(values, errors="coerce") == float(level)
            return Cell(label, key, n, float(same.mean()))
        numbers = pd.to_numeric(values, errors="coerce").dropna()
        if len(numbers) < MIN_GROUP:
            return Cell(label, key, n, None, self.f.fewer() + " known values")
        value = {"mean": numbers.mean, "median": numbers.median, "sum": numbers.sum}[stat]()
        return Cell(label, key, n, float(value))

    def _yes(self, column: str) -> str:
        from assistant.query.resolve import flag_level

        dim = next(d for d in self.ctx.catalog.dimensions if d.source == column)
        return flag_level(dim) or "1"

    def _show(self, cell: Cell, unit: str, stat: str, suffix: str = "") -> str:
        if cell.value is None:
            return cell.note or "withheld"
        key = f"query.{cell.key}.{stat}{suffix}"
        if unit == "count" or stat == "count":
            return self.f.count(key, int(cell.value))
        if unit == "share" or stat in ("share", "rate"):
            return self.f.pct(key, cell.value)
        return self.f.num(key, cell.value)

    # -- answers -----------------------------------------------------------------------------
    def run(self) -> tuple[str, dict | None, dict | None, dict]:
        if self.q.kind == "compare":
            return self._compare()
        everyone = np.ones(len(self.view), dtype=bool)
        if self.r.personas and self.q.kind != "compare":
            everyone = np.isin(self.segments, self.r.personas)
        if self.r.within:  # the base of a share
            everyone = everyone & _all(self.view, self.r.within)
        by = self.r.by or ((("persona", "persona", None),) if self.q.kind == "rank" else ())
        stat, unit = self.q.stat, self.r.unit
        if not by:
            cell = self._cell("all", "all", everyone)
            return (
                self._single(cell),
                None,
                None,
                {"value": cell.value, "customers": cell.customers},
            )
        if len(by) == 2:
            return self._crosstab(everyone, by)
        cells = [self._cell(label, key, everyone & rows) for label, key, rows in self._split(by[0])]
        if self.q.kind == "rank":
            known = [c for c in cells if c.value is not None]
            known.sort(key=lambda c: c.value or 0.0, reverse=self.q.order == "desc")
            cells = known[: self.q.top] if self.q.top else known
        lines = [f"{i + 1}. **{c.label}**: {self._show(c, unit, stat)}" if self.q.kind == "rank"
                 else f"- **{c.label}**: {self._show(c, unit, stat)}"
                 for i, c in enumerate(cells)]  # fmt: skip
        if self.q.purpose == "target":
            lines = self._with_response(cells, lines)
        chart = {
            "kind": "bar",
            "title": f"{self._what()} by {by[0][1]}",
            "labels": [c.label for c in cells if c.value is not None],
            "values": [c.value for c in cells if c.value is not None],
            "unit": "share" if stat in ("share", "rate") else unit,
        }
        table = {"columns": [by[0][1], self._what(), "customers"],
                 "rows": [[c.label, c.value, c.customers] for c in cells]}  # fmt: skip
        data = {"groups": [{"label": c.label, "value": c.value} for c in cells]}
        return "\n".join(lines), chart if len(cells) > 1 else None, table, data

    def _with_response(self, cells: list[Cell], lines: list[str]) -> list[str]:
        response = next((d for d in self.ctx.catalog.dimensions if d.key == "response"), None)
        if response is None or response.source not in self.view.columns:
            return lines
        out = []
        for cell, line in zip(cells, lines, strict=True):
            seg = int(cell.key.split(".")[1])
            rate = self.f.pct(f"segments.{seg}.response.rate", self.ctx.segments[seg].response.rate)
            out.append(f"{line} (last-campaign response {rate})")
        return out

    def _what(self) -> str:
        stat = self.q.stat
        if stat in ("count", "share"):
            return {"count": "customers", "share": "share of customers"}[stat]
        if stat == "rate":
            return f"rate of {self.r.measure_label}"
        return f"{ {'sum': 'total'}.get(stat, stat) } {self.r.measure_label}"

    def _single(self, cell: Cell) -> str:
        stat = self.q.stat
        value = self._show(cell, self.r.unit, stat)
        base = (
            int(np.isin(self.segments, self.r.personas).sum())
            if self.r.personas
            else len(self.view)
        )
        if stat == "count":
            of = self.f.count("query.base", base)
            return f"**{value}** of {of} customers." if self.r.where else f"**{value}** customers."
        if stat == "share" and self.r.within:
            if not cell.base:
                return f"**{value}** of them (a base of {self.f.fewer()} customers)."
            return f"**{value}** of them ({self.f.count('query.all.base', cell.base)} customers)."
        if stat == "share":
            return f"**{value}** of customers."
        n = self.f.count("query.all.customers", cell.customers)
        return f"{self._what().capitalize()}: **{value}** (over {n} customers)."

    def _crosstab(self, everyone: np.ndarray, by: tuple) -> tuple[str, None, dict, dict]:
        rows, cols = self._split(by[0]), self._split(by[1])
        stat, unit = self.q.stat, self.r.unit
        header = [f"{by[0][1]} \\ {by[1][1]}", *(label for label, _, _ in cols)]
        body, raw = [], []
        for rlabel, rkey, rrows in rows:
            cells = [self._cell(f"{rlabel} · {clabel}", f"{rkey}.{ckey}", everyone & rrows & crows)
                     for clabel, ckey, crows in cols]  # fmt: skip
            body.append([rlabel, *(self._show(c, unit, stat) for c in cells)])
            raw.append([rlabel, *(c.value for c in cells)])
        note = f"\n\nCells of {self.f.fewer()} customers are withheld."
        return markdown_table(header, body) + note, None, {"columns": header, "rows": raw}, {}

    def _compare(self) -> tuple[str, dict | None, dict | None, dict]:
        if self.r.groups:
            groups = [(" and ".join(f"{b.label} {b.op} {b.values[0]}" for b in g) or "all",
                       f"group.{i}", _all(self.view, g))
                      for i, g in enumerate(self.r.groups)]  # fmt: skip
            names = [self._group_name(i) for i in range(len(groups))]
            groups = [(names[i], key, rows) for i, (_, key, rows) in enumerate(groups)]
        else:
            if len(self.r.personas) < 2:
                raise ToolInputError("compare needs two or more personas (or groups).")
            groups = [(self.ctx.name(i), f"persona.{i}", self.segments == i)
                      for i in self.r.personas]  # fmt: skip
        measures = list(self.r.measures) or self._differing(groups)
        header = ["", *(label for label, _, _ in groups)]
        body, raw = [], []
        for m in measures:
            cells = [self._cell(label, f"{key}.{m[0]}", rows, m) for label, key, rows in groups]
            stat = "rate" if m[2] == "share" else ("mean" if self.q.stat in ("count", "share")
                                                   else self.q.stat)  # fmt: skip
            body.append([f"{stat} {m[1]}", *(self._show(c, m[2], stat) for c in cells)])
            raw.append([m[0], *(c.value for c in cells)])
        sizes = [self._cell(label, f"{key}.customers", rows) for label, key, rows in groups]
        if self.q.stat == "count" and not self.r.where:
            body.insert(0, ["customers", *(self._show(c, "count", "count") for c in sizes)])
        return markdown_table(header, body), None, {"columns": header, "rows": raw}, {}

    def _group_name(self, i: int) -> str:
        f = Facts()
        from assistant.query.resolve import condition_text

        text = " and ".join(condition_text(b, f, "x") for b in self.r.groups[i])
        self.f.figures.update({f"query.group.{i}.{k}": v for k, v in f.figures.items()})
        return text or "all customers"

    def _differing(self, groups: list) -> list[tuple[str, str, str, str]]:
        """The metrics that differ most between the groups (spread of the group means over
        the metric's standard deviation), for "how do they differ?"."""
        scored = []
        for m in self.ctx.catalog.metrics:
            if not m.per_customer or m.source not in self.view.columns:
                continue
            x = pd.to_numeric(self.view[m.source], errors="coerce")
            sd = float(x.std())
            means = [float(x[rows].mean()) for _, _, rows in groups if rows.sum() >= MIN_GROUP]
            if sd > 0 and len(means) >= 2:
                scored.append(((max(means) - min(means)) / sd, m))
        scored.sort(key=lambda t: -t[0])
        return [(m.key, clean_label(m.label), m.unit, m.source) for _, m in scored[:_DIFFER]]


Answer = tuple[str, dict | None, dict | None, dict, dict[str, float]]


def run_query(ctx: ChatContext, query: Query | dict) -> Answer:
    """Run a query: (text starting with "Read as:", chart, table, data, figures)."""
    q = query if isinstance(query, Query) else Query.model_validate(query)
    resolved = resolve(ctx, q)
    if ctx.customer_view is None:
        raise ToolInputError("this question needs the customer table, which is not loaded "
                             "(start the chat with --data).")  # fmt: skip
    runner = _Runner(ctx, resolved)
    line = read_as(resolved, runner.f)
    text, chart, table, data = runner.run()
    chart = chart if q.show == "chart" else None
    return f"{line}\n\n{text}", chart, table, data, runner.f.figures
