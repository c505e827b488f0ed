"""Language-model clients: one small interface, two writers.

`Writer.write(request) -> str` returns the answer text (JSON for a persona). `OpenAIWriter`
talks to any OpenAI-compatible server through the official SDK (OpenAI, or a local Ollama,
vLLM or llama.cpp server — a keyless base URL gets a placeholder key); `OfflineWriter` (in
`assistant.personas.offline`) needs no network and answers deterministically from the statistics.
`make_writer(settings)` picks one: no key and no base URL means offline.

Every SDK failure becomes an `LLMError` whose message a marketer can read (what failed and
what to check); the SDK's own retries (``max_retries``, honouring Retry-After) are the only
retries, so a request costs at most ``max_retries + 1`` calls.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from assistant.errors import LLMError

__all__ = [
    "DEFAULT_MODEL",
    "LLMSettings",
    "OpenAIWriter",
    "WriteRequest",
    "Writer",
    "explain_error",
    "make_client",
]

DEFAULT_MODEL = "gpt-4o-mini"
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the SDK requires one


@dataclass(frozen=True)
class LLMSettings:
    """How to reach a model and how to ask it. Built explicitly or from the environment."""

    api_key: str | None = None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    temperature: float = 0.3
    max_tokens: int = 1500
    timeout: float = 60.0
    max_retries: int = 2
    concurrency: int = 8

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> LLMSettings:
        """Settings from ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``PERSONASENSE_MODEL``,
        ``PERSONASENSE_TEMPERATURE``, ``PERSONASENSE_MAX_TOKENS``, ``PERSONASENSE_TIMEOUT``,
        ``PERSONASENSE_MAX_RETRIES`` and ``PERSONASENSE_CONCURRENCY``; ``overrides`` win."""
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
            "timeout": num("PERSONASENSE_TIMEOUT", float, cls.timeout),
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
    """One request: its kind, the statistics, the rendered messages and the answer schema."""

    kind: str
    facts: dict[str, Any]
    messages: list[dict[str, str]]
    schema: dict[str, Any] | None = None
    schema_name: str = "answer"


class Writer(Protocol):
    """Anything that answers a `WriteRequest` with text."""

    name: str  # "offline", or the model name
    kind: str  # "offline" | "llm"

    def write(self, request: WriteRequest) -> str:
        """The answer text; raises `LLMError` when there is none."""
        ...


class OpenAIWriter:
    """A writer backed by an OpenAI-compatible chat-completions server."""

    kind = "llm"

    def __init__(self, settings: LLMSettings, client: Any | None = None) -> None:
        self.settings = settings
        self.name = settings.model
        self._schema_supported = True
        self._client = client or make_client(settings)

    @property
    def where(self) -> str:
        return _where(self.settings)

    def write(self, request: WriteRequest) -> str:
        """Ask the model; use a JSON-schema ``response_format`` where the server takes one."""
        import openai

        kwargs: dict[str, Any] = {
            "model": self.settings.model,
            "messages": request.messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if request.schema is not None and self._schema_supported:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": request.schema},
            }
        try:
            try:
                response = self._client.chat.completions.create(**kwargs)
            except openai.BadRequestError as exc:
                if "response_format" not in kwargs or "response_format" not in str(exc):
                    raise
                self._schema_supported = False  # e.g. an older local server: parse instead
                kwargs.pop("response_format")
                response = self._client.chat.completions.create(**kwargs)
        except openai.APIError as exc:
            raise LLMError(explain_error(exc, self.settings)) from None
        except ValueError:  # a 200 whose body is not JSON (e.g. a proxy's error page)
            raise LLMError(self._not_chat()) from None
        if not hasattr(response, "choices"):  # the SDK hands back a non-JSON body as text
            raise LLMError(self._not_chat())
        if not isinstance(response.choices, list) or not response.choices:
            raise LLMError(f"{self.name} at {self.where} returned no answer.")
        choice = response.choices[0]
        text = getattr(getattr(choice, "message", None), "content", None)
        if getattr(choice, "finish_reason", None) == "length":
            raise LLMError(
                f"{self.name}'s answer was cut off at max_tokens={self.settings.max_tokens} "
                "(truncated); raise PERSONASENSE_MAX_TOKENS."
            )
        if not isinstance(text, str) or not text.strip():
            raise LLMError(f"{self.name} at {self.where} returned an empty answer.")
        return text

    def _not_chat(self) -> str:
        return (
            f"{self.where} did not answer with a chat completion; check that OPENAI_BASE_URL "
            "is the API's address (usually ending in /v1)."
        )


def make_client(settings: LLMSettings) -> Any:
    """The ``openai.OpenAI`` client of ``settings`` (the one place it is built; a keyless
    local server gets a placeholder key)."""
    import openai

    return openai.OpenAI(
        api_key=settings.api_key or PLACEHOLDER_KEY,
        base_url=settings.base_url or None,
        timeout=settings.timeout,
        max_retries=settings.max_retries,
    )


def _where(settings: LLMSettings) -> str:
    return settings.base_url or "the OpenAI API"


def explain_error(exc: Exception, settings: LLMSettings) -> str:
    """A marketer-readable sentence for an openai SDK error: what failed and what to check."""
    import openai

    model, where = settings.model, _where(settings)
    tries = settings.max_retries + 1
    if isinstance(exc, openai.APITimeoutError):
        return f"{model} at {where} gave no answer within {settings.timeout:g} s."
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
