"""Charts of the persona report: pure functions returning inline SVG (or text) strings.

Every function escapes the labels it is given, so its output can be placed in an HTML page
as-is. The SVG is meant to be *inline* in HTML5: it carries no ``xmlns`` attribute (that would
put a URL in a report that must hold none), no script, no link and no external reference, and
it is well-formed XML. Colours are the Okabe-Ito palette (readable with colour-blindness) and
print as they show.

- `bar_chart`: horizontal bars, longest = largest value (segment sizes).
- `stacked_bar`: one or more 100% stacked bars sharing a legend (a spend or channel mix).
- `index_bar`: an index against the average, drawn from a centre line at 100, value labelled.
- `text_bar`: the same index as a Markdown-friendly bar of block characters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

__all__ = ["PALETTE", "bar_chart", "index_bar", "stacked_bar", "text_bar"]

PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)
ABOVE, BELOW, GRID, INK, MUTED = "#0072B2", "#D55E00", "#9a9a9a", "#222222", "#666666"
CHAR_WIDTH = 7.0  # average width of a 12px sans-serif character, to shorten long labels
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _e(text: object) -> str:
    """Text escaped for an SVG/HTML text node or a double-quoted attribute."""
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate with at most 2 decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _fit(text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to about ``width`` pixels."""
    room = max(3, int(width / CHAR_WIDTH))
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _svg(width: float, height: float, title: str, body: list[str], kind: str) -> str:
    return (
        f'<svg class="chart {kind}" viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" '
        f'height="{_n(height)}" role="img" aria-label="{_e(title)}" font-size="12">'
        f"<title>{_e(title)}</title>{''.join(body)}</svg>"
    )


def _finite(value: float | None) -> float | None:
    return float(value) if value is not None and math.isfinite(float(value)) else None


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    value_labels: Sequence[str] | None = None,
    title: str = "",
    width: float = 640,
    label_width: float = 240,
    value_width: float = 110,
    bar_height: float = 20,
    gap: float = 8,
) -> str:
    """Horizontal bars, one per label; the largest value spans the track.

    The track is ``width - label_width - value_width`` pixels; a bar is
    ``value / max(values) * track`` long (negative or missing values draw no bar). Labels
    longer than ``label_width`` are shortened (the full text is in the bar's tooltip).
    """
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels for {len(values)} values.")
    shown = list(value_labels) if value_labels is not None else [f"{v:,.0f}" for v in values]
    track = width - label_width - value_width
    if track <= 0:
        raise ValueError(f"width={width} leaves no room for bars after the labels.")
    finite = [max(0.0, _finite(v) or 0.0) for v in values]
    top = max(finite, default=0.0)
    height = len(labels) * (bar_height + gap) + gap
    body = []
    for i, (label, value, text) in enumerate(zip(labels, finite, shown, strict=True)):
        y = gap + i * (bar_height + gap)
        length = value / top * track if top > 0 else 0.0
        mid = y + bar_height / 2 + 4
        body.append(
            f'<text x="{_n(label_width - 8)}" y="{_n(mid)}" text-anchor="end" fill="{INK}">'
            f"{_e(_fit(str(label), label_width - 8))}</text>"
            f'<rect class="bar" x="{_n(label_width)}" y="{_n(y)}" width="{_n(length)}" '
            f'height="{_n(bar_height)}" fill="{PALETTE[i % len(PALETTE)]}">'
            f"<title>{_e(label)}: {_e(text)}</title></rect>"
            f'<text x="{_n(label_width + length + 6)}" y="{_n(mid)}" fill="{INK}">'
            f"{_e(text)}</text>"
        )
    return _svg(width, height, title, body, "bar-chart")


def stacked_bar(
    rows: Sequence[tuple[str, Mapping[str, float | None]]],
    *,
    title: str = "",
    width: float = 640,
    label_width: float = 120,
    bar_height: float = 22,
    gap: float = 8,
) -> str:
    """100% stacked bars: one per ``(label, {category: share})`` row, with a shared legend.

    Each row is scaled to its own total (missing shares count as 0), so its parts span the
    ``width - label_width`` track exactly; a category keeps its colour across rows. A part
    wide enough carries its percentage. A row with nothing to show says "no data".
    """
    categories: list[str] = []
    for _, shares in rows:
        categories += [str(c) for c in shares if str(c) not in categories]
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}
    track = width - label_width
    if track <= 0:
        raise ValueError(f"width={width} leaves no room for bars after the labels.")
    body = []
    for i, (label, shares) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        mid = y + bar_height / 2 + 4
        body.append(
            f'<text x="{_n(label_width - 8)}" y="{_n(mid)}" text-anchor="end" fill="{INK}">'
            f"{_e(_fit(str(label), label_width - 8))}</text>"
        )
        values = {str(c): max(0.0, _finite(v) or 0.0) for c, v in shares.items()}
        total = sum(values.values())
        if total <= 0:
            body.append(f'<text x="{_n(label_width)}" y="{_n(mid)}" fill="{MUTED}">no data</text>')
            continue
        x = label_width
        for category, value in values.items():
            part = value / total * track
            if part <= 0:
                continue
            share = f"{value / total:.0%}"
            body.append(
                f'<rect class="part" x="{_n(x)}" y="{_n(y)}" width="{_n(part)}" '
                f'height="{_n(bar_height)}" fill="{colour[category]}">'
                f"<title>{_e(label)} · {_e(category)}: {share}</title></rect>"
            )
            if part >= 30:
                body.append(
                    f'<text x="{_n(x + part / 2)}" y="{_n(mid)}" text-anchor="middle" '
                    f'fill="#ffffff" font-size="11">{share}</text>'
                )
            x += part
    y = gap + len(rows) * (bar_height + gap)
    x = label_width
    for category in categories:  # legend, wrapped onto new lines as needed
        item = 14 + CHAR_WIDTH * len(_fit(category, 160)) + 10
        if x + item > width and x > label_width:
            x, y = label_width, y + 18
        body.append(
            f'<rect class="swatch" x="{_n(x)}" y="{_n(y + 1)}" width="10" height="10" '
            f'fill="{colour[category]}"/>'
            f'<text x="{_n(x + 14)}" y="{_n(y + 10)}" fill="{INK}">{_e(_fit(category, 160))}</text>'
        )
        x += item
    return _svg(width, y + 18, title, body, "stacked-bar")


def index_bar(
    index: float | None,
    *,
    title: str = "",
    width: float = 200,
    height: float = 16,
    limit: float = 200,
    label_width: float = 48,
) -> str:
    """An index (100 = the average) as a bar from a centre line at 100, value labelled.

    The track is ``width`` pixels for indexes 0..``limit``: an index ``i`` ends at
    ``min(i, limit) / limit * width`` and the bar runs from there to the 100 line (above the
    average to the right, in blue; below to the left, in orange). An index beyond ``limit``
    is drawn to the edge (class ``clipped``); the label always shows the true value.
    """
    if limit <= 100:
        raise ValueError(f"limit={limit} must be above 100 (the centre line).")
    value = _finite(index)
    centre = 100 / limit * width
    total = width + label_width
    body = [
        f'<rect class="track" x="0" y="{_n(height * 0.2)}" width="{_n(width)}" '
        f'height="{_n(height * 0.6)}" fill="#eeeeee"/>'
    ]
    if value is None:
        label = "n/a"
    else:
        end = min(max(value, 0.0), limit) / limit * width
        clipped = " clipped" if value > limit else ""
        x, length = min(end, centre), abs(end - centre)
        fill = ABOVE if value >= 100 else BELOW
        body.append(
            f'<rect class="bar{clipped}" x="{_n(x)}" y="{_n(height * 0.2)}" width="{_n(length)}" '
            f'height="{_n(height * 0.6)}" fill="{fill}"/>'
        )
        label = f"{value:,.0f}"
    body.append(
        f'<line class="centre" x1="{_n(centre)}" y1="0" x2="{_n(centre)}" y2="{_n(height)}" '
        f'stroke="{INK}" stroke-width="1"/>'
        f'<text x="{_n(width + 6)}" y="{_n(height / 2 + 4)}" fill="{INK}">{_e(label)}</text>'
    )
    name = title or "index vs average (100)"
    return _svg(total, height, f"{name}: {label}", body, "index-bar")


def text_bar(index: float | None, *, per_block: float = 25, max_blocks: int = 8) -> str:
    """An index as block characters, one █ per ``per_block`` points (eighths for the rest):
    100 → ``████``, 112.5 → ``████▌``; capped at ``max_blocks`` blocks (then ``▸`` is added).
    Missing → ``""``."""
    value = _finite(index)
    if value is None:
        return ""
    eighths = round(min(max(value, 0.0), per_block * max_blocks) / per_block * 8)
    bar = "█" * (eighths // 8) + _EIGHTHS[eighths % 8].strip()
    return bar + ("▸" if value > per_block * max_blocks else "")
