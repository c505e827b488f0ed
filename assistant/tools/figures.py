"""Numbers the chat tools state, recorded as they are written, and the text helpers around them.

`Facts` formats a number for text (by `segmentation.formats`) and records it under a stable
key in one step, so a tool's ``figures`` hold every number its text states (shares as
fractions; index keys end in ``.index`` and lift keys in ``.lift``, the readings
`assistant.personas.verify.FactIndex` knows). `cite` records the statistics behind the
numbers of persona text (taglines, campaign ideas), which the write-ups verified against the
segment's fact sheet.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import ToolInputError
from assistant.personas.facts import MIN_GROUP
from assistant.personas.verify import find_numbers
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.lookup import small
from segmentation import formats
from segmentation.catalog import Measure
from segmentation.profile import SegmentProfile

__all__ = [
    "Facts",
    "cite",
    "evidence",
    "interval",
    "label",
    "markdown_table",
    "seg_key",
    "title",
    "trait_lines",
    "visible",
]


class Facts:
    """Formats numbers for text and records each under its key in ``figures``."""

    def __init__(self) -> None:
        self.figures: dict[str, float] = {}

    def _keep(self, key: str, value: float) -> None:
        self.figures[key] = float(value)

    def num(self, key: str, value: float | None) -> str:
        """A plain number or amount ('64,677', '4.79'); 'n/a' when unknown."""
        if value is None:
            return formats.MISSING
        self._keep(key, value)
        return formats.number(value)

    def count(self, key: str, value: int) -> str:
        """A whole count ('1,500')."""
        self._keep(key, value)
        return formats.count(value)

    def pct(self, key: str, value: float | None) -> str:
        """A share or rate as a percent with one decimal ('21.2%')."""
        if value is None:
            return formats.MISSING
        self._keep(key, value)
        return formats.percent(value)

    def lift(self, key: str, value: float | None) -> str:
        """A lift as a ratio ('1.47×')."""
        if value is None:
            return formats.MISSING
        self._keep(key, value)
        return formats.lift(value)

    def index(self, key: str, value: float | None) -> str:
        """An index, 100 = average ('124')."""
        if value is None:
            return formats.MISSING
        self._keep(key, value)
        return formats.index(value)

    def versus(self, key: str, index: float | None) -> str:
        """An index as words ('24% above average', '2.4× average', 'about average')."""
        if index is None:
            return "average unknown"
        text = formats.versus(index)
        if text != "about average":
            self._keep(key, index)
        return text

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


def label(measure: Measure) -> str:
    """A measure's label as shown (a generic table's labels are its column names)."""
    return clean_label(measure.label)


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


def seg_key(seg: SegmentProfile, *parts: str) -> str:
    """Figure key of a segment statistic: ``segments.<id>.<parts>``."""
    return ".".join(["segments", str(seg.id), *map(str, parts)])


def title(ctx: ChatContext, seg: SegmentProfile) -> str:
    """'Name (segment 2)'."""
    return f"{ctx.name(seg.id)} (segment {seg.id})"


def visible(ctx: ChatContext, seg: SegmentProfile) -> SegmentProfile:
    """The segment, or `ToolInputError` when it is too small for its figures to be shown."""
    if small(seg):
        raise ToolInputError(
            f"{title(ctx, seg)} has fewer than {MIN_GROUP} customers; its figures are withheld "
            "to protect their privacy."
        )
    return seg


def interval(f: Facts, seg: SegmentProfile, path: tuple[str, ...]) -> str:
    """A rate with its 95% interval: '7.5% (95% CI 5.1% to 11.0%)'."""
    rate = f.pct(seg_key(seg, *path, "rate"), seg.figure((*path, "rate")))
    low, high = seg.figure((*path, "ci_low")), seg.figure((*path, "ci_high"))
    if low is None or high is None:
        return rate
    low_text = f.pct(seg_key(seg, *path, "ci_low"), max(low, 0.0))
    high_text = f.pct(seg_key(seg, *path, "ci_high"), high)
    return f"{rate} (95% CI {low_text} to {high_text})"


def evidence(f: Facts, seg: SegmentProfile, key: str) -> str:
    """An evidence key of a campaign idea with its value: 'channel_mix.web = 34.6%'."""
    key = re.sub(r"[^0-9A-Za-z_.]+", "", key)[:80]  # a statistics key, nothing else
    parts = tuple(key.split("."))
    if seg.figure((*parts, "rate")) is not None:
        return f"{key} = {f.pct(seg_key(seg, *parts, 'rate'), seg.figure((*parts, 'rate')))}"
    node = seg.figure(parts)
    if node is None:
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


def trait_lines(ctx: ChatContext, seg: SegmentProfile, f: Facts) -> list[str]:
    """The segment's top traits in words ('wine spend 75% above average')."""
    out = []
    for trait in seg.traits:
        parts = trait.key.split(".")
        if len(parts) < 2:
            continue
        name = clean_label(trait.label or parts[1])
        if trait.index < 1:
            out.append(f"almost no {name}")
        else:
            out.append(
                f"{name} {f.versus(seg_key(seg, 'metrics', parts[1], 'index'), trait.index)}"
            )
    return out


def _statistic(ctx: ChatContext, seg: SegmentProfile, key: str) -> tuple[str, float] | None:
    """(figure key, profile value) of a fact-sheet key; None for the segment's id."""
    parts = key.split(".")
    if parts[0] == "segment":
        field = {"customers": "size", "share": "share"}.get(parts[-1])
        return (seg_key(seg, field), float(getattr(seg, field))) if field else None
    if parts[0] == "population":
        if parts[-1] == "customers":
            return "population.customers", float(ctx.profile.n_customers)
        rate = ctx.profile.base_rate
        return ("population.response.rate", rate) if rate is not None else None
    value = seg.figure(tuple(parts))
    return (seg_key(seg, *parts), value) if value is not None else None


def cite(ctx: ChatContext, seg: SegmentProfile, text: str | None, f: Facts) -> str | None:
    """Persona text cleaned of markup and links, after recording in ``f`` the statistics
    that verify its numbers. A number no statistic verifies is not recorded (so a checker
    flags it)."""
    if not text:
        return text
    text = clean_label(text, 600)
    index = ctx.fact_indexes[seg.id]
    for mention in find_numbers(text, ignore=ctx.literals):
        for key in index.sources(mention):
            found = _statistic(ctx, seg, key)
            if found is not None:
                figure_key, value = found
                f.figures[figure_key] = float(value)
            elif key.split(".")[0] not in ("segment", "population"):
                f.figures[seg_key(seg, *key.split("."))] = index.facts[key]
    return text
