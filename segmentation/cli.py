"""`personasense` command line: train, profile, assign, evaluate.

Errors print one clear line (``error: ...``) and exit with status 2; data-quality warnings
print as ``warning: ...`` lines on stderr; progress goes to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .algorithms import ALGORITHMS
from .bundle import load_bundle
from .display import persona_table_text, quality_line
from .errors import DataError, PersonaSenseError
from .export import formula_safe
from .features import FEATURE_SETS

__all__ = ["add_engine_commands", "main", "new_parser", "run"]

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


def add_engine_commands(sub: Any) -> dict[str, Handler]:
    """Add train, profile, assign and evaluate to ``sub``; return their handlers by name."""
    train = sub.add_parser("train", help="fit segments on a file (or the demo data) and save them")
    _add_data_args(train)
    train.add_argument(
        "--features",
        choices=FEATURE_SETS,
        help="default: behavior (generic for tables that are not the marketing-campaign schema)",
    )
    train.add_argument("--algorithm", choices=ALGORITHMS, default="kmeans")
    train.add_argument("--k", default="auto", help="number of segments, or 'auto' (default)")
    train.add_argument("--out", default=DEFAULT_OUT, help=f"bundle folder (default {DEFAULT_OUT})")
    train.add_argument("--previous", help="bundle whose matching segments keep their id and name")
    train.add_argument("--json", action="store_true", help="print the profile as JSON")

    prof = sub.add_parser("profile", help="print the persona table of a bundle")
    prof.add_argument("--bundle", default=DEFAULT_OUT)
    prof.add_argument("--json", action="store_true", help="the full profile as JSON")

    assign = sub.add_parser("assign", help="assign one customer or a whole file to personas")
    assign.add_argument("--bundle", default=DEFAULT_OUT)
    what = assign.add_mutually_exclusive_group(required=True)
    what.add_argument("--customer", help="JSON object of attributes, or @file.json")
    what.add_argument("--input", help="file of customers to assign in batch")
    assign.add_argument("--output", help="CSV to write (batch); default: stdout")
    assign.add_argument("--json", action="store_true", help="JSON output (single customer)")
    from .cli_lab import add_lab_command

    commands = {"train": _cmd_train, "profile": _cmd_profile, "assign": _cmd_assign}
    return commands | add_lab_command(sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run an engine subcommand; returns the exit status."""
    parser, sub = new_parser()
    commands = add_engine_commands(sub)
    return run(parser.parse_args(argv), commands)


def run(args: argparse.Namespace, commands: dict[str, Handler]) -> int:
    """Run the chosen command: errors print one ``error:`` line (status 2), warnings print
    as ``warning:`` lines."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = commands[args.command](args)
        except PersonaSenseError as exc:
            _print_warnings(caught)
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # e.g. `personasense assign ... | head`
            sys.stderr.close()
            return 0
        except KeyboardInterrupt:
            print("error: interrupted", file=sys.stderr)
            return 130
    _print_warnings(caught)
    return status


def _print_warnings(caught: list[warnings.WarningMessage]) -> None:
    seen = set()
    for w in caught:
        text = str(w.message)
        if text not in seen and issubclass(w.category, UserWarning):
            seen.add(text)
            print(f"warning: {text}", file=sys.stderr)


def _add_data_args(parser: argparse.ArgumentParser) -> None:
    """The data options `train` and `evaluate` share: the file (or demo data), --columns,
    --seed, --demo-rows and --quiet; `_check_data_args` and `_data_options` validate them."""
    parser.add_argument("file", nargs="?", help="CSV/TSV/Excel/Parquet; omit for the demo data")
    parser.add_argument(
        "--columns", help="comma-separated columns to cluster on (generic features)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--demo-rows", type=int, default=2240, help="rows of demo data")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


def _check_data_args(args: argparse.Namespace) -> None:
    """Refuse, before loading, a seed outside numpy's range or no demo rows."""
    if not 0 <= args.seed < 2**32:  # numpy's and scikit-learn's seed range
        raise DataError(f"--seed must be a whole number from 0 to {2**32 - 1}, got {args.seed}.")
    if args.file is None and args.demo_rows < 1:
        raise DataError(f"--demo-rows must be at least 1, got {args.demo_rows}.")


def _data_options(
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


def _load(path: str | None, demo_rows: int, seed: int, progress: Progress):
    from .demo import make_customers
    from .io import load_customers

    if path is None:
        progress(f"generating {demo_rows:,} demo customers (seed {seed})")
        return make_customers(demo_rows, random_state=seed), None, "demo"
    progress(f"loading {path}")
    frame, report = load_customers(path)
    return frame, report, Path(path).name


def _cmd_train(args: argparse.Namespace) -> int:
    from .pipeline import train_bundle

    _check_data_args(args)
    out = Path(args.out)
    if out.exists() and not out.is_dir() or any(p.is_file() for p in out.parents):
        raise DataError(f"--out {args.out}: a file is in the way; choose a folder path.")
    progress = Progress(args.quiet)
    frame, report, source = _load(args.file, args.demo_rows, args.seed, progress)
    if report is not None:
        progress(f"read {report.rows_read:,} rows ({report.schema} schema)")
    columns, (feature_set,) = _data_options(
        args, report, [args.features] if args.features else None
    )
    k: int | str = args.k
    if k != "auto":
        try:
            k = int(k)
        except ValueError:
            raise DataError(f"--k must be 'auto' or a whole number, got {args.k!r}.") from None
    bundle = train_bundle(
        frame,
        algorithm=args.algorithm,
        n_segments=k,
        feature_set=feature_set,
        columns=columns,
        random_state=args.seed,
        out_dir=args.out,
        previous=args.previous,
        source=source,
        progress=progress,
    )
    progress(f"saved {bundle.path}")
    _print_bundle(bundle, args.json)
    return 0


def _cmd_profile(args: argparse.Namespace) -> int:
    _print_bundle(load_bundle(args.bundle), args.json)
    return 0


def _print_bundle(bundle: Any, as_json: bool) -> None:
    """The full profile as JSON, or the persona table and the quality line."""
    if as_json:
        print(json.dumps(bundle.profile, indent=1))
        return
    print(persona_table_text(bundle.profile, bundle.names))
    print()
    print(quality_line(bundle.manifest.get("metrics", {}), bundle.segmenter))


def _cmd_assign(args: argparse.Namespace) -> int:
    from .io import load_customers
    from .pipeline import assign_customer, iter_assign

    bundle = load_bundle(args.bundle)
    if args.customer is not None:
        customer = _parse_customer(args.customer)
        result = assign_customer(bundle, customer)
        if args.json:
            print(json.dumps(result.to_dict(), indent=1))
            return 0
        print(f"persona: {result.name} (segment {result.segment})")
        print("membership:")
        for name, p in sorted(result.membership.items(), key=lambda kv: -kv[1]):
            print(f"  {p:6.1%}  {name}")
        if result.reasons:
            print("why:")
            for reason in result.reasons:
                print(f"  - {reason}")
        if result.imputed:
            print(f"not given, typical value used: {', '.join(result.imputed)}")
        return 0
    progress = Progress()
    progress(f"loading {args.input}")
    frame, report = load_customers(args.input)
    progress(f"assigning {report.rows_read:,} customers")
    out = sys.stdout
    if args.output is not None:
        try:
            out = open(args.output, "w", newline="")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise DataError(f"--output {args.output}: cannot write ({exc.strerror}).") from exc
    try:
        for i, chunk in enumerate(iter_assign(bundle, frame, id_column=report.id_column)):
            formula_safe(chunk).to_csv(out, index=False, header=(i == 0))
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output:
        progress(f"wrote {args.output}")
    return 0


def _parse_customer(text: str) -> dict[str, Any]:
    if text.startswith("@"):
        try:
            text = Path(text[1:]).read_text()
        except OSError as exc:
            raise DataError(f"--customer {text}: cannot read the file ({exc.strerror}).") from exc
    try:
        customer = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"--customer is not valid JSON ({exc.msg} at character {exc.pos}); "
            'example: \'{"Income": 60000, "Kidhome": 2}\''
        ) from exc
    if not isinstance(customer, dict):
        raise DataError('--customer must be a JSON object of attributes, e.g. {"Income": 60000}.')
    return customer


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
