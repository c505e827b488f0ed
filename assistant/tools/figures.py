"""Numbers the chat tools state, recorded as they are written.

`Facts` formats a number for text and records it under a stable key in one step, so a tool's
``figures`` hold every number its text states (shares as fractions; index keys end in
``.index`` and lift keys in ``.lift``, the readings `assistant.personas.verify.FactIndex` knows).
`cite` records the statistics behind the numbers of persona text (taglines, campaign ideas),
which the narratives verified against the segment's fact sheet.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.personas.fact_paths import dig
from assistant.personas.facts import MIN_GROUP, clean_label, fact_sheet
from assistant.personas.verify import FactIndex, find_numbers
from assistant.personas.write import PersonaResult, write_personas
from assistant.tools.lookup import ChatContext, small

__all__ = [
    "Facts",
    "cite",
    "evidence",
    "interval",
    "markdown_table",
    "persona_for",
    "plain",
    "seg_key",
    "title",
    "trait_lines",
    "visible",
]


def plain(value: float) -> str:
    """A number as a person reads it: whole with separators from 100, else 1-2 decimals."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


class Facts:
    """Formats numbers for text and records each under its key in ``figures``."""

    def __init__(self) -> None:
        self.figures: dict[str, float] = {}

    def _keep(self, key: str, value: float) -> None:
        self.figures[key] = float(value)

    def num(self, key: str, value: float | None) -> str:
        """A plain number or amount ('64,677', '4.79'); 'n/a' when unknown."""
        if value is None:
            return "n/a"
        self._keep(key, value)
        return plain(value)

    def count(self, key: str, value: int) -> str:
        """A whole count ('1,500')."""
        self._keep(key, value)
        return f"{value:,}"

    def pct(self, key: str, value: float | None) -> str:
        """A share or rate as a percent with one decimal ('21.2%')."""
        if value is None:
            return "n/a"
        self._keep(key, value)
        return f"{100 * value:.1f}%"

    def lift(self, key: str, value: float | None) -> str:
        """A lift as a ratio ('1.47×')."""
        if value is None:
            return "n/a"
        self._keep(key, value)
        return f"{value:.2f}×"

    def index(self, key: str, value: float | None) -> str:
        """An index, 100 = average ('124')."""
        if value is None:
            return "n/a"
        self._keep(key, value)
        return f"{value:.0f}"

    def versus(self, key: str, index: float | None) -> str:
        """An index as words ('24% above average', '2.4× average', 'about average')."""
        if index is None:
            return "average unknown"
        if abs(index - 100) < 1:
            return "about average"
        self._keep(key, index)
        if index >= 200:
            return f"{index / 100:.1f}× average"
        return f"{abs(index - 100):.0f}% {'above' if index > 100 else 'below'} average"

    def value(self, key: str, value: float | None, unit: str) -> str:
        """A figure in its unit's format."""
        if unit == "share":
            return self.pct(key, value)
        if unit == "lift":
            return self.lift(key, value)
        return self.num(key, value)

    def average_index(self) -> str:
        """'100', the index of the average (a stated figure too)."""
        self._keep("index.average", 100)
        return "100"

    def fewer(self) -> str:
        """'fewer than 11' (the threshold is a stated figure too)."""
        self._keep("privacy.min_group", MIN_GROUP)
        return f"fewer than {MIN_GROUP}"


def markdown_table(columns: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table of already formatted cells ('|' in a cell is escaped)."""

    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|")

    lines = [
        "| " + " | ".join(map(cell, columns)) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    lines += ["| " + " | ".join(map(cell, row)) + " |" for row in rows]
    return "\n".join(lines)


def seg_key(seg: dict[str, Any], *parts: str) -> str:
    """Figure key of a segment statistic: ``segments.<id>.<parts>``."""
    return ".".join(["segments", str(seg["id"]), *map(str, parts)])


def title(ctx: ChatContext, seg: dict[str, Any]) -> str:
    """'Name (segment 2)'."""
    return f"{ctx.name(seg['id'])} (segment {seg['id']})"


def visible(ctx: ChatContext, seg: dict[str, Any]) -> dict[str, Any]:
    """The segment, or `ValueError` when it is too small for its figures to be shown."""
    if small(seg):
        raise ValueError(
            f"{title(ctx, seg)} has fewer than {MIN_GROUP} customers; its figures are withheld "
            "to protect their privacy."
        )
    return seg


def interval(f: Facts, seg: dict[str, Any], path: tuple[str, ...]) -> str:
    """A rate with its 95% interval: '7.5% (95% CI 5.1% to 11.0%)'."""
    node: dict[str, Any] = seg
    for part in path:
        node = node[part]
    rate = f.pct(seg_key(seg, *path, "rate"), node["rate"])
    if node.get("ci_low") is None or node.get("ci_high") is None:
        return rate
    low = f.pct(seg_key(seg, *path, "ci_low"), max(node["ci_low"], 0.0))
    high = f.pct(seg_key(seg, *path, "ci_high"), node["ci_high"])
    return f"{rate} (95% CI {low} to {high})"


def evidence(f: Facts, seg: dict[str, Any], key: str) -> str:
    """An evidence key of a campaign idea with its value: 'channel_mix.web = 34.6%'."""
    key = re.sub(r"[^0-9A-Za-z_.]+", "", key)[:80]  # a statistics key, nothing else
    parts = key.split(".")
    node = dig(seg, parts)
    if isinstance(node, dict) and "rate" in node:
        return f"{key} = {f.pct(seg_key(seg, *parts, 'rate'), node['rate'])}"
    if not isinstance(node, int | float):
        return key
    leaf = parts[-1]
    if leaf == "index":
        return f"{key} = {f.index(seg_key(seg, *parts), node)}"
    if leaf == "lift":
        return f"{key} = {f.lift(seg_key(seg, *parts), node)}"
    if leaf in ("rate", "share", "ci_low", "ci_high") or parts[0] in (
        "spend_mix",
        "channel_mix",
        "mix",
    ):
        return f"{key} = {f.pct(seg_key(seg, *parts), node)}"
    return f"{key} = {f.num(seg_key(seg, *parts), node)}"


def trait_lines(ctx: ChatContext, seg: dict[str, Any], f: Facts) -> list[str]:
    """The segment's top traits in words ('wine spend 75% above average')."""
    out = []
    for trait in seg.get("traits") or []:
        parts = str(trait.get("key", "")).split(".")
        index = trait.get("index")
        if len(parts) < 2 or index is None:
            continue
        label = clean_label(trait.get("label") or parts[1])
        if index < 1:
            out.append(f"almost no {label}")
        else:
            out.append(f"{label} {f.versus(seg_key(seg, 'metrics', parts[1], 'index'), index)}")
    return out


def persona_for(ctx: ChatContext, seg: dict[str, Any]) -> tuple[PersonaResult, bool]:
    """The segment's persona, and whether it was written here by the offline writer (when
    the context has none; kept in ``ctx.memo``)."""
    persona = ctx.persona(seg["id"])
    if persona is not None:
        return persona, False
    key = f"offline_persona:{seg['id']}"
    if key not in ctx.memo:
        ctx.memo[key] = write_personas(ctx.profile, ctx.bundle.names, segments=[seg["id"]])[0]
    return ctx.memo[key], True


def _fact_index(ctx: ChatContext, seg: dict[str, Any]) -> FactIndex:
    key = f"fact_index:{seg['id']}"
    if key not in ctx.memo:
        name = ctx.bundle.names[seg["id"]]
        ctx.memo[key] = FactIndex(fact_sheet(ctx.profile, seg["id"], name, min_group=0))
    return ctx.memo[key]


def _statistic(ctx: ChatContext, seg: dict[str, Any], key: str) -> tuple[str, Any] | None:
    """(figure key, profile value) of a fact-sheet key; None for the segment's id."""
    parts = key.split(".")
    if parts[0] == "segment":
        field = {"customers": "size", "share": "share"}.get(parts[-1])
        return (seg_key(seg, field), seg[field]) if field else None
    if parts[0] == "population":
        if parts[-1] == "customers":
            return "population.customers", ctx.profile["n_customers"]
        return "population.response.rate", ctx.profile.get("base_rate")
    return seg_key(seg, *parts), dig(seg, parts)


def cite(ctx: ChatContext, seg: dict[str, Any], text: str | None, f: Facts) -> str | None:
    """Persona text cleaned of markup and links, after recording in ``f`` the statistics
    that verify its numbers. A number no statistic verifies is not recorded (so a checker
    flags it)."""
    if not text:
        return text
    text = clean_label(text, 600)
    index = _fact_index(ctx, seg)
    for mention in find_numbers(text, ignore=ctx.literals()):
        for key in index.sources(mention):
            found = _statistic(ctx, seg, key)
            if found is not None:
                figure_key, value = found
                value = value if isinstance(value, int | float) else index.facts[key]
                f.figures[figure_key] = float(value)
    return text
