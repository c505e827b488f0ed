"""Finding the segments a question names, for the offline router.

`SegmentSpotter.read` reads a question (through `normalize_question`) into a `Question`: its
canonical tokens, the segments it names in reading order - ids ("segment 2", "segments 1, 3
and 5", "#4", "cluster 2"), positions ("the second segment") and name fragments, misspellings
allowed ("frugel familes", "deal seekers") - the tokens those references take, and a bare
ordinal ("the second one", "the top one") for follow-ups. Only the first `MAX_CHARS`
characters are read, so a pasted essay cannot slow the router down.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.tools.lookup import ORDINALS, stem
from assistant.understanding.chatter import CHATTER
from assistant.understanding.reading import normalize_question

__all__ = ["MAX_CHARS", "Question", "SegmentSpotter"]

MAX_CHARS = 1000  # a question is read up to here: the common questions are far shorter

# -- segments ----------------------------------------------------------------------------------
_SEG_WORD = r"(?:segments?|segs?|clusters?|groups?|personas?)"
_LINK = frozenset({"and", "or", "vs", "versus", "with", "to", "against", "plus"})
_UNIT_AFTER = frozenset(
    "kid kids child children teen teens teenager teenagers year years yr yrs usd days day "
    "times visits purchases campaigns k".split()
)
_GROUPISH = frozenset(
    "crowd crowds folks people lot ones customers shoppers segment segments "
    "persona personas group groups cluster".split()
)
_RANKING = frozenset("least most less more highest lowest".split())
_NAME_FILLER = frozenset({"and", "of", "the", "a", "an", "in", "on", "for", "to", "with"})
_QUESTION_WORDS = frozenset(
    "what which who whom how show tell describe about give list compare segment segments persona "
    "personas group groups cluster clusters customer customers people average mean median most "
    "least best worst top bottom highest lowest chart plot table idea ideas campaign campaigns "
    "market marketing many much does do is are the their they them this that these those there "
    "have has with without spend spends spending".split()
)
_QUESTION_STEMS = frozenset(stem(w) for w in _QUESTION_WORDS)
# Words names are made of that also describe customers plainly ("High-Income", "Young",
# "Mostly Female Customers"): a fragment of only these names the persona only when it is
# the whole name ("female customers" are not "Mostly Female Customers").
_PLAIN_NAME_WORDS = frozenset("mostly customers clients people shoppers income".split())
_GROUP_NOUNS = frozenset("crowd crowds folks lot ones segment segments persona personas group "
                         "groups cluster clusters".split())  # fmt: skip


def _position(word: str, count: int) -> int | None:
    """0-based position an ordinal names ("second" -> 1, "3rd" -> 2, "last" -> count - 1)."""
    if word == "last":
        return count - 1
    if word in ORDINALS:
        return ORDINALS.index(word)
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(match[1]) - 1 if match and int(match[1]) > 0 else None


@dataclass
class Question:
    """A question read for routing: its canonical text and tokens, the segments it names (in
    reading order, ids; ``positions`` for "the second"-style references without a noun), and
    which tokens are taken by segment references (so metrics and values skip them)."""

    raw: str
    text: str
    tokens: list[str]
    segments: list[int] = field(default_factory=list)
    ordinal: int | None = None
    taken: set[int] = field(default_factory=set)

    def rest(self) -> str:
        """The text without the tokens of segment references ("|" marks a gap)."""
        return " ".join("|" if i in self.taken else t for i, t in enumerate(self.tokens))


def _close(a: str, b: str) -> bool:
    if a.endswith("est") != b.endswith("est"):
        return False  # "youngest" ranks; it is not the "Young" of a name
    if a == b or stem(a) == stem(b):
        return True
    if len(a) < 4 or len(b) < 4 or abs(len(a) - len(b)) > 3 or a[0] != b[0]:
        return False  # a misspelling keeps its first letter: "over" is not "lovers"
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


class SegmentSpotter:
    """Finds the segments a question names: ids ("segment 2", "segments 1 and 3", "#4"),
    positions ("the second segment") and name fragments, misspellings allowed.

    A name fragment counts when it matches two or more words of one name in order ("deal
    seekers", "meat and fish gourmets"; one stray word may sit inside), or one word that only
    that name has and that is not a metric or question word ("frugal", "gourmets"; not
    "fruit", which is also a metric).
    """

    def __init__(
        self,
        names: Sequence[str],
        metric_words: frozenset[str] = frozenset(),
        plain_words: frozenset[str] = frozenset(),
    ) -> None:
        self._vocabulary = metric_words | _QUESTION_STEMS
        # metric labels' and category values' words (see `_PLAIN_NAME_WORDS`)
        self._plain = frozenset(stem(w) for w in _PLAIN_NAME_WORDS | plain_words)
        self.names = [
            [w for w in normalize_question(n).split() if w not in _NAME_FILLER] for n in names
        ]
        owners: dict[str, set[int]] = {}
        for i, words in enumerate(self.names):
            for w in words:
                owners.setdefault(stem(w), set()).add(i)
        self._owners = owners

    def _matches(self, token: str) -> list[tuple[int, int]]:
        """(segment, word position) of each name word the token matches."""
        if token.isdigit() or len(token) < 3:
            return []
        return [
            (i, k) for i, words in enumerate(self.names) for k, w in enumerate(words)
            if _close(token, w) and (token not in CHATTER or stem(token) == stem(w))
        ]  # fmt: skip  # a known word is no misspelling: "speaking" is not "seeking"

    def _distinctive(self, token: str, segment: int, position: int) -> bool:
        word = self.names[segment][position]
        owners = self._owners.get(stem(word), set())
        return owners == {segment} and not {stem(token), stem(word)} & (
            self._vocabulary | self._plain
        )

    def _plainly(self, words: list[str], segment: int) -> bool:
        """Whether a fragment is only plain describing words (`_PLAIN_NAME_WORDS`, metric and
        level words) and not the whole name: then it describes customers, it does not name
        the persona."""
        name = self.names[segment]
        content = [w for w in words if any(_close(w, n) for n in name)]  # no stray word
        if not all(stem(w) in self._plain for w in content):
            return False
        return not all(any(_close(w, n) for w in content) for n in name)

    def _other(self, token: str, segment: int) -> bool:
        """Whether a word belongs to other names only ("frugal" between the words of "deal
        seeking families" starts another name, it is not a stray word)."""
        owners = self._owners.get(stem(token), set())
        return bool(owners) and segment not in owners

    def spans(self, tokens: list[str], skip: set[int]) -> list[tuple[int, int, int]]:
        """Name fragments as (start, end, segment), tokens in ``skip`` left alone."""
        known: dict[str, list[tuple[int, int]]] = {}  # each distinct word is matched once
        matches: dict[int, list[tuple[int, int]]] = {}
        for i, token in enumerate(tokens):
            if i not in skip:
                if token not in known:
                    known[token] = self._matches(token)
                matches[i] = known[token]
        candidates: list[tuple[int, int, int, int]] = []  # (quality, start, end, segment)
        for start, found in matches.items():
            for seg, pos in found:
                end, last, words, gap, stray = start + 1, pos, {pos}, False, ""
                j = start + 1
                while j < len(tokens) and j not in skip:
                    nxt = [p for s, p in matches.get(j, []) if s == seg and p > last]
                    later = [p for s, p in matches.get(j + 1, []) if s == seg and p > last]
                    if nxt:
                        last, end = nxt[0], j + 1
                        words.add(nxt[0])
                    elif tokens[j] in _NAME_FILLER:
                        pass
                    elif (
                        later and not gap and j + 1 not in skip and not self._other(tokens[j], seg)
                    ):
                        gap, stray = True, tokens[j]  # "affluent wine lovers"
                    else:
                        break
                    j += 1
                quality = len(words)
                if gap and self._owners.get(stem(stray), set()) & {seg}:
                    continue  # "income of the young low spenders": the name starts later
                if quality >= 2 or self._distinctive(tokens[start], seg, pos):
                    candidates.append((quality, start, end, seg))
        chosen: list[tuple[int, int, int]] = []
        for quality, start, end, seg in sorted(candidates, key=lambda c: (-c[0], c[1])):
            rivals = [c for c in candidates if c[0] == quality and c[1] == start and c[3] != seg]
            if rivals or any(not (end <= s or start >= e) for s, e, _ in chosen):
                continue
            chosen.append((start, end, seg))
        return sorted(chosen)

    @staticmethod
    def _ids(toks: list[str], i: int, taken: set[int]) -> list[tuple[int, int]]:
        """Ids after the segment word at ``i`` ("segments 1, 3 and 5"); a number with a unit
        after it ("segment 3 with 2 kids") is not an id."""

        def is_id(k: int) -> bool:
            unit = k + 1 < len(toks) and toks[k + 1] in _UNIT_AFTER
            return k < len(toks) and toks[k].isdigit() and not unit

        out: list[tuple[int, int]] = []
        j = i + 1
        if not is_id(j):
            return out
        taken |= {i}
        while True:
            out.append((j, int(toks[j])))
            taken |= set(range(i + 1, j + 1))
            k = j + 1
            while k < len(toks) and (toks[k] in _LINK or re.fullmatch(_SEG_WORD, toks[k])):
                k += 1
            if not is_id(k):
                return out
            i, j = j, k

    def read(self, raw: str) -> Question:
        """The question with its segment references resolved."""
        text = normalize_question(str(raw)[:MAX_CHARS])
        q = Question(raw=raw, text=text, tokens=text.split())
        toks, found = q.tokens, []
        for i, tok in enumerate(toks):
            if re.fullmatch(_SEG_WORD, tok):
                position = _position(toks[i - 1], len(self.names)) if i else None
                if position is not None:
                    found.append((i, position))
                    q.taken |= {i - 1, i}
                else:
                    found += self._ids(toks, i, q.taken)
        asked = {i for i in range(1, len(toks)) if toks[i - 1] == "how"}  # "how old", not Older
        spans = self.spans(toks, q.taken | asked)
        for start, end, seg in spans:
            words = toks[start:end]
            again = any(other == seg and (a, b) != (start, end) for a, b, other in spans)
            if again and all(w in _NAME_FILLER or stem(w) in self._vocabulary for w in words):
                continue  # "gourmets ... on meat and fish": named already; these are metrics
            if start and toks[start - 1] in _RANKING:
                continue  # "the least campaign-responsive persona" ranks; it is not a name
            exact = len(set(words) & set(self.names[seg]) - _NAME_FILLER) >= 2
            named = exact or (start and toks[start - 1] in ("the", "our", "those", "these")) or (
                end < len(toks) and toks[end] in _GROUPISH)  # fmt: skip
            if not named and all(w in _NAME_FILLER or stem(w) in self._vocabulary for w in words):
                continue  # "on income and spending score": metric words, not High-Income ...
            grouped = end < len(toks) and toks[end] in _GROUP_NOUNS
            if not grouped and self._plainly(words, seg):
                continue  # "income of customers", "female customers": not a name's part
            found.append((start, seg))
            q.taken |= set(range(start, end))
        q.segments = list(dict.fromkeys(seg for _, seg in sorted(found)))
        for i, tok in enumerate(toks):
            alone = i + 1 == len(toks) or toks[i + 1] in ("one", "ones", "place", "ranked")
            position = {"top": 0, "bottom": -1}.get(tok, _position(tok, -1))
            if alone and i not in q.taken and position is not None:
                q.ordinal = position  # "the second one", "the top one", "the last"
                break
        return q
