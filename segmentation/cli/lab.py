"""`personasense evaluate`: the model lab on the command line (see `segmentation.lab`).

Prints the ranked table (and its rule), optionally writes it as JSON / CSV and the charts
as PNG; ``--seed-reproduction`` prints the seed analysis's published silhouettes beside ours
instead (exit status 1 if one is off by more than its tolerance).
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from segmentation.algorithms import ALGORITHMS
from segmentation.cli.common import (
    Progress,
    add_data_args,
    check_data_args,
    data_options,
    load_data,
)
from segmentation.errors import DataError
from segmentation.features import FEATURE_SETS

__all__ = ["add_lab_command", "lab_table_text", "parse_k_range"]

_FIELDS = (
    ("rank", "rank", "{:>4}"), ("algorithm", "algorithm", "{:<16}"), ("k", "k", "{:>3}"),
    ("feature_set", "features", "{:<9}"), ("fit_rows", "fit rows", "{:>9}"),
    ("silhouette", "silh.", "{:>6}"), ("calinski_harabasz", "CH", "{:>7}"),
    ("davies_bouldin", "DB", "{:>5}"), ("stability", "stab.", "{:>5}"),
    ("min_share", "min %", "{:>5}"), ("noise_share", "noise", "{:>5}"),
    ("spend_eta2", "spend η²", "{:>8}"), ("fit_seconds", "fit s", "{:>6}"),
    ("status", "status", "{:<8}"), ("best_lift", "| lift*", "{:>7}"),
    ("response_spread", "spread*", "{:>7}"),
)  # fmt: skip


def _cell(column: str, value: Any, row: pd.Series) -> str:
    if column == "status":
        return "stable" if row["stable"] else "usable" if row["usable"] else "-"
    if isinstance(value, float) and math.isnan(value):
        return "-"
    if column == "fit_rows":
        return f"{value:,}" + ("s" if row["sampled"] else "")
    if column in ("min_share", "noise_share"):
        return f"{100 * value:.1f}"
    if column == "calinski_harabasz":
        return f"{value:,.0f}"
    if column == "fit_seconds":
        return f"{value:.2f}"
    if column in ("best_lift",):
        return f"{value:.2f}x"
    if column == "response_spread":
        return f"{100 * value:.1f} pt"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def lab_table_text(table: pd.DataFrame, top: int | None = None) -> str:
    """The lab's table for a terminal: one line per row, best first (``top`` rows)."""
    shown = table if not top else table.head(top)
    lines = [" ".join(fmt.format(title) for _, title, fmt in _FIELDS)]
    for _, row in shown.iterrows():
        lines.append(" ".join(fmt.format(_cell(c, row.get(c), row)) for c, _, fmt in _FIELDS))
    if len(shown) < len(table):
        lines.append(f"... {len(table) - len(shown)} more rows (--top 0 shows all)")
    lines.append(
        "fit rows ending in s: fitted on a sample, the other rows joined the nearest centroid. "
        "* held out (Response): never used to rank."
    )
    return "\n".join(lines)


def parse_k_range(text: str) -> tuple[int, int]:
    """``"2-10"`` → (2, 10); ``"5"`` → (5, 5). `DataError` otherwise."""
    parts = text.replace("..", "-").split("-")
    try:
        lo, hi = (int(parts[0]), int(parts[-1])) if len(parts) <= 2 else (0, 0)
    except ValueError:
        lo = hi = 0
    if not 2 <= lo <= hi <= 50:
        raise DataError(f"--k must be a range like 2-10 (from 2 to at most 50), got {text!r}.")
    return lo, hi


def _names(text: str | None, allowed: tuple[str, ...], option: str) -> list[str] | None:
    if text is None:
        return None
    names = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise DataError(
            f"{option}: unknown {', '.join(map(repr, unknown)) or 'empty list'}; "
            f"choose from {', '.join(allowed)}."
        )
    return names


def add_lab_command(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``evaluate`` to ``sub``; return its handler by name."""
    p = sub.add_parser(
        "evaluate",
        help="compare clustering algorithms and k in one ranked table (the model lab)",
    )
    add_data_args(p)
    p.add_argument("--algorithms", help=f"comma-separated (default all: {','.join(ALGORITHMS)})")
    p.add_argument("--k", default="2-10", help="range of k, e.g. 2-10 (default)")
    p.add_argument("--features", help=f"comma-separated feature sets of {','.join(FEATURE_SETS)}")
    p.add_argument("--boot", type=int, default=5, help="bootstrap refits for stability (5)")
    p.add_argument("--max-fit-rows", type=int, default=10_000,
                   help="sample cap for the quadratic methods (default 10000)")  # fmt: skip
    p.add_argument("--max-minutes", type=float, default=15,
                   help="refuse to start when the estimate is longer (default 15)")  # fmt: skip
    p.add_argument("--top", type=int, default=25, help="rows to print (0 = all; default 25)")
    p.add_argument("--json", metavar="PATH", help="write the table as JSON ('-' = stdout)")
    p.add_argument("--csv", metavar="PATH", help="write the table as CSV")
    p.add_argument("--charts", metavar="DIR", help="write elbow/silhouette/stability PNGs")
    p.add_argument(
        "--seed-reproduction",
        action="store_true",
        help="print the seed analysis's silhouettes beside ours (reference file)",
    )
    return {"evaluate": _cmd_evaluate}


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from segmentation.io.export import formula_safe
    from segmentation.lab import compare_models
    from segmentation.lab.rank import RANKING_RULE

    check_data_args(args)
    if args.boot < 1 or args.max_fit_rows < 100 or args.max_minutes <= 0:
        raise DataError("--boot must be >= 1, --max-fit-rows >= 100 and --max-minutes > 0.")
    if args.top < 0:
        raise DataError(f"--top must be 0 (all rows) or more, got {args.top}.")
    for option, path in (("--json", args.json), ("--csv", args.csv)):
        if path not in (None, "-"):
            _check_output(option, Path(path), folder=False)
    if args.charts:
        _check_output("--charts", Path(args.charts), folder=True)
    progress = Progress(args.quiet)
    frame, report, source = load_data(args, progress)
    if args.seed_reproduction:
        progress("fitting the seed's five clusterings (its MeanShift takes about 15 s)")
        return _seed_reproduction(frame)
    features = _names(args.features, FEATURE_SETS, "--features")
    columns, feature_sets = data_options(args, report, features)
    result = compare_models(
        frame,
        algorithms=_names(args.algorithms, ALGORITHMS, "--algorithms") or ALGORITHMS,
        k_range=parse_k_range(args.k),
        feature_sets=feature_sets,
        columns=columns,
        random_state=args.seed,
        n_boot=args.boot,
        max_fit_rows=args.max_fit_rows,
        max_seconds=60 * args.max_minutes,
        progress=progress,
    )
    progress(f"done in {result.elapsed_s:.1f} s (estimated {result.estimate_s:.0f} s)")
    if args.json == "-":
        print(json.dumps(result.to_dict(), indent=1))
    else:
        print(f"Model lab on {source}: {result.rows:,} customers, {len(result.table)} models")
        print(f"Ranking: {RANKING_RULE}")
        print()
        print(lab_table_text(result.table, args.top or None))
        for note in result.notes:
            print(f"note: {note}")
    if args.json not in (None, "-"):
        _write(args.json, lambda p: p.write_text(json.dumps(result.to_dict(), indent=1)))
        progress(f"wrote {args.json}")
    if args.csv:
        _write(args.csv, lambda p: formula_safe(result.table).to_csv(p, index=False))
        progress(f"wrote {args.csv}")
    if args.charts:
        from segmentation.lab.charts import lab_charts

        try:
            paths = lab_charts(result.table, args.charts, title=f"Model lab: {source}")
        except OSError as exc:
            raise DataError(f"--charts {args.charts}: cannot write ({exc.strerror}).") from exc
        progress("wrote " + ", ".join(str(p) for p in paths.values()))
    return 0


def _check_output(option: str, path: Path, folder: bool) -> None:
    """Refuse, before the lab runs, an output path that cannot be written."""
    if folder and path.exists() and not path.is_dir():
        raise DataError(f"{option} {path}: a file is in the way; choose a folder path.")
    if not folder and path.is_dir():
        raise DataError(f"{option} {path}: is a folder; choose a file path.")
    parent = path if folder else path.parent
    existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK):
        raise DataError(f"{option} {path}: cannot write there.")


def _write(path: str, write: Callable[[Path], Any]) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target)
    except OSError as exc:
        raise DataError(f"{path}: cannot write ({exc.strerror}).") from exc


def _seed_reproduction(frame: pd.DataFrame) -> int:
    from segmentation.lab.seed import format_seed_table, seed_reproduction

    table = seed_reproduction(frame)
    print(format_seed_table(table))
    return 0 if bool(table["ok"].all()) else 1
