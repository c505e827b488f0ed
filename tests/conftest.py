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


LLM_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "PERSONASENSE_MODEL",
    "PERSONASENSE_TEMPERATURE",
    "PERSONASENSE_MAX_TOKENS",
    "PERSONASENSE_TIMEOUT",
    "PERSONASENSE_MAX_RETRIES",
    "PERSONASENSE_CONCURRENCY",
)


@pytest.fixture
def no_llm_env(monkeypatch):
    """No model settings from the environment: the offline writer and router answer."""
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)
