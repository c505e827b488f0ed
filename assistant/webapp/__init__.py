"""The PersonaSense web app (Gradio): one module per tab (``chat``, ``personas``, ``assign``,
``segments`` with ``lab``, ``data``), the per-session ``state``, what the tabs share
(``common``), pure view helpers (``views``) and ``app``, which builds the page.

The only package that imports Gradio; only ``app.py`` and the CLI's ``serve`` import it.
"""

from __future__ import annotations

from assistant.webapp.app import create_app, demo_model, serve

__all__ = ["create_app", "demo_model", "serve"]
