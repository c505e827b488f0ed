"""The offline writer's rules for a table of its own schema: tagline, lists and campaign
ideas that speak only of the columns the table has, in its labels.

The tagline and the lists read the same direction of each metric as the persona's name
(above or below the average customer), so they never contradict it; no period is claimed
(the table does not say over what time its amounts run); campaign ideas use no channel or
product the table lacks (their channel is "your usual channel"), and no two are alike.
"""

from __future__ import annotations

import re

from assistant.personas.facts import FactMetric, FactSheet
from assistant.personas.writeup import CampaignIdea
from segmentation import formats
from segmentation.catalog import Catalog, roles_of

__all__ = ["GenericRules"]

_EARN = r"income|salary|earn|wage|einkommen|gehalt|revenu|ingreso|salaire|salario|reddito"
HIGH, LOW = 115, 87  # an index this far from 100 is a trait worth a sentence
_ANY_CHANNEL = "your usual channel"


class GenericRules:
    """The write-up parts of one fact sheet of a generic table."""

    def __init__(self, facts: FactSheet, catalog: Catalog) -> None:
        self.facts = facts
        self.catalog = catalog
        known = [(k, m) for k, m in facts.metrics.items() if isinstance(m.index, int | float)]
        self.ranked = sorted(known, key=lambda km: (-abs((km[1].index or 100) - 100), km[0]))
        roles = roles_of(catalog)
        self.roles = {k: r.role for k, r in roles.items()}
        # the currency of a money column whose amounts are in units ("Umsatz (€)": "€"); an
        # amount in thousands ("k$") keeps its label's unit and its figure as recorded
        self.currency = {k: r.unit for k, r in roles.items()
                         if r.role == "money" and r.unit and not r.thousands}  # fmt: skip

    def _unit(self, key: str) -> str:
        return self.catalog.measure(key).unit if key in self.catalog else "number"

    def _value(self, key: str, m: FactMetric) -> str:
        """A metric's mean in its unit: "€76.5k", "1,250 CHF", "76.5k", "3.2"."""
        assert m.mean is not None
        if self._unit(key) != "money":
            return formats.number(m.mean)
        amount, sign = formats.money_short(m.mean), self.currency.get(key, "")
        if not sign:
            return amount
        return f"{sign}{amount}" if len(sign) == 1 else f"{amount} {sign}"

    def _label(self, key: str, m: FactMetric) -> str:
        """A metric's label; without its bracketed unit where the figure carries it."""
        if key in self.currency:
            return re.sub(r"\s*\([^)]*\)", "", m.label).strip() or m.label
        return m.label

    def _level(self, m: FactMetric) -> str | None:
        index = m.index or 100
        return "high" if index >= HIGH else "low" if index <= LOW else None

    def lines(self) -> list[str]:
        """The most distinctive metrics, a sentence each: "Annual income 76.5k on average
        (46% above average)"."""
        return [
            f"{(label := self._label(k, m))[:1].upper() + label[1:]} {self._value(k, m)} on "
            f"average ({formats.versus_phrase(m.index)})"
            for k, m in self.ranked[:4]
            if m.mean is not None
        ]

    def compared(self) -> str:
        """ "their age is 45% above average and their annual income 54% above average": the
        two most distinctive metrics against the average customer, for the summary."""
        parts = [f"their {m.label} is {formats.versus_phrase(m.index)}"
                 for _, m in self.ranked[:2] if self._level(m)]  # fmt: skip
        return " and ".join(parts)

    def tagline(self) -> str:
        """ "Older customers with high annual income, mostly West (region)": the two most
        distinctive metrics' directions (an age as older or younger) and a leading category."""
        who, parts = "Customers", []
        for key, m in self.ranked[:2]:
            level = self._level(m)
            if level and self.roles.get(key) == "age":
                who = "Older customers" if level == "high" else "Younger customers"
            elif level:
                parts.append(f"{level} {m.label}")
        text = who + (" with " + " and ".join(parts) if parts else "")
        top = self._leading_level()
        if top:
            text += f", mostly {top[1]} ({top[0]})"
        if text == "Customers":
            return "Customers close to the average on every column."
        return text + "."

    def _leading_level(self) -> tuple[str, str] | None:
        """(dimension label, level) of a category that makes up most of the segment."""
        for key, mix in self.facts.mix.items():
            shares = {lv: v for lv, v in mix.items() if isinstance(v, int | float)}
            if shares:
                level = max(shares, key=lambda lv: shares[lv])
                if shares[level] >= 0.6:
                    label = next((d.label for d in self.catalog.dimensions if d.key == key), key)
                    return label, level
        return None

    def lists(self) -> dict[str, list[str]]:
        """Demographics, motivations, pain points, channels, affinities, do's and don'ts."""
        traits = [(m.label, self._level(m)) for k, m in self.ranked if self.roles.get(k) != "age"]
        high = [label for label, level in traits if level == "high"]
        low = [label for label, level in traits if level == "low"]
        return {
            "demographics": self.lines() or ["Close to the average customer on every column"],
            "motivations": [f"Well above average {label}" for label in high[:4]]
            or ["Nothing in this table is above average for them"],
            "pain_points": [f"Below average {label}" for label in low[:4]]
            or ["Nothing stands out: offers must earn their attention"],
            "preferred_channels": ["Not in this table: use your channel data"],
            "product_affinities": ["Not in this table: use your product data"],
            "messaging_do": [f"Speak to their {high[0]}" if high else "Keep it simple and clear"],
            "messaging_dont": ["Don't treat them like the average customer"],
        }

    def _idea(self, key: str, m: FactMetric, level: str) -> tuple[str, str] | None:
        """(title, offer) for a distinctive money, count or score column: what people earn
        sets the range offered, what they spend or how often they come is rewarded or
        grown; an age or a plain number gives no idea."""
        role = self.roles.get(key, "money" if self._unit(key) == "money" else "number")
        label = m.label
        if role == "money" and re.search(_EARN, label.lower()):
            if level == "high":
                return "Premium range", f"Your premium range, shown to customers with high {label}"
            return "Good-value range", f"Good-value products for customers with low {label}"
        if role in ("money", "count", "score"):
            if level == "high":
                return f"Reward their {label}", f"A thank-you reward for their high {label}"
            return f"Grow their {label}", f"A low-threshold offer to raise their {label}"
        return None

    def ideas(self) -> list[CampaignIdea]:
        """Two to three different ideas from what sets the segment apart (a high or low
        money or count column, a leading category), else a welcome and a short survey."""
        basis = "response" if self.facts.response else None
        ideas: list[CampaignIdea] = []
        for key, m in self.ranked[:3]:
            level = self._level(m)
            idea = self._idea(key, m, level) if level else None
            if idea is not None:
                title, offer = idea
                ideas.append(CampaignIdea(
                    title=title, channel=_ANY_CHANNEL, offer=offer,
                    rationale=f"Their {m.label} is {formats.versus_phrase(m.index)}",
                    evidence=[f"metrics.{key}.index"], expected_response_basis=basis,
                ))  # fmt: skip
        top = self._leading_level()
        if top is not None:
            label, level = top
            key = next((d.key for d in self.catalog.dimensions if d.label == label), label)
            share = formats.percent(self.facts.mix[key][level], 0)  # type: ignore[arg-type]
            ideas.append(CampaignIdea(
                title=f"An offer for {level}", channel=_ANY_CHANNEL,
                offer=f"An offer made for customers in {level}",
                rationale=f"{share} of them are in {level} ({label})",
                evidence=[f"mix.{key}.{level}"], expected_response_basis=basis,
            ))  # fmt: skip
        fallbacks = [
            ("A personal welcome", "A short personal message with an offer picked for them",
             "Keeps the relationship warm at low cost"),
            ("Ask what they want", "A two-question survey with a small thank-you",
             "The table says little that sets them apart: ask them"),
        ]  # fmt: skip
        for title, offer, why in fallbacks:
            if len(ideas) >= 2:
                break
            ideas.append(CampaignIdea(title=title, channel=_ANY_CHANNEL, offer=offer,
                                      rationale=why, evidence=["segment.share"],
                                      expected_response_basis=basis))  # fmt: skip
        return ideas[:3]
