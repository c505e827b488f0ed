"""The Chat tab: the conversation, example questions, and the answer's chart, table and note."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.chat import ChatAnswer
from assistant.understanding.examples import example_questions
from assistant.webapp.common import AppContext, user_errors
from assistant.webapp.state import UserState
from assistant.webapp.views.cards import chart_frame, table_frame

__all__ = ["EXAMPLES", "ChatTab", "chat_tab"]

EXAMPLES = (  # the demo model's; any other model's come from its catalog (`examples`)
    "Which segments are there?",
    "Which segment has the highest income?",
    "Show a chart of segment sizes",
    "Show the profile table",
    "Describe segment 1",
    "How many customers have more than 2 children?",
)


def examples(st: UserState) -> list[list[str]]:
    """The "Try asking" questions of a session's model, made from its catalog."""
    assert st.context is not None
    return [[q] for q in example_questions(st.context)]


@dataclass
class ChatTab:
    """The Chat tab's components."""

    chatbot: gr.Chatbot
    box: gr.Textbox
    chart: gr.BarPlot
    table: gr.Dataframe
    note: gr.Markdown
    examples: gr.Dataset

    def render(self, st: UserState) -> dict[gr.blocks.Block, Any]:
        """The example questions of the session's model."""
        return {self.examples: gr.Dataset(samples=examples(st))}


def _plain(history: list[dict[str, Any]] | None) -> list[dict[str, str]]:
    """Chatbot history (content as text blocks when it comes from the browser or a client)
    as plain role/content messages."""
    out = []
    for message in history or []:
        content = message.get("content")
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        out.append({"role": str(message.get("role", "user")), "content": str(content or "")})
    return out


def _answer_views(answer: ChatAnswer) -> tuple[Any, Any, str]:
    """The chart, table and note under the chat for a final answer."""
    chart: Any = gr.BarPlot(visible=False)
    if answer.chart and answer.chart.get("labels"):
        frame = chart_frame(answer.chart)
        unit = answer.chart.get("unit") or ""
        chart = gr.BarPlot(
            value=frame,
            title=answer.chart.get("title") or "",
            y_title="%" if unit == "share" else unit,
            y_lim=[0, None],
            sort=list(frame["label"]),
            visible=True,
        )
    table: Any = gr.Dataframe(visible=False)
    if answer.table and answer.table.get("rows"):
        table = gr.Dataframe(value=table_frame(answer.table), visible=True)
    who = "the offline assistant" if answer.writer == "router" else f"model {answer.writer}"
    notes = [f"_Answered by {who}._"]
    if answer.note:
        notes.append(f"**Note:** {answer.note}")
    if answer.unverified:
        notes.append(
            f"Numbers the model's draft could not support (not shown): "
            f"{', '.join(answer.unverified)}"
        )
    return chart, table, "\n\n".join(notes)


def chat_tab(ctx: AppContext, state: gr.State) -> ChatTab:
    """Build the Chat tab: chat, example questions, and the answer's chart, table and note."""
    chatbot = gr.Chatbot(label="Ask about your segments", height=420, buttons=["copy"])
    with gr.Row():
        box = gr.Textbox(
            placeholder="e.g. Which segment is the largest?",
            show_label=False,
            scale=5,
            elem_id="chat-input",
        )
        send = gr.Button("Send", variant="primary", scale=1, elem_id="send-btn")
        clear = gr.Button("Clear", scale=1, elem_id="clear-btn")
    questions = gr.Dataset(
        components=[box], samples=examples(ctx.default), label="Try asking",
        elem_id="examples",
    )  # fmt: skip
    questions.click(lambda sample: sample[0], [questions], [box], api_visibility="private")
    note = gr.Markdown()
    chart = gr.BarPlot(
        x="label", y="value", x_title=" ", visible=False, height=300, x_label_angle=-20
    )
    table = gr.Dataframe(visible=False, interactive=False, wrap=True)
    tab = ChatTab(chatbot, box, chart, table, note, questions)

    def chat(
        message: str, history: list[dict[str, Any]], st: UserState | None
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the assistant's reply; the final answer brings its chart, table, note."""
        st = ctx.state(st)
        question = (message or "").strip()
        if not question:
            raise gr.Error("Please type a question about your segments.", print_exception=False)
        shown = [*_plain(history), {"role": "user", "content": question}]
        reply = {"role": "assistant", "content": "…"}
        hidden = (gr.BarPlot(visible=False), gr.Dataframe(visible=False), "")
        yield "", [*shown, reply], *hidden, st
        text, answer = "", None
        with user_errors():
            session = st.chat_session()
            for part in session.stream(question):
                if isinstance(part, ChatAnswer):
                    answer = part
                else:
                    text += part
                    yield "", [*shown, {"role": "assistant", "content": text}], *hidden, st
        assert answer is not None
        final = [*shown, {"role": "assistant", "content": answer.text}]
        yield "", final, *_answer_views(answer), st

    def clear_chat(st: UserState | None) -> tuple[Any, ...]:
        """Forget this session's conversation (the model stays)."""
        st = ctx.state(st)
        st.chat = None
        return [], gr.BarPlot(visible=False), gr.Dataframe(visible=False), "", st

    outputs = [box, chatbot, chart, table, note, state]
    send.click(chat, [box, chatbot, state], outputs, api_name="chat")
    box.submit(
        chat, [box, chatbot, state], outputs, api_name="chat_submit", api_visibility="private"
    )
    clear.click(clear_chat, [state], [chatbot, chart, table, note, state], api_name="chat_clear")
    return tab
