"""Chat tools that present the profile: campaign ideas, chart data and the profile table.

Part of the tool set of `assistant.tools` (see there for the rules every tool follows).
"""

from __future__ import annotations

from typing import Literal

from assistant.personas.fact_paths import dig
from assistant.personas.facts import clean_label
from assistant.tools.figures import (
    Facts,
    cite,
    evidence,
    interval,
    markdown_table,
    persona_for,
    seg_key,
    title,
    visible,
)
from assistant.tools.lookup import ChatContext, find_metric, find_segment, pick_metrics, small
from assistant.tools.toolkit import ToolResult, guarded

__all__ = ["TABLE_METRICS", "campaign_ideas", "chart", "table"]

TABLE_METRICS = (
    "income", "age", "children", "total_spend", "campaign_any_past", "response_rate",
    "response_lift",
)  # fmt: skip


@guarded
def campaign_ideas(ctx: ChatContext, segment: str) -> ToolResult:
    """Campaign ideas for a segment from its persona write-up, each with the statistics it
    rests on (evidence) and the response to expect, with its 95% interval.

    Args:
        segment: the segment's number or name.
    """
    seg = visible(ctx, find_segment(ctx, segment))
    persona, offline = persona_for(ctx, seg)
    f = Facts()
    lines = [f"### Campaign ideas for {title(ctx, seg)}"]
    if offline:
        lines.append(
            "*No personas were generated for this model: these ideas come from the offline "
            "writer, from the statistics alone.*"
        )
    if not persona.verified:
        lines.append("*These ideas did not pass the number check: treat their figures with care.*")
    ideas = []
    expected_all = list(persona.expected or [])
    for n, idea in enumerate(persona.writeup.campaign_ideas, start=1):
        texts = {k: cite(ctx, seg, getattr(idea, k), f) for k in ("title", "offer", "rationale")}
        texts["channel"] = clean_label(idea.channel)
        lines.append(
            f"{n}. **{texts['title']}** (channel: {texts['channel']}). {texts['offer']}. "
            f"Why: {texts['rationale']}."
        )
        cited = [evidence(f, seg, key) for key in idea.evidence]
        lines.append(f"   Evidence: {'; '.join(cited)}.")
        basis = idea.expected_response_basis or ""
        parts = basis.split(".")
        node = dig(seg, parts) if all(parts) else None  # an empty part names nothing
        if isinstance(node, dict) and node.get("rate") is not None:
            shown = interval(f, seg, tuple(parts))
            lines.append(f"   Expected response: about {shown} (the rate of {basis}).")
        expected = expected_all[n - 1] if n - 1 < len(expected_all) else None
        ideas.append({**texts, "evidence": cited, "expected": expected})
    data = {
        "segment": {"id": seg["id"], "name": ctx.name(seg["id"])},
        "writer": persona.made_by,
        "verified": persona.verified,
        "ideas": ideas,
    }
    return ToolResult(text="\n".join(lines), data=data, figures=f.figures)


def _metric_chart(ctx: ChatContext, metric: str | None, f: Facts) -> tuple[dict, str]:
    if not metric:
        raise ValueError("a 'metric' chart needs the metric argument, e.g. income.")
    m, stat = find_metric(ctx.profile, metric)
    stat = stat if stat and m.stats else "mean"
    segs = [s for s in ctx.segments if not small(s) and m.value(s, stat) is not None]
    what = f"{stat} {m.label}" if m.stats else m.label
    parts = [
        f"{ctx.name(s['id'])} {f.value(seg_key(s, *m.seg_path(stat)), m.value(s, stat), m.unit)}"
        for s in segs
    ]
    spec = {
        "kind": "bar",
        "title": f"{what.capitalize()} by segment",
        "labels": [ctx.name(s["id"]) for s in segs],
        "values": [m.value(s, stat) for s in segs],
        "unit": m.unit,
    }
    return spec, f"Bar chart of {what} by segment: {'; '.join(parts)}."


def _sizes_chart(ctx: ChatContext, f: Facts) -> tuple[dict, str]:
    segs = [s for s in ctx.segments if not small(s)]
    parts = [
        f"{ctx.name(s['id'])} {f.count(seg_key(s, 'size'), s['size'])} "
        f"({f.pct(seg_key(s, 'share'), s['share'])})"
        for s in segs
    ]
    spec = {
        "kind": "sizes",
        "title": "Customers per segment",
        "labels": [ctx.name(s["id"]) for s in segs],
        "values": [float(s["size"]) for s in segs],
        "unit": "count",
    }
    text = f"Segment sizes: {'; '.join(parts)}."
    if len(segs) < len(ctx.segments):
        text += f" Segments of {f.fewer()} customers are not shown."
    return spec, text


def _mix_chart(ctx: ChatContext, kind: str, segment: str | None, f: Facts) -> tuple[dict, str]:
    seg = visible(ctx, find_segment(ctx, segment)) if segment else None
    owner = seg if seg is not None else ctx.profile["population"]
    mix = {k: v for k, v in (owner.get(kind) or {}).items() if k != "deals" and v is not None}
    if not mix:
        raise ValueError(
            f"this model has no {kind.replace('_', ' ')} (its table has no spend or channel "
            "columns); try a 'metric' chart."
        )
    who = title(ctx, seg) if seg is not None else "all customers"
    prefix = seg_key(seg, kind) if seg is not None else f"population.{kind}"
    ordered = sorted(mix.items(), key=lambda kv: -kv[1])
    name = f"{'Spend' if kind == 'spend_mix' else 'Purchase channel'} mix of {who}"
    spec = {
        "kind": "mix",
        "title": name,
        "labels": [k for k, _ in ordered],
        "values": [v for _, v in ordered],
        "unit": "share",
    }
    shares = ", ".join(f"{k} {f.pct(f'{prefix}.{k}', v)}" for k, v in ordered)
    return spec, f"{name}: {shares}."


@guarded
def chart(
    ctx: ChatContext,
    kind: Literal["metric", "spend_mix", "channel_mix", "sizes"],
    metric: str | None = None,
    segment: str | None = None,
) -> ToolResult:
    """Data for a chart the app draws: a metric across segments ("metric", needs metric),
    a segment's spend or channel mix ("spend_mix", "channel_mix"; without a segment, all
    customers), or segment sizes ("sizes").

    Args:
        kind: which chart: "metric", "spend_mix", "channel_mix" or "sizes".
        metric: for kind "metric": the metric to plot (income, total spend, response rate ...).
        segment: for the mixes: the segment's number or name (default all customers).
    """
    f = Facts()
    if kind == "metric":
        spec, text = _metric_chart(ctx, metric, f)
    elif kind == "sizes":
        spec, text = _sizes_chart(ctx, f)
    else:
        spec, text = _mix_chart(ctx, kind, segment, f)
    return ToolResult(text=text, data={"chart": spec}, figures=f.figures, chart=spec)


@guarded
def table(ctx: ChatContext, metrics: list[str] | None = None) -> ToolResult:
    """The segment profile table: one row per segment with its size, share and chosen
    metrics (default: income, age, children, total spend, past campaign acceptance,
    response rate and lift).

    Args:
        metrics: metric names for the columns (default a standard set).
    """
    f = Facts()
    chosen = pick_metrics(ctx.profile, metrics, TABLE_METRICS)
    labels = [f"{m.label} (mean)" if m.stats else m.label for m in chosen]
    columns = ["segment", "name", "customers", "share", *labels]
    rows, md_rows = [], []
    for s in ctx.segments:
        if small(s):
            cells = [f.fewer(), "", *("" for _ in chosen)]
        else:
            cells = [f.count(seg_key(s, "size"), s["size"]), f.pct(seg_key(s, "share"), s["share"])]
            cells += [f.value(seg_key(s, *m.seg_path()), m.value(s), m.unit) for m in chosen]
        rows.append([s["id"], ctx.name(s["id"]), *cells])
        md_rows.append([title(ctx, s), *cells])
    return ToolResult(
        text=markdown_table(["segment", "customers", "share", *labels], md_rows),
        data={"columns": columns, "metrics": [m.key for m in chosen]},
        figures=f.figures,
        table={"columns": columns, "rows": rows},
    )
