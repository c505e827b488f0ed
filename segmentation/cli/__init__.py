"""The engine's side of the ``personasense`` command line.

``common`` holds the parser, the runner (errors become one ``error:`` line and exit status
2; data-quality notes print as ``warning:`` lines; progress goes to stderr, results to
stdout) and the data options; ``engine`` adds ``train``, ``profile`` and ``assign``; ``lab``
adds ``evaluate``. The console script (`assistant.cli`) adds the assistant's commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from segmentation.cli.common import DEFAULT_OUT, Handler, Progress, new_parser, run
from segmentation.cli.engine import add_model_commands
from segmentation.cli.lab import add_lab_command

__all__ = ["DEFAULT_OUT", "Handler", "Progress", "add_engine_commands", "main", "new_parser", "run"]


def add_engine_commands(sub: Any) -> dict[str, Handler]:
    """Add train, profile, assign and evaluate to ``sub``; return their handlers by name."""
    return add_model_commands(sub) | add_lab_command(sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run an engine subcommand; returns the exit status."""
    parser, sub = new_parser()
    commands = add_engine_commands(sub)
    return run(parser.parse_args(argv), commands)
