"""The engine's jobs end to end: train a bundle, retrain it keeping names, assign customers.

The session's models (`tests._models`): 600 demo customers at k = 4 (reference schema; not
the standard 800, on which a fresh seed-1 model names every segment as seed 0 does, so the
retraining tests below could not tell kept names from found ones) and the 60-row mall-like
generic list at k = 4. Tests that retrain into a folder work on their own copy.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sklearn

from segmentation.assign import assign_customer, assign_frame, iter_assign
from segmentation.bundle import load_bundle, save_bundle
from segmentation.display import quality_line
from segmentation.errors import BundleError, ModelError
from segmentation.io.export import formula_safe
from segmentation.pipeline import train_bundle
from segmentation.profile import profile_segments
from tests._tables import mall_table

ROWS = 600


def quietly(func, *args, **kwargs):
    return func(*args, **kwargs)


@pytest.fixture(scope="module")
def customers(models) -> pd.DataFrame:
    return models.frame(ROWS)


@pytest.fixture(scope="module")
def bundle(models):
    """``train_bundle(customers, n_segments=4, random_state=0, out_dir=...)`` (read-only)."""
    return models.bundle(ROWS, 4)


@pytest.fixture(scope="module")
def mall() -> pd.DataFrame:
    return mall_table(60)


@pytest.fixture(scope="module")
def mall_bundle(models):
    """A generic model of ``mall`` (source mall.csv)."""
    return models.mall(60, 4)


@pytest.fixture
def folder(bundle, tmp_path) -> Path:
    """A private copy of the trained bundle's folder, to retrain into."""
    return Path(shutil.copytree(bundle.path, tmp_path / "model"))


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.asarray(a) == np.asarray(b)))


# -- training ------------------------------------------------------------------------------------
def test_train_bundle_writes_a_bundle_that_loads(bundle):
    assert sorted(p.name for p in bundle.path.iterdir()) == [
        "manifest.json",
        "model.joblib",
        "profile.json",
    ]
    assert load_bundle(bundle.path).names == bundle.names


def test_train_bundle_measures_what_the_quality_line_prints(bundle):
    metrics = bundle.manifest["metrics"]
    expected = {"silhouette", "stability", "min_share", "spend_eta2", "base_rate", "best_lift"}
    assert expected <= set(metrics)
    assert all(math.isfinite(metrics[key]) for key in expected)
    assert 0 <= metrics["stability"] <= 1 and 0 < metrics["min_share"] <= 0.25
    line = quality_line(metrics, bundle.segmenter)
    for label in ("k=4", "silhouette=", "stability", "smallest share=", "spend η²=", "lift="):
        assert label in line


def test_train_bundle_without_out_dir_saves_nothing(customers, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    trained = train_bundle(customers.iloc[:200], n_segments=3)
    assert trained.path is None and len(trained.names) == 3
    assert list(tmp_path.iterdir()) == []


def test_train_bundle_reports_each_step(customers):
    steps = []
    train_bundle(customers.iloc[:200], n_segments=3, progress=steps.append)
    assert steps == [
        "fitting features and choosing the number of segments",
        "profiling 3 segments",
        "measuring stability and held-out response",
    ]


# -- retraining keeps ids and names ----------------------------------------------------------
def test_retraining_into_the_same_folder_keeps_names_and_ids(bundle, customers, folder):
    # Fresh, seed 1 names the fourth segment differently from seed 0 on this data, so only
    # the bundle already in the folder can make the names come out the same.
    again = train_bundle(customers, n_segments=4, random_state=1, out_dir=folder)
    assert again.names == bundle.names
    assert load_bundle(folder).names == bundle.names
    assert agreement(again.segmenter.labels_, bundle.segmenter.labels_) >= 0.95


def test_a_previous_bundle_decides_segment_ids_and_names(bundle, customers, tmp_path):
    reversed_ids = [3, 2, 1, 0]
    old = copy.deepcopy(bundle.segmenter).reorder(reversed_ids)
    profile = profile_segments(customers, old.labels_, derived=old.features_.derive(customers))
    save_bundle(tmp_path / "old", old, profile, bundle.names[::-1])
    again = train_bundle(customers, n_segments=4, random_state=1, previous=tmp_path / "old")
    assert again.names == bundle.names[::-1]
    assert agreement(again.segmenter.labels_, old.labels_) >= 0.95
    assert [s.id for s in again.profile.segments] == [0, 1, 2, 3]


def test_a_bundle_in_memory_serves_as_the_previous_one(bundle, customers):
    renamed = copy.copy(bundle)
    renamed.names = [f"Persona {i}" for i in range(4)]  # names only the old model can give
    again = train_bundle(customers, n_segments=4, random_state=1, previous=renamed)
    assert again.names == renamed.names
    assert agreement(again.segmenter.labels_, bundle.segmenter.labels_) >= 0.95


def test_retraining_over_a_bundle_of_another_scikit_learn_keeps_its_names(
    bundle, customers, folder
):
    # The refusal message says to retrain into the same folder: that must work, and nothing
    # of the old model needs unpickling to keep the names.
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    major, minor = sklearn.__version__.split(".")[:2]
    manifest["versions"]["scikit-learn"] = f"{major}.{int(minor) - 1}.0"
    path.write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match=f"--out {folder}"):
        load_bundle(folder)
    again = train_bundle(customers, n_segments=4, random_state=1, out_dir=folder)
    assert again.names == bundle.names
    assert load_bundle(folder).manifest["versions"]["scikit-learn"] == sklearn.__version__


def test_retraining_over_a_damaged_bundle_replaces_it_with_a_note(customers, folder):
    (folder / "profile.json").write_text("{}")
    bundle = train_bundle(customers, n_segments=4, random_state=1, out_dir=folder)
    assert any("replaced without keeping" in n and "sha256" in n for n in bundle.notes)
    assert len(load_bundle(folder).names) == 4


def test_a_damaged_previous_bundle_given_explicitly_is_refused(customers, folder):
    (folder / "profile.json").write_text("{}")
    with pytest.raises(BundleError, match="sha256"):
        train_bundle(customers, n_segments=4, previous=folder)


# -- one customer --------------------------------------------------------------------------------
PARTIAL = {"Income": 80_000, "Kidhome": 0}


def test_assign_customer_lists_the_attributes_it_imputed(bundle):
    result = assign_customer(bundle, PARTIAL)
    model_inputs = set(bundle.manifest["columns_used"]) - {"Dt_Customer"}
    assert set(result.imputed) == model_inputs - set(PARTIAL)
    assert len(result.imputed) == len(set(result.imputed))


def test_membership_sums_to_one_and_its_top_is_the_assigned_persona(bundle):
    result = assign_customer(bundle, PARTIAL)
    assert set(result.membership) == set(bundle.names)
    assert sum(result.membership.values()) == pytest.approx(1.0, abs=1e-3)
    assert max(result.membership, key=result.membership.get) == result.name
    assert result.name == bundle.names[result.segment]


def test_reasons_are_sentences(bundle):
    reasons = assign_customer(bundle, PARTIAL).reasons
    assert reasons and all(isinstance(r, str) and r.strip() for r in reasons)
    assert reasons[0].startswith("income 80,000 is closer to this segment's typical ")


def test_a_complete_customer_gets_the_predicted_segment_and_nothing_imputed(bundle, customers):
    row = customers[customers["Income"].notna()].iloc[[5]]
    inputs = bundle.segmenter.features_.model_columns
    result = assign_customer(bundle, {c: row[c].item() for c in inputs})
    assert result.imputed == []
    assert result.segment == quietly(bundle.segmenter.predict, row)[0]


def test_numbers_given_as_text_count_as_numbers(bundle):
    as_text = assign_customer(bundle, {"Income": "80000", "Kidhome": "0"})
    assert as_text.imputed == assign_customer(bundle, PARTIAL).imputed
    assert as_text.membership == assign_customer(bundle, PARTIAL).membership


def test_a_generic_customer_without_its_category_is_assigned(mall_bundle):
    result = assign_customer(mall_bundle, {"Age": 30, "Spending Score (1-100)": 80})
    assert set(result.imputed) == {"Gender", "Annual Income (k$)"}
    assert sum(result.membership.values()) == pytest.approx(1.0, abs=1e-3)


# -- a whole table -------------------------------------------------------------------------------
def test_assign_frame_gives_each_row_its_predicted_segment(bundle, customers):
    out = assign_frame(bundle, customers)
    assert list(out.columns) == ["ID", "segment", "persona_name", "membership"]
    assert out["ID"].tolist() == customers["ID"].astype(int).tolist()
    np.testing.assert_array_equal(out["segment"], bundle.segmenter.predict(customers))
    assert out["persona_name"].tolist() == [bundle.names[s] for s in out["segment"]]
    proba = bundle.segmenter.predict_proba(customers)
    np.testing.assert_allclose(out["membership"], proba.max(axis=1).round(4))


def test_chunked_assignment_equals_one_chunk(bundle, customers):
    pd.testing.assert_frame_equal(
        assign_frame(bundle, customers, chunk_rows=7), assign_frame(bundle, customers)
    )


def test_iter_assign_yields_chunks_of_at_most_chunk_rows(bundle, customers):
    sizes = [len(chunk) for chunk in iter_assign(bundle, customers, chunk_rows=7)]
    assert sizes == [7] * (ROWS // 7) + [ROWS % 7]


def test_id_column_keeps_its_own_name(mall_bundle, mall):
    out = assign_frame(mall_bundle, mall, id_column="CustomerID")
    assert list(out.columns) == ["CustomerID", "segment", "persona_name", "membership"]
    assert out["CustomerID"].tolist() == list(range(1, 61))


def test_a_table_without_the_id_column_gets_no_id(mall_bundle, mall):
    out = assign_frame(mall_bundle, mall)  # default id_column "ID" is not in this table
    assert list(out.columns) == ["segment", "persona_name", "membership"]


@pytest.mark.parametrize("column", ["Income", "MntWines"])
def test_a_batch_missing_a_required_column_is_refused_naming_it(bundle, customers, column):
    with pytest.raises(ModelError, match=f"lacks columns the model needs: .*{column}"):
        assign_frame(bundle, customers.drop(columns=column))


# -- CSV cells safe for spreadsheets ---------------------------------------------------------
@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+1", "-2+3+cmd", "@SUM(1)", "\tx", "\rx"])
def test_formula_like_text_gets_a_leading_quote(text):
    out = formula_safe(pd.DataFrame({"persona_name": [text, "Frugal Families"]}))
    assert out["persona_name"].tolist() == ["'" + text, "Frugal Families"]


@pytest.mark.parametrize("text", ["Frugal Families", "a=b", "x-1", "", " =1"])
def test_other_text_is_left_alone(text):
    assert formula_safe(pd.DataFrame({"c": [text]}))["c"].tolist() == [text]


def test_numbers_are_left_alone():
    frame = pd.DataFrame({"id": [-1, 2], "membership": [-0.5, 0.75]})
    pd.testing.assert_frame_equal(formula_safe(frame), frame)


def test_numbers_in_a_mixed_text_column_are_left_alone():
    frame = pd.DataFrame({"id": pd.Series([-3, "=cmd", None, 4.5], dtype=object)})
    assert formula_safe(frame)["id"].tolist() == [-3, "'=cmd", None, 4.5]


def test_formula_safe_does_not_mutate_its_input():
    frame = pd.DataFrame({"c": ["=1", "ok"], "n": [1, 2]})
    before = frame.copy()
    formula_safe(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_a_generic_table_with_an_empty_category_cell_trains_and_assigns(mall):
    gaps = mall.assign(Gender=mall["Gender"].where(mall.index != 5))  # row 5: no Gender
    trained = train_bundle(gaps, feature_set="generic", n_segments=3)
    out = assign_frame(trained, gaps, id_column="CustomerID")
    assert len(out) == 60 and out["segment"].isin([0, 1, 2]).all()
