"""What the app shows, as Markdown and small frames: the header, persona cards, a customer's
assignment, model quality, and chat charts and tables. Pure functions, no UI toolkit.

Text that comes from the user's file or from a model is neutralized before it reaches
Markdown (no links, images, HTML or table syntax): persona cards reuse the report's card
model with its Markdown escaping, other labels go through `privacy.clean_label`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from assistant.personas import PersonaResult
from assistant.report import ALGORITHMS, persona_card
from assistant.text import clean_label, literal_markdown
from segmentation.assign import Assignment
from segmentation.bundle import Bundle
from segmentation.evaluate import quality_rows
from segmentation.profile import Profile

__all__ = [
    "assignment_markdown",
    "chart_frame",
    "header_markdown",
    "membership_frame",
    "persona_markdown",
    "quality_markdown",
    "sizes_frame",
    "table_frame",
]


def _name(text: object) -> str:
    return clean_label(text, 60)


def header_markdown(
    bundle: Bundle, source: str, customers: pd.DataFrame | None, narratives: str, chat: str
) -> str:
    """One line saying which data and model are loaded and who writes the narratives and the
    chat answers ("offline" or a model name). Without the customer rows (a saved bundle
    holds none) the count comes from the profile, and the line says the rows are absent."""
    seg = bundle.segmenter
    algorithm = ALGORITHMS.get(seg.algorithm, seg.algorithm)
    if customers is not None:
        rows = f"{len(customers):,} customers"
    else:
        rows = f"{bundle.profile.n_customers:,} customers; rows not loaded"
    return (
        f"**Data:** {_name(source)}, {rows} · **Model:** {algorithm}, "
        f"k = {seg.n_segments_}, {seg.feature_set} features · **Personas written by:** "
        f"{_name(narratives)} · **Chat:** {_name(chat)}"
    )


def persona_markdown(profile: Profile, result: PersonaResult) -> str:
    """One persona card: name, tagline, who wrote it (and any warning), key figures with
    index bars, spend and channel mix, the write-up and campaign ideas with their evidence
    and expected response."""
    card = persona_card(profile, result, literal_markdown)
    lines = [
        f"### {card['name']}",
        f"*{card['tagline']}*",
        "",
        f"Segment {card['id']} · {card['size']} customers ({card['share']}) · written by "
        f"{card['made_by']} · "
        + ("checked against the statistics" if card["verified"] else "**UNVERIFIED**"),
    ]
    if not card["verified"]:
        lines += ["", "> ⚠️ **Unverified write-up**: do not quote it as fact; the key figures "
                  "come straight from the data."]  # fmt: skip
    if card["note"]:
        lines += ["", f"> **Notice:** {card['note']}"]
    if card["small"]:
        lines += ["", "> **Small segment:** its figures describe very few customers."]
    lines += ["", "| Key figure | This persona (average) | Index (████ = 100) |", "|---|---|---|"]
    for f in card["figures"]:
        extra = f" · {f['note']}" if f["note"] else ""
        lines.append(
            f"| {f['label']} | {f['value']} ({f['average']}) | "
            f"`{f['text_bar'] or ' '}` {f['index']}{extra} |"
        )
    for mix in card["mixes"]:
        persona, everyone = (dict(zip(mix["categories"], v, strict=True)) for _, v in mix["rows"])
        parts = [f"{k} {persona[k]} ({everyone[k]})" for k in mix["categories"]]
        note = f" — {mix['note']}" if mix["note"] else ""
        lines += ["", f"**{mix['title']}** (all customers): " + " · ".join(parts) + note]
    lines += ["", card["summary"]]
    for title, items in card["lists"]:
        lines += ["", f"**{title}:** " + "; ".join(items)]
    lines += ["", "**Campaign ideas**"]
    for i, idea in enumerate(card["ideas"], start=1):
        lines += [
            f"{i}. **{idea['title']}** ({idea['channel']}): {idea['offer']}. "
            f"*Why:* {idea['rationale']}",
            f"   - Evidence: {', '.join(idea['evidence'])} · Expected response: {idea['expected']}",
        ]
    return "\n".join(lines)


def sizes_frame(bundle: Bundle) -> pd.DataFrame:
    """Customers per persona (``persona``, ``customers``), in segment order."""
    segments = bundle.profile.segments
    return pd.DataFrame(
        {
            "persona": [_name(bundle.names[s.id]) for s in segments],
            "customers": [float(s.size) for s in segments],
        }
    )


def membership_frame(bundle: Bundle, assignment: Assignment) -> pd.DataFrame:
    """Membership probability per persona (``persona``, ``membership`` in %)."""
    values = list(assignment.membership.values())
    return pd.DataFrame(
        {
            "persona": [_name(n) for n in bundle.names],
            "membership": [round(100 * v, 1) for v in values],
        }
    )


def assignment_markdown(
    bundle: Bundle, assignment: Assignment, personas: Sequence[PersonaResult]
) -> tuple[str, str]:
    """(persona card, reasons) of one customer's assignment, as Markdown."""
    name = _name(assignment.name)
    p = assignment.membership.get(assignment.name, 0.0)
    seg = bundle.profile.segments[assignment.segment]
    card = [f"### {name}", f"Segment {assignment.segment} · {p:.0%} membership · "
            f"{seg.size:,} customers like this ({seg.share:.1%})"]  # fmt: skip
    persona = next((r for r in personas if r.segment == assignment.segment), None)
    if persona is not None:
        w = persona.writeup
        card += ["", f"*{literal_markdown(w.tagline)}*", "", literal_markdown(w.summary)]
        if w.campaign_ideas:
            idea = w.campaign_ideas[0]
            title, channel = literal_markdown(idea.title), literal_markdown(idea.channel)
            card += ["", f"**Try:** {title} ({channel})"]
    reasons = ["**Why this persona**", ""]
    reasons += [f"- {clean_label(r, 300)}" for r in assignment.reasons] or ["- (no reasons)"]
    if assignment.imputed:
        note = assignment.given_note
        reasons += ["", "Not given, so the typical value was used: "
                    + ", ".join(_name(c) for c in assignment.imputed),
                    f"*{note[:1].upper()}{note[1:]}.*"]  # fmt: skip
    return "\n".join(card), "\n".join(reasons)


def quality_markdown(bundle: Bundle) -> str:
    """Model quality figures with what they mean, from the bundle's metrics."""
    metrics = (bundle.manifest or {}).get("metrics") or {}
    lines = ["| Figure | Value | What it says |", "|---|---:|---|"]
    for label, shown, meaning in quality_rows(metrics):
        lines.append(f"| {label[:1].upper() + label[1:]} | {shown} | {meaning} |")
    if isinstance(metrics.get("best_lift"), int | float):
        lines.append(
            f"| Held-out lift | {metrics['best_lift']:.2f}× | response to the last campaign "
            f"of the best segment over the base rate {metrics.get('base_rate', 0):.1%} "
            "(Response was never used to fit the model) |"
        )
    if len(lines) == 2:
        return "No quality figures were recorded with this model."
    return "\n".join(lines)


def chart_frame(chart: dict[str, Any]) -> pd.DataFrame:
    """A chat chart as a frame (``label``, ``value``); shares become percentages."""
    scale = 100.0 if chart.get("unit") == "share" else 1.0
    values = [None if v is None else round(float(v) * scale, 2) for v in chart["values"]]
    return pd.DataFrame({"label": [_name(x) for x in chart["labels"]], "value": values})


def table_frame(table: dict[str, Any]) -> pd.DataFrame:
    """A chat table as a frame (every cell as text, names cleaned)."""
    columns = [_name(c) for c in table["columns"]]
    rows = [["" if v is None else clean_label(v, 80) for v in row] for row in table["rows"]]
    return pd.DataFrame(rows, columns=columns)
