"""PersonaSense web app: chat, personas, one customer, segments and data, in one page.

``create_app(bundle=None, settings=None)`` builds the Gradio Blocks (nothing is trained,
launched or read from the environment at import); ``main()`` serves it
(``python app.py [--bundle DIR] [--host 127.0.0.1] [--port 7860]``). Without a bundle the app
uses the embedded demo model, trained once per process on 2,240 synthetic customers.

Every user works on their own state (``gr.State``): a retrain or a model trained on an upload
belongs to that browser session only, and so does the chat. Safety: binds 127.0.0.1 by
default, never shares, uploads are size-limited, downloads are written under a temporary
folder the app creates (``allowed_paths`` is not widened), the queue is bounded, user errors
are shown as messages (never tracebacks), analytics and the monitoring route are off.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.llm import LLMSettings
from assistant.personas import write_personas
from assistant.webapp.assign import assign_tab
from assistant.webapp.chat import chat_tab
from assistant.webapp.common import AppContext
from assistant.webapp.data import data_tab, train_upload_state
from assistant.webapp.lab import lab_section
from assistant.webapp.personas import personas_tab, regenerate_personas
from assistant.webapp.segments import retrained_state, segments_tab
from assistant.webapp.state import UserState
from segmentation.bundle import Bundle, load_bundle
from segmentation.demo import make_customers
from segmentation.pipeline import train_bundle

__all__ = ["create_app", "demo_model", "serve"]

DEMO_ROWS = 2240
DEMO_SOURCE = "demo (synthetic)"
MAX_FILE_SIZE = "50mb"
QUEUE_SIZE = 64
CONCURRENCY = 4
# A session's model and chat are dropped 4 hours after its last event that returns the state
# (every event but the downloads does), or an hour after its page is closed (Gradio's rule).
STATE_TTL_S = 4 * 3600


@functools.cache
def demo_model() -> tuple[Bundle, pd.DataFrame]:
    """The embedded demo model and its customers: trained on first use, then cached for the
    life of the process (read-only: sessions that retrain make their own)."""
    customers = make_customers(DEMO_ROWS, random_state=0)
    bundle = train_bundle(customers, source=DEMO_SOURCE)
    return bundle, customers


def _default_state(
    bundle: Bundle | None, settings: LLMSettings, customers: pd.DataFrame | None
) -> UserState:
    """What a new session starts with: the given bundle (and its customers, if given) or
    the demo model."""
    if bundle is None:
        bundle, customers = demo_model()
        source = DEMO_SOURCE
    else:
        folder = bundle.path.name if bundle.path is not None else "saved model"
        source = str(bundle.manifest.get("source") or folder)
    personas = write_personas(bundle.profile, bundle.names)  # offline: instant, no calls
    return UserState(bundle, customers, source, personas, settings)


def _workdir() -> Path:
    """A temporary folder for this app's downloads, removed when the process exits."""
    path = Path(tempfile.mkdtemp(prefix="personasense-app-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def create_app(
    bundle: Bundle | None = None,
    settings: LLMSettings | None = None,
    *,
    customers: pd.DataFrame | None = None,
) -> gr.Blocks:
    """The PersonaSense app for ``bundle`` (default: the demo model) with the writer of
    ``settings`` (default: from the environment; no key and no base URL = offline).

    ``customers``: the table ``bundle`` was trained on, if at hand (a saved bundle holds no
    rows): it enables counting questions, the customer map and retraining.
    """
    settings = settings if settings is not None else LLMSettings.from_env()
    ctx = AppContext(_default_state(bundle, settings, customers), settings, _workdir())
    with gr.Blocks(
        title="PersonaSense", analytics_enabled=False, delete_cache=(3600, 3600)
    ) as demo:
        state = gr.State(None, time_to_live=STATE_TTL_S)
        gr.Markdown("## PersonaSense: customer segments and personas")
        header = gr.Markdown(ctx.default.header(), elem_id="header")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat = chat_tab(ctx, state)
            with gr.Tab("Personas", id="personas"):
                personas = personas_tab(ctx, state)
            with gr.Tab("Assign a customer", id="assign"):
                assign = assign_tab(ctx, state)
            with gr.Tab("Segments", id="segments"):
                segments = segments_tab(ctx)
                lab_section(ctx, state)
            with gr.Tab("Data", id="data"):
                data = data_tab(ctx, state)
        # Every view that depends on the session's model, and its update for a state.
        views = [header, chat.examples, *personas.views, *segments.views, *assign.model_views]

        def render(st: UserState) -> dict[gr.blocks.Block, Any]:
            """``{view: update}`` of every view that depends on the session's model."""
            return (
                {header: st.header()}
                | chat.render(st)
                | personas.render(st)
                | segments.render(st)
                | assign.render(st.bundle)
            )

        def retrain(
            algorithm: str, k: str, features: str, st: UserState | None,
            progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio's injection idiom
        ) -> dict[gr.blocks.Block, Any]:  # fmt: skip
            """Retrain this session's model with the chosen algorithm, k and features."""
            new = retrained_state(ctx, st, algorithm, k, features, progress)
            return {state: new} | render(new)

        def train_upload(
            roles: str | None,
            st: UserState | None,
            progress: gr.Progress = gr.Progress(),  # noqa: B008
        ) -> dict[gr.blocks.Block, Any]:
            """Train a model for this session on the uploaded table (with the roles given)."""
            new = train_upload_state(ctx, st, progress, roles)
            return {state: new} | render(new)

        def regenerate(
            st: UserState | None,
            progress: gr.Progress = gr.Progress(),  # noqa: B008
        ) -> dict[gr.blocks.Block, Any]:
            """Ask the model for every persona again (the model, hence the other views, stays)."""
            new = regenerate_personas(ctx, ctx.state(st), progress)
            return {state: new, header: new.header()} | personas.render_cards(new)

        heavy = {"concurrency_id": "train", "concurrency_limit": 2}
        segments.retrain.click(
            retrain,
            [segments.algorithm, segments.k, segments.features, state],
            [state, *views],
            api_name="retrain",
            show_progress_on=[segments.table],
            **heavy,
        )
        data.train.click(
            train_upload,
            [data.roles, state],
            [state, *views],
            api_name="train_upload",
            show_progress_on=[data.report],
            **heavy,
        )
        personas.regenerate.click(
            regenerate,
            [state],
            [state, header, *personas.cards],
            api_name="personas_regenerate",
            show_progress_on=[personas.sizes],
            **heavy,
        )
    return demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)


def serve(bundle: str | None = None, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Build the app and serve it until interrupted (the ``serve`` command).

    Analytics are off twice: ``GRADIO_ANALYTICS_ENABLED=False`` is set here (Gradio reads
    it when it is asked, not only at import) and the Blocks pass ``analytics_enabled=False``.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    # The server is the application: its filters are set once, before any thread starts.
    # Users' data notes are returned as data; pandas' chunking note is handled by the loader.
    warnings.filterwarnings("ignore", category=pd.errors.DtypeWarning)
    demo = create_app(load_bundle(bundle) if bundle else None)
    demo.launch(
        server_name=host,
        server_port=port,
        share=False,
        show_error=False,  # raw exception text never reaches users; gr.Error always does
        max_file_size=MAX_FILE_SIZE,
        enable_monitoring=False,
        run_history=False,
        mcp_server=False,
        footer_links=["gradio"],
        theme=gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"]),
    )
