"""Model lab benchmarks of issue 6: prints figures (not a test). Run from the project root:

    python benchmarks/bench_lab.py                 # all parts
    python benchmarks/bench_lab.py --parts reference,100k

Targets on the 2-core machine: the full lab (8 algorithms, k = 2..10) on the reference file
<= 60 s; on 100k demo rows <= 3 min with the scale guards (quadratic methods fit on 10k
rows); k-means and mini-batch k-means rows on 1M demo rows. Each part prints the estimate
made before starting beside the time taken, the peak memory so far, and the top rows.
"""

from __future__ import annotations

import argparse
import resource
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "data" / "marketing_campaign.csv"
GOALS = {"reference": 60.0, "100k": 180.0}


def _report(name: str, result, seconds: float) -> None:
    from segmentation.cli.lab import lab_table_text

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    goal = GOALS.get(name)
    verdict = (
        "" if goal is None else f" (goal <= {goal:.0f} s: {'ok' if seconds <= goal else 'MISSED'})"
    )
    print(f"\n== {name}: {result.rows:,} rows, {len(result.table)} models")
    print(f"estimated {result.estimate_s:.0f} s, took {seconds:.1f} s{verdict}; peak memory "
          f"{peak:,.0f} MB")  # fmt: skip
    per_algorithm = result.table.groupby("algorithm")["fit_seconds"].sum().sort_values()
    print(
        "fit seconds per algorithm: " + ", ".join(f"{a} {s:.1f}" for a, s in per_algorithm.items())
    )
    print(lab_table_text(result.table, top=5))
    for note in result.notes:
        print(f"note: {note[:160]}")


def run(name: str, frame, **kwargs) -> None:
    from segmentation.lab import compare_models

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = compare_models(
            frame,
            progress=lambda m: print(f"  [{time.perf_counter() - start:6.1f}s] {m}"),
            **kwargs,
        )
    _report(name, result, time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="reference,100k,1m")
    args = parser.parse_args()
    parts = args.parts.split(",")
    from segmentation.demo import make_customers
    from segmentation.io import load_customers

    if "reference" in parts:
        if REFERENCE.exists():
            run("reference", load_customers(REFERENCE).frame)
        else:
            print(f"reference file absent: {REFERENCE}")
    if "100k" in parts:
        run("100k", make_customers(100_000, random_state=0))
    if "1m" in parts:
        run("1m", make_customers(1_000_000, random_state=0),
            algorithms=["kmeans", "minibatch_kmeans"])  # fmt: skip


if __name__ == "__main__":
    main()
