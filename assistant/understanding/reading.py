"""Reading a marketer's question for the offline router: canonical words and metrics.

`normalize_question` turns free text into lower-case canonical words: every amount as one
number ("$60,000", "60k", "60 000", "sixty thousand" -> ``60000 usd``), small counts as
digits ("two kids" -> ``2 kids``, "no children" -> ``0 children``, "a child" -> ``1 child``)
and comparisons as operator words (``gt gte lt lte eq btw``: "more than 60k" -> ``gt 60000
usd``, "between 30 and 40" -> ``btw 30 40``). `find_metrics` names the metrics a text
mentions, by the catalog's words (`Vocabulary`). Segment references are found by
`assistant.understanding.spotter`; customer attributes, count filters and what-if changes
are read by `assistant.understanding.values`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from assistant.tools.lookup import stem
from segmentation.catalog import Catalog

__all__ = ["Vocabulary", "find_metrics", "normalize_question"]


# -- numbers -----------------------------------------------------------------------------------
_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy "
                                                 "eighty ninety".split())}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_COUNTED = frozenset(
    "kid kids child children baby babies teen teens teenager teenagers year years more fewer "
    "less extra additional time times visit visits day days purchase purchases order orders "
    "campaign campaigns month months".split()
)
_MONEY = re.compile(
    r"(?<![a-z0-9.])(?P<cur>[$€£]\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 60,000
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])"  # 60 000
    r"|\d+(?:\.\d+)?)"
    r"\s?(?P<scale>k|thousand|grand|m|mn|million)?(?![a-z0-9])"
)
_SCALE = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6}


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _money(match: re.Match[str]) -> str:
    raw = re.sub(r"[,\s\u00a0\u202f]", "", match["num"])
    value = float(raw) * _SCALE.get(match["scale"] or "", 1.0)
    tag = " usd" if match["cur"] or match["scale"] else ""
    return f" {_fmt(value)}{tag} "


def _number_words(words: list[str]) -> list[str]:
    """Spelled-out numbers as digits ("forty five" -> 45, "sixty thousand" -> 60000 usd);
    a lone "one" only before a counted noun or "more" ("one child", "one more")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        j, total, current, scaled = i, 0, 0, False
        while j < len(words):
            w = words[j]
            if w in _UNITS or w in _TENS:
                current += _UNITS.get(w, _TENS.get(w, 0))
            elif w in _SCALES and j > i:
                if _SCALES[w] >= 1000:
                    total, current, scaled = total + (current or 1) * _SCALES[w], 0, True
                else:
                    current = (current or 1) * _SCALES[w]
            elif (
                w == "and"
                and j > i
                and words[j - 1] in _SCALES
                and j + 1 < len(words)
                and words[j + 1] in _UNITS | _TENS
            ):  # "one hundred and five", not "40 and 60"
                pass
            else:
                break
            j += 1
        if j == i:
            out.append(words[i])
            i += 1
            continue
        lone_one = words[i:j] == ["one"]
        after = words[j] if j < len(words) else ""
        before = words[i - 1] if i else ""
        if lone_one and after not in _COUNTED and before not in ("by", "to", "least", "most"):
            out.append("one")
        else:
            out += [_fmt(total + current)] + (["usd"] if scaled else [])
        i = j
    return out


# -- phrases rewritten to a canonical form -----------------------------------------------------
_N = r"(\d+(?:\.\d+)?)"
_KID = r"(kids?|child|children|bab(?:y|ies)|toddlers?)"
_TEEN = r"(teens?|teenagers?)"
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bwith and without ((?:small |young |little )?(?:kids?|child|children|teens?|"
     r"teenagers?|a partner|partners?))\b", r"with \1 vs without \1"),  # two groups
    (r"\b(?:no|without|zero) ((?:small |young |little )?)" + _KID, r"0 \1\2"),
    (r"\bchildless\b", "0 children"),
    (r"\b(?:no|without|zero) " + _TEEN, r"0 \1"),
    (r"\b(?:another|an extra|an additional|one extra|one additional) " + _KID, r"1 more \1"),
    (r"\b(?:another|an extra|an additional) " + _TEEN, r"1 more \1"),
    (r"\b(?:a|an) (?:new )?((?:small |young |little )?)" + _KID, r"gte 1 \1\2"),  # any
    (r"\bone (?:new )?((?:small |young |little )?)" + _KID, r"1 \1\2"),
    (r"\b(?:a|an) " + _TEEN, r"gte 1 \1"),
    (r"\bone " + _TEEN, r"1 \1"),
    (r"\b(\d+) ?x (?=(?:a|per|each|every) (?:day|week|month|year)\b)", r"\1 times "),  # 7x
    (r"\btwice\b", "2 times"),
    (r"\bonce (?=(?:a|per|each|every) (?:day|week|month|year)\b)", "1 times "),
    (r"\(?\bin (?:thousands|k)\)?(?= of\b|,|$)", ""),  # "median income, in thousands, of"
    (r"\bhalf a dozen\b", "6"),
    (r"\b(?:a )?dozen\b", "12"),
    (r"\b(?:she|he) (?:s|is) (\d{2})\b(?! (?:kids?|children|teens?|times|visits|purchases))",
     r"age \1"),  # "she's forty-five, earns 60k"
    (r"\b(?:in|for) (?:ages|yonks|donkey s years)\b", "in a long time"),
    (r"\bof (?:the |our |all )?(?:5|five) (?:past |previous |earlier |last )?campaigns\b",
     "campaigns"),  # "accepted at least one of the five past campaigns"
    (r"\b(?:over|above|under|below) the age of\b", r"age \g<0>"),
    (r"\bthe age of\b", ""),
    (r"\bolder than\b", "age gt"),
    (r"\byounger than\b", "age lt"),
    (_N + r" (?:years? )?(?:old )?or older\b", r"age gte \1"),
    (_N + r" (?:years? )?(?:old )?or younger\b", r"age lte \1"),
    (r"\bbetween (\d{1,3}) and (\d{1,3})000 usd", r"between \g<1>000 usd and \g<2>000 usd"),
    (r"\bbetween " + _N + r"( usd)? and " + _N + r"( usd)?", r"btw \1 \3\2\4"),
    (r"\bfrom " + _N + r"( usd)? to " + _N + r"( usd)?", r"btw \1 \3\2\4"),
    (_N + r"( usd)? to " + _N + r"( usd)?", r"btw \1 \3\2\4"),
    (_N + r"( usd)? (?:or more|or over|or above|or higher|and over|and above|and up|plus)\b",
     r"gte \1\2"),
    (_N + r"( usd)? (?:or less|or fewer|or under|or below|or lower)\b", r"lte \1\2"),
    (r"\b(?:more|greater|higher|bigger|larger) than\b", "gt"),
    (r"\b(?:less|fewer|lower|smaller) than\b", "lt"),
    (r"\b(?:at least|no less than|not less than|minimum of|a minimum of)\b", "gte"),
    (r"\b(?:at most|no more than|not more than|up to|maximum of|a maximum of)\b", "lte"),
    (r"\b(?:over|above|exceeding|beyond|upwards of|in excess of)(?= \d)", "gt"),
    (r"\b(?:under|below|beneath)(?= \d)", "lt"),
    (r"\b(?:exactly|equal to)(?= \d)", "eq"),
    (r"\b(?:within|in) (?:the )?(?:last|past) " + _N + r" days?\b", r"lte \1 days"),
    (r"\bwithin " + _N + r" days?\b", r"lte \1 days"),
)  # fmt: skip
_COMPILED = tuple((re.compile(p), r) for p, r in _PHRASES)


def normalize_question(text: str) -> str:
    """The question in the router's canonical words (see the module docstring)."""
    s = str(text).lower().replace("\u2019", "'").replace("\u2013", "-")
    s = re.sub(r"#\s*(?=\d)", " segment ", s)
    s = s.replace(">=", " gte ").replace("<=", " lte ").replace(">", " gt ").replace("<", " lt ")
    s = _MONEY.sub(_money, s)
    s = re.sub(r"(\d)( usd)?\s*-\s*(?=[$€£]?\s?\d)", r"\1\2 to ", s)
    s = re.sub(r"(\d) ?\+", r"\1 plus ", s)
    s = re.sub(r"[^a-z0-9.\s]", " ", s)
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)
    s = " ".join(_number_words(s.split()))
    for pattern, replacement in _COMPILED:
        s = pattern.sub(replacement, s)
    return " ".join(re.sub(r"\busd(?: usd)+\b", "usd", s).split())


# -- the catalog's words -----------------------------------------------------------------------
@dataclass(frozen=True)
class Vocabulary:
    """What the reader knows of a model's catalog: each measure's word pattern (in catalog
    order), the stems of those words, the measures of product categories and of channels,
    and the words for them and for the levels of the attributes a person describes."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    metric_words: frozenset[str]
    categories: MappingProxyType  # word -> spend measure ("wine" -> spend_wines)
    channels: MappingProxyType  # word -> purchases measure ("online" -> purchases_web)
    levels: MappingProxyType  # dimension key -> {word -> level}

    @property
    def category_keys(self) -> frozenset[str]:
        return frozenset(self.categories.values())

    @property
    def channel_keys(self) -> frozenset[str]:
        return frozenset(self.channels.values())

    @classmethod
    def of(cls, catalog: Catalog) -> Vocabulary:
        """The vocabulary of ``catalog``."""
        patterns = tuple(
            (m.key, re.compile(rf"\b(?:{m.pattern})\b")) for m in catalog.measures if m.pattern
        )
        words = frozenset(
            stem(w)
            for m in catalog.measures
            for w in re.findall(r"[a-z]{3,}", m.pattern)
            if w != "the"
        )
        spend, channels = catalog.mix("spend_mix"), catalog.mix("channel_mix")
        categories = {w: p.measure for p in (spend.parts if spend else ()) for w in p.words}
        parts = (*channels.parts, *channels.extra) if channels else ()
        channel_words = {w: p.measure for p in parts for w in p.words}
        levels = {d.key: MappingProxyType(dict(d.words)) for d in catalog.dimensions if d.words}
        return cls(
            patterns,
            words,
            MappingProxyType(categories),
            MappingProxyType(channel_words),
            MappingProxyType(levels),
        )


_DO_VERBS = frozenset({"make", "makes", "making", "made"})  # "who makes most" = income


def find_metrics(
    text: str, vocabulary: Vocabulary, extra: Sequence[tuple[str, str]] = ()
) -> list[tuple[int, int, str]]:
    """The metrics a normalized text names, as (start, end, key) in reading order.

    A longer phrase wins over one inside it ("buys most online" is web purchases, not
    purchases); a spend category drops plain total spend and a channel plain purchases
    ("spends most on wine" is wine spend). ``extra`` adds (key, phrase) pairs such as the
    profile's own metric labels.
    """
    found: list[tuple[int, int, str]] = []
    patterns = [
        *vocabulary.patterns,
        *((k, re.compile(rf"\b{re.escape(p)}\b")) for k, p in extra if p),
    ]
    for key, pattern in patterns:
        found += [(m.start(), m.end(), key) for m in pattern.finditer(text)]
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, key in found:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, key))
    keys = {k for _, _, k in chosen}
    if keys & vocabulary.category_keys:
        chosen = [t for t in chosen if t[2] != "total_spend"]
    if keys & vocabulary.channel_keys:
        chosen = [t for t in chosen if t[2] != "total_purchases"]
    verbs = [t for t in chosen if text[t[0] : t[1]] in _DO_VERBS]
    if verbs and len(chosen) > len(verbs):  # "makes the fewest purchases": not income
        chosen = [t for t in chosen if t not in verbs]
    return sorted(chosen)
