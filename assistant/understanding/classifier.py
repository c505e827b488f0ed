"""The offline intent classifier: what kind of question a delexicalized phrasing is.

TF-IDF over word uni- and bigrams and character 2-4-grams (within words, so misspellings
still share most features), with a multinomial logistic regression, trained on the
phrasings of `assistant.understanding.phrasings` (the catalog words replaced by tags, so one
model serves every table). The SAGA solver (seeded) with a loose tolerance trains in about
0.4 s on this bank (lbfgs took 1-3 s for the same fit), once per process (`intent_model`);
the model is read-only afterwards.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from assistant.understanding.phrasings import phrasings

__all__ = ["IntentModel", "intent_model"]


class IntentModel:
    """A fitted classifier: `predict` gives (kind, probability) of a phrasing."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        kinds = [kind for kind, _ in rows]
        texts = [text for _, text in rows]
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
                ),  # fmt: skip
            ]
        )
        model = LogisticRegression(C=20, solver="saga", tol=1e-3, max_iter=2000, random_state=0)
        self.pipeline = Pipeline([("features", features), ("model", model)])
        self.pipeline.fit(texts, kinds)
        # the words of answerable questions: a word seen only in declined ones ("region")
        # stays unread, so the reader says it could not read it
        self.vocabulary = frozenset(
            w for kind, text in rows if kind != "decline" for w in text.split()
        )
        words: dict[str, set[str]] = {}
        for kind, text in rows:
            words.setdefault(kind, set()).update(text.split())
        self.words = {kind: frozenset(ws) for kind, ws in words.items()}  # per kind

    def predict(self, text: str) -> tuple[str, float]:
        """The most likely kind and its probability."""
        proba = self.pipeline.predict_proba([text])[0]
        best = int(np.argmax(proba))
        return str(self.pipeline.classes_[best]), float(proba[best])

    def ranked(self, text: str) -> list[tuple[str, float]]:
        """Every kind with its probability, most likely first."""
        proba = self.pipeline.predict_proba([text])[0]
        order = np.argsort(-proba)
        return [(str(self.pipeline.classes_[i]), float(proba[i])) for i in order]


@lru_cache(maxsize=1)
def intent_model() -> IntentModel:
    """The classifier trained on every phrasing (built once per process)."""
    return IntentModel(phrasings())
