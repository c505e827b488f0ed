from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from segmentation.catalog import generic_columns, reference_date
from segmentation.errors import ModelError, SchemaError
from segmentation.features import FeatureBuilder, note
from tests._tables import REFERENCE_FILE, reference_frame, small_table


def test_behavior_features_are_standardized_with_fit_time_statistics():
    table = small_table()
    builder = FeatureBuilder().fit(table)
    Z = builder.transform(table)
    assert Z.shape == (12, 17)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-9)
    assert "log_MntWines" in builder.get_feature_names_out()
    assert "Response" not in builder.get_feature_names_out()


def test_single_customer_goes_through_the_training_transform():
    table = small_table()
    builder = FeatureBuilder().fit(table)
    one = table.iloc[[3]].reset_index(drop=True)
    np.testing.assert_allclose(builder.transform(one)[0], builder.transform(table)[3])


def test_missing_income_takes_the_training_median():
    table = small_table()
    builder = FeatureBuilder().fit(table)
    one = table.iloc[[0]].copy()
    one["Income"] = np.nan
    z_income = builder.transform(one)[0, 0]
    expected = (table["Income"].median() - builder.mean_["Income"]) / builder.scale_["Income"]
    assert z_income == pytest.approx(expected)
    assert builder.missing_inputs(one)["Income"].iloc[0]


def test_reference_date_is_the_latest_enrolment_and_fit_keeps_it():
    table = pd.DataFrame({"Dt_Customer": ["2013-05-21", None, "2014-06-29", "2012-07-30"]})
    assert reference_date(table) == pd.Timestamp("2014-06-29")
    assert reference_date(table.assign(Dt_Customer=None)) is None
    assert reference_date(table.drop(columns="Dt_Customer")) is None
    builder = FeatureBuilder().fit(small_table())
    assert builder.reference_date_ == reference_date(small_table())
    assert builder.reference_year_ == builder.reference_date_.year


def test_missing_inputs_marks_empty_and_absent_model_columns():
    table = small_table()
    builder = FeatureBuilder().fit(table)
    assert "Dt_Customer" in builder.input_columns_
    assert builder.model_columns == [c for c in builder.input_columns_ if c != "Dt_Customer"]
    two = table.iloc[:2].drop(columns=["Recency", "Dt_Customer"])
    two.loc[1, "Income"] = np.nan
    missing = builder.missing_inputs(two)
    assert list(missing.columns) == builder.model_columns
    assert missing["Recency"].tolist() == [True, True]
    assert missing["Income"].tolist() == [False, True]
    assert missing.drop(columns=["Recency", "Income"]).to_numpy().sum() == 0


def test_age_over_100_is_treated_as_unknown_and_noted():
    table = small_table()
    table.loc[0, "Year_Birth"] = 1893.0
    builder = FeatureBuilder().fit(table)
    assert any("1 customer(s) with an age over 100" in note for note in builder.fit_notes_)


def test_extreme_income_is_clipped_to_the_far_fence_and_noted():
    table = small_table(n_per_group=60)  # one outlier in 120 rows: rare enough to clip
    table.loc[0, "Income"] = 666_666.0
    builder = FeatureBuilder().fit(table)
    assert any("Income above" in note for note in builder.fit_notes_)
    q1, q3 = table["Income"].quantile([0.25, 0.75])
    assert builder.upper_["Income"] == pytest.approx(q3 + 3 * (q3 - q1))
    Z, notes = builder.transform_noted(table.iloc[[0]])
    z = Z[0, 0]
    assert notes == ["1 value(s) of Income above 361,375 (Q3 + 3·IQR) clipped to it"]
    assert z == pytest.approx(
        (builder.upper_["Income"] - builder.mean_["Income"]) / builder.scale_["Income"]
    )


def test_a_group_beyond_the_fence_is_structure_and_is_not_clipped():
    table = small_table(n_per_group=20)
    table.loc[:4, "Income"] = 900_000.0  # 5 of 40 rows: a group, not outliers
    builder = FeatureBuilder().fit(table)
    assert builder.upper_["Income"] == np.inf


def test_fit_does_not_mutate_the_callers_frame():
    table = small_table()
    before = table.copy()
    FeatureBuilder().fit(table).transform(table)
    pd.testing.assert_frame_equal(table, before)


def test_transform_before_fit_is_refused():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        FeatureBuilder().transform(small_table())


def test_missing_columns_for_behavior_are_listed():
    table = small_table().drop(columns=["Income", "MntWines"])
    with pytest.raises(SchemaError, match="Income, MntWines"):
        FeatureBuilder().fit(table)


def test_unknown_feature_set_is_refused():
    with pytest.raises(ModelError, match="feature_set='nope'"):
        FeatureBuilder("nope").fit(small_table())


def test_generic_columns_choose_numeric_and_low_cardinality_categoricals():
    mall = pd.DataFrame(
        {
            "CustomerID": np.arange(1.0, 13.0),
            "Gender": ["Male", "Female"] * 6,
            "Age": np.linspace(20, 70, 12),
            "Annual Income (k$)": np.linspace(15, 137, 12),
            "Spending Score (1-100)": np.linspace(1, 99, 12),
            "Note": [f"free text {i}" for i in range(12)],
        }
    )
    assert generic_columns(mall) == [
        "Gender",
        "Age",
        "Annual Income (k$)",
        "Spending Score (1-100)",
    ]
    builder = FeatureBuilder("generic").fit(mall)
    assert list(builder.get_feature_names_out()) == [
        "Age",
        "Annual Income (k$)",
        "Spending Score (1-100)",
        "Gender=Female",
        "Gender=Male",
    ]
    Z = builder.transform(mall)
    assert Z[0, 3:].tolist() == [0.0, 1.0]


def test_generic_refuses_the_outcome_and_unknown_columns():
    table = small_table()
    with pytest.raises(SchemaError, match="held-out outcome"):
        FeatureBuilder("generic", columns=["Income", "Response"]).fit(table)
    with pytest.raises(SchemaError, match="'Incme'"):
        FeatureBuilder("generic", columns=["Incme"]).fit(table)


@pytest.mark.skipif(not REFERENCE_FILE.exists(), reason="reference file not in ../shared/data")
def test_seed_features_rebuild_the_seed_matrix():
    frame = reference_frame()
    Z = FeatureBuilder("seed").fit(frame).transform(frame)
    assert Z.shape == (2240, 5)
    # Education level ordinal 0-2 and Partner one-hot stay unscaled, as in the seed notebook.
    assert set(np.unique(Z[:, 2])) == {0.0, 1.0, 2.0}
    assert set(np.unique(Z[:, 3] + Z[:, 4])) == {1.0}


@pytest.mark.skipif(not REFERENCE_FILE.exists(), reason="reference file not in ../shared/data")
def test_seed_features_equal_the_seed_recipe_step_by_step():
    """The seed notebook's steps in order: median-impute Income, Age from the latest
    enrolment year, clip Income and Age at 1.5·IQR (imputed values count in the quartiles),
    standardize; Education level ordinal; Partner one-hot (No, Yes)."""
    raw = reference_frame()
    df = raw.copy()
    df["Income"] = df["Income"].fillna(df["Income"].median())
    df["Age"] = df["Dt_Customer"].dt.year.max() - df["Year_Birth"]
    numeric = []
    for col in ("Income", "Age"):
        q1, q3 = df[col].quantile([0.25, 0.75])
        x = df[col].astype(float).clip(q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1))
        numeric.append((x - x.mean()) / x.std(ddof=0))
    level = df["Education"].map({"Basic": 0, "2n Cycle": 0, "Graduation": 1, "Master": 2,
                                 "PhD": 2})  # fmt: skip
    partner = df["Marital_Status"].isin(["Married", "Together"]).astype(float)
    expected = np.column_stack([*numeric, level, 1 - partner, partner])
    Z = FeatureBuilder("seed").fit_transform(raw)
    np.testing.assert_allclose(Z, expected, atol=1e-9)


def test_generic_features_of_categorical_columns_only():
    from tests._tables import mall_table

    Z = FeatureBuilder("generic", columns=["Gender"]).fit_transform(mall_table(20))
    assert Z.shape == (20, 2) and set(Z.sum(axis=1)) == {1.0}  # one-hot, nothing numeric


def test_findings_about_the_data_are_notes_never_warnings():
    table = small_table()
    table.loc[0, "Year_Birth"] = 1893
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        builder = FeatureBuilder("behavior")
        builder.fit_transform(table)
    said = note("training data", builder.fit_notes_)
    assert said is not None and said.startswith("training data: 1 customer(s) with an age")


def test_generic_columns_leave_out_every_id_the_loader_recognizes():
    table = pd.DataFrame({"Member ID": [1, 2, 3], "Cust-ID": [4, 5, 6], "Age": [20, 30, 45]})
    assert generic_columns(table) == ["Age"]
