"""The OpenAI-compatible writer: settings, what a request carries, and every fault as a note.

Requests go through the real openai SDK to the local fake server (`tests.fake_llm`); faults
are driven through `write_personas` for one segment, so requests are sequential and the
recorded count is exact. Each fault must end as a readable `LLMError` text in the result's
note, with the offline write-up shown instead.
"""

from __future__ import annotations

import json
import socket
import time

import pytest

from assistant.errors import LLMError
from assistant.llm import (
    DEFAULT_MODEL,
    PLACEHOLDER_KEY,
    LLMSettings,
    OpenAIWriter,
    WriteRequest,
)
from assistant.personas.facts import fact_sheet
from assistant.personas.offline import OfflineWriter, make_writer
from assistant.personas.write import write_personas
from assistant.personas.writeup import PersonaWriteup, parse_writeup, writeup_schema
from tests.fake_llm import FakeOpenAI, tagged

NUMERIC_VARS = {
    "PERSONASENSE_TEMPERATURE": ("temperature", "0.7", 0.7),
    "PERSONASENSE_MAX_TOKENS": ("max_tokens", "900", 900),
    "PERSONASENSE_PERSONA_MAX_TOKENS": ("persona_max_tokens", "2500", 2500),
    "PERSONASENSE_TIMEOUT": ("timeout", "12.5", 12.5),
    "PERSONASENSE_DEADLINE": ("deadline", "45", 45.0),
    "PERSONASENSE_MAX_RETRIES": ("max_retries", "5", 5),
    "PERSONASENSE_CONCURRENCY": ("concurrency", "3", 3),
}


def writer_for(base_url: str, *, max_retries: int = 0, timeout: float = 5.0, **kw):
    settings = LLMSettings(
        base_url=base_url, api_key="k", model="m", max_retries=max_retries, timeout=timeout, **kw
    )
    return OpenAIWriter(settings)


def persona(demo, writer: OpenAIWriter):
    """Segment 0's result through ``writer`` (one segment: requests are sequential)."""
    [result] = write_personas(
        demo.profile, demo.names, writer, settings=writer.settings, segments=[0]
    )
    return result


def offline_text(demo) -> PersonaWriteup:
    return write_personas(demo.profile, demo.names, segments=[0])[0].writeup


def assert_fell_back(demo, result, *words: str) -> None:
    """Offline write-up shown, with a readable note holding ``words`` and no traceback."""
    assert result.writer == "offline"
    assert result.verified is True
    assert result.writeup == offline_text(demo)
    assert result.note is not None
    assert "Traceback" not in result.note and 'File "' not in result.note
    assert "could not be used" in result.note
    for word in words:
        assert word in result.note, (word, result.note)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- settings ------------------------------------------------------------------------------
def test_from_env_reads_key_base_url_and_model():
    env = {
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1",
        "PERSONASENSE_MODEL": "llama3.1",
    }
    settings = LLMSettings.from_env(env)
    assert settings.api_key == "sk-test"
    assert settings.base_url == "http://127.0.0.1:11434/v1"
    assert settings.model == "llama3.1"


@pytest.mark.parametrize("env", [{}, {"PERSONASENSE_MODEL": ""}], ids=["unset", "empty"])
def test_from_env_uses_the_default_model_when_none_is_named(env):
    settings = LLMSettings.from_env(env)
    assert settings.model == DEFAULT_MODEL
    assert settings.api_key is None and settings.base_url is None


def test_from_env_reads_numeric_variables():
    env = {name: raw for name, (_, raw, _) in NUMERIC_VARS.items()}
    settings = LLMSettings.from_env(env)
    for field, _, expected in NUMERIC_VARS.values():
        assert getattr(settings, field) == expected
        assert type(getattr(settings, field)) is type(expected)


def test_from_env_overrides_win_over_the_environment():
    settings = LLMSettings.from_env({"PERSONASENSE_MODEL": "a", "OPENAI_API_KEY": "x"}, model="b")
    assert settings.model == "b" and settings.api_key == "x"


@pytest.mark.parametrize("name", list(NUMERIC_VARS))
@pytest.mark.parametrize("raw", ["lots", "1,5"])
def test_a_bad_number_raises_llm_error_naming_the_variable(name, raw):
    with pytest.raises(LLMError, match=name) as info:
        LLMSettings.from_env({name: raw})
    assert repr(raw) in str(info.value)


def test_a_fractional_count_is_a_bad_number():
    with pytest.raises(LLMError, match="PERSONASENSE_MAX_RETRIES='1.5' is not a valid int"):
        LLMSettings.from_env({"PERSONASENSE_MAX_RETRIES": "1.5"})


def test_without_key_or_base_url_the_writer_is_offline():
    settings = LLMSettings.from_env({})
    assert settings.online is False
    writer = make_writer(settings)
    assert isinstance(writer, OfflineWriter) and writer.kind == "offline"


@pytest.mark.parametrize(
    "settings",
    [LLMSettings(api_key="sk-x"), LLMSettings(base_url="http://127.0.0.1:9/v1")],
    ids=["key", "base-url"],
)
def test_a_key_or_a_base_url_makes_the_writer_online(settings):
    assert settings.online is True
    writer = make_writer(settings)
    assert isinstance(writer, OpenAIWriter) and writer.kind == "llm"
    assert writer.name == settings.model


def test_a_keyless_base_url_sends_the_placeholder_key(fake_llm, good):
    writer = OpenAIWriter(LLMSettings(base_url=fake_llm.base_url, model="m", max_retries=0))
    fake_llm.script = [{"text": good}]
    request = WriteRequest(kind="persona", facts={}, messages=[{"role": "user", "content": "x"}])
    writer.write(request)
    assert PLACEHOLDER_KEY == "not-needed"
    assert fake_llm.headers[0]["authorization"] == "Bearer not-needed"


def test_a_given_key_is_sent_as_bearer_token(fake_llm, good):
    fake_llm.script = [{"text": good}]
    writer_for(fake_llm.base_url).write(
        WriteRequest(kind="persona", facts={}, messages=[{"role": "user", "content": "x"}])
    )
    assert fake_llm.headers[0]["authorization"] == "Bearer k"


def test_public_settings_leave_out_the_key():
    settings = LLMSettings(api_key="sk-secret", base_url="http://h/v1", model="m", temperature=0.1)
    public = settings.public()
    assert "api_key" not in public
    assert "sk-secret" not in json.dumps(public)
    assert public["model"] == "m" and public["base_url"] == "http://h/v1"
    assert public["temperature"] == 0.1 and public["max_tokens"] == settings.max_tokens


# -- structured output ---------------------------------------------------------------------
def test_request_carries_json_schema_temperature_and_persona_max_tokens(fake_llm, demo, good):
    fake_llm.script = [{"text": good}]
    writer = writer_for(fake_llm.base_url, temperature=0.15, persona_max_tokens=777)
    result = persona(demo, writer)
    assert result.writer == "llm"
    [body] = fake_llm.requests
    assert body["model"] == "m"
    assert body["temperature"] == 0.15
    assert body["max_tokens"] == 777
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "persona"
    assert fmt["json_schema"]["schema"] == writeup_schema() == PersonaWriteup.model_json_schema()
    assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_another_bad_request_is_not_retried(fake_llm, demo):
    fake_llm.script = [{"status": 400, "message": "messages: too long"}]
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=2))
    assert_fell_back(demo, result, "rejected the request (400)", "too long")
    assert len(fake_llm.requests) == 1


@pytest.mark.parametrize("fence", ["```json\n{}\n```", "```\n{}\n```", "  ```json{}```  "])
def test_an_answer_fenced_as_code_still_parses(fake_llm, demo, good, fence):
    fake_llm.script = [{"text": fence.replace("{}", good)}]
    result = persona(demo, writer_for(fake_llm.base_url))
    assert result.writer == "llm" and result.verified is True
    assert result.writeup == parse_writeup(good).model_copy(update={"name": demo.names[0]})


# -- faults: each a readable note, the offline text, and a bounded number of requests ----------
@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, ["refused the API key (401)", "OPENAI_API_KEY"]),
        (403, ["denied access to m (403)"]),
        (404, ["model 'm' was not found", "(404)", "PERSONASENSE_MODEL"]),
    ],
)
def test_client_errors_are_not_retried(fake_llm, demo, status, words):
    fake_llm.script = [{"status": status}] * 3
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=2))
    assert_fell_back(demo, result, *words)
    assert len(fake_llm.requests) == 1


def test_rate_limit_is_retried_then_falls_back(fake_llm, demo):
    fake_llm.script = [{"status": 429, "headers": {"Retry-After": "0.01"}}] * 5
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=2))
    assert_fell_back(demo, result, "rate-limiting requests (429) after 3 tries", "wait 0.01 s")
    assert len(fake_llm.requests) == 3


def test_rate_limit_then_success_gives_the_model_text(fake_llm, demo, good):
    fake_llm.script = [{"status": 429, "headers": {"Retry-After": "0.01"}}, {"text": good}]
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=2))
    assert result.writer == "llm" and result.verified is True and result.note is None
    assert len(fake_llm.requests) == 2


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_retried_then_fall_back(fake_llm, demo, status):
    fake_llm.script = [{"status": status, "headers": {"Retry-After": "0.01"}}] * 5
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=1))
    assert_fell_back(demo, result, f"server error ({status}) after 2 tries")
    assert len(fake_llm.requests) == 2


def test_server_error_then_success_gives_the_model_text(fake_llm, demo, good):
    fake_llm.script = [{"status": 503, "headers": {"Retry-After": "0.01"}}, {"text": good}]
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=1))
    assert result.writer == "llm" and len(fake_llm.requests) == 2


def test_a_hanging_server_times_out(demo):
    # its own server: the hanging handler is released when the server stops
    with FakeOpenAI() as fake:
        fake.script = [{"hang": 10}]
        start = time.perf_counter()
        result = persona(demo, writer_for(fake.base_url, max_retries=0, timeout=0.5))
        elapsed = time.perf_counter() - start
        assert len(fake.requests) == 1
    assert_fell_back(demo, result, "gave no answer within 0.5 s")
    assert 0.5 <= elapsed < 3


def test_connection_refused(demo):
    writer = writer_for(f"http://127.0.0.1:{closed_port()}/v1", max_retries=0)
    result = persona(demo, writer)
    assert_fell_back(demo, result, "could not connect to http://127.0.0.1:", "OPENAI_BASE_URL")


@pytest.mark.parametrize(
    ("step", "words"),
    [
        ({"text": ""}, ["returned an empty answer"]),
        ({"text": None}, ["returned an empty answer"]),
        ({"text": "   \n"}, ["returned an empty answer"]),
        ({"text": '{"name": "x", "tagline": "cut', "finish": "length"}, ["truncated"]),
        ({"text": "Sure! Here is the persona: {name: x}"}, ["not valid JSON"]),
        ({"raw": b"<html>502 Bad Gateway</html>"}, ["did not answer with a chat completion"]),
        (
            {"raw": b"<html>nginx</html>", "headers": {"Content-Type": "text/html"}},
            ["did not answer with a chat completion", "/v1"],
        ),
        ({"raw": b'{"choices": []}'}, ["returned no answer"]),
    ],
    ids=["empty", "null", "blank", "length", "not-json", "bad-body", "html-page", "no-choices"],
)
def test_unusable_answers_fall_back(fake_llm, demo, step, words):
    fake_llm.script = [step]
    result = persona(demo, writer_for(fake_llm.base_url, max_retries=2))
    assert_fell_back(demo, result, *words)
    assert len(fake_llm.requests) == 1


def test_json_missing_a_field_falls_back_naming_it(fake_llm, demo, good):
    answer = json.loads(good)
    del answer["tagline"]
    fake_llm.script = [{"text": json.dumps(answer)}]
    result = persona(demo, writer_for(fake_llm.base_url))
    assert_fell_back(demo, result, "did not match the persona schema", "tagline")
    assert len(fake_llm.requests) == 1


def test_writer_raises_llm_error_not_sdk_errors(fake_llm):
    fake_llm.script = [{"status": 500}]
    writer = writer_for(fake_llm.base_url, max_retries=0)
    request = WriteRequest(kind="x", facts={}, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(LLMError, match=r"server error \(500\) after 1 tries"):
        writer.write(request)


def test_the_prompt_sends_the_fact_sheet(fake_llm, demo, good):
    fake_llm.script = [{"text": good}]
    persona(demo, writer_for(fake_llm.base_url))
    sent = json.loads(tagged(fake_llm.requests[0], "statistics"))
    assert sent == fact_sheet(demo.profile, 0, demo.names[0]).to_dict()
