"""The offline writer: good, deterministic persona text from the statistics alone.

It answers the same `WriteRequest` as a language model, with the same `PersonaWriteup` JSON,
so everything downstream (verification, cache, report, UI) treats both alike. Every number
it writes is formatted from a value of the fact sheet by the helpers below, in a form the
number checker accepts (shares as whole percents, indexes as "46% above average" or "2.5x the
average", money as "76.5k").
"""

from __future__ import annotations

from typing import Any

from assistant.llm import LLMSettings, OpenAIWriter, Writer
from assistant.personas.writeup import CampaignIdea, PersonaWriteup
from assistant.prompts import render

__all__ = ["OfflineWriter", "make_writer", "offline_writeup"]

_CATEGORY = {
    "wines": "wine",
    "fruits": "fruit",
    "meat": "meat",
    "fish": "fish",
    "sweets": "sweets",
    "gold": "gold (premium) products",
}
_CHANNEL = {"web": "online", "catalog": "from the catalog", "store": "in store"}


class OfflineWriter:
    """Writes personas with no network, from the fact sheet of the request."""

    name = "offline"
    kind = "offline"

    def write(self, request: Any) -> str:
        """JSON of the `PersonaWriteup` for ``request.facts``."""
        return offline_writeup(request.facts).model_dump_json()


def make_writer(settings: LLMSettings) -> Writer:
    """`OpenAIWriter` when a key or base URL is set, else the offline writer."""
    if settings.online:
        return OpenAIWriter(settings)
    return OfflineWriter()


# -- number phrases: each takes a statistic and returns the text the checker verifies ------
def pct(share: float) -> str:
    """0.453 -> '45%'."""
    return f"{share * 100:.0f}%"


def money(value: float) -> str:
    """76518 -> '76.5k'; 850 -> '850'."""
    return f"{value / 1000:.1f}k" if abs(value) >= 1000 else f"{value:,.0f}"


def versus(index: float | None) -> str:
    """An index against the population: '46% above average', '2.5x the average', 'about
    average'."""
    if index is None:
        return ""
    if index >= 200:
        return f"{index / 100:.1f}x the average"
    if index >= 110:
        return f"{index - 100:.0f}% above average"
    if index <= 90:
        return f"{100 - index:.0f}% below average"
    return "about average"


def _metric(facts: dict[str, Any], key: str, stat: str = "mean") -> float | None:
    value = facts.get("metrics", {}).get(key, {}).get(stat)
    return value if isinstance(value, int | float) else None


def _index(facts: dict[str, Any], key: str) -> float | None:
    return _metric(facts, key, "index")


def _top(mix: dict[str, Any] | None) -> str | None:
    numeric = {k: v for k, v in (mix or {}).items() if isinstance(v, int | float)}
    return max(numeric, key=lambda k: numeric[k]) if numeric else None


def _leaning(
    facts: dict[str, Any], prefix: str, keys: dict[str, str], total: str
) -> list[tuple[str, float]]:
    """Categories/channels with their index, sorted by how much more of the segment's own
    basket they take than of the average basket (index over the ``total`` index), so a
    low-spending segment still shows what it leans to."""
    base = _index(facts, total) or 100.0
    found = [(k, _index(facts, f"{prefix}{k}")) for k in keys]
    return sorted(
        [(k, i) for k, i in found if i is not None], key=lambda kv: (-kv[1] / base, kv[0])
    )


def _response_phrase(facts: dict[str, Any]) -> str:
    response = facts.get("response") or {}
    past = (facts.get("campaigns") or {}).get("any_past") or {}
    parts = []
    if past.get("rate") is not None:
        parts.append(f"{pct(past['rate'])} accepted at least one of the five past campaigns")
    if response.get("rate") is not None:
        lift = response.get("lift")
        tail = f", {lift:.1f}x the average rate" if lift is not None and lift >= 1.1 else ""
        parts.append(f"{pct(response['rate'])} answered the last campaign{tail}")
    return " and ".join(parts).capitalize() if parts else ""


def _reference_lists(facts: dict[str, Any]) -> dict[str, list[str]]:
    income_i, kids_i = _index(facts, "income"), _index(facts, "children")
    deals_i, visits_i = _index(facts, "purchases_deals"), _index(facts, "web_visits_month")
    spend_i = _index(facts, "total_spend")
    campaigns_i = _index(facts, "campaigns_accepted")
    cats = _leaning(facts, "spend_", _CATEGORY, "total_spend")
    chans = _leaning(facts, "purchases_", _CHANNEL, "total_purchases")
    mix = facts.get("mix", {})
    demo = []
    if (age := _metric(facts, "age")) is not None:
        demo.append(f"Average age {age:.0f}")
    if (income := _metric(facts, "income")) is not None:
        demo.append(f"Household income {money(income)} on average ({versus(income_i)})")
    if (kids := _metric(facts, "children")) is not None:
        demo.append(f"{kids:.1f} children at home on average ({versus(kids_i)})")
    partner = (mix.get("partner") or {}).get("Yes")
    if isinstance(partner, int | float):
        demo.append(f"{pct(partner)} live with a partner")
    if (edu := _top(mix.get("education"))) is not None:
        demo.append(f"Most often {edu} educated ({pct(mix['education'][edu])})")

    motives, pains, dos, donts = [], [], [], []
    if cats and cats[0][1] >= 120:
        motives.append(f"Enjoying good {_CATEGORY[cats[0][0]]}")
    deal_seeking = deals_i is not None and deals_i >= 120
    if spend_i is not None and spend_i >= 150:
        dos.append("Lead with quality, range and expertise")
        if not deal_seeking:
            motives.append("Quality and choice over price")
            donts.append("Don't lead with discounts: price is not what moves them")
    if deal_seeking:
        motives.append("Getting a good deal")
        dos.append("Make the saving visible and simple")
    if campaigns_i is not None and campaigns_i >= 150:
        motives.append("Offers that feel made for them")
        dos.append("Invite them first to new offers")
    if income_i is not None and income_i <= 80:
        pains.append("A tight household budget")
        donts.append("Don't push premium ranges or big baskets")
    if kids_i is not None and kids_i >= 130:
        pains.append("Little time: a household with children")
        dos.append("Keep it quick: ready-made baskets and easy reorders")
    if visits_i is not None and visits_i >= 120:
        pains.append("Browse the website often but buy elsewhere")
    if spend_i is not None and spend_i <= 50:
        pains.append("Buy little: the shop is not yet part of their routine")
    if chans:
        dos.append(f"Reach them {_CHANNEL[chans[0][0]]}")
    motives = motives or ["Everyday food shopping that fits their routine"]
    pains = pains or ["Nothing stands out: offers must earn their attention"]
    dos = dos or ["Keep messages practical and clear"]
    donts.append("Don't flood them with generic mass mailings")

    channel_mix = facts.get("channel_mix", {})
    channels = [
        f"{c.capitalize()} ({pct(channel_mix[c])} of purchases)"
        for c in sorted(_CHANNEL, key=lambda c: -channel_mix.get(c, 0))
        if isinstance(channel_mix.get(c), int | float)
    ]
    affinities = [f"{_CATEGORY[c].capitalize()} ({versus(i)})" for c, i in cats if i >= 110]
    if not affinities:  # low spenders: what takes more of their basket than of the average
        base = spend_i or 100.0
        affinities = [
            f"{_CATEGORY[c].capitalize()}: a larger part of their basket than average"
            for c, i in cats[:2]
            if i / base >= 1.1
        ]
    return {
        "demographics": demo or ["See the key figures"],
        "motivations": motives[:5],
        "pain_points": pains[:5],
        "preferred_channels": channels or ["No channel data"],
        "product_affinities": affinities[:5] or ["A typical basket: no category stands out"],
        "messaging_do": dos[:5],
        "messaging_dont": donts[:5],
    }


def _best_past_campaign(facts: dict[str, Any]) -> str | None:
    campaigns = {k: v for k, v in (facts.get("campaigns") or {}).items() if k.startswith("cmp")}
    rated = {k: v["rate"] for k, v in campaigns.items() if v.get("rate") is not None}
    return max(rated, key=lambda k: (rated[k], k)) if rated else None


def _reference_ideas(facts: dict[str, Any]) -> list[CampaignIdea]:
    basis = "response" if facts.get("response") else None
    cats = _leaning(facts, "spend_", _CATEGORY, "total_spend")
    chans = _leaning(facts, "purchases_", _CHANNEL, "total_purchases")
    ideas = []
    if chans and cats:
        chan, cat = chans[0][0], cats[0][0]
        share = facts.get("channel_mix", {}).get(chan)
        ideas.append(
            CampaignIdea(
                title=f"{_CATEGORY[cat].capitalize()} selection {_CHANNEL[chan]}",
                channel=chan,
                offer=f"A curated {_CATEGORY[cat]} selection, presented {_CHANNEL[chan]}",
                rationale=(
                    f"Their {_CATEGORY[cat]} spend is {versus(cats[0][1])}"
                    if cats[0][1] >= 110
                    else f"{_CATEGORY[cat].capitalize()} takes a larger part of their basket "
                    "than average"
                )
                + (
                    f" and {pct(share)} of their purchases are made {_CHANNEL[chan]}"
                    if share
                    else ""
                ),
                evidence=[
                    f"metrics.spend_{cat}.index" if cats[0][1] >= 110 else f"spend_mix.{cat}",
                    f"channel_mix.{chan}",
                ],
                expected_response_basis=basis,
            )
        )
    best = _best_past_campaign(facts)
    if best is not None:
        rate = facts["campaigns"][best]["rate"]
        ideas.append(
            CampaignIdea(
                title=f"Bring back campaign {best[3:]}'s offer",
                channel="email",
                offer=f"The offer of past campaign {best[3:]}, refreshed",
                rationale=f"{pct(rate)} of them accepted campaign {best[3:]}, "
                "their best past campaign",
                evidence=[f"campaigns.{best}.rate"],
                expected_response_basis=f"campaigns.{best}",
            )
        )
    deals_i = _index(facts, "purchases_deals")
    if deals_i is not None and deals_i >= 120:
        ideas.append(
            CampaignIdea(
                title="Member deals",
                channel="web",
                offer="A members-only deal on their usual basket",
                rationale=f"They buy on deals {versus(deals_i)}",
                evidence=["metrics.purchases_deals.index", "channel_mix.deals"],
                expected_response_basis=basis,
            )
        )
    elif _index(facts, "total_spend") is not None and _index(facts, "total_spend") >= 150:
        ideas.append(
            CampaignIdea(
                title="Premium tasting invitation",
                channel="catalog",
                offer="An invitation to a tasting of new premium products",
                rationale=f"They spend {versus(_index(facts, 'total_spend'))}",
                evidence=["metrics.total_spend.index"],
                expected_response_basis=basis,
            )
        )
    return ideas


def _generic_parts(facts: dict[str, Any]) -> tuple[list[str], list[CampaignIdea]]:
    metrics = facts.get("metrics", {})
    ranked = sorted(
        ((k, m) for k, m in metrics.items() if isinstance(m.get("index"), int | float)),
        key=lambda kv: (-abs(kv[1]["index"] - 100), kv[0]),
    )
    lines = [
        f"{m['label'].capitalize()} {m['mean']:,.1f} on average ({versus(m['index'])})"
        for _, m in ranked[:4]
    ]
    basis = "response" if facts.get("response") else None
    ideas = [
        CampaignIdea(
            title=f"Speak to their {m['label']}",
            channel="email",
            offer=f"An offer framed around their {m['label']}",
            rationale=f"Their {m['label']} is {versus(m['index'])}",
            evidence=[f"metrics.{k}.index"],
            expected_response_basis=basis,
        )
        for k, m in ranked[:2]
    ]
    return lines, ideas


def offline_writeup(facts: dict[str, Any]) -> PersonaWriteup:
    """The persona write-up of a fact sheet (see `assistant.personas.facts.fact_sheet`)."""
    seg = facts["segment"]
    name = seg["name"]
    reference = "spend_mix" in facts or "total_spend" in facts.get("metrics", {})
    if reference:
        lists = _reference_lists(facts)
        ideas = _reference_ideas(facts)
        extra: list[str] = []
    else:
        lines, ideas = _generic_parts(facts)
        metrics = facts.get("metrics", {})
        high = [m["label"] for m in metrics.values() if (m.get("index") or 100) >= 110]
        low = [m["label"] for m in metrics.values() if (m.get("index") or 100) <= 90]
        lists = {
            "demographics": lines or ["See the key figures"],
            "motivations": [f"Well above average {label}" for label in high[:4]]
            or ["Close to the average customer"],
            "pain_points": [f"Below average {label}" for label in low[:4]]
            or ["Nothing stands out: offers must earn their attention"],
            "preferred_channels": ["Not in this table: ask your channel data"],
            "product_affinities": ["Not in this table: ask your product data"],
            "messaging_do": ["Speak to what sets them apart"],
            "messaging_dont": ["Don't treat them like the average customer"],
        }
        extra = lines[:2]
    while len(ideas) < 2:
        ideas.append(
            CampaignIdea(
                title="Welcome back",
                channel="email",
                offer="A personal welcome-back message with their favourite products",
                rationale="Keeps the relationship warm at low cost",
                evidence=["segment.share"],
                expected_response_basis="response" if facts.get("response") else None,
            )
        )
    spend_mix = facts.get("spend_mix") or {}
    top_cat = _top(spend_mix)
    chan = _top({k: v for k, v in (facts.get("channel_mix") or {}).items() if k in _CHANNEL})
    deals_share = (facts.get("channel_mix") or {}).get("deals")
    income, spend = _metric(facts, "income"), _metric(facts, "total_spend")
    age = _metric(facts, "age")
    context = {
        "name": name,
        "share": pct(seg["share"]),
        "customers": f"{seg['customers']:,} customers",
        "income": money(income) if income is not None else "",
        "income_vs": versus(_index(facts, "income")),
        "age": f"{age:.0f}" if age is not None else "",
        "spend": money(spend) if spend is not None else "",
        "spend_vs": versus(_index(facts, "total_spend")),
        "top_category": (
            f"{pct(spend_mix[top_cat])} of it on {_CATEGORY.get(top_cat, top_cat)}"
            if top_cat
            else ""
        ),
        "channel": (
            f"{_CHANNEL[chan]} ({pct(facts['channel_mix'][chan])} of purchases)" if chan else ""
        ),
        "deals": (
            f"{pct(deals_share)} of their purchases use a deal"
            if isinstance(deals_share, int | float)
            else ""
        ),
        "response": _response_phrase(facts),
        "extra_traits": extra,
        "tagline": _tagline(facts, reference),
    }
    tagline, _, summary = render("offline.j2", **context).partition("---")
    return PersonaWriteup(
        name=name,
        tagline=tagline.strip(),
        summary=" ".join(summary.split()),
        **lists,
        campaign_ideas=ideas[:4],
    )


def _tagline(facts: dict[str, Any], reference: bool) -> str:
    if not reference:
        traits = facts.get("traits") or []
        return traits[0].capitalize() + "." if traits else "A distinct group of customers."
    income_i, spend_i = _index(facts, "income") or 100, _index(facts, "total_spend") or 100
    kids_i = _index(facts, "children") or 100
    wealth = (
        "Well-off" if income_i >= 120 else "Budget-minded" if income_i <= 80 else "Middle-income"
    )
    home = (
        "families"
        if kids_i >= 130
        else "households with few children"
        if kids_i <= 50
        else ("households")
    )
    habit = (
        "who spend generously"
        if spend_i >= 150
        else "who spend little"
        if spend_i <= 50
        else "with moderate spending"
    )
    return f"{wealth} {home} {habit}."
