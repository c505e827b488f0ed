"""The reader's figure questions: a `Reading` of a query (aggregate, rank, compare, or a
marketing ranking) from the slots of a question, or a decline that says why."""

from __future__ import annotations

import re

from assistant.query import Query
from assistant.tools.context import ChatContext
from assistant.understanding.chatter import CHATTER, NEGATIONS
from assistant.understanding.coverage import quoted, share_base, unused
from assistant.understanding.grouping import complement, ranked_dimension
from assistant.understanding.readout import Reading
from assistant.understanding.slots import Slots
from assistant.understanding.superlatives import adjective_measure

__all__ = ["FigureReading"]

_PERIOD = re.compile(r"\b(?:per|a|each|every) (?:month|week|day|year)\b|\b(?:monthly|weekly|"
                     r"daily|annually)\b")  # fmt: skip


class FigureReading:
    """Reads figure questions; mixed into `assistant.understanding.reader.Reader`, whose
    ``ctx``, ``hand`` words and ``_decline`` it uses."""

    ctx: ChatContext
    hand: frozenset[str]

    def _decline(self, s: Slots, unread: tuple[str, ...], confidence: float, why: str) -> Reading:
        raise NotImplementedError

    def _query(self, kind: str, s: Slots, confidence: float) -> Reading:
        purpose_measure = {"price_sensitivity": "purchases_deals", "loyalty": "tenure_days",
                           "churn": "recency_days"}  # fmt: skip
        catalog = self.ctx.catalog
        if s.persona_level and kind in ("rank", "aggregate", "compare"):
            return self._persona_level(kind, s, confidence)
        if kind in purpose_measure:
            key = purpose_measure[kind]
            if key not in catalog:
                return self._decline(s, (), confidence, f"This table has no column for {kind}.")
            query = Query(kind="rank", measure=key, stat="mean", purpose=kind)
        elif kind == "target":
            measure = next((m for m in s.metrics if m.startswith("spend_")), None)
            product = [t for i, t in enumerate(s.tokens) if i not in s.read and t not in CHATTER
                       and t not in self.hand and t not in NEGATIONS]  # fmt: skip
            by_product = any(k.startswith("spend_") for k in catalog.keys())
            if measure is None and product and by_product:  # "a fishmonger pop-up": not all
                return self._decline(s, (), confidence, f"I could not tell which product "
                                     f"{quoted(tuple(product))} is.")  # fmt: skip
            spend = [m.key for m in catalog.metrics if m.per_customer
                     and re.search(r"\bspen[dt]", f"{m.key} {m.label}".lower())]  # fmt: skip
            measure = measure or ("total_spend" if "total_spend" in catalog else None)
            measure = measure or (spend[0] if spend else None)  # a table's spending score
            if measure is None:
                return self._decline(s, (), confidence, "This table has no spend column.")
            query = Query(kind="rank", measure=measure, stat="mean", purpose="target")
        elif kind == "rank" and (dim := ranked_dimension(self.ctx, s.tokens)):
            measure, stat = s.measure()  # "which education level spends most": its levels
            query = Query(kind="aggregate", measure=measure, stat=stat, where=s.where,
                          by=(dim,), show=s.show)  # fmt: skip
        elif kind == "rank":
            measure, stat = s.measure()
            order = s.order
            adjective = next((a for t in s.tokens if (a := adjective_measure(self.ctx, t))), None)
            by = s.ranked_by if s.ranked and set(s.personas) == set(s.ranked) else None
            if by and measure != "customers":  # "rank all personas from the oldest ..."
                s.personas, order = [], by[1] if by[0] == measure else order
            if measure == "complain" and {"worst", "best"} & set(s.tokens):
                order = "desc" if "worst" in s.tokens else "asc"  # fewer complaints: better
            if measure == "customers" and (by or adjective):  # "our biggest segment?"
                s.personas = []  # the ranking, not a persona
                measure, order = by or adjective or ("", "")
                stat = "count" if measure == "size" else "mean"
                measure = "customers" if measure == "size" else measure
                if measure in ("response_rate", "response"):
                    measure, stat = "response", "rate"
            elif measure == "customers" and s.where:  # "the persona with the most PhDs"
                share = s.stat == "share" or bool({"share", "percent", "percentage",
                                                    "proportion"} & set(s.tokens))  # fmt: skip
                stat = "share" if share else "count"
                flags = [c for c in s.where if c.field in ("response", "complain")
                         and c.op == "==" and c.value in (1, 1.0)]  # fmt: skip
                counted = re.search(r"\bnumber of\b|\bhow many\b|\bcount\b", " ".join(s.tokens))
                if flags and not counted:  # "which group complains the most": a rate
                    measure, stat = flags[0].field, "rate"
                    s.where = tuple(c for c in s.where if c is not flags[0])
            elif measure == "customers":
                return self._decline(s, (), confidence, "Rank the personas by what?")
            query = Query(kind="rank", measure=measure, stat=stat, where=s.where,
                          order=order, top=s.top, show=s.show)  # fmt: skip
        elif kind == "compare":
            personas = s.persona_refs
            ids = [u for u in s.unbound if u.isdigit() and int(u) < len(self.ctx.names)]
            if len(personas) + len(ids) >= 2 and len(ids) == len(s.unbound):
                personas = tuple(dict.fromkeys([*personas, *ids]))  # "compare 0 and 5"
                s.unbound = []
            if len(personas) < 2 and len(s.groups) < 2 and len(s.where) == 1 and s.metrics and \
                    {"more", "less", "higher", "lower"} & set(s.tokens):  # fmt: skip
                s.groups = ((s.where[0],), (complement(s.where[0]),))  # "do parents spend more"
            if len(personas) < 2 and len(s.groups) < 2:
                return self._decline(s, (), confidence, "Which personas or groups should I "
                                     "compare?")  # fmt: skip
            flagged = {c.field for c in s.where} | {c.field for g in s.groups for c in g}
            if len(personas) >= 2 and flagged and flagged <= {"response", "complain"}:
                s.metrics = [*s.metrics, *sorted(flagged)]  # "is persona 2 more likely to have
                s.where, s.groups = (), ()  # complained than persona 3?": their rates
            grouped = {c for g in s.groups for c in g}
            common = tuple(c for c in s.where if c not in grouped)  # "among PhDs, married vs ..."
            query = Query(kind="compare", personas=personas if len(s.groups) < 2 else (),
                          groups=s.groups if len(s.groups) >= 2 else (), measures=tuple(s.metrics),
                          where=common if len(s.groups) >= 2 else s.where, show=s.show)  # fmt: skip
        elif s.size and len(s.personas) == 1 and not s.where and not s.by and s.stat != "share" \
                and not s.metrics:  # fmt: skip
            name = self.ctx.name(s.personas[0])
            return Reading(kind, tool="segment_figure", understood=f"the size of {name}",
                           args={"metric": "size", "segment": str(s.personas[0])},
                           confidence=confidence)  # "how big is segment 2?"  # fmt: skip
        elif s.stat == "share" and not s.metrics and len(s.where) >= 2 and share_base(s):
            within, where = share_base(s)
            flags = [c for c in where if c.field in ("response", "complain") and c.op == "=="]
            if len(where) == 1 and flags and flags[0].value in (1, 1.0):  # "% of parents responded"
                query = Query(kind="aggregate", measure=flags[0].field, stat="rate", where=within,
                              personas=s.persona_refs, by=s.by, show=s.show)  # fmt: skip
            else:  # "what share of married customers have a PhD"
                query = Query(kind="aggregate", measure="customers", stat="share", where=where,
                              within=within, personas=s.persona_refs, by=s.by,
                              show=s.show)  # fmt: skip
        else:
            measure, stat = s.measure()
            query = Query(kind="aggregate", measure=measure, stat=stat, where=s.where,
                          personas=s.persona_refs, by=s.by, show=s.show)  # fmt: skip
        per = _PERIOD.search(" ".join(s.tokens))
        at = len(" ".join(s.tokens)[: per.start()].split()) if per else 0
        after_metric = per is not None and s.tags.get(at - 1) == "xmetricx"
        totals = [k for k in (query.measure, *query.measures) if k in self.ctx.catalog and (
            "two-year" in (self.ctx.catalog.measure(k).description or "")
            or k.startswith("purchases_") or k == "total_purchases")]  # fmt: skip
        if after_metric and totals:  # "web purchases per month": the column counts two years
            label = self.ctx.catalog.measure(totals[0]).label
            return self._decline(s, (), confidence, f"{label} is counted over two years; I "
                                 f"cannot give it {per.group(0)}.")  # fmt: skip
        left = unused(query, s)
        if left:
            return self._decline(s, (), confidence, f"I could not tell how {left} fits the "
                                 "question, so I did not answer a different one.")  # fmt: skip
        return Reading(kind, query=query, confidence=confidence)

    def _persona_level(self, kind: str, s: Slots, confidence: float) -> Reading:
        """A figure known per persona only (response lift, a past campaign's acceptance):
        the profile tools answer it; with conditions or groupings it cannot be answered."""
        key = s.persona_level[0]
        label = self.ctx.catalog.measure(key).label
        personas = [str(p) for p in s.personas]
        if s.where or s.by or s.groups or len(s.persona_level) > 1:
            why = f"The {label} is known per persona only, not for a group of customers."
            return self._decline(s, (), confidence, why)
        if kind == "compare" and len(personas) >= 2:
            return Reading(kind, tool="compare_segments",
                           args={"segments": personas, "metrics": [key]},
                           understood=f"{label} of " + ", ".join(
                               self.ctx.name(int(p)) for p in personas),
                           confidence=confidence)  # fmt: skip
        if kind == "rank" or (kind == "compare" and not personas):
            order = s.order
            return Reading("rank", tool="rank_segments", args={"metric": key, "order": order},
                           understood=f"personas ranked by {label}, "
                           f"{'lowest' if order == 'asc' else 'highest'} first",
                           confidence=confidence)  # fmt: skip
        if len(personas) > 1:
            return self._decline(s, (), confidence, "Which persona do you mean?")
        whom = self.ctx.name(int(personas[0])) if personas else "all customers"
        return Reading(kind, tool="segment_figure",
                       args={"metric": key, **({"segment": personas[0]} if personas else {})},
                       understood=f"{label} of {whom}", confidence=confidence)  # fmt: skip
