"""The offline writer's rules for a table with spend, channels and households (the reference
schema): the write-up's lists and its campaign ideas, from a `FactSheet` and the catalog's
words. Every number is written by `segmentation.formats`, in a form the checker verifies."""

from __future__ import annotations

from assistant.personas.facts import FactSheet
from assistant.personas.writeup import CampaignIdea
from segmentation import formats
from segmentation.catalog import Catalog, Mix, Part

__all__ = ["ReferenceRules"]


def _pct(share: float) -> str:
    return formats.percent(share, 0)


class ReferenceRules:
    """The lists and ideas of one fact sheet, in the catalog's words."""

    def __init__(self, facts: FactSheet, catalog: Catalog) -> None:
        self.facts = facts
        self.catalog = catalog
        self.spend = catalog.mix("spend_mix")
        self.channels = catalog.mix("channel_mix")
        self.cats = self._leaning(self.spend)
        self.chans = self._leaning(self.channels)

    def index(self, key: str) -> float | None:
        return self.facts.metric(key, "index")

    def _leaning(self, mix: Mix | None) -> list[tuple[Part, float]]:
        """Parts with their index, sorted by how much more of the segment's own basket they
        take than of the average basket (index over the whole's index), so a low-spending
        segment still shows what it leans to."""
        if mix is None:
            return []
        base = (self.index(mix.total) if mix.total else None) or 100.0
        found = [(p, self.index(p.measure)) for p in mix.parts]
        known = [(p, i) for p, i in found if i is not None]
        return sorted(known, key=lambda pi: (-pi[1] / base, pi[0].key))

    # -- lists -------------------------------------------------------------------------------
    def demographics(self) -> list[str]:
        """The catalog's write-up lines of this sheet (measures with a phrase, dimensions)."""
        wanted = list(self.catalog.sets.get("demographics", ()))
        wanted += [m.key for m in self.catalog.metrics if m.phrase and m.key not in wanted]
        lines = []
        for key in wanted:
            if key in self.catalog:
                measure = self.catalog.measure(key)
                mean = self.facts.metric(key)
                if measure.phrase and mean is not None:
                    lines.append(
                        measure.phrase.format(
                            mean=mean,
                            money=formats.money_short(mean),
                            versus=formats.versus_phrase(self.index(key)),
                        )
                    )
                continue
            dim = next((d for d in self.catalog.dimensions if d.key == key), None)
            mix = self.facts.mix.get(key) or {}
            shares = {k: v for k, v in mix.items() if isinstance(v, int | float)}
            if dim is None or not dim.phrase or not shares:
                continue
            level = dim.focus if dim.focus else max(shares, key=lambda k: shares[k])
            if isinstance(mix.get(level), int | float):
                lines.append(dim.phrase.format(level=level, share=_pct(mix[level])))
        return lines

    def lists(self) -> dict[str, list[str]]:
        """Demographics, motivations, pain points, channels, affinities, do's and don'ts."""
        income_i, kids_i = self.index("income"), self.index("children")
        deals_i, visits_i = self.index("purchases_deals"), self.index("web_visits_month")
        spend_i, campaigns_i = self.index("total_spend"), self.index("campaigns_accepted")
        motives, pains, dos, donts = [], [], [], []
        if self.cats and self.cats[0][1] >= 120:
            motives.append(f"Enjoying good {self.cats[0][0].phrase}")
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
        if self.chans:
            dos.append(f"Reach them {self.chans[0][0].phrase}")
        motives = motives or ["Everyday food shopping that fits their routine"]
        pains = pains or ["Nothing stands out: offers must earn their attention"]
        dos = dos or ["Keep messages practical and clear"]
        donts.append("Don't flood them with generic mass mailings")
        demo = self.demographics()
        return {
            "demographics": demo or ["See the key figures"],
            "motivations": motives[:5],
            "pain_points": pains[:5],
            "preferred_channels": self._channels() or ["No channel data"],
            "product_affinities": self._affinities(spend_i)[:5]
            or ["A typical basket: no category stands out"],
            "messaging_do": dos[:5],
            "messaging_dont": donts[:5],
        }

    def _channels(self) -> list[str]:
        mix = self.facts.channel_mix or {}
        keys = self.channels.keys if self.channels else ()
        return [
            f"{c.capitalize()} ({_pct(mix[c])} of purchases)"
            for c in sorted(keys, key=lambda c: -(mix.get(c) or 0))
            if isinstance(mix.get(c), int | float)
        ]

    def _affinities(self, spend_i: float | None) -> list[str]:
        out = [
            f"{p.phrase.capitalize()} ({formats.versus_phrase(i)})"
            for p, i in self.cats
            if i >= 110
        ]
        if not out:  # low spenders: what takes more of their basket than of the average
            base = spend_i or 100.0
            out = [
                f"{p.phrase.capitalize()}: a larger part of their basket than average"
                for p, i in self.cats[:2]
                if i / base >= 1.1
            ]
        return out

    # -- campaign ideas ----------------------------------------------------------------------
    def _best_past_campaign(self) -> str | None:
        campaigns = self.facts.campaigns or {}
        rated = {
            k: v.rate for k, v in campaigns.items() if k.startswith("cmp") and v.rate is not None
        }
        return max(rated, key=lambda k: (rated[k], k)) if rated else None

    def ideas(self) -> list[CampaignIdea]:
        """Up to three ideas: the leading category through the leading channel, the best past
        campaign again, and member deals (deal seekers) or a premium tasting (big spenders)."""
        basis = "response" if self.facts.response else None
        ideas = []
        if self.chans and self.cats:
            (chan, _), (cat, cat_i) = self.chans[0], self.cats[0]
            share = (self.facts.channel_mix or {}).get(chan.key)
            rationale = (
                f"Their {cat.phrase} spend is {formats.versus_phrase(cat_i)}"
                if cat_i >= 110
                else f"{cat.phrase.capitalize()} takes a larger part of their basket than average"
            )
            if share:
                rationale += f" and {_pct(share)} of their purchases are made {chan.phrase}"
            ideas.append(
                CampaignIdea(
                    title=f"{cat.phrase.capitalize()} selection {chan.phrase}",
                    channel=chan.key,
                    offer=f"A curated {cat.phrase} selection, presented {chan.phrase}",
                    rationale=rationale,
                    evidence=[
                        f"metrics.{cat.measure}.index" if cat_i >= 110 else f"spend_mix.{cat.key}",
                        f"channel_mix.{chan.key}",
                    ],
                    expected_response_basis=basis,
                )
            )
        best = self._best_past_campaign()
        if best is not None:
            rate = (self.facts.campaigns or {})[best].rate
            number = best[3:]
            ideas.append(
                CampaignIdea(
                    title=f"Bring back campaign {number}'s offer",
                    channel="email",
                    offer=f"The offer of past campaign {number}, refreshed",
                    rationale=f"{_pct(rate or 0)} of them accepted campaign {number}, "
                    "their best past campaign",
                    evidence=[f"campaigns.{best}.rate"],
                    expected_response_basis=f"campaigns.{best}",
                )
            )
        deals_i, spend_i = self.index("purchases_deals"), self.index("total_spend")
        if deals_i is not None and deals_i >= 120:
            ideas.append(
                CampaignIdea(
                    title="Member deals",
                    channel="web",
                    offer="A members-only deal on their usual basket",
                    rationale=f"They buy on deals {formats.versus_phrase(deals_i)}",
                    evidence=["metrics.purchases_deals.index", "channel_mix.deals"],
                    expected_response_basis=basis,
                )
            )
        elif spend_i is not None and spend_i >= 150:
            ideas.append(
                CampaignIdea(
                    title="Premium tasting invitation",
                    channel="catalog",
                    offer="An invitation to a tasting of new premium products",
                    rationale=f"They spend {formats.versus_phrase(spend_i)}",
                    evidence=["metrics.total_spend.index"],
                    expected_response_basis=basis,
                )
            )
        return ideas
