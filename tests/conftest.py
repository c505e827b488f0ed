"""Shared fixtures: the fake OpenAI-compatible server and the session's trained models."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests._models import Models
from tests.fake_llm import FakeOpenAI


@pytest.fixture(scope="session")
def models(tmp_path_factory) -> Iterator[Models]:
    """The session's demo tables and trained models, each made once (see tests/_models.py).

    Shared by every test, so read-only: at the end of the run this fails if a test changed a
    table, a bundle's profile, names or labels, personas or a saved folder in place.
    """
    shared = Models(tmp_path_factory.mktemp("models"))
    yield shared
    changed = "\n".join(shared.changes())
    assert not changed, f"tests changed the session's shared models in place:\n{changed}"


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
    "PERSONASENSE_PERSONA_MAX_TOKENS",
    "PERSONASENSE_TIMEOUT",
    "PERSONASENSE_DEADLINE",
    "PERSONASENSE_MAX_RETRIES",
    "PERSONASENSE_CONCURRENCY",
)


@pytest.fixture
def no_llm_env(monkeypatch):
    """No model settings from the environment: the offline writer and router answer."""
    for name in LLM_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def demo(models):
    """The session's standard demo model: 800 customers, k = 4 (read-only)."""
    return models.bundle()


@pytest.fixture(scope="module")
def good(demo) -> str:
    """A valid, verifiable persona answer (JSON) for segment 0 of ``demo``."""
    from assistant.personas.facts import fact_sheet
    from assistant.personas.offline import offline_writeup

    return offline_writeup(fact_sheet(demo.profile, 0, demo.names[0])).model_dump_json()
