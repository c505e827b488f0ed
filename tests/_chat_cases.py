"""Shared set-up for the chat-loop tests (test_chat_tool_loop, test_chat_session).

The tool tests' demo model (1,500 synthetic customers with 8-digit IDs, so a leaked ID is
easy to spot; fixtures from `tests._tools_cases`), a session whose model is the fake
OpenAI-compatible server (`tests.fake_llm`, which records the request bodies), a spy
toolkit whose tools (the model's: `Toolbox.model_toolkit`) record their arguments, and the
scripted tool call most tests start with (`RANK_INCOME`, the query tool ranking personas by
mean income). The fixtures are bound into each test module
(``ctx = _chat_cases.ctx`` ...) rather than put in conftest.py, so the names stay local to
the chat tests; the model behind them is the session's, trained once (`tests._models`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from assistant.chat import ChatSession
from assistant.llm import LLMSettings
from assistant.tools import ChatContext, Toolbox, Toolkit
from tests import _tools_cases

# The same demo model, customers and personas as the tool tests (one definition of each).
frame = _tools_cases.frame
bundle = _tools_cases.bundle
personas = _tools_cases.personas
ctx = _tools_cases.ctx


RANK_INCOME = {"tool": "query", "args": {"kind": "rank", "measure": "income"}}


def online(ctx: ChatContext, fake: Any, timeout: float = 5, **kwargs: Any) -> ChatSession:
    """A session whose model is the fake server."""
    settings = LLMSettings(
        base_url=fake.base_url, api_key="k", model="m", max_retries=0, timeout=timeout
    )
    return ChatSession(ctx, settings, **kwargs)


def spied_toolkit(ctx: ChatContext) -> tuple[Toolkit, list[tuple[str, dict[str, Any]]]]:
    """The model's toolkit with every tool recording ``(name, kwargs)`` when it runs."""
    runs: list[tuple[str, dict[str, Any]]] = []

    def spy(tool):
        def fn(*args: Any, **kwargs: Any):
            runs.append((tool.name, kwargs))
            return tool.fn(*args, **kwargs)

        return dataclasses.replace(tool, fn=fn)

    base = Toolbox(ctx).model_toolkit
    return Toolkit([spy(t) for t in base.tools.values()], owner=base.owner), runs


def tool_messages(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in body["messages"] if m["role"] == "tool"]


def top_income(ctx: ChatContext, rank: int = 0) -> tuple[str, str]:
    """(name, stated mean income) of the segment ranked ``rank`` by income (0: the
    highest-earning), as the tools state them."""
    _, _, name, value, _ = Toolbox(ctx).rank_segments("income").table["rows"][rank]
    return name, value
