"""Spelling for the offline reader: shorthand and idioms rewritten to plain words ("w/",
"no. of", "in their 30s", "none of our campaigns"), and misspelled words replaced by the
closest word the reader knows (rapidfuzz's optimal string alignment distance: a swap of two
letters is one edit)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from assistant.understanding.chatter import CHATTER, CONTENT, NEGATIONS, SHORTHAND
from assistant.understanding.reading import normalize_question

__all__ = ["Speller"]

_HEDGES = re.compile(
    r"\b(?:if (?:that|it)(?:['\u2019]s| is|s)? not too much trouble|"
    r"(?:if )?(?:it )?(?:isn['\u2019]?t|is not) too much trouble|"
    r"(?:i['\u2019]?m|i am) (?:honestly |totally |really )?not (?:totally |really |quite )?sure"
    r"(?: (?:if|whether) [^,.?]*)?|"
    r"i (?:do not|don['\u2019]?t) need anything fancy|no rush(?: at all)?|not too much trouble)\b",
    re.I,
)  # hedges that carry a "not" but no condition
_SMALL = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "none": "0"}
_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8}  # fmt: skip


class Speller:
    """Corrects questions against a set of known words (read-only once built)."""

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self._choices = sorted(w for w in known if len(w) >= 4 and w.isalpha())

    def _closest_word(self, tok: str) -> str:
        """The known word ``tok`` is a misspelling of: one edit away (a swap of two letters
        counts as one; four-letter words only swap), two from eight letters on, else ``tok``."""
        limit = 1 if len(tok) < 8 else 2
        hits = process.extract(tok, self._choices, scorer=OSA.distance, score_cutoff=limit,
                               limit=5)  # fmt: skip
        hits = [h for h in hits if h[1] <= 1 or h[0] not in CHATTER]  # "points" is not "pounds"
        if len(tok) == 4:  # "life" is not a misspelt "lift": short words only swap letters
            hits = [h for h in hits if sorted(h[0]) == sorted(tok)]
        if tok in CONTENT or not hits:  # a real word of another table is not a typo
            return tok
        best = min(hits, key=lambda h: (h[1], -fuzz.ratio(tok, h[0])))
        return best[0]

    def correct(self, question: str) -> str:
        """The question with misspelled words replaced by the closest known word."""
        out: list[str] = []
        text = str(question).replace("%", " percent ").replace("&", " and ")
        text = _HEDGES.sub(" ", text)  # "if it's not too much trouble": no negation in it
        text = re.sub(
            r"\b(?:do|does|did|is|are|was|were|have|has|had|would|could|should|wo|ca)"
            r"n[\u2019']?t\b",
            " not ",
            text,
            flags=re.I,
        )  # "don't", "hasnt"
        text = re.sub(r"\b(?:no|not) (?:more|older|greater|higher|bigger|larger) than\b",
                      "at most", text, flags=re.I)  # fmt: skip
        text = re.sub(r"\b(?:no|not) (?:less|younger|fewer|lower|smaller) than\b", "at least",
                      text, flags=re.I)  # fmt: skip
        text = re.sub(r"\bno\.(?=\s)|#(?=\s)|\bno(?= of\b)", " number ", text, flags=re.I)
        text = re.sub(
            r"\b(for|under|over|than|within|least|most|about|almost|nearly) "
            r"(?:a|one) (day|week|month|quarter|year)\b",
            r"\1 1 \2",
            text,
            flags=re.I,
        )  # "customers for under a year"; not "$100,000 a year"
        text = re.sub(r"\bw/o\b", " without ", text, flags=re.I)
        text = re.sub(r"\bw/", " with ", text, flags=re.I)
        for word, tens in _DECADES.items():  # "in their thirties" -> "in their 30s"
            text = re.sub(rf"\b{word}\b", f"{tens}0s", text, flags=re.I)
        text = re.sub(
            r"\bin (?:their|his|her|the) ([1-9])0s\b", r"aged \g<1>0 to \g<1>9", text, flags=re.I
        )  # "in their 30s"
        text = re.sub(r"\ba (thousand|hundred)\b", r"one \1", text, flags=re.I)
        text = re.sub(r"\bnone of (?:our |the )?((?:past |previous )?campaigns)", r"0 \1", text,
                      flags=re.I)  # fmt: skip
        text = re.sub(
            r"\b(under|over|below|above)[- ](\d{2})s\b", r"aged \1 \2", text, flags=re.I
        )  # "the over-50s" are people, by age
        text = re.sub(r"\b(\d{2})s\b", r"\1", text)  # "the under-35s"
        text = re.sub(r"\b(\d{2})\s*(?:yo|y/o|yrs? old)\b", r"\1 year old", text, flags=re.I)
        text = re.sub(r"(\d[\d,.]*\s*k?)\s*\+", r"at least \1", text, flags=re.I)  # "100k+"
        text = re.sub(r"\bper cent\b", "percent", text, flags=re.I)
        text = re.sub(r"\bhow many (?:percent|pct)\b", "what percent", text, flags=re.I)
        text = re.sub(r"\bin (?:the )?mean\b", "on average", text, flags=re.I)  # "in mean"
        text = re.sub(r"\bsensible to (price|prices|discounts?|deals?)\b", r"sensitive to \1",
                      text, flags=re.I)  # fmt: skip
        text = re.sub(
            r"\b(household|family|basket|order) size\b", r"\1size", text, flags=re.I
        )  # not the size of a persona: a figure the tables lack
        text = re.sub(
            r"\b(web|online|store|catalog|catalogue|deal) (and|or) (web|online|store|"
            r"catalog|catalogue|deal) purchases\b",
            r"\1 purchases \2 \3 purchases",
            text,
            flags=re.I,
        )  # "web and store purchases"
        text = re.sub(
            r"\b(vs|versus|against|than|compared (?:to|with)|with|and) (?:those|the ones|ones|"
            r"the others|customers|people) (?:who|that) +(?:did |do |"
            r"does |have |has )?(?:not|never)(?: (?:respond|responded|complain|complained|accept|"
            r"accepted|buy|bought|do|did|have))?(?=\s*(?:on|in|for|by|regarding|,|\.|\?|!|$))",
            r"\1 the rest", text, flags=re.I,
        )  # fmt: skip  # "responders compared with those who didn't": the complement
        text = re.sub(
            r"\bwith (kids|children|teens|teenagers|a partner) (vs|versus|and|or|compared to|"
            r"compared with|against) without \1\b", r"with \1 \2 without", text, flags=re.I,
        )  # fmt: skip  # "with kids vs without kids"
        text = re.sub(r"\b(?:stacks?|measures?) up (?:against|to|with)\b", "compared to", text,
                      flags=re.I)  # fmt: skip
        text = re.sub(r"\b(?:stacks?|measures?) up\b", "compare", text, flags=re.I)
        text = re.sub(
            r"\b(\w+) of (?:the|our|those|these) (?:earlier|previous|prior|past|other|five|5) "
            r"campaigns\b", lambda m: f"{_SMALL.get(m[1].lower(), m[1])} past campaigns", text,
            flags=re.I,
        )  # fmt: skip  # "at least one of the earlier campaigns"
        text = re.sub(r"\bhigh(?:est)? to low(?:est)?\b", "descending", text, flags=re.I)
        text = re.sub(r"\blow(?:est)? to high(?:est)?\b", "ascending", text, flags=re.I)
        text = re.sub(r"(\d)\s*[:;?!]\s+|(\d)\.\s+(?=[A-Za-z])", r"\1\2 then ", text)  # a break:
        # "over-50s: spending score?" - the number does not go with the words after it
        for tok in normalize_question(text).split():
            if tok in SHORTHAND:
                out += SHORTHAND[tok].split()
                continue
            if tok in self.known or tok in NEGATIONS or len(tok) < 4 or not tok.isalpha():
                out.append(tok)
                continue
            out.append(self._closest_word(tok))
        return " ".join(out)
