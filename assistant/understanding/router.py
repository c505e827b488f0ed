"""The offline, deterministic question router: plain-language questions to one tool call.

Used when there is no language model or it failed. `Router.route` reads a question (and the
conversation so far) into a tool name and arguments; `Router.answer` runs that call through
the `Toolkit` and returns the tool's own text, chart, table and figures as a `ChatAnswer`, so
every number in the answer comes from a tool and stays verifiable. It understands listing,
describing, comparing, ranking, single figures, counting, assigning a described customer,
what-if, campaign ideas, charts, the profile table and help, with fuzzy segment names,
amounts ("60k", "$60,000", "sixty thousand") and small number words ("two kids"), and
follow-ups ("and the second one?", "and segment 4?", "what about income?", "and only the
married ones?"); anything else gets the list of what it can do.

A `Router` holds only read-only lookups built from its context, so one router may serve
many users: the conversation state is the ``history`` of `ChatAnswer`s each user keeps (their
``tools``, typed `ToolCall`s, say what was asked last).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from assistant.answers import ChatAnswer
from assistant.tools import ChatContext, Toolbox, ToolCall, Toolkit
from assistant.understanding.intents import (
    CUE_TOOLS,
    CUES,
    EXPLICIT_DESCRIBE,
    Calls,
    IntentRules,
    Plan,
)
from assistant.understanding.lowering import as_query, lower, read_line
from assistant.understanding.reader import Reader, Reading
from assistant.understanding.refine import FILLER, REFINE_CUE, refine
from assistant.understanding.spotter import Question
from assistant.understanding.values import customer_changes

__all__ = ["Router"]


class Router(IntentRules):
    """Answers common questions offline with one tool call each (see the module docstring).

    ``ctx`` is the conversation's `ChatContext`; ``toolkit`` defaults to every chat tool
    over it (`Toolbox`).
    """

    def __init__(self, ctx: ChatContext, toolkit: Toolkit | None = None) -> None:
        super().__init__(ctx, toolkit if toolkit is not None else Toolbox(ctx).toolkit)
        self.reader = Reader(ctx)

    # -- public ---------------------------------------------------------------------------
    def route(
        self, question: str, history: Sequence[ChatAnswer] | None = None
    ) -> tuple[str, dict[str, Any]] | None:
        """The tool call the router would make for a question, or None (help, unknown)."""
        plan = self._plan(question, history or ())
        return (plan.tool, plan.args) if plan.tool else None

    def answer(self, question: str, history: Sequence[ChatAnswer] | None = None) -> ChatAnswer:
        """Answer a question: the routed tool's text, chart, table and figures, or the list
        of what the router can do. ``history`` is this user's earlier answers, oldest first."""
        plan = self._plan(question, history or ())
        if plan.tool is None:
            return ChatAnswer(text=plan.text, writer="router", note=plan.note)
        result = self.toolkit.run(plan.tool, plan.args)
        text = result.text
        if plan.read and not text.startswith("Read as:") and not result.error:
            text = f"{plan.read}\n\n{text}"
        return ChatAnswer(
            text=text,
            chart=result.chart,
            table=result.table,
            figures={**plan.read_figures, **result.figures},
            tools=[ToolCall(plan.tool, dict(plan.args), result)],
            writer="router",
            note="the tool could not answer" if result.error else None,
        )

    def capabilities(self) -> str:
        """What the router understands, with examples from this model (Markdown)."""
        first = self.names[0] if self.names else "a segment"
        other = self.names[-1] if self.names else "another"
        return "\n".join(
            [
                "I can answer these kinds of questions:",
                "- **List** the segments: *what segments are there?*",
                f"- **Describe** one: *tell me about {first}*, *describe segment 1*",
                "- **Compare**: *compare segment 1 and segment 2 on income and spend*",
                "- **Rank**: *which segment spends most on wine?*, *lowest income segment*",
                f"- **A figure**: *average income of {other}*, *median age overall*",
                "- **Count**: *how many customers earn more than sixty thousand?*",
                "- **Assign** a customer: *which persona is a forty-year-old with two kids "
                "earning sixty thousand?*",
                "- **What if**, after assigning: *what if their income rises by twenty "
                "thousand?*, *and with one more child?*",
                f"- **Campaign ideas**: *campaign ideas for {first}*",
                "- **Charts and tables**: *chart income by segment*, *segment sizes chart*, "
                "*show the profile table*",
                "- **Follow-ups**: *and the second one?*, *what about income?*, "
                "*and only the married ones?*",
            ]
        )

    # -- planning -------------------------------------------------------------------------
    def _plan(self, question: str, history: Sequence[ChatAnswer]) -> Plan:
        q = self._spotter.read(question)
        calls = _calls(history)
        if not q.tokens:
            return self._help("")
        for step in (self._what_if, self._refine, self._follow_up):
            plan = step(q, calls)
            if plan is not None:
                return self._check_ids(plan)
        reading = self.reader.read(self._pronouns(question, q, calls))
        if reading.kind == "chart":  # the profile's charts and table say what they show
            return self._check_ids(self._chart(q, calls) or Plan("chart", {"kind": "sizes"}))
        if reading.kind == "table":
            metrics = [m for m in self._metrics(q) if m not in ("size", "share")]
            return Plan("table", {"metrics": metrics} if metrics else {})
        if reading.declined and not q.segments:  # "tell me about the families": the tool
            for cue, step in ((EXPLICIT_DESCRIBE, self._describe),  # resolves it or asks back
                              (CUES["campaign"], self._campaign)):  # fmt: skip
                plan = step(q, calls) if re.search(cue, q.text) else None
                if plan is not None and plan.tool:
                    return self._check_ids(plan)
        return self._from_reading(reading)

    def _pronouns(self, question: str, q: Question, calls: Calls) -> str:
        """The question with "them", "it", "this segment" replaced by the persona the
        conversation was last about ("campaign ideas for them" after describing one)."""
        if q.segments or not calls:
            return question
        last = self._last_segment(calls)
        hit = re.search(CUES["pronoun"], q.text)
        if last is None or hit is None:
            return question
        name = self.names[int(last)]
        name = f"{name}'s" if hit.group(0) in ("their", "its") else name
        return f"{q.text[: hit.start()]}{name}{q.text[hit.end() :]}"

    def _from_reading(self, reading: Reading) -> Plan:
        """The plan of a reading: its tool call with the "Read as" line, or a text answer
        (help, the one-snapshot answer to growth, or a decline with what was understood
        and questions it can answer)."""
        tool, args = lower(reading)
        if tool == "count_customers" and "filters" not in args and self.ctx.customers is None:
            tool, args = (  # without the customer table, a persona's count is its size
                ("segment_figure", {"metric": "size", **args}) if args
                else ("list_segments", {})
            )  # fmt: skip
        if tool is not None:
            shown = reading
            if tool == "rank_segments" and reading.query is not None and reading.query.top == 1:
                top = reading.query.model_copy(update={"top": None})  # all, the first in bold
                shown = replace(reading, query=top)
            line, figures = read_line(self.ctx, shown)
            return self._check_ids(Plan(tool, args, read=line, read_figures=figures))
        if reading.kind == "help":
            return self._help("")
        if reading.kind == "growth":
            return Plan(text=reading.text or "", note="one snapshot: growth cannot be measured")
        return Plan(
            text=f"{reading.text}\n\n{self._closest(reading)}",
            note="question not fully understood; said what was understood",
        )

    def _closest(self, reading: Reading) -> str:
        """Questions close to what was understood that this model can answer."""
        first = self.names[0] if self.names else "a persona"
        metric = next((m.label for m in self.ctx.catalog.metrics if m.per_customer), "income")
        options = [
            f"Average {metric} by persona",
            f"Which persona has the highest {metric}?",
            f"Tell me about {first}",
            "How many customers are there in each persona?",
        ]
        return "Questions I can answer, for example:\n" + "\n".join(f"- *{o}*" for o in options)

    def _check_ids(self, plan: Plan) -> Plan:
        """A question back, not a tool error, for a segment number the model does not have."""
        named = [plan.args.get("segment"), *plan.args.get("segments", [])]
        wrong = [s for s in named if str(s).isdigit() and int(s) >= len(self.names)]
        if wrong:
            return self._ask(f"There is no segment {wrong[0]}.")
        return plan

    def _help(self, lead: str, note: str | None = None) -> Plan:
        return Plan(text=lead + self.capabilities(), note=note)

    # -- the conversation ----------------------------------------------------------------
    def _what_if(self, q: Question, calls: Calls) -> Plan | None:
        """ "what if their income rises by 20k?", "and with one more child?" -> what_if on the
        customer last assigned in this conversation (each change from that customer)."""
        changes = customer_changes(q.text, self.vocabulary)
        base = _last_customer(calls)
        cue = re.search(CUES["what_if"], q.text)
        follow = base is not None and re.search(CUES["follow"], q.text)
        if not cue and not (follow and changes):
            return None
        if not changes:
            if base is None:
                return None
            return Plan(
                text="Say what changes for the customer, e.g. *what if their income rises by "
                "twenty thousand?* or *what if they had one more child?*",
                note="needs more detail",
            )
        return Plan("what_if", {**(base or {}), **changes})

    def _refine(self, q: Question, calls: Calls) -> Plan | None:
        """A follow-up that changes the conditions of the last figure ("and only the married
        ones?", "what about the singles?", "same for wine among PhDs") -> that figure with
        the new conditions (`assistant.understanding.refine`); None when not one."""
        if not calls or not re.search(REFINE_CUE, q.text):
            return None
        base = as_query(*calls[-1])
        if base is None or base.kind == "compare":
            return None
        s = self.reader.slots(q.raw or q.text)
        if s is None or not s.where or s.groups or s.by or len(s.metrics) > 1:
            return None
        if any(t not in FILLER for i, t in enumerate(s.tokens) if i not in s.read):
            return None  # a word of its own: read the question by itself
        measure = s.metrics[0] if s.metrics else None
        if measure is not None and measure not in self.ctx.catalog:
            return None
        query = refine(base, s.where, s.persona_refs, measure)
        return self._from_reading(Reading(query.kind, query=query))

    def _follow_up(self, q: Question, calls: Calls) -> Plan | None:
        """A follow-up of the last call: "and the second one?" after a ranking or list,
        "and segment 4?" (same tool, new segment), "what about income?" (same tool, new
        metric), "and the lowest?", "what about overall?"; None when not one."""
        if not calls:
            return None
        name, args = calls[-1]
        segs = [str(s) for s in q.segments]
        if q.ordinal is not None and not segs:
            ids: list[int] = []
            if name == "rank_segments":
                ids = self._ranked(args)
            elif name == "list_segments":
                ids = list(range(len(self.names)))
            elif name == "compare_segments":
                ids = [int(s) for s in args.get("segments", []) if str(s).isdigit()]
            if ids and -len(ids) <= q.ordinal < len(ids):
                return Plan("describe_segment", {"segment": str(ids[q.ordinal])})
        other = [k for k, tool in CUE_TOOLS.items() if tool != name and re.search(CUES[k], q.text)]
        if other or not (re.search(CUES["follow"], q.text) or len(q.tokens) <= 4):
            return None
        metrics = self._metrics(q)
        overall = re.search(CUES["overall"], q.text)
        if name == "rank_segments" and (metrics or self._order(q) or self._top(q)[0]):
            metric = metrics[0] if metrics else str(args.get("metric", ""))
            new = {**args, **self._rank_args(q, metric)}
            if not self._order(q) and not self._top(q)[0]:
                new["order"] = args.get("order", "desc")
            return Plan("rank_segments", new)
        stat = next((w for w in q.tokens if w in ("median", "mean", "average")), None)
        if name == "segment_figure" and (segs or metrics or overall or stat):
            new = {**args, "metric": metrics[0] if metrics else args.get("metric")}
            new.pop("segment", None)
            if stat:
                new["stat"] = "median" if stat == "median" else "mean"
            segment = segs[0] if segs else None if overall else args.get("segment")
            return Plan("segment_figure", {**new, **({"segment": segment} if segment else {})})
        if name in ("describe_segment", "campaign_ideas") and segs:
            return Plan(name, {"segment": segs[0]})
        if name == "describe_segment" and metrics:
            segment = self._last_segment(calls) or args.get("segment")
            return Plan("segment_figure", {"metric": metrics[0], "segment": segment})
        if name == "compare_segments" and (segs or metrics):
            keep = list(dict.fromkeys([*args.get("segments", []), *segs]))
            new = {**args, "segments": keep}
            return Plan(name, {**new, "metrics": metrics} if metrics else new)
        if name == "count_customers" and (segs or overall):
            new = {k: v for k, v in args.items() if k != "segment"}
            return Plan(name, {**new, **({"segment": segs[0]} if segs else {})})
        if name == "chart" and (segs or metrics):
            if args.get("kind") in ("spend_mix", "channel_mix") and segs:
                return Plan(name, {**args, "segment": segs[0]})
            if args.get("kind") == "metric" and metrics:
                return Plan(name, {**args, "metric": metrics[0]})
        if name == "table" and metrics:
            return Plan(name, {"metrics": metrics})
        if name == "query" and (segs or metrics or overall) and args.get("kind") != "compare":
            new = dict(args)  # "and for the frugal families?", "what about income?"
            if metrics and metrics[0] in self.ctx.catalog:
                new["measure"] = metrics[0]
                new["stat"] = "median" if new.get("stat") == "median" else "mean"
            if segs or overall:
                new["personas"] = segs
            return Plan("query", {k: v for k, v in new.items() if v not in ([], None)})
        if segs and len(q.tokens) <= 6:
            return Plan("describe_segment", {"segment": segs[0]})
        return None


def _calls(history: Sequence[ChatAnswer]) -> Calls:
    """The tool calls of a conversation, oldest first."""
    return [(call.name, dict(call.arguments)) for answer in history for call in answer.tools]


def _last_customer(calls: Calls) -> dict[str, Any] | None:
    """The customer last assigned (or the starting customer of the last what-if)."""
    for name, args in reversed(calls):
        if name in ("assign_customer", "what_if"):
            return {k: v for k, v in args.items() if not _is_change(k)}
    return None


def _is_change(argument: str) -> bool:
    """Whether a what-if argument is a change (``income_change``, ``changes``), not the
    customer."""
    return argument == "changes" or argument.endswith("_change")
