"""Segment profiles: what each segment looks like, as aggregates only.

`profile_segments` turns a customer table and its segment labels into a JSON-serializable
dict: sizes, the mean / median / index (100 × segment mean / population mean) of stable
metrics, spend and channel mixes, household mixes, past-campaign rates and the held-out
``Response`` rate with a Wilson 95% interval and its lift. It never holds a row, an ID, or a
minimum or maximum of raw values; a missing figure is ``None``, never NaN.

Reference-schema tables are profiled on the metrics of :data:`REFERENCE_METRICS`; a generic
table on the columns it was clustered on (numeric: mean / median / index; categorical: mix).
``Response`` is reported, never used by anything that fits or names segments.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from segmentation.derived import derive_columns, reference_date
from segmentation.errors import DataError
from segmentation.evaluate import response_by_segment, wilson_interval
from segmentation.features import generic_columns
from segmentation.schema import (
    AMOUNT_COLUMNS,
    CAMPAIGN_COLUMNS,
    ID_COLUMN,
    MARITAL_STATUSES,
    is_reference_schema,
)

__all__ = [
    "REFERENCE_METRICS",
    "SMALL_SEGMENT",
    "TOP_TRAITS",
    "metric_key",
    "profile_segments",
]

SMALL_SEGMENT = 11  # segments with fewer customers are flagged ``small``
TOP_TRAITS = 5
MAX_MIX_LEVELS = 10  # categorical mixes of generic tables keep the 10 most frequent levels

# metric key -> (source column in the table or its derived columns, human label)
REFERENCE_METRICS: dict[str, tuple[str, str]] = {
    "income": ("Income", "income"),
    "age": ("Age", "age"),
    "children": ("Children", "children at home"),
    "kidhome": ("Kidhome", "small children at home"),
    "teenhome": ("Teenhome", "teenagers at home"),
    "recency_days": ("Recency", "days since last purchase"),
    "tenure_days": ("TenureDays", "days as a customer"),
    "total_spend": ("TotalSpend", "total spend"),
    "spend_wines": ("MntWines", "wine spend"),
    "spend_fruits": ("MntFruits", "fruit spend"),
    "spend_meat": ("MntMeatProducts", "meat spend"),
    "spend_fish": ("MntFishProducts", "fish spend"),
    "spend_sweets": ("MntSweetProducts", "sweets spend"),
    "spend_gold": ("MntGoldProds", "gold spend"),
    "purchases_web": ("NumWebPurchases", "web purchases"),
    "purchases_catalog": ("NumCatalogPurchases", "catalog purchases"),
    "purchases_store": ("NumStorePurchases", "store purchases"),
    "purchases_deals": ("NumDealsPurchases", "deal purchases"),
    "total_purchases": ("TotalPurchases", "purchases"),
    "web_visits_month": ("NumWebVisitsMonth", "web visits per month"),
    "campaigns_accepted": ("CampaignsAccepted", "past campaigns accepted"),
}
_SPEND_CATEGORIES = dict(
    zip(AMOUNT_COLUMNS, ("wines", "fruits", "meat", "fish", "sweets", "gold"), strict=True)
)
_CHANNELS = {
    "web": "NumWebPurchases",
    "catalog": "NumCatalogPurchases",
    "store": "NumStorePurchases",
}
_EDUCATION_ORDER = ("Undergraduate", "Graduate", "Postgraduate")


def metric_key(column: str) -> str:
    """Stable snake_case key of a column name: ``"Annual Income (k$)"`` → ``annual_income_k``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(column))
    text = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    return text or "column"


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


def _metric_values(
    frame: pd.DataFrame, derived: pd.DataFrame | None, numeric: dict[str, str]
) -> pd.DataFrame:
    """One float column per metric key, positionally aligned with ``frame``."""
    out = {}
    for key, col in numeric.items():
        source = derived if derived is not None and col in derived.columns else frame
        if col in source.columns:
            out[key] = pd.to_numeric(source[col], errors="coerce").to_numpy(dtype=float)
    return pd.DataFrame(out, index=range(len(frame)))


def _nested(**stats: pd.DataFrame) -> list[dict[str, dict[str, float | None]]]:
    """Per row: ``{column: {stat: value}}`` from equally shaped frames named by their stat."""
    first = next(iter(stats.values()))
    return [
        {c: {name: _num(t.iat[r, j]) for name, t in stats.items()} for j, c in enumerate(first)}
        for r in range(len(first))
    ]


def _metrics(values: pd.DataFrame, labels: np.ndarray, k: int) -> tuple[dict, list[dict]]:
    """Population {key: mean, median, std} and per segment {key: mean, median, index}."""
    pop_mean = values.mean()
    population = _nested(
        mean=pop_mean.to_frame().T,
        median=values.median().to_frame().T,
        std=values.std(ddof=0).to_frame().T,
    )[0]
    grouped = values.groupby(labels)
    mean, median = grouped.mean().reindex(range(k)), grouped.median().reindex(range(k))
    index = 100 * mean / pop_mean.where(pop_mean > 0)
    return population, _nested(mean=mean, median=median, index=index)


def _shares(table: pd.DataFrame) -> list[dict[str, float | None]]:
    """Row-normalized shares of a (segment × category) table of sums, as dicts."""
    total = table.sum(axis=1)
    shares = table.div(total.where(total > 0), axis=0)
    return [{str(c): _num(v) for c, v in row.items()} for _, row in shares.iterrows()]


def _mix(values: pd.Series, labels: np.ndarray, k: int, order: Sequence[str] = ()) -> tuple:
    """Population and per-segment shares of each level of a categorical column."""
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


def _channel_mixes(sums: pd.DataFrame) -> list[dict[str, float | None]]:
    """Share of web / catalog / store purchases, and deal purchases per purchase."""
    total = sums[list(_CHANNELS)].sum(axis=1)
    share = sums.div(total.where(total > 0), axis=0)
    return [{c: _num(v) for c, v in row.items()} for _, row in share.iterrows()]


def _campaigns(accepted: pd.DataFrame, labels: np.ndarray, k: int) -> list[dict[str, dict]]:
    """Acceptance rate and Wilson 95% interval of each past campaign and of any of them."""
    accepted = accepted.copy()
    accepted["any_past"] = (accepted.fillna(0).sum(axis=1) > 0).astype(float)
    hits = _sums(accepted.fillna(0), labels, k).to_numpy()
    n = _sums(accepted.notna().astype(float), labels, k).to_numpy()
    low, high = wilson_interval(hits, n)
    rate = hits / np.where(n > 0, n, np.nan)
    table = {"rate": rate, "ci_low": low, "ci_high": high}
    return _nested(**{k: pd.DataFrame(v, columns=accepted.columns) for k, v in table.items()})


def _reference_extras(
    frame: pd.DataFrame, derived: pd.DataFrame, labels: np.ndarray, k: int
) -> list[dict[str, Any]]:
    """Spend mix, channel mix, household mixes and past campaigns; item 0 is the population,
    item 1 + s segment s."""
    amounts = frame[list(AMOUNT_COLUMNS)].astype(float).rename(columns=_SPEND_CATEGORIES)
    channels = pd.DataFrame(
        {name: frame[col].astype(float) for name, col in _CHANNELS.items()}
    ).assign(deals=frame["NumDealsPurchases"].astype(float))
    accepted = frame[list(CAMPAIGN_COLUMNS)].astype(float)
    accepted.columns = [f"cmp{c[-1]}" for c in CAMPAIGN_COLUMNS]
    out = [
        {"spend_mix": spend, "channel_mix": channel, "mix": {}, "campaigns": campaigns}
        for spend, channel, campaigns in zip(
            _shares(_sums(amounts, labels, k)),
            _channel_mixes(_sums(channels, labels, k)),
            _campaigns(accepted, labels, k),
            strict=True,
        )
    ]
    status = frame["Marital_Status"]
    marital = status.where(status.isin(MARITAL_STATUSES) | status.isna(), "Other")
    sources = {
        "education": (derived["EducationLevel"], _EDUCATION_ORDER),
        "marital": (marital, (*MARITAL_STATUSES, "Other")),
        "partner": (derived["Partner"], ("Yes", "No")),
    }
    for name, (values, order) in sources.items():
        pop, per_segment = _mix(values, labels, k, order)
        for block, mix in zip(out, [pop, *per_segment], strict=True):
            block["mix"][name] = mix
    return out


def _generic_extras(
    frame: pd.DataFrame, categorical: dict[str, str], labels: np.ndarray, k: int
) -> list[dict[str, Any]]:
    """Mix of each categorical column (no spend, channel or campaign blocks); item 0 is the
    population, item 1 + s segment s."""
    out = [
        {"spend_mix": None, "channel_mix": None, "mix": {}, "campaigns": None} for _ in range(k + 1)
    ]
    for key, col in categorical.items():
        pop, per_segment = _mix(frame[col], labels, k)
        for block, mix in zip(out, [pop, *per_segment], strict=True):
            block["mix"][key] = mix
    return out


def _response(frame: pd.DataFrame, outcome: str, labels: np.ndarray, k: int) -> tuple:
    """Base rate and per-segment held-out response (None where no response is known)."""
    if outcome not in frame.columns:
        return None, [None] * k
    values = pd.to_numeric(frame[outcome], errors="coerce")
    if values.notna().sum() == 0:
        return None, [None] * k
    table = response_by_segment(labels, values)
    out: list[dict | None] = [None] * k
    for s, row in table.iterrows():
        out[int(s)] = {c: _num(row[c]) for c in ("rate", "ci_low", "ci_high", "lift")}
        out[int(s)].update(responders=int(row["responders"]), customers=int(row["customers"]))
    return _num(table.attrs["base_rate"]), out


def _traits(metrics: dict[str, dict], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The ``TOP_TRAITS`` metrics whose index is furthest from 100 (by |log(index/100)|)."""
    scored = []
    for key, figures in metrics.items():
        index = figures["index"]
        if index is None or abs(index - 100) < 1e-6:  # equal to the average, but for rounding
            continue
        scored.append((abs(math.log(max(index, 1.0) / 100)), key, index))
    scored.sort(key=lambda t: (-t[0], t[1]))
    traits = []
    for _, key, index in scored[:TOP_TRAITS]:
        label = labels.get(key, key)
        if index < 1:
            text = f"almost no {label}"
        elif index >= 200:
            text = f"{label} {index / 100:.1f}× average"
        else:
            text = f"{label} {abs(index - 100):.0f}% {'above' if index > 100 else 'below'} average"
        direction = "high" if index > 100 else "low"
        traits.append(
            dict(
                key=f"metrics.{key}.mean", label=label, index=index, direction=direction, text=text
            )
        )
    return traits


def _plan(
    frame: pd.DataFrame, columns: Sequence[str] | None, outcome: str
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Generic table: (metric key -> numeric column, key -> categorical column, key -> label)."""
    chosen = list(columns) if columns is not None else generic_columns(frame)
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise DataError(f"columns not in the table: {', '.join(map(repr, missing))}.")
    numeric: dict[str, str] = {}
    categorical: dict[str, str] = {}
    labels: dict[str, str] = {}
    for col in (c for c in chosen if c not in (outcome, ID_COLUMN)):
        key = metric_key(col)
        while key in labels:
            key += "_"
        labels[key] = str(col)
        is_number = pd.api.types.is_numeric_dtype(frame[col])
        (numeric if is_number else categorical)[key] = col
    return numeric, categorical, labels


def profile_segments(
    frame: pd.DataFrame,
    labels: np.ndarray,
    *,
    derived: pd.DataFrame | None = None,
    columns: Sequence[str] | None = None,
    outcome: str = "Response",
) -> dict[str, Any]:
    """Profile each segment of ``frame`` (aggregates only; JSON-serializable; no NaN).

    Parameters
    ----------
    frame : the customer table as loaded.
    labels : the segment (0..k-1) of each row, in row order.
    derived : ``segmenter.features_.derive(frame)`` for a reference-schema table. When it
        and ``columns`` are both None and the table has the reference schema, the derived
        columns are computed at the latest enrolment date (as `FeatureBuilder` does). A table
        without the reference schema is profiled as a generic one.
    columns : for a generic table, the columns clustered on (default: `generic_columns`).
    outcome : the held-out outcome column; reported per segment, never used to fit or name.

    Returns
    -------
    dict with ``schema``, ``n_customers``, ``n_segments``, ``base_rate`` (held-out outcome
    rate of all rows with one), ``labels`` (metric or mix key -> human label), ``population``
    (``metrics`` with mean / median / std, ``mix``; for the reference schema also
    ``spend_mix``, ``channel_mix``, ``campaigns``) and ``segments`` (one dict per segment:
    id, size, share, metrics, spend_mix, channel_mix, mix, campaigns, response, traits,
    small; the reference-only blocks are None for a generic table).
    """
    labels, k = _check(frame, labels)
    n = len(frame)
    if derived is None and columns is None and is_reference_schema(list(frame.columns)):
        derived = derive_columns(frame, reference_date(frame))
    reference = derived is not None and columns is None
    reference = reference and is_reference_schema(list(frame.columns))
    if derived is not None and len(derived) != n:
        raise DataError(f"derived has {len(derived)} rows but the table has {n}.")
    if reference:
        numeric = {key: col for key, (col, _) in REFERENCE_METRICS.items()}
        names = {key: label for key, (_, label) in REFERENCE_METRICS.items()}
        pop_extra, *extras = _reference_extras(frame, derived, labels, k)
    else:
        numeric, categorical, names = _plan(frame, columns, outcome)
        pop_extra, *extras = _generic_extras(frame, categorical, labels, k)

    values = _metric_values(frame, derived if reference else None, numeric)
    pop_metrics, seg_metrics = _metrics(values, labels, k)
    sizes = np.bincount(labels, minlength=k)
    base_rate, responses = _response(frame, outcome, labels, k)
    segments = [
        {
            "id": s,
            "size": int(sizes[s]),
            "share": float(sizes[s] / n),
            "metrics": seg_metrics[s],
            **{key: extras[s][key] for key in ("spend_mix", "channel_mix", "mix", "campaigns")},
            "response": responses[s],
            "traits": _traits(seg_metrics[s], names),
            "small": bool(sizes[s] < SMALL_SEGMENT),
        }
        for s in range(k)
    ]
    return {
        "schema": "reference" if reference else "generic",
        "n_customers": int(n),
        "n_segments": int(k),
        "base_rate": base_rate,
        "labels": names,
        "population": {"metrics": pop_metrics, **pop_extra},
        "segments": segments,
    }
