"""The Personas tab: customers per persona, one card per persona, regenerating the write-ups
with the configured model, and the report and personas downloads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.personas import make_writer, write_personas
from assistant.report import write_report
from assistant.webapp.common import AppContext, user_errors
from assistant.webapp.state import UserState
from assistant.webapp.views.cards import persona_markdown, sizes_frame

__all__ = [
    "MAX_CARDS",
    "PersonasTab",
    "card_texts",
    "persona_cards",
    "personas_tab",
    "regenerate_personas",
    "sizes_plot",
]

MAX_CARDS = 10  # the largest k the retrain control offers


@dataclass
class PersonasTab:
    """The Personas tab's components (``cards`` has `MAX_CARDS` slots)."""

    sizes: gr.BarPlot
    cards: list[gr.Markdown]
    regenerate: gr.Button

    @property
    def views(self) -> list[gr.Component]:
        """The components that follow the session's model (see `render`)."""
        return [self.sizes, *self.cards]

    def render(self, st: UserState) -> dict[gr.Component, Any]:
        """``{component: update}`` of `views` for a state."""
        return {self.sizes: sizes_plot(st)} | self.render_cards(st)

    def render_cards(self, st: UserState) -> dict[gr.Component, Any]:
        """``{card slot: update}``: one card per persona, the other slots hidden."""
        return dict(zip(self.cards, persona_cards(st), strict=True))


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
