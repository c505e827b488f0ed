"""The model's tool loop for one question: requests, tool calls run and fed back, and a draft
answer that nothing has shown yet.

`ToolLoop.run(messages, deadline)` sends the conversation with the tools, runs the calls the
model makes (validated by the `Toolkit`: unknown tools and bad arguments go back as
``Error: ...``), and repeats until the model answers in text. Tools are sent only on rounds
where a call may still run: at most `MAX_ROUNDS` rounds offer them and at most `MAX_CALLS`
calls run per question; the round after either cap offers none. Each reply is streamed but
buffered: the draft is returned whole, to be checked before anyone sees it. A reply cut off
— the stream ends with no finish reason, or with "length" (``max_tokens``) — or one that
runs past the question's deadline raises `LLMError`, like any failure to reach the model.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import LLMError
from assistant.llm import Gate, LLMSettings, explain_error, send
from assistant.tools import ToolCall, Toolkit, ToolResult

__all__ = ["MAX_CALLS", "MAX_ROUNDS", "Draft", "ToolLoop"]

MAX_ROUNDS = 3  # rounds that offer tools; each re-sends their schemas (~1,600 tokens)
MAX_CALLS = 8


@dataclass
class Draft:
    """The model's unchecked answer: its text, how many tool calls it asked for, the calls
    made (on-list tools only), the results that succeeded, and a note on a cap it hit."""

    text: str
    asked: int = 0
    calls: list[ToolCall] = field(default_factory=list)
    results: list[ToolResult] = field(default_factory=list)
    note: str | None = None


class ToolLoop:
    """Runs one question's requests and tool calls against one model (see the module
    docstring). ``client`` is an ``openai.OpenAI`` client; ``toolkit`` the tools offered."""

    def __init__(
        self, client: Any, settings: LLMSettings, toolkit: Toolkit, gate: Gate | None = None
    ) -> None:
        self.client = client
        self.settings = settings
        self.toolkit = toolkit
        self.gate = gate or Gate(settings.concurrency)

    def run(self, messages: list[dict[str, Any]], deadline: float) -> Draft:
        """The draft answer to ``messages`` (system, history, question), which this extends
        with the tool round trips. Raises `LLMError` when there is no usable answer."""
        draft = Draft(text="")
        attempts = 0
        rounds = 0
        while True:
            offer = rounds < MAX_ROUNDS and attempts < MAX_CALLS
            tools = self.toolkit.specs() if offer else None
            text, tool_calls = self.complete(messages, tools, deadline)
            if tool_calls and not offer:  # no tools were offered: none runs
                if not text.strip():
                    raise LLMError(f"the model did not answer within {MAX_ROUNDS} tool rounds.")
                tool_calls = []
            if not tool_calls:
                draft.text = text
                return draft
            rounds += 1
            messages.append({"role": "assistant", "content": text or None,
                             "tool_calls": tool_calls})  # fmt: skip
            draft.asked += len(tool_calls)
            for call in tool_calls:
                name, args = call["function"]["name"], call["function"]["arguments"]
                if attempts >= MAX_CALLS:
                    output = ToolResult.failure(
                        f"tool call limit reached ({MAX_CALLS} per question); "
                        "answer with the results you have."
                    )
                    draft.note = f"The model hit the limit of {MAX_CALLS} tool calls."
                else:
                    attempts += 1
                    made = self.toolkit.call(name, args)
                    output = made.result or ToolResult.failure("the tool gave no result.")
                    if name in self.toolkit:  # never echo an off-list name
                        draft.calls.append(made)
                    if not output.error:
                        draft.results.append(output)
                messages.append({"role": "tool", "tool_call_id": call["id"],
                                 "content": output.text})  # fmt: skip

    def request(self, messages: list[dict[str, Any]], tools: list[dict] | None) -> dict:
        """The keyword arguments of one streamed request (tools only when offered)."""
        kwargs: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "stream": True,
        }
        if tools:
            kwargs["tools"] = tools
        return kwargs

    def complete(
        self, messages: list[dict[str, Any]], tools: list[dict] | None, deadline: float
    ) -> tuple[str, list[dict[str, Any]]]:
        """One streamed completion, read whole: (text, tool calls). Raises `LLMError` for a
        failure, a cut-off or empty reply, the deadline passing while it streams, or no
        request slot freeing up before it (`Gate`)."""
        with self.gate.slot(deadline, self.settings):  # the request and its whole stream
            return self._complete(messages, tools, deadline)

    def _complete(
        self, messages: list[dict[str, Any]], tools: list[dict] | None, deadline: float
    ) -> tuple[str, list[dict[str, Any]]]:
        import openai

        stream = send(self.client, self.settings, self.request(messages, tools), deadline)
        text, calls, finish = "", {}, None
        try:
            for chunk in stream:
                if time.monotonic() > deadline:
                    raise LLMError(
                        f"the answer was still arriving at the {self.settings.deadline:g} s "
                        "deadline (PERSONASENSE_DEADLINE)."
                    )
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                finish = choice.finish_reason or finish
                text += choice.delta.content or ""
                for tc in choice.delta.tool_calls or []:
                    slot = calls.setdefault(tc.index, {"id": "", "name": "", "arguments": ""})
                    slot["id"] = tc.id or slot["id"]
                    if tc.function is not None:
                        slot["name"] += tc.function.name or ""
                        slot["arguments"] += tc.function.arguments or ""
        except openai.APIError as exc:
            raise LLMError(explain_error(exc, self.settings)) from None
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        _check_finish(finish, self.settings.max_tokens)
        tool_calls = [_call(i, c) for i, c in sorted(calls.items())]
        if not tool_calls and not text.strip():
            raise LLMError("the model returned an empty answer.")
        return text, tool_calls


def _check_finish(finish: str | None, max_tokens: int) -> None:
    if finish is None:
        raise LLMError(
            "the answer stopped before it was complete (the stream ended with no finish reason)."
        )
    if finish == "length":
        raise LLMError(f"the answer was cut off at max_tokens={max_tokens} (truncated).")


def _call(index: int, slot: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": slot["id"] or f"call_{index}",
        "type": "function",
        "function": {"name": slot["name"], "arguments": slot["arguments"] or "{}"},
    }
