"""Persona names from segment profiles.

Naming
------
A name is adjectives + a noun phrase, chosen from a small vocabulary by rules on the profile
(`segmentation.profile.profile_segments`); the held-out ``Response`` is never read.
Distinctiveness is measured as an effect size: z = (segment mean - population mean) /
population standard deviation.

Reference schema
    Noun, by precedence: the household when it is clear (mean small children or teenagers
    at home >= 0.5: Families, Young Families, Parents of Teens ...); else a product when the
    segment spends at least 75% of the average and one group's share of its spend is >= 1.15×
    the population's (Wine Lovers, Meat & Fish Gourmets, Fruit & Sweets Lovers, Gold Buyers);
    else the spend level (z >= 1: Connoisseurs when wine's share is at least the population's,
    else Big Spenders); else, for child-free segments, age and partner (Seniors,
    Empty-Nesters, Singles, Couples ...); else Shoppers.
    Adjective: the strongest eligible one of means (mean z of income and total spend:
    Affluent >= 0.75 > Comfortable >= 0.3; <= -0.3 Budget-Conscious when income leads, Frugal
    when spend does), past campaigns (Campaign-Responsive, z >= 0.5), deals (Deal-Seeking /
    Full-Price, |z| >= 0.5, weight 0.8), channel (Web-Savvy, Catalog-Loving, In-Store: the
    channel's share of purchases >= 1.2× the population's and its count z >= 0.3, weight
    0.75), age (Established / Young, |z| >= 0.5, weight 0.8, unless the noun speaks of age),
    recency (Lapsing / Recently Active) and tenure (Loyal / Newly Joined), weight 0.6; none
    eligible: Mainstream.
Generic tables
    The (at most two) columns with |z| >= 0.5, in column order, in plain words where the
    column name is recognizable (income, spend/spending score, age, purchases/frequency,
    recency, tenure: "High-Income Low-Spenders", "Young Frequent Shoppers"; an eligible
    spend or frequency column is always the noun: "Young Low-Income High-Spenders"), else literally
    ("High Annual Bonus / Low Tenure Years"); a categorical column whose leading level makes up
    >= 60% of the segment and >= 1.25× its population share adds "Mostly <level>".

Names are unique within a model: segments that share a name each add their next most
distinctive descriptor (weaker adjectives, then other columns) until the names differ; never
a counter. Segments no descriptor separates are told apart by the mean that differs most
between them ("(avg income 52,000)"), then by their size, and literal twins by their id.

"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass

from segmentation import formats
from segmentation.profile import PopulationProfile, Profile, SegmentProfile

__all__ = ["name_segments"]

_PRODUCTS = {  # spend_mix categories -> noun
    ("wines",): "Wine Lovers",
    ("meat", "fish"): "Meat & Fish Gourmets",
    ("fruits", "sweets"): "Fruit & Sweets Lovers",
    ("gold",): "Gold Buyers",
}
_CHANNEL_WORDS = {"web": "Web-Savvy", "catalog": "Catalog-Loving", "store": "In-Store"}
_AGED_NOUNS = ("Young", "Seniors", "Empty-Nesters")
# generic columns: tokens -> (concept, high adjective, low adjective, high noun, low noun)
_GENERIC_WORDS: tuple[tuple[frozenset[str], tuple[str, str, str, str | None, str | None]], ...] = (
    (frozenset({"income", "salary", "earnings", "wage", "wages", "einkommen", "gehalt",
                "revenu", "revenus", "salaire", "ingreso", "ingresos", "salario", "reddito",
                "stipendio"}),
     ("income", "High-Income", "Low-Income", None, None)),
    (frozenset({"spend", "spending", "spent", "monetary", "revenue", "sales", "amount", "umsatz",
                "ausgaben", "dépenses", "depenses", "ventes", "gasto", "gastos", "ventas",
                "spesa", "spese", "vendite"}),
     ("spend", "High-Spending", "Low-Spending", "High-Spenders", "Low-Spenders")),
    (frozenset({"age", "alter", "âge", "edad", "età", "eta"}),
     ("age", "Older", "Young", None, None)),
    (frozenset({"frequency", "purchases", "orders", "transactions", "visits", "besuche",
                "einkäufe", "käufe", "bestellungen", "visites", "achats", "commandes", "visitas",
                "compras", "pedidos", "visite", "acquisti", "ordini"}),
     ("frequency", "Frequent", "Occasional", "Frequent Shoppers", "Occasional Shoppers")),
    (frozenset({"recency", "last", "latest", "letzte", "letzter", "letzten", "dernier",
                "dernière", "ultimo", "ultima", "recent"}),
     ("recency", "Lapsing", "Recently Active", None, None)),
    (frozenset({"tenure", "seniority", "loyalty", "since", "seit", "joined", "signup",
                "registered", "created", "first", "erste", "depuis", "desde"}),
     ("tenure", "Long-Standing", "Newly Joined", None, None)),
)  # fmt: skip


@dataclass(frozen=True)
class _Word:
    """A descriptor: its text, how distinctive it is, whether it may lead a name, its concept."""

    text: str
    strength: float
    eligible: bool
    concept: str
    noun: str | None = None  # generic: the noun form ("Low-Spenders"), if any
    literal: bool = False  # generic: an unrecognized column ("High Foo")
    plain: str | None = None  # generic: the text in a literal name ("Gender: mostly Female")
    order: int = 0  # generic: position of the column in the profile (names read in that order)


def _z(seg: SegmentProfile, population: PopulationProfile, key: str) -> float:
    """Effect size of a metric mean; 0 when it cannot be computed."""
    mine = seg.mean(key)
    pop = population.metrics.get(key)
    if mine is None or pop is None or pop.mean is None or not pop.std:
        return 0.0
    return (mine - pop.mean) / pop.std


def _mean(seg: SegmentProfile, key: str) -> float:
    value = seg.mean(key)
    return 0.0 if value is None else value


def _share_ratio(mix: dict | None, pop: dict | None, keys: tuple[str, ...]) -> float:
    """Segment share of ``keys`` over the population's share (1 when unknown)."""
    if not mix or not pop:
        return 1.0
    mine, base = sum(mix.get(c) or 0.0 for c in keys), sum(pop.get(c) or 0.0 for c in keys)
    return mine / base if base > 0 else 1.0


# -- reference schema --------------------------------------------------------------------------
def _reference_noun(seg: SegmentProfile, population: PopulationProfile) -> str:
    kid, teen, children = (_mean(seg, k) for k in ("kidhome", "teenhome", "children"))
    age_z, spend_z = _z(seg, population, "age"), _z(seg, population, "total_spend")
    if kid >= 0.5 and teen >= 0.5:
        return "Large Families" if children >= 2 else "Families"
    if kid >= 0.5:
        return "Young Families" if age_z <= -0.3 else "Families with Small Children"
    if teen >= 0.5:
        return "Parents of Teens"
    if children >= 0.5:
        return "Parents"
    spend_index = seg.index("total_spend") or 0.0
    mix, pop_mix = seg.spend_mix, population.spend_mix
    ratios = {noun: _share_ratio(mix, pop_mix, cats) for cats, noun in _PRODUCTS.items()}
    best = max(ratios, key=lambda noun: ratios[noun])
    if spend_index >= 75 and ratios[best] >= 1.15:
        return best
    if spend_z >= 1:
        return "Connoisseurs" if _share_ratio(mix, pop_mix, ("wines",)) >= 1 else "Big Spenders"
    if children >= 0.3:
        return "Shoppers"
    partner = (seg.mix.get("partner") or {}).get("Yes")
    if _mean(seg, "age") >= 60:
        return "Seniors"
    if age_z >= 0.5:
        return "Empty-Nesters"
    young = "Young " if age_z <= -0.5 else ""
    if partner is not None and partner < 0.45:
        return f"{young}Singles"
    if partner is not None and partner >= 0.75:
        return f"{young}Couples"
    return "Young Adults" if young else "Child-Free Shoppers"


def _reference_words(
    seg: SegmentProfile, population: PopulationProfile, noun: str, counts: dict[str, str]
) -> list[_Word]:
    z = {k: _z(seg, population, k) for k in population.metrics}
    words = []
    means = (z.get("income", 0.0) + z.get("total_spend", 0.0)) / 2
    if means > 0:
        text = "Affluent" if means >= 0.75 else "Comfortable"
    else:
        lead = abs(z.get("income", 0.0)) >= abs(z.get("total_spend", 0.0))
        text = "Budget-Conscious" if lead else "Frugal"
    words.append(_Word(text, abs(means), abs(means) >= 0.3, "means"))
    campaigns = z.get("campaigns_accepted", 0.0)
    words.append(_Word("Campaign-Responsive", campaigns, campaigns >= 0.5, "campaigns"))
    deals = z.get("purchases_deals", 0.0)
    text = "Deal-Seeking" if deals > 0 else "Full-Price"
    words.append(_Word(text, 0.8 * abs(deals), abs(deals) >= 0.5, "deals"))
    channels = []
    for channel, text in _CHANNEL_WORDS.items():
        ratio = _share_ratio(seg.channel_mix, population.channel_mix, (channel,))
        count = z.get(counts.get(channel, ""), 0.0)
        if ratio > 1 and count > 0:
            channels.append(_Word(text, 0.75 * count, ratio >= 1.2 and count >= 0.3, "channel"))
    if channels:
        words.append(max(channels, key=lambda w: (w.eligible, w.strength)))
    if not any(part in noun for part in _AGED_NOUNS):
        age = z.get("age", 0.0)
        text = "Senior" if _mean(seg, "age") >= 60 else "Established" if age > 0 else "Young"
        words.append(_Word(text, 0.8 * abs(age), abs(age) >= 0.5, "age"))
    for key, high, low in (
        ("recency_days", "Lapsing", "Recently Active"),
        ("tenure_days", "Loyal", "Newly Joined"),
    ):
        value = z.get(key, 0.0)
        words.append(_Word(high if value > 0 else low, 0.6 * abs(value), abs(value) >= 0.5, key))
    return [w for w in words if w.strength > 0]


# -- generic tables ------------------------------------------------------------------------------
def _tokens(label: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", label)
    return set(re.findall(r"[^\W\d_]+", spaced.lower()))  # "Umsatz (€)", "Âge", "Einkäufe"


def _generic_words(
    seg: SegmentProfile, population: PopulationProfile, labels: dict[str, str]
) -> list[_Word]:
    words = []
    for order, key in enumerate(population.metrics):
        value = _z(seg, population, key)
        if value == 0:
            continue
        label = labels.get(key, key)
        found = next((w for tokens, w in _GENERIC_WORDS if tokens & _tokens(label)), None)
        strength, eligible = abs(value), abs(value) >= 0.5
        if found is None:
            text = f"{'High' if value > 0 else 'Low'} {label}"
            words.append(
                _Word(text, strength, eligible, f"column:{key}", literal=True, order=order)
            )
            continue
        concept, high, low, high_noun, low_noun = found
        text, noun = (high, high_noun) if value > 0 else (low, low_noun)
        words.append(
            _Word(text, strength, eligible, concept, noun, plain=noun or text, order=order)
        )
    first = len(population.metrics)  # categorical columns come after the numeric ones
    for order, (key, mix) in enumerate(seg.mix.items(), start=first):
        pop = population.mix.get(key) or {}
        level = max(mix, key=lambda c: mix[c] or 0.0, default=None)
        share, base = (mix or {}).get(level) or 0.0, pop.get(level) or 0.0
        if level is None or not 0 < base < 1 or share <= base:
            continue
        strength = (share - base) / math.sqrt(base * (1 - base))
        text, plain = (level, level) if share >= 0.9 else (f"Mostly {level}", f"mostly {level}")
        eligible = share >= 0.6 and share >= 1.25 * base
        plain = f"{labels.get(key, key)}: {plain}"
        words.append(_Word(text, strength, eligible, f"mix:{key}", plain=plain, order=order))
    return words


def _generic_name(words: list[_Word]) -> str:
    if not words:
        return "Mainstream Customers"
    if any(w.literal for w in words):
        return " / ".join(w.plain or w.text for w in words)
    mixes = [w.text for w in words if w.concept.startswith("mix:")]
    rest = [w for w in words if not w.concept.startswith("mix:")]
    noun_word = next((w for w in rest if w.noun), None)
    adjectives = [w.text for w in rest if w is not noun_word]
    noun = noun_word.noun if noun_word else "Customers"
    return " ".join([*mixes, *adjectives, noun])


# -- names ---------------------------------------------------------------------------------------
def _ordered(words: list[_Word]) -> list[_Word]:
    """Eligible first, then by strength; one word per concept; ties by text."""
    seen, out = set(), []
    for w in sorted(words, key=lambda w: (not w.eligible, -w.strength, w.text)):
        if w.concept not in seen:
            seen.add(w.concept)
            out.append(w)
    return out


def _compose(profile: Profile, words: list[_Word], noun: str, level: int) -> str:
    """Name with ``level`` descriptors (1 = the primary name)."""
    lead = sum(w.eligible for w in words)
    if profile.schema == "generic":
        chosen = words[: min(lead, 2) + level - 1]
        named = next((w for w in words[:lead] if w.noun), None)  # may add a third word
        if named and not any(w.noun or w.literal for w in chosen):
            chosen.append(named)
        return _generic_name(sorted(chosen, key=lambda w: w.order))
    chosen = words[:level] if lead else words[: level - 1]
    adjectives = [w.text for w in chosen] or ["Mainstream"]
    return " ".join([*adjectives, noun])


def name_segments(profile: Profile, *, taken: Collection[str] = ()) -> list[str]:
    """Deterministic, unique persona names, one per segment in segment order.

    ``taken``: names the result must avoid besides its own (e.g. names kept from a previous
    model by `match_segments`). The rules are in the module docstring.
    """
    population, segments = profile.population, profile.segments
    channels = profile.catalog.mix("channel_mix")
    counts = {p.key: p.measure for p in channels.parts} if channels else {}
    nouns, words = [], []
    for seg in segments:
        if profile.schema == "generic":
            nouns.append("")
            words.append(_ordered(_generic_words(seg, population, profile.labels)))
        else:
            nouns.append(_reference_noun(seg, population))
            words.append(_ordered(_reference_words(seg, population, nouns[-1], counts)))
    levels = [1] * len(segments)
    names = [_compose(profile, w, n, 1) for w, n in zip(words, nouns, strict=True)]
    reserved = set(taken)
    while True:
        clashes = _clashes(names, reserved)
        movable = [i for i in clashes if _compose(profile, words[i], nouns[i], levels[i] + 1)
                   != names[i]]  # fmt: skip
        if not movable:
            break
        for i in movable:
            levels[i] += 1
            names[i] = _compose(profile, words[i], nouns[i], levels[i])
    return _last_resort(names, reserved, profile)


def _clashes(names: list[str], reserved: set[str]) -> list[int]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return [i for i, name in enumerate(names) if counts[name] > 1 or name in reserved]


def _last_resort(names: list[str], reserved: set[str], profile: Profile) -> list[str]:
    """Tell apart segments no descriptor separates: by the mean that differs most between them
    (in population standard deviations), else the size, else (identical twins) the id."""
    for stage in ("mean", "size", "id"):
        groups: dict[str, list[int]] = {}
        for i in _clashes(names, reserved):
            groups.setdefault(names[i], []).append(i)
        for group in groups.values():
            suffixes = [_suffix(stage, profile, group, i) for i in group]
            if stage == "id" or len(set(suffixes)) == len(group):
                for i, suffix in zip(group, suffixes, strict=True):
                    names[i] = f"{names[i]} ({suffix})"
    return names


def _suffix(stage: str, profile: Profile, group: list[int], i: int) -> str:
    segments, population = profile.segments, profile.population
    if stage == "size":
        return f"{formats.count(segments[i].size)} customers"
    if stage == "id":
        return f"segment {segments[i].id}"

    def spread(key: str) -> float:
        zs = [_z(segments[j], population, key) for j in group]
        return max(zs) - min(zs) if len(group) > 1 else abs(zs[0])

    key = max(sorted(population.metrics), key=spread, default=None)
    value = segments[i].mean(key) if key else None
    if value is None:
        return "no data"
    label = profile.labels.get(key, key)
    return f"avg {label} {value:,.0f}" if abs(value) >= 100 else f"avg {label} {value:.3g}"
