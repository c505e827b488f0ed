"""The one request path (`assistant.llm.send`) and the writer's response-format ladder.

Against the local fake server (`tests.fake_llm`) through the real SDK: a server that rejects
``response_format`` json_schema with any 4xx/5xx whose body mentions response_format is asked
again with ``json_object``, then with no response_format (plain text, parsed), and the writer
remembers what its server takes; other server errors keep the schema. One overall deadline
bounds a request, retries included: a hanging server or a long Retry-After never makes a
request last much longer than ``deadline`` seconds, whatever ``timeout`` and ``max_retries``
say.
"""

from __future__ import annotations

import time

import pytest

from assistant.errors import LLMError
from assistant.llm import Gate, LLMSettings, OpenAIWriter, WriteRequest, make_client, send
from assistant.personas.write import write_personas
from tests.fake_llm import FakeOpenAI

HI = [{"role": "user", "content": "hi"}]


def settings_for(base_url: str, **kw) -> LLMSettings:
    values = {"base_url": base_url, "api_key": "k", "model": "m", "max_retries": 0, "timeout": 5.0}
    return LLMSettings(**{**values, **kw})


def writer_for(base_url: str, **kw) -> OpenAIWriter:
    return OpenAIWriter(settings_for(base_url, **kw))


def persona(demo, writer: OpenAIWriter):
    """Segment 0's result through ``writer`` (one segment: requests are sequential)."""
    [result] = write_personas(
        demo.profile, demo.names, writer, settings=writer.settings, segments=[0]
    )
    return result


# -- response_format ---------------------------------------------------------------------------
def test_a_server_rejecting_json_schema_is_asked_again_with_json_object(fake_llm, demo, good):
    # llama.cpp's server answers 500 to a json_schema response_format
    refusal = {"status": 500, "message": "response_format type json_schema is not supported"}
    fake_llm.script = [refusal, {"text": good}]
    writer = writer_for(fake_llm.base_url, max_retries=2)
    result = persona(demo, writer)
    assert result.writer == "llm" and result.verified is True and result.note is None
    sent = [b.get("response_format", {}).get("type") for b in fake_llm.requests]
    assert sent == ["json_schema", "json_object"]  # no blind 5xx retry of the same request
    # the writer remembers: its next request starts at json_object
    fake_llm.script = [{"text": good}]
    persona(demo, writer)
    assert fake_llm.requests[-1]["response_format"] == {"type": "json_object"}


@pytest.mark.parametrize("status", [400, 422, 500, 501])
def test_a_server_rejecting_both_formats_gets_plain_text_then_remembers(
    fake_llm, demo, good, status
):
    body = "Invalid value for response_format: not supported by this server"
    fake_llm.script = [{"status": status, "message": body}] * 2 + [{"text": good}]
    writer = writer_for(fake_llm.base_url, max_retries=2)
    result = persona(demo, writer)
    assert result.writer == "llm" and result.verified is True
    sent = [b.get("response_format", {}).get("type") for b in fake_llm.requests]
    assert sent == ["json_schema", "json_object", None]
    assert writer.formats == ["text"]
    fake_llm.script = [{"text": good}]
    persona(demo, writer)
    assert "response_format" not in fake_llm.requests[-1]


def test_a_server_error_not_about_response_format_keeps_the_schema(fake_llm, demo, good):
    fake_llm.script = [{"status": 500, "headers": {"Retry-After": "0.01"}}, {"text": good}]
    writer = writer_for(fake_llm.base_url, max_retries=1)
    assert persona(demo, writer).writer == "llm"
    assert [b["response_format"]["type"] for b in fake_llm.requests] == ["json_schema"] * 2
    assert writer.formats[0] == "json_schema"


def test_a_request_without_a_schema_sends_no_response_format(fake_llm):
    fake_llm.script = [{"text": "plain"}]
    writer = writer_for(fake_llm.base_url)
    assert writer.write(WriteRequest(kind="x", facts={}, messages=HI)) == "plain"
    assert "response_format" not in fake_llm.requests[0]
    assert fake_llm.requests[0]["max_tokens"] == writer.settings.max_tokens == 400


# -- one deadline ------------------------------------------------------------------------------
def test_a_hanging_server_costs_one_deadline_not_timeout_times_tries():
    with FakeOpenAI() as fake:
        fake.script = [{"hang": 10}] * 3
        settings = settings_for(fake.base_url, timeout=5.0, deadline=0.5, max_retries=2)
        start = time.perf_counter()
        with pytest.raises(LLMError, match="gave no answer within 0.5 s") as info:
            send(make_client(settings), settings, {"model": "m", "messages": HI},
                 time.monotonic() + settings.deadline)  # fmt: skip
        elapsed = time.perf_counter() - start
        assert len(fake.requests) == 1
    assert "0.5 s deadline (PERSONASENSE_DEADLINE)" in str(info.value)
    assert 0.4 <= elapsed < 2


def test_a_retry_after_past_the_deadline_is_not_waited_for(fake_llm):
    fake_llm.script = [{"status": 429, "headers": {"Retry-After": "30"}}, {"text": "late"}]
    settings = settings_for(fake_llm.base_url, deadline=5.0, max_retries=2)
    start = time.perf_counter()
    with pytest.raises(LLMError, match=r"rate-limiting requests \(429\) after 1 tries"):
        send(make_client(settings), settings, {"model": "m", "messages": HI},
             time.monotonic() + settings.deadline)  # fmt: skip
    assert time.perf_counter() - start < 2 and len(fake_llm.requests) == 1


def test_a_passed_deadline_sends_nothing(fake_llm):
    settings = settings_for(fake_llm.base_url)
    with pytest.raises(LLMError, match="deadline"):
        send(make_client(settings), settings, {"model": "m", "messages": HI}, time.monotonic())
    assert fake_llm.requests == []


def test_retries_within_the_deadline_still_happen(fake_llm):
    fake_llm.script = [{"status": 503, "headers": {"Retry-After": "0.01"}}] * 2 + [{"text": "ok"}]
    settings = settings_for(fake_llm.base_url, max_retries=2)
    response = send(make_client(settings), settings, {"model": "m", "messages": HI},
                    time.monotonic() + settings.deadline)  # fmt: skip
    assert response.choices[0].message.content == "ok" and len(fake_llm.requests) == 3


def test_a_shared_gate_holds_requests_beyond_its_limit_and_fails_at_the_deadline():
    settings = LLMSettings(model="m", base_url="http://127.0.0.1:9", deadline=0.2)
    gate = Gate(1)
    with gate.slot(time.monotonic() + 1, settings):  # one user's request holds the only slot
        started = time.monotonic()
        with pytest.raises(LLMError, match="busy with 1 other"):
            with gate.slot(time.monotonic() + 0.2, settings):
                pass  # pragma: no cover - never reached
        assert time.monotonic() - started < 1.0  # waited for the deadline, not longer
    with gate.slot(time.monotonic() + 0.2, settings):  # freed: the next one starts at once
        pass


def test_chat_sessions_sharing_a_gate_fall_back_when_the_server_is_busy(models, fake_llm):
    from assistant.chat.session import ChatSession
    from tests.question_bank import demo_context

    ctx = demo_context(models)
    settings = LLMSettings(base_url=fake_llm.base_url, api_key="k", model="m", deadline=0.3,
                           max_retries=0)  # fmt: skip
    gate = Gate(1)
    session = ChatSession(ctx, settings, gate=gate)
    with gate.slot(time.monotonic() + 5, settings):  # another user's request is running
        answer = session.ask("Which segment has the highest income?")
    assert answer.writer == "router" and "busy" in (answer.note or "")
    assert fake_llm.requests == []  # nothing was sent while the slot was taken
