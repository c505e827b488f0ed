"""Language-model clients: one small interface, two writers, and the one request path.

`Writer.write(request) -> str` returns the answer text (JSON for a persona). `OpenAIWriter`
talks to any OpenAI-compatible server through the official SDK (OpenAI, or a local Ollama,
vLLM or llama.cpp server — a keyless base URL gets a placeholder key); `OfflineWriter` (in
`assistant.personas.offline`) needs no network and answers deterministically from the statistics.
`make_writer(settings)` picks one: no key and no base URL means offline.

Every request to a model goes through `send` (the writer's and the chat's): one overall
deadline (``settings.deadline`` seconds for everything a request costs, retries included);
each attempt waits at most ``min(time left, settings.timeout)``; timeouts, lost connections,
408/409/429 and 5xx answers are retried at most ``max_retries`` times (honouring
Retry-After), never past the deadline, so a slow server is not left working through
abandoned generations. Every SDK failure becomes an `LLMError` whose message a marketer can
read (what failed and what to check).

Structured output. A server may reject ``response_format`` (llama.cpp's answers 500 to a
JSON schema): any 4xx/5xx whose body mentions response_format is retried at once with
``{"type": "json_object"}``, then with no response_format (plain text, parsed by the
caller); each writer remembers what its server took (`OpenAIWriter.formats`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from assistant.errors import LLMError

__all__ = [
    "Gate",
    "DEFAULT_MODEL",
    "FORMATS",
    "LLMSettings",
    "OpenAIWriter",
    "WriteRequest",
    "Writer",
    "explain_error",
    "make_client",
    "send",
]

DEFAULT_MODEL = "gpt-4o-mini"
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the SDK requires one
FORMATS = ("json_schema", "json_object", "text")  # response formats, most structured first
_RETRY_STATUSES = (408, 409, 429)
_MAX_WAIT = 8.0  # seconds between two tries at most (the SDK's own cap)


@dataclass(frozen=True)
class LLMSettings:
    """How to reach a model and how to ask it. Built explicitly or from the environment.

    ``max_tokens`` caps a chat reply (400: a few sentences; a local server generating more
    only delays the answer); ``persona_max_tokens`` caps a persona write-up, a JSON document
    of about 500-1,000 tokens. ``deadline`` is the most one request may take in all, retries
    included (seconds); ``timeout`` caps one attempt within it (an attempt waits at most
    ``min(time left, timeout)``); ``max_retries`` retries of a timeout, lost connection, 408,
    409, 429 or 5xx, never past the deadline. ``concurrency`` is how many chat requests (through
    a shared `Gate`) and persona write-ups
    are requested at once (2 suits a local server; raise it for a hosted API).
    """

    api_key: str | None = None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    temperature: float = 0.3
    max_tokens: int = 400
    persona_max_tokens: int = 1500
    timeout: float = 60.0
    deadline: float = 60.0
    max_retries: int = 2
    concurrency: int = 2

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> LLMSettings:
        """Settings from ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``PERSONASENSE_MODEL``,
        ``PERSONASENSE_TEMPERATURE``, ``PERSONASENSE_MAX_TOKENS``,
        ``PERSONASENSE_PERSONA_MAX_TOKENS``, ``PERSONASENSE_TIMEOUT``,
        ``PERSONASENSE_DEADLINE``, ``PERSONASENSE_MAX_RETRIES`` and
        ``PERSONASENSE_CONCURRENCY``; ``overrides`` win."""
        env = os.environ if environ is None else environ

        def num(name: str, kind: type, default: Any) -> Any:
            raw = env.get(name)
            if raw is None or not raw.strip():
                return default
            try:
                return kind(raw)
            except ValueError:
                raise LLMError(f"{name}={raw!r} is not a valid {kind.__name__}.") from None

        values = {
            "api_key": env.get("OPENAI_API_KEY") or None,
            "base_url": env.get("OPENAI_BASE_URL") or None,
            "model": env.get("PERSONASENSE_MODEL") or DEFAULT_MODEL,
            "temperature": num("PERSONASENSE_TEMPERATURE", float, cls.temperature),
            "max_tokens": num("PERSONASENSE_MAX_TOKENS", int, cls.max_tokens),
            "persona_max_tokens": num(
                "PERSONASENSE_PERSONA_MAX_TOKENS", int, cls.persona_max_tokens
            ),
            "timeout": num("PERSONASENSE_TIMEOUT", float, cls.timeout),
            "deadline": num("PERSONASENSE_DEADLINE", float, cls.deadline),
            "max_retries": num("PERSONASENSE_MAX_RETRIES", int, cls.max_retries),
            "concurrency": num("PERSONASENSE_CONCURRENCY", int, cls.concurrency),
        }
        return cls(**{**values, **overrides})

    @property
    def online(self) -> bool:
        """True when a key or a base URL is set: a model server is to be used."""
        return bool(self.api_key or self.base_url)

    def public(self) -> dict[str, Any]:
        """The settings worth recording with an output (no key)."""
        out = asdict(self)
        out.pop("api_key")
        out.pop("concurrency")
        return out


@dataclass(frozen=True)
class WriteRequest:
    """One request: its kind, the statistics, the rendered messages, the answer schema and
    the reply cap (``max_tokens``; None: the settings' chat cap)."""

    kind: str
    facts: dict[str, Any]
    messages: list[dict[str, str]]
    schema: dict[str, Any] | None = None
    schema_name: str = "answer"
    max_tokens: int | None = None


class Writer(Protocol):
    """Anything that answers a `WriteRequest` with text."""

    name: str  # "offline", or the model name
    kind: str  # "offline" | "llm"

    def write(self, request: WriteRequest) -> str:
        """The answer text; raises `LLMError` when there is none."""
        ...


class OpenAIWriter:
    """A writer backed by an OpenAI-compatible chat-completions server.

    ``formats`` are the response formats its server may still take, most structured first
    (`FORMATS`); one the server rejects is dropped for the writer's later requests.
    """

    kind = "llm"

    def __init__(self, settings: LLMSettings, client: Any | None = None) -> None:
        self.settings = settings
        self.name = settings.model
        self.formats: list[str] = list(FORMATS)
        self._formats_lock = threading.Lock()
        self._client = client or make_client(settings)

    @property
    def where(self) -> str:
        return _where(self.settings)

    def write(self, request: WriteRequest) -> str:
        """Ask the model, with the most structured response format its server takes."""
        kwargs: dict[str, Any] = {
            "model": self.settings.model,
            "messages": request.messages,
            "temperature": self.settings.temperature,
            "max_tokens": request.max_tokens or self.settings.max_tokens,
        }
        deadline = time.monotonic() + self.settings.deadline
        while True:
            fmt = self.formats[0] if request.schema is not None else "text"
            if fmt == "json_schema":
                kwargs["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": request.schema_name, "schema": request.schema},
                }
            elif fmt == "json_object":
                kwargs["response_format"] = {"type": "json_object"}
            else:
                kwargs.pop("response_format", None)
            try:
                response = send(self._client, self.settings, kwargs, deadline)
                break
            except _FormatRejected:
                with self._formats_lock:  # concurrent write-ups share what was learnt
                    if len(self.formats) > 1 and self.formats[0] == fmt:
                        self.formats.pop(0)  # remembered: later requests skip it
        return self._text(response, kwargs["max_tokens"])

    def _text(self, response: Any, max_tokens: int) -> str:
        if not hasattr(response, "choices"):  # the SDK hands back a non-JSON body as text
            raise LLMError(self._not_chat())
        if not isinstance(response.choices, list) or not response.choices:
            raise LLMError(f"{self.name} at {self.where} returned no answer.")
        choice = response.choices[0]
        text = getattr(getattr(choice, "message", None), "content", None)
        if getattr(choice, "finish_reason", None) == "length":
            raise LLMError(
                f"{self.name}'s answer was cut off at max_tokens={max_tokens} "
                "(truncated); raise PERSONASENSE_PERSONA_MAX_TOKENS."
            )
        if not isinstance(text, str) or not text.strip():
            raise LLMError(f"{self.name} at {self.where} returned an empty answer.")
        return text

    def _not_chat(self) -> str:
        return (
            f"{self.where} did not answer with a chat completion; check that OPENAI_BASE_URL "
            "is the API's address (usually ending in /v1)."
        )


class _FormatRejected(Exception):
    """The server refused the request's ``response_format`` (internal to this module: the
    writer retries with a simpler one)."""


class Gate:
    """At most ``limit`` requests at a time to one server, shared by every session that
    shares a client (the web app's users): a local server is not left working through
    requests nobody waits for. A request that cannot start before its deadline fails."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, int(limit))
        self._slots = threading.BoundedSemaphore(self.limit)

    @contextmanager
    def slot(self, deadline: float, settings: LLMSettings) -> Iterator[None]:
        """Hold one of the slots while the body runs; `LLMError` when none frees up before
        ``deadline`` (a `time.monotonic` time)."""
        left = deadline - time.monotonic()
        if left <= 0 or not self._slots.acquire(timeout=left):
            raise LLMError(
                f"{settings.model} at {_where(settings)} was busy with {self.limit} other "
                "request(s) until the deadline (PERSONASENSE_CONCURRENCY)."
            )
        try:
            yield
        finally:
            self._slots.release()


def make_client(settings: LLMSettings) -> Any:
    """The ``openai.OpenAI`` client of ``settings`` (the one place it is built; a keyless
    local server gets a placeholder key). `send` sets each attempt's timeout and does the
    retries, so the client's own are only defaults."""
    import openai

    return openai.OpenAI(
        api_key=settings.api_key or PLACEHOLDER_KEY,
        base_url=settings.base_url or None,
        timeout=settings.timeout,
        max_retries=settings.max_retries,
    )


def send(client: Any, settings: LLMSettings, kwargs: Mapping[str, Any], deadline: float) -> Any:
    """``client.chat.completions.create(**kwargs)`` within ``deadline`` (a `time.monotonic`
    time): each attempt waits at most ``min(time left, settings.timeout)``; retryable
    failures are tried again up to ``settings.max_retries`` times while time is left.

    Returns the SDK's response (a stream when ``kwargs["stream"]``). Raises `LLMError` with
    a readable message; a rejected ``response_format`` raises the module's internal
    `_FormatRejected` instead (only `OpenAIWriter` sends one).
    """
    import openai

    attempt = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise LLMError(_late(settings))
        timeout = min(left, settings.timeout)
        try:
            fast = client.with_options(timeout=timeout, max_retries=0)
            return fast.chat.completions.create(**kwargs)
        except openai.APIStatusError as exc:
            if "response_format" in kwargs and "response_format" in _body(exc):
                raise _FormatRejected(str(exc)) from None
            error: openai.APIError = exc
        except openai.APIError as exc:
            error = exc
        except ValueError:  # a 200 whose body is not JSON (e.g. a proxy's error page)
            raise LLMError(
                f"{_where(settings)} did not answer with a chat completion; check that "
                "OPENAI_BASE_URL is the API's address (usually ending in /v1)."
            ) from None
        wait = _retry_wait(error, attempt)
        if wait is None or attempt >= settings.max_retries:
            raise LLMError(explain_error(error, settings, tries=attempt + 1, timeout=timeout))
        if time.monotonic() + wait >= deadline:
            message = explain_error(error, settings, tries=attempt + 1, timeout=timeout)
            raise LLMError(f"{message} No time was left to try again ({_late(settings)})")
        time.sleep(wait)
        attempt += 1


def _late(settings: LLMSettings) -> str:
    return (
        f"{settings.model} at {_where(settings)} did not answer within the "
        f"{settings.deadline:g} s deadline (PERSONASENSE_DEADLINE)."
    )


def _body(exc: Exception) -> str:
    """The error's message and body as text (where a server says what it rejected)."""
    body = getattr(exc, "body", None)
    response = getattr(exc, "response", None)
    raw = ""
    if response is not None:
        try:
            raw = response.text
        except Exception:  # noqa: BLE001 - a streamed body may be unreadable; the rest will do
            raw = ""
    return f"{exc} {body} {raw}"


def _retry_wait(exc: Exception, attempt: int) -> float | None:
    """Seconds to wait before trying ``exc``'s request again, or None if it must not be
    (the SDK's rules: Retry-After or retry-after-ms when 0 < v <= 60, else 0.5 * 2**n s up
    to 8 s; ``x-should-retry`` decides when present)."""
    import openai

    if isinstance(exc, openai.APIConnectionError):  # timeouts included
        return min(0.5 * 2**attempt, _MAX_WAIT)
    status = getattr(exc, "status_code", None)
    response = getattr(exc, "response", None)
    headers = response.headers if response is not None else {}
    should = headers.get("x-should-retry")
    if should == "false" or status is None:
        return None
    if should != "true" and status not in _RETRY_STATUSES and status < 500:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            value = float(headers.get(name, "")) * scale
        except ValueError:
            continue
        if 0 < value <= 60:
            return value
    return min(0.5 * 2**attempt, _MAX_WAIT)


def _where(settings: LLMSettings) -> str:
    return settings.base_url or "the OpenAI API"


def explain_error(
    exc: Exception,
    settings: LLMSettings,
    *,
    tries: int | None = None,
    timeout: float | None = None,
) -> str:
    """A marketer-readable sentence for an openai SDK error: what failed and what to check.

    ``tries`` is how many attempts were made (default: all the settings allow); ``timeout``
    how long the last one waited (default: ``settings.timeout``).
    """
    import openai

    model, where = settings.model, _where(settings)
    tries = settings.max_retries + 1 if tries is None else tries
    waited = settings.timeout if timeout is None else timeout
    if isinstance(exc, openai.APITimeoutError):
        return f"{model} at {where} gave no answer within {waited:.3g} s."
    if isinstance(exc, openai.APIConnectionError):
        return f"could not connect to {where}; check OPENAI_BASE_URL and that it is running."
    status = getattr(exc, "status_code", None)
    if status == 401:
        return f"{where} refused the API key (401); check OPENAI_API_KEY."
    if status == 403:
        return f"{where} denied access to {model} (403); check the key's permissions."
    if status == 404:
        return f"model '{model}' was not found at {where} (404); check PERSONASENSE_MODEL."
    if status == 429:
        after = exc.response.headers.get("retry-after") if exc.response is not None else None
        wait = f"; the server asks to wait {after} s" if after else ""
        return f"{where} is rate-limiting requests (429) after {tries} tries{wait}."
    if status is not None and status >= 500:
        return f"{where} had a server error ({status}) after {tries} tries; try again later."
    if status is not None:
        return f"{where} rejected the request ({status}): {_short(exc)}"
    return f"the request to {where} failed: {_short(exc)}"


def _short(exc: Exception, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
