"""The role of each column of any customer table, from its name and values.

A role says what a column is, and so what the product may do with it:

- ``id``: a customer identifier (header words id / kunden / client / cliente / nr ..., or
  ``is_id_name``, with near-unique values) — never clustered on, never profiled;
- ``text``: free text, a category with too many values to profile, a code or contact detail
  (zip, PLZ, phone, email, name ...) or a different whole number for nearly every customer —
  never clustered on;
- ``date``: a date (enrolment, last purchase) — never clustered on; profiled as the days
  since it (`segmentation.catalog.dates`);
- ``outcome``: the held-out outcome (``Response``) — never clustered on;
- ``money`` (income, spend, revenue, Einkommen, revenu, ingresos ..., or a currency sign in
  the header), ``age``, ``count`` (visits, purchases, orders, Anzahl ...), ``score``
  (score, rating, index, percent ...), ``number`` (any other number): numeric metrics;
- ``flag``: two values (0/1, yes/no, ja/nein, oui/non); ``category``: a few repeated values.

The header words are matched in English, German, French, Spanish and Italian where cheap.
A user overrides any role with ``--roles "col=money,Kunden-ID=id"`` (`parse_roles`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from segmentation.errors import SchemaError
from segmentation.io.parse import is_id_name
from segmentation.schema import ID_COLUMN, OUTCOME_COLUMN

__all__ = ["FEATURE_ROLES", "ROLES", "Role", "infer_roles", "parse_roles", "role_of"]

ROLES = ("id", "money", "count", "score", "age", "number", "date", "category", "flag",
         "outcome", "text")  # fmt: skip
FEATURE_ROLES = frozenset({"money", "count", "score", "age", "number", "category", "flag"})

_ID_WORDS = frozenset(
    "id ids kunden kundennr kundennummer kundenid client clientid cliente clienti customerid "
    "custid nr no num nummer numero número code key uuid guid identifier identifiant".split()
)
_AGE_WORDS = frozenset("age ages alter âge edad eta età years_old yrs".split())
_MONEY_WORDS = frozenset(
    "income incomes einkommen revenu revenus ingreso ingresos reddito salary salaries gehalt "
    "salaire salario stipendio spend spent spending ausgaben umsatz umsätze depenses dépenses "
    "gasto gastos spesa amount betrag montant importe importo price preis prix precio prezzo "
    "revenue revenues sales value wert valeur valor valore cost costs kosten coût cout costo "
    "turnover clv ltv balance saldo wage wages lohn budget payment payments basket".split()
)
_COUNT_WORDS = frozenset(
    "visits visit purchases purchase orders order count counts number anzahl besuche käufe "
    "kaeufe bestellungen nombre visites achats commandes compras pedidos visitas acquisti "
    "ordini visite transactions times frequency kids children kinder enfants hijos figli "
    "items sessions logins calls tickets".split()
)
_SCORE_WORDS = frozenset(
    "score scores rating ratings punkte punktzahl note notes index grade bewertung puntuación "
    "puntuacion punteggio percent pct percentage prozent pourcentage porcentaje nps".split()
)
_TEXT_WORDS = frozenset(
    "zip zipcode postcode postal plz phone telefon telephone tel mobile handy email mail "
    "name vorname nachname nom prenom prénom address adresse street strasse straße iban".split()
)  # codes and contact details: numbers or not, never a measure
_CURRENCY = re.compile(r"[$€£¥]|\b(?:usd|eur|euro|euros|gbp|chf|jpy|cad|aud|dollars?)\b", re.I)
_THOUSANDS = re.compile(r"\bk\s*[$€£]|[$€£]\s*k\b|\(k|\bk\)|\bthousands?\b|\btsd\b|_k\b", re.I)
_FLAG_TEXT = frozenset("yes no true false ja nein oui non si sí y n t f".split())


@dataclass(frozen=True)
class Role:
    """A column's role (one of `ROLES`), its money unit ("€", "$", or "" when none is named),
    whether amounts are in thousands, and why the role was chosen."""

    role: str
    unit: str = ""
    thousands: bool = False
    reason: str = ""

    @property
    def feature(self) -> bool:
        """Whether the column may be clustered on and profiled."""
        return self.role in FEATURE_ROLES


def _words(header: str) -> list[str]:
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(header))
    return [w for w in re.split(r"[^0-9a-zA-ZÀ-ÿ$€£¥]+", text.lower()) if w]


def _unit(header: str) -> tuple[str, bool]:
    sign = _CURRENCY.search(header.replace("_", " "))  # "income_eur"
    unit = ""
    if sign:
        found = sign.group(0).lower()
        unit = {"usd": "$", "dollar": "$", "dollars": "$", "eur": "€", "euro": "€",
                "euros": "€", "gbp": "£"}.get(found, sign.group(0).upper())  # fmt: skip
    return unit, bool(_THOUSANDS.search(header))


def role_of(header: str, values: pd.Series, max_categories: int = 10) -> Role:
    """The inferred role of one column (see the module docstring)."""
    name = str(header)
    words = set(_words(name))
    present = values.dropna()
    n, distinct = len(present), present.nunique()
    unique = n > 0 and distinct >= 0.95 * n
    if name == OUTCOME_COLUMN:
        return Role("outcome", reason="the held-out outcome")
    if pd.api.types.is_datetime64_any_dtype(values):
        return Role("date", reason="dates")
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    whole = numeric and n > 0 and bool((present % 1 == 0).all())
    if name == ID_COLUMN or is_id_name(name):  # the loader's rule
        return Role("id", reason="an identifier: its header")
    if words & _ID_WORDS and unique and (whole or not numeric):
        return Role("id", reason="an identifier: its header and one value per customer")
    if words & _TEXT_WORDS:
        return Role("text", reason="a code or contact detail, not a measure")
    if distinct == 2 or (not numeric and set(map(str.lower, map(str, present.unique())))
                         <= _FLAG_TEXT and distinct <= 2):  # fmt: skip
        return Role("flag", reason="two values")
    if not numeric:
        if distinct <= max_categories:
            return Role("category", reason=f"{distinct} repeated values")
        return Role("text", reason=f"{distinct} different values: too many to profile")
    if words & _AGE_WORDS:
        return Role("age", reason="an age")
    if words & _SCORE_WORDS:
        return Role("score", reason="a score or rate")
    unit, thousands = _unit(name)
    if words & _MONEY_WORDS or unit:
        return Role("money", unit, thousands, reason="an amount of money")
    if whole and unique and n >= 50 and not words & _COUNT_WORDS:
        return Role("text", reason="a different whole number for nearly every customer: a code")
    if words & _COUNT_WORDS or (whole and present.min() >= 0 and present.max() <= 100):
        return Role("count", reason="a count")
    return Role("number", reason="a number")


def infer_roles(
    frame: pd.DataFrame,
    overrides: Mapping[str, str] | None = None,
    max_categories: int = 10,
) -> dict[str, Role]:
    """Every column's `Role`; ``overrides`` (column -> role, header case-insensitive) win."""
    given = _resolve(frame, overrides or {})
    out: dict[str, Role] = {}
    for col in frame.columns:
        if col in given:
            inferred = role_of(col, frame[col], max_categories)
            unit, thousands = _unit(str(col))
            out[col] = Role(given[col], unit if given[col] == "money" else "",
                            thousands and given[col] == "money", "given with --roles")  # fmt: skip
            if given[col] == inferred.role:
                out[col] = inferred
        else:
            out[col] = role_of(col, frame[col], max_categories)
    return out


def _resolve(frame: pd.DataFrame, overrides: Mapping[str, str]) -> dict[str, str]:
    by_key = {str(c).strip().lower(): c for c in frame.columns}
    out: dict[str, str] = {}
    for col, role in overrides.items():
        found = by_key.get(str(col).strip().lower())
        if found is None:
            raise SchemaError(
                f"--roles names column {col!r}, which the table does not have; its columns: "
                f"{', '.join(map(str, frame.columns))}."
            )
        if role not in ROLES:
            raise SchemaError(
                f"--roles gives column {col!r} the role {role!r}; roles: {', '.join(ROLES)}."
            )
        numeric = pd.api.types.is_numeric_dtype(frame[found])
        if role in ("money", "count", "score", "age", "number") and not numeric:
            raise SchemaError(
                f"--roles makes column {col!r} {role}, but its values are not numbers."
            )
        out[found] = role
    return out


def parse_roles(text: str | None, source: str = "--roles") -> dict[str, str]:
    """``"income=money, Kunden-ID=id"`` -> {"income": "money", "Kunden-ID": "id"}; a clear
    error naming the bad item (and ``source``, where it was given) otherwise."""
    out: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        col, sep, role = item.rpartition("=")
        if not sep or not col.strip() or not role.strip():
            raise SchemaError(
                f"{source} item {item.strip()!r} is not column=role (e.g. income=money); "
                f"roles: {', '.join(ROLES)}."
            )
        role = role.strip().lower()
        if role not in ROLES:
            raise SchemaError(f"{source} item {item.strip()!r}: unknown role {role!r}; "
                              f"roles: {', '.join(ROLES)}.")  # fmt: skip
        out[col.strip()] = role
    return out
