"""The tools that present the profile: campaign ideas, chart data and the profile table."""

from __future__ import annotations

from typing import Any

from assistant.errors import ToolInputError
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import (
    Facts,
    cite,
    evidence,
    interval,
    label,
    markdown_table,
    seg_key,
    title,
    visible,
)
from assistant.tools.lookup import find_metric, find_segment, pick_metrics, segment_value, small
from assistant.tools.result import ToolResult
from assistant.tools.toolkit import tool
from segmentation.profile import MIX_BLOCKS

__all__ = ["CHART_KINDS", "ViewTools"]

CHART_KINDS = ("metric", "sizes")  # and one per mix block of a profile (MIX_BLOCKS)


class ViewTools:
    """Campaign ideas of a persona, chart data and the profile table."""

    ctx: ChatContext

    @tool
    def campaign_ideas(self, segment: str) -> ToolResult:
        """Campaign ideas for a segment from its persona write-up, each with the statistics
        it rests on (evidence) and the response to expect, with its 95% interval.

        Args:
            segment: the segment's number or name.
        """
        ctx = self.ctx
        seg = visible(ctx, find_segment(ctx, segment))
        persona, offline = ctx.persona_for(seg.id)
        f = Facts()
        lines = [f"### Campaign ideas for {title(ctx, seg)}"]
        if offline:
            lines.append(
                "*No personas were generated for this model: these ideas come from the "
                "offline writer, from the statistics alone.*"
            )
        if not persona.verified:
            lines.append(
                "*These ideas did not pass the number check: treat their figures with care.*"
            )
        ideas = []
        expected_all = list(persona.expected or [])
        for n, idea in enumerate(persona.writeup.campaign_ideas, start=1):
            texts = {
                k: cite(ctx, seg, getattr(idea, k), f) for k in ("title", "offer", "rationale")
            }
            texts["channel"] = clean_label(idea.channel)
            lines.append(
                f"{n}. **{texts['title']}** (channel: {texts['channel']}). {texts['offer']}. "
                f"Why: {texts['rationale']}."
            )
            cited = [evidence(f, seg, key) for key in idea.evidence]
            lines.append(f"   Evidence: {'; '.join(cited)}.")
            basis = idea.expected_response_basis or ""
            parts = tuple(basis.split("."))
            if all(parts) and seg.figure((*parts, "rate")) is not None:
                shown = interval(f, seg, parts)
                lines.append(f"   Expected response: about {shown} (the rate of {basis}).")
            expected = expected_all[n - 1] if n - 1 < len(expected_all) else None
            ideas.append({**texts, "evidence": cited, "expected": expected})
        data = {
            "segment": {"id": seg.id, "name": ctx.name(seg.id)},
            "writer": persona.made_by,
            "verified": persona.verified,
            "ideas": ideas,
        }
        return ToolResult(text="\n".join(lines), data=data, figures=f.figures)

    def _metric_chart(self, metric: str | None, f: Facts) -> tuple[dict, str]:
        ctx = self.ctx
        if not metric:
            raise ToolInputError("a 'metric' chart needs the metric argument, e.g. income.")
        m, stat = find_metric(ctx, metric)
        stat = stat if stat and m.per_customer else "mean"
        segs = [s for s in ctx.segments if not small(s) and segment_value(s, m, stat) is not None]
        what = f"{stat} {label(m)}" if m.per_customer else label(m)
        parts = [
            f"{ctx.name(s.id)} "
            f"{f.value(seg_key(s, *m.segment_path(stat)), segment_value(s, m, stat), m.unit)}"
            for s in segs
        ]
        spec = {
            "kind": "bar",
            "title": f"{what.capitalize()} by segment",
            "labels": [ctx.name(s.id) for s in segs],
            "values": [segment_value(s, m, stat) for s in segs],
            "unit": m.unit,
        }
        return spec, f"Bar chart of {what} by segment: {'; '.join(parts)}."

    def _sizes_chart(self, f: Facts) -> tuple[dict, str]:
        ctx = self.ctx
        segs = [s for s in ctx.segments if not small(s)]
        parts = [
            f"{ctx.name(s.id)} {f.count(seg_key(s, 'size'), s.size)} "
            f"({f.pct(seg_key(s, 'share'), s.share)})"
            for s in segs
        ]
        spec = {
            "kind": "sizes",
            "title": "Customers per segment",
            "labels": [ctx.name(s.id) for s in segs],
            "values": [float(s.size) for s in segs],
            "unit": "count",
        }
        text = f"Segment sizes: {'; '.join(parts)}."
        if len(segs) < len(ctx.segments):
            text += f" Segments of {f.fewer()} customers are not shown."
        return spec, text

    def _mix_chart(self, kind: str, segment: str | None, f: Facts) -> tuple[dict, str]:
        ctx = self.ctx
        mix = ctx.catalog.mix(kind)
        seg = visible(ctx, find_segment(ctx, segment)) if segment else None
        owner: Any = seg if seg is not None else ctx.profile.population
        shares = getattr(owner, kind, None) or {}
        known = {k: v for k, v in shares.items() if mix and k in mix.keys and v is not None}
        if not known:
            raise ToolInputError(
                f"this model has no {kind.replace('_', ' ')} (its table has no spend or "
                "channel columns); try a 'metric' chart."
            )
        who = title(ctx, seg) if seg is not None else "all customers"
        prefix = seg_key(seg, kind) if seg is not None else f"population.{kind}"
        ordered = sorted(known.items(), key=lambda kv: -kv[1])
        name = f"{'Spend' if mix and mix.of == 'spend' else 'Purchase channel'} mix of {who}"
        spec = {
            "kind": "mix",
            "title": name,
            "labels": [k for k, _ in ordered],
            "values": [v for _, v in ordered],
            "unit": "share",
        }
        text = ", ".join(f"{k} {f.pct(f'{prefix}.{k}', v)}" for k, v in ordered)
        return spec, f"{name}: {text}."

    @tool
    def chart(self, kind: str, metric: str | None = None, segment: str | None = None) -> ToolResult:
        """Data for a chart the app draws: a metric across segments ("metric", needs metric),
        a segment's spend or channel mix ("spend_mix", "channel_mix"; without a segment, all
        customers), or segment sizes ("sizes").

        Args:
            kind: which chart: "metric", "sizes", or a mix ("spend_mix", "channel_mix").
            metric: for kind "metric": the metric to plot (income, total spend, response
                rate ...).
            segment: for the mixes: the segment's number or name (default all customers).
        """
        f = Facts()
        if kind == "metric":
            spec, text = self._metric_chart(metric, f)
        elif kind == "sizes":
            spec, text = self._sizes_chart(f)
        elif kind in MIX_BLOCKS:
            spec, text = self._mix_chart(kind, segment, f)
        else:
            kinds = [*CHART_KINDS, *MIX_BLOCKS]
            raise ToolInputError(f"unknown chart kind {clean_label(kind)!r}; use one of {kinds}.")
        return ToolResult(text=text, data={"chart": spec}, figures=f.figures, chart=spec)

    @tool
    def table(self, metrics: list[str] | None = None) -> ToolResult:
        """The segment profile table: one row per segment with its size, share and chosen
        metrics (default: income, age, children, total spend, past campaign acceptance,
        response rate and lift).

        Args:
            metrics: metric keys or names for the columns (default a standard set).
        """
        ctx, f = self.ctx, Facts()
        chosen = pick_metrics(ctx, metrics, "table")
        labels = [f"{label(m)} (mean)" if m.per_customer else label(m) for m in chosen]
        columns = ["segment", "name", "customers", "share", *labels]
        rows, md_rows = [], []
        for s in ctx.segments:
            if small(s):
                cells = [f.fewer(), "", *("" for _ in chosen)]
            else:
                cells = [f.count(seg_key(s, "size"), s.size), f.pct(seg_key(s, "share"), s.share)]
                cells += [
                    f.value(seg_key(s, *m.segment_path()), segment_value(s, m), m.unit)
                    for m in chosen
                ]
            rows.append([s.id, ctx.name(s.id), *cells])
            md_rows.append([title(ctx, s), *cells])
        return ToolResult(
            text=markdown_table(["segment", "customers", "share", *labels], md_rows),
            data={"columns": columns, "metrics": [m.key for m in chosen]},
            figures=f.figures,
            table={"columns": columns, "rows": rows},
        )
