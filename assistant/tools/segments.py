"""Read-only chat tools over a model bundle, its personas and (for counts) its customers.

Each tool is a plain typed function ``name(ctx: ChatContext, ...) -> ToolResult`` whose
docstring is written for a language model; `assistant.tools.toolkit` derives its JSON schema from
the signature. Tools answer with Markdown text, JSON data, an optional chart or table, and the
``figures`` behind every number the text states. They never return customer rows or IDs,
never state the size of a group of fewer than 11 customers, and answer bad arguments with
``"Error: ..."`` text instead of raising.

This module holds the segment tools and the registry (`TOOLS`, `default_toolkit`); counting is
in `assistant.tools.count`, assigning in `assistant.tools.assign`, what-if in
`assistant.tools.what_if`, campaign ideas, charts and tables in `assistant.tools.views`; names
and metrics are resolved by `assistant.tools.lookup`, and stated numbers recorded by
`assistant.tools.figures`.
"""

from __future__ import annotations

from typing import Any, Literal

from assistant.personas.facts import RATE_KEYS, clean_key, clean_label, small_cell
from assistant.tools.figures import (
    Facts,
    cite,
    interval,
    markdown_table,
    seg_key,
    title,
    trait_lines,
    visible,
)
from assistant.tools.lookup import ChatContext, find_metric, find_segment, pick_metrics, small
from assistant.tools.toolkit import ToolResult, guarded

__all__ = [
    "compare_segments",
    "describe_segment",
    "list_segments",
    "rank_segments",
    "segment_figure",
]

KEY_METRICS = (
    "income", "age", "children", "total_spend", "total_purchases", "web_visits_month",
    "recency_days", "campaigns_accepted",
)  # fmt: skip
COMPARE_METRICS = (
    "income", "age", "children", "total_spend", "spend_wines", "spend_meat", "purchases_web",
    "purchases_store", "web_visits_month", "campaign_any_past", "response_rate", "response_lift",
)  # fmt: skip


@guarded
def list_segments(ctx: ChatContext) -> ToolResult:
    """List every customer segment (persona): its name, number of customers, share of the
    base and a one-line summary. Use it when asked which segments or personas exist."""
    segs, f = ctx.segments, Facts()
    total = f.count("population.customers", ctx.profile["n_customers"])
    lines = [f"**{f.count('population.segments', len(segs))} segments, {total} customers**", ""]
    rows, items = [], []
    for seg in segs:
        i, name = seg["id"], ctx.name(seg["id"])
        if small(seg):
            lines.append(f"- **{name}** (segment {i}): {f.fewer()} customers; figures withheld.")
            rows.append([i, name, None, None, "figures withheld"])
            items.append({"id": i, "name": name, "size": None, "share": None})
            continue
        persona = ctx.persona(i)
        summary = cite(ctx, seg, persona.writeup.tagline, f) if persona else None
        summary = summary or "; ".join(trait_lines(ctx, seg, f)[:2]) or "close to the average"
        size = f.count(seg_key(seg, "size"), seg["size"])
        share = f.pct(seg_key(seg, "share"), seg["share"])
        lines.append(f"- **{name}** (segment {i}): {size} customers ({share}). {summary}")
        rows.append([i, name, size, share, summary])
        items.append(
            {"id": i, "name": name, "size": seg["size"], "share": seg["share"], "summary": summary}
        )
    return ToolResult(
        text="\n".join(lines),
        data={"customers": ctx.profile["n_customers"], "segments": items},
        figures=f.figures,
        table={"columns": ["segment", "name", "customers", "share", "summary"], "rows": rows},
    )


def _mix_line(seg: dict[str, Any], block: str, f: Facts) -> str | None:
    mix = {k: v for k, v in (seg.get(block) or {}).items() if v is not None and k != "deals"}
    if not mix:
        return None
    ordered = sorted(mix.items(), key=lambda kv: -kv[1])
    parts = ", ".join(f"{k} {f.pct(seg_key(seg, block, k), v)}" for k, v in ordered)
    if block == "spend_mix":
        return f"**Spend mix:** {parts} of spend."
    deals = seg[block].get("deals")
    tail = f"; {f.pct(seg_key(seg, block, 'deals'), deals)} used a deal" if deals else ""
    return f"**Channels:** {parts} of purchases{tail}."


def _household(seg: dict[str, Any], f: Facts) -> str | None:
    """Partner share and the most common level of each other mix; a group of fewer than 11
    customers is said so, not given as a share."""
    parts = []
    for name, mix in (seg.get("mix") or {}).items():
        known = {k: v for k, v in (mix or {}).items() if v is not None}
        if not known:
            continue
        level = "Yes" if name == "partner" and "Yes" in known else max(known, key=known.get)
        share = known[level]
        if small_cell(share, seg["size"]):
            shown = f"{f.fewer()} customers"
        else:
            shown = f.pct(seg_key(seg, "mix", name, clean_key(clean_label(level))), share)
        label = clean_label(level)
        parts.append(
            f"{shown} live with a partner"
            if name == "partner"
            else f"{name} mostly {label} ({shown})"
        )
    return f"**Household:** {'; '.join(parts)}." if parts else None


@guarded
def describe_segment(ctx: ChatContext, segment: str) -> ToolResult:
    """Describe one segment: size, key figures against the average, spend and channel mix,
    household, response to the last campaign (with its 95% interval and lift) and top traits.

    Args:
        segment: the segment's number ("2", "segment 2") or name; a misspelt or partial name
            is matched to the closest one.
    """
    seg = visible(ctx, find_segment(ctx, segment))
    i, profile, f = seg["id"], ctx.profile, Facts()
    lines = [f"### {title(ctx, seg)}"]
    persona = ctx.persona(i)
    tagline = cite(ctx, seg, persona.writeup.tagline, f) if persona else None
    if tagline:
        lines.append(f"*{tagline}*")
    size = f.count(seg_key(seg, "size"), seg["size"])
    lines += [f"{size} customers, {f.pct(seg_key(seg, 'share'), seg['share'])} of the base.", ""]
    columns = ["metric", "segment mean", "segment median", "index", "average"]
    rows, metrics = [], {}
    for m in pick_metrics(profile, None, KEY_METRICS, limit=10):
        if not m.stats or m.key not in seg["metrics"]:
            continue
        stats = {s: m.value(seg, s) for s in ("mean", "median", "index")}
        cells = [f.num(seg_key(seg, *m.seg_path(s)), v) for s, v in stats.items()]
        cells[2] = f.index(seg_key(seg, *m.seg_path("index")), stats["index"])
        rows.append([m.label, *cells, f.num(m.population_key(), m.population(profile))])
        metrics[m.key] = {**stats, "average": m.population(profile)}
    lines += [markdown_table(columns, rows), f"(index: {f.average_index()} = average)", ""]
    extras = (_mix_line(seg, "spend_mix", f), _mix_line(seg, "channel_mix", f), _household(seg, f))
    lines += [line for line in extras if line]
    response = seg.get("response") or {}
    if response.get("rate") is not None:
        lift = f.lift(seg_key(seg, "response", "lift"), response.get("lift"))
        base = f.pct("population.response.rate", profile.get("base_rate"))
        lines.append(
            f"**Response to the last campaign:** {interval(f, seg, ('response',))}, lift {lift} "
            f"against the base rate of {base}."
        )
    past = (seg.get("campaigns") or {}).get("any_past") or {}
    if past.get("rate") is not None:
        past_text = interval(f, seg, ("campaigns", "any_past"))
        lines.append(f"**Past campaigns:** {past_text} accepted at least one.")
    traits = trait_lines(ctx, seg, f)
    if traits:
        lines.append(f"**Top traits:** {'; '.join(traits)}.")
    rates = {k: v for k, v in response.items() if k in RATE_KEYS}
    data = {
        "segment": {"id": i, "name": ctx.name(i), "size": seg["size"], "share": seg["share"]},
        "metrics": metrics,
        "spend_mix": seg.get("spend_mix"),
        "channel_mix": seg.get("channel_mix"),
        "response": rates or None,
        "traits": traits,
        "tagline": tagline,
    }
    return ToolResult(
        text="\n".join(lines),
        data=data,
        figures=f.figures,
        table={"columns": columns, "rows": rows},
    )


@guarded
def compare_segments(
    ctx: ChatContext, segments: list[str], metrics: list[str] | None = None
) -> ToolResult:
    """Compare two or more segments side by side on chosen metrics (default: income, age,
    children, spend, wine and meat spend, web and store purchases, web visits, past campaign
    acceptance and response).

    Args:
        segments: two or more segment numbers or names.
        metrics: metric names such as income, age, kids, total spend, wine, meat, web
            purchases, store purchases, web visits, recency, tenure, campaign acceptance,
            response rate, lift; default a standard set.
    """
    chosen = [visible(ctx, find_segment(ctx, s)) for s in segments]
    chosen = list({s["id"]: s for s in chosen}.values())
    if len(chosen) < 2:
        raise ValueError("compare needs two or more different segments.")
    f, profile = Facts(), ctx.profile
    wanted = pick_metrics(profile, metrics, COMPARE_METRICS)
    columns = ["metric", *(title(ctx, s) for s in chosen), "all customers"]
    rows, data, gaps = [], {}, []
    for m in wanted:
        row = [m.label + (" (mean)" if m.stats else "")]
        row += [f.value(seg_key(s, *m.seg_path()), m.value(s), m.unit) for s in chosen]
        base = m.population(profile) if m.key not in ("size", "share") else None
        rows.append([*row, f.value(m.population_key(), base, m.unit) if base is not None else ""])
        data[m.key] = {**{str(s["id"]): m.value(s) for s in chosen}, "all": base}
        indexes = sorted((m.value(s, "index"), s["id"]) for s in chosen if m.stats)
        indexes = [t for t in indexes if t[0]]
        if len(indexes) >= 2:
            gaps.append((indexes[-1][0] / indexes[0][0], m, indexes[0], indexes[-1]))
    lines = [f"**Comparison of {', '.join(columns[1:-1])}**", "", markdown_table(columns, rows)]
    if gaps:
        _, m, (lo, a), (hi, b) = max(gaps, key=lambda g: g[0])
        low = f.index(f"segments.{a}.metrics.{m.key}.index", lo)
        high = f.index(f"segments.{b}.metrics.{m.key}.index", hi)
        lines.append(
            f"\nLargest difference: {m.label}, index {high} for {ctx.name(b)} against {low} "
            f"for {ctx.name(a)} ({f.average_index()} = average)."
        )
    segs = [{"id": s["id"], "name": ctx.name(s["id"])} for s in chosen]
    return ToolResult(
        text="\n".join(lines),
        data={"segments": segs, "metrics": data},
        figures=f.figures,
        table={"columns": columns, "rows": rows},
    )


@guarded
def rank_segments(
    ctx: ChatContext,
    metric: str,
    order: Literal["desc", "asc"] = "desc",
    top: int | None = None,
) -> ToolResult:
    """Rank the segments by a metric (highest first by default), e.g. which segment earns
    most, spends most on wine, visits the website most or responds best.

    Args:
        metric: income, age, kids/children, total spend, wine, fruit, meat, fish, sweets,
            gold, web/catalog/store/deal purchases, web visits, recency, tenure, campaign
            acceptance, response rate, lift, size; "median income" ranks by the median.
        order: "desc" for highest first, "asc" for lowest first.
        top: how many segments to return (default all).
    """
    if top is not None and top < 1:
        raise ValueError(f"top must be 1 or more, got {top}.")
    m, stat = find_metric(ctx.profile, metric)
    stat = stat if stat and m.stats else "mean"
    f = Facts()
    scored = [(m.value(s, stat), s) for s in ctx.segments if not small(s)]
    known = sorted((t for t in scored if t[0] is not None), key=lambda t: t[0])
    shown = (known[::-1] if order == "desc" else known)[:top]
    what = f"{stat} {m.label}" if m.stats else m.label
    lines = [f"**Segments by {what}, {'highest' if order == 'desc' else 'lowest'} first:**"]
    rows = []
    for rank, (value, s) in enumerate(shown, start=1):
        text = f.value(seg_key(s, *m.seg_path(stat)), value, m.unit)
        index = m.value(s, "index") if m.stats and stat == "mean" else None
        idx = f.index(seg_key(s, *m.seg_path("index")), index) if index is not None else ""
        lines.append(f"{rank}. **{title(ctx, s)}**: {text}" + (f" (index {idx})" if idx else ""))
        rows.append([rank, s["id"], ctx.name(s["id"]), text, idx])
    base = m.population(ctx.profile, stat) if m.key not in ("size", "share") else None
    if base is not None:
        lines.append(f"\nAll customers: {f.value(m.population_key(stat), base, m.unit)}.")
    hidden = [title(ctx, s) for s in ctx.segments if small(s)]
    if hidden:
        lines.append(f"Not ranked ({f.fewer()} customers each): {', '.join(hidden)}.")
    missing = [title(ctx, s) for v, s in scored if v is None]
    if missing:
        lines.append(f"No {m.label} known for: {', '.join(missing)}.")
    names = [ctx.name(s["id"]) for _, s in shown]
    ranking = [{"id": s["id"], "name": ctx.name(s["id"]), "value": v} for v, s in shown]
    return ToolResult(
        text="\n".join(lines),
        data={
            "metric": m.key,
            "stat": stat,
            "order": order,
            "population": base,
            "ranking": ranking,
        },
        figures=f.figures,
        chart={
            "kind": "bar",
            "title": f"{what.capitalize()} by segment",
            "labels": names,
            "values": [v for v, _ in shown],
            "unit": m.unit,
        },
        table={"columns": ["rank", "segment", "name", what, "index"], "rows": rows},
    )


@guarded
def segment_figure(
    ctx: ChatContext,
    metric: str,
    segment: str | None = None,
    stat: Literal["mean", "median"] = "mean",
) -> ToolResult:
    """One figure for one segment or for the whole customer base, e.g. "average income of
    Affluent Wine Lovers", "response rate of segment 3", "median age of all customers".

    Args:
        metric: the metric (income, age, kids, total spend, wine, web visits, response rate,
            campaign acceptance, size ...).
        segment: the segment's number or name; leave it out for all customers.
        stat: "mean" or "median" (rates, sizes and lifts have one value).
    """
    m, hinted = find_metric(ctx.profile, metric)
    stat = "median" if hinted == "median" else stat
    stat = stat if m.stats else "mean"
    f, profile = Facts(), ctx.profile
    what = f"{stat} {m.label}" if m.stats else m.label
    data: dict[str, Any] = {"metric": m.key, "stat": stat, "segment": None}
    if segment is None:
        if m.key in ("size", "share", "response_lift"):
            size = f.count("population.customers", profile["n_customers"])
            text = f"All customers: {size}; this figure is about segments, so ask about one."
            return ToolResult(text=text, data=data, figures=f.figures)
        value = m.population(profile, stat)
        if value is None:
            raise ValueError(f"there is no {m.label} for the whole base; ask about a segment.")
        stated = f.value(m.population_key(stat), value, m.unit)
        data["value"] = value
        return ToolResult(
            text=f"{what.capitalize()} of all customers: {stated}.", data=data, figures=f.figures
        )
    seg = visible(ctx, find_segment(ctx, segment))
    value = m.value(seg, stat)
    if value is None:
        raise ValueError(f"{title(ctx, seg)} has no {m.label} figure.")
    if m.path and m.path[-1] == "rate":
        stated = interval(f, seg, m.path[:-1])
    else:
        stated = f.value(seg_key(seg, *m.seg_path(stat)), value, m.unit)
    text = f"{what.capitalize()} of {title(ctx, seg)}: {stated}"
    if m.stats and stat == "mean":
        text += f", {f.versus(seg_key(seg, *m.seg_path('index')), m.value(seg, 'index'))}"
    if m.key == "response_rate":
        text += f", lift {f.lift(seg_key(seg, 'response', 'lift'), seg['response'].get('lift'))}"
    if m.key == "size":
        text += f", {f.pct(seg_key(seg, 'share'), seg['share'])} of the base"
    base = m.population(profile, stat) if m.key not in ("size", "share", "response_lift") else None
    if base is not None:
        text += f" (all customers: {f.value(m.population_key(stat), base, m.unit)})"
    data.update(
        segment={"id": seg["id"], "name": ctx.name(seg["id"])}, value=value, population=base
    )
    return ToolResult(text=text + ".", data=data, figures=f.figures)
