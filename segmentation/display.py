"""Plain-text views of a model for terminals: the persona table and the quality line."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .profile import profile_table

__all__ = ["persona_table_text", "quality_line"]

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

    def fmt(key: str, spec: str) -> str:
        value = metrics.get(key)
        return "n/a" if value is None else format(value, spec)

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
