"""One persona's card, as the report and the app show it: who wrote it, key figures against
the average with index bars, the mixes beside all customers', the write-up and its campaign
ideas with their expected response. Everything shown comes from the profile and the write-up;
text from the user's data or a model goes through the format's escaping function ``t``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup

from assistant.personas import PersonaResult
from assistant.personas.writeup import LIST_FIELDS
from assistant.report import charts
from assistant.text import plain_text
from segmentation import formats
from segmentation.errors import DataError
from segmentation.profile import SMALL_SEGMENT, Profile, Rate, SegmentProfile

__all__ = ["Text", "persona_card", "rate_text"]

LIST_TITLES = {"messaging_do": "Messaging: do", "messaging_dont": "Messaging: don't"}
BASES = {"response": "the last campaign's response", "campaigns.any_past": "any past campaign"}

Text = Callable[[object], str]


def rate_text(block: Rate | dict[str, Any] | None) -> str | None:
    """'5.2% (95% interval 3.6–7.4%)', or None without a rate."""
    if block is None:
        return None
    get = block.get if isinstance(block, dict) else lambda k: getattr(block, k, None)
    if get("rate") is None:
        return None
    text = formats.percent(get("rate"))
    if get("ci_low") is not None and get("ci_high") is not None:
        low, high = formats.percent(get("ci_low")), formats.percent(get("ci_high"))
        text += f" (95% interval {low}–{high})"
    return text


def _basis(key: str | None) -> str:
    """What an expected response rests on, in words: 'campaigns.cmp3' → 'acceptance of ...'."""
    if key and (match := re.fullmatch(r"campaigns\.cmp(\d)", key)):
        return f"acceptance of past campaign {match.group(1)}"
    return BASES.get(str(key), str(key))


def _figure(
    label: str, value: str, average: str, index: float | None, t: Text, note: str = ""
) -> dict[str, Any]:
    return {
        "label": t(label),
        "value": value,
        "average": average,
        "index": "–" if index is None else formats.index(index),
        "note": note,
        "svg": Markup(charts.index_bar(index, title=f"{plain_text(label)}, index")),
        "text_bar": charts.text_bar(index),
    }


def _figures(profile: Profile, seg: SegmentProfile, t: Text) -> list[dict[str, Any]]:
    """Key figures of a segment with their population average and index: the catalog's key
    figures, or every metric of a table without that set."""
    catalog = profile.catalog
    keys = catalog.keys_for("key_figures") or [m.key for m in catalog.metrics]
    rows = []
    for key in keys:
        if key in seg.metrics:
            measure = catalog.measure(key)
            shown = measure.title or profile.labels.get(key, key)
            figures, average = seg.metrics[key], profile.population.metrics.get(key)
            rows.append(
                _figure(
                    shown,
                    formats.figure(figures.mean),
                    formats.figure(average.mean if average else None),
                    figures.index,
                    t,
                )
            )
    response, base = seg.response, profile.base_rate
    if response is not None and response.rate is not None:
        lift = response.lift
        rows.append(
            _figure(
                "Response to the last campaign (held out)",
                str(rate_text(response)),
                "–" if base is None else formats.percent(base),
                None if lift is None else lift * 100,
                t,
                "" if lift is None else f"lift {formats.lift(lift)}",
            )
        )
    return rows


def _mix(
    title: str, seg: dict | None, pop: dict | None, keys: Sequence[str] | None, t: Text
) -> dict[str, Any] | None:
    """A mix of the segment beside all customers': chart, table rows and categories."""
    if not seg:
        return None
    pop = pop or {}
    keys = [k for k in (keys or list(seg)) if k in seg or k in pop]
    rows = [
        ("This persona", {k: seg.get(k) for k in keys}),
        ("All customers", {k: pop.get(k) for k in keys}),
    ]
    chart_rows = [(label, {plain_text(k): v for k, v in shares.items()}) for label, shares in rows]
    return {
        "title": t(title),
        "svg": Markup(
            charts.stacked_bar(chart_rows, title=plain_text(title), width=460, label_width=100)
        ),
        "categories": [t(k) for k in keys],
        "rows": [
            (label, ["–" if v is None else formats.percent(v, 0) for v in shares.values()])
            for label, shares in rows
        ],
        "note": "",
    }


def _mixes(profile: Profile, seg: SegmentProfile, t: Text) -> list[dict[str, Any]]:
    """The catalog's mixes (spend, channels) beside all customers', or, for a table without
    them, the mix of each categorical column."""
    pop, catalog = profile.population, profile.catalog
    if not catalog.mixes:
        mixes = [
            _mix(f"{profile.labels.get(key, key)} mix", mix, pop.mix.get(key), None, t)
            for key, mix in seg.mix.items()
        ]
        return [m for m in mixes if m is not None]
    out = []
    for mix in catalog.mixes:
        own, everyone = getattr(seg, mix.key, None), getattr(pop, mix.key, None)
        card = _mix(mix.label, own, everyone, mix.keys, t)
        if card is None:
            continue
        for extra in mix.extra:
            share, all_share = ((block or {}).get(extra.key) for block in (own, everyone))
            if share is not None:
                card["note"] = f"{formats.percent(share, 0)} of {mix.of} used a deal" + (
                    ""
                    if all_share is None
                    else f" (all customers: {formats.percent(all_share, 0)})"
                )
        out.append(card)
    return out


def _ideas(result: PersonaResult, t: Text) -> list[dict[str, Any]]:
    out = []
    for i, idea in enumerate(result.writeup.campaign_ideas):
        expected = result.expected[i] if i < len(result.expected) else None
        rate = rate_text(expected)
        shown = {key: t(getattr(idea, key)) for key in ("title", "channel", "offer", "rationale")}
        shown["evidence"] = [t(key) for key in idea.evidence]
        shown["expected"] = (
            t(f"{rate}, based on {_basis(expected.get('basis'))}")
            if rate is not None and expected is not None
            else "no outcome in the data"
        )
        out.append(shown)
    return out


def persona_card(profile: Profile, result: PersonaResult, t: Text) -> dict[str, Any]:
    """Everything one persona's card shows, with text escaped by ``t``."""
    try:
        seg = profile.segment(result.segment)
    except KeyError:
        raise DataError(
            f"persona {result.name!r} is for segment {result.segment}, which the bundle does "
            f"not have (segments 0..{len(profile.segments) - 1}); write the personas again."
        ) from None
    w = result.writeup
    return {
        "id": seg.id,
        "name": t(result.name),
        "tagline": t(w.tagline),
        "made_by": t(result.made_by),
        "prompt_version": t(result.prompt_version),
        "created_at": t(result.created_at),
        "cached": result.cached,
        "note": t(result.note) if result.note else None,
        "verified": result.verified,
        "small": seg.small or seg.size < SMALL_SEGMENT,
        "size": formats.count(seg.size),
        "share": formats.percent(seg.share),
        "summary": t(w.summary),
        "figures": _figures(profile, seg, t),
        "mixes": _mixes(profile, seg, t),
        "lists": [
            (
                LIST_TITLES.get(key, key.replace("_", " ").capitalize()),
                [t(x) for x in getattr(w, key)],
            )
            for key in LIST_FIELDS
        ],
        "ideas": _ideas(result, t),
    }
