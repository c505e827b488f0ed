"""Plain-text views of a model for terminals: the persona table and the quality line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from segmentation import formats
from segmentation.evaluate import quality_rows
from segmentation.profile import Mix, Profile

__all__ = ["persona_table_text", "profile_table", "quality_line"]

_HEADERS = {
    "id": "id",
    "persona": "persona",
    "size": "customers",
    "share": "share",
    "income_mean": "income",
    "age_mean": "age",
    "children_mean": "kids",
    "total_spend_mean": "spend 2y",
    "top_spend_category": "leans to",
    "top_channel": "channel",
    "campaigns_any_past_rate": "past cmp",
    "response_rate": "response*",
    "response_lift": "lift*",
}


def _cell(column: str, value: Any, money: set[str]) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if column == "share" or column.endswith("_rate"):
        return formats.percent(value)
    if column.endswith("_lift"):
        return formats.lift(value, mark="x")
    if isinstance(value, float):
        return formats.cell(value, whole=column in money)
    return str(value)


def persona_table_text(profile: Profile, names: list[str]) -> str:
    """The persona table as aligned text, one line per segment, with a footnote."""
    table = profile_table(profile)
    table.insert(1, "persona", names)
    table = table.drop(
        columns=[
            c
            for c in ("response_rate", "response_lift", "campaigns_any_past_rate")
            if c in table and table[c].isna().all()
        ]
    )
    money = {f"{m.key}_mean" for m in profile.catalog.metrics if m.unit == "money"}
    shown = pd.DataFrame(
        {_header(profile, c): [_cell(c, v, money) for v in table[c]] for c in table}
    )
    text = shown.to_string(index=False)
    if "response_rate" in table and table["response_rate"].notna().any():
        text += (
            "\n* held-out: the last campaign's response (Response) per segment and its lift over "
            "the base rate; Response was never used to fit or choose the model."
        )
    return text


def _header(profile: Profile, column: str) -> str:
    """A column's header: the short reference names ("spend 2y") for the reference schema's
    metrics; a generic table's metrics by their own column names."""
    if column.endswith("_mean") and profile.schema != "reference":
        key = column.removesuffix("_mean")
        return profile.labels.get(key, key)
    return _HEADERS.get(column, column.removesuffix("_mean"))


def quality_line(metrics: dict[str, Any], segmenter: Any) -> str:
    """One line of model quality figures, with how k was chosen."""
    chosen = next((r for r in getattr(segmenter, "selection_", []) if r.get("chosen")), None)
    parts = [f"k={segmenter.n_segments_}" + (f" (auto: {chosen['reason']})" if chosen else "")]
    parts += [f"{label}={shown}" for label, shown, _ in quality_rows(metrics)]
    if metrics.get("best_lift") is not None:
        parts.append(
            f"best held-out lift={metrics['best_lift']:.2f}x (base rate {metrics['base_rate']:.1%})"
        )
    else:
        parts.append("held-out lift: not available (no Response column)")
    return "  ".join(parts)


def _leaning(mix: Mix | None, population: Mix | None, keys: Sequence[str]) -> str | None:
    """The level whose share is highest relative to the population's (first on a tie)."""
    ratios = {
        c: ((mix or {}).get(c) or 0.0) / population[c] for c in keys if (population or {}).get(c)
    }
    best = max(ratios, key=lambda c: ratios[c], default=None)  # first of equals wins
    return best if best is not None and ratios[best] > 0 else None


_TOP = {"spend": "top_spend_category", "purchases": "top_channel"}


def profile_table(profile: Profile) -> pd.DataFrame:
    """One row per segment: the persona table the CLI prints (the caller adds names).

    id, size, share; the means of the catalog's persona-table metrics (every metric for a
    table without that set); the top part of each mix (the spend category and channel whose
    share of the segment's spend / purchases is highest relative to the population's: wine
    and the store lead in every segment, so the plain largest share would say nothing); the
    share who accepted any past campaign; the most frequent level of each categorical column
    of a generic table; and the held-out response rate and lift.
    """
    catalog, pop = profile.catalog, profile.population
    keys = catalog.keys_for("persona_table") or [m.key for m in catalog.metrics]
    rows = []
    for seg in profile.segments:
        row: dict[str, Any] = {"id": seg.id, "size": seg.size, "share": seg.share}
        for key in keys:
            row[f"{key}_mean"] = seg.mean(key)
        for mix in catalog.mixes:
            column = _TOP.get(mix.of, f"top_{mix.key}")
            row[column] = _leaning(getattr(seg, mix.key), getattr(pop, mix.key), mix.keys)
        if catalog.campaigns:
            row["campaigns_any_past_rate"] = seg.figure(("campaigns", "any_past", "rate"))
        if profile.schema == "generic":
            for key, mix in seg.mix.items():
                row[f"{key}_top"] = max(mix, key=lambda c: mix[c] or 0.0) if mix else None
        response = seg.response
        row["response_rate"] = response.rate if response else None
        row["response_lift"] = response.lift if response else None
        rows.append(row)
    table = pd.DataFrame(rows)
    numeric = [c for c in table.columns if c.endswith(("_mean", "_rate", "_lift"))]
    table[numeric] = table[numeric].astype(float)
    return table
