"""Training a model bundle from a customer table: fit, profile, name, measure and save.

The CLI and the app call `train_bundle`; it holds no state of its own. Assigning customers
with a trained bundle is `segmentation.assign`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmentation.bundle import Bundle, data_sha256, load_profile, read_manifest, save_bundle
from segmentation.catalog import Catalog, generic_catalog, generic_columns
from segmentation.errors import BundleError
from segmentation.evaluate import (
    response_by_segment,
    spend_variance_explained,
    variance_explained,
)
from segmentation.model import Segmenter
from segmentation.naming import match_segments, name_segments
from segmentation.profile import Profile, profile_segments
from segmentation.schema import OUTCOME_COLUMN

__all__ = ["Progress", "train_bundle"]

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def train_bundle(
    frame: pd.DataFrame,
    *,
    algorithm: str = "kmeans",
    n_segments: int | str = "auto",
    feature_set: str = "behavior",
    columns: Sequence[str] | None = None,
    roles: Mapping[str, str] | None = None,
    random_state: int = 0,
    out_dir: str | Path | None = None,
    previous: str | Path | Bundle | None = None,
    source: str = "demo",
    progress: Progress = _quiet,
) -> Bundle:
    """Fit a `Segmenter`, profile and name its segments, measure it, and save it if asked.

    ``previous``: a bundle (its folder, or one in memory) whose matching segments (by profile
    centroid) keep their id and name. When ``out_dir`` already holds a bundle it is the
    previous one unless given; if that one cannot be read (damaged, another format) it is
    replaced, and a note says so. The bundle's ``notes`` say what the user should know: what
    was done to the training data (ages, clipped values), a loose fit, a replaced bundle.
    ``roles``: column -> role overrides for a generic table (`segmentation.catalog.roles`);
    identifiers and free text are never clustered on or profiled; a date is used as the
    days since it.
    """
    implicit = previous is None and out_dir is not None
    implicit = implicit and (Path(out_dir) / "manifest.json").is_file()
    if implicit:
        previous = out_dir
    if feature_set == "generic" and not columns:
        columns = generic_columns(frame, roles=roles)
    progress("fitting features and choosing the number of segments")
    seg = Segmenter(
        algorithm=algorithm,
        n_segments=n_segments,
        feature_set=feature_set,
        columns=list(columns) if columns else None,
        random_state=random_state,
    ).fit(frame)
    progress(f"profiling {seg.n_segments_} segments")
    derived = seg.features_.derive(frame)  # a generic model's: the days since its dates
    used = list(seg.features_.input_columns_) if feature_set == "generic" else None
    if used is not None:  # dates: profiled as the days since them
        used += getattr(seg.features_, "dates_", [])
    catalog = generic_catalog(frame, used, roles=roles) if used is not None else None

    def profile_of(labels: np.ndarray) -> Profile:
        return profile_segments(frame, labels, catalog=catalog, derived=derived, columns=used)

    profile = profile_of(seg.labels_)
    names = name_segments(profile)
    notes = list(seg.notes_)
    old = _previous(previous, implicit, notes) if previous is not None else None
    if old is not None:
        old_profile, old_names = old
        mapping = match_segments(profile, old_profile)
        if mapping:
            seg.reorder(_permutation(mapping, seg.n_segments_))
            profile = profile_of(seg.labels_)
            names = _keep_names(profile, mapping, old_names, seg.n_segments_)
    progress("measuring stability and held-out response")
    metrics = _metrics(seg, frame, catalog)
    bundle = Bundle(seg, profile, names, {"metrics": metrics, "source": source}, notes=notes)
    if out_dir is not None:
        extra = {
            "source": source,
            "data_sha256": data_sha256(frame),
            "rows": len(frame),
            "metrics": metrics,
        }
        path = save_bundle(out_dir, seg, profile, names, metadata_extra=extra)
        bundle.manifest, bundle.path = read_manifest(path), path
    return bundle


def _previous(
    path: str | Path | Bundle, implicit: bool, notes: list[str]
) -> tuple[Profile, list[str]] | None:
    """Profile and names of the previous bundle (from a folder nothing is unpickled, so one
    made with another scikit-learn still serves). An unreadable bundle in the out folder is
    replaced, with a note, rather than blocking the retrain its own error message advises."""
    if isinstance(path, Bundle):
        return path.profile, list(path.names)
    try:
        return load_profile(path)
    except BundleError as exc:
        if not implicit:
            raise
        notes.append(
            f"{path}: the bundle there is replaced without keeping its segment ids and names "
            f"({exc})"
        )
        return None


def _permutation(mapping: dict[int, int], k: int) -> list[int]:
    """New id of every segment: matched ones take the old id, the rest fill the gaps."""
    ids = [mapping.get(i) for i in range(k)]
    free = iter(sorted(set(range(k)) - {v for v in ids if v is not None}))
    return [v if v is not None and v < k else next(free) for v in ids]


def _keep_names(profile: Profile, mapping: dict[int, int], old: list[str], k: int) -> list[str]:
    """Matched segments keep their old name; the others get fresh names unlike those."""
    perm = _permutation(mapping, k)
    kept = {perm[i]: old[o] for i, o in mapping.items() if o < len(old) and perm[i] == o}
    fresh = name_segments(profile, taken=set(kept.values()))
    return [kept.get(i, fresh[i]) for i in range(k)]


def _eta2(seg: Segmenter, frame: pd.DataFrame, catalog: Catalog | None) -> dict[str, Any]:
    """The variance the segments explain: of total spend (the reference schema), else of a
    table's main money column (a spend column before any other), else of the clustered
    columns themselves (labelled so); never NaN."""
    spend = spend_variance_explained(frame, seg.labels_)
    if spend == spend:
        return {"spend_eta2": spend}
    money = [(m.label, m.source) for m in (catalog.metrics if catalog else ()) if m.unit == "money"]
    money.sort(key=lambda m: not re.search(_SPEND, m[0].lower()))
    for label, column in money:
        eta = variance_explained(frame[column], seg.labels_)
        if eta == eta:
            return {"spend_eta2": eta, "eta2_column": label}
    Z = seg.features_.transform(frame)
    total = float(((Z - Z.mean(axis=0)) ** 2).sum())
    within = float(((Z - seg.centers_[seg.labels_]) ** 2).sum())
    return {"features_eta2": 1.0 - within / total} if total > 0 else {}


_SPEND = r"spen[dt]|ausgab|umsatz|d[ée]pens|gast|revenue|sales|turnover|basket"


def _metrics(seg: Segmenter, frame: pd.DataFrame, catalog: Catalog | None) -> dict[str, Any]:
    chosen = next((r for r in seg.selection_ if r["chosen"]), None)
    if chosen is not None:  # "auto" measured the chosen k already
        stability = chosen["stability"]
    else:
        stability = seg.stability_on(frame)
    out: dict[str, Any] = {**seg.scores_, "stability": stability}
    out.update(_eta2(seg, frame, catalog))
    if OUTCOME_COLUMN in frame and frame[OUTCOME_COLUMN].notna().any():
        table = response_by_segment(seg.labels_, frame[OUTCOME_COLUMN])
        out["base_rate"] = table.attrs["base_rate"]
        out["best_lift"] = float(table["lift"].max())
    return out
