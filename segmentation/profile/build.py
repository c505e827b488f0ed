"""Profiling segments: a customer table and its segment labels -> a `Profile`, aggregates only.

Every figure comes from the catalog: its per-customer metrics (mean, median, index = 100 ×
segment mean / population mean), its mixes (spend by category, purchases by channel: shares
of sums), its profiled dimensions (share of each level), its past campaigns (acceptance rates
with Wilson 95% intervals) and the held-out outcome (``Response`` rate, interval and lift).
The profile never holds a row, an ID, or a minimum or maximum of raw values; a missing figure
is None, never NaN. ``Response`` is reported, never used by anything that fits or names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from segmentation import formats
from segmentation.catalog import (
    Catalog,
    Dimension,
    Mix,
    derive_columns,
    generic_catalog,
    reference_catalog,
    reference_date,
)
from segmentation.errors import DataError
from segmentation.evaluate import response_by_segment, wilson_interval
from segmentation.profile.types import (
    PopulationMetric,
    PopulationProfile,
    Profile,
    Rate,
    Response,
    SegmentMetric,
    SegmentProfile,
    Trait,
)
from segmentation.schema import OUTCOME_COLUMN, is_reference_schema

__all__ = ["MAX_MIX_LEVELS", "SMALL_SEGMENT", "TOP_TRAITS", "profile_segments"]

SMALL_SEGMENT = 11  # segments with fewer customers are flagged ``small``
TOP_TRAITS = 5
MAX_MIX_LEVELS = 10  # mixes without a level order keep the 10 most frequent levels


def _num(value: Any) -> float | None:
    """A plain float, or None for NaN / infinite / missing."""
    return float(value) if value is not None and math.isfinite(float(value)) else None


def _check(frame: pd.DataFrame, labels: Any) -> tuple[np.ndarray, int]:
    """Labels as non-negative ints, one per row, and the number of segments."""
    if not isinstance(frame, pd.DataFrame) or len(frame) == 0:
        raise DataError("expected a non-empty pandas DataFrame of customers to profile.")
    values = np.asarray(labels)
    if values.ndim != 1 or len(values) != len(frame):
        raise DataError(
            f"labels must hold one segment per row: got {values.shape} for {len(frame)}."
        )
    numbers = values.astype(float) if values.dtype.kind in "biuf" else np.array([np.nan])
    if not (
        np.isfinite(numbers).all() and (numbers == np.round(numbers)).all() and numbers.min() >= 0
    ):
        raise DataError(f"labels must be segment numbers 0..k-1, got {values[:5].tolist()} ...")
    return numbers.astype(int), int(numbers.max()) + 1


def _column(frame: pd.DataFrame, derived: pd.DataFrame | None, name: str) -> pd.Series | None:
    """A source column: derived if it is there, else as loaded; None if neither has it."""
    if derived is not None and name in derived.columns:
        return derived[name]
    return frame[name] if name in frame.columns else None


def _metric_values(
    frame: pd.DataFrame, derived: pd.DataFrame | None, catalog: Catalog
) -> pd.DataFrame:
    """One float column per metric key the table has, positionally aligned with ``frame``."""
    out = {}
    for m in catalog.metrics:
        column = _column(frame, derived, m.source or m.key)
        if column is not None:
            out[m.key] = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
    return pd.DataFrame(out, index=range(len(frame)))


def _metrics(
    values: pd.DataFrame, labels: np.ndarray, k: int
) -> tuple[dict[str, PopulationMetric], list[dict[str, SegmentMetric]]]:
    """Population {key: mean, median, std} and per segment {key: mean, median, index}."""
    pop_mean, pop_median, pop_std = values.mean(), values.median(), values.std(ddof=0)
    population = {
        key: PopulationMetric(_num(pop_mean[key]), _num(pop_median[key]), _num(pop_std[key]))
        for key in values.columns
    }
    grouped = values.groupby(labels)
    mean, median = grouped.mean().reindex(range(k)), grouped.median().reindex(range(k))
    index = 100 * mean / pop_mean.where(pop_mean > 0)
    per_segment = [
        {
            key: SegmentMetric(_num(mean.iat[s, j]), _num(median.iat[s, j]), _num(index.iat[s, j]))
            for j, key in enumerate(values.columns)
        }
        for s in range(k)
    ]
    return population, per_segment


def _shares(table: pd.DataFrame) -> list[dict[str, float | None]]:
    """Row-normalized shares of a (segment × category) table of sums, as dicts."""
    total = table.sum(axis=1)
    shares = table.div(total.where(total > 0), axis=0)
    return [{str(c): _num(v) for c, v in row.items()} for _, row in shares.iterrows()]


def _level_mix(values: pd.Series, labels: np.ndarray, k: int, order: Sequence[str]) -> tuple:
    """Population and per-segment shares of each level of a categorical column: levels in
    ``order`` first, then by size; without an order, the `MAX_MIX_LEVELS` largest levels
    (the rest as "Other"). Empty cells are the level "Unknown"."""
    text = values.astype("string").fillna("Unknown").to_numpy(dtype=object)
    counts = pd.crosstab(labels, text).reindex(range(k), fill_value=0)
    by_size = counts.sum().sort_values(ascending=False, kind="stable")
    if not order and len(by_size) > MAX_MIX_LEVELS:
        rest = by_size.index[MAX_MIX_LEVELS - 1 :]
        counts = counts.drop(columns=rest).assign(Other=counts[rest].sum(axis=1))
        by_size = counts.sum().sort_values(ascending=False, kind="stable")
    levels = [c for c in order if c in counts.columns]
    levels += [c for c in by_size.index if c not in levels]
    counts = counts[levels]
    return _shares(counts.sum().to_frame().T)[0], _shares(counts)


def _sums(table: pd.DataFrame, labels: np.ndarray, k: int) -> pd.DataFrame:
    """Column sums of the whole table (row ``"all"``) and of each segment (rows 0..k-1)."""
    per_segment = table.groupby(labels).sum().reindex(range(k), fill_value=0.0)
    return pd.concat([table.sum().to_frame("all").T, per_segment])


def _part_mix(frame: pd.DataFrame, mix: Mix, labels: np.ndarray, k: int) -> list | None:
    """Shares of each part of a mix (and its ``extra`` parts, as shares of the same sum);
    item 0 is the population, item 1 + s segment s. None when a part's column is absent."""
    parts = [*mix.parts, *mix.extra]
    if any(p.source not in frame.columns for p in parts):
        return None
    table = pd.DataFrame({p.key: frame[p.source].astype(float) for p in parts})
    sums = _sums(table, labels, k)
    total = sums[list(mix.keys)].sum(axis=1)
    shares = sums.div(total.where(total > 0), axis=0)
    return [{c: _num(v) for c, v in row.items()} for _, row in shares.iterrows()]


def _campaigns(
    frame: pd.DataFrame, catalog: Catalog, labels: np.ndarray, k: int
) -> list[dict[str, Rate]] | None:
    """Acceptance rate and Wilson 95% interval of each past campaign and of any of them;
    item 0 is the population, item 1 + s segment s. None without campaign columns."""
    if not catalog.campaigns or any(c.source not in frame for c in catalog.campaigns):
        return None
    accepted = pd.DataFrame({c.key: frame[c.source].astype(float) for c in catalog.campaigns})
    accepted["any_past"] = (accepted.fillna(0).sum(axis=1) > 0).astype(float)
    hits = _sums(accepted.fillna(0), labels, k).to_numpy()
    n = _sums(accepted.notna().astype(float), labels, k).to_numpy()
    low, high = wilson_interval(hits, n)
    rate = hits / np.where(n > 0, n, np.nan)
    return [
        {
            name: Rate(_num(rate[r, j]), _num(low[r, j]), _num(high[r, j]))
            for j, name in enumerate(accepted.columns)
        }
        for r in range(len(rate))
    ]


def _dimension_values(
    frame: pd.DataFrame, derived: pd.DataFrame | None, dim: Dimension
) -> pd.Series | None:
    values = _column(frame, derived, dim.source)
    if values is None or dim.other is None:
        return values
    return values.where(values.isin(dim.levels) | values.isna(), dim.other)


def _response(frame: pd.DataFrame, outcome: str | None, labels: np.ndarray, k: int) -> tuple:
    """Base rate and per-segment held-out response (None where no response is known)."""
    if outcome is None or outcome not in frame.columns:
        return None, [None] * k
    values = pd.to_numeric(frame[outcome], errors="coerce")
    if values.notna().sum() == 0:
        return None, [None] * k
    table = response_by_segment(labels, values)
    out: list[Response | None] = [None] * k
    for s, row in table.iterrows():
        figures = {c: _num(row[c]) for c in ("rate", "ci_low", "ci_high", "lift")}
        out[int(s)] = Response(
            **figures, responders=int(row["responders"]), customers=int(row["customers"])
        )
    return _num(table.attrs["base_rate"]), out


def _traits(metrics: dict[str, SegmentMetric], labels: dict[str, str]) -> list[Trait]:
    """The `TOP_TRAITS` metrics whose index is furthest from 100 (by |log(index/100)|)."""
    scored = []
    for key, figures in metrics.items():
        index = figures.index
        if index is None or abs(index - 100) < 1e-6:  # equal to the average, but for rounding
            continue
        scored.append((abs(math.log(max(index, 1.0) / 100)), key, index))
    scored.sort(key=lambda t: (-t[0], t[1]))
    traits = []
    for _, key, index in scored[:TOP_TRAITS]:
        label = labels.get(key, key)
        text = f"almost no {label}" if index < 1 else f"{label} {formats.versus(index, 0)}"
        direction = "high" if index > 100 else "low"
        traits.append(Trait(f"metrics.{key}.mean", label, index, direction, text))
    return traits


def profile_segments(
    frame: pd.DataFrame,
    labels: np.ndarray,
    *,
    catalog: Catalog | None = None,
    derived: pd.DataFrame | None = None,
    columns: Sequence[str] | None = None,
    outcome: str = OUTCOME_COLUMN,
    date: pd.Timestamp | None = None,
) -> Profile:
    """Profile each segment of ``frame`` (aggregates only; see the module docstring).

    Parameters
    ----------
    frame : the customer table as loaded.
    labels : the segment (0..k-1) of each row, in row order.
    catalog : what to profile. Default: the reference catalog for a reference-schema table
        (when ``columns`` is None), else the generic catalog of ``columns``.
    derived : the derived columns of a reference-schema table (``FeatureBuilder.derive``);
        computed at ``date`` (default: the latest enrolment date) when not given.
    columns : for a generic table, the columns clustered on (default: `generic_columns`).
    outcome : the held-out outcome column; reported per segment, never used to fit or name.
    """
    labels, k = _check(frame, labels)
    n = len(frame)
    if catalog is None:
        reference = columns is None and is_reference_schema(list(frame.columns))
        catalog = reference_catalog() if reference else generic_catalog(frame, columns, outcome)
    if catalog.schema == "reference" and derived is None:
        date = date if date is not None else reference_date(frame)
        if date is None:
            raise DataError(
                "the table has no enrolment dates (Dt_Customer) to count ages and tenure "
                "from; pass the reference date."
            )
        derived = derive_columns(frame, date)
    if derived is not None and len(derived) != n:
        raise DataError(f"derived has {len(derived)} rows but the table has {n}.")
    pop_metrics, seg_metrics = _metrics(_metric_values(frame, derived, catalog), labels, k)
    blocks = {mix.key: _part_mix(frame, mix, labels, k) for mix in catalog.mixes}
    spend, channel = (blocks.get(key) or [None] * (k + 1) for key in ("spend_mix", "channel_mix"))
    campaigns = _campaigns(frame, catalog, labels, k) or [None] * (k + 1)
    mixes: list[dict[str, dict]] = [{} for _ in range(k + 1)]
    for dim in catalog.profiled_dimensions:
        values = _dimension_values(frame, derived, dim)
        if values is not None:
            order = (*dim.levels, dim.other) if dim.other else dim.levels
            pop, per_segment = _level_mix(values, labels, k, order)
            for block, mix in zip(mixes, [pop, *per_segment], strict=True):
                block[dim.key] = mix
    sizes = np.bincount(labels, minlength=k)
    base_rate, responses = _response(frame, catalog.outcome and outcome, labels, k)
    names = catalog.labels()
    segments = [
        SegmentProfile(
            id=s,
            size=int(sizes[s]),
            share=float(sizes[s] / n),
            metrics=seg_metrics[s],
            spend_mix=spend[s + 1],
            channel_mix=channel[s + 1],
            mix=mixes[s + 1],
            campaigns=campaigns[s + 1],
            response=responses[s],
            traits=_traits(seg_metrics[s], names),
            small=bool(sizes[s] < SMALL_SEGMENT),
        )
        for s in range(k)
    ]
    population = PopulationProfile(pop_metrics, spend[0], channel[0], mixes[0], campaigns[0])
    return Profile(
        schema=catalog.schema,
        n_customers=int(n),
        n_segments=int(k),
        base_rate=base_rate,
        labels=names,
        population=population,
        segments=segments,
        defined_by=catalog,
        roles=dict(item.split("=", 1) for item in catalog.sets.get("roles", ())),
    )
