"""The assign form of a model trained on any table: a field per column, from the model."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from assistant.webapp.views.form import assign_form, attribute_template
from assistant.webapp.views.table_form import (
    CHOICE_SLOTS,
    NUMBER_SLOTS,
    column_fields,
    customer_from_columns,
    slot_fields,
)
from segmentation.errors import DataError
from segmentation.pipeline import train_bundle


@pytest.fixture(scope="module")
def shop(models):
    return models.shop(1000)


def test_each_column_of_the_table_is_a_field_in_its_order(shop):
    bundle, frame = shop
    fields = column_fields(bundle)
    assert [f.column for f in fields] == [
        "age",
        "annual_income",
        "total_spend",
        "visits_per_month",
        "region",
    ]  # the ID is never a field
    assert [f.kind for f in fields] == ["number"] * 4 + ["choice"]
    age, income, spend, visits, region = fields
    assert age.integer and visits.integer and not spend.integer
    assert age.minimum == 0 and age.maximum <= 120  # an age, whatever the fences say
    assert income.minimum == 0 and income.maximum >= frame["annual_income"].quantile(0.99)
    assert age.typical == round(frame["age"].median())
    assert region.choices == ("East", "North", "South", "West")
    assert region.typical == frame["region"].mode()[0]
    assert "empty = typical" in income.info and " to " in income.info


def test_a_model_on_the_reference_schema_has_no_column_fields(models):
    assert column_fields(models.bundle(800, 4)) == ()
    assert attribute_template(models.bundle(800, 4)) == ""


def test_filled_fields_give_the_customer_and_empty_ones_are_left_out(shop):
    bundle, _ = shop
    fields = column_fields(bundle)
    numbers = [31, None, 250.5, None] + [None] * (NUMBER_SLOTS - 4)
    choices = ["North"] + [None] * (CHOICE_SLOTS - 1)
    customer = customer_from_columns(fields, numbers, choices)
    assert customer == {"age": 31, "total_spend": 250.5, "region": "North"}
    result = assign_form(bundle, {}, None, (numbers, choices))
    assert result.name == "Young Low-Income Low-Spenders"
    assert result.given_note.startswith("3 of 5 fields given")
    assert set(result.imputed) == {"annual_income", "visits_per_month"}


@pytest.mark.parametrize(
    ("numbers", "choices", "message"),
    [([500], [], r"age must be between 0 and \d+ \(the range this model reads\), got 500"),
     ([None, -10], [], r"annual_income must be between 0 and [\d,]+.*got -10"),
     ([], ["Mars"], r"region must be one of East, North, South, West, got 'Mars'")],
)  # fmt: skip
def test_a_value_the_model_cannot_read_names_the_field(shop, numbers, choices, message):
    with pytest.raises(DataError, match=message):
        customer_from_columns(column_fields(shop[0]), numbers, choices)


def test_columns_beyond_the_pools_are_given_as_json():
    rng = np.random.default_rng(0)
    n = 200
    group = np.arange(n) % 2
    frame = pd.DataFrame({f"score_{i}": rng.normal(group * 5, 1, n) for i in range(14)})
    for i in range(7):
        frame[f"kind_{i}"] = np.where(rng.random(n) < 0.5, "a", "b")
    bundle = train_bundle(frame, n_segments=2, feature_set="generic")
    numbers, choices, rest = slot_fields(column_fields(bundle))
    assert len(numbers) == NUMBER_SLOTS and len(choices) == CHOICE_SLOTS
    assert [f.column for f in rest] == ["score_12", "score_13", "kind_6"]
    template = json.loads(attribute_template(bundle))
    assert set(template) == {"score_12", "score_13", "kind_6"}
