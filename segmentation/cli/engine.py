"""The engine's commands: ``train``, ``profile`` and ``assign`` (one customer or a file)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from segmentation.algorithms import ALGORITHMS
from segmentation.bundle import load_bundle
from segmentation.cli.common import (
    DEFAULT_OUT,
    Handler,
    Progress,
    add_data_args,
    check_data_args,
    data_options,
    load_data,
)
from segmentation.display import persona_table_text, quality_line
from segmentation.errors import DataError
from segmentation.features import FEATURE_SETS
from segmentation.io.export import formula_safe

__all__ = ["add_model_commands"]


def add_model_commands(sub: Any) -> dict[str, Handler]:
    """Add train, profile and assign to ``sub``; return their handlers by name."""
    train = sub.add_parser("train", help="fit segments on a file (or the demo data) and save them")
    add_data_args(train)
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
    return {"train": _cmd_train, "profile": _cmd_profile, "assign": _cmd_assign}


def _cmd_train(args: argparse.Namespace) -> int:
    from segmentation.pipeline import train_bundle

    check_data_args(args)
    out = Path(args.out)
    if out.exists() and not out.is_dir() or any(p.is_file() for p in out.parents):
        raise DataError(f"--out {args.out}: a file is in the way; choose a folder path.")
    progress = Progress(args.quiet)
    frame, report, source = load_data(args, progress)
    if report is not None:
        progress(f"read {report.rows_read:,} rows ({report.schema} schema)")
    columns, (feature_set,) = data_options(args, report, [args.features] if args.features else None)
    k: int | str = args.k
    if k != "auto":
        try:
            k = int(k)
        except ValueError:
            raise DataError(f"--k must be 'auto' or a whole number, got {args.k!r}.") from None
    from segmentation.catalog.roles import parse_roles

    roles = parse_roles(args.roles)
    if roles and feature_set != "generic":
        raise DataError("--roles works with tables of their own schema (--features generic).")
    bundle = train_bundle(
        frame,
        algorithm=args.algorithm,
        n_segments=k,
        feature_set=feature_set,
        columns=columns,
        roles=roles,
        random_state=args.seed,
        out_dir=args.out,
        previous=args.previous,
        source=source,
        progress=progress,
    )
    args.notes.extend(bundle.notes)
    progress(f"saved {bundle.path}")
    _print_bundle(bundle, args.json)
    return 0


def _cmd_profile(args: argparse.Namespace) -> int:
    _print_bundle(load_bundle(args.bundle), args.json)
    return 0


def _print_bundle(bundle: Any, as_json: bool) -> None:
    """The full profile as JSON, or the persona table and the quality line."""
    if as_json:
        print(json.dumps(bundle.profile.to_dict(), indent=1))
        return
    print(persona_table_text(bundle.profile, bundle.names))
    print()
    print(quality_line(bundle.manifest.get("metrics", {}), bundle.segmenter))


def _cmd_assign(args: argparse.Namespace) -> int:
    from segmentation.assign import assign_customer, iter_assign
    from segmentation.io import load_customers

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
            print(result.given_note)
        return 0
    progress = Progress()
    progress(f"loading {args.input}")
    frame, report = load_customers(args.input)
    args.notes.extend(report.warnings)
    progress(f"assigning {report.rows_read:,} customers")
    out = sys.stdout
    if args.output is not None:
        try:
            out = open(args.output, "w", newline="")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise DataError(f"--output {args.output}: cannot write ({exc.strerror}).") from exc
    try:
        chunks = iter_assign(bundle, frame, id_column=report.id_column, notes=args.notes)
        for i, chunk in enumerate(chunks):
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
