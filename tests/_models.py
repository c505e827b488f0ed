"""The session's trained models: each small model is trained once per test run.

`Models` memoizes the demo tables (`segmentation.demo.make_customers`), the bundles trained on
them (`segmentation.pipeline.train_bundle`), their offline personas and chat contexts, the
generic mall-like model (`tests._tables.mall_table`) and the reference file's model. The
session fixture ``models`` in conftest.py holds the one instance.

Every bundle is trained with ``out_dir`` (its own folder under the session's temp folder), so
``bundle.path`` is where it was saved, ``bundle.manifest`` is what the folder holds, and
`Models.saved` has nothing more to do: the folder holds exactly the bundle in memory.

What is handed out is shared by every test of the run, so it is read-only by convention.
`Models.frame` returns a copy to change freely; a bundle (its profile, names and segmenter),
personas, a context's customers and a saved folder must not be changed in place: copy the
folder (``shutil.copytree``) to retrain into it or damage it, and ``copy.copy`` or
``dataclasses.replace`` a bundle to give it other names. `Models.changes` lists what was
changed anyway, and the fixture fails the run's teardown with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from assistant.personas.write import PersonaResult, write_personas
from assistant.tools import ChatContext
from segmentation.bundle import Bundle, data_sha256
from segmentation.demo import make_customers
from segmentation.demo_shop import make_shop_customers
from segmentation.pipeline import train_bundle
from tests._tables import REFERENCE_FILE, mall_table, reference_frame

__all__ = ["Models"]

Key = tuple[Any, ...]


def _json(value: Any) -> str:
    """A stable text of a JSON-like value (to compare it later, whatever shares its parts)."""
    return json.dumps(value, sort_keys=True, default=str)


def _name(key: Key) -> str:
    """How a memo key reads in the guard's message: ``bundle(800, 4, 0, ())`` (rows, k,
    id_offset, train_kwargs)."""
    kind, *args = key
    return f"{kind}({', '.join(map(repr, args))})"


def _safely(now: Callable[[], str]) -> str:
    """``now()``, or why it failed (a deleted folder, a broken profile) as a changed value."""
    try:
        return now()
    except Exception as exc:  # any failure means the object was changed
        return f"{type(exc).__name__}: {exc}"


def _folder_digest(folder: Path) -> str:
    """sha256 over the names and bytes of every file under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Models:
    """Demo tables, trained bundles, personas and chat contexts, each made once per session.

    ``rows`` and ``random_state`` name a demo table (``make_customers(rows, random_state)``);
    ``id_offset`` is added to its IDs (8-digit IDs make a leaked ID easy to spot). ``k`` is
    the number of segments (``"auto"`` lets the model choose). Bundles are trained on the
    table of ``random_state=0``; ``train_kwargs`` go to `train_bundle` as given (and are part
    of the memo key: pass only what differs from its defaults).
    """

    def __init__(self, folder: Path) -> None:
        """``folder``: an empty folder for the saved bundles, alive for the session."""
        self.folder = Path(folder)
        self._memo: dict[Key, Any] = {}
        self._trained = 0
        self._watched: list[tuple[str, Callable[[], str], str]] = []

    # -- demo tables and their models --------------------------------------------------------
    def frame(self, rows: int = 800, random_state: int = 0, *, id_offset: int = 0) -> pd.DataFrame:
        """A fresh copy of the demo table ``make_customers(rows, random_state)`` (IDs plus
        ``id_offset``): the caller may change it."""
        return self._frame(rows, random_state, id_offset).copy()

    def bundle(
        self, rows: int = 800, k: int | str = 4, *, id_offset: int = 0, **train_kwargs: Any
    ) -> Bundle:
        """``train_bundle(frame, n_segments=k, **train_kwargs)`` on the demo table of ``rows``
        rows (``random_state=0``), saved in its own folder (``bundle.path``)."""
        key = ("bundle", rows, k, id_offset, tuple(sorted(train_kwargs.items())))

        def train() -> Bundle:
            frame = self._frame(rows, 0, id_offset)
            return self._train(_name(key), frame, n_segments=k, **train_kwargs)

        return self._get(key, train)

    def saved(self, rows: int = 800, k: int | str = 4, *, id_offset: int = 0) -> Path:
        """The folder of `bundle` ``(rows, k)``: read-only; copy it to change anything."""
        path = self.bundle(rows, k, id_offset=id_offset).path
        assert path is not None  # trained with out_dir
        return path

    def personas(
        self, rows: int = 800, k: int | str = 4, *, id_offset: int = 0
    ) -> list[PersonaResult]:
        """The offline write-ups of `bundle` ``(rows, k)``
        (``write_personas(bundle.profile, bundle.names)``)."""
        key = ("personas", rows, k, id_offset)

        def write() -> list[PersonaResult]:
            bundle = self.bundle(rows, k, id_offset=id_offset)
            results = write_personas(bundle.profile, bundle.names)
            self._watch(_name(key), lambda: _json([r.to_dict() for r in results]))
            return results

        return self._get(key, write)

    def context(self, rows: int = 800, k: int | str = 4, *, id_offset: int = 0) -> ChatContext:
        """``ChatContext(bundle, personas, customers)`` of `bundle` ``(rows, k)``: the model, its
        offline personas and the table it was trained on. One per session, so what the
        context works out on first use (customer view, fact indexes...) is shared too."""
        key = ("context", rows, k, id_offset)

        def make() -> ChatContext:
            bundle = self.bundle(rows, k, id_offset=id_offset)
            personas = self.personas(rows, k, id_offset=id_offset)
            return ChatContext(bundle, personas, self._frame(rows, 0, id_offset))

        return self._get(key, make)

    # -- other tables ------------------------------------------------------------------------
    def mall(self, rows: int = 60, k: int | str = 4) -> Bundle:
        """A generic model (no reference schema: no spend, channel or outcome columns) of
        ``mall_table(rows)``, saved in its own folder; source ``mall.csv``."""
        key = ("mall", rows, k)

        def train() -> Bundle:
            frame = mall_table(rows)
            kwargs = {"n_segments": k, "feature_set": "generic", "source": "mall.csv"}
            return self._train(_name(key), frame, **kwargs)

        return self._get(key, train)

    def shop(self, rows: int = 1000) -> tuple[Bundle, pd.DataFrame]:
        """The second embedded demo (`segmentation.demo_shop`: a German ID header, money
        columns, a region) trained with auto k, and its table; source ``shop.csv``."""
        key = ("shop", rows)

        def train() -> tuple[Bundle, pd.DataFrame]:
            frame = make_shop_customers(rows)
            self._watch(_name(key), lambda: data_sha256(frame))
            kwargs = {"feature_set": "generic", "source": "shop.csv"}
            return self._train(_name(key), frame, **kwargs), frame

        return self._get(key, train)

    def reference(self) -> Bundle:
        """The reference file's model with the defaults (``k="auto"``, seed 0), trained on
        `tests._tables.reference_frame`; skips the test if the file is absent."""
        if not REFERENCE_FILE.is_file():
            pytest.skip(f"reference data not found at {REFERENCE_FILE}")

        def train() -> Bundle:
            return self._train("reference()", reference_frame(), source=REFERENCE_FILE.name)

        return self._get(("reference",), train)

    # -- the guard ---------------------------------------------------------------------------
    def changes(self) -> list[str]:
        """What tests changed in place in the shared tables, bundles, personas and folders
        (empty when nothing was)."""
        return [label for label, now, then in self._watched if _safely(now) != then]

    # -- internals ---------------------------------------------------------------------------
    def _get(self, key: Key, make: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _frame(self, rows: int, random_state: int, id_offset: int) -> pd.DataFrame:
        """The memoized demo table itself (never handed to a test but inside a context)."""
        key = ("frame", rows, random_state, id_offset)

        def make() -> pd.DataFrame:
            frame = make_customers(rows, random_state=random_state)
            if id_offset:
                frame["ID"] = frame["ID"] + id_offset
            self._watch(_name(key), lambda: data_sha256(frame))
            return frame

        return self._get(key, make)

    def _train(self, name: str, frame: pd.DataFrame, **kwargs: Any) -> Bundle:
        """``train_bundle(frame, **kwargs)`` saved in a new folder, and watched."""
        self._trained += 1
        out = self.folder / f"model-{self._trained}"
        bundle = train_bundle(frame, out_dir=out, **kwargs)
        self._watch(f"{name}.profile", lambda: _json(bundle.profile.to_dict()))
        self._watch(f"{name}.names", lambda: _json(bundle.names))
        self._watch(f"{name}.segmenter.labels_", lambda: _json(bundle.segmenter.labels_.tolist()))
        self._watch(f"{name}: the files of {out}", lambda: _folder_digest(out))
        return bundle

    def _watch(self, label: str, now: Callable[[], str]) -> None:
        self._watched.append((label, now, now()))
