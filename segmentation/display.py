"""Plain-text views of a model for terminals: the persona table and the quality line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from segmentation.profile import _CHANNELS, _SPEND_CATEGORIES

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


def _cell(column: str, value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if column == "share" or column.endswith("_rate"):
        return f"{value:.1%}"
    if column.endswith("_lift"):
        return f"{value:.2f}x"
    if isinstance(value, float):
        money = column.startswith(("income", "total_spend"))
        return f"{value:,.0f}" if money or abs(value) >= 100 else f"{value:.1f}"
    return str(value)


def persona_table_text(profile: dict[str, Any], names: list[str]) -> str:
    """The persona table as aligned text, one line per segment, with a footnote."""
    table = profile_table(profile)
    table.insert(1, "persona", names)
    table = table.drop(
        columns=[
            c for c in ("response_rate", "response_lift") if c in table and table[c].isna().all()
        ]
    )
    shown = pd.DataFrame(
        {_HEADERS.get(c, c.removesuffix("_mean")): [_cell(c, v) for v in table[c]] for c in table}
    )
    text = shown.to_string(index=False)
    if "response_rate" in table and table["response_rate"].notna().any():
        text += (
            "\n* held-out: the last campaign's response (Response) per segment and its lift over "
            "the base rate; Response was never used to fit or choose the model."
        )
    return text


def quality_line(metrics: dict[str, Any], segmenter: Any) -> str:
    """One line of model quality figures, with how k was chosen."""
    chosen = next((r for r in getattr(segmenter, "selection_", []) if r.get("chosen")), None)
    parts = [f"k={segmenter.n_segments_}" + (f" (auto: {chosen['reason']})" if chosen else "")]
    for key, label, spec in (
        ("silhouette", "silhouette", ".3f"),
        ("stability", "stability (bootstrap ARI)", ".2f"),
        ("min_share", "smallest share", ".1%"),
        ("spend_eta2", "spend η²", ".2f"),
    ):
        if metrics.get(key) is not None:
            parts.append(f"{label}={format(metrics[key], spec)}")
    if metrics.get("best_lift") is not None:
        parts.append(
            f"best held-out lift={metrics['best_lift']:.2f}x (base rate {metrics['base_rate']:.1%})"
        )
    return "  ".join(parts)


def _leaning(mix: dict | None, population: dict | None, keys: Sequence[str]) -> str | None:
    """The level whose share is highest relative to the population's (first on a tie)."""
    ratios = {
        c: ((mix or {}).get(c) or 0.0) / population[c] for c in keys if (population or {}).get(c)
    }
    best = max(ratios, key=lambda c: ratios[c], default=None)  # first of equals wins
    return best if best is not None and ratios[best] > 0 else None


def profile_table(profile: dict[str, Any]) -> pd.DataFrame:
    """One row per segment: the persona table the CLI prints (the caller adds names).

    Reference schema: id, size, share, the means of income, age, children and total spend,
    the top spend category and top channel (the ones whose share of the segment's spend /
    purchases is highest relative to the population's: wine and the store lead in every
    segment, so the plain largest share would say nothing), the share who accepted any past
    campaign, and the held-out response rate and lift. Generic tables: id, size, share, the
    mean of each numeric column, the most frequent level of each categorical column, response
    rate and lift.
    """
    rows = []
    for seg in profile["segments"]:
        row: dict[str, Any] = {"id": seg["id"], "size": seg["size"], "share": seg["share"]}
        if profile["schema"] == "reference":
            for key in ("income", "age", "children", "total_spend"):
                row[f"{key}_mean"] = seg["metrics"].get(key, {}).get("mean")
            pop = profile["population"]
            categories = tuple(_SPEND_CATEGORIES.values())
            row["top_spend_category"] = _leaning(seg["spend_mix"], pop["spend_mix"], categories)
            row["top_channel"] = _leaning(seg["channel_mix"], pop["channel_mix"], tuple(_CHANNELS))
            campaigns = seg["campaigns"] or {}
            row["campaigns_any_past_rate"] = campaigns.get("any_past", {}).get("rate")
        else:
            for key, figures in seg["metrics"].items():
                row[f"{key}_mean"] = figures["mean"]
            for key, mix in seg["mix"].items():
                row[f"{key}_top"] = max(mix, key=lambda c: mix[c] or 0.0) if mix else None
        response = seg["response"] or {}
        row["response_rate"] = response.get("rate")
        row["response_lift"] = response.get("lift")
        rows.append(row)
    table = pd.DataFrame(rows)
    numeric = [c for c in table.columns if c.endswith(("_mean", "_rate", "_lift"))]
    table[numeric] = table[numeric].astype(float)
    return table
