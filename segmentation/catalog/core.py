"""The shapes of the catalog: what can be measured about customers and segments, defined once.

A `Measure` is a figure: a per-customer metric profiled as mean, median and index (income,
wine spend), or a segment figure (size, share, a response or campaign rate, a lift). A
`Dimension` is a categorical attribute (education, marital status) profiled as a mix of its
levels. A `Mix` splits a total into parts (spend by product category, purchases by channel);
a `Campaign` is a past campaign's acceptance flag. A `Field` says how a person gives a
customer's value of a model input (the form, the assign tool). A `Catalog` holds them all for
one kind of table, with named sets of keys that views show by default.

Everything else reads the catalog: features and the profile take their columns from it, the
namer, writers, report, tools, question reader and form take their keys, labels, units and
words from it. Raw column names appear only in a catalog's definition (``source``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any

from segmentation.errors import CatalogError

__all__ = [
    "UNITS",
    "Campaign",
    "Catalog",
    "Dimension",
    "Field",
    "Measure",
    "Mix",
    "Part",
    "normalize",
]

UNITS = ("money", "number", "share", "lift")
AGGREGATIONS = ("mean", "count", "share", "rate", "lift")
_FILLER = frozenset({"the", "a", "an", "of", "and", "on", "in", "by", "for", "per", "to"})
_FILLER |= {"segment", "one"}
_STATS = frozenset({"average", "avg", "mean", "median", "typical"})


def normalize(text: object) -> str:
    """Lower case, '&' as 'and', other punctuation as spaces, single-spaced."""
    value = str(text).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


@dataclass(frozen=True)
class Field:
    """How a person gives one customer's value of a model input (form field, tool argument).

    ``columns`` names what the value fills ("Year_Birth" for an age, the five campaign flags
    for a count of campaigns); ``kind`` says how: "value" (as given), "age" (birth year =
    reference year - age) or "count_of" (the first n columns are 1).
    """

    label: str
    description: str
    minimum: float = 0
    maximum: float = 1_000_000
    step: float = 1
    fallback: float = 0  # the form's default when the profile has no median
    integer: bool = False
    columns: tuple[str, ...] = ()
    kind: str = "value"
    change: str | None = None  # a what-if change of it, described ("years added to age")

    def to_columns(self, value: Any, reference_year: int | None = None) -> dict[str, Any]:
        """The model-input columns a given value fills: the value itself, a birth year
        (``reference_year`` - age), or the first ``value`` flags of ``columns`` set to 1."""
        if self.kind == "age":
            if reference_year is None:
                raise CatalogError(f"{self.label}: an age needs the model's reference year.")
            return {self.columns[0]: reference_year - float(value)}
        if self.kind == "count_of":
            return {c: float(k < value) for k, c in enumerate(self.columns)}
        return {self.columns[0]: value}


@dataclass(frozen=True)
class Measure:
    """A figure of the catalog.

    ``aggregation``: "mean" (a per-customer metric: segment mean, median and index, the
    population mean, median and standard deviation), "count" (customers), "share" (of all
    customers), "rate" (a held-out or past-campaign rate with its 95% interval) or "lift".
    ``source``: the column it is computed from (loaded or derived); ``path``: where a
    segment's value sits in a segment profile when it is not a metric's.
    """

    key: str
    label: str
    unit: str = "number"
    aggregation: str = "mean"
    source: str | None = None
    meaning: str = "neutral"
    description: str = ""
    synonyms: tuple[str, ...] = ()
    pattern: str = ""  # the question reader's regex of the words people use
    short: str | None = None  # a compact column label ("spend")
    title: str | None = None  # a key figure's heading ("Household income (yearly)")
    path: tuple[str, ...] = ()
    input: Field | None = None
    phrase: str | None = None  # the write-ups' demographics line, e.g. "Average age {mean}"
    held_out: bool = False
    skewed: bool = False  # the median adds information (the fact sheet sends it)

    @property
    def per_customer(self) -> bool:
        """Whether it is a per-customer metric (mean, median and index per segment)."""
        return self.aggregation == "mean"

    def segment_path(self, stat: str = "mean") -> tuple[str, ...]:
        """Where a segment's figure sits: ``("metrics", key, stat)`` or ``path``."""
        return ("metrics", self.key, stat) if self.per_customer else self.path

    def population_path(self, stat: str = "mean") -> tuple[str, ...]:
        """The dotted key parts of the population's figure (see `segment_path`)."""
        if self.path == ("response", "rate"):
            return ("response", "rate")
        return self.segment_path(stat)

    @property
    def short_label(self) -> str:
        """The compact label, or the label."""
        return self.short or self.label

    @property
    def heading(self) -> str:
        """The key figure's heading, or the label with a capital."""
        return self.title or self.label[:1].upper() + self.label[1:]


@dataclass(frozen=True)
class Dimension:
    """A categorical attribute: its levels in display order, the level that collects
    unknown values (``other``), and the words people use for levels (``words``)."""

    key: str
    label: str
    source: str
    levels: tuple[str, ...] = ()
    other: str | None = None
    words: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    synonyms: tuple[str, ...] = ()
    profiled: bool = True  # its mix is part of the profile
    input: Field | None = None
    held_out: bool = False
    phrase: str | None = None  # the write-ups' line, with {level} and {share}
    focus: str | None = None  # the level the phrase is about (default: the commonest)
    coarser: str | None = None  # a dimension grouping these levels (degree -> level)


@dataclass(frozen=True)
class Part:
    """A part of a `Mix`: its key in the mix, label, the metric of its amount, its source
    column, the write-ups' phrase and the words people use for it."""

    key: str
    label: str
    measure: str
    source: str
    phrase: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mix:
    """A total split into parts (shares of the parts' sum); ``extra`` parts are reported as
    shares of the same sum but are not parts of it (purchases made with a deal)."""

    key: str
    label: str
    of: str  # what is split: "spend", "purchases"
    parts: tuple[Part, ...]
    extra: tuple[Part, ...] = ()
    total: str | None = None  # the metric of the whole (total spend, total purchases)
    short: str | None = None  # a short heading ("Channels")

    @property
    def keys(self) -> tuple[str, ...]:
        """The parts' keys, in order."""
        return tuple(p.key for p in self.parts)


@dataclass(frozen=True)
class Campaign:
    """A past campaign: its key in the profile ("cmp3"), label and acceptance flag column."""

    key: str
    label: str
    source: str


@dataclass(frozen=True)
class Catalog:
    """Every measure, dimension, mix and campaign of one kind of table ("reference" or
    "generic"), with the outcome column held out and named sets of keys for views."""

    schema: str
    measures: tuple[Measure, ...]
    dimensions: tuple[Dimension, ...] = ()
    mixes: tuple[Mix, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    outcome: str | None = None
    sets: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def __copy__(self) -> Catalog:
        return self  # immutable: a copy is the catalog itself

    def __deepcopy__(self, memo: dict) -> Catalog:
        return self

    def __post_init__(self) -> None:
        keys = [m.key for m in self.measures] + [d.key for d in self.dimensions]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise CatalogError(f"the catalog defines {', '.join(twice)} twice.")

    # -- lookups (computed once: the catalog is immutable) ------------------------------------
    @cached_property
    def _by_key(self) -> dict[str, Measure]:
        return {m.key: m for m in self.measures}

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Measure]:
        return iter(self.measures)

    def measure(self, key: str) -> Measure:
        """The measure of ``key``; `CatalogError` naming the valid keys otherwise."""
        found = self._by_key.get(key)
        if found is None:
            valid = ", ".join(self.keys())
            raise CatalogError(f"unknown metric {key!r}; valid metrics: {valid}.")
        return found

    def dimension(self, key: str) -> Dimension:
        """The dimension of ``key``; `CatalogError` naming the valid keys otherwise."""
        for d in self.dimensions:
            if d.key == key:
                return d
        known = ", ".join(d.key for d in self.dimensions) or "none"
        raise CatalogError(f"unknown attribute {key!r}; valid attributes: {known}.")

    def mix(self, key: str) -> Mix | None:
        """The mix of ``key`` ("spend_mix", "channel_mix"), or None."""
        return next((m for m in self.mixes if m.key == key), None)

    def keys(self) -> list[str]:
        """Every measure key, in catalog order."""
        return [m.key for m in self.measures]

    @cached_property
    def metrics(self) -> tuple[Measure, ...]:
        """The per-customer metrics (mean, median and index per segment), in order."""
        return tuple(m for m in self.measures if m.per_customer)

    @cached_property
    def profiled_dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions whose mix the profile holds."""
        return tuple(d for d in self.dimensions if d.profiled)

    @cached_property
    def inputs(self) -> tuple[Measure | Dimension, ...]:
        """Measures and dimensions a person can give for one customer (form, assign tool):
        in the order of the "inputs" set, then any others in catalog order."""
        given = [x for x in (*self.measures, *self.dimensions) if x.input is not None]
        order = {k: i for i, k in enumerate(self.sets.get("inputs", ()))}
        return tuple(sorted(given, key=lambda x: order.get(x.key, len(order))))

    def labels(self) -> dict[str, str]:
        """Key -> label of every metric (and, for a generic table, every profiled dimension,
        in the table's column order): the profile's ``labels``."""
        out = {m.key: m.label for m in self.metrics}
        if self.schema == "generic":
            out |= {d.key: d.label for d in self.profiled_dimensions}
            order = {k: i for i, k in enumerate(self.sets.get("columns", ()))}
            out = dict(sorted(out.items(), key=lambda kv: order.get(kv[0], len(order))))
        return out

    def keys_for(self, view: str) -> tuple[str, ...]:
        """The keys a view shows by default (a named set), those the catalog has, in order."""
        return tuple(k for k in self.sets.get(view, ()) if k in self)

    def by_source(self, column: str) -> Measure | None:
        """The per-customer metric computed from ``column``, if any."""
        return next((m for m in self.metrics if m.source == column), None)

    # -- changing ----------------------------------------------------------------------------
    def with_measures(self, *added: Measure) -> Catalog:
        """A catalog with more measures (after the per-customer metrics already there)."""
        last = max((i for i, m in enumerate(self.measures) if m.per_customer), default=-1)
        measures = (*self.measures[: last + 1], *added, *self.measures[last + 1 :])
        return replace(self, measures=measures)

    def restricted(self, keys: Iterable[str]) -> Catalog:
        """The catalog with only the measures of ``keys`` (those a profile holds)."""
        wanted = set(keys)
        return replace(self, measures=tuple(m for m in self.measures if m.key in wanted))

    # -- words -------------------------------------------------------------------------------
    def _alias_table(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for m in self.measures:
            table[normalize(m.key)] = m.key
            table[normalize(m.label)] = m.key
        for m in self.measures:
            for word in m.synonyms:
                table.setdefault(normalize(word), m.key)
        return table

    def lookup(self, text: str) -> tuple[Measure, str | None]:
        """The measure a person means and the statistic they named ("median income" ->
        income, "median"): a key, label or synonym, with filler and statistic words ignored,
        the longest phrase contained in the text, or a close misspelling. `CatalogError`
        listing the valid keys otherwise."""
        table = self._alias_table()
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
                return self.measure(table[candidate]), stat
            if candidate.replace(" ", "_") in self:
                return self.measure(candidate.replace(" ", "_")), stat
        tokens = set(core.split())
        contained = [a for a in table if a and set(a.split()) <= tokens]
        if contained:
            longest = max(len(a.split()) for a in contained)
            keys = {table[a] for a in contained if len(a.split()) == longest}
            if len(keys) == 1:
                return self.measure(keys.pop()), stat
        close = difflib.get_close_matches(core or phrase, list(table), n=3, cutoff=0.8)
        if close and len({table[c] for c in close}) == 1:
            return self.measure(table[close[0]]), stat
        hint = (
            f" Did you mean {' or '.join(dict.fromkeys(table[c] for c in close))}?" if close else ""
        )
        raise CatalogError(
            f"unknown metric {text!r}.{hint} Valid metrics: {', '.join(self.keys())}."
        )
