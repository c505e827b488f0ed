"""The catalog of any other customer table, built from its columns (or, for a saved profile,
from the labels it recorded): each numeric column is a metric, each categorical one a
dimension profiled as a mix, keyed by `metric_key` of the column name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from segmentation.catalog.common import RESPONSE, SHARE, SIZE
from segmentation.catalog.core import Catalog, Dimension, Measure
from segmentation.catalog.dates import days_column
from segmentation.catalog.roles import Role, infer_roles
from segmentation.errors import DataError
from segmentation.schema import ID_COLUMN, OUTCOME_COLUMN

__all__ = [
    "generic_catalog",
    "generic_columns",
    "labels_catalog",
    "metric_key",
    "roles_of",
]


def metric_key(column: str) -> str:
    """Stable snake_case key of a column name: ``"Annual Income (k$)"`` → ``annual_income_k``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(column))
    text = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    return text or "column"


def generic_columns(
    frame: pd.DataFrame,
    max_categories: int = 10,
    roles: Mapping[str, str] | None = None,
) -> list[str]:
    """Columns a generic table is clustered on: those whose role (`infer_roles`, with the
    user's ``roles`` overrides) is a metric, a flag or a category with at most
    ``max_categories`` values, and that vary. Identifiers, free text, dates and the outcome
    are never clustered on."""
    found = infer_roles(frame, roles, max_categories)
    return [
        col
        for col, role in found.items()
        if role.feature
        and col not in (ID_COLUMN, OUTCOME_COLUMN)
        and frame[col].nunique(dropna=True) >= 2
    ]


_UNITS = {"money": "money"}
# Other words people use for a category column, by a word of its name.
_DIMENSION_WORDS = {
    "region": ("zone", "zones", "area", "areas", "territory", "territories", "district",
               "districts", "regions"),
    "gender": ("sex", "genders"),
    "sex": ("gender",),
    "country": ("countries", "nation", "nations"),
    "city": ("cities", "town", "towns"),
    "state": ("states", "province", "provinces"),
    "store": ("stores", "shop", "shops", "branch", "branches"),
    "channel": ("channels",),
    "segment": ("segments",),
}  # fmt: skip


def _dimension(key: str, col: str) -> Dimension:
    """A category column as a dimension, with the other words people use for it."""
    words = [w for part in metric_key(col).split("_") for w in _DIMENSION_WORDS.get(part, ())]
    return Dimension(key, str(col), str(col), synonyms=tuple(dict.fromkeys(words)))


def _measure(key: str, col: str, role: Role | None) -> Measure:
    unit = _UNITS.get(role.role, "number") if role else "number"
    return Measure(key, str(col), unit=unit, source=str(col))


def _catalog(
    numeric: Mapping[str, str],
    categorical: Mapping[str, str],
    outcome: bool,
    order: Sequence[str] = (),
    roles: Mapping[str, Role] | None = None,
) -> Catalog:
    """A generic catalog; ``order`` is the keys in the table's column order, ``roles`` the
    role of each key."""
    roles = roles or {}
    metrics = [_measure(k, col, roles.get(k)) for k, col in numeric.items()]
    dimensions = [_dimension(k, col) for k, col in categorical.items()]
    response = RESPONSE if outcome else ()
    shown = tuple(f"{k}={r.role}:{r.unit}:{int(r.thousands)}" for k, r in roles.items())
    return Catalog(
        "generic",
        (SIZE, SHARE, *metrics, *response),
        tuple(dimensions),
        outcome=OUTCOME_COLUMN if outcome else None,
        sets={"columns": tuple(order or [*numeric, *categorical]), "roles": shown},
    )


def roles_of(catalog: Catalog) -> dict[str, Role]:
    """Key -> `Role` of a generic catalog's columns (empty for the reference catalog)."""
    out = {}
    for item in catalog.sets.get("roles", ()):
        key, _, rest = item.partition("=")
        role, unit, thousands = (rest.split(":") + ["", "0"])[:3]
        out[key] = Role(role, unit, thousands == "1")
    return out


def generic_catalog(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    outcome: str = OUTCOME_COLUMN,
    roles: Mapping[str, str] | None = None,
) -> Catalog:
    """The catalog of a table's ``columns`` (default: `generic_columns`), without the ID and
    the outcome: numeric columns are metrics (money ones in money), the others dimensions
    (keys deduplicated); each key's role is kept in the catalog's ``roles`` set."""
    chosen = list(columns) if columns is not None else generic_columns(frame, roles=roles)
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise DataError(f"columns not in the table: {', '.join(map(repr, missing))}.")
    found = infer_roles(frame[chosen], {k: v for k, v in (roles or {}).items()
                                        if k in chosen})  # fmt: skip
    numeric: dict[str, str] = {}
    categorical: dict[str, str] = {}
    order: list[str] = []
    keyed: dict[str, Role] = {}
    for col in (c for c in chosen if c not in (outcome, ID_COLUMN)):
        dated = pd.api.types.is_datetime64_any_dtype(frame[col])  # used as the days since
        label = days_column(col) if dated else col
        key = metric_key(label)
        while key in order:
            key += "_"
        order.append(key)
        keyed[key] = found[col]
        is_number = dated or pd.api.types.is_numeric_dtype(frame[col])
        (numeric if is_number else categorical)[key] = label
    return _catalog(numeric, categorical, outcome in frame.columns, order, keyed)


def labels_catalog(
    labels: Mapping[str, str],
    metrics: Sequence[str],
    mixes: Sequence[str],
    outcome: bool,
    roles: Mapping[str, str] | None = None,
) -> Catalog:
    """The catalog a saved generic profile describes: its ``metrics`` and ``mixes`` keys with
    their ``labels`` (the column names) and recorded ``roles`` (key -> "role:unit:0/1")."""
    order = [k for k in labels if k in {*metrics, *mixes}]
    keyed = {}
    for key, text in (roles or {}).items():
        role, unit, thousands = (str(text).split(":") + ["", "0"])[:3]
        keyed[key] = Role(role, unit, thousands == "1")
    return _catalog(
        {k: labels.get(k, k) for k in metrics},
        {k: labels.get(k, k) for k in mixes},
        outcome,
        order,
        keyed,
    )
