"""Print how fast the demo generator is and how close it sits to the reference figures.

Usage: ``python benchmarks/bench_demo.py [--rows 1000000] [--repeats 3]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

from segmentation.demo import REFERENCE_CALIBRATION, calibration_figures, make_customers
from segmentation.schema import AMOUNT_COLUMNS, PURCHASE_COLUMNS


def time_generation(rows: int, repeats: int) -> list[float]:
    """Seconds taken by ``make_customers(rows)``, once per repeat, after a warm-up call."""
    make_customers(1_000)
    times = []
    for seed in range(repeats):
        start = time.perf_counter()
        make_customers(rows, random_state=seed)
        times.append(time.perf_counter() - start)
    return times


def calibration_table(rows: int = 20_000) -> pd.DataFrame:
    """Reference figure, demo figure and their difference for every calibrated figure."""
    demo = calibration_figures(make_customers(rows, random_state=0))
    table = pd.DataFrame({"reference": REFERENCE_CALIBRATION, "demo": demo})
    table["demo - ref"] = table["demo"] - table["reference"]
    return table


def segment_table(rows: int = 5_000) -> pd.DataFrame:
    """Size, mean spend and Response rate of a standardized KMeans(k=5) on the demo."""
    df = make_customers(rows, random_state=0)
    income = df["Income"].fillna(df["Income"].median()).to_numpy()
    features = np.column_stack(
        [
            np.log1p(df[list(AMOUNT_COLUMNS)].to_numpy()),
            income,
            df[["Kidhome", "Teenhome", *PURCHASE_COLUMNS]].to_numpy(),
        ]
    )
    labels = KMeans(5, n_init=10, random_state=0).fit_predict(
        StandardScaler().fit_transform(features)
    )
    out = df.assign(cluster=labels, spend=df[list(AMOUNT_COLUMNS)].sum(axis=1))
    table = out.groupby("cluster").agg(
        share=("ID", "size"),
        spend=("spend", "mean"),
        income=("Income", "mean"),
        kids=("Kidhome", "mean"),
        teens=("Teenhome", "mean"),
        response=("Response", "mean"),
    )
    table["share"] /= len(out)
    table["lift"] = table["response"] / out["Response"].mean()
    return table.sort_values("spend")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    times = time_generation(args.rows, args.repeats)
    print(
        f"make_customers({args.rows:,}): best {min(times):.2f} s, "
        f"median {float(np.median(times)):.2f} s over {len(times)} runs"
    )
    with pd.option_context("display.float_format", "{:,.4f}".format, "display.width", 120):
        print("\nCalibration (20,000 demo rows vs the reference file's written-down figures)")
        print(calibration_table().to_string())
        print("\nKMeans(k=5) on 5,000 demo rows (Response held out)")
        print(segment_table().to_string())


if __name__ == "__main__":
    main()
