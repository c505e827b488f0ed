"""The app's pure helpers (assistant/ui_*.py): data overview, form, cards, segment views and
the per-session state. No Gradio here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from assistant.llm import LLMSettings
from assistant.webapp.state import UserState
from assistant.webapp.views.cards import (
    chart_frame,
    header_markdown,
    membership_frame,
    persona_markdown,
    quality_markdown,
    table_frame,
)
from assistant.webapp.views.form import (
    FIELDS,
    KEYS,
    assign_form,
    customer_from_form,
    form_defaults,
    parse_extra,
    what_if_text,
)
from assistant.webapp.views.overview import (
    age_distribution,
    campaign_acceptance,
    data_overview,
    data_quirks,
    income_distribution,
    loader_fixes,
    missing_values,
    purchases_by_channel,
    spend_by_category,
)
from assistant.webapp.views.tables import index_columns, segment_map, segment_table
from segmentation.assign import Assignment
from segmentation.errors import DataError
from segmentation.io import LoadReport
from segmentation.pipeline import train_bundle
from segmentation.schema import CAMPAIGN_COLUMNS

NAN = np.nan


@pytest.fixture(scope="module")
def customers(models) -> pd.DataFrame:
    """The session's standard demo table: 800 customers (a copy)."""
    return models.frame()


@pytest.fixture(scope="module")
def bundle(models):
    """The session's standard model of ``customers``: k = 4 (read-only)."""
    return models.bundle()


@pytest.fixture(scope="module")
def personas(models):
    return models.personas()


@pytest.fixture
def six() -> pd.DataFrame:
    """Six customers you can count by hand (ages at 2014: 24, 29, 39, 54, 114, unknown)."""
    return pd.DataFrame(
        {
            "Year_Birth": [1990, 1985, 1975, 1960, 1900, NAN],
            "Income": [10_000, 25_000, 39_999, 170_000, 666_666, NAN],
            "Dt_Customer": pd.to_datetime(["2013-01-01"] * 5 + ["2014-06-01"]),
            "Marital_Status": ["Single", "Married", "Together", "YOLO", "Divorced", None],
            "MntWines": [10.0, 20, 30, 40, 0, 0],
            "MntMeatProducts": [5.0, 5, 5, 5, 0, 0],
            "NumDealsPurchases": [1.0, 1, 2, 2, 1, 1],
            "NumWebPurchases": [1.0, 2, 3, 4, 0, 0],
            "NumCatalogPurchases": [0.0, 0, 0, 5, 0, 0],
            "NumStorePurchases": [5.0, 5, 5, 5, 5, 0],
            "AcceptedCmp1": [1.0, 0, 0, 0, 0, 0],
            "AcceptedCmp2": [1.0, 1, 1, 0, 0, 0],
            "Response": [1.0, 1, 0, 0, 0, 0],
        }
    )


# -- data overview ---------------------------------------------------------------------------


def test_ages_are_banded_at_the_latest_enrolment_year(six):
    table = age_distribution(six)
    assert dict(zip(table["age"], table["customers"], strict=True)) == {
        "18-29": 2, "30-39": 1, "40-49": 0, "50-59": 1, "60-69": 0, "70-79": 0, "80-100": 0,
        "over 100 (impossible)": 1, "unknown": 1,
    }  # fmt: skip


def test_incomes_are_banded_by_20k_with_an_open_top(six):
    table = income_distribution(six)
    counts = dict(zip(table["income"], table["customers"], strict=True))
    assert counts["0k-20k"] == 1 and counts["20k-40k"] == 2 and counts["160k+"] == 2
    assert counts["unknown"] == 1 and sum(counts.values()) == 6


def test_spend_per_category_is_sorted_with_shares(six):
    table = spend_by_category(six)
    assert table["category"].tolist() == ["wine", "meat"]
    assert table["spend"].tolist() == [100.0, 20.0]
    assert table["share"].tolist() == pytest.approx([100 / 120, 20 / 120])


def test_purchases_per_channel_share_web_catalog_store_and_deals_apart(six):
    table = purchases_by_channel(six)
    assert table["channel"].tolist() == ["web", "catalog", "store", "with a deal"]
    assert table["purchases"].tolist() == [10.0, 5.0, 25.0, 8.0]
    assert table["share"].tolist() == pytest.approx([0.25, 0.125, 0.625, 0.2])


def test_campaign_acceptance_rates(six):
    table = campaign_acceptance(six)
    assert table["campaign"].tolist() == ["campaign 1", "campaign 2", "last (Response)"]
    assert table["rate"].tolist() == pytest.approx([1 / 6, 3 / 6, 2 / 6])


def test_missing_values_lists_only_columns_with_gaps(six):
    table = missing_values(six)
    assert table["column"].tolist() == ["Year_Birth", "Income", "Marital_Status"]
    assert table["empty_cells"].tolist() == [1.0, 1.0, 1.0]
    assert table["share"].tolist() == pytest.approx([1 / 6] * 3)


def test_quirks_name_what_the_model_will_handle(six):
    table = data_quirks(six)
    assert table["quirk"].tolist() == [
        "age over 100",
        "income of 300,000 or more",
        "income empty",
        "unusual marital status: YOLO (1)",
    ]
    assert table["rows"].tolist() == [1, 1, 1, 1]


def test_loader_fixes_list_renames_dates_and_dropped_rows():
    report = LoadReport(
        "x.csv", "csv", delimiter=";", encoding="cp1252", rows_read=5,
        rows_dropped=[(4, "blank line")], column_map={"income ": "Income"},
        date_formats={"Dt_Customer": "%d-%m-%Y"}, warnings=["x.csv: 2 duplicate IDs"],
    )  # fmt: skip
    table = loader_fixes(report)
    assert table.values.tolist() == [
        ["read as", "semicolon-separated, cp1252 encoding"],
        ["renamed column", "'income ' → 'Income'"],
        ["read dates", "Dt_Customer as %d-%m-%Y"],
        ["dropped row", "line 4: blank line"],
        ["warning", "x.csv: 2 duplicate IDs"],
    ]


def test_a_generic_table_gets_empty_reference_figures():
    frame = pd.DataFrame({"customer": ["a", "b"], "visits": [1.0, 2.0]})
    view = data_overview(frame, LoadReport("g.csv", "csv"))
    for key in ("age", "income", "spend", "channels", "campaigns", "quirks", "missing"):
        assert view[key].empty
    assert list(view["spend"].columns) == ["category", "spend", "share"]


def test_overview_does_not_change_the_frame(six):
    before = six.copy()
    data_overview(six, LoadReport("x.csv", "csv"))
    pd.testing.assert_frame_equal(six, before)


# -- form ------------------------------------------------------------------------------------


def test_form_defaults_are_population_medians_on_the_field_step(bundle):
    defaults = form_defaults(bundle.profile)
    median = bundle.profile.population.metrics["income"].median
    assert defaults["income"] == round(median / 1000) * 1000
    assert set(defaults) == set(KEYS) and all(v >= 0 for v in defaults.values())


def test_form_defaults_fall_back_without_a_profile():
    assert form_defaults(None)["age"] == 45 and form_defaults(None)["income"] == 50_000


def test_age_becomes_year_of_birth_and_campaigns_become_flags():
    customer = customer_from_form({"age": 40, "income": 60_000, "campaigns_accepted": 2}, 2014)
    assert customer == {
        "Year_Birth": 1974.0, "Income": 60_000.0, "AcceptedCmp1": 1.0, "AcceptedCmp2": 1.0,
        "AcceptedCmp3": 0.0, "AcceptedCmp4": 0.0, "AcceptedCmp5": 0.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"age": 12}, "Age \\(years\\) must be between 18 and 100, got 12"),
        ({"kidhome": 9}, "Small children at home must be between 0 and 5"),
        ({"income": -1}, "Household income \\(yearly\\) must be between 0 and 1,000,000"),
    ],
)
def test_values_outside_the_limits_are_refused(values, message):
    with pytest.raises(DataError, match=message):
        customer_from_form(values, 2014)


@pytest.mark.parametrize(
    ("text", "message"),
    [("{oops", "not valid JSON"), ("[1]", "got a list"), ('"PhD"', "got a str")],
)
def test_other_attributes_must_be_a_json_object(text, message):
    with pytest.raises(DataError, match=message):
        parse_extra(text)


def test_empty_other_attributes_are_none():
    assert parse_extra("  ") == {} and parse_extra('{"Education": "PhD"}') == {"Education": "PhD"}


def test_assign_form_uses_the_same_model_as_the_engine(bundle, customers):
    """Training customers written as form values (age, campaigns as a count) get the segment
    the engine gives them: the form's conversions are the model's."""
    year = bundle.segmenter.features_.reference_year_
    expected = bundle.segmenter.predict(customers)
    for i in range(0, len(customers), 40):
        row = customers.iloc[i]
        values = {
            f.key: float(row[f.field.columns[0]])
            for f in FIELDS
            if f.key not in ("age", "campaigns_accepted")
        }
        values["age"] = float(year - row["Year_Birth"])
        values["campaigns_accepted"] = float(sum(row[c] for c in CAMPAIGN_COLUMNS))
        result = assign_form(bundle, values)
        assert result.segment == expected[i], i
        assert sum(result.membership.values()) == pytest.approx(1, abs=1e-3)


def test_a_generic_model_takes_only_the_json_attributes(customers):
    generic = train_bundle(
        customers, feature_set="generic", columns=["Income", "Recency"], n_segments=2
    )
    result = assign_form(generic, {"age": 40}, '{"Income": 80000, "Recency": 10}')
    assert result.name in generic.names and result.imputed == []


def _assignment(segment: int, name: str) -> Assignment:
    return Assignment(segment, name, {name: 0.8}, [], [])


def test_what_if_says_when_the_persona_changes():
    text = what_if_text(_assignment(0, "Savers"), _assignment(1, "Spenders"), {"income": 90000})
    assert text.startswith("**What if** income 90,000: **Spenders** (80% membership).")
    assert "The persona **changes** from **Savers** to **Spenders**." in text
    same = what_if_text(_assignment(0, "Savers"), _assignment(0, "Savers"), {"kidhome": 2})
    assert "2 small child(ren)" in same and "The persona stays **Savers**." in same


# -- cards -----------------------------------------------------------------------------------


def test_chat_chart_shares_become_percentages():
    frame = chart_frame(
        {"kind": "mix", "title": "t", "labels": ["wine", "meat"], "values": [0.25, 0.5],
         "unit": "share"}
    )  # fmt: skip
    assert frame.to_dict("list") == {"label": ["wine", "meat"], "value": [25.0, 50.0]}


def test_chat_table_cells_lose_links_and_markup():
    frame = table_frame({"columns": ["name", "n"], "rows": [["[x](http://e.vil)", 3]]})
    assert frame.values.tolist() == [["x", "3"]]


def test_header_names_data_model_and_writers(bundle, customers):
    text = header_markdown(bundle, "shop.csv", customers, "offline", "gpt-4o-mini")
    assert text == (
        "**Data:** shop.csv, 800 customers · **Model:** k-means, k = 4, behavior features · "
        "**Personas written by:** offline · **Chat:** gpt-4o-mini"
    )
    assert "customers; rows not loaded" in header_markdown(bundle, "b", None, "offline", "x")


def test_persona_card_has_figures_bars_mixes_and_ideas(bundle, personas):
    card = persona_markdown(bundle.profile, personas[0])
    assert card.startswith(f"### {personas[0].name}\n*")
    assert "| Household income (yearly) |" in card and "█" in card
    assert "**Spend mix** (all customers): wines" in card
    assert "**Campaign ideas**\n1. **" in card
    assert "   - Evidence: " in card and "Expected response: " in card
    assert "checked against the statistics" in card


def test_persona_card_neutralizes_a_hostile_name(bundle, personas):
    hostile = personas[0].__class__.from_dict(
        {**personas[0].to_dict(), "name": "[Win](https://e.vil) <img src=x>"}
    )
    card = persona_markdown(bundle.profile, hostile)
    assert "https" not in card and "<img" not in card and "](" not in card


def test_membership_is_in_percent_per_persona(bundle):
    result = assign_form(bundle, form_defaults(bundle.profile))
    frame = membership_frame(bundle, result)
    assert frame["persona"].tolist() == bundle.names
    assert frame["membership"].sum() == pytest.approx(100, abs=0.2)


def test_quality_lists_the_recorded_metrics(bundle):
    text = quality_markdown(bundle)
    assert (
        "| Silhouette |" in text
        and "| Stability (bootstrap ARI) |" in text
        and "| Held-out lift |" in text
    )
    bundle_without = bundle.__class__(bundle.segmenter, bundle.profile, bundle.names, {})
    assert quality_markdown(bundle_without) == "No quality figures were recorded with this model."


# -- segments --------------------------------------------------------------------------------


def test_segment_table_has_one_row_per_persona_with_index_columns(bundle, customers):
    table = segment_table(bundle)
    assert table["persona"].tolist() == bundle.names
    assert table["customers"].sum() == len(customers)
    assert table["share %"].sum() == pytest.approx(100, abs=0.2)
    assert index_columns(table) == [
        "income index", "age index", "children index", "spend index", "purchases index",
        "web visits index", "campaigns index",
    ]  # fmt: skip


def test_segment_map_samples_at_most_max_rows_reproducibly(bundle, customers):
    points = segment_map(bundle, customers, max_rows=150)
    assert len(points) == 150 and list(points.columns) == ["x", "y", "persona"]
    assert set(points["persona"]) <= set(bundle.names)
    pd.testing.assert_frame_equal(points, segment_map(bundle, customers, max_rows=150))


# -- session state ---------------------------------------------------------------------------


def test_a_session_copy_shares_the_model_but_not_the_chat(bundle, customers, personas):
    default = UserState(bundle, customers, "demo", personas, LLMSettings())
    mine = default.copy()
    chat = mine.chat_session()
    assert mine.chat_session() is chat and default.chat is None
    assert mine.bundle is default.bundle
    assert chat.ctx is default.context  # the per-model caches serve every session
    retrained = mine.with_model(bundle, customers, "shop.csv", personas)
    assert retrained.chat is None and retrained.source == "shop.csv"
    assert retrained.context is not default.context  # a new model, a new context
    assert mine.with_personas(personas).context is not default.context
    assert mine.narratives == "offline" and mine.chat_writer == "offline"
    assert "**Data:** demo, 800 customers" in mine.header()
