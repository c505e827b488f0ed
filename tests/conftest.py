"""Shared fixtures: the fake OpenAI-compatible server."""

from __future__ import annotations

import pytest

from tests.fake_llm import FakeOpenAI


@pytest.fixture(scope="session")
def _fake_server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def fake_llm(_fake_server):
    """The session's fake server, with an empty script and no recorded requests."""
    _fake_server.reset()
    yield _fake_server
    _fake_server.reset()
