"""The ``personasense`` console script: the engine's commands plus personas and report.

The writer is chosen from the environment (``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``,
``PERSONASENSE_MODEL`` …; see `assistant.llm.LLMSettings`): with neither a key nor a base URL
the offline writer is used. ``--offline`` forces it. Write-ups are cached in the bundle folder
(``personas/``); ``--regenerate`` asks the model again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from segmentation.bundle import load_bundle
from segmentation.cli import DEFAULT_OUT, Handler, add_engine_commands, new_parser, run
from segmentation.errors import DataError

from .llm import LLMSettings, make_writer
from .narrative import PersonaCache, PersonaResult, write_personas

__all__ = ["build_parser", "main"]


def _writer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bundle", default=DEFAULT_OUT, help="model bundle folder")
    parser.add_argument("--offline", action="store_true", help="use the offline writer")
    parser.add_argument("--regenerate", action="store_true", help="ignore cached write-ups")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def add_assistant_commands(sub: Any) -> dict[str, Handler]:
    """Add personas and report to ``sub``; return their handlers by name."""
    personas = sub.add_parser("personas", help="print the persona write-ups of a bundle")
    _writer_options(personas)
    personas.add_argument("--json", action="store_true", help="write-ups as JSON")
    report = sub.add_parser("report", help="write a persona report (HTML or Markdown)")
    _writer_options(report)
    report.add_argument("--out", default="report.html", help="report.html or report.md")
    return {"personas": _cmd_personas, "report": _cmd_report}


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    """The full parser and the handler of every subcommand."""
    parser, sub = new_parser()
    commands = add_engine_commands(sub)
    commands |= add_assistant_commands(sub)
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``personasense`` console script; returns the exit status."""
    parser, commands = build_parser()
    return run(parser.parse_args(argv), commands)


class _Bar:
    """Progress on stderr: a bar redrawn in place on a terminal, a line per persona else."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.quiet:
            return
        if not self.tty:
            print(f"personas {done}/{total}: {name}", file=sys.stderr)
            return
        filled = round(20 * done / total)
        bar = f"[{'#' * filled}{'-' * (20 - filled)}]"
        end = "\n" if done == total else ""
        print(
            f"\rpersonas {bar} {done}/{total} {name[:40]:40}", end=end, file=sys.stderr, flush=True
        )


def _results(args: argparse.Namespace) -> tuple[Any, list[PersonaResult], LLMSettings | None]:
    bundle = load_bundle(args.bundle)
    settings = LLMSettings.from_env()
    online = settings.online and not args.offline
    writer = make_writer(settings) if online else make_writer(LLMSettings())
    cache = PersonaCache(Path(args.bundle) / "personas")
    results = write_personas(
        bundle.profile,
        bundle.names,
        writer,
        settings=settings,
        cache=cache,
        regenerate=args.regenerate,
        progress=_Bar(args.quiet),
    )
    for result in results:
        if result.note:
            print(f"note: {result.name}: {result.note}", file=sys.stderr)
    return bundle, results, settings if online else None


def _cmd_personas(args: argparse.Namespace) -> int:
    _, results, _ = _results(args)
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=1))
        return 0
    for result in results:
        print(format_persona(result))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import SUFFIXES, write_report

    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:  # before any persona is written (or paid for)
        raise DataError(
            f"{out}: cannot write a report as {out.suffix or 'a file without a suffix'!r}; "
            f"name it {', '.join(SUFFIXES)}."
        )
    bundle, results, settings = _results(args)
    path = write_report(args.out, bundle, results, settings=settings)
    print(f"wrote {path}")
    return 0


def format_persona(result: PersonaResult) -> str:
    """A write-up as plain text for the terminal."""
    w = result.writeup
    lines = [
        f"== {w.name} (segment {result.segment}) — {result.made_by}"
        + ("" if result.verified else " — UNVERIFIED"),
        w.tagline,
        "",
        w.summary,
    ]
    for title, items in (
        ("Demographics", w.demographics),
        ("Motivations", w.motivations),
        ("Pain points", w.pain_points),
        ("Preferred channels", w.preferred_channels),
        ("Product affinities", w.product_affinities),
        ("Do", w.messaging_do),
        ("Don't", w.messaging_dont),
    ):
        lines.append(f"{title}: " + "; ".join(items))
    lines.append("Campaign ideas:")
    for idea, expected in zip(w.campaign_ideas, result.expected or [], strict=False):
        lines.append(f"  - {idea.title} [{idea.channel}]: {idea.offer}. {idea.rationale}.")
        lines.append(f"    evidence: {', '.join(idea.evidence)}")
        if expected:
            lines.append(
                f"    expected response: {expected['rate']:.1%} "
                f"(95% interval {expected['ci_low']:.1%}–{expected['ci_high']:.1%}; "
                f"{expected['basis']})"
            )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
