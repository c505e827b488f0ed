"""Shared set-up for the chat-tool tests (test_tools_segments, _customers, _contract).

A demo model trained on 1,500 synthetic customers with 8-digit IDs (so a leaked ID is easy to
spot), the names it gives its five segments, its personas, and the toolbox over them. The
fixtures are bound into each test module (``ctx = _tools_cases.ctx`` ...) rather than put in
conftest.py, so the names stay local to the tool tests; the model, its personas and context
are the session's (`tests._models`), trained once for every module that binds them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.personas.write import PersonaResult
from assistant.tools import ChatContext, Toolbox
from segmentation.bundle import Bundle
from segmentation.profile import SegmentProfile
from tests._models import Models

ROWS, K = 1500, 5
ID_OFFSET = 10_000_000  # 8-digit IDs, so a leaked ID is easy to spot

NAMES = [
    "Budget-Conscious Young Families",
    "Comfortable Parents of Teens",
    "Deal-Seeking Families",
    "Affluent Meat & Fish Gourmets",
    "Frugal Families",
]


@pytest.fixture(scope="module")
def frame(models: Models) -> pd.DataFrame:
    """The customers the model was trained on: the context's own table (read-only), so a
    test can check the tools leave it unchanged."""
    customers = models.context(ROWS, K, id_offset=ID_OFFSET).customers
    assert customers is not None
    return customers


@pytest.fixture(scope="module")
def bundle(models: Models) -> Bundle:
    return models.bundle(ROWS, K, id_offset=ID_OFFSET)


@pytest.fixture(scope="module")
def personas(models: Models) -> list[PersonaResult]:
    return models.personas(ROWS, K, id_offset=ID_OFFSET)


@pytest.fixture
def ctx(models: Models) -> ChatContext:
    """The model, its personas and its customers (the session's context: read-only)."""
    return models.context(ROWS, K, id_offset=ID_OFFSET)


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
