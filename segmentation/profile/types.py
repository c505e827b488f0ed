"""The typed segment profile: what each segment looks like, as aggregates only.

A `Profile` holds the population's figures and one `SegmentProfile` per segment; callers
read attributes (``profile.segments[2].metrics["income"].mean``), and `to_dict` /
`Profile.from_dict` are the bundle's JSON (``profile.json``). A missing figure is None, never
NaN. The profile's `catalog` says what its keys mean (labels, units, sources).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from segmentation.catalog import Catalog, Measure, labels_catalog, reference_catalog

__all__ = [
    "MIX_BLOCKS",
    "Mix",
    "PopulationMetric",
    "PopulationProfile",
    "Profile",
    "Rate",
    "Response",
    "SegmentMetric",
    "SegmentProfile",
    "Trait",
]

Mix = dict[str, float | None]  # level -> share of the segment (or population)
MIX_BLOCKS = ("spend_mix", "channel_mix")  # the catalog mixes a profile has a block for
_LEGACY_MIXES = {"education": "education_level", "marital": "marital_status"}


def _number(value: Any) -> float | None:
    return float(value) if value is not None and math.isfinite(float(value)) else None


@dataclass(frozen=True)
class PopulationMetric:
    """A metric of all customers: mean, median and (population) standard deviation."""

    mean: float | None = None
    median: float | None = None
    std: float | None = None


@dataclass(frozen=True)
class SegmentMetric:
    """A metric of one segment: mean, median and index (100 × segment mean / population
    mean; None when the population mean is not positive)."""

    mean: float | None = None
    median: float | None = None
    index: float | None = None


@dataclass(frozen=True)
class Rate:
    """A rate (share of customers) with its Wilson 95% interval."""

    rate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None


@dataclass(frozen=True)
class Response(Rate):
    """The held-out response of a segment: its rate and interval, its lift over the base
    rate, and the responders among the customers with a known response."""

    lift: float | None = None
    responders: int = 0
    customers: int = 0


@dataclass(frozen=True)
class Trait:
    """One of a segment's most distinctive metrics: its figure key, label, index, direction
    ("high"/"low") and the trait in words ("wine spend 75% above average")."""

    key: str
    label: str
    index: float
    direction: str
    text: str


def _get(node: Any, part: str) -> Any:
    if isinstance(node, Mapping):
        return node.get(part)
    return getattr(node, part, None) if node is not None else None


@dataclass(frozen=True)
class PopulationProfile:
    """The figures of all customers. ``spend_mix``, ``channel_mix`` and ``campaigns`` are
    None for a table without them."""

    metrics: dict[str, PopulationMetric]
    spend_mix: Mix | None = None
    channel_mix: Mix | None = None
    mix: dict[str, Mix] = field(default_factory=dict)
    campaigns: dict[str, Rate] | None = None

    def figure(self, path: Sequence[str]) -> float | None:
        """The number at a path of keys ("metrics", "income", "median"), or None."""
        node: Any = self
        for part in path:
            node = _get(node, part)
        return _number(node) if isinstance(node, int | float) else None


@dataclass(frozen=True)
class SegmentProfile:
    """One segment: id, size, share of all customers, metrics, mixes, past-campaign rates,
    held-out response, top traits, and whether it is too small to describe (``small``)."""

    id: int
    size: int
    share: float
    metrics: dict[str, SegmentMetric]
    spend_mix: Mix | None = None
    channel_mix: Mix | None = None
    mix: dict[str, Mix] = field(default_factory=dict)
    campaigns: dict[str, Rate] | None = None
    response: Response | None = None
    traits: list[Trait] = field(default_factory=list)
    small: bool = False

    def figure(self, path: Sequence[str]) -> float | None:
        """The number at a path of keys ("metrics", "income", "mean"; "response", "rate";
        "campaigns", "cmp3", "rate"; "size"), or None where there is none."""
        node: Any = self
        for part in path:
            node = _get(node, part)
        if isinstance(node, bool) or not isinstance(node, int | float):
            return None
        return _number(node)

    def mean(self, key: str) -> float | None:
        """The segment's mean of a metric (None when unknown)."""
        return self.figure(("metrics", key, "mean"))

    def index(self, key: str) -> float | None:
        """The segment's index of a metric (None when unknown)."""
        return self.figure(("metrics", key, "index"))


def _asdict(item: Any) -> Any:
    if isinstance(item, PopulationMetric | SegmentMetric | Rate | Trait):
        return {f.name: getattr(item, f.name) for f in fields(item)}
    if isinstance(item, dict):
        return {k: _asdict(v) for k, v in item.items()}
    if isinstance(item, list):
        return [_asdict(v) for v in item]
    return item


@dataclass(frozen=True)
class Profile:
    """Every segment's profile and the population's, with what the keys mean.

    ``schema`` is "reference" or "generic"; ``base_rate`` the held-out outcome's rate among
    all customers with one (None without an outcome); ``labels`` metric (and, for a generic
    table, mix) key -> human label.
    """

    schema: str
    n_customers: int
    n_segments: int
    base_rate: float | None
    labels: dict[str, str]
    population: PopulationProfile
    segments: list[SegmentProfile]
    defined_by: Catalog | None = field(default=None, repr=False, compare=False)
    roles: dict[str, str] = field(default_factory=dict)  # generic: key -> "role:unit:0/1"

    @cached_property
    def catalog(self) -> Catalog:
        """What the profile's keys mean: the catalog it was made with, restricted to the
        figures it holds (a loaded profile rebuilds it from its schema and labels)."""
        metrics = list(self.population.metrics)
        mixes = list(self.population.mix)
        outcome = any(s.response is not None for s in self.segments)
        if self.defined_by is not None:
            base = self.defined_by
        elif self.schema == "reference":
            base = reference_catalog()
            added = [k for k in metrics if k not in base]  # measures a caller's catalog added
            if added:  # kept with their recorded labels
                base = base.with_measures(*(Measure(k, self.labels.get(k, k)) for k in added))
        else:
            base = labels_catalog(self.labels, metrics, mixes, outcome, self.roles)
        campaigns = next((s.campaigns for s in self.segments if s.campaigns), None) or {}
        held = {"size", "share", *metrics}
        held |= {"response_rate", "response_lift"} if outcome else set()
        held |= {f"campaign_{name}" for name in campaigns}
        return base.restricted(held)

    def segment(self, segment_id: int) -> SegmentProfile:
        """The segment of ``segment_id`` (`KeyError` if there is none)."""
        for seg in self.segments:
            if seg.id == segment_id:
                return seg
        raise KeyError(segment_id)

    def to_dict(self) -> dict[str, Any]:
        """The profile as JSON-ready values (the bundle's ``profile.json``)."""
        pop = self.population
        return {
            "schema": self.schema,
            "n_customers": self.n_customers,
            "n_segments": self.n_segments,
            "base_rate": self.base_rate,
            "labels": dict(self.labels),
            "roles": dict(self.roles),
            "population": {
                "metrics": _asdict(pop.metrics),
                "spend_mix": _asdict(pop.spend_mix),
                "channel_mix": _asdict(pop.channel_mix),
                "mix": _asdict(pop.mix),
                "campaigns": _asdict(pop.campaigns),
            },
            "segments": [
                {
                    "id": s.id,
                    "size": s.size,
                    "share": s.share,
                    "metrics": _asdict(s.metrics),
                    "spend_mix": _asdict(s.spend_mix),
                    "channel_mix": _asdict(s.channel_mix),
                    "mix": _asdict(s.mix),
                    "campaigns": _asdict(s.campaigns),
                    "response": None if s.response is None else _asdict(s.response),
                    "traits": _asdict(s.traits),
                    "small": s.small,
                }
                for s in self.segments
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """The profile of its JSON (`to_dict`); mixes of older bundles ("education",
        "marital") take their catalog keys."""

        def mixes(block: Mapping[str, Any] | None) -> dict[str, Mix]:
            return {_LEGACY_MIXES.get(k, k): dict(v or {}) for k, v in (block or {}).items()}

        def rates(block: Mapping[str, Any] | None) -> dict[str, Rate] | None:
            return None if block is None else {k: Rate(**v) for k, v in block.items()}

        pop = data["population"]
        population = PopulationProfile(
            metrics={k: PopulationMetric(**v) for k, v in pop["metrics"].items()},
            spend_mix=pop.get("spend_mix"),
            channel_mix=pop.get("channel_mix"),
            mix=mixes(pop.get("mix")),
            campaigns=rates(pop.get("campaigns")),
        )
        segments = [
            SegmentProfile(
                id=int(s["id"]),
                size=int(s["size"]),
                share=float(s["share"]),
                metrics={k: SegmentMetric(**v) for k, v in s["metrics"].items()},
                spend_mix=s.get("spend_mix"),
                channel_mix=s.get("channel_mix"),
                mix=mixes(s.get("mix")),
                campaigns=rates(s.get("campaigns")),
                response=None if not s.get("response") else Response(**s["response"]),
                traits=[Trait(**t) for t in s.get("traits") or []],
                small=bool(s.get("small", False)),
            )
            for s in data["segments"]
        ]
        return cls(
            schema=data["schema"],
            n_customers=int(data["n_customers"]),
            n_segments=int(data["n_segments"]),
            base_rate=data.get("base_rate"),
            labels=dict(data.get("labels") or {}),
            population=population,
            segments=segments,
            roles=dict(data.get("roles") or {}),
        )
