"""What the app tests need, imported before anything loads Gradio.

Gradio and gradio_client read ``GRADIO_TEMP_DIR`` when they are imported, so this module sets
it (and turns analytics off) before importing them; the app tests import Gradio-related
names only from here. Kept out of ``conftest.py`` so the other tests never load Gradio.
"""

from __future__ import annotations

import asyncio
import gc
import os
import socket
import tempfile
import warnings

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("GRADIO_TEMP_DIR", tempfile.mkdtemp(prefix="personasense-gradio-test-"))

import gradio as gr  # noqa: E402 - after the environment above, by design
from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

from app import create_app  # noqa: E402

__all__ = [
    "GRADIO_WARNINGS",
    "AppError",
    "Client",
    "close_client",
    "create_app",
    "handle_file",
    "launched",
    "release_event_loops",
    "text_of",
]

# Gradio 6.31 makes a new event loop, sets it as current and never closes it each time it
# needs an asyncio lock outside a running loop (utils.safe_get_lock/safe_get_stop_event:
# about ten per Blocks and launch). Their __del__ warns about the loop and its self-pipe
# socket; pytest reports that as an unraisable exception. Not ours to fix, so the app tests
# ignore exactly these two messages, and `release_event_loops` collects the garbage while
# the filter applies, so that no leak surfaces in another test module. And after every event
# Gradio's queue summarizes its metrics with a pandas option pandas 3 deprecates
# (queueing.Queue._get_df), in its worker thread: ignored by message too.
GRADIO_WARNINGS = (
    "ignore:Exception ignored in. <function BaseEventLoop.__del__"
    ":pytest.PytestUnraisableExceptionWarning",
    "ignore:Exception ignored in. <socket.socket fd=[0-9]+, family=1"
    ":pytest.PytestUnraisableExceptionWarning",
    "ignore:'future.no_silent_downcasting' is deprecated:pandas.errors.Pandas4Warning",
)


def launched(demo: gr.Blocks) -> str:
    """Launch ``demo`` on a free local port without blocking; returns its URL (the caller
    closes it with ``demo.close()``)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return demo.launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True
    )[1]


def close_client(client: Client) -> None:
    """Close ``client`` without waiting a second for its heartbeat thread.

    gradio_client 2.7.2's `Client.close()` sets the heartbeat's kill event, then joins the
    heartbeat thread with ``timeout=1``. That thread is blocked in a streaming GET on the
    app's heartbeat endpoint and sees the event only when the next line arrives (every 15 s),
    so every close waits the full second: about 20 s over test_app.py. Setting the event is
    all a test needs: the thread is a daemon holding only a weak reference to the client, and
    it returns at the next heartbeat line or when the server closes at module teardown (its
    stream ends). Falls back to `Client.close()` if a gradio_client without the event comes.
    """
    kill = getattr(client, "_kill_heartbeat", None)
    if kill is None:
        client.close()
        return
    kill.set()


def release_event_loops() -> None:
    """Close the event loop Gradio left as the main thread's current one, and collect the
    loops it replaced (see `GRADIO_WARNINGS`)."""
    policy = asyncio.get_event_loop_policy()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            loop = policy.get_event_loop()
    except RuntimeError:  # none set (already released)
        loop = None
    if loop is not None and not loop.is_running():
        loop.close()
    policy.set_event_loop(None)
    gc.collect()


def text_of(message: dict) -> str:
    """The text of a Chatbot message as a client receives it (content as text blocks)."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if part.get("type") == "text")
