"""Save and load a fitted model as a versioned folder.

A bundle folder holds ``model.joblib`` (the fitted `Segmenter`), ``profile.json`` (segment
statistics, aggregates only) and ``manifest.json`` (format version, creation time, package
versions, data hash, columns, parameters, metrics, names, and the sha256 of the other two
files). Loading verifies the hashes *before* unpickling, so a tampered, truncated or foreign
file is refused rather than executed, and refuses a model pickled by a scikit-learn whose
major.minor version differs from the running one.

The hash protects integrity, not authenticity: like any pickle, only load bundles you made
or trust.
"""

from __future__ import annotations

import hashlib
import io
import json
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import sklearn

from segmentation.errors import BundleError
from segmentation.profile import Profile

__all__ = [
    "FORMAT_VERSION",
    "Bundle",
    "data_sha256",
    "load_bundle",
    "load_profile",
    "save_bundle",
]

FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
PROFILE_FILE = "profile.json"
MANIFEST_FILE = "manifest.json"


@dataclass
class Bundle:
    """A model bundle: the fitted segmenter, its profile, names and manifest, where it was
    saved, and - just after training - notes for the user about the data it was fitted on
    (not saved)."""

    segmenter: Any
    profile: Profile
    names: list[str]
    manifest: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    notes: list[str] = field(default_factory=list)


def data_sha256(frame: pd.DataFrame) -> str:
    """sha256 of a table's content (column names and values, row order included)."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(map(str, frame.columns)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("personasense", "scikit-learn", "pandas", "numpy", "joblib"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "unknown"
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def save_bundle(
    out_dir: str | Path,
    segmenter: Any,
    profile: Profile,
    names: list[str],
    *,
    metadata_extra: dict[str, Any] | None = None,
) -> Path:
    """Write a bundle folder (created if needed; its bundle files are replaced) and return it.

    ``metadata_extra`` adds manifest entries such as the data hash, source, rows and metrics.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BundleError(f"{out}: exists and is not a folder; choose another --out.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BundleError(f"{out}: cannot create the folder ({exc.strerror}).") from exc
    model_path, profile_path = out / MODEL_FILE, out / PROFILE_FILE
    joblib.dump(segmenter, model_path, compress=3)
    profile_path.write_text(json.dumps(_jsonable(profile.to_dict()), indent=1, allow_nan=False))
    features = segmenter.features_
    manifest = {
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": _versions(),
        "algorithm": segmenter.algorithm,
        "feature_set": segmenter.feature_set,
        "parameters": _jsonable(
            {k: v for k, v in segmenter.get_params().items() if k != "columns"}
        ),
        "seed": segmenter.random_state,
        "n_segments": segmenter.n_segments_,
        "columns_used": list(map(str, features.input_columns_)),
        "features": list(map(str, segmenter.feature_names_out_)),
        "names": list(names),
        "selection": _jsonable(segmenter.selection_),
        **_jsonable(metadata_extra or {}),
        "files": {MODEL_FILE: _file_sha256(model_path), PROFILE_FILE: _file_sha256(profile_path)},
    }
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, allow_nan=False))
    return out


def read_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest of a bundle folder, checked for format; raises `BundleError`."""
    folder = Path(path)
    manifest_path = folder / MANIFEST_FILE
    if not folder.is_dir():
        raise BundleError(f"{folder}: no such bundle folder; train one with `personasense train`.")
    if not manifest_path.is_file():
        raise BundleError(
            f"{folder}: not a PersonaSense bundle (no {MANIFEST_FILE}); "
            "train one with `personasense train FILE --out DIR`."
        )
    try:
        manifest = json.loads(manifest_path.read_text())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError(f"{manifest_path}: unreadable manifest ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        found = manifest.get("format_version") if isinstance(manifest, dict) else None
        raise BundleError(
            f"{manifest_path}: bundle format {found!r} is not supported (this version reads "
            f"{FORMAT_VERSION}); retrain with `personasense train FILE --out {folder}`."
        )
    return manifest


def _checked(folder: Path, manifest: dict[str, Any], name: str) -> bytes:
    """Content of a bundle file whose sha256 matches the manifest; raises `BundleError`.

    Read once: what is parsed afterwards is exactly what was hashed.
    """
    file_path = folder / name
    if not file_path.is_file():
        raise BundleError(f"{folder}: {name} is missing; retrain the bundle.")
    data = file_path.read_bytes()
    if manifest.get("files", {}).get(name) != hashlib.sha256(data).hexdigest():
        raise BundleError(
            f"{file_path}: sha256 does not match the manifest — the file was modified or "
            "does not belong to this bundle. Refusing to load it; retrain the bundle."
        )
    return data


def load_profile(path: str | Path) -> tuple[Profile, list[str]]:
    """The profile and segment names of a bundle folder, hash-checked, without unpickling.

    Enough for a retrained model to keep the ids and names of matching segments; as nothing
    is unpickled, it also reads bundles made with another scikit-learn version.
    """
    folder = Path(path)
    manifest = read_manifest(folder)
    data = _checked(folder, manifest, PROFILE_FILE)
    try:
        profile = Profile.from_dict(json.loads(data.decode()))
    except (ValueError, UnicodeDecodeError, LookupError, TypeError) as exc:
        raise BundleError(
            f"{folder / PROFILE_FILE}: unreadable profile ({exc}); retrain it."
        ) from exc
    return profile, list(manifest.get("names", []))


def load_bundle(path: str | Path) -> Bundle:
    """Load a bundle folder after checking its format, file hashes and scikit-learn version."""
    folder = Path(path)
    manifest = read_manifest(folder)
    model_data = _checked(folder, manifest, MODEL_FILE)
    profile_data = _checked(folder, manifest, PROFILE_FILE)
    made_with = str(manifest.get("versions", {}).get("scikit-learn", "unknown"))
    if made_with.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise BundleError(
            f"{folder}: made with scikit-learn {made_with}, but {sklearn.__version__} is "
            "installed; pickled models are not portable across versions. Retrain with "
            f"`personasense train FILE --out {folder}` (or install scikit-learn=={made_with})."
        )
    try:
        segmenter = joblib.load(io.BytesIO(model_data))
        profile = Profile.from_dict(json.loads(profile_data.decode()))
    except Exception as exc:  # noqa: BLE001 - any unpickling failure is a bundle problem
        raise BundleError(f"{folder}: could not load the model ({exc}); retrain it.") from exc
    return Bundle(segmenter, profile, list(manifest.get("names", [])), manifest, folder)
