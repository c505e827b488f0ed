"""One app user's working state: their model, its customers and personas, their chat, and a
table loaded but not yet trained on. The app keeps one per browser session (in ``gr.State``)
and never shares it; the app's default (the demo or ``--bundle`` model) is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from assistant.chat import ChatSession
from assistant.llm import Gate, LLMSettings, make_client
from assistant.personas import PersonaResult
from assistant.tools import ChatContext
from assistant.webapp.views.cards import header_markdown
from segmentation.bundle import Bundle
from segmentation.io import LoadResult

__all__ = ["UserState"]


@dataclass
class UserState:
    """A session's model (``bundle``, ``customers`` it was trained on, if known, and where
    they came from), its persona write-ups, the chat (made on first use) and a table loaded
    in the Data tab (``upload``)."""

    bundle: Bundle
    customers: pd.DataFrame | None
    source: str
    personas: list[PersonaResult]
    settings: LLMSettings
    chat: ChatSession | None = None
    upload: LoadResult | None = None
    # Shared by every session on the same model (`copy` keeps them): the chat tools' context,
    # whose memo caches per-model work, and the LLM client with its connection pool.
    context: ChatContext | None = field(default=None, repr=False)
    client: Any = field(default=None, repr=False)
    gate: Gate | None = field(default=None, repr=False)  # the client's request limit

    def __post_init__(self) -> None:
        if self.context is None:
            self.context = ChatContext(self.bundle, self.personas, self.customers)
        if self.client is None and self.settings.online:
            self.client = make_client(self.settings)
        if self.gate is None:
            self.gate = Gate(self.settings.concurrency)

    def copy(self) -> UserState:
        """A shallow copy for a new session: the model objects are shared (never changed in
        place; a retrain makes new ones), the chat is not."""
        return replace(self, chat=None)

    def chat_session(self) -> ChatSession:
        """This session's chat, made on first use over its current model and personas."""
        if self.chat is None:
            self.chat = ChatSession(self.context, self.settings, client=self.client, gate=self.gate)
        return self.chat

    def with_model(
        self,
        bundle: Bundle,
        customers: pd.DataFrame | None,
        source: str,
        personas: list[PersonaResult],
    ) -> UserState:
        """The state after training or loading another model (a new chat over it; a table
        loaded but not trained on stays)."""
        return replace(
            self, bundle=bundle, customers=customers, source=source, personas=personas, chat=None,
            context=None,
        )  # fmt: skip

    def with_personas(self, personas: list[PersonaResult]) -> UserState:
        """The state with new write-ups (the chat starts over so it quotes them)."""
        return replace(self, personas=personas, chat=None, context=None)

    @property
    def narratives(self) -> str:
        """Who wrote the personas: 'offline' or the model's name."""
        models = sorted({p.model for p in self.personas if p.writer == "llm" and p.model})
        return ", ".join(models) if models else "offline"

    @property
    def chat_writer(self) -> str:
        """Who answers the chat: 'offline' or the model's name."""
        return self.settings.model if self.settings.online else "offline"

    def header(self) -> str:
        """The header line of the app for this session."""
        return header_markdown(
            self.bundle, self.source, self.customers, self.narratives, self.chat_writer
        )
