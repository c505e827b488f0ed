"""PersonaSense web app entry point: ``python app.py [--bundle DIR] [--host H] [--port P]``
serves the app (the same as ``personasense serve``); ``create_app`` builds it without serving.

The app itself is the web package, `assistant.webapp`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from assistant.webapp import create_app

__all__ = ["create_app", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the app as ``personasense serve`` does; returns the exit status."""
    from assistant.cli import main as cli_main

    return cli_main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
