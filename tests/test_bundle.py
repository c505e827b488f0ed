"""Model bundles: what is saved comes back the same, and a folder that is not what its
manifest says is refused before anything in it is unpickled.

The bundle is the session's standard one (800 demo customers, k = 4, trained and saved once
per run, `tests._models`); tests that damage a bundle work on their own copy of its folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest
import sklearn

from segmentation.bundle import FORMAT_VERSION, data_sha256, load_bundle, save_bundle
from segmentation.demo import make_customers
from segmentation.errors import BundleError

ROWS = 800


def quietly(func, *args):
    """Call ``func`` with the demo data's far-fence clipping warnings silenced (not the point
    here; test_features covers them)."""
    return func(*args)


@pytest.fixture(scope="module")
def customers(models) -> pd.DataFrame:
    return models.frame(ROWS)


@pytest.fixture(scope="module")
def trained(models):
    """``train_bundle(customers, n_segments=4, random_state=0, out_dir=...)``: the session's,
    saved in ``trained.path`` (read-only)."""
    return models.bundle(ROWS, 4)


@pytest.fixture
def folder(trained, tmp_path) -> Path:
    """A private copy of the trained bundle's folder, free to damage."""
    return Path(shutil.copytree(trained.path, tmp_path / "copy"))


@pytest.fixture
def unpickling(monkeypatch) -> list:
    """Records every call of joblib.load made by segmentation.bundle (and refuses it)."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("joblib.load must not be called")

    monkeypatch.setattr("segmentation.bundle.joblib.load", refuse)
    return calls


def edit_manifest(folder: Path, **changes) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def sklearn_version(minor_offset: int = 0, patch: str | None = None) -> str:
    major, minor, current_patch = (sklearn.__version__.split(".") + ["0"])[:3]
    return f"{major}.{int(minor) + minor_offset}.{patch if patch is not None else current_patch}"


# -- round trip ----------------------------------------------------------------------------------
def test_loaded_bundle_predicts_like_the_trained_one(trained, customers):
    loaded = load_bundle(trained.path)
    np.testing.assert_array_equal(
        quietly(loaded.segmenter.predict, customers), quietly(trained.segmenter.predict, customers)
    )
    np.testing.assert_array_equal(
        quietly(loaded.segmenter.predict_proba, customers),
        quietly(trained.segmenter.predict_proba, customers),
    )


def test_loaded_bundle_has_the_same_profile_and_names(trained):
    loaded = load_bundle(trained.path)
    assert loaded.profile == trained.profile
    assert loaded.names == trained.names
    assert len(loaded.names) == 4 and len(set(loaded.names)) == 4
    assert loaded.path == trained.path


def test_manifest_records_format_time_and_library_versions(trained):
    manifest = load_bundle(trained.path).manifest
    assert manifest["format_version"] == FORMAT_VERSION
    created = datetime.fromisoformat(manifest["created_at"])
    assert created.tzinfo is not None
    versions = manifest["versions"]
    assert versions["scikit-learn"] == sklearn.__version__
    assert versions["pandas"] == pd.__version__
    assert versions["numpy"] == np.__version__


def test_manifest_records_the_data_and_how_the_model_was_fitted(trained, customers):
    manifest = load_bundle(trained.path).manifest
    assert manifest["data_sha256"] == data_sha256(customers)
    assert manifest["rows"] == ROWS
    assert manifest["source"] == "demo"
    assert manifest["feature_set"] == "behavior"
    assert manifest["algorithm"] == "kmeans"
    assert manifest["seed"] == 0
    assert manifest["parameters"]["n_segments"] == 4
    assert manifest["n_segments"] == 4
    assert {"Income", "Kidhome", "MntWines"} <= set(manifest["columns_used"])
    assert "Response" not in manifest["columns_used"]
    assert manifest["names"] == trained.names
    assert {"silhouette", "stability", "min_share", "spend_eta2"} <= set(manifest["metrics"])


def test_manifest_holds_the_sha256_of_model_and_profile(trained):
    files = load_bundle(trained.path).manifest["files"]
    for name in ("model.joblib", "profile.json"):
        assert files[name] == hashlib.sha256((trained.path / name).read_bytes()).hexdigest()


def test_saving_over_a_file_is_refused(trained, tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("not a folder")
    with pytest.raises(BundleError, match="not a folder"):
        save_bundle(target, trained.segmenter, trained.profile, trained.names)


def test_a_folder_that_cannot_be_created_is_a_bundle_error(trained, tmp_path):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(BundleError, match="cannot create"):
        save_bundle(tmp_path / "file.txt" / "model", trained.segmenter, trained.profile, [])


# -- refusals ------------------------------------------------------------------------------------
def flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


def append_a_byte(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\0")


@pytest.mark.parametrize("damage", [flip_one_byte, truncate, append_a_byte])
def test_a_damaged_model_is_refused_before_unpickling(folder, unpickling, damage):
    damage(folder / "model.joblib")
    with pytest.raises(BundleError, match="model.joblib: sha256 does not match the manifest"):
        load_bundle(folder)
    assert unpickling == []


def test_a_foreign_model_with_a_copied_manifest_is_refused(trained, tmp_path, unpickling):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    joblib.dump({"not": "this bundle's model"}, foreign / "model.joblib")
    for name in ("manifest.json", "profile.json"):
        shutil.copy(trained.path / name, foreign / name)
    with pytest.raises(BundleError, match="sha256 does not match"):
        load_bundle(foreign)
    assert unpickling == []


def test_an_edited_profile_is_refused(folder, unpickling):
    path = folder / "profile.json"
    profile = json.loads(path.read_text())
    profile["segments"][0]["size"] += 1
    path.write_text(json.dumps(profile, indent=1))
    with pytest.raises(BundleError, match="profile.json: sha256 does not match"):
        load_bundle(folder)
    assert unpickling == []


def test_a_missing_model_file_is_refused(folder):
    (folder / "model.joblib").unlink()
    with pytest.raises(BundleError, match="model.joblib is missing"):
        load_bundle(folder)


@pytest.mark.parametrize("where", ["empty folder", "no such folder"])
def test_a_folder_without_a_manifest_says_how_to_train_one(tmp_path, where):
    target = tmp_path / "bundle"
    if where == "empty folder":
        target.mkdir()
    with pytest.raises(BundleError, match="personasense train"):
        load_bundle(target)


def test_an_unreadable_manifest_is_refused(folder):
    (folder / "manifest.json").write_text("{not json")
    with pytest.raises(BundleError, match="unreadable manifest"):
        load_bundle(folder)


def test_an_unsupported_format_version_is_refused(folder, unpickling):
    edit_manifest(folder, format_version=FORMAT_VERSION + 1)
    with pytest.raises(BundleError, match=f"format {FORMAT_VERSION + 1} is not supported"):
        load_bundle(folder)
    assert unpickling == []


def test_a_model_from_another_scikit_learn_minor_is_refused_with_how_to_retrain(folder, unpickling):
    manifest = json.loads((folder / "manifest.json").read_text())
    other = sklearn_version(minor_offset=-1)
    edit_manifest(folder, versions={**manifest["versions"], "scikit-learn": other})
    with pytest.raises(BundleError) as caught:
        load_bundle(folder)
    message = str(caught.value)
    assert f"made with scikit-learn {other}" in message
    assert sklearn.__version__ in message
    assert f"personasense train FILE --out {folder}" in message
    assert unpickling == []


def test_a_model_from_another_scikit_learn_patch_release_loads(folder, trained):
    manifest = json.loads((folder / "manifest.json").read_text())
    edit_manifest(
        folder, versions={**manifest["versions"], "scikit-learn": sklearn_version(patch="99")}
    )
    assert load_bundle(folder).names == trained.names


# -- data hash -----------------------------------------------------------------------------------
def test_data_sha256_is_the_same_for_equal_frames(customers):
    assert data_sha256(make_customers(ROWS, random_state=0)) == data_sha256(customers)
    assert data_sha256(customers.copy()) == data_sha256(customers)


def change_one_value(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.loc[out.index[7], "MntWines"] += 1
    return out


def rename_a_column(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={"Income": "Revenue"})


def reverse_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[::-1]


@pytest.mark.parametrize("change", [change_one_value, rename_a_column, reverse_rows])
def test_data_sha256_changes_with_the_content(customers, change):
    assert data_sha256(change(customers)) != data_sha256(customers)
