"""What may be sent to a language model: aggregates only, cleaned, never small groups.

`fact_sheet` turns one segment of a `Profile` into the `FactSheet` a writer sees - and
against which its text is verified. By construction it holds no customer ID, no row, no
minimum or maximum of raw values, and nothing about a group of fewer than `MIN_GROUP`
customers: a segment that small gets no fact sheet, and a category cell (say, widowed
customers of a segment) that small is reported as ``"<11"`` instead of its share. Labels that
come from the user's file (category values, column names, persona names built from them) are
cleaned by `clean_label`, so a CSV value cannot smuggle instructions, links or markup into a
prompt. `FactSheet.to_dict` is the JSON sent; `flatten_facts` and `dig` read such JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

from assistant.errors import LLMError
from assistant.text import clean_key, clean_label
from segmentation.profile import SMALL_SEGMENT, Profile, Rate, Response

__all__ = [
    "MIN_GROUP",
    "FactMetric",
    "FactRate",
    "FactSheet",
    "dig",
    "fact_sheet",
    "flatten_facts",
    "small_cell",
]

MIN_GROUP = SMALL_SEGMENT
Number = float | int | None


def _round(value: float | None, kind: str) -> Number:
    """Lean, readable precision: money and counts whole, shares 3 decimals, indexes whole."""
    if value is None:
        return None
    if kind == "share":
        return round(float(value), 3)
    if kind == "index":
        return int(round(value))
    if kind == "lift":
        return round(float(value), 2)
    if abs(value) >= 100:
        return int(round(value))
    return round(float(value), 2) if abs(value) < 10 else round(float(value), 1)


def small_cell(share: float, size: float) -> bool:
    """Whether ``share`` of a group of ``size`` customers is a non-empty cell of fewer than
    `MIN_GROUP` customers, whose share must not be shown."""
    return 0 < round(share * size) < MIN_GROUP


@dataclass(frozen=True)
class FactMetric:
    """A metric as the writer sees it: label, mean, median (where means mislead) and index."""

    label: str
    mean: Number = None
    median: Number = None
    index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label}
        for stat in ("mean", "median", "index"):
            if getattr(self, stat) is not None:
                out[stat] = getattr(self, stat)
        return out


@dataclass(frozen=True)
class FactRate:
    """A rate with its 95% interval (``lift`` only for the held-out response)."""

    rate: Number = None
    ci_low: Number = None
    ci_high: Number = None
    lift: Number = None
    has_lift: bool = False

    @classmethod
    def of(cls, block: Rate) -> FactRate:
        figures = {k: _round(getattr(block, k), "share") for k in ("rate", "ci_low", "ci_high")}
        if isinstance(block, Response):
            return cls(**figures, lift=_round(block.lift, "lift"), has_lift=True)
        return cls(**figures)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rate": self.rate, "ci_low": self.ci_low, "ci_high": self.ci_high}
        return out | ({"lift": self.lift} if self.has_lift else {})


@dataclass(frozen=True)
class FactSheet:
    """The statistics of one segment a writer may see (see the module docstring)."""

    segment_id: int
    name: str
    customers: int
    share: Number
    population: int
    base_response_rate: Number = None
    metrics: dict[str, FactMetric] = field(default_factory=dict)
    spend_mix: dict[str, Number] | None = None
    channel_mix: dict[str, Number] | None = None
    mix: dict[str, dict[str, Number | str]] = field(default_factory=dict)
    campaigns: dict[str, FactRate] | None = None
    response: FactRate | None = None
    traits: list[str] = field(default_factory=list)

    def metric(self, key: str, stat: str = "mean") -> float | None:
        """A metric's figure ("mean", "median" or "index"), or None."""
        value = getattr(self.metrics.get(key), stat, None)
        return value if isinstance(value, Real) else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON sent to a writer (and read by the verifier)."""
        population: dict[str, Any] = {"customers": self.population}
        if self.base_response_rate is not None:
            population["base_response_rate"] = self.base_response_rate
        out: dict[str, Any] = {
            "segment": {
                "id": self.segment_id,
                "name": self.name,
                "customers": self.customers,
                "share": self.share,
            },
            "population": population,
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
        }
        if self.spend_mix:
            out["spend_mix"] = dict(self.spend_mix)
        if self.channel_mix:
            out["channel_mix"] = dict(self.channel_mix)
        if self.mix:
            out["mix"] = {k: dict(v) for k, v in self.mix.items()}
        if self.campaigns:
            out["campaigns"] = {k: r.to_dict() for k, r in self.campaigns.items()}
        if self.response is not None:
            out["response"] = self.response.to_dict()
        out["traits"] = list(self.traits)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FactSheet:
        """A fact sheet from its JSON (e.g. as a fake model server received it)."""
        seg, pop = data["segment"], data.get("population") or {}

        def rate(block: Mapping[str, Any]) -> FactRate:
            return FactRate(**dict(block), has_lift="lift" in block)

        campaigns = data.get("campaigns")
        return cls(
            segment_id=int(seg["id"]),
            name=str(seg["name"]),
            customers=int(seg["customers"]),
            share=seg.get("share"),
            population=int(pop.get("customers", 0)),
            base_response_rate=pop.get("base_response_rate"),
            metrics={k: FactMetric(**m) for k, m in (data.get("metrics") or {}).items()},
            spend_mix=data.get("spend_mix"),
            channel_mix=data.get("channel_mix"),
            mix={k: dict(v) for k, v in (data.get("mix") or {}).items()},
            campaigns=None if not campaigns else {k: rate(v) for k, v in campaigns.items()},
            response=rate(data["response"]) if data.get("response") else None,
            traits=list(data.get("traits") or []),
        )


def _shares(mix: Mapping[str, float | None] | None, size: int) -> dict[str, Number | str]:
    """Shares by cleaned label; labels that clean alike are one cell (their shares added, so
    none is silently dropped), and a `small_cell` is f"<{MIN_GROUP}" ("<11")."""
    merged: dict[str, float] = {}
    for label, share in (mix or {}).items():
        if share is not None:
            key = clean_label(label)
            merged[key] = merged.get(key, 0.0) + share
    return {
        label: f"<{MIN_GROUP}" if small_cell(share, size) else round(share, 3)
        for label, share in merged.items()
    }


def fact_sheet(
    profile: Profile, segment_id: int, name: str, min_group: int = MIN_GROUP
) -> FactSheet:
    """The statistics of one segment that a writer may see (and that its text must match).

    Raises `LLMError` for a segment of fewer than ``min_group`` customers: its figures would
    describe individuals. (The offline writer, which sends nothing anywhere, passes 0.)
    """
    try:
        segment = profile.segment(segment_id)
    except KeyError:
        raise LLMError(f"segment {segment_id} does not exist in this model.") from None
    size = int(segment.size)
    if size < min_group:
        raise LLMError(
            f"segment {segment_id} has {size} customers (fewer than {min_group}): "
            "its figures are not sent to a language model."
        )
    catalog = profile.catalog
    metrics = {}
    for key, figures in segment.metrics.items():
        skewed = key in catalog and catalog.measure(key).skewed
        metrics[clean_key(key)] = FactMetric(
            clean_label(profile.labels.get(key, key)),
            _round(figures.mean, "value"),
            _round(figures.median, "value") if skewed else None,
            _round(figures.index, "index"),  # type: ignore[arg-type]
        )

    def shares(mix: Mapping[str, float | None] | None) -> dict[str, Number] | None:
        return {clean_key(k): _round(v, "share") for k, v in mix.items()} if mix else None

    campaigns = segment.campaigns
    return FactSheet(
        segment_id=segment_id,
        name=clean_label(name, 60),
        customers=size,
        share=_round(segment.share, "share"),
        population=int(profile.n_customers),
        base_response_rate=_round(profile.base_rate, "share"),
        metrics=metrics,
        spend_mix=shares(segment.spend_mix),
        channel_mix=shares(segment.channel_mix),
        mix={clean_key(k): _shares(v, size) for k, v in segment.mix.items()},
        campaigns={clean_key(k): FactRate.of(r) for k, r in campaigns.items()}
        if campaigns
        else None,
        response=FactRate.of(segment.response) if segment.response else None,
        traits=[clean_label(t.text, 80) for t in segment.traits],
    )


# -- reading fact sheet JSON -------------------------------------------------------------------
def flatten_facts(facts: Mapping[str, Any] | FactSheet) -> dict[str, float]:
    """The numeric leaves of a fact sheet (or its JSON) under dotted keys, as floats.

    ``{"response": {"rate": 0.453}}`` gives ``{"response.rate": 0.453}``; list items are keyed
    by position (``"top.0.share"``). Booleans, strings and nulls are left out.
    """
    if isinstance(facts, FactSheet):
        facts = facts.to_dict()
    if not isinstance(facts, Mapping):
        raise TypeError(f"facts must be a mapping (a JSON object); got {type(facts).__name__}.")
    flat: dict[str, float] = {}
    _flatten(facts, "", flat)
    return flat


def dig(node: Any, parts: Iterable[str]) -> Any:
    """The value at a path of keys through nested dicts, or None where the path leaves them:
    ``dig({"response": {"rate": 0.45}}, ["response", "rate"])`` gives ``0.45``."""
    for part in parts:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _flatten(node: Mapping[str, Any] | list | tuple, prefix: str, out: dict[str, float]) -> None:
    items = node.items() if isinstance(node, Mapping) else enumerate(node)
    for key, value in items:
        path = f"{prefix}{key}"
        if isinstance(value, Real) and not isinstance(value, bool):
            out[path] = float(value)
        elif isinstance(value, Mapping | list | tuple):
            _flatten(value, path + ".", out)
