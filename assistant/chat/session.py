"""The chat: one user's conversation, answered by a model calling read-only tools or by the
offline router.

`ChatSession` holds one user's conversation (nothing is shared between sessions). With a
model (`LLMSettings.online`) a question runs the tool loop (`assistant.chat.loop`) with the
model's small tool set (`Toolbox.model_toolkit`: the query tool and the tools that are not
queries), within one deadline (``settings.deadline`` seconds for the whole question). The
prompt — system, tools, history, question — is kept under ``prompt_tokens`` (2,000
estimated tokens, `assistant.chat.budget`) by dropping the oldest exchanges.

Nothing the model writes is shown before it is checked. Its draft is sanitized (no links,
images, HTML) and every figure is checked with its attribution (`assistant.chat.attribution`:
next to the persona and metric a tool result gives it to). The draft becomes the answer only
when at least one tool call succeeded and every figure is verified; otherwise — no tool
call, a misplaced or unknown figure, a cut-off or failed reply, the deadline — the offline
`Router` answers, with a note saying why. ``stream`` yields the checked text once, then the
`ChatAnswer`; a fallback yields only the answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from assistant.answers import ChatAnswer
from assistant.chat.attribution import Attributor
from assistant.chat.budget import PROMPT_TOKENS, prompt_size
from assistant.chat.loop import MAX_CALLS, MAX_ROUNDS, Draft, ToolLoop
from assistant.chat.sanitize import sanitize_markdown
from assistant.errors import LLMError
from assistant.llm import Gate, LLMSettings, make_client
from assistant.prompts import render
from assistant.text import clean_label
from assistant.tools import ChatContext, Toolbox, ToolCall, Toolkit
from assistant.understanding.router import Router

__all__ = ["HISTORY_TOKENS", "MAX_CALLS", "MAX_ROUNDS", "ChatSession", "sanitize_markdown"]

HISTORY_TOKENS = 3000  # what a session remembers; what is sent is trimmed to the prompt budget
_FALLBACK = "answered by the offline assistant."


class ChatSession:
    """One user's conversation with the assistant.

    ``stream(question)`` yields the checked reply text (model answers only) and ends with the
    final `ChatAnswer`; ``ask(question)`` returns only the answer. ``toolkit`` is what the
    model is offered (default: `Toolbox.model_toolkit`); the router always has every tool.
    """

    def __init__(
        self,
        ctx: ChatContext,
        settings: LLMSettings | None = None,
        *,
        client: Any | None = None,
        gate: Gate | None = None,
        toolkit: Toolkit | None = None,
        history_tokens: int = HISTORY_TOKENS,
        prompt_tokens: int = PROMPT_TOKENS,
    ) -> None:
        self.ctx = ctx
        self.settings = settings or LLMSettings()
        box = Toolbox(ctx)
        self.toolkit = toolkit or box.model_toolkit
        self.router = Router(ctx, box.toolkit)
        self.history: list[dict[str, str]] = []
        self.answers: list[ChatAnswer] = []
        self.history_tokens = history_tokens
        self.prompt_tokens = prompt_tokens
        self._client = client
        if self._client is None and self.settings.online:
            self._client = make_client(self.settings)
        self.gate = gate or Gate(self.settings.concurrency)  # share one across sessions
        self._attributor: Attributor | None = None

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
        """The checked reply text (when the model's answer is used), then the `ChatAnswer`."""
        question = question.strip()
        if not question:
            answer = ChatAnswer(text="Please type a question about your segments.")
        elif self._client is None:
            answer = self.router.answer(question, self.answers)
        else:
            answer = self._llm_answer(question)
            if answer.writer != "router":
                yield answer.text
        self._remember(question, answer)
        yield answer

    def messages(self, question: str) -> list[dict[str, Any]]:
        """The first request's messages for ``question``: system, as much recent history
        as fits the prompt budget with the tools, and the question."""
        system = {"role": "system", "content": self._system()}
        user = {"role": "user", "content": question}
        tools = self.toolkit.specs()
        history = list(self.history)
        while history and prompt_size([system, *history, user], tools).tokens > (
            self.prompt_tokens
        ):
            del history[:2]  # the oldest exchange goes first
        return [system, *history, user]

    # -- the model path --------------------------------------------------------------------
    def _system(self) -> str:
        segments = [
            {"id": i, "name": clean_label(n, 60)} for i, n in enumerate(self.ctx.bundle.names)
        ]
        return render("chat_system.j2", segments=segments)

    def _llm_answer(self, question: str) -> ChatAnswer:
        deadline = time.monotonic() + self.settings.deadline
        loop = ToolLoop(self._client, self.settings, self.toolkit, self.gate)
        try:
            draft = loop.run(self.messages(question), deadline)
        except LLMError as exc:
            return self._fallback(question, f"The language model could not answer ({exc})")
        return self._checked(question, draft)

    def _checked(self, question: str, draft: Draft) -> ChatAnswer:
        """The draft as the answer if it rests on tool results and every figure is verified
        where it stands; else the router's answer with a note saying why."""
        if not draft.results:
            why = "without a successful tool call" if draft.asked else "without a tool call"
            return self._fallback(question, f"The model answered {why}, so nothing could check it")
        text = sanitize_markdown(draft.text)
        if self._attributor is None:
            self._attributor = Attributor(self.ctx)
        misplaced = self._attributor.check(text, draft.results, question)
        if misplaced:
            shown = "; ".join(str(m) for m in misplaced[:3])
            more = f" and {len(misplaced) - 3} more" if len(misplaced) > 3 else ""
            return self._fallback(
                question,
                f"The model's answer stated figures the tool results do not support where "
                f"it put them ({shown}{more})",
            )
        figures: dict[str, float] = {}
        for result in draft.results:
            figures.update(result.figures)
        read = self._read_lines(draft)
        return ChatAnswer(
            text="\n".join(read) + "\n\n" + text if read else text,
            chart=next((r.chart for r in reversed(draft.results) if r.chart), None),
            table=next((r.table for r in reversed(draft.results) if r.table), None),
            figures=figures,
            tools=draft.calls,
            writer=self.settings.model,
            note=draft.note,
        )

    def _read_lines(self, draft: Draft) -> list[str]:
        """How the model read the question, one "Read as" line per successful call: the
        query tool's own line, or the call in words."""
        lines: list[str] = []
        for call in draft.calls:
            result = call.result
            if result is None or result.error:
                continue
            first = result.text.split("\n", 1)[0]
            line = first if first.startswith("Read as:") else _call_words(self.ctx, call)
            if line and line not in lines:
                lines.append(line)
        return lines

    def _fallback(self, question: str, why: str) -> ChatAnswer:
        """The router's answer, with a note saying why the model's was not used."""
        answer = self.router.answer(question, self.answers)
        note = f"{why}; {_FALLBACK}"
        answer.note = f"{note} {answer.note}" if answer.note else note
        return answer

    # -- history -------------------------------------------------------------------------
    def _remember(self, question: str, answer: ChatAnswer) -> None:
        self.answers.append(answer)
        self.history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": _without_read_lines(answer.text)},
        ]
        while self.history and sum(len(m["content"]) for m in self.history) / 4 > (
            self.history_tokens
        ):
            del self.history[:2]


def _call_words(ctx: ChatContext, call: ToolCall) -> str:
    """'Read as: describe Frugal Families' for a call that is not a query."""
    segment = call.arguments.get("segment")
    try:
        name = ctx.name(int(segment)) if str(segment).isdigit() else clean_label(str(segment))
    except (IndexError, ValueError):
        name = clean_label(str(segment))
    words = {
        "describe_segment": f"describe {name}",
        "campaign_ideas": f"campaign ideas for {name}",
        "assign_customer": "which persona fits the customer described",
        "what_if": "what changes if the customer changes as described",
        "list_segments": "the list of personas",
    }.get(call.name)
    return f"Read as: {words}" if words else ""


def _without_read_lines(text: str) -> str:
    """An answer as the conversation history keeps it: without its "Read as" lines (the
    model need not read them again), or whole when that is all it says."""
    kept = [line for line in text.split("\n") if not line.startswith("Read as:")]
    return "\n".join(kept).strip() or text
