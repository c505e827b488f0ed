"""The Chat and Personas tabs of the app: layout and their own events.

Events that change the model (and so every view) are wired in ``app``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from app_common import AppContext, user_errors
from assistant.answer import ChatAnswer
from assistant.llm import make_writer
from assistant.narrative import write_personas
from assistant.report import write_report
from assistant.ui_cards import chart_frame, persona_markdown, sizes_frame, table_frame
from assistant.ui_session import UserState

__all__ = ["EXAMPLES", "MAX_CARDS", "ChatTab", "PersonasTab", "card_texts", "chat_tab",
           "persona_cards", "personas_tab", "sizes_plot"]  # fmt: skip

MAX_CARDS = 10  # the largest k the retrain control offers
EXAMPLES = (
    "Which segments are there?",
    "Which segment has the highest income?",
    "Show a chart of segment sizes",
    "Show the profile table",
    "Describe segment 1",
    "How many customers have more than 2 children?",
)


@dataclass
class ChatTab:
    """The Chat tab's components."""

    chatbot: gr.Chatbot
    box: gr.Textbox
    chart: gr.BarPlot
    table: gr.Dataframe
    note: gr.Markdown


@dataclass
class PersonasTab:
    """The Personas tab's components (``cards`` has `MAX_CARDS` slots)."""

    sizes: gr.BarPlot
    cards: list[gr.Markdown]
    regenerate: gr.Button


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
        notes.append(f"Unverified numbers (marked in the text): {', '.join(answer.unverified)}")
    return chart, table, "\n\n".join(notes)


def chat_tab(ctx: AppContext, state: gr.State) -> ChatTab:
    """Build the Chat tab: chat, example questions, and the answer's chart, table and note."""
    chatbot = gr.Chatbot(label="Ask about your segments", height=420, buttons=["copy"])
    with gr.Row():
        box = gr.Textbox(
            placeholder="e.g. Which segment responds best to campaigns?",
            show_label=False,
            scale=5,
            elem_id="chat-input",
        )
        send = gr.Button("Send", variant="primary", scale=1, elem_id="send-btn")
        clear = gr.Button("Clear", scale=1, elem_id="clear-btn")
    gr.Examples([[q] for q in EXAMPLES], inputs=[box], label="Try asking")
    note = gr.Markdown()
    chart = gr.BarPlot(
        x="label", y="value", x_title=" ", visible=False, height=300, x_label_angle=-20
    )
    table = gr.Dataframe(visible=False, interactive=False, wrap=True)
    tab = ChatTab(chatbot, box, chart, table, note)

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


def card_texts(st: UserState) -> list[str]:
    """The Markdown of every persona card of a state, in segment order."""
    ordered = sorted(st.personas, key=lambda r: r.segment)
    return [persona_markdown(st.bundle.profile, r) for r in ordered][:MAX_CARDS]


def persona_cards(st: UserState) -> list[Any]:
    """Updates of the `MAX_CARDS` card slots: one per persona, the rest hidden (for event
    outputs only: made inside a layout, these components would be rendered)."""
    texts = card_texts(st)
    cards: list[Any] = [gr.Markdown(value=t, visible=True) for t in texts]
    return cards + [gr.Markdown(value="", visible=False)] * (MAX_CARDS - len(cards))


def sizes_plot(st: UserState, **kw: Any) -> Any:
    """The customers-per-persona bar chart (an update, or a component with ``render``)."""
    frame = sizes_frame(st.bundle)
    top = float(frame["customers"].max()) * 1.08
    return gr.BarPlot(frame, sort=list(frame["persona"]), y_lim=[0, top], **kw)


def personas_tab(ctx: AppContext, state: gr.State) -> PersonasTab:
    """Build the Personas tab: sizes chart, one card per persona, regenerate and downloads."""
    first = ctx.default
    with gr.Row():
        regenerate = gr.Button("Regenerate with LLM", variant="primary", scale=1)
        prepare = gr.Button("Prepare downloads", scale=1)
    with gr.Row():
        html = gr.DownloadButton("Report (HTML)", visible=False)
        md = gr.DownloadButton("Report (Markdown)", visible=False)
        js = gr.DownloadButton("Personas (JSON)", visible=False)
    sizes = sizes_plot(
        first, x="persona", y="customers", title="Customers per persona", height=260,
        x_title="persona", x_label_angle=-20,
    )  # fmt: skip
    texts = card_texts(first)
    cards: list[gr.Markdown] = []
    for start in range(0, MAX_CARDS, 2):
        with gr.Row(equal_height=False):
            for i in range(start, start + 2):
                text = texts[i] if i < len(texts) else ""
                cards.append(
                    gr.Markdown(
                        text,
                        visible=bool(text),
                        container=True,
                        padding=True,
                        elem_id=f"persona-card-{i}",
                    )  # fmt: skip
                )
    tab = PersonasTab(sizes, cards, regenerate)

    def downloads(st: UserState | None) -> tuple[Any, ...]:
        """Write the report (HTML, Markdown) and the personas (JSON) for download."""
        st = ctx.state(st)
        folder = ctx.new_dir()
        llm = any(p.writer == "llm" for p in st.personas)
        settings = ctx.settings if llm else None
        with user_errors():
            paths = [
                write_report(folder / "personas-report.html", st.bundle, st.personas, settings),
                write_report(folder / "personas-report.md", st.bundle, st.personas, settings),
            ]
        data = folder / "personas.json"
        data.write_text(json.dumps([p.to_dict() for p in st.personas], indent=1))
        return tuple(gr.DownloadButton(value=str(p), visible=True) for p in [*paths, data])

    prepare.click(downloads, [state], [html, md, js], api_name="report")
    return tab


def regenerate_personas(ctx: AppContext, st: UserState, progress: gr.Progress) -> UserState:
    """The state with write-ups asked again of the configured model (cached answers are
    bypassed); without a model the offline writer writes them and a notice says so."""
    if not ctx.settings.online:
        gr.Warning(
            "No language model is configured (set OPENAI_API_KEY or OPENAI_BASE_URL): "
            "the offline writer wrote the personas."
        )
    total = len(st.bundle.names)
    progress(0.0, desc=f"writing {total} personas")

    def step(done: int, total: int, name: str) -> None:
        progress(done / total, desc=f"{done}/{total}: {name}")

    with user_errors():
        personas = write_personas(
            st.bundle.profile,
            st.bundle.names,
            make_writer(ctx.settings),
            settings=ctx.settings,
            regenerate=True,
            progress=step,
        )
    return st.with_personas(personas)
