"""The data overview of the app's Data tab: pure functions from a loaded table to small frames.

What an analyst would otherwise compute in a notebook before segmenting: the distributions
of age and income (binned counts), spend per product category, purchases per channel,
acceptance of the five past campaigns and the last one, empty cells, what the loader fixed
while reading, and the quirks the model will handle (impossible ages, extreme amounts, odd
marital statuses). Every function takes the frame `segmentation.io.load_customers` returns
(and its `LoadReport`), never changes it, and returns a new DataFrame whose first column is
the category and second the figure, ready for a bar chart or a table. A table without the
reference columns gets empty frames (with the same columns) for the reference figures.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmentation.catalog import MAX_AGE, ages, reference_catalog, reference_date
from segmentation.io import LoadReport

__all__ = [
    "age_distribution",
    "campaign_acceptance",
    "data_overview",
    "data_quirks",
    "income_distribution",
    "loader_fixes",
    "missing_values",
    "purchases_by_channel",
    "reference_year",
    "spend_by_category",
]

AGE_EDGES = (18, 30, 40, 50, 60, 70, 80, MAX_AGE + 1)
INCOME_STEP = 20_000
INCOME_TOP = 160_000  # incomes from here on share one bin
EXTREME_INCOME = 300_000
_HANDLING = {
    "age": "treated as unknown: the model uses the median age",
    "extreme": "clipped to the far fence (Q3 + 3·IQR) for the model",
    "empty": "filled with the training median by the model",
    "marital": "kept; counted as living without a partner",
}


def reference_year(frame: pd.DataFrame) -> int:
    """The year ages are counted at: the latest enrolment year (as the model does), else the
    current year (a table without enrolment dates is shown as of today)."""
    date = reference_date(frame)
    return int(date.year) if date is not None else pd.Timestamp.now().year


def _income_column(frame: pd.DataFrame) -> str | None:
    source = reference_catalog().measure("income").source
    return source if source in frame else None


def _labels(mix_key: str, frame: pd.DataFrame) -> dict[str, str]:
    """Source column -> label of a catalog mix's parts (and extra parts) in the table, in
    the table's column order."""
    mix = reference_catalog().mix(mix_key)
    parts = [*mix.parts, *mix.extra] if mix else []
    labels = {p.source: p.label for p in parts}
    return {c: labels[c] for c in frame.columns if c in labels}


def _empty(*columns: str) -> pd.DataFrame:
    """An empty frame with these columns: the first holds labels, the others numbers."""
    first, *rest = columns
    return pd.DataFrame(
        {first: pd.Series(dtype=object), **{c: pd.Series(dtype=float) for c in rest}}
    )


def age_distribution(frame: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Customers per age band (``age``, ``customers``): under 18, 18-29, ... 80-100, then
    "over 100 (impossible)" and "unknown" when there are any. Age = ``year`` (default:
    `reference_year`) minus ``Year_Birth``."""
    age = ages(frame, year or reference_year(frame))
    if age is None:
        return _empty("age", "customers")
    labels = [f"{lo}-{hi - 1}" for lo, hi in zip(AGE_EDGES[:-1], AGE_EDGES[1:], strict=True)]
    bands = pd.cut(age, [-np.inf, *AGE_EDGES], right=False, labels=["under 18", *labels])
    counts = bands.value_counts(sort=False).astype(int)
    out = pd.DataFrame({"age": counts.index.astype(str), "customers": counts.to_numpy()})
    extra = {"over 100 (impossible)": int((age > MAX_AGE).sum()), "unknown": int(age.isna().sum())}
    rows = [{"age": k, "customers": v} for k, v in extra.items() if v]
    out = pd.concat([out, pd.DataFrame(rows)], ignore_index=True) if rows else out
    return out[(out["customers"] > 0) | out["age"].isin(labels)].reset_index(drop=True)


def income_distribution(frame: pd.DataFrame) -> pd.DataFrame:
    """Customers per income band of 20,000 (``income``, ``customers``), the top band open
    ("160k+"), then "unknown" for empty incomes when there are any."""
    column = _income_column(frame)
    if column is None:
        return _empty("income", "customers")
    income = frame[column].astype(float)
    edges = list(range(0, INCOME_TOP + 1, INCOME_STEP))
    labels = [f"{lo // 1000}k-{hi // 1000}k" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    bands = pd.cut(
        income, [*edges, np.inf], right=False, labels=[*labels, f"{INCOME_TOP // 1000}k+"]
    )
    counts = bands.value_counts(sort=False).astype(int)
    out = pd.DataFrame({"income": counts.index.astype(str), "customers": counts.to_numpy()})
    unknown = int(income.isna().sum())
    if unknown:
        out.loc[len(out)] = ["unknown", unknown]
    return out


def spend_by_category(frame: pd.DataFrame) -> pd.DataFrame:
    """Total spend per product category (``category``, ``spend``, ``share`` of all spend),
    largest first."""
    labels = _labels("spend_mix", frame)
    if not labels:
        return _empty("category", "spend", "share")
    totals = frame[list(labels)].sum().rename(labels)
    out = pd.DataFrame({"category": totals.index, "spend": totals.to_numpy(dtype=float)})
    all_spend = out["spend"].sum()
    out["share"] = out["spend"] / all_spend if all_spend else 0.0
    return out.sort_values("spend", ascending=False, kind="stable").reset_index(drop=True)


def purchases_by_channel(frame: pd.DataFrame) -> pd.DataFrame:
    """Purchases per channel (``channel``, ``purchases``, ``share``): web, catalog and store
    (shares of their sum) and, apart, purchases made with a deal (share of the same sum)."""
    mix = reference_catalog().mix("channel_mix")
    labels = _labels("channel_mix", frame)
    if not labels or mix is None:
        return _empty("channel", "purchases", "share")
    totals = frame[list(labels)].sum().rename(labels)
    channels = [p.label for p in mix.parts if p.source in frame]
    extra = [p.label for p in mix.extra if p.source in frame]
    base = totals[channels].sum()
    order = [*channels, *extra]
    values = totals[order].to_numpy(dtype=float)
    return pd.DataFrame(
        {"channel": order, "purchases": values, "share": values / base if base else 0.0}
    )


def campaign_acceptance(frame: pd.DataFrame) -> pd.DataFrame:
    """Share of customers who accepted each past campaign and the last one (``campaign``,
    ``accepted`` customers, ``rate`` of those with a value)."""
    catalog = reference_catalog()
    names = {c.source: c.label for c in catalog.campaigns}
    if catalog.outcome:
        names[catalog.outcome] = f"last ({catalog.outcome})"
    columns = [c for c in names if c in frame]
    if not columns:
        return _empty("campaign", "accepted", "rate")
    values = frame[columns].astype(float)
    return pd.DataFrame(
        {
            "campaign": [names[c] for c in columns],
            "accepted": values.sum().to_numpy(),
            "rate": values.mean().to_numpy(),
        }
    )


def missing_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns with empty cells (``column``, ``empty_cells``, ``share`` of rows), most
    first; an empty frame when every cell is filled."""
    counts = frame.isna().sum()
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    return pd.DataFrame(
        {
            "column": counts.index.astype(str),
            "empty_cells": counts.to_numpy(dtype=float),
            "share": counts.to_numpy(dtype=float) / max(len(frame), 1),
        }
    )


def loader_fixes(report: LoadReport) -> pd.DataFrame:
    """What the loader did while reading (``fix``, ``detail``): the format it detected,
    renamed headers, date formats, dropped rows (with their line/row numbers) and columns,
    and its warnings."""
    rows: list[tuple[str, str]] = []
    if report.delimiter or report.encoding:
        what = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}.get(
            report.delimiter or "", repr(report.delimiter)
        )
        detail = f"{what}-separated" if report.delimiter else report.format
        rows.append(("read as", f"{detail}, {report.encoding or 'unknown'} encoding"))
    for header, name in report.column_map.items():
        rows.append(("renamed column", f"'{header}' → '{name}'"))
    for column, fmt in report.date_formats.items():
        rows.append(("read dates", f"{column} as {fmt}"))
    for number, why in report.rows_dropped:
        rows.append(("dropped row", f"{report.unit} {number}: {why}"))
    for column in report.columns_dropped:
        rows.append(("dropped column", f"'{column}' (empty)"))
    for warning in report.warnings:
        rows.append(("warning", warning))
    return pd.DataFrame(rows, columns=["fix", "detail"])


def _quirk(quirk: str, rows: int, handling: str) -> dict[str, Any]:
    return {"quirk": quirk, "rows": rows, "handling": handling}


def data_quirks(frame: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Suspicious values the model will handle (``quirk``, ``rows``, ``handling``):
    impossible ages, extreme incomes, marital statuses outside the known list, empty
    incomes. Only quirks that occur are listed."""
    rows: list[dict[str, Any]] = []
    age = ages(frame, year or reference_year(frame))
    if age is not None:
        n = int((age > MAX_AGE).sum())
        if n:
            rows.append(_quirk(f"age over {MAX_AGE}", n, _HANDLING["age"]))
    if (column := _income_column(frame)) is not None:
        income = frame[column].astype(float)
        n = int((income >= EXTREME_INCOME).sum())
        if n:
            rows.append(_quirk(f"income of {EXTREME_INCOME:,} or more", n, _HANDLING["extreme"]))
        n = int(income.isna().sum())
        if n:
            rows.append(_quirk("income empty", n, _HANDLING["empty"]))
    marital = reference_catalog().dimension("marital_status")
    if marital.source in frame:
        status = frame[marital.source].dropna().astype(str)
        odd = status[~status.isin(marital.levels)]
        if len(odd):
            shown = ", ".join(f"{v} ({n})" for v, n in odd.value_counts().items())
            rows.append(_quirk(f"unusual marital status: {shown}", len(odd), _HANDLING["marital"]))
    return pd.DataFrame(rows, columns=["quirk", "rows", "handling"])


def data_overview(frame: pd.DataFrame, report: LoadReport) -> dict[str, pd.DataFrame]:
    """Every overview frame of a loaded table, by name (the Data tab shows them in order)."""
    year = reference_year(frame)
    return {
        "age": age_distribution(frame, year),
        "income": income_distribution(frame),
        "spend": spend_by_category(frame),
        "channels": purchases_by_channel(frame),
        "campaigns": campaign_acceptance(frame),
        "missing": missing_values(frame),
        "fixes": loader_fixes(report),
        "quirks": data_quirks(frame, year),
    }
