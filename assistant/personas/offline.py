"""The offline writer: good, deterministic persona text from the statistics alone.

It answers the same request as a language model, with the same `PersonaWriteup` JSON, so
everything downstream (verification, cache, report, UI) treats both alike. Every number it
writes is formatted from a value of the fact sheet by `segmentation.formats`, in a form the
number checker accepts (shares as whole percents, indexes as "46% above average" or "2.5x
the average", money as "76.5k"); its words for categories, channels and household figures
come from the catalog. The rules for a table with spend and channels are in
`assistant.personas.offline_rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.llm import LLMSettings, OpenAIWriter, Writer
from assistant.personas.facts import FactSheet
from assistant.personas.offline_generic import GenericRules
from assistant.personas.offline_rules import ReferenceRules
from assistant.personas.writeup import CampaignIdea, PersonaWriteup
from assistant.prompts import render
from segmentation import formats
from segmentation.catalog import Catalog, reference_catalog

__all__ = ["OfflineWriter", "make_writer", "offline_writeup"]


class OfflineWriter:
    """Writes personas with no network, from the fact sheet of the request."""

    name = "offline"
    kind = "offline"

    def write(self, request: Any) -> str:
        """JSON of the `PersonaWriteup` for ``request.facts`` (the fact sheet's JSON)."""
        return offline_writeup(request.facts).model_dump_json()


def make_writer(settings: LLMSettings) -> Writer:
    """`OpenAIWriter` when a key or base URL is set, else the offline writer."""
    if settings.online:
        return OpenAIWriter(settings)
    return OfflineWriter()


def _pct(share: float) -> str:
    return formats.percent(share, 0)


def _response_phrase(facts: FactSheet) -> str:
    past = (facts.campaigns or {}).get("any_past")
    parts = []
    if past is not None and past.rate is not None:
        parts.append(f"{_pct(past.rate)} accepted at least one of the five past campaigns")
    response = facts.response
    if response is not None and response.rate is not None:
        lift = response.lift
        tail = f", {lift:.1f}x the average rate" if lift is not None and lift >= 1.1 else ""
        parts.append(f"{_pct(response.rate)} answered the last campaign{tail}")
    return " and ".join(parts).capitalize() if parts else ""


def _top(mix: dict[str, Any] | None, keys: tuple[str, ...] | None = None) -> str | None:
    numeric = {
        k: v
        for k, v in (mix or {}).items()
        if isinstance(v, int | float) and (keys is None or k in keys)
    }
    return max(numeric, key=lambda k: numeric[k]) if numeric else None


def offline_writeup(
    facts: FactSheet | Mapping[str, Any], catalog: Catalog | None = None
) -> PersonaWriteup:
    """The persona write-up of a fact sheet (`assistant.personas.facts.fact_sheet`, or its
    JSON as a model receives it), in the words of ``catalog`` (default: the reference
    schema's)."""
    facts = facts if isinstance(facts, FactSheet) else FactSheet.from_dict(facts)
    if catalog is None:  # a fact sheet alone (a model's request): its keys tell the schema
        reference = bool(facts.spend_mix) or bool(facts.campaigns)
        catalog = reference_catalog() if reference else Catalog("generic", ())
    if catalog.schema != "reference":
        return _generic_writeup(facts, catalog)
    rules = ReferenceRules(facts, catalog)
    lists, ideas = rules.lists(), rules.ideas()
    while len(ideas) < 2:
        ideas.append(
            CampaignIdea(
                title="Welcome back",
                channel="email",
                offer="A personal welcome-back message with their favourite products",
                rationale="Keeps the relationship warm at low cost",
                evidence=["segment.share"],
                expected_response_basis="response" if facts.response else None,
            )
        )
    spend, channels = catalog.mix("spend_mix"), catalog.mix("channel_mix")
    phrases = {p.key: p.phrase for mix in (spend, channels) if mix for p in mix.parts}
    spend_mix, channel_mix = facts.spend_mix or {}, facts.channel_mix or {}
    top_cat = _top(spend_mix)
    chan = _top(channel_mix, channels.keys if channels else ())
    deals_share = channel_mix.get("deals")
    income, total = facts.metric("income"), facts.metric("total_spend")
    age = facts.metric("age")
    context = {
        "name": facts.name,
        "share": _pct(facts.share or 0),
        "customers": f"{formats.count(facts.customers)} customers",
        "income": formats.money_short(income) if income is not None else "",
        "income_vs": formats.versus_phrase(facts.metric("income", "index")),
        "age": f"{age:.0f}" if age is not None else "",
        "spend": formats.money_short(total) if total is not None else "",
        "spend_vs": formats.versus_phrase(facts.metric("total_spend", "index")),
        "top_category": (
            f"{_pct(spend_mix[top_cat])} of it on {phrases.get(top_cat, top_cat)}"
            if top_cat
            else ""
        ),
        "channel": f"{phrases[chan]} ({_pct(channel_mix[chan])} of purchases)" if chan else "",
        "deals": (
            f"{_pct(deals_share)} of their purchases use a deal"
            if isinstance(deals_share, int | float)
            else ""
        ),
        "response": _response_phrase(facts),
        "extra_traits": [],
        "tagline": _tagline(facts),
    }
    tagline, _, summary = render("offline.j2", **context).partition("---")
    return PersonaWriteup(
        name=facts.name,
        tagline=tagline.strip(),
        summary=" ".join(summary.split()),
        **lists,
        campaign_ideas=ideas[:4],
    )


def _generic_writeup(facts: FactSheet, catalog: Catalog) -> PersonaWriteup:
    """The write-up of a table of its own schema (`GenericRules`): only its columns."""
    rules = GenericRules(facts, catalog)
    summary = f"{facts.name} are {_pct(facts.share or 0)} of customers " \
        f"({formats.count(facts.customers)} customers)."  # fmt: skip
    compared = rules.compared()
    if compared:
        summary += f" Compared with the average customer, {compared}."
    response = _response_phrase(facts)
    if response:
        summary += f" {response}."
    return PersonaWriteup(
        name=facts.name,
        tagline=rules.tagline(),
        summary=summary,
        **rules.lists(),
        campaign_ideas=rules.ideas(),
    )


def _tagline(facts: FactSheet) -> str:
    income_i = facts.metric("income", "index") or 100
    spend_i = facts.metric("total_spend", "index") or 100
    kids_i = facts.metric("children", "index") or 100
    wealth = (
        "Well-off" if income_i >= 120 else "Budget-minded" if income_i <= 80 else "Middle-income"
    )
    home = (
        "families"
        if kids_i >= 130
        else "households with few children"
        if kids_i <= 50
        else "households"
    )
    habit = (
        "who spend generously"
        if spend_i >= 150
        else "who spend little"
        if spend_i <= 50
        else "with moderate spending"
    )
    return f"{wealth} {home} {habit}."
