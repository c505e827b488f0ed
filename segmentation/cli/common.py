"""What the ``personasense`` commands share: the parser, the runner that turns errors into
one ``error:`` line (status 2), progress lines, and the data options of `train` and `evaluate`.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from segmentation.errors import DataError, PersonaSenseError

__all__ = [
    "DEFAULT_OUT",
    "Handler",
    "Progress",
    "add_data_args",
    "check_data_args",
    "data_options",
    "load_data",
    "new_parser",
    "run",
]

DEFAULT_OUT = "personasense_model"


class Progress:
    """Timed step lines on stderr: ``[  0.4s] profiling 7 segments``."""

    def __init__(self, quiet: bool = False) -> None:
        self.start = time.perf_counter()
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.1f}s] {message}", file=sys.stderr)


Handler = Callable[[argparse.Namespace], int]


def new_parser() -> tuple[argparse.ArgumentParser, Any]:
    """An empty ``personasense`` parser and its subcommand registry (to add commands to)."""
    parser = argparse.ArgumentParser(
        prog="personasense", description="Customer segments and personas you can trust."
    )
    return parser, parser.add_subparsers(dest="command", required=True)


def run(args: argparse.Namespace, commands: dict[str, Handler]) -> int:
    """Run the chosen command: errors print one ``error:`` line (status 2); what the user
    should know about their data (the notes a command collects in ``args.notes``: the
    loader's findings, what training did to the values) and the libraries' own warnings
    (scikit-learn's, say) print as ``warning:`` lines, each once.

    The command line is the application, one command in one thread: it may set the warning
    filters for its run (the engine never does; it returns its findings as data)."""
    args.notes = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("ignore", pd.errors.DtypeWarning)  # the loader handles it
        try:
            status = commands[args.command](args)
        except PersonaSenseError as exc:
            _print_warnings(args.notes, caught)
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # e.g. `personasense assign ... | head`
            sys.stderr.close()
            return 0
        except KeyboardInterrupt:
            print("error: interrupted", file=sys.stderr)
            return 130
    _print_warnings(args.notes, caught)
    return status


def _print_warnings(notes: list[str], caught: list[warnings.WarningMessage]) -> None:
    others = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    for text in dict.fromkeys([*notes, *others]):
        print(f"warning: {text}", file=sys.stderr)


def add_data_args(parser: argparse.ArgumentParser) -> None:
    """The data options `train` and `evaluate` share: the file (or demo data), --columns,
    --seed, --demo-rows and --quiet; `check_data_args` and `data_options` validate them."""
    parser.add_argument("file", nargs="?", help="CSV/TSV/Excel/Parquet; omit for the demo data")
    parser.add_argument(
        "--columns", help="comma-separated columns to cluster on (generic features)"
    )
    parser.add_argument(
        "--roles",
        help='column roles where the guess is wrong, e.g. "Kunden-ID=id,Umsatz=money" '
        "(id, money, count, score, age, number, date, category, flag, outcome, text)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--demo-rows", type=int, default=2240, help="rows of demo data")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


def check_data_args(args: argparse.Namespace) -> None:
    """Refuse, before loading, a seed outside numpy's range or no demo rows."""
    if not 0 <= args.seed < 2**32:  # numpy's and scikit-learn's seed range
        raise DataError(f"--seed must be a whole number from 0 to {2**32 - 1}, got {args.seed}.")
    if args.file is None and args.demo_rows < 1:
        raise DataError(f"--demo-rows must be at least 1, got {args.demo_rows}.")


def data_options(
    args: argparse.Namespace, report: Any, feature_sets: list[str] | None
) -> tuple[list[str] | None, list[str]]:
    """The --columns list (None without it) and the feature sets: ``feature_sets`` as given,
    else generic with --columns or for a generic table (``report``), else behavior."""
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    if feature_sets is None:
        generic = columns or (report is not None and report.schema == "generic")
        feature_sets = ["generic" if generic else "behavior"]
    if columns and feature_sets != ["generic"]:
        raise DataError("--columns works with --features generic (the default with --columns).")
    return columns, feature_sets


def load_data(args: argparse.Namespace, progress: Progress) -> tuple[pd.DataFrame, Any, str]:
    """The table of ``args.file`` (its load report's findings go to ``args.notes``), or the
    demo data; with the report (None for the demo) and the source's name."""
    from segmentation.demo import make_customers
    from segmentation.io import load_customers

    if args.file is None:
        progress(f"generating {args.demo_rows:,} demo customers (seed {args.seed})")
        return make_customers(args.demo_rows, random_state=args.seed), None, "demo"
    progress(f"loading {args.file}")
    frame, report = load_customers(args.file)
    args.notes.extend(report.warnings)
    return frame, report, Path(args.file).name
