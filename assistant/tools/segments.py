"""The segment tools: list the segments, describe one, compare some, rank them by a metric,
and one figure of a segment or of all customers."""

from __future__ import annotations

from typing import Any, Literal

from assistant.errors import ToolInputError
from assistant.personas.facts import small_cell
from assistant.text import clean_key, clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import (
    Facts,
    cite,
    interval,
    label,
    markdown_table,
    seg_key,
    title,
    trait_lines,
    visible,
)
from assistant.tools.lookup import (
    find_metric,
    find_segment,
    pick_metrics,
    population_key,
    population_value,
    segment_value,
    small,
)
from assistant.tools.result import ToolResult
from assistant.tools.toolkit import tool
from segmentation.catalog import Mix
from segmentation.profile import SegmentProfile

__all__ = ["SegmentTools"]

_BASE_FREE = ("count", "share")  # figures of a segment with no "all customers" value


def _mix_line(seg: SegmentProfile, mix: Mix, f: Facts) -> str | None:
    shares = getattr(seg, mix.key, None) or {}
    known = {k: v for k, v in shares.items() if v is not None and k in mix.keys}
    if not known:
        return None
    ordered = sorted(known.items(), key=lambda kv: -kv[1])
    parts = ", ".join(f"{k} {f.pct(seg_key(seg, mix.key, k), v)}" for k, v in ordered)
    tail = ""
    for extra in mix.extra:
        share = shares.get(extra.key)
        if share:
            tail += f"; {f.pct(seg_key(seg, mix.key, extra.key), share)} used a deal"
    return f"**{mix.short or mix.label}:** {parts} of {mix.of}{tail}."


def _household(ctx: ChatContext, seg: SegmentProfile, f: Facts) -> str | None:
    """The focus level (living with a partner) or the most common level of each mix; a
    group of fewer than 11 customers is said so, not given as a share."""
    dimensions = {d.key: d for d in ctx.catalog.dimensions}
    parts = []
    for name, mix in seg.mix.items():
        known = {k: v for k, v in (mix or {}).items() if v is not None}
        if not known:
            continue
        dim = dimensions.get(name)
        focus = dim.focus if dim is not None and dim.focus in known else None
        level = focus or max(known, key=known.get)
        share = known[level]
        if small_cell(share, seg.size):
            shown = f"{f.fewer()} customers"
        else:
            shown = f.pct(seg_key(seg, "mix", name, clean_key(clean_label(level))), share)
        if focus and dim is not None and dim.phrase:
            parts.append(dim.phrase.format(share=shown, level=clean_label(level)))
        else:
            what = clean_label(dim.label if dim is not None else name)
            parts.append(f"{what} mostly {clean_label(level)} ({shown})")
    return f"**Household:** {'; '.join(parts)}." if parts else None


class SegmentTools:
    """List, describe, compare and rank segments; one figure of a segment or of all."""

    ctx: ChatContext

    @tool
    def list_segments(self) -> ToolResult:
        """List every customer segment (persona): its name, number of customers, share of
        the base and a one-line summary. Use it when asked which segments or personas exist."""
        ctx, f = self.ctx, Facts()
        segs = ctx.segments
        total = f.count("population.customers", ctx.profile.n_customers)
        lines = [f"**{f.count('population.segments', len(segs))} segments, {total} customers**", ""]
        rows, items = [], []
        for seg in segs:
            i, name = seg.id, ctx.name(seg.id)
            if small(seg):
                lines.append(
                    f"- **{name}** (segment {i}): {f.fewer()} customers; figures withheld."
                )
                rows.append([i, name, None, None, "figures withheld"])
                items.append({"id": i, "name": name, "size": None, "share": None})
                continue
            persona = ctx.persona(i)
            summary = cite(ctx, seg, persona.writeup.tagline, f) if persona else None
            summary = summary or "; ".join(trait_lines(ctx, seg, f)[:2]) or "close to the average"
            size = f.count(seg_key(seg, "size"), seg.size)
            share = f.pct(seg_key(seg, "share"), seg.share)
            lines.append(f"- **{name}** (segment {i}): {size} customers ({share}). {summary}")
            rows.append([i, name, size, share, summary])
            items.append(
                {"id": i, "name": name, "size": seg.size, "share": seg.share, "summary": summary}
            )
        return ToolResult(
            text="\n".join(lines),
            data={"customers": ctx.profile.n_customers, "segments": items},
            figures=f.figures,
            table={"columns": ["segment", "name", "customers", "share", "summary"], "rows": rows},
        )

    @tool
    def describe_segment(self, segment: str) -> ToolResult:
        """Describe one segment: size, key figures against the average, spend and channel
        mix, household, response to the last campaign (with its 95% interval and lift) and
        top traits.

        Args:
            segment: the segment's number ("2", "segment 2") or name; a misspelt or partial
                name is matched to the closest one.
        """
        ctx = self.ctx
        seg = visible(ctx, find_segment(ctx, segment))
        i, profile, f = seg.id, ctx.profile, Facts()
        lines = [f"### {title(ctx, seg)}"]
        persona = ctx.persona(i)
        tagline = cite(ctx, seg, persona.writeup.tagline, f) if persona else None
        if tagline:
            lines.append(f"*{tagline}*")
        size = f.count(seg_key(seg, "size"), seg.size)
        lines += [f"{size} customers, {f.pct(seg_key(seg, 'share'), seg.share)} of the base.", ""]
        columns = ["metric", "segment mean", "segment median", "index", "average"]
        rows, metrics = [], {}
        for m in pick_metrics(ctx, None, "describe", limit=10):
            if not m.per_customer or m.key not in seg.metrics:
                continue
            stats = {s: segment_value(seg, m, s) for s in ("mean", "median", "index")}
            cells = [f.num(seg_key(seg, *m.segment_path(s)), v) for s, v in stats.items()]
            cells[2] = f.index(seg_key(seg, *m.segment_path("index")), stats["index"])
            average = population_value(profile, m)
            rows.append([label(m), *cells, f.num(population_key(m), average)])
            metrics[m.key] = {**stats, "average": average}
        lines += [markdown_table(columns, rows), f"(index: {f.average_index()} = average)", ""]
        extras = [_mix_line(seg, mix, f) for mix in ctx.catalog.mixes] + [_household(ctx, seg, f)]
        lines += [line for line in extras if line]
        response = seg.response
        if response is not None and response.rate is not None:
            lift = f.lift(seg_key(seg, "response", "lift"), response.lift)
            base = f.pct("population.response.rate", profile.base_rate)
            lines.append(
                f"**Response to the last campaign:** {interval(f, seg, ('response',))}, lift "
                f"{lift} against the base rate of {base}."
            )
        if seg.figure(("campaigns", "any_past", "rate")) is not None:
            past_text = interval(f, seg, ("campaigns", "any_past"))
            lines.append(f"**Past campaigns:** {past_text} accepted at least one.")
        traits = trait_lines(ctx, seg, f)
        if traits:
            lines.append(f"**Top traits:** {'; '.join(traits)}.")
        rates = (
            {k: getattr(response, k) for k in ("rate", "ci_low", "ci_high", "lift")}
            if response is not None
            else None
        )
        data = {
            "segment": {"id": i, "name": ctx.name(i), "size": seg.size, "share": seg.share},
            "metrics": metrics,
            "spend_mix": seg.spend_mix,
            "channel_mix": seg.channel_mix,
            "response": rates,
            "traits": traits,
            "tagline": tagline,
        }
        return ToolResult(
            text="\n".join(lines),
            data=data,
            figures=f.figures,
            table={"columns": columns, "rows": rows},
        )

    @tool
    def compare_segments(self, segments: list[str], metrics: list[str] | None = None) -> ToolResult:
        """Compare two or more segments side by side on chosen metrics (default: income,
        age, children, spend, wine and meat spend, web and store purchases, web visits, past
        campaign acceptance and response).

        Args:
            segments: two or more segment numbers or names.
            metrics: metric keys or names such as income, age, kids, total spend, wine,
                meat, web purchases, store purchases, web visits, recency, tenure, campaign
                acceptance, response rate, lift; default a standard set.
        """
        ctx = self.ctx
        chosen = [visible(ctx, find_segment(ctx, s)) for s in segments]
        chosen = list({s.id: s for s in chosen}.values())
        if len(chosen) < 2:
            raise ToolInputError("compare needs two or more different segments.")
        f, profile = Facts(), ctx.profile
        wanted = pick_metrics(ctx, metrics, "compare")
        columns = ["metric", *(title(ctx, s) for s in chosen), "all customers"]
        rows, data, gaps = [], {}, []
        for m in wanted:
            row = [label(m) + (" (mean)" if m.per_customer else "")]
            row += [
                f.value(seg_key(s, *m.segment_path()), segment_value(s, m), m.unit) for s in chosen
            ]
            base = population_value(profile, m) if m.aggregation not in _BASE_FREE else None
            rows.append(
                [*row, f.value(population_key(m), base, m.unit) if base is not None else ""]
            )
            data[m.key] = {**{str(s.id): segment_value(s, m) for s in chosen}, "all": base}
            indexes = sorted((segment_value(s, m, "index"), s.id) for s in chosen if m.per_customer)
            indexes = [t for t in indexes if t[0]]
            if len(indexes) >= 2:
                gaps.append((indexes[-1][0] / indexes[0][0], m, indexes[0], indexes[-1]))
        lines = [f"**Comparison of {', '.join(columns[1:-1])}**", "", markdown_table(columns, rows)]
        if gaps:
            _, m, (lo, a), (hi, b) = max(gaps, key=lambda g: g[0])
            low = f.index(f"segments.{a}.metrics.{m.key}.index", lo)
            high = f.index(f"segments.{b}.metrics.{m.key}.index", hi)
            lines.append(
                f"\nLargest difference: {label(m)}, index {high} for {ctx.name(b)} against "
                f"{low} for {ctx.name(a)} ({f.average_index()} = average)."
            )
        segs = [{"id": s.id, "name": ctx.name(s.id)} for s in chosen]
        return ToolResult(
            text="\n".join(lines),
            data={"segments": segs, "metrics": data},
            figures=f.figures,
            table={"columns": columns, "rows": rows},
        )

    @tool
    def rank_segments(
        self, metric: str, order: Literal["desc", "asc"] = "desc", top: int | None = None
    ) -> ToolResult:
        """Rank the segments by a metric (highest first by default), e.g. which segment earns
        most, spends most on wine, visits the website most or responds best.

        Args:
            metric: the metric's key or name (income, kids, wine, web purchases, web visits,
                recency, tenure, campaign acceptance, response rate, lift, size ...);
                "median income" ranks by the median.
            order: "desc" for highest first, "asc" for lowest first.
            top: how many segments to return (default all).
        """
        ctx = self.ctx
        if top is not None and top < 1:
            raise ToolInputError(f"top must be 1 or more, got {top}.")
        m, stat = find_metric(ctx, metric)
        stat = stat if stat and m.per_customer else "mean"
        f = Facts()
        scored = [(segment_value(s, m, stat), s) for s in ctx.segments if not small(s)]
        known = sorted((t for t in scored if t[0] is not None), key=lambda t: t[0])
        shown = (known[::-1] if order == "desc" else known)[:top]
        what = f"{stat} {label(m)}" if m.per_customer else label(m)
        lines = [f"**Segments by {what}, {'highest' if order == 'desc' else 'lowest'} first:**"]
        rows = []
        for rank, (value, s) in enumerate(shown, start=1):
            text = f.value(seg_key(s, *m.segment_path(stat)), value, m.unit)
            index = segment_value(s, m, "index") if m.per_customer and stat == "mean" else None
            idx = f.index(seg_key(s, *m.segment_path("index")), index) if index is not None else ""
            lines.append(
                f"{rank}. **{title(ctx, s)}**: {text}" + (f" (index {idx})" if idx else "")
            )
            rows.append([rank, s.id, ctx.name(s.id), text, idx])
        base = population_value(ctx.profile, m, stat) if m.aggregation not in _BASE_FREE else None
        if base is not None:
            lines.append(f"\nAll customers: {f.value(population_key(m, stat), base, m.unit)}.")
        hidden = [title(ctx, s) for s in ctx.segments if small(s)]
        if hidden:
            lines.append(f"Not ranked ({f.fewer()} customers each): {', '.join(hidden)}.")
        missing = [title(ctx, s) for v, s in scored if v is None]
        if missing:
            lines.append(f"No {label(m)} known for: {', '.join(missing)}.")
        names = [ctx.name(s.id) for _, s in shown]
        ranking = [{"id": s.id, "name": ctx.name(s.id), "value": v} for v, s in shown]
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

    @tool
    def segment_figure(
        self,
        metric: str,
        segment: str | None = None,
        stat: Literal["mean", "median"] = "mean",
    ) -> ToolResult:
        """One figure for one segment or for the whole customer base, e.g. "average income of
        Affluent Wine Lovers", "response rate of segment 3", "median age of all customers".

        Args:
            metric: the metric's key or name (income, age, kids, total spend, wine, web
                visits, response rate, campaign acceptance, size ...).
            segment: the segment's number or name; leave it out for all customers.
            stat: "mean" or "median" (rates, sizes and lifts have one value).
        """
        ctx = self.ctx
        m, hinted = find_metric(ctx, metric)
        stat = "median" if hinted == "median" else stat
        stat = stat if m.per_customer else "mean"
        f, profile = Facts(), ctx.profile
        what = f"{stat} {label(m)}" if m.per_customer else label(m)
        data: dict[str, Any] = {"metric": m.key, "stat": stat, "segment": None}
        no_base = m.aggregation in (*_BASE_FREE, "lift")
        if segment is None:
            if no_base:
                size = f.count("population.customers", profile.n_customers)
                text = f"All customers: {size}; this figure is about segments, so ask about one."
                return ToolResult(text=text, data=data, figures=f.figures)
            value = population_value(profile, m, stat)
            if value is None:
                raise ToolInputError(
                    f"there is no {label(m)} for the whole base; ask about a segment."
                )
            stated = f.value(population_key(m, stat), value, m.unit)
            data["value"] = value
            return ToolResult(
                text=f"{what.capitalize()} of all customers: {stated}.",
                data=data,
                figures=f.figures,
            )
        seg = visible(ctx, find_segment(ctx, segment))
        value = segment_value(seg, m, stat)
        if value is None:
            raise ToolInputError(f"{title(ctx, seg)} has no {label(m)} figure.")
        if m.aggregation == "rate":
            stated = interval(f, seg, m.path[:-1])
        else:
            stated = f.value(seg_key(seg, *m.segment_path(stat)), value, m.unit)
        text = f"{what.capitalize()} of {title(ctx, seg)}: {stated}"
        if m.per_customer and stat == "mean":
            index = segment_value(seg, m, "index")
            text += f", {f.versus(seg_key(seg, *m.segment_path('index')), index)}"
        if m.key == "response_rate":
            lift = seg.response.lift if seg.response else None
            text += f", lift {f.lift(seg_key(seg, 'response', 'lift'), lift)}"
        if m.aggregation == "count":
            text += f", {f.pct(seg_key(seg, 'share'), seg.share)} of the base"
        base = population_value(profile, m, stat) if not no_base else None
        if base is not None:
            text += f" (all customers: {f.value(population_key(m, stat), base, m.unit)})"
        data.update(segment={"id": seg.id, "name": ctx.name(seg.id)}, value=value, population=base)
        return ToolResult(text=text + ".", data=data, figures=f.figures)
