"""The ``personasense`` console script: the engine's commands plus personas, report, chat, ask.

The writer is chosen from the environment (``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``,
``PERSONASENSE_MODEL`` …; see `assistant.llm.LLMSettings`): with neither a key nor a base URL
the offline writer is used. ``--offline`` forces it. Write-ups are cached in the bundle folder
(``personas/``); ``--regenerate`` asks the model again.

``chat`` (interactive) and ``ask`` (one question) answer with the model's tool loop when one
is configured, else with the offline router (`assistant.chat.ChatSession`). Bundles hold no
customer rows, so counting questions need the table: ``--data FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.answers import ChatAnswer
from assistant.llm import LLMSettings
from assistant.personas import PersonaCache, PersonaResult, make_writer, write_personas
from segmentation import formats
from segmentation.bundle import load_bundle
from segmentation.cli import DEFAULT_OUT, Handler, add_engine_commands, new_parser, run
from segmentation.errors import DataError, PersonaSenseError

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


_CHAT_EPILOG = (
    "With OPENAI_API_KEY or OPENAI_BASE_URL set, a language model answers through read-only "
    "tools; otherwise (or with --offline, or when the model fails) the offline assistant "
    'does. Bundles hold no customer rows: counting questions ("how many customers ...") '
    "need --data, the customer table, and without it answer that counting needs the "
    "customer table."
)


def _chat_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bundle", default=DEFAULT_OUT, help="model bundle folder")
    parser.add_argument(
        "--data",
        metavar="FILE",
        help="the customer table (CSV/TSV/Excel/Parquet), for counting questions",
    )
    parser.add_argument(
        "--offline", action="store_true", help="use the offline assistant even if a model is set"
    )


def add_chat_commands(sub: Any) -> dict[str, Handler]:
    """Add chat and ask to ``sub``; return their handlers by name."""
    chat = sub.add_parser(
        "chat",
        help="chat about a bundle's segments (type exit, quit or Ctrl-D to leave)",
        epilog=_CHAT_EPILOG,
    )
    _chat_options(chat)
    ask = sub.add_parser(
        "ask", help="answer one question about a bundle's segments", epilog=_CHAT_EPILOG
    )
    _chat_options(ask)
    ask.add_argument("--json", action="store_true", help="the answer as JSON")
    ask.add_argument("question", help="the question, in quotes")
    return {"chat": _cmd_chat, "ask": _cmd_ask}


def add_serve_command(sub: Any) -> dict[str, Handler]:
    """Add serve (the web app) to ``sub``; return its handler."""
    serve = sub.add_parser("serve", help="serve the web app (http://127.0.0.1:7860)")
    serve.add_argument("--bundle", help="model bundle folder (default: the demo model)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind")
    serve.add_argument("--port", type=int, default=7860, help="port")
    return {"serve": _cmd_serve}


def _cmd_serve(args: argparse.Namespace) -> int:
    from assistant.webapp import serve  # lazy: Gradio loads only for this command

    serve(args.bundle, args.host, args.port)
    return 0


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    """The full parser and the handler of every subcommand."""
    parser, sub = new_parser()
    commands = add_engine_commands(sub)
    commands |= add_assistant_commands(sub)
    commands |= add_chat_commands(sub)
    commands |= add_serve_command(sub)
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``personasense`` console script; returns the exit status."""
    parser, commands = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve":  # a long-lived server: warnings are not held until exit
        try:
            return _cmd_serve(args)
        except PersonaSenseError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return run(args, commands)


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
    from assistant.report import SUFFIXES, write_report

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


def _session(args: argparse.Namespace) -> Any:
    """A chat session on ``--bundle`` (and ``--data``) with the configured model, if any."""
    from assistant.chat import ChatSession
    from assistant.tools import ChatContext
    from segmentation.io import load_customers

    bundle = load_bundle(args.bundle)
    customers = None
    if args.data:
        customers, report = load_customers(args.data)
        args.notes.extend(report.warnings)
    personas = write_personas(bundle.profile, bundle.names)  # offline: instant, no model calls
    settings = LLMSettings() if args.offline else LLMSettings.from_env()
    return ChatSession(ChatContext(bundle, personas, customers), settings)


def _reply(session: Any, question: str) -> ChatAnswer:
    """Print the reply as it streams; an answer that the stream did not show (the router's,
    which does not stream or replaces a model that failed midway) is printed whole."""
    answer, streamed = None, ""
    for part in session.stream(question):
        if isinstance(part, ChatAnswer):
            answer = part
        else:
            print(part, end="", flush=True)
            streamed += part
    assert answer is not None
    shown = streamed.rstrip().endswith(answer.text.strip())
    if answer.writer == "router" or not shown:
        print(("\n" if streamed else "") + answer.text)
    else:
        print()
    return answer


def _unverified(answer: ChatAnswer) -> str | None:
    if not answer.unverified:
        return None
    return (
        f"unverified: {', '.join(answer.unverified)} (the model's draft stated these where no "
        "tool result holds them; it was not shown)"
    )


def _hint(args: argparse.Namespace, answer: ChatAnswer) -> str | None:
    """Say how to enable counting when a count was asked for without the customer table."""
    needs = any(call.name in ("count_customers", "query") and call.result is not None
                and call.result.error for call in answer.tools)  # fmt: skip
    if args.data or not needs:
        return None
    return "hint: start with --data FILE (the customer table) to count customers."


def _cmd_chat(args: argparse.Namespace) -> int:
    session = _session(args)
    who = "offline assistant" if session.writer == "offline" else session.writer
    print(f"PersonaSense chat ({who}). Ask about your segments; 'exit' or Ctrl-D to leave.")
    while True:
        try:
            line = input("you> ")
        except EOFError:
            print()
            return 0
        question = line.strip()
        if question.lower() in ("exit", "quit"):
            return 0
        if not question:
            continue
        answer = _reply(session, question)
        notes = (_unverified(answer), answer.note and f"note: {answer.note}", _hint(args, answer))
        for extra in notes:
            if extra:
                print(extra)
        print()


def _cmd_ask(args: argparse.Namespace) -> int:
    answer = _session(args).ask(args.question)  # the final, checked text
    if args.json:
        print(json.dumps(answer.to_dict(), indent=1, ensure_ascii=False))
        return 0
    print(answer.text)
    if answer.chart:
        print("\n" + format_chart(answer.chart))
    if answer.table:
        print("\n" + format_table(answer.table))
    if _unverified(answer):
        print("\n" + _unverified(answer))
    for extra in (answer.note and f"note: {answer.note}", _hint(args, answer)):
        if extra:
            print(extra, file=sys.stderr)
    return 0


def _figure(value: Any, unit: str | None) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "n/a" if value is None else str(value)
    if unit == "share":
        return formats.percent(value)
    if unit == "lift":
        return formats.lift(value)
    return formats.number(value)


def format_chart(chart: dict[str, Any], width: int = 30) -> str:
    """A chart as plain text: its title, then one bar per label."""
    labels = [str(label) for label in chart.get("labels", [])]
    values = list(chart.get("values", []))
    numbers = [abs(v) for v in values if isinstance(v, int | float)]
    top = max(numbers, default=0) or 1
    pad = max(map(len, labels), default=0)
    lines = [str(chart.get("title", ""))]
    for label, value in zip(labels, values, strict=False):
        size = round(width * abs(value) / top) if isinstance(value, int | float) else 0
        lines.append(
            f"  {label:<{pad}}  {'#' * size:<{width}}  {_figure(value, chart.get('unit'))}"
        )
    return "\n".join(lines)


def format_table(table: dict[str, Any]) -> str:
    """A table as aligned plain-text columns."""
    columns = [str(c) for c in table.get("columns", [])]
    rows = [["" if v is None else str(v) for v in row] for row in table.get("rows", [])]
    widths = [
        max([len(c), *(len(r[i]) for r in rows if i < len(r))]) for i, c in enumerate(columns)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=False)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, rows)])


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
