"""Small hand-built customer tables shared by the tests (no reference data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from segmentation.schema import REFERENCE_COLUMNS

REFERENCE_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "marketing_campaign.csv"
VARIANT_FILE = REFERENCE_FILE.parent / "variants" / "marketing_campaign_semicolon_crlf.csv"


def reference_frame() -> pd.DataFrame:
    """The reference file read plainly (tab-separated, dates day-first)."""
    frame = pd.read_csv(REFERENCE_FILE, sep="\t")
    frame["Dt_Customer"] = pd.to_datetime(frame["Dt_Customer"], format="%d-%m-%Y")
    for col in frame.columns:
        if col not in ("Education", "Marital_Status", "Dt_Customer"):
            frame[col] = frame[col].astype(float)
    return frame


def small_table(n_per_group: int = 6, seed: int = 0) -> pd.DataFrame:
    """Two obvious groups (rich big spenders, budget families), reference schema."""
    rng = np.random.default_rng(seed)
    rows = []
    for group in range(2):
        for i in range(n_per_group):
            rich = group == 0
            row = dict.fromkeys(REFERENCE_COLUMNS, 0.0)
            row.update(
                ID=float(group * 100 + i),
                Year_Birth=float(1960 + (0 if rich else 25) + i),
                Education="PhD" if rich else "Basic",
                Marital_Status="Married" if rich else "Single",
                Income=float(90_000 + 1000 * i if rich else 25_000 + 500 * i),
                Kidhome=0.0 if rich else 2.0,
                Teenhome=0.0,
                Dt_Customer=pd.Timestamp(2013, 1, 1) + pd.Timedelta(days=i),
                Recency=float(10 + i),
                MntWines=float(900 + rng.integers(0, 50) if rich else 5),
                MntMeatProducts=float(600 if rich else 10),
                NumCatalogPurchases=float(8 if rich else 0),
                NumStorePurchases=float(10 if rich else 3),
                NumWebPurchases=float(4 if rich else 2),
                NumDealsPurchases=float(1 if rich else 5),
                NumWebVisitsMonth=float(2 if rich else 8),
                AcceptedCmp5=float(1 if rich and i < 3 else 0),
                Z_CostContact=3.0,
                Z_Revenue=11.0,
                Response=float(1 if rich and i < 4 else 0),
            )
            rows.append(row)
    frame = pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))
    frame["Dt_Customer"] = pd.to_datetime(frame["Dt_Customer"])
    return frame


MALL_COLUMNS = ("CustomerID", "Gender", "Age", "Annual Income (k$)", "Spending Score (1-100)")


def mall_table(n: int = 60, seed: int = 0) -> pd.DataFrame:
    """A generic (not reference-schema) customer list shaped like the mall-customers data.

    Four loose groups (young big spenders, older savers, rich savers, modest middle) with
    CustomerID 1..n, a two-level Gender and three whole-number columns.
    """
    rng = np.random.default_rng(seed)
    group = np.arange(n) % 4
    age = np.array([25, 55, 40, 35])[group] + rng.integers(-5, 6, n)
    income = np.array([40, 50, 110, 70])[group] + rng.integers(-10, 11, n)
    score = np.array([85, 20, 15, 50])[group] + rng.integers(-10, 11, n)
    return pd.DataFrame(
        {
            "CustomerID": np.arange(1, n + 1),
            "Gender": rng.choice(["Female", "Male"], n),
            "Age": age,
            "Annual Income (k$)": income,
            "Spending Score (1-100)": score,
        },
        columns=list(MALL_COLUMNS),
    )


def mall5_table(n: int = 200, seed: int = 0) -> pd.DataFrame:
    """A table shaped like the public Mall Customers data: annual income (k$) and spending
    score fall into its five well-known groups (a large middle; low and high income, each
    with low and high scores), in its proportions (about 40/11/11/20/18%)."""
    rng = np.random.default_rng(seed)
    groups = [  # (share, income low-high, score low-high)
        (0.40, (40, 70), (40, 60)),
        (0.11, (15, 39), (5, 40)),
        (0.11, (15, 39), (60, 99)),
        (0.20, (70, 137), (63, 97)),
        (0.18, (70, 137), (1, 39)),
    ]
    sizes = [round(share * n) for share, _, _ in groups]
    sizes[0] += n - sum(sizes)
    income, score, planted = [], [], []
    for g, ((_, (ilo, ihi), (slo, shi)), size) in enumerate(zip(groups, sizes, strict=True)):
        income += list(rng.integers(ilo, ihi + 1, size))
        score += list(rng.integers(slo, shi + 1, size))
        planted += [g] * size
    order = rng.permutation(n)
    return pd.DataFrame(
        {
            "CustomerID": np.arange(1, n + 1),
            "Gender": rng.choice(["Female", "Male"], n, p=[0.56, 0.44]),
            "Age": rng.integers(18, 71, n),
            "Annual Income (k$)": np.asarray(income)[order],
            "Spending Score (1-100)": np.asarray(score)[order],
            "planted": np.asarray(planted)[order],
        }
    )


def blobs_table(k: int, n: int = 600, seed: int = 0, id_header: str = "Kunden-ID") -> pd.DataFrame:
    """``k`` well-separated planted groups over age, income, spend and visits, with a region
    column, an ID column named ``id_header`` (unique whole numbers) and the planted group."""
    rng = np.random.default_rng(seed)
    centers = rng.uniform(0, 1, (k, 4))

    def closest(c: np.ndarray) -> float:
        return min(np.linalg.norm(a - b) for i, a in enumerate(c) for b in c[i + 1 :])

    while closest(centers) < 0.45:
        centers = rng.uniform(0, 1, (k, 4))
    planted = np.arange(n) % k
    z = centers[planted] + rng.normal(0, 0.05, (n, 4))
    regions = np.array(["North", "South", "East", "West"])
    return pd.DataFrame(
        {
            id_header: 100_000 + rng.permutation(n),
            "age": np.round(18 + 60 * z[:, 0]).astype(int),
            "annual_income": np.round(20_000 + 100_000 * z[:, 1], -2),
            "total_spend": np.round(50 + 2_000 * z[:, 2], 2),
            "visits_per_month": np.round(1 + 10 * z[:, 3], 1),
            "region": np.where(
                rng.random(n) < 0.7, regions[planted % 4], rng.choice(regions, n)
            ),  # fmt: skip
            "planted": planted,
        }
    )


def euro_table(n: int = 450, seed: int = 0) -> pd.DataFrame:
    """A German shop export: ``Kundennummer`` (the ID), ``Alter``, ``Umsatz (€)``,
    ``Besuche pro Monat``, a join date ``Kunde seit`` (dd.mm.yyyy text) and ``Region``, in
    three planted groups (young low spenders, frequent big spenders, older occasional)."""
    rng = np.random.default_rng(seed)
    group = np.arange(n) % 3
    age, spend, visits = (np.array(v) for v in ((25, 45, 65), (300, 1500, 800), (2, 6, 3)))
    joined = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    return pd.DataFrame(
        {
            "Kundennummer": 50_000 + rng.permutation(n),
            "Alter": np.round(rng.normal(age[group], 3)).astype(int),
            "Umsatz (€)": np.round(rng.normal(spend[group], 100), 2),
            "Besuche pro Monat": np.clip(np.round(rng.normal(visits[group], 1)), 0, None),
            "Kunde seit": joined.strftime("%d.%m.%Y"),
            "Region": np.array(["Nord", "Süd", "West"])[(group + (rng.random(n) < 0.2)) % 3],
        }
    )
