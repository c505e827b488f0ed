"""Engine benchmarks of issue 2: prints figures (not a test). Run from the project root:

    python benchmarks/bench_engine.py            # all parts
    python benchmarks/bench_engine.py --rows 200000 --skip-seed

Targets on the 2-core machine: train on the reference file <= 2 s; 1M demo rows end to end
(generate, features, fit, profile) <= 30 s and <= 2 GB peak memory; assign one customer
p50 <= 5 ms in-process; batch-assign 1M rows <= 20 s. The seed's per-cell IQR clipping loop
is timed beside our vectorized clipping, as a ratio, on a size where it can finish.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "data" / "marketing_campaign.csv"


def _clock(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def bench_reference_train() -> None:
    from segmentation.io import load_customers
    from segmentation.pipeline import train_bundle

    if not REFERENCE.exists():
        print("reference train: skipped (no ../shared/data/marketing_campaign.csv)")
        return
    times = []
    for _ in range(3):
        start = time.perf_counter()
        frame, _report = load_customers(REFERENCE)
        with tempfile.TemporaryDirectory() as out:
            bundle = train_bundle(frame, random_state=0, out_dir=out, source=REFERENCE.name)
        times.append(time.perf_counter() - start)
    m = bundle.manifest["metrics"]
    print(
        f"reference train (load+fit auto k+profile+save): best of 3 {min(times):.2f} s, "
        f"median {np.median(times):.2f} s (target <= 2 s); k={bundle.segmenter.n_segments_} "
        f"lift={m['best_lift']:.2f} eta2={m['spend_eta2']:.3f} min_share={m['min_share']:.3f} "
        f"stability={m['stability']:.3f}"
    )


def _child_large(rows: int) -> None:
    """Runs in a fresh process so its peak RSS is the end-to-end figure."""
    from segmentation.demo import make_customers
    from segmentation.model import Segmenter
    from segmentation.profile import profile_segments

    t0 = time.perf_counter()
    frame = make_customers(rows, random_state=0)
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seg = Segmenter(random_state=0).fit(frame)
    t2 = time.perf_counter()
    profile_segments(frame, seg.labels_, derived=seg.features_.derive(frame))
    t3 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "generate": t1 - t0,
                "fit": t2 - t1,
                "profile": t3 - t2,
                "total": t3 - t0,
                "peak_mb": peak_mb,
                "k": seg.n_segments_,
            }
        )
    )


def bench_large(rows: int) -> None:
    out = subprocess.run(
        [sys.executable, __file__, "--child-large", str(rows)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"{rows:,} demo rows end to end: {r['total']:.1f} s (target <= 30 s) = generate "
        f"{r['generate']:.1f} + features & fit (auto k={r['k']}) {r['fit']:.1f} + profile "
        f"{r['profile']:.1f}; peak memory {r['peak_mb']:,.0f} MB (target <= 2048)"
    )


def bench_assign(rows: int) -> None:
    from segmentation.assign import assign_customer, iter_assign
    from segmentation.demo import make_customers
    from segmentation.pipeline import train_bundle

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bundle = train_bundle(make_customers(5000, random_state=0), random_state=0)
    customer = {
        "Income": 61000,
        "Kidhome": 1,
        "Teenhome": 0,
        "Year_Birth": 1975,
        "MntWines": 300,
        "MntMeatProducts": 120,
        "NumWebPurchases": 4,
    }
    times = []
    for _ in range(300):
        _, dt = _clock(assign_customer, bundle, customer)
        times.append(dt * 1000)
    print(
        f"assign one customer in-process: p50 {np.percentile(times, 50):.2f} ms, "
        f"p95 {np.percentile(times, 95):.2f} ms (target p50 <= 5 ms)"
    )

    frame = make_customers(rows, random_state=1)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        frame.to_csv(src, index=False)
        from segmentation.io import formula_safe, load_customers

        start = time.perf_counter()
        loaded, _ = load_customers(src)
        t_load = time.perf_counter() - start
        with open(dst, "w", newline="") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for i, chunk in enumerate(iter_assign(bundle, loaded)):
                formula_safe(chunk).to_csv(fh, index=False, header=i == 0)
        total = time.perf_counter() - start
    print(
        f"batch-assign {rows:,} rows from CSV to CSV: {total:.1f} s (target <= 20 s; "
        f"of which loading {t_load:.1f} s)"
    )


def _seed_clip(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The seed notebook's outlier handling: a Python loop over every cell."""
    df = df.copy()
    for col in cols:
        q1, q3 = df[col].quantile([0.25, 0.75])
        lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        for i in df.index:
            v = df.at[i, col]
            if v < lo:
                df.at[i, col] = lo
            elif v > hi:
                df.at[i, col] = hi
    return df


def bench_seed_ratio(rows: int) -> None:
    from segmentation.demo import make_customers
    from segmentation.features import FeatureBuilder

    frame = make_customers(rows, random_state=0)
    cols = [
        "Income",
        "Year_Birth",
        "Kidhome",
        "Teenhome",
        "Recency",
        "MntWines",
        "MntMeatProducts",
        "NumWebPurchases",
    ]
    _, t_seed = _clock(_seed_clip, frame, cols)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, t_ours = _clock(lambda: FeatureBuilder().fit(frame).transform(frame))
    print(
        f"outlier handling on {rows:,} rows: seed per-cell loop ({len(cols)} columns) "
        f"{t_seed:.2f} s vs our whole feature build {t_ours:.3f} s -> {t_seed / t_ours:,.0f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed-rows", type=int, default=20_000)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--child-large", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_large:
        _child_large(args.child_large)
        return
    bench_reference_train()
    bench_large(args.rows)
    bench_assign(args.rows)
    if not args.skip_seed:
        bench_seed_ratio(args.seed_rows)


if __name__ == "__main__":
    main()
