"""The intent rules of the offline router, one method per kind of question.

`IntentRules` reads one question (a `Question` from `assistant.understanding.spotter`, plus the
tool calls of the conversation so far) and returns a `Plan` - one tool call with its
arguments, or a text answer such as a question back - or None when the question is not of
its kind. `assistant.understanding.router.Router` tries the rules in order; it also holds
the rules that depend on the conversation (what-if and follow-ups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import ToolInputError
from assistant.tools import ChatContext, Toolkit
from assistant.tools.lookup import find_segment
from assistant.understanding.reading import Vocabulary, find_metrics, normalize_question
from assistant.understanding.spotter import Question, SegmentSpotter
from assistant.understanding.values import count_filters, customer_attributes

__all__ = ["CUES", "Calls", "IntentRules", "Plan", "last_metric"]

Calls = list[tuple[str, dict[str, Any]]]

_DESC = frozenset(
    "most highest largest biggest top best greatest maximum max richest wealthiest oldest more "
    "heaviest strongest leading".split()
)
_ASC = frozenset(
    "least lowest smallest fewest bottom worst minimum min poorest youngest less weakest "
    "lightest".split()
)
CUES = {
    "help": r"\bhelp\b|\bwhat can (?:you|i)\b|\bwhat do you (?:do|know)\b|\bcapabilit|"
    r"\bhow (?:do|does) (?:this|it|you) work\b|\bwhat (?:questions|things|kind)\b.* ask\b|"
    r"\bhow do i use\b|\bcommands\b|^(?:hi|hello|hey)$",
    "what_if": r"\bwhat if\b|\bwhat happens if\b|\bsuppose\b|\bimagine\b|\bwhat would happen\b|"
    r"\bif (?:they|he|she|their|his|her|the customer|this customer|that customer)\b",
    "count": r"\bhow many\b|\bnumber of (?:customers|people|clients|households|shoppers)\b|"
    r"\bcount\b",
    "assign": r"\bassign|\bclassify|\bcategori[sz]e|\bbelongs?\b|\bfit(?:s)? (?:in|into)\b|"
    r"\bwhere (?:would|does|do|should|will)\b.*\b(?:fit|belong|go|land)\b|"
    r"\b(?:which|what) (?:persona|segment|group|cluster|profile)s? (?:is|would|does|do|fits|for|"
    r"suits|matches|describes)\b|\bpersona (?:of|for) (?:a|an|this|my|the)\b|\bmatch(?:es)? "
    r"(?:a|an)\b",
    "campaign": r"\bcampaign ideas?\b|\bmarketing ideas?\b|\bcampaign suggestions?\b|"
    r"\bideas? for\b|\bhow (?:should|can|could|do|would|to) (?:we |i |you )?(?:best )?(?:market|"
    r"target|reach|approach|engage|sell|advertise|win|promote)|\bmarket(?:ing)? to\b|"
    r"\bwhat (?:campaigns?|offers?|promotions?) (?:should|would|could|to|for|might|can|work)|"
    r"(?<!last )\bcampaigns? (?:for|to run|should)\b|\bpromote to\b|\bmarketing (?:plan|"
    r"strategy|approach)\b|\bsuggest\b.*\bcampaign",
    "chart": r"\b(?:chart|charts|plot|graph|visuali[sz]e|visuali[sz]ation|bar|pie|histogram|"
    r"draw|diagram)\b",
    "table": r"\btables?\b|\btabulate\b|\bspreadsheet\b",
    "compare": r"\bcompar|\bversus\b|\bvs\b|\bdiffer|\bcontrast\b|\bstack up\b",
    "rank": r"\brank|\bsort(?:ed)? by\b|\border(?:ed)? by\b|\bleague table\b",
    "list": r"\b(?:segments|personas|groups|clusters)\b",
    "describe": r"\btell me (?:more )?about\b|\bdescribe\b|\bwho (?:are|is)\b|\bwhat (?:are|is)\b.*"
    r"\blike\b|\bprofile of\b|\bdetails\b|\binfo(?:rmation)? (?:on|about)\b|\bexplain\b|"
    r"\bmore about\b|\bsummar",
    "overall": r"\boverall\b|\ball customers\b|\bin total\b|\beveryone\b|\bwhole base\b|"
    r"\ball (?:of )?(?:our|the) customers\b|\bacross (?:all|the base)\b|\baverage customer\b",
    "pronoun": r"\b(?:they|them|their|it|its|this segment|that segment|this one|that one|"
    r"this persona|that persona|this group|that group|those|these)\b",
    "follow": r"^(?:and|what about|how about|same for|same|now|also|ok|okay|then|but|for|in)\b",
}
EXPLICIT_DESCRIBE = r"\btell me (?:more )?about\b|\bdescribe\b|\bmore about\b|\bprofile of\b"
CUE_TOOLS = {  # a cue of another intent ends a follow-up ("and describe segment 4")
    "count": "count_customers", "campaign": "campaign_ideas", "chart": "chart", "table": "table",
    "compare": "compare_segments", "describe": "describe_segment", "help": "", "assign": "",
}  # fmt: skip
_SPEND_MIX = (
    r"\bspend(?:ing)? (?:mix|breakdown|split|by category|categories)|\bproduct mix\b|"
    r"\bcategory mix\b|\bbasket\b|\bwhat (?:do |does )?(?:\w+ ){0,4}(?:spend|buy) (?:money )?on\b"
)
_CHANNEL_MIX = r"\bchannel(?:s| mix| split)?\b|\bwhere (?:they|do they) (?:buy|shop)\b"
_SOMEONE = r"\b(?:customer|someone|somebody|person|shopper|buyer|client)\b"
_SIZES = r"\bsizes?\b|\bhow big\b|\bcustomers per segment\b|\bpie\b|\bshares?\b"


@dataclass
class Plan:
    """What to do: a tool call, or a text answer with no call (help, a question back)."""

    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    note: str | None = None
    read: str = ""  # "Read as: ..." (how the question was read), shown before the answer
    read_figures: dict[str, float] = field(default_factory=dict)


class IntentRules:
    """The single-question rules of the router, over one context and toolkit."""

    def __init__(self, ctx: ChatContext, toolkit: Toolkit) -> None:
        self.ctx = ctx
        self.toolkit = toolkit
        self.names = [ctx.name(s.id) for s in ctx.segments]
        self.vocabulary = Vocabulary.of(ctx.catalog)
        self._spotter = SegmentSpotter(self.names, self.vocabulary.metric_words)
        self._labels = tuple(
            (m.key, normalize_question(m.label))
            for m in ctx.catalog.measures
            if m.aggregation not in ("count", "share")
        )

    def _ask(self, what: str) -> Plan:
        """A question back (no tool call): which segment, or what to change."""
        listing = ", ".join(f"{n} (segment {i})" for i, n in enumerate(self.names))
        return Plan(text=f"{what} The segments are: {listing}.", note="needs more detail")

    # -- reading helpers ------------------------------------------------------------------
    def _metrics(self, q: Question, full: bool = False) -> list[str]:
        text = q.text if full else q.rest()
        found = find_metrics(text, self.vocabulary, self._labels)
        keys = list(dict.fromkeys(k for _, _, k in found))
        return [k for k in keys if k != "size"] or keys  # "biggest spenders" is not size

    def _metric_first(self, q: Question) -> bool:
        """Whether a metric is named before the first segment ("the income of segment 2")."""
        found = find_metrics(q.rest(), self.vocabulary, self._labels)
        if not found or not q.taken:
            return False
        return q.rest()[: found[0][0]].count(" ") < min(q.taken)

    def _segment(self, q: Question, calls: Calls) -> str | None:
        """The one segment a question is about: named, else "they/it" -> the last one."""
        if q.segments:
            return str(q.segments[0])
        if re.search(CUES["pronoun"], q.text):
            return self._last_segment(calls)
        return None

    def _last_segment(self, calls: Calls) -> str | None:
        """The segment (id) the conversation was last about: the last one named, or the
        first of the last ranking."""
        for name, args in reversed(calls):
            if isinstance(args.get("segment"), str | int):
                try:  # the model path may have named it
                    return str(find_segment(self.ctx, str(args["segment"])).id)
                except ToolInputError:
                    return None
            if name == "rank_segments":
                ranked = self._ranked(args)
                return str(ranked[0]) if ranked else None
            if name in ("assign_customer", "what_if", "list_segments", "compare_segments"):
                return None
        return None

    @staticmethod
    def _order(q: Question) -> str | None:
        words = set(q.tokens)
        if words & _ASC:
            return "asc"
        if words & _DESC:
            return "desc"
        return None

    @staticmethod
    def _top(q: Question) -> tuple[int | None, str | None]:
        match = re.search(r"\b(top|bottom) (\d+)\b", q.text) or re.search(
            r"\b(\d+) (best|highest|largest|biggest|top|lowest|worst|smallest)\b", q.text
        )
        if match is None:
            return None, None
        number, word = (match[2], match[1]) if match[1].isalpha() else (match[1], match[2])
        return int(number), ("asc" if word in _ASC | {"bottom"} else "desc")

    def _ranked(self, args: dict[str, Any]) -> list[int]:
        """Segment ids in the order a rank call returns them."""
        result = self.toolkit.run("rank_segments", args)
        return [int(r["id"]) for r in result.data.get("ranking", [])]

    def _rank_args(self, q: Question, metric: str) -> dict[str, Any]:
        order = self._order(q) or "desc"
        if metric == "recency_days" and re.search(r"\brecent", q.text):
            order = "desc" if order == "asc" else "asc"  # most recent = fewest days
        top, top_order = self._top(q)
        if "median" in q.tokens and not metric.startswith("median "):
            metric = f"median {metric}"  # the rank tool reads "median income" as the median
        args: dict[str, Any] = {"metric": metric, "order": top_order or order}
        if top:
            args["top"] = top
        return args

    # -- intents: each returns a plan, or None when the question is not of its kind --------
    def _count(self, q: Question, calls: Calls) -> Plan | None:
        """ "how many customers earn more than 60k (in segment 2)?" -> count_customers."""
        if not re.search(CUES["count"], q.text):
            return None
        if re.search(r"\bhow many (?:segments|personas|groups|clusters|types)\b", q.text):
            return Plan("list_segments", {})
        if re.search(r"\b(?:on )?average\b|\bmean\b|\bmedian\b|\btypical(?:ly)?\b", q.text):
            return None  # "how many kids do they have on average" is a figure
        segment = self._segment(q, calls) if not re.search(CUES["overall"], q.text) else None
        filters = count_filters(q.tokens, self.vocabulary, q.taken)
        if not filters and segment is not None and self.ctx.customers is None:
            return Plan("segment_figure", {"metric": "size", "segment": segment})
        if not filters and segment is None and self.ctx.customers is None:
            return Plan("list_segments", {})
        args: dict[str, Any] = {"segment": segment} if segment is not None else {}
        return Plan("count_customers", {**args, **({"filters": filters} if filters else {})})

    def _assign(self, q: Question, calls: Calls) -> Plan | None:
        """ "which persona is a 45-year-old with 2 kids earning 60k?" -> assign_customer."""
        cue = re.search(CUES["assign"], q.text)
        attributes = customer_attributes(q.tokens, self.vocabulary, q.taken)
        someone = re.search(_SOMEONE, q.text)
        described = len(attributes) >= 2 and re.match(r"(?:a|an|someone|customer)\b", q.text)
        if (cue and (attributes or someone)) or described:
            return Plan("assign_customer", attributes)
        return None

    def _campaign(self, q: Question, calls: Calls) -> Plan | None:
        """ "campaign ideas for X", "how should we market to X?" -> campaign_ideas."""
        if not re.search(CUES["campaign"], q.text):
            return None
        segment = self._segment(q, calls) or self._superlative(q) or self._last_segment(calls)
        if segment is None:
            return self._ask("Which segment should the campaign ideas be for?")
        return Plan("campaign_ideas", {"segment": segment})

    def _superlative(self, q: Question) -> str | None:
        """ "the biggest segment", "the top segment by income" -> that segment's id."""
        if not self._order(q):
            return None
        metrics = self._metrics(q, full=True)
        ranked = self._ranked(self._rank_args(q, metrics[0])) if metrics else []
        return str(ranked[0]) if ranked else None

    def _chart(self, q: Question, calls: Calls) -> Plan | None:
        """A chart word or a mix ("spend mix of X", "segment sizes chart") -> chart."""
        spend = re.search(_SPEND_MIX, q.text)
        channel = re.search(_CHANNEL_MIX, q.text)
        if not (re.search(CUES["chart"], q.text) or spend or channel):
            return None
        segment = self._segment(q, calls)
        mix = {"segment": segment} if segment is not None else {}
        if spend:
            return Plan("chart", {"kind": "spend_mix", **mix})
        if channel:
            return Plan("chart", {"kind": "channel_mix", **mix})
        metrics = [m for m in self._metrics(q) if m not in ("size", "share")]
        if metrics:
            return Plan("chart", {"kind": "metric", "metric": metrics[0]})
        if re.search(_SIZES, q.text) or not calls:
            return Plan("chart", {"kind": "sizes"})
        last = last_metric(calls)
        if last:
            return Plan("chart", {"kind": "metric", "metric": last})
        return Plan("chart", {"kind": "sizes"})

    def _table(self, q: Question, calls: Calls) -> Plan | None:
        """ "show the profile table (with income and age)" -> table."""
        if not re.search(CUES["table"], q.text):
            return None
        metrics = [m for m in self._metrics(q) if m not in ("size", "share")]
        return Plan("table", {"metrics": metrics} if metrics else {})

    def _compare(self, q: Question, calls: Calls) -> Plan | None:
        """ "compare segment 1 and 3 on income" -> compare_segments ("compare all": table)."""
        if not re.search(CUES["compare"], q.text):
            return None
        segs = [str(s) for s in q.segments]
        if len(segs) < 2:  # "compare 0 and 5": bare numbers are segment numbers here
            bare = [t for i, t in enumerate(q.tokens) if t.isdigit() and i not in q.taken]
            segs = list(dict.fromkeys([*segs, *bare])) if len(segs) + len(bare) >= 2 else segs
        if len(segs) == 1 and re.search(CUES["pronoun"], q.text) and self._last_segment(calls):
            segs = list(dict.fromkeys([self._last_segment(calls) or "", *segs]))
        metrics = self._metrics(q)
        if len(segs) < 2:
            if re.search(r"\ball\b", q.text) or not segs:
                return Plan("table", {"metrics": metrics} if metrics else {})
            return self._ask("Which segments should I compare? Name two or more.")
        args: dict[str, Any] = {"segments": segs}
        return Plan("compare_segments", {**args, "metrics": metrics} if metrics else args)

    def _rank(self, q: Question, calls: Calls) -> Plan | None:
        """ "which segment spends most on wine?", "top 3 by response rate" -> rank_segments;
        "tell me about the biggest segment" describes the first of that ranking."""
        order, (top, _) = self._order(q), self._top(q)
        if not (order or top or re.search(CUES["rank"], q.text)):
            return None
        metrics = self._metrics(q, full=True)
        if not metrics:
            return None
        args = self._rank_args(q, metrics[0])
        if re.search(EXPLICIT_DESCRIBE, q.text) and not q.segments and "top" not in args:
            ranked = self._ranked(args)
            if ranked:
                return Plan("describe_segment", {"segment": str(ranked[0])})
        return Plan("rank_segments", args)

    def _list(self, q: Question, calls: Calls) -> Plan | None:
        """ "what segments are there?", "show me the personas" -> list_segments."""
        plural = re.search(CUES["list"], q.text)
        asks = re.search(
            r"\b(?:what|which|list|show|name|all|overview|have|there|available|exist|see|tell|"
            r"give|are)\b",
            q.text,
        )
        if plural and asks and not q.segments and not self._metrics(q):
            return Plan("list_segments", {})
        if re.search(r"\boverview\b|\bwho are (?:our|my|the) customers\b", q.text):
            return Plan("list_segments", {})
        return None

    def _figure(self, q: Question, calls: Calls) -> Plan | None:
        """ "average income of X", "median age overall" -> segment_figure."""
        metrics = self._metrics(q)
        if not metrics:
            return None
        segment = self._segment(q, calls)
        stat = {"stat": "median"} if "median" in q.tokens else {}
        if q.segments and re.search(EXPLICIT_DESCRIBE, q.text) and not self._metric_first(q):
            return None  # "describe the parents of teenagers": the metric word is in the name
        if segment is not None:
            return Plan("segment_figure", {"metric": metrics[0], "segment": segment, **stat})
        asks = re.search(
            r"\b(?:what|how|give|show|tell)\b|\baverage\b|\bmean\b|\bmedian\b|\btypical\b", q.text
        )
        if asks or re.search(CUES["overall"], q.text) or len(q.tokens) <= 3:
            return Plan("segment_figure", {"metric": metrics[0], **stat})
        return None

    def _describe(self, q: Question, calls: Calls) -> Plan | None:
        """A named segment, or "tell me about <phrase>" (the tool resolves or suggests)."""
        segment = self._segment(q, calls)
        if segment is not None:
            return Plan("describe_segment", {"segment": segment})
        cue = re.search(CUES["describe"], q.text)
        if cue is None:
            return None
        phrase = q.text[cue.end() :]
        phrase = re.sub(r"^(?:the|a|an|our|this|that)\s+", "", phrase.strip())
        if not phrase or phrase in ("it", "them", "segment", "persona"):
            return None
        return Plan("describe_segment", {"segment": phrase})


def last_metric(calls: Calls) -> str | None:
    """The metric of the conversation's last call that had one."""
    for _, args in reversed(calls):
        if isinstance(args.get("metric"), str):
            return args["metric"]
    return None
