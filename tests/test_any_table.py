"""Tables of their own schema: planted groups are found, identifiers and free text are never
clustered on or profiled, columns get roles (money with its currency, ages, counts, scores,
dates) that the user can override, and the quality figures exist (never NaN)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from assistant.tools import ChatContext
from assistant.understanding.router import Router
from segmentation.assign import assign_customer
from segmentation.catalog import generic_columns
from segmentation.catalog.roles import infer_roles, parse_roles
from segmentation.display import quality_line
from segmentation.errors import SchemaError
from segmentation.pipeline import train_bundle
from tests._tables import blobs_table, mall5_table


def _train(frame: pd.DataFrame, **kwargs):
    return train_bundle(frame.drop(columns="planted"), feature_set="generic", **kwargs)


@pytest.mark.parametrize(
    ("k", "id_header"),
    [(3, "Kunden-ID"), (4, "id_client"), (5, "Kundennummer"), (6, "numero_cliente")],
)
def test_auto_finds_the_planted_groups_and_never_uses_the_id(k, id_header):
    frame = blobs_table(k, 600, seed=k, id_header=id_header)
    bundle = _train(frame)
    assert bundle.segmenter.n_segments_ == k
    assert adjusted_rand_score(frame["planted"], bundle.segmenter.labels_) >= 0.95
    assert id_header not in bundle.segmenter.features_.input_columns_
    assert id_header not in bundle.profile.labels.values()
    chosen = next(r for r in bundle.segmenter.selection_ if r["chosen"])
    assert chosen["reason"].startswith("clearly separated groups")


def test_auto_finds_the_five_groups_of_mall_income_and_score():
    frame = mall5_table(200)
    bundle = _train(frame, columns=["Annual Income (k$)", "Spending Score (1-100)"])
    assert bundle.segmenter.n_segments_ == 5
    assert adjusted_rand_score(frame["planted"], bundle.segmenter.labels_) >= 0.95


def test_columns_get_roles_from_their_names_in_several_languages():
    n = 60
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({
        "Kunden-ID": np.arange(1000, 1000 + n),
        "Alter": rng.integers(18, 80, n),
        "Umsatz (EUR)": rng.uniform(10, 900, n).round(2),
        "revenu_k$": rng.uniform(20, 90, n).round(1),
        "Anzahl Besuche": rng.integers(0, 30, n),
        "Spending Score (1-100)": rng.integers(1, 100, n),
        "region": rng.choice(["Nord", "Süd", "Ost"], n),
        "Newsletter": rng.choice(["ja", "nein"], n),
        "Notiz": [f"kommentar {i}" for i in range(n)],
        "Dt_first": pd.date_range("2024-01-01", periods=n),
        "PLZ": rng.choice([10115, 80331, 50667], n),
        "Kartennummer": rng.permutation(n) + 5_000_000,
    })  # fmt: skip
    roles = infer_roles(frame)
    assert {c: r.role for c, r in roles.items()} == {
        "Kunden-ID": "id", "Alter": "age", "Umsatz (EUR)": "money", "revenu_k$": "money",
        "Anzahl Besuche": "count", "Spending Score (1-100)": "score", "region": "category",
        "Newsletter": "flag", "Notiz": "text", "Dt_first": "date", "PLZ": "text",
        "Kartennummer": "text",
    }  # fmt: skip
    assert (roles["Umsatz (EUR)"].unit, roles["revenu_k$"].unit) == ("€", "$")
    assert roles["revenu_k$"].thousands and not roles["Umsatz (EUR)"].thousands
    snake = infer_roles(pd.DataFrame({"income_gbp": rng.uniform(1e4, 9e4, n).round(-2)}))
    assert (snake["income_gbp"].role, snake["income_gbp"].unit) == ("money", "£")
    used = generic_columns(frame)
    assert not {"Kunden-ID", "Notiz", "Dt_first", "PLZ", "Kartennummer"} & set(used)
    assert generic_columns(frame, roles={"anzahl besuche": "id"}) == [
        c for c in used if c != "Anzahl Besuche"
    ]


def test_role_overrides_are_checked_with_messages_that_name_the_item():
    assert parse_roles("Kunden-ID=id, Umsatz = money") == {"Kunden-ID": "id", "Umsatz": "money"}
    with pytest.raises(SchemaError, match="'Umsatz' is not column=role"):
        parse_roles("Umsatz")
    with pytest.raises(SchemaError, match="unknown role 'cash'"):
        parse_roles("Umsatz=cash")
    frame = blobs_table(3, 60)
    with pytest.raises(SchemaError, match="does not have; its columns: Kunden-ID"):
        generic_columns(frame, roles={"Umsatz": "money"})
    with pytest.raises(SchemaError, match="'region' money, but its values are not numbers"):
        generic_columns(frame, roles={"region": "money"})


def test_money_columns_keep_their_unit_and_the_spend_eta2_is_measured_on_one(tmp_path):
    frame = blobs_table(3, 300)
    bundle = _train(frame, out_dir=tmp_path / "m")
    catalog = bundle.profile.catalog
    assert catalog.measure("annual_income").unit == "money"
    assert catalog.measure("visits_per_month").unit == "number"
    metrics = bundle.manifest["metrics"]
    assert metrics["eta2_column"] == "total_spend" and 0.5 < metrics["spend_eta2"] <= 1
    assert "total_spend η²=" in quality_line(metrics, bundle.segmenter)
    from segmentation.bundle import load_profile

    saved, _ = load_profile(tmp_path / "m")  # the roles are saved with the profile
    assert saved.catalog.measure("annual_income").unit == "money"


def test_without_a_money_column_the_features_eta2_stands_in_and_nothing_is_nan():
    frame = blobs_table(3, 300)[["Kunden-ID", "age", "visits_per_month", "planted"]]
    bundle = _train(frame)
    metrics = bundle.manifest["metrics"]
    assert "spend_eta2" not in metrics and 0.5 < metrics["features_eta2"] <= 1
    line = quality_line(metrics, bundle.segmenter)
    assert "features η²=" in line and "nan" not in line.lower()


def test_a_customer_is_assigned_by_names_in_any_case_and_the_why_uses_labels():
    from segmentation.assign import assign_customer

    bundle = _train(blobs_table(3, 300))
    young = bundle.profile.segments[
        min(range(3), key=lambda i: bundle.profile.segments[i].mean("age"))
    ]
    given = {"AGE": young.mean("age"), "Annual Income": young.mean("annual_income"),
             "REGION": "north"}  # fmt: skip
    result = assign_customer(bundle, given)
    assert result.segment == young.id
    assert sorted(result.imputed) == ["total_spend", "visits_per_month"]
    assert result.given_note.startswith("3 of 5 fields given; the other 2 take typical values")
    assert not any(re.search(r"=\w+ \d", r) for r in result.reasons)  # no one-hot encodings
    region = [r for r in result.reasons if r.startswith("region")]
    assert not region or re.match(r"region is (?:not )?\w+: \d+% of this segment", region[0])


def test_the_readme_shop_example_is_what_the_code_prints():
    from pathlib import Path

    from segmentation.demo_shop import make_shop_customers
    from segmentation.display import persona_table_text

    frame = make_shop_customers(1000)
    bundle = train_bundle(frame, feature_set="generic")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert persona_table_text(bundle.profile, bundle.names) in readme
    assert quality_line(bundle.manifest["metrics"], bundle.segmenter) in readme
    assert "Kunden-ID" not in bundle.segmenter.features_.input_columns_


def test_dates_are_profiled_as_days_since_them_named_and_asked_never_clustered_on():
    """A join date is tenure, a last purchase date recency: both profiled as the days to the
    table's latest date (names say "Long-Standing", "Lapsing"), asked in chat, never in the
    features (a customer is assigned without them)."""
    rng = np.random.default_rng(0)
    n, group = 600, np.arange(600) % 3
    latest = pd.Timestamp("2024-06-30")

    def days_ago(means: tuple[int, int, int], sd: float) -> pd.Series:
        days = np.clip(rng.normal(np.array(means)[group], sd), 1, None).astype(int)
        return latest - pd.to_timedelta(days, unit="D")

    frame = pd.DataFrame({
        "customer_id": np.arange(n), "age": rng.normal(np.array([25, 45, 65])[group], 3),
        "spend": rng.normal(np.array([300, 1500, 800])[group], 100),
        "signup_date": days_ago((100, 900, 2000), 50),
        "last_purchase": days_ago((200, 10, 60), 5),
    })  # fmt: skip
    frame.loc[0, "last_purchase"] = latest  # the reference date: the latest date
    bundle = train_bundle(frame, feature_set="generic")
    assert bundle.segmenter.features_.input_columns_ == ["age", "spend"]
    metrics = bundle.profile.population.metrics
    assert {"days_since_signup_date", "days_since_last_purchase"} <= set(metrics)
    assert bundle.profile.labels["days_since_signup_date"] == "days since signup_date"
    expected = (latest - frame["signup_date"]).dt.days.mean()
    assert metrics["days_since_signup_date"].mean == pytest.approx(expected)
    names = " ".join(bundle.names)
    assert "Long-Standing" in names and "Lapsing" in names
    assert assign_customer(bundle, {"age": 64, "spend": 700}).segment in range(3)
    ctx = ChatContext(bundle, None, frame)
    answer = Router(ctx).answer("average days since signup_date by persona")
    assert "mean days since signup" in answer.text and "nan" not in answer.text.lower()
