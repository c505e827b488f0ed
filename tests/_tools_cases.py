"""Shared set-up for the chat-tool tests (test_tools_segments, _customers, _contract).

A demo model trained on 1,500 synthetic customers with 8-digit IDs (so a leaked ID is easy to
spot), the names it gives its five segments, its personas, and the toolbox over them. The
fixtures are bound into each test module (``ctx = _tools_cases.ctx`` ...) rather than put in
conftest.py, so the names stay local to the tool tests; module-scoped ones are built once per
test module.
"""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.personas.write import write_personas
from assistant.tools import ChatContext, Toolbox
from segmentation.bundle import Bundle
from segmentation.demo import make_customers
from segmentation.pipeline import train_bundle
from segmentation.profile import SegmentProfile

NAMES = [
    "Budget-Conscious Young Families",
    "Comfortable Parents of Teens",
    "Deal-Seeking Families",
    "Affluent Meat & Fish Gourmets",
    "Frugal Families",
]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    df = make_customers(1500, random_state=0)
    df["ID"] = df["ID"] + 10_000_000  # 8-digit IDs, so a leaked ID is easy to spot
    return df


@pytest.fixture(scope="module")
def bundle(frame) -> Bundle:
    return train_bundle(frame, n_segments=5)


@pytest.fixture(scope="module")
def personas(bundle):
    return write_personas(bundle.profile, bundle.names)


@pytest.fixture
def ctx(bundle, personas, frame) -> ChatContext:
    return ChatContext(bundle, personas, frame)


@pytest.fixture
def bare(bundle) -> ChatContext:
    """No personas, no customer table."""
    return ChatContext(bundle)


@pytest.fixture
def box(ctx) -> Toolbox:
    """Every tool over ``ctx`` (personas and the customer table)."""
    return Toolbox(ctx)


@pytest.fixture
def bare_box(bare) -> Toolbox:
    """Every tool over ``bare`` (no personas, no customer table)."""
    return Toolbox(bare)


def seg(bundle, i: int) -> SegmentProfile:
    return bundle.profile.segments[i]
