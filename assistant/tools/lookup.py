"""What the chat tools share: their context, name and metric lookup, and stated figures.

`ChatContext` holds what the tools read (a model bundle, its personas, the customer table).
`find_segment` resolves what a person calls a segment ("2", "segment 2", "the second", an
exact name or a close misspelling); `find_metric` what they call a metric ("wine", "web
visits", "response rate"); `metrics_of` lists the metrics a profile has.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from assistant.personas.fact_paths import dig
from assistant.personas.facts import MIN_GROUP, clean_label
from segmentation.bundle import Bundle

__all__ = [
    "ORDINALS",
    "ChatContext",
    "Metric",
    "find_metric",
    "find_segment",
    "metrics_of",
    "normalize",
    "pick_metrics",
    "small",
    "stem",
]


@dataclass
class ChatContext:
    """What the tools read: never changed by them.

    ``bundle``: the model (segmenter, profile, names). ``personas``: its write-ups, if made.
    ``customers``: the table the model was trained on, if loaded; only counts leave the tools.
    """

    bundle: Bundle
    personas: list[Any] | None = None
    customers: pd.DataFrame | None = None
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def profile(self) -> dict[str, Any]:
        """The bundle's profile."""
        return self.bundle.profile

    @property
    def segments(self) -> list[dict[str, Any]]:
        """The profile's segments, in id order."""
        return self.bundle.profile["segments"]

    def name(self, segment_id: int) -> str:
        """The display name of a segment (cleaned of markup, links and control characters)."""
        return clean_label(self.bundle.names[segment_id], 60)

    def literals(self) -> list[str]:
        """Names and labels whose digits are part of a name, not figures ("Spending Score
        (1-100)"): the ``ignore`` list for checking numbers in text about this model (built
        once per context: the model does not change)."""
        if "literals" not in self.memo:
            self.memo["literals"] = self._literals()
        return self.memo["literals"]

    def _literals(self) -> list[str]:
        profile = self.bundle.profile
        texts = [*self.bundle.names, *map(self.name, range(len(self.bundle.names)))]
        texts += [*profile.get("labels", {}).values(), *profile.get("labels", {})]
        for seg in profile["segments"]:
            for mix in (seg.get("mix") or {}).values():
                texts += list(mix or {})
        texts += [clean_label(t) for t in texts]
        named = (t for t in texts if re.search(r"\d", t) and re.search(r"[^\W\d_]", t))
        return list(dict.fromkeys(named))

    def persona(self, segment_id: int) -> Any | None:
        """The persona write-up of a segment, if any."""
        return next((p for p in self.personas or [] if p.segment == segment_id), None)


def small(segment: dict[str, Any]) -> bool:
    """Whether a segment is too small for its figures to be shown (fewer than MIN_GROUP)."""
    return int(segment["size"]) < MIN_GROUP


# -- text normalization ------------------------------------------------------------------------
_FILLER = {"the", "a", "an", "of", "and", "on", "in", "by", "for", "per", "to", "segment", "one"}
_STATS = {"average", "avg", "mean", "median", "typical"}


def normalize(text: object) -> str:
    """Lower case, '&' as 'and', other punctuation as spaces, single-spaced."""
    value = str(text).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


def _tokens(text: str, drop: set[str] = _FILLER) -> list[str]:
    return [t for t in normalize(text).split() if t not in drop]


# -- segments ----------------------------------------------------------------------------------
ORDINALS = tuple("first second third fourth fifth sixth seventh eighth ninth tenth".split())
_ID = re.compile(r"^(?:(?:segment|seg|cluster|persona|group)\s*)?(?:no\s*|number\s*)?#?\s*(\d+)$")
_ID_PREFIX = re.compile(r"^(?:segment|seg|cluster|persona|group)\s*#?\s*(\d+)\b")


def _ordinal(text: str, count: int) -> int | None:
    words = normalize(text).split()
    words = [w for w in words if w not in {"the", "one", "segment", "persona", "cluster"}]
    if len(words) != 1:
        return None
    word = words[0]
    if word == "last":
        return count - 1
    if word in ORDINALS:
        return ORDINALS.index(word)
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(match[1]) - 1 if match else None


def stem(word: str) -> str:
    """A crude stem, so "seekers" meets "seeking", "lover" meets "lovers" and "fruits" meets
    "fruit"."""
    for suffix in ("ing", "ers", "er", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _similarity(a: str, b: str) -> float:
    plain = difflib.SequenceMatcher(None, a, b).ratio()
    return max(plain, difflib.SequenceMatcher(None, stem(a), stem(b)).ratio())


def _score(query: str, name: str) -> float:
    """How well a query names a segment: token coverage (each query word's best match among
    the name's words, misspellings allowed) blended with whole-string similarity."""
    q_tokens, n_tokens = _tokens(query), _tokens(name)
    if not q_tokens or not n_tokens:
        return 0.0
    cover = 0.0
    for q in q_tokens:
        best = max(_similarity(q, n) for n in n_tokens)
        cover += best if best >= 0.75 else 0.0
    whole = _similarity(" ".join(q_tokens), " ".join(n_tokens))
    return 0.8 * cover / len(q_tokens) + 0.2 * whole


def find_segment(ctx: ChatContext, text: str) -> dict[str, Any]:
    """The profile segment a person means; raises `ValueError` saying why none is chosen.

    Accepts an id ("2", "segment 2", "#2"), a position ("the second", "2nd", "last"; in id
    order), an exact name (any case) or a close misspelling or part of one
    ("afluent wine lovrs"). Ambiguous or unmatched text raises with the closest names.
    """
    segments = ctx.segments
    query = str(text).strip()
    if not normalize(query):
        raise ValueError(f"give a segment number (0-{len(segments) - 1}) or a segment name.")
    match = _ID.match(normalize(query)) or _ID_PREFIX.match(normalize(query))
    position = _ordinal(query, len(segments))
    if match or position is not None:
        index = int(match[1]) if match else position
        if index is None or not 0 <= index < len(segments):
            raise ValueError(
                f"there is no segment {query!r}; segments are numbered 0 to {len(segments) - 1}."
            )
        return segments[index]
    names = {s["id"]: (ctx.bundle.names[s["id"]], ctx.name(s["id"])) for s in segments}
    wanted = normalize(query)
    for seg in segments:
        if wanted in {normalize(n) for n in names[seg["id"]]}:
            return seg
    scores = sorted(
        ((max(_score(query, n) for n in names[s["id"]]), s["id"]) for s in segments),
        reverse=True,
    )
    best_score, best = scores[0]
    close = [i for score, i in scores if score >= 0.6 and best_score - score < 0.08]
    if len(close) == 1:
        return segments[best]
    hint = [ctx.name(i) for i in (close[:4] if close else [i for _, i in scores[:2]])]
    options = ", ".join(hint[:-1]) + f" or {hint[-1]}" if len(hint) > 1 else hint[0]
    if close:
        raise ValueError(
            f"{clean_label(query)!r} matches more than one segment: did you mean {options}?"
        )
    raise ValueError(f"no segment is called {clean_label(query)!r}; did you mean {options}?")


# -- metrics -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Metric:
    """A per-segment figure: a profile metric (``metrics.KEY.mean|median|index``) or another
    path in a segment dict (``response.rate``); ``unit`` is number, money, share or lift."""

    key: str
    label: str
    unit: str
    path: tuple[str, ...] = ()

    @property
    def stats(self) -> bool:
        """Whether it has mean, median and index (a profile metric)."""
        return not self.path

    def seg_path(self, stat: str = "mean") -> tuple[str, ...]:
        """Path of the figure inside a segment dict."""
        return ("metrics", self.key, stat) if self.stats else self.path

    def value(self, segment: dict[str, Any], stat: str = "mean") -> float | None:
        """The segment's figure, or None when unknown."""
        node = dig(segment, self.seg_path(stat))
        return float(node) if isinstance(node, int | float) else None

    def population(self, profile: dict[str, Any], stat: str = "mean") -> float | None:
        """The figure for the whole base (None when it has no such figure)."""
        if self.stats:
            value = profile["population"]["metrics"].get(self.key, {}).get(stat)
        elif self.path == ("response", "rate"):
            value = profile.get("base_rate")
        elif self.path == ("share",):
            value = 1.0
        elif self.path == ("size",):
            value = profile["n_customers"]
        elif self.path[0] in ("campaigns", "spend_mix", "channel_mix"):
            value = dig(profile["population"], self.path)
        else:
            value = None
        return float(value) if isinstance(value, int | float) else None

    def population_key(self, stat: str = "mean") -> str:
        """Figure key of the population value."""
        if self.path == ("response", "rate"):
            return "population.response.rate"
        return "population." + ".".join(self.seg_path(stat))


_MONEY = ("income", "total_spend", "spend_")
_ALIASES: dict[str, str] = {  # metric key -> what people call it, comma-separated
    "income": "income, salary, earnings, earning, household income, wealth",
    "age": "age, years old, how old, older, oldest, younger, youngest",
    "children": "children, kids, child, kid, children at home, family size",
    "kidhome": "small children, small kids, young children, kidhome, toddlers",
    "teenhome": "teens, teenagers, teenhome, teen",
    "recency_days": "recency, days since last purchase, last purchase, recent",
    "tenure_days": "tenure, days as a customer, customer since, loyalty, seniority",
    "total_spend": "spend, spending, total spend, total spending, spent, revenue, money spent, "
    "monetary, sales, value",
    "spend_wines": "wine, wines, wine spend, wine spending",
    "spend_fruits": "fruit, fruits, fruit spend",
    "spend_meat": "meat, meat products, meat spend",
    "spend_fish": "fish, seafood, fish products, fish spend",
    "spend_sweets": "sweets, sweet, candy, sweet products, desserts",
    "spend_gold": "gold, gold products, premium products, jewelry, gold spend",
    "purchases_web": "web purchases, online purchases, web, online, website purchases, "
    "internet purchases, web orders, online orders",
    "purchases_catalog": "catalog, catalogue, catalog purchases, catalogue purchases, mail order",
    "purchases_store": "store, in store, store purchases, shop, shop purchases, retail",
    "purchases_deals": "deals, deal, deal purchases, discounts, discount, promotions, coupons",
    "total_purchases": "purchases, number of purchases, orders, frequency, transactions",
    "web_visits_month": "web visits, website visits, visits, site visits, monthly web visits",
    "campaigns_accepted": "campaigns accepted, campaign acceptance, accepted campaigns, "
    "past campaigns, campaigns, accepted",
    "response_rate": "response, response rate, responders, conversion, conversion rate, "
    "respond, last campaign, responsiveness",
    "response_lift": "lift, response lift",
    "campaign_any_past": "any past campaign, acceptance rate, campaign acceptance rate, "
    "accepted any campaign, any campaign, past campaign rate",
    "size": "size, customers, number of customers, biggest, largest, count",
    "share": "share, share of customers, percentage of customers, proportion",
}


def metrics_of(profile: dict[str, Any]) -> dict[str, Metric]:
    """Every metric of a profile by key: its metrics, size, share, and (when known) response
    rate, lift and past-campaign rates."""
    labels = profile.get("labels", {})
    out: dict[str, Metric] = {
        "size": Metric("size", "customers", "number", ("size",)),
        "share": Metric("share", "share of customers", "share", ("share",)),
    }
    for key in profile["population"]["metrics"]:
        unit = "money" if profile.get("schema") == "reference" and key.startswith(_MONEY) else ""
        out[key] = Metric(key, clean_label(labels.get(key, key)), unit or "number")
    if any(s.get("response") for s in profile["segments"]):
        out["response_rate"] = Metric(
            "response_rate", "response rate", "share", ("response", "rate")
        )
        out["response_lift"] = Metric(
            "response_lift", "response lift", "lift", ("response", "lift")
        )
    campaigns = next((s["campaigns"] for s in profile["segments"] if s.get("campaigns")), None)
    for name in campaigns or {}:
        key = "campaign_any_past" if name == "any_past" else f"campaign_{name}"
        label = (
            "accepted any past campaign" if name == "any_past" else f"accepted campaign {name[3:]}"
        )
        out[key] = Metric(key, label, "share", ("campaigns", name, "rate"))
    return out


def _alias_table(metrics: dict[str, Metric]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, metric in metrics.items():
        table[normalize(key)] = key
        table[normalize(metric.label)] = key
    for key, words in _ALIASES.items():
        for word in words.split(","):
            if key in metrics:
                table.setdefault(normalize(word), key)
    for key in metrics:
        if key.startswith("campaign_cmp"):
            number = key[-1]
            for word in (
                f"campaign {number}",
                f"cmp{number}",
                f"cmp {number}",
                f"acceptedcmp{number}",
            ):
                table.setdefault(normalize(word), key)
    return table


def find_metric(profile: dict[str, Any], text: str) -> tuple[Metric, str | None]:
    """The metric a person means and the statistic they named ("median income" -> median);
    raises `ValueError` listing the valid metrics."""
    metrics = metrics_of(profile)
    table = _alias_table(metrics)
    phrase = normalize(text)
    words = phrase.split()
    stat = (
        "median"
        if "median" in words
        else "mean"
        if {"mean", "average", "avg"} & set(words)
        else None
    )
    core = " ".join(w for w in words if w not in _FILLER | _STATS)
    for candidate in (phrase, phrase.replace(" ", "_"), core):
        if candidate in table:
            return metrics[table[candidate]], stat
        if candidate.replace(" ", "_") in metrics:
            return metrics[candidate.replace(" ", "_")], stat
    tokens = set(core.split())
    contained = [a for a in table if a and set(a.split()) <= tokens]
    if contained:
        longest = max(len(a.split()) for a in contained)
        keys = {table[a] for a in contained if len(a.split()) == longest}
        if len(keys) == 1:
            return metrics[keys.pop()], stat
    close = difflib.get_close_matches(core or phrase, list(table), n=3, cutoff=0.8)
    if close and len({table[c] for c in close}) == 1:
        return metrics[table[close[0]]], stat
    hint = f" Did you mean {' or '.join(dict.fromkeys(table[c] for c in close))}?" if close else ""
    raise ValueError(
        f"unknown metric {clean_label(text)!r}.{hint} Valid metrics: {', '.join(metrics)}."
    )


def pick_metrics(
    profile: dict[str, Any], names: list[str] | None, default: tuple[str, ...], limit: int = 8
) -> list[Metric]:
    """The metrics named (resolved with `find_metric`, duplicates dropped) or, without names,
    the ``default`` keys a reference profile has; for a generic profile, its first ``limit``
    metrics plus response rate and lift."""
    metrics = metrics_of(profile)
    if names:
        found = [find_metric(profile, name)[0] for name in names]
        return list({m.key: m for m in found}.values())
    if profile.get("schema") == "reference":
        return [metrics[k] for k in default if k in metrics]
    chosen = [m for m in metrics.values() if m.stats][:limit]
    return chosen + [metrics[k] for k in ("response_rate", "response_lift") if k in metrics]
