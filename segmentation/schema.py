"""The reference customer schema (Kaggle "Customer Personality Analysis") and its column groups.

Pure constants and small helpers: no I/O. Every other module names columns through here.
"""

from __future__ import annotations

__all__ = [
    "AMOUNT_COLUMNS",
    "BINARY_COLUMNS",
    "CAMPAIGN_COLUMNS",
    "CATEGORICAL_COLUMNS",
    "CONSTANT_COLUMNS",
    "COUNT_COLUMNS",
    "DATE_COLUMNS",
    "EDUCATION_LEVELS",
    "ID_COLUMN",
    "INTEGER_COLUMNS",
    "MARITAL_STATUSES",
    "NON_NEGATIVE_COLUMNS",
    "NUMERIC_COLUMNS",
    "OUTCOME_COLUMN",
    "PARTNER_STATUSES",
    "PURCHASE_COLUMNS",
    "REFERENCE_COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "is_reference_schema",
]

ID_COLUMN = "ID"
OUTCOME_COLUMN = "Response"  # held out: never a feature, never used to choose a model

AMOUNT_COLUMNS: tuple[str, ...] = (
    "MntWines",
    "MntFruits",
    "MntMeatProducts",
    "MntFishProducts",
    "MntSweetProducts",
    "MntGoldProds",
)
PURCHASE_COLUMNS: tuple[str, ...] = (
    "NumDealsPurchases",
    "NumWebPurchases",
    "NumCatalogPurchases",
    "NumStorePurchases",
)
CAMPAIGN_COLUMNS: tuple[str, ...] = (
    "AcceptedCmp1",
    "AcceptedCmp2",
    "AcceptedCmp3",
    "AcceptedCmp4",
    "AcceptedCmp5",
)
CONSTANT_COLUMNS: tuple[str, ...] = ("Z_CostContact", "Z_Revenue")
DATE_COLUMNS: tuple[str, ...] = ("Dt_Customer",)
CATEGORICAL_COLUMNS: tuple[str, ...] = ("Education", "Marital_Status")

# The household and behaviour columns, in the file's order (the ID comes before them).
_CUSTOMER_COLUMNS: tuple[str, ...] = (
    "Year_Birth",
    "Education",
    "Marital_Status",
    "Income",
    "Kidhome",
    "Teenhome",
    "Dt_Customer",
    "Recency",
    *AMOUNT_COLUMNS,
    *PURCHASE_COLUMNS,
    "NumWebVisitsMonth",
)

# Columns in the order of the reference file (29 columns).
REFERENCE_COLUMNS: tuple[str, ...] = (
    "ID",
    *_CUSTOMER_COLUMNS,
    "AcceptedCmp3",
    "AcceptedCmp4",
    "AcceptedCmp5",
    "AcceptedCmp1",
    "AcceptedCmp2",
    "Complain",
    *CONSTANT_COLUMNS,
    "Response",
)

BINARY_COLUMNS: tuple[str, ...] = (*CAMPAIGN_COLUMNS, "Complain", OUTCOME_COLUMN)

# Whole numbers that can never be negative.
COUNT_COLUMNS: tuple[str, ...] = (
    "Kidhome",
    "Teenhome",
    "Recency",
    *AMOUNT_COLUMNS,
    *PURCHASE_COLUMNS,
    "NumWebVisitsMonth",
)
INTEGER_COLUMNS: tuple[str, ...] = (
    "ID",
    "Year_Birth",
    *COUNT_COLUMNS,
    *BINARY_COLUMNS,
    *CONSTANT_COLUMNS,
)
NUMERIC_COLUMNS: tuple[str, ...] = (*INTEGER_COLUMNS, "Income")
NON_NEGATIVE_COLUMNS: tuple[str, ...] = (*COUNT_COLUMNS, "Income")  # amounts and counts

# What the behaviour features need. The campaign flags, Complain, Response and the constants
# are optional: without them the campaign features, past-campaign rates and the held-out lift
# are left out (the loader says so in one warning).
REQUIRED_COLUMNS: tuple[str, ...] = _CUSTOMER_COLUMNS
OPTIONAL_COLUMNS: tuple[str, ...] = (*CAMPAIGN_COLUMNS, "Complain", OUTCOME_COLUMN)

EDUCATION_LEVELS: dict[str, str] = {
    "Basic": "Undergraduate",
    "2n Cycle": "Undergraduate",
    "Graduation": "Graduate",
    "Master": "Postgraduate",
    "PhD": "Postgraduate",
}
MARITAL_STATUSES: tuple[str, ...] = ("Single", "Together", "Married", "Divorced", "Widow")
PARTNER_STATUSES: tuple[str, ...] = ("Married", "Together")


def is_reference_schema(columns: list[str] | tuple[str, ...]) -> bool:
    """Return True when ``columns`` (already canonically named) hold every required column."""
    present = set(columns)
    return all(c in present for c in REQUIRED_COLUMNS)
