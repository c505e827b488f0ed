"""Synthetic customers shaped like the reference file: the embedded default dataset.

``make_customers`` draws a table with the 29 columns of :data:`schema.REFERENCE_COLUMNS` from
five latent customer types (:data:`PERSONAS`). Within a type, income is lognormal, total spend
grows with income and falls with small children, the six categories split it by a Dirichlet
draw, purchase counts follow spend, and web visits fall with income. Campaign acceptances share
a latent receptiveness; Cmp1/Cmp5 are for the affluent, Cmp3 is spread. The last campaign
(``Response``) is logistic in past acceptances, recency, tenure, partner status and spend, so a
segmentation that never sees it still finds a segment that answers several times more often.

Nothing of the reference file is copied: the parameters were tuned (by hand; the campaign
offsets by a few rounds of simulation) against the summary figures in
:data:`REFERENCE_CALIBRATION` (means, medians, quantiles, shares, rates, correlations), measured
once on ``shared/data/marketing_campaign.csv`` with :func:`calibration_figures`. On 20,000 demo
rows every figure is within the tolerances of ``tests/test_demo.py``;
``benchmarks/bench_demo.py`` prints the table side by side. Known gaps: the median of MntWines
is ~25% high, small categories are a little more skewed, web visits stop at 9 (the reference has
0.5% of 10-20), and a clustering finds a stronger response lift than in the reference (by
design: the best segment answers > 3x the base rate, against ~2x in the reference).

Dtypes follow the loader: every numeric column (``ID`` included) is float64, ``Income`` has
about 1.07% NaN (24/2240 in the reference) and no other numeric column is ever NaN,
``Dt_Customer`` is datetime64[ns] between 2012-07-30 and 2014-06-29, and ``Education`` and
``Marital_Status`` hold Python ``str`` in object columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from segmentation.schema import (
    AMOUNT_COLUMNS,
    CAMPAIGN_COLUMNS,
    MARITAL_STATUSES,
    PARTNER_STATUSES,
    PURCHASE_COLUMNS,
    REFERENCE_COLUMNS,
)

__all__ = ["PERSONAS", "REFERENCE_CALIBRATION", "Persona", "calibration_figures", "make_customers"]

_EDUCATIONS: tuple[str, ...] = ("Graduation", "PhD", "Master", "2n Cycle", "Basic")
_EDU_INCOME = np.array([1.0, 1.05, 1.0, 0.93, 0.55])  # income factor per education
_MARITAL_P = np.array([0.2143, 0.2589, 0.3857, 0.1036, 0.0344])  # order of MARITAL_STATUSES
_AMOUNT_CAP = np.array([1493.0, 199.0, 1725.0, 259.0, 263.0, 362.0])  # reference maxima
_FIRST_DAY = np.datetime64("2012-07-30", "ns")
_N_DAYS = 699  # 2012-07-30 .. 2014-06-29
_INCOME_NAN_RATE = 24 / 2240
_COMPLAIN_RATE = 21 / 2240
# Quirks at the reference's rate (per 2240 rows), each at least once.
_QUIRK_BIRTHS = (1900, 1893, 1899)
_QUIRK_INCOME = 666666.0
_QUIRK_MARITAL = ("Alone", "Alone", "Alone", "Absurd", "Absurd", "YOLO", "YOLO")


@dataclass(frozen=True)
class Persona:
    """Parameters of one latent customer type (amounts per 2 years, counts per 2 years)."""

    name: str
    share: float
    birth: tuple[float, float]  # Year_Birth mean, sd
    income: tuple[float, float]  # median, lognormal sigma
    kids: tuple[float, float, float]  # P(Kidhome = 0, 1, 2)
    teens: tuple[float, float, float]  # P(Teenhome = 0, 1, 2)
    education: tuple[float, float, float, float, float]  # order of _EDUCATIONS
    spend: tuple[float, float, float]  # median at median income w/o kids, elasticity, sigma
    basket: tuple[float, ...]  # mean share of each AMOUNT_COLUMNS
    channels: tuple[float, float, float, float]  # deals, web, catalog, store means
    visits: float  # NumWebVisitsMonth mean at median income
    receptive: float  # mean latent campaign receptiveness
    campaigns: tuple[float, float, float, float, float]  # logit offsets of Cmp1..Cmp5


# fmt: off
PERSONAS: tuple[Persona, ...] = (
    Persona(
        "Affluent connoisseurs", share=0.17, birth=(1967.0, 12.5), income=(76000.0, 0.12),
        kids=(0.97, 0.03, 0.0), teens=(0.90, 0.10, 0.0),
        education=(0.52, 0.22, 0.16, 0.10, 0.0), spend=(1650.0, 1.2, 0.30),
        basket=(0.42, 0.06, 0.34, 0.08, 0.055, 0.045), channels=(1.0, 4.8, 6.8, 8.3),
        visits=2.3, receptive=3.2, campaigns=(-3.55, -5.92, -5.13, -4.56, -3.15),
    ),
    Persona(
        "Comfortable wine lovers with teens", share=0.21, birth=(1965.0, 10.0),
        income=(64000.0, 0.16), kids=(0.88, 0.12, 0.0), teens=(0.12, 0.85, 0.03),
        education=(0.53, 0.23, 0.14, 0.10, 0.0), spend=(1300.0, 1.2, 0.35),
        basket=(0.51, 0.05, 0.24, 0.07, 0.05, 0.08), channels=(3.3, 7.0, 4.6, 10.0),
        visits=4.6, receptive=-0.6, campaigns=(-3.20, -4.67, -2.58, -2.09, -3.18),
    ),
    Persona(
        "Mid-income web bargain hunters", share=0.20, birth=(1966.0, 11.0),
        income=(51000.0, 0.18), kids=(0.58, 0.40, 0.02), teens=(0.32, 0.64, 0.04),
        education=(0.47, 0.26, 0.22, 0.05, 0.0), spend=(900.0, 1.0, 0.40),
        basket=(0.64, 0.025, 0.2, 0.035, 0.02, 0.08), channels=(4.0, 7.0, 3.0, 7.2),
        visits=6.6, receptive=0.0, campaigns=(-3.68, -4.22, -2.68, -2.16, -4.47),
    ),
    Persona(
        "Young budget families", share=0.23, birth=(1978.0, 9.0), income=(29000.0, 0.35),
        kids=(0.28, 0.68, 0.04), teens=(0.98, 0.02, 0.0),
        education=(0.49, 0.13, 0.13, 0.15, 0.10), spend=(100.0, 0.8, 0.50),
        basket=(0.27, 0.07, 0.29, 0.1, 0.07, 0.17), channels=(1.8, 2.0, 0.5, 3.6),
        visits=6.6, receptive=0.4, campaigns=(-8.38, -8.48, -2.96, -6.07, -8.72),
    ),
    Persona(
        "Established low spenders", share=0.19, birth=(1964.0, 9.0), income=(41000.0, 0.30),
        kids=(0.30, 0.66, 0.04), teens=(0.20, 0.76, 0.04),
        education=(0.45, 0.27, 0.19, 0.08, 0.01), spend=(120.0, 0.8, 0.50),
        basket=(0.58, 0.03, 0.19, 0.05, 0.03, 0.12), channels=(2.1, 1.7, 0.5, 3.4),
        visits=5.9, receptive=-0.8, campaigns=(-7.28, -5.24, -2.50, -3.45, -8.18),
    ),
)

# Summary figures of the reference file (2,240 rows) from calibration_figures(); the income
# correlation leaves out the 666,666 outlier (0.668 with it). Shares/rates are fractions.
REFERENCE_CALIBRATION: dict[str, float] = {
    "income_median": 51381.5, "income_q25": 35303.0, "income_q75": 68522.0,
    "income_missing_rate": 0.0107, "year_birth_mean": 1968.9, "recency_mean": 49.1,
    "kidhome_0": 0.577, "kidhome_1": 0.401, "kidhome_2": 0.021,
    "teenhome_0": 0.517, "teenhome_1": 0.460, "teenhome_2": 0.023, "no_children": 0.285,
    "MntWines_mean": 303.9, "MntFruits_mean": 26.3, "MntMeatProducts_mean": 167.0,
    "MntFishProducts_mean": 37.5, "MntSweetProducts_mean": 27.1, "MntGoldProds_mean": 44.0,
    "MntWines_median": 173.5, "spend_mean": 605.8, "spend_median": 396.0,
    "spend_q25": 68.8, "spend_q75": 1045.5, "wine_share": 0.502, "meat_share": 0.276,
    "NumDealsPurchases_mean": 2.33, "NumWebPurchases_mean": 4.08,
    "NumCatalogPurchases_mean": 2.66, "NumStorePurchases_mean": 5.79,
    "NumWebVisitsMonth_mean": 5.32,
    "AcceptedCmp1_rate": 0.0643, "AcceptedCmp2_rate": 0.0134, "AcceptedCmp3_rate": 0.0728,
    "AcceptedCmp4_rate": 0.0746, "AcceptedCmp5_rate": 0.0728, "Response_rate": 0.1491,
    "Complain_rate": 0.0094, "response_if_no_acceptance": 0.082,
    "response_if_accepted_before": 0.406, "cmp1_rate_top_income_quartile": 0.218,
    "cmp5_rate_top_income_quartile": 0.276, "cmp3_rate_bottom_income_quartile": 0.078,
    "corr_income_spend": 0.792, "corr_kidhome_spend": -0.557, "corr_teenhome_spend": -0.138,
    "corr_income_webvisits": -0.650, "corr_spend_catalog": 0.779,
    "corr_teenhome_deals": 0.388, "corr_recency_response": -0.198,
    "edu_Graduation": 0.503, "edu_PhD": 0.217, "edu_Master": 0.165, "edu_2n Cycle": 0.091,
    "edu_Basic": 0.024, "marital_Married": 0.386, "marital_Together": 0.259,
    "marital_Single": 0.214, "marital_Divorced": 0.104, "marital_Widow": 0.034,
}
# fmt: on


def calibration_figures(df: pd.DataFrame) -> dict[str, float]:
    """Return the summary figures of :data:`REFERENCE_CALIBRATION` measured on ``df``.

    ``df`` has the reference columns (integer or float dtypes). Quirks are left out where they
    would dominate a figure: Income >= 200,000 and Year_Birth < 1920.
    """
    income = df["Income"].astype(float)
    spend = df[list(AMOUNT_COLUMNS)].astype(float).sum(axis=1)
    sane = income < 200_000
    accepted = df[list(CAMPAIGN_COLUMNS)].sum(axis=1) > 0
    quartile = pd.qcut(income, 4, labels=False, duplicates="drop")
    f: dict[str, float] = {
        "income_median": income.median(),
        "income_q25": income.quantile(0.25),
        "income_q75": income.quantile(0.75),
        "income_missing_rate": income.isna().mean(),
        "year_birth_mean": df.loc[df["Year_Birth"] >= 1920, "Year_Birth"].mean(),
        "recency_mean": df["Recency"].mean(),
    }
    for col in ("Kidhome", "Teenhome"):
        for k in range(3):
            f[f"{col.lower()}_{k}"] = (df[col] == k).mean()
    f["no_children"] = ((df["Kidhome"] + df["Teenhome"]) == 0).mean()
    for col in AMOUNT_COLUMNS:
        f[f"{col}_mean"] = df[col].mean()
    f["MntWines_median"] = df["MntWines"].median()
    f |= {"spend_mean": spend.mean(), "spend_median": spend.median()}
    f |= {"spend_q25": spend.quantile(0.25), "spend_q75": spend.quantile(0.75)}
    f["wine_share"] = df["MntWines"].sum() / spend.sum()
    f["meat_share"] = df["MntMeatProducts"].sum() / spend.sum()
    for col in (*PURCHASE_COLUMNS, "NumWebVisitsMonth"):
        f[f"{col}_mean"] = df[col].mean()
    for col in (*CAMPAIGN_COLUMNS, "Response", "Complain"):
        f[f"{col}_rate"] = df[col].mean()
    f["response_if_no_acceptance"] = df.loc[~accepted, "Response"].mean()
    f["response_if_accepted_before"] = df.loc[accepted, "Response"].mean()
    f["cmp1_rate_top_income_quartile"] = df.loc[quartile == 3, "AcceptedCmp1"].mean()
    f["cmp5_rate_top_income_quartile"] = df.loc[quartile == 3, "AcceptedCmp5"].mean()
    f["cmp3_rate_bottom_income_quartile"] = df.loc[quartile == 0, "AcceptedCmp3"].mean()
    pairs = {
        "corr_income_spend": (income[sane], spend[sane]),
        "corr_kidhome_spend": (df["Kidhome"], spend),
        "corr_teenhome_spend": (df["Teenhome"], spend),
        "corr_income_webvisits": (income[sane], df.loc[sane, "NumWebVisitsMonth"]),
        "corr_spend_catalog": (spend, df["NumCatalogPurchases"]),
        "corr_teenhome_deals": (df["Teenhome"], df["NumDealsPurchases"]),
        "corr_recency_response": (df["Recency"], df["Response"]),
    }
    for key, (a, b) in pairs.items():
        f[key] = a.astype(float).corr(b.astype(float))
    for level in _EDUCATIONS:
        f[f"edu_{level}"] = (df["Education"] == level).mean()
    for status in MARITAL_STATUSES:
        f[f"marital_{status}"] = (df["Marital_Status"] == status).mean()
    return {k: float(v) for k, v in f.items()}


def _pick(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """Draw one category per row from the row-wise probabilities ``probs`` (n x k)."""
    cdf = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cdf[:, -1]
    return np.minimum((u[:, None] >= cdf).sum(axis=1), probs.shape[1] - 1)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, elementwise."""
    return 1.0 / (1.0 + np.exp(-x))


def make_customers(
    n: int = 2240, random_state: int | None = 0, *, quirks: bool = False
) -> pd.DataFrame:
    """Return ``n`` synthetic customers with the reference's 29 columns, in its order.

    Parameters
    ----------
    n:
        Number of rows, at least 1.
    random_state:
        Seed of the one ``numpy.random.default_rng`` that draws everything; the same seed gives
        the same frame to the bit. ``None`` draws fresh entropy.
    quirks:
        Add the reference's real-world quirks at its rate (per 2,240 rows, each at least once):
        3 Year_Birth of 1900/1893/1899, 1 Income of 666,666, 7 junk Marital_Status
        (3 Alone, 2 Absurd, 2 YOLO). They are drawn after everything else, so every other
        value equals the frame drawn with ``quirks=False`` and the same seed.

    Raises
    ------
    ValueError
        If ``n`` is not an integer >= 1.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be an integer >= 1; got {n!r}.")
    rng = np.random.default_rng(random_state)
    share = np.array([p.share for p in PERSONAS])
    t = rng.choice(len(PERSONAS), size=n, p=share / share.sum())

    def col(field: str) -> np.ndarray:
        """The persona parameter ``field`` of every row."""
        return np.array([getattr(p, field) for p in PERSONAS], dtype=float)[t]

    birth_mean, birth_sd = col("birth").T
    birth = np.rint(rng.normal(birth_mean, birth_sd)).clip(1940, 1996)
    edu = _pick(rng, col("education"))
    kid = _pick(rng, col("kids")).astype(float)
    teen = _pick(rng, col("teens")).astype(float)
    inc_med, inc_sd = col("income").T
    income = inc_med * _EDU_INCOME[edu] * np.exp(0.003 * (birth_mean - birth))  # older: richer
    income = np.rint((income * np.exp(rng.normal(0.0, inc_sd))).clip(1730.0, 160000.0))
    z_inc = np.log(income / inc_med)
    day = rng.integers(0, _N_DAYS + 1, size=n)
    tenure = (_N_DAYS - day) / _N_DAYS  # 0 = newest customer, 1 = oldest
    recency = rng.integers(0, 100, size=n).astype(float)

    # Spend: lognormal around the persona's median, up with income, down with children.
    sp_med, sp_el, sp_sd = col("spend").T
    log_rel = sp_el * z_inc - 0.6 * kid - 0.4 * teen + 0.35 * (tenure - 0.5)
    log_rel += rng.normal(0.0, sp_sd)
    spend = (sp_med * np.exp(log_rel)).clip(5.0, 2525.0)
    basket = rng.gamma(col("basket") * 18.0)
    basket /= basket.sum(axis=1, keepdims=True)
    amounts = np.floor(spend[:, None] * basket + rng.random((n, 6)))
    amounts = np.minimum(amounts, _AMOUNT_CAP)

    # Purchases follow spend relative to the persona's typical customer.
    rel = np.exp(log_rel)
    deals_m, web_m, cat_m, store_m = col("channels").T
    deal_rate = np.maximum(deals_m - 1.4 + 0.35 * teen + 0.2 * kid, 0.05)
    deals = (rng.random(n) > 0.02) + rng.poisson(deal_rate * np.exp(0.3 * (tenure - 0.5)))
    web = rng.poisson(web_m * rel**0.3).clip(0, 27)
    catalog = rng.poisson(cat_m * rel**0.5).clip(0, 28)
    store = rng.poisson(store_m * rel**0.35).clip(0, 13)
    lam = col("visits") * np.exp(-0.85 * z_inc.clip(-1.0, 1.0) + 0.5 * (tenure - 0.5))
    visits = rng.binomial(9, (lam / 9.0).clip(0.0, 0.9))

    status = rng.choice(len(MARITAL_STATUSES), size=n, p=_MARITAL_P / _MARITAL_P.sum())
    partner = np.isin(status, [MARITAL_STATUSES.index(s) for s in PARTNER_STATUSES])
    marital = np.array(MARITAL_STATUSES, dtype=object)[status]

    # Campaigns share a latent receptiveness; Cmp1/Cmp5 also follow income, Cmp3 does not.
    receptive = col("receptive") + rng.normal(0.0, 1.0, n)
    inc_slope = np.array([2.5, 1.0, 0.0, 1.5, 2.5])
    logits = col("campaigns") + 0.8 * receptive[:, None] + inc_slope * z_inc[:, None]
    accepted = (rng.random((n, 5)) < _sigmoid(logits)).astype(float)
    resp_logit = (
        -3.25
        + 0.8 * accepted.sum(axis=1)
        + 1.0 * receptive
        + 0.3 * np.log(spend / 400.0)
        - 0.04 * (recency - 49.5)
        + 1.4 * (tenure - 0.5)
        - 0.7 * partner
    )
    response = rng.random(n) < _sigmoid(resp_logit)
    complain = rng.random(n) < _COMPLAIN_RATE
    income[rng.random(n) < _INCOME_NAN_RATE] = np.nan
    ids = rng.permutation(np.cumsum(rng.integers(1, 10, size=n)) - 1)
    if quirks:
        _add_quirks(rng, birth, income, marital)

    numeric = {
        "ID": ids,
        "Year_Birth": birth,
        "Income": income,
        "Kidhome": kid,
        "Teenhome": teen,
        "Recency": recency,
        **{c: amounts[:, i] for i, c in enumerate(AMOUNT_COLUMNS)},
        **dict(zip(PURCHASE_COLUMNS, (deals, web, catalog, store), strict=True)),
        "NumWebVisitsMonth": visits,
        **{c: accepted[:, i] for i, c in enumerate(CAMPAIGN_COLUMNS)},
        "Complain": complain,
        "Z_CostContact": 3.0,
        "Z_Revenue": 11.0,
        "Response": response,
    }
    names = [c for c in REFERENCE_COLUMNS if c in numeric]
    block = np.empty((len(names), n))  # one float64 block, each column contiguous
    for j, c in enumerate(names):
        block[j] = numeric[c]
    frame = pd.DataFrame(block.T, columns=names, copy=False)
    others = {
        "Education": pd.Series(np.array(_EDUCATIONS, dtype=object)[edu], dtype=object),
        "Marital_Status": pd.Series(marital, dtype=object),
        "Dt_Customer": _FIRST_DAY + day.astype("timedelta64[D]"),
    }
    for c, values in others.items():
        frame.insert(REFERENCE_COLUMNS.index(c), c, values)
    return frame


def _add_quirks(
    rng: np.random.Generator, birth: np.ndarray, income: np.ndarray, marital: np.ndarray
) -> None:
    """Write the reference's quirks into the arrays in place (see ``make_customers``)."""
    n = len(birth)

    def rows(per_2240: int, pool: np.ndarray) -> np.ndarray:
        k = min(max(1, round(n * per_2240 / 2240)), len(pool))
        return rng.choice(pool, size=k, replace=False)

    every = np.arange(n)
    r = rows(3, every)
    birth[r] = np.resize(np.array(_QUIRK_BIRTHS, dtype=float), len(r))
    known = np.flatnonzero(~np.isnan(income))
    r = rows(1, known if len(known) else every)
    income[r] = _QUIRK_INCOME
    r = rows(7, every)
    marital[r] = np.resize(np.array(_QUIRK_MARITAL, dtype=object), len(r))
