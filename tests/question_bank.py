"""The chat question bank: questions with the tool call and figure each should lead to.

Built against the fixed demo model of `demo_context` (2,240 synthetic customers, 6 segments):

    0 Budget-Conscious Young Families     3 Frugal Families
    1 Comfortable Parents of Teens        4 Affluent Fruit & Sweets Lovers
    2 Deal-Seeking Families               5 Campaign-Responsive Meat & Fish Gourmets

Wine spend and income both rank 4, 5, 1, 2, 3, 0 (highest first); response rate 5, 4, 2, 1,
0, 3. A `Case` is one question or a follow-up sequence (its turns are asked in order, each
with the router's earlier answers as history). A `Turn` names the expected tool and the
arguments that matter (each must equal the routed one; others may be present), and where
sensible a figure key whose value is checked: against the profile (``value=None``), a
literal, or - for counts - the number of rows of the customer table matching ``query``
(pandas query over the columns plus ``Segment``, ``Age`` and ``Children``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from assistant.personas.write import write_personas
from assistant.tools import ChatContext
from segmentation.demo import make_customers
from segmentation.pipeline import train_bundle
from segmentation.profile import Profile

if TYPE_CHECKING:  # the benchmark calls demo_context() without pytest
    from tests._models import Models

__all__ = [
    "BANK_K",
    "BANK_ROWS",
    "Case",
    "Turn",
    "bank",
    "count_rows",
    "demo_context",
    "profile_value",
]

BANK_ROWS, BANK_K = 2240, 6  # the bank's model: make_customers(2240, random_state=0), k = 6


@dataclass(frozen=True)
class Turn:
    """One question and what it should route to (``tool=None``: help, no tool call)."""

    question: str
    tool: str | None
    args: dict[str, Any] = field(default_factory=dict)
    figure: str | None = None
    value: float | None = None
    query: str | None = None


@dataclass(frozen=True)
class Case:
    """A question (one turn) or a follow-up sequence, with the intent it exercises."""

    intent: str
    turns: tuple[Turn, ...]


def demo_context(models: Models | None = None) -> ChatContext:
    """The bank's model: ``train_bundle(make_customers(2240, random_state=0), n_segments=6)``
    with its offline personas and its customer table; the session's one from ``models`` (the
    tests' fixture), else trained here (the benchmark)."""
    if models is not None:
        return models.context(BANK_ROWS, BANK_K)
    frame = make_customers(BANK_ROWS, random_state=0)
    bundle = train_bundle(frame, n_segments=BANK_K)
    return ChatContext(bundle, write_personas(bundle.profile, bundle.names), frame)


def profile_value(profile: Profile, key: str) -> float:
    """The profile value behind a figure key ("segments.4.metrics.income.mean",
    "population.metrics.age.median", "population.response.rate")."""
    special = {
        "population.response.rate": profile.base_rate,
        "population.customers": profile.n_customers,
        "population.segments": profile.n_segments,
    }
    if key in special:
        return float(special[key])
    parts = key.split(".")
    if parts[0] == "segments":
        value = profile.segments[int(parts[1])].figure(parts[2:])
    else:
        value = profile.population.figure(parts[1:])
    assert value is not None, key
    return float(value)


def count_rows(ctx: ChatContext, query: str) -> int:
    """Rows of the customer table matching a pandas query (with Segment, Age, Children)."""
    frame = ctx.customers
    assert frame is not None
    labels = ctx.bundle.segmenter.predict(frame)
    year = ctx.bundle.segmenter.features_.reference_year_
    view = frame.assign(
        Segment=labels,
        Age=year - frame["Year_Birth"],
        Children=frame["Kidhome"] + frame["Teenhome"],
    )
    return int(len(pd.DataFrame(view).query(query)))


def _one(intent: str, question: str, tool: str | None, args: dict | None = None, **kw: Any) -> Case:
    return Case(intent, (Turn(question, tool, args or {}, **kw),))


def _seq(intent: str, *turns: Turn) -> Case:
    return Case(intent, turns)


def bank() -> list[Case]:
    """The question bank (a fresh list each call): the single-turn questions, the follow-up
    and what-if sequences, then more phrasings."""
    # Imported here: the parts build their cases from `Turn`, `Case` and `_one` above.
    from tests._bank_conversations import conversations
    from tests._bank_phrasings import MORE_PHRASINGS
    from tests._bank_questions import questions

    return questions() + conversations() + [_one(*row) for row in MORE_PHRASINGS]
