"""The catalog of the reference schema (Kaggle "Customer Personality Analysis"), written out,
and its derived columns (age, children, total spend, tenure ...). This module and
`segmentation.schema` are where the reference file's column names live; the rest of the
product speaks the keys defined here (``income``, ``kidhome``, ``spend_wines``,
``purchases_web`` ...).
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from segmentation.catalog.common import RESPONSE, SHARE, SIZE, words
from segmentation.catalog.core import Campaign, Catalog, Dimension, Field, Measure, Mix, Part
from segmentation.schema import EDUCATION_LEVELS, OUTCOME_COLUMN, PARTNER_STATUSES

__all__ = ["MAX_AGE", "ages", "derive_columns", "reference_catalog", "reference_date"]

MAX_AGE = 100

_SPEND = Mix(
    "spend_mix",
    "Spend mix",
    "spend",
    total="total_spend",
    short="Spend mix",
    parts=(
        Part("wines", "wine", "spend_wines", "MntWines", "wine", ("wine", "wines")),
        Part("fruits", "fruit", "spend_fruits", "MntFruits", "fruit", ("fruit", "fruits")),
        Part("meat", "meat", "spend_meat", "MntMeatProducts", "meat", ("meat", "meats")),
        Part("fish", "fish", "spend_fish", "MntFishProducts", "fish", ("fish", "seafood")),
        Part(
            "sweets", "sweets", "spend_sweets", "MntSweetProducts", "sweets",
            ("sweet", "sweets", "candy"),
        ),
        Part(
            "gold", "gold", "spend_gold", "MntGoldProds", "gold (premium) products",
            ("gold", "jewelry"),
        ),
    ),
)  # fmt: skip
_CHANNELS = Mix(
    "channel_mix",
    "Channel mix (share of purchases)",
    "purchases",
    total="total_purchases",
    short="Channels",
    parts=(
        Part(
            "web", "web", "purchases_web", "NumWebPurchases", "online",
            ("online", "web", "internet"),
        ),
        Part(
            "catalog", "catalog", "purchases_catalog", "NumCatalogPurchases", "from the catalog",
            ("catalog", "catalogue"),
        ),
        Part(
            "store", "store", "purchases_store", "NumStorePurchases", "in store",
            ("store", "stores", "shop"),
        ),
    ),
    extra=(
        Part(
            "deals", "with a deal", "purchases_deals", "NumDealsPurchases", "with a deal",
            ("deal", "deals", "discount", "discounts"),
        ),
    ),
)  # fmt: skip
_CAMPAIGNS = tuple(Campaign(f"cmp{i}", f"campaign {i}", f"AcceptedCmp{i}") for i in range(1, 6))
_TWO_YEARS = "two-year spend on"


def _spend(part: Part, pattern: str, synonyms: str, title: str) -> Measure:
    return Measure(
        part.measure, f"{part.label} spend", "money", source=part.source,
        description=f"{_TWO_YEARS} {part.phrase}", synonyms=words(synonyms), pattern=pattern,
        input=Field(title, f"{_TWO_YEARS} {part.phrase}", 0, 100_000, columns=(part.source,)),
    )  # fmt: skip


_METRICS = (
    Measure(
        "income", "income", "money", source="Income", meaning="higher is better",
        description="yearly household income", skewed=True,
        synonyms=words("income, salary, earnings, earning, household income, wealth"),
        pattern=r"income|salar(?:y|ies)|earn(?:s|ing|ings|ers)?|richest|wealth(?:y|iest)?|"
        r"poorest|affluen(?:t|ce)|well off",
        title="Household income (yearly)",
        input=Field("Household income (yearly)", "yearly household income", 0, 1_000_000, 1000,
                    fallback=50_000, columns=("Income",),
                    change="amount added to income (negative to lower it), e.g. 20000."),
        phrase="Household income {money} on average ({versus})",
    ),
    Measure(
        "age", "age", source="Age", description="age in years",
        synonyms=words("age, years old, how old, older, oldest, younger, youngest"),
        pattern=r"ages?|old(?:er|est)?|young(?:er|est)|how old|aged",
        title="Age",
        input=Field("Age (years)", "age in years", 18, 100, fallback=45, columns=("Year_Birth",),
                    kind="age", change="years added to age."),
        phrase="Average age {mean:.0f}",
    ),
    Measure(
        "children", "children at home", source="Children", short="children",
        description="small children and teenagers at home",
        synonyms=words("children, kids, child, kid, children at home, family size"),
        pattern=r"children|kids|child|family size",
        title="Children at home",
        phrase="{mean:.1f} children at home on average ({versus})",
    ),
    Measure(
        "kidhome", "small children at home", source="Kidhome",
        description="small children at home",
        synonyms=words("small children, small kids, young children, kidhome, toddlers"),
        pattern=r"small children|young children|small kids|young kids|little kids|toddlers|"
        r"babies|kidhome",
        input=Field("Small children at home", "small children at home", 0, 5, integer=True,
                    columns=("Kidhome",),
                    change="small children added: 1 for one more child, -1 for one fewer."),
    ),
    Measure(
        "teenhome", "teenagers at home", source="Teenhome", description="teenagers at home",
        synonyms=words("teens, teenagers, teenhome, teen"),
        pattern=r"teen(?:s|agers?)?|teenhome",
        input=Field("Teenagers at home", "teenagers at home", 0, 5, integer=True,
                    columns=("Teenhome",), change="teenagers added."),
    ),
    Measure(
        "recency_days", "days since last purchase", source="Recency",
        description="days since the last purchase",
        synonyms=words("recency, days since last purchase, last purchase, recent"),
        pattern=r"recency|days since(?: the)? last purchase|last purchase|"
        r"most recent(?:ly)?|recently|lapsed|inactive",
        input=Field("Days since the last purchase", "days since the last purchase", 0, 3650,
                    integer=True, columns=("Recency",)),
    ),
    Measure(
        "tenure_days", "days as a customer", source="TenureDays",
        description="days since the customer enrolled",
        synonyms=words("tenure, days as a customer, customer since, loyalty, seniority"),
        pattern=r"tenure|loyal(?:ty)?|customers? (?:the )?longest|customer since|seniority|days "
        r"as a customer|days since (?:enrol+(?:ment|ing)?|joining|sign ?up)|(?:been )?enrol+ed for",
    ),
    Measure(
        "total_spend", "total spend", "money", source="TotalSpend", meaning="higher is better",
        description="two-year spend on all products", skewed=True, short="spend",
        synonyms=words("spend, spending, total spend, total spending, spent, revenue, "
                        "money spent, monetary, sales, value"),
        pattern=r"total spend(?:ing)?|spend(?:s|ing)?|spent|spenders?|revenue|sales|"
        r"monetary|customer value|money|valuable|value",
        title="Total spend (2 years)",
    ),
    _spend(_SPEND.parts[0], r"wines?|champagne|prosecco|vineyards?",
           "wine, wines, wine spend, wine spending", "Spend on wine (2 years)"),
    _spend(_SPEND.parts[1], r"fruits?|berr(?:y|ies)|fresh produce", "fruit, fruits, fruit spend",
           "Spend on fruit"),
    _spend(_SPEND.parts[2], r"meats?|steaks?|beef|sausages?|butcher(?:y|s)?|bbq|barbecue",
           "meat, meat products, meat spend", "Spend on meat"),
    _spend(_SPEND.parts[3], r"fish|seafood|salmon|sushi|shellfish",
           "fish, seafood, fish products, fish spend", "Spend on fish"),
    _spend(_SPEND.parts[4], r"sweets?|cand(?:y|ies)|desserts?|chocolates?|confectionery|cakes?",
           "sweets, sweet, candy, sweet products, desserts", "Spend on sweets"),
    _spend(_SPEND.parts[5], r"gold(?: products)?|premium products|jewel(?:le)?ry|watches",
           "gold, gold products, premium products, jewelry, gold spend", "Spend on gold (premium)"),
    Measure(
        "purchases_web", "web purchases", source="NumWebPurchases",
        description="purchases made on the website",
        synonyms=words("web purchases, online purchases, web, online, website purchases, "
                        "internet purchases, web orders, online orders"),
        pattern=r"(?:buys?|buying|bought|shops?|shopping|purchases?|orders?|purchasing)(?: the)?"
        r"(?: most| more| less| least)? (?:online|(?:on|via) (?:the )?web(?: ?site)?|on line)|"
        r"web purchases|online purchases|online|internet|e ?commerce",
        input=Field("Web purchases", "purchases made on the website", 0, 1000, integer=True,
                    columns=("NumWebPurchases",)),
    ),
    Measure(
        "purchases_catalog", "catalog purchases", source="NumCatalogPurchases",
        description="purchases made from the catalog",
        synonyms=words("catalog, catalogue, catalog purchases, catalogue purchases, "
                        "mail order"),
        pattern=r"catalog(?:ue)?(?: purchases)?|mail order",
        input=Field("Catalog purchases", "purchases made from the catalog", 0, 1000,
                    integer=True, columns=("NumCatalogPurchases",)),
    ),
    Measure(
        "purchases_store", "store purchases", source="NumStorePurchases",
        description="purchases made in store",
        synonyms=words("store, in store, store purchases, shop, shop purchases, retail"),
        pattern=r"in ?store|store purchases|stores?|shops? in person|physical shops?",
        input=Field("Store purchases", "purchases made in store", 0, 1000, integer=True,
                    columns=("NumStorePurchases",)),
    ),
    Measure(
        "purchases_deals", "deal purchases", source="NumDealsPurchases",
        description="purchases made with a discount",
        synonyms=words("deals, deal, deal purchases, discounts, discount, promotions, coupons"),
        pattern=r"deal purchases|deals?|discounts?|promotions?|coupons?|bargains?",
        input=Field("Purchases with a deal", "purchases made with a discount", 0, 1000,
                    integer=True, columns=("NumDealsPurchases",)),
    ),
    Measure(
        "total_purchases", "purchases", source="TotalPurchases",
        description="purchases on the web, from the catalog and in store", short="purchases",
        synonyms=words("purchases, number of purchases, orders, frequency, transactions"),
        pattern=r"number of purchases|purchases|orders|transactions|"
        r"(?:buys?|shops?|purchases?|orders?) (?:the )?most(?: often)?|purchase frequency|"
        r"frequen(?:t|cy)|buys? most",
    ),
    Measure(
        "web_visits_month", "web visits per month", source="NumWebVisitsMonth",
        description="website visits last month", short="web visits",
        synonyms=words("web visits, website visits, visits, site visits, monthly web visits"),
        pattern=r"web ?site visits|web visits|site visits|visits?(?: to)? the "
        r"(?:web ?site|site)|visit(?:s|ing)? (?:our |the )?(?:web ?site|site)|visits|browses?",
        title="Web visits per month",
        input=Field("Web visits per month", "website visits last month", 0, 100, integer=True,
                    columns=("NumWebVisitsMonth",)),
    ),
    Measure(
        "campaigns_accepted", "past campaigns accepted", source="CampaignsAccepted",
        meaning="higher is better", short="campaigns",
        description="how many of the five past campaigns they accepted (0-5)",
        synonyms=words("campaigns accepted, campaign acceptance, accepted campaigns, "
                        "past campaigns, campaigns, accepted"),
        pattern=r"campaigns? accepted|accepted campaigns|past campaigns|"
        r"campaign acceptance|number of campaigns|accepts? (?:the )?(?:most )?campaigns|"
        r"accepts? (?:the )?(?:most )?offers|accept(?:s|ed|ing|ance)?",
        title="Past campaigns accepted",
        input=Field("Past campaigns accepted (of 5)",
                    "how many of the five past campaigns they accepted (0-5)", 0, 5,
                    integer=True, columns=tuple(c.source for c in _CAMPAIGNS), kind="count_of"),
    ),
)  # fmt: skip


def _campaign_rates(campaigns: tuple[Campaign, ...]) -> tuple[Measure, ...]:
    rates = [
        Measure(
            f"campaign_{c.key}",
            f"accepted {c.label}",
            "share",
            aggregation="rate",
            source=c.source,
            path=("campaigns", c.key, "rate"),
            description=f"share who accepted past {c.label}",
            synonyms=(c.label, f"cmp{c.key[3:]}", f"cmp {c.key[3:]}", f"acceptedcmp{c.key[3:]}"),
        )  # fmt: skip
        for c in campaigns
    ]
    rates.append(
        Measure(
            "campaign_any_past",
            "accepted any past campaign",
            "share",
            aggregation="rate",
            path=("campaigns", "any_past", "rate"),
            meaning="higher is better",
            description="share who accepted at least one past campaign",
            synonyms=words(
                "any past campaign, acceptance rate, campaign acceptance rate, "
                "accepted any campaign, any campaign, past campaign rate"
            ),
            pattern=r"accepted any (?:past )?campaign|any past campaign|acceptance rate|"
            r"accept(?:ed)? (?:a|any) campaign|past campaign rate",
        )  # fmt: skip
    )
    return tuple(rates)


_DIMENSIONS = (
    Dimension(
        "education", "education", "Education", tuple(EDUCATION_LEVELS),
        words=MappingProxyType({
            "phd": "PhD", "phds": "PhD", "doctorate": "PhD", "master": "Master",
            "masters": "Master", "graduation": "Graduation", "graduate": "Graduation",
            "graduates": "Graduation", "basic": "Basic", "2n": "2n Cycle",
        }),
        synonyms=("education", "degree"), profiled=False, coarser="education_level",
        input=Field("Education", "Basic, 2n Cycle, Graduation, Master or PhD",
                    columns=("Education",)),
    ),
    Dimension(
        "education_level", "education level", "EducationLevel",
        ("Undergraduate", "Graduate", "Postgraduate"),
        words=MappingProxyType({
            "postgraduate": "Postgraduate", "postgraduates": "Postgraduate",
            "undergraduate": "Undergraduate", "undergraduates": "Undergraduate",
        }),
        synonyms=("education level",), phrase="Most often {level} educated ({share})",
    ),
    Dimension(
        "marital_status", "marital status", "Marital_Status",
        ("Single", "Together", "Married", "Divorced", "Widow"), other="Other",
        words=MappingProxyType({
            "married": "Married", "single": "Single", "singles": "Single",
            "divorced": "Divorced", "divorcees": "Divorced", "widow": "Widow",
            "widowed": "Widow", "widows": "Widow", "widower": "Widow", "cohabiting": "Together",
        }),
        synonyms=("marital status", "marital"),
        input=Field("Marital status", "Single, Together, Married, Divorced or Widow",
                    columns=("Marital_Status",)),
    ),
    Dimension(
        "partner", "lives with a partner", "Partner", ("Yes", "No"),
        synonyms=("partner", "has partner"), phrase="{share} live with a partner", focus="Yes",
    ),
    Dimension(
        "response", "responded to the last campaign", OUTCOME_COLUMN, ("0", "1"),
        synonyms=("response", "responded"), profiled=False, held_out=True,
    ),
    Dimension(
        "complain", "complained", "Complain", ("0", "1"), synonyms=("complain",),
        profiled=False,
    ),
)  # fmt: skip

_SETS = MappingProxyType({
    "describe": ("income", "age", "children", "total_spend", "total_purchases",
                 "web_visits_month", "recency_days", "campaigns_accepted"),
    "compare": ("income", "age", "children", "total_spend", "spend_wines", "spend_meat",
                "purchases_web", "purchases_store", "web_visits_month", "campaign_any_past",
                "response_rate", "response_lift"),
    "table": ("income", "age", "children", "total_spend", "campaign_any_past",
              "response_rate", "response_lift"),
    "key_figures": ("income", "age", "children", "total_spend", "web_visits_month",
                    "campaigns_accepted"),
    "index_table": ("income", "age", "children", "total_spend", "total_purchases",
                    "web_visits_month", "campaigns_accepted"),
    "persona_table": ("income", "age", "children", "total_spend"),
    "demographics": ("age", "income", "children", "partner", "education_level"),
    "inputs": ("age", "income", "kidhome", "teenhome", "education", "marital_status",
               "recency_days", "spend_wines", "spend_fruits", "spend_meat", "spend_fish",
               "spend_sweets", "spend_gold", "purchases_deals", "purchases_web",
               "purchases_catalog", "purchases_store", "web_visits_month", "campaigns_accepted"),
})  # fmt: skip


@cache
def reference_catalog() -> Catalog:
    """The catalog of the reference schema (built once; immutable)."""
    return Catalog(
        "reference",
        (SIZE, SHARE, *_METRICS, *RESPONSE, *_campaign_rates(_CAMPAIGNS)),
        _DIMENSIONS,
        (_SPEND, _CHANNELS),
        _CAMPAIGNS,
        OUTCOME_COLUMN,
        _SETS,
    )


def reference_date(frame: pd.DataFrame) -> pd.Timestamp | None:
    """Latest enrolment date in the table (its year is the seed's 'current' year), or None
    without dates."""
    if "Dt_Customer" not in frame:
        return None
    dates = pd.to_datetime(frame["Dt_Customer"])
    return dates.max() if dates.notna().any() else None


def ages(frame: pd.DataFrame, year: int) -> pd.Series | None:
    """Every customer's age in ``year`` as written (impossible ones included), or None for
    a table without birth years."""
    return year - frame["Year_Birth"].astype(float) if "Year_Birth" in frame else None


def derive_columns(frame: pd.DataFrame, reference_date: pd.Timestamp) -> pd.DataFrame:
    """Return the derived columns of a reference-schema table (a new frame), at
    ``reference_date`` (ages are counted at its year; tenure up to it).

    Age (over 100 becomes NaN), Children, TotalSpend, TotalPurchases (web + catalog +
    store), TenureDays, CampaignsAccepted (of the five past campaigns), EducationLevel and
    Partner.
    """
    out = pd.DataFrame(index=frame.index)
    if "Year_Birth" in frame:
        age = reference_date.year - frame["Year_Birth"].astype(float)
        out["Age"] = age.where(age <= MAX_AGE)
    if {"Kidhome", "Teenhome"} <= set(frame.columns):
        out["Children"] = frame["Kidhome"] + frame["Teenhome"]
    amounts = [p.source for p in _SPEND.parts if p.source in frame]
    if amounts:
        out["TotalSpend"] = frame[amounts].sum(axis=1, min_count=1)
    channels = [p.source for p in _CHANNELS.parts if p.source in frame]
    if channels:
        out["TotalPurchases"] = frame[channels].sum(axis=1, min_count=1)
    if "Dt_Customer" in frame:
        out["TenureDays"] = (reference_date - pd.to_datetime(frame["Dt_Customer"])).dt.days
    campaigns = [c.source for c in _CAMPAIGNS if c.source in frame]
    if campaigns:
        out["CampaignsAccepted"] = frame[campaigns].sum(axis=1, min_count=1)
    if "Education" in frame:
        out["EducationLevel"] = frame["Education"].map(EDUCATION_LEVELS)
    if "Marital_Status" in frame:
        partner = frame["Marital_Status"].isin(PARTNER_STATUSES)
        out["Partner"] = np.where(partner, "Yes", "No")
    return out
