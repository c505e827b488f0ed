"""Resolving what a person calls a segment or a metric, and reading a figure of either.

`find_segment` resolves "2", "segment 2", "the second", an exact name or a close misspelling;
`find_metric` what they call a metric ("wine", "web visits", "median income"), through the
catalog's words; `segment_value`, `population_value` and `population_key` read a catalog
measure's figure of a segment or of all customers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from assistant.errors import ToolInputError
from assistant.personas.facts import MIN_GROUP
from assistant.text import clean_label
from assistant.tools.context import ChatContext
from segmentation.catalog import Measure, normalize
from segmentation.errors import CatalogError
from segmentation.profile import Profile, SegmentProfile

__all__ = [
    "ORDINALS",
    "find_metric",
    "find_segment",
    "normalize",
    "pick_metrics",
    "population_key",
    "population_value",
    "segment_value",
    "small",
    "stem",
]

_FILLER = {"the", "a", "an", "of", "and", "on", "in", "by", "for", "per", "to", "segment", "one"}
ORDINALS = tuple("first second third fourth fifth sixth seventh eighth ninth tenth".split())
_ID = re.compile(r"^(?:(?:segment|seg|cluster|persona|group)\s*)?(?:no\s*|number\s*)?#?\s*(\d+)$")
_ID_PREFIX = re.compile(r"^(?:segment|seg|cluster|persona|group)\s*#?\s*(\d+)\b")


def small(segment: SegmentProfile) -> bool:
    """Whether a segment is too small for its figures to be shown (fewer than MIN_GROUP)."""
    return int(segment.size) < MIN_GROUP


def _tokens(text: str, drop: set[str] = _FILLER) -> list[str]:
    return [t for t in normalize(text).split() if t not in drop]


# -- segments ----------------------------------------------------------------------------------
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


def find_segment(ctx: ChatContext, text: str) -> SegmentProfile:
    """The profile segment a person means; `ToolInputError` saying why none is chosen.

    Accepts an id ("2", "segment 2", "#2"), a position ("the second", "2nd", "last"; in id
    order), an exact name (any case) or a close misspelling or part of one
    ("afluent wine lovrs"). Ambiguous or unmatched text raises with the closest names.
    """
    segments = ctx.segments
    query = str(text).strip()
    if not normalize(query):
        raise ToolInputError(f"give a segment number (0-{len(segments) - 1}) or a segment name.")
    match = _ID.match(normalize(query)) or _ID_PREFIX.match(normalize(query))
    position = _ordinal(query, len(segments))
    if match or position is not None:
        index = int(match[1]) if match else position
        if index is None or not 0 <= index < len(segments):
            raise ToolInputError(
                f"there is no segment {query!r}; segments are numbered 0 to {len(segments) - 1}."
            )
        return segments[index]
    names = {s.id: (ctx.bundle.names[s.id], ctx.name(s.id)) for s in segments}
    wanted = normalize(query)
    for seg in segments:
        if wanted in {normalize(n) for n in names[seg.id]}:
            return seg
    scores = sorted(
        ((max(_score(query, n) for n in names[s.id]), s.id) for s in segments),
        reverse=True,
    )
    best_score, best = scores[0]
    close = [i for score, i in scores if score >= 0.6 and best_score - score < 0.08]
    if len(close) == 1:
        return segments[best]
    hint = [ctx.name(i) for i in (close[:4] if close else [i for _, i in scores[:2]])]
    options = ", ".join(hint[:-1]) + f" or {hint[-1]}" if len(hint) > 1 else hint[0]
    if close:
        raise ToolInputError(
            f"{clean_label(query)!r} matches more than one segment: did you mean {options}?"
        )
    raise ToolInputError(f"no segment is called {clean_label(query)!r}; did you mean {options}?")


# -- metrics -----------------------------------------------------------------------------------
def find_metric(ctx: ChatContext, text: str) -> tuple[Measure, str | None]:
    """The measure a person means and the statistic they named ("median income" -> median);
    `ToolInputError` listing the valid metrics."""
    try:
        return ctx.catalog.lookup(str(text))
    except CatalogError as exc:
        message = str(exc).replace(repr(str(text)), repr(clean_label(text)), 1)
        raise ToolInputError(message) from None


def pick_metrics(
    ctx: ChatContext, names: Sequence[str] | None, view: str, limit: int = 8
) -> list[Measure]:
    """The measures named (resolved with `find_metric`, duplicates dropped) or, without
    names, the catalog's default set for ``view`` - or, where the catalog has none, its
    first ``limit`` metrics plus response rate and lift."""
    if names:
        found = [find_metric(ctx, name)[0] for name in names]
        return list({m.key: m for m in found}.values())
    catalog = ctx.catalog
    keys = catalog.keys_for(view)
    if keys:
        return [catalog.measure(k) for k in keys]
    chosen = list(catalog.metrics[:limit])
    return chosen + [catalog.measure(k) for k in ("response_rate", "response_lift") if k in catalog]


def segment_value(segment: SegmentProfile, measure: Measure, stat: str = "mean") -> float | None:
    """The segment's figure of a measure (None when unknown)."""
    return segment.figure(measure.segment_path(stat))


def population_value(profile: Profile, measure: Measure, stat: str = "mean") -> float | None:
    """The measure's figure for the whole base (None when it has no such figure)."""
    if measure.aggregation == "count":
        return float(profile.n_customers)
    if measure.aggregation == "share":
        return 1.0
    if measure.key == "response_rate":
        return profile.base_rate
    return profile.population.figure(measure.segment_path(stat))


def population_key(measure: Measure, stat: str = "mean") -> str:
    """The figure key of the population value ("population.metrics.income.mean")."""
    if measure.key == "response_rate":
        return "population.response.rate"
    return "population." + ".".join(measure.segment_path(stat))
