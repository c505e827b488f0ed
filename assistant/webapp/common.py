"""What every tab of the app shares: the read-only app context, user-error translation,
progress adapters and training a session's model."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.errors import LLMError
from assistant.llm import LLMSettings
from assistant.personas import write_personas
from assistant.webapp.state import UserState
from segmentation.errors import PersonaSenseError
from segmentation.pipeline import train_bundle

__all__ = [
    "AppContext",
    "require_customers",
    "train_model",
    "train_progress",
    "user_errors",
]

KEEP_FILES_S = 3600  # downloads written for a user are removed after an hour


@dataclass(frozen=True)
class AppContext:
    """Per app, read-only after `create_app`: the default state new sessions start from, the
    LLM settings, and the folder the app writes downloads into (created by the app, removed
    at exit)."""

    default: UserState
    settings: LLMSettings
    workdir: Path

    def state(self, value: UserState | None) -> UserState:
        """The session's state, or a fresh copy of the default for a new session."""
        return value if value is not None else self.default.copy()

    def new_dir(self) -> Path:
        """A new folder under the app's workdir for one set of downloads; folders older than
        `KEEP_FILES_S` are removed first (Gradio serves its own copy of each download)."""
        cutoff = time.time() - KEEP_FILES_S
        for old in self.workdir.glob("dl-*"):
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix="dl-", dir=self.workdir))


def require_customers(st: UserState, doing: str, how: str) -> pd.DataFrame:
    """The session's customer rows, or a `gr.Error` saying that ``doing`` needs them and
    ``how`` to provide them (a saved model holds no rows)."""
    if st.customers is None:
        raise gr.Error(
            f"{doing} needs the customer rows, which a saved model does not hold: {how}",
            print_exception=False,
        )
    return st.customers


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn PersonaSense and LLM errors into `gr.Error` with their message (no traceback in
    the UI or the log); anything else stays an unexpected error (shown as a plain "Error"
    since ``show_error`` is off)."""
    try:
        yield
    except (PersonaSenseError, LLMError) as exc:
        raise gr.Error(str(exc), print_exception=False) from None


def train_progress(progress: gr.Progress, steps: int = 4) -> Callable[[str], None]:
    """A `train_bundle` progress callback that moves a Gradio progress bar one step per
    message (the engine reports three steps; the fourth is the personas)."""
    done = [0]

    def report(message: str) -> None:
        progress(min(done[0] / steps, 0.95), desc=message)
        done[0] += 1

    return report


def train_model(
    st: UserState,
    frame: pd.DataFrame,
    source: str,
    progress: gr.Progress,
    **options: Any,
) -> UserState:
    """A state with a model trained on ``frame`` (and its offline personas)."""
    with user_errors():
        bundle = train_bundle(frame, source=source, progress=train_progress(progress), **options)
        progress(0.9, desc="writing the personas")
        personas = write_personas(bundle.profile, bundle.names)
    for note in bundle.notes[:3]:  # this session's notes (data, never process-wide warnings)
        gr.Warning(note)
    return st.with_model(bundle, frame, source, personas)
