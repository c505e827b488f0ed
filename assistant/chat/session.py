"""The chat loop: a model calling read-only tools, or the offline router.

`ChatSession` holds one user's conversation (nothing is shared between sessions). With a
model (`LLMSettings.online`) a question runs an OpenAI tool-calling loop: at most
`MAX_ROUNDS` tool rounds and `MAX_CALLS` tool calls per question; every call is validated
against its schema before a tool runs (unknown tools and invalid arguments go back to the
model as ``Error: ...``); the reply streams, sanitized as it comes. Numbers of the final
answer are checked against what the tools returned: a number no tool result holds is marked
``[unverified]``. Links, images and HTML are removed from the answer and from the stream.
Without a model, or when the model fails, the deterministic `Router` answers, with a note
saying why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from assistant.answers import ChatAnswer
from assistant.errors import LLMError
from assistant.llm import LLMSettings, explain_error, make_client
from assistant.personas.verify import FactIndex, find_numbers
from assistant.prompts import render
from assistant.text import clean_label
from assistant.tools import ChatContext, Toolbox, ToolCall, Toolkit, ToolResult
from assistant.understanding.router import Router

__all__ = ["MAX_CALLS", "MAX_ROUNDS", "ChatSession", "sanitize_markdown"]

MAX_ROUNDS = 4
MAX_CALLS = 8
HISTORY_TOKENS = 3000

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)\S+")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->", re.S)
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_HIDDEN = ("Cc", "Cf")


def sanitize_markdown(text: str) -> str:
    """Markdown safe to render: no images, links, URLs or HTML tags (their text is kept).

    Terminal escape sequences, control characters (but newlines and tabs) and format
    characters (zero-width, bidi overrides) are dropped first, so "h\u200bttp://" cannot show
    a URL that the filters did not see, nor an escape draw a link in a terminal.
    """
    text = _ESCAPE.sub("", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _HIDDEN)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub("", text)
    text = _TAG.sub("", text)  # before URLs: a URL inside a tag must not eat its ">"
    return _URL.sub("(link removed)", text).strip()


def _releasable(text: str) -> int:
    """How much of streamed text can be sanitized and shown now: whole words only, and
    nothing from an opening ``[`` (or ``![``) without a ``)`` after it, or a ``<`` without a
    ``>`` (a link, image or tag that may still be arriving)."""
    cut = max(text.rfind(" "), text.rfind("\n")) + 1
    head = text[:cut]
    for opener, closer in (("[", ")"), ("<", ">")):
        start = head.rfind(opener)
        if start >= 0 and closer not in head[start:]:
            cut = min(cut, start - 1 if head[start - 1 : start] == "!" else start)
    return cut


class _SafeStream:
    """Streamed model text, released sanitized: `feed` returns what may be shown now (the
    sanitized text so far, minus what was already shown); ``feed("", end=True)`` the rest."""

    def __init__(self) -> None:
        self.raw = ""
        self.shown = ""
        self.cut = 0  # how much of ``raw`` was last sanitized

    def feed(self, delta: str, end: bool = False) -> str:
        self.raw += delta
        cut = len(self.raw) if end else _releasable(self.raw)
        if cut == self.cut and not end:  # nothing new may be released yet: no work
            return ""
        self.cut = cut
        clean = sanitize_markdown(self.raw[:cut])
        if not clean.startswith(self.shown):  # sanitizing changed shown text: wait for the end
            return ""
        new, self.shown = clean[len(self.shown) :], clean
        return new


def mark_unverified(text: str, figures: dict[str, float], ignore: list[str]) -> tuple[str, list]:
    """Mark every number of ``text`` that no figure verifies: ``85k [unverified]``."""
    index = FactIndex(figures)
    bad = [m for m in find_numbers(text, ignore=ignore) if not index.verifies(m)]
    for m in sorted(bad, key=lambda m: m.start, reverse=True):
        text = text[: m.end] + " [unverified]" + text[m.end :]
    return text, [m.text for m in bad]


class ChatSession:
    """One user's conversation with the assistant.

    ``stream(question)`` yields text fragments as they arrive and ends with the final
    `ChatAnswer`; ``ask(question)`` returns only the answer.
    """

    def __init__(
        self,
        ctx: ChatContext,
        settings: LLMSettings | None = None,
        *,
        client: Any | None = None,
        toolkit: Toolkit | None = None,
        history_tokens: int = HISTORY_TOKENS,
    ) -> None:
        self.ctx = ctx
        self.settings = settings or LLMSettings()
        self.toolkit = toolkit or Toolbox(ctx).toolkit
        self.router = Router(ctx, self.toolkit)
        self.history: list[dict[str, str]] = []
        self.answers: list[ChatAnswer] = []
        self.history_tokens = history_tokens
        self._client = client
        if self._client is None and self.settings.online:
            self._client = make_client(self.settings)

    @property
    def writer(self) -> str:
        """'offline' or the model name."""
        return self.settings.model if self._client is not None else "offline"

    def ask(self, question: str) -> ChatAnswer:
        """The answer to ``question`` (streaming consumed)."""
        answer = None
        for part in self.stream(question):
            if isinstance(part, ChatAnswer):
                answer = part
        assert answer is not None
        return answer

    def stream(self, question: str) -> Iterator[str | ChatAnswer]:
        """Text fragments of the reply as they come, then the final `ChatAnswer`."""
        question = question.strip()
        if not question:
            answer = ChatAnswer(text="Please type a question about your segments.")
        elif self._client is None:
            answer = self.router.answer(question, self.answers)
        else:
            answer = yield from self._llm_answer(question)
        self._remember(question, answer)
        yield answer

    # -- the model path --------------------------------------------------------------------
    def _system(self) -> str:
        segments = [
            {"id": i, "name": clean_label(n, 60)} for i, n in enumerate(self.ctx.bundle.names)
        ]
        return render("chat_system.j2", segments=segments)

    def _llm_answer(self, question: str) -> Iterator[str | ChatAnswer]:
        messages = [
            {"role": "system", "content": self._system()},
            *self.history,
            {"role": "user", "content": question},
        ]
        results: list[ToolResult] = []
        calls: list[ToolCall] = []
        attempts = 0
        note = None
        try:
            for round_ in range(MAX_ROUNDS + 1):
                tools = self.toolkit.specs() if round_ < MAX_ROUNDS else None
                text, tool_calls = yield from self._complete(messages, tools)
                if tool_calls and tools is None:  # no tools were offered: none runs
                    if not text.strip():
                        break
                    tool_calls = []
                if not tool_calls:
                    return self._final(text, results, calls, note)
                messages.append(
                    {"role": "assistant", "content": text or None, "tool_calls": tool_calls}
                )
                for call in tool_calls:
                    name = call["function"]["name"]
                    args = call["function"]["arguments"]
                    if attempts >= MAX_CALLS:
                        output = ToolResult.failure(
                            f"tool call limit reached ({MAX_CALLS} per question); "
                            "answer with the results you have."
                        )
                        note = f"The model hit the limit of {MAX_CALLS} tool calls."
                    else:
                        attempts += 1
                        made = self.toolkit.call(name, args)
                        output = made.result or ToolResult.failure("the tool gave no result.")
                        if name in self.toolkit:  # never echo an off-list name
                            calls.append(made)
                        if not output.error:
                            results.append(output)
                    messages.append(
                        {"role": "tool", "tool_call_id": call["id"], "content": output.text}
                    )
            note = f"The model did not answer within {MAX_ROUNDS} tool rounds."
            raise LLMError(note)
        except LLMError as exc:
            fallback = self.router.answer(question, self.answers)
            fallback.note = (
                f"The language model could not answer ({exc}); answered by the offline assistant."
            )
            return fallback

    def _complete(self, messages: list[dict], tools: list[dict] | None):
        """One streamed completion: yields text deltas; returns (text, tool_calls)."""
        import openai

        kwargs: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "stream": True,
        }
        if tools:
            kwargs["tools"] = tools
        text, calls, finish = "", {}, None
        safe = _SafeStream()
        try:
            for chunk in self._client.chat.completions.create(**kwargs):
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                finish = choice.finish_reason or finish
                delta = choice.delta
                if delta.content:
                    text += delta.content
                    shown = safe.feed(delta.content)
                    if shown:
                        yield shown
                for tc in delta.tool_calls or []:
                    slot = calls.setdefault(tc.index, {"id": "", "name": "", "arguments": ""})
                    slot["id"] = tc.id or slot["id"]
                    if tc.function is not None:
                        slot["name"] += tc.function.name or ""
                        slot["arguments"] += tc.function.arguments or ""
        except openai.APIError as exc:
            raise LLMError(explain_error(exc, self.settings)) from None
        rest = safe.feed("", end=True)
        if rest:
            yield rest
        if finish == "length":
            raise LLMError("the answer was cut off at max_tokens (truncated).")
        tool_calls = [
            {
                "id": c["id"] or f"call_{i}",
                "type": "function",
                "function": {"name": c["name"], "arguments": c["arguments"] or "{}"},
            }
            for i, c in sorted(calls.items())
        ]
        if not tool_calls and not text.strip():
            raise LLMError("the model returned an empty answer.")
        return text, tool_calls

    def _final(
        self, text: str, results: list[ToolResult], calls: list[ToolCall], note: str | None
    ) -> ChatAnswer:
        figures: dict[str, float] = {}
        for r in results:
            figures.update(r.figures)
        clean = sanitize_markdown(text)
        marked, unverified = mark_unverified(clean, figures, self.ctx.literals)
        chart = next((r.chart for r in reversed(results) if r.chart), None)
        table = next((r.table for r in reversed(results) if r.table), None)
        if unverified:
            extra = f"{len(unverified)} number(s) could not be checked against the data."
            note = f"{note} {extra}" if note else extra
        return ChatAnswer(
            text=marked,
            chart=chart,
            table=table,
            figures=figures,
            tools=calls,
            writer=self.settings.model,
            note=note,
            unverified=unverified,
        )

    # -- history -------------------------------------------------------------------------
    def _remember(self, question: str, answer: ChatAnswer) -> None:
        self.answers.append(answer)
        self.history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.text},
        ]
        while self.history and sum(len(m["content"]) for m in self.history) / 4 > (
            self.history_tokens
        ):
            del self.history[:2]
