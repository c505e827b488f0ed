"""The query tool (one typed query over the catalog) and the draft tool (a subject line or a
short email for a persona, labelled as a draft)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import ValidationError

from assistant.errors import ToolInputError
from assistant.query import Condition, Query, flag_level, run_query
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from assistant.tools.figures import title, visible
from assistant.tools.lookup import find_segment
from assistant.tools.result import ToolResult
from assistant.tools.toolkit import tool

__all__ = ["QueryTools"]

DRAFT_NOTE = (
    "*Draft built from this persona's figures (what they spend most on, where they shop); "
    "not checked by a copywriter.*"
)


class QueryTools:
    """The query tool and drafts."""

    ctx: ChatContext

    @tool
    def query(
        self,
        kind: Literal["aggregate", "rank", "compare"] = "aggregate",
        measure: str = "customers",
        stat: Literal["mean", "median", "sum", "count", "share", "rate"] | None = None,
        where: list[Condition] | None = None,
        personas: list[str] | None = None,
        by: list[str] | None = None,
        order: Literal["desc", "asc"] = "desc",
        top: int | None = None,
        measures: list[str] | None = None,
        groups: list[list[Condition]] | None = None,
        show: Literal["text", "chart", "table"] = "text",
        purpose: Literal["target", "price_sensitivity", "loyalty", "churn"] | None = None,
        within: list[Condition] | None = None,
    ) -> ToolResult:
        """Answer a question about customers with figures: counts, shares, means, medians,
        sums and yes/no rates, filtered, per persona or per attribute (or a cross-tab of
        two), rankings of personas, and comparisons of personas or of filtered groups. The
        answer starts with how the query was read. Groups under 11 customers are withheld.

        Args:
            kind: "aggregate" (a figure, optionally grouped), "rank" (personas ordered by the
                figure) or "compare" (personas or groups side by side).
            measure: a metric key, a yes/no attribute (response, complain) with stat
                "rate", or "customers" with stat "count" or "share".
            stat: mean, median, sum, count, share or rate (default: count for customers,
                rate for a yes/no attribute, else mean).
            where: conditions all customers counted must meet, e.g. [{"field": "income",
                "op": ">", "value": 60000}, {"field": "marital_status", "op": "!=",
                "value": "Married"}]; "between" takes "value" and "high".
            personas: persona numbers or names to restrict to (or to compare).
            by: "persona" and/or an attribute key (education, marital_status ...), at most 2.
            order: for rank: "desc" (highest first) or "asc".
            top: for rank: how many personas to show.
            measures: for compare: the metrics to show (default: those that differ most).
            groups: for compare: two or more lists of conditions, one per group.
            show: "text", "chart" or "table".
            purpose: for rank: the marketing question. Target ranks by the product's spend
                with each persona's response rate, price_sensitivity by deal purchases,
                loyalty by tenure, churn by days since the last purchase (labelled a proxy).
            within: for share: whom it is a share of. E.g. "share of married customers with
                a PhD": within married, where PhD.
        """
        if stat is None:
            flags = {d.key for d in self.ctx.catalog.dimensions if flag_level(d)}
            stat = "count" if measure == "customers" else "rate" if measure in flags else "mean"
        try:
            q = Query(
                kind=kind, measure=measure, stat=stat, where=tuple(where or ()),
                personas=tuple(personas or ()), by=tuple(by or ()), order=order, top=top,
                measures=tuple(measures or ()), groups=tuple(tuple(g) for g in groups or ()),
                show=show, purpose=purpose, within=tuple(within or ()),
            )  # fmt: skip
        except ValidationError as exc:
            raise ToolInputError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
        return self.run_query(q)

    def run_query(self, q: Query) -> ToolResult:
        """Run a checked `Query` (the offline reader's, or the query tool's)."""
        text, chart, table, data, figures = run_query(self.ctx, q)
        return ToolResult(
            text=text, data={**data, "query": q.model_dump(mode="json", exclude_defaults=True)},
            figures=figures, chart=chart, table=table,
        )  # fmt: skip

    @tool
    def draft_message(
        self, segment: str, format: Literal["subject", "email"] = "email", topic: str = ""
    ) -> ToolResult:
        """A draft subject line or short email for a persona, built from its write-up
        (what moves them, how to talk to them) and labelled as a draft.

        Args:
            segment: the segment's number or name.
            format: "subject" (three subject lines) or "email" (subject and body).
            topic: what the message is about, in the marketer's words (shown with the
                draft, which is built from the persona alone).
        """
        ctx = self.ctx
        seg = visible(ctx, find_segment(ctx, segment))
        product, channel = _favourites(ctx, seg)
        head = f"### Draft for {title(ctx, seg)}"
        if format == "subject":
            lines = [head, f"1. Your {product} picks are here", f"2. Hand-picked {product} for you",
                     f"3. New {product}, ready {channel}"]  # fmt: skip
        else:
            lines = [head, f"**Subject:** Hand-picked {product} for you", "",
                     "Hello,", "",
                     f"We have picked a few {product} favourites we think you will like, and "
                     f"they are ready for you {channel}.", "",
                     f"[See the {product} selection]"]  # fmt: skip
        lines += ["", DRAFT_NOTE]
        topic = clean_label(topic, 120).strip()
        if topic:
            lines.append(f"*Your topic, \u201c{topic}\u201d, is not written in: add it before "
                         "sending.*")  # fmt: skip
        return ToolResult(text="\n".join(lines),
                          data={"segment": seg.id, "format": format, "draft": True})  # fmt: skip


def _favourites(ctx: ChatContext, seg) -> tuple[str, str]:
    """The product the segment spends most on (absolute spend, not affinity) and its main
    channel, as phrases; generic words when the table has neither."""
    catalog = ctx.catalog
    spend, channels = catalog.mix("spend_mix"), catalog.mix("channel_mix")
    product, channel = "new arrivals", "online"
    if spend is not None:
        means = [(seg.figure(("metrics", p.measure, "mean")) or 0.0, p) for p in spend.parts]
        product = _plain(max(means, key=lambda t: t[0])[1].phrase)
    if channels is not None and seg.channel_mix:
        shares = {k: v for k, v in seg.channel_mix.items() if v is not None}
        if shares:
            top = max(shares, key=shares.get)
            part = next((p for p in channels.parts if p.key == top), None)
            channel = _plain(part.phrase) if part is not None else channel
    return product, channel


def _plain(text: str) -> str:
    """A catalog phrase as plain words: nothing in brackets ("gold (premium) products" ->
    "gold products")."""
    return " ".join(clean_label(re.sub(r"\(.*?\)", " ", text), 80).split())
