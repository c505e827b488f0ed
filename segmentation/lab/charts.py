"""PNG charts of the model lab's comparison table, and the knee of each inertia curve.

Three charts a marketer can read: the elbow (inertia against k, knees marked), silhouette
against k and bootstrap stability against k. Each algorithm keeps one colour and marker on
all three; each feature set gets its own panel (its own y scale), stacked with a shared k axis.
Drawn with matplotlib's object API (``Figure``, no pyplot): no global state, no GUI backend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, NullLocator

from segmentation.errors import SchemaError
from segmentation.model import STABLE_ARI

__all__ = ["find_knee", "knees", "lab_charts"]

_ALGORITHMS = (
    "kmeans",
    "minibatch_kmeans",
    "gmm",
    "agglomerative",
    "spectral",
    "birch",
    "meanshift",
    "hdbscan",
)
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<")
_REQUIRED = ("algorithm", "k", "feature_set", "inertia", "silhouette", "stability")
_CHARTS = (
    (
        "elbow",
        "inertia",
        "inertia (within-segment sum of squares)",
        "Elbow: inertia by number of segments",
    ),
    (
        "silhouette",
        "silhouette",
        "silhouette (higher is better)",
        "Separation: silhouette by number of segments",
    ),
    (
        "stability",
        "stability",
        "bootstrap stability (ARI)",
        "Stability: bootstrap agreement by number of segments",
    ),
)
"""(file name, metric column, y-axis label, title) of each chart."""
_FIGSIZE_ONE = (7.0, 4.5)
_PANEL_HEIGHT = 3.0
_DPI = 110
_FLAT = 1e-9
_LABEL_BOX = MappingProxyType(
    {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
)


def find_knee(ks: Sequence[int], values: Sequence[float]) -> int | None:
    """The k at the knee ("elbow") of a decreasing convex curve such as inertia against k.

    Kneedle rule (Satopää, Albrecht, Irwin & Raghavan, 2011), offline form: drop points whose
    value is NaN or infinite, sort by k, scale k and the values to [0, 1] by min-max
    (``x = (k - k_min) / (k_max - k_min)``, ``y = (v - v_min) / (v_max - v_min)``), and form the
    difference curve ``d = (1 - y) - x``: how far the curve lies below the straight line from
    the first point to the last one (for a monotone decreasing curve that line is
    ``y = 1 - x``). The knee is the interior point where ``d`` is largest; ties go to the
    smaller k. An end point is never a knee.

    Returns None when fewer than 3 finite points remain, when the values are flat, when the
    last value is not below the first (not a decreasing curve), or when ``d <= 0`` at every
    interior point (a straight or concave curve has no knee).

    >>> find_knee([1, 2, 3, 4, 5, 6], [100, 40, 20, 15, 12, 10])
    3
    """
    if len(ks) != len(values):
        raise ValueError(
            f"ks and values must have the same length; got {len(ks)} and {len(values)}."
        )
    x = np.asarray(ks, dtype=float)
    y = np.asarray(values, dtype=float)
    finite = np.isfinite(x) & np.isfinite(y)
    x, y = x[finite], y[finite]
    if len(x) < 3:
        return None
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    if np.any(np.diff(x) == 0):
        raise ValueError(f"ks must be distinct; got {sorted(x.astype(int).tolist())}.")
    span = y.max() - y.min()
    if span <= _FLAT * max(1.0, abs(y).max()) or y[-1] >= y[0]:
        return None
    x_norm = (x - x[0]) / (x[-1] - x[0])
    y_norm = (y - y.min()) / span
    difference = (1.0 - y_norm) - x_norm
    inner = difference[1:-1]
    best = int(np.argmax(inner))
    if inner[best] <= _FLAT:
        return None
    return int(x[best + 1])


def knees(table: pd.DataFrame) -> dict[tuple[str, str], int | None]:
    """Knee of the inertia curve per (algorithm, feature_set), by :func:`find_knee`.

    Every (algorithm, feature_set) pair of the table is a key, sorted; the value is None where
    there is no knee (fewer than 3 finite inertia values, e.g. meanshift's single row).
    Raises SchemaError when a column is missing or a (algorithm, k, feature_set) repeats.
    """
    _check_table(table, ("algorithm", "k", "feature_set", "inertia"))
    result: dict[tuple[str, str], int | None] = {}
    for (algorithm, feature_set), group in table.groupby(["algorithm", "feature_set"], sort=True):
        result[(str(algorithm), str(feature_set))] = find_knee(
            group["k"].tolist(), group["inertia"].astype(float).tolist()
        )
    return result


def lab_charts(table: pd.DataFrame, out_dir: str | Path, *, title: str = "") -> dict[str, Path]:
    """Write ``elbow.png``, ``silhouette.png`` and ``stability.png`` of a lab table to out_dir.

    ``table`` has one row per (algorithm, k, feature_set) with at least the columns
    ``algorithm``, ``k``, ``feature_set``, ``inertia``, ``silhouette`` and ``stability``;
    rows whose plotted metric is NaN are left out of that chart. Each algorithm is a line with
    markers in its own colour (the same on all three charts); an algorithm with a single row
    (meanshift, hdbscan) is a labelled point. The elbow chart draws only algorithms with
    inertia at two k or more and marks each knee; the stability chart has a dashed line at
    ``model.STABLE_ARI``. Several feature sets give one panel each, stacked. A chart or panel
    with nothing to plot says "no data". ``out_dir`` is created if missing; the table is not
    modified. Returns ``{"elbow": path, "silhouette": path, "stability": path}``.

    Raises:
        SchemaError: when a required column is missing or a (algorithm, k, feature_set) has
            several rows.
    """
    _check_table(table, _REQUIRED)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = table.loc[:, list(_REQUIRED)].copy()
    frame["algorithm"] = frame["algorithm"].astype(str)
    frame["feature_set"] = frame["feature_set"].astype(str)
    styles = _styles(frame["algorithm"].unique().tolist())
    found = knees(frame)
    suffix = f" — {title}" if title else ""
    paths: dict[str, Path] = {}
    for name, metric, ylabel, heading in _CHARTS:
        fig = _chart(frame, metric, ylabel, heading + suffix, styles, found)
        paths[name] = out / f"{name}.png"
        fig.savefig(paths[name])
    return paths


def _chart(
    frame: pd.DataFrame,
    metric: str,
    ylabel: str,
    heading: str,
    styles: dict[str, tuple[str, str]],
    found: dict[tuple[str, str], int | None],
) -> Figure:
    """One chart of a metric against k: a panel per feature set, one legend on the right."""
    feature_sets = sorted(frame["feature_set"].unique().tolist()) or [""]
    several = len(feature_sets) > 1
    fig = _figure(len(feature_sets), heading)
    axes = fig.subplots(len(feature_sets), 1, sharex=True, squeeze=False)[:, 0]
    handles: dict[str, Artist] = {}
    plotted = False
    for ax, feature_set in zip(axes, feature_sets, strict=True):
        rows = frame[
            (frame["feature_set"] == feature_set) & frame[metric].notna() & frame["k"].notna()
        ]
        if metric == "inertia":
            rows = rows.groupby("algorithm").filter(lambda g: g["k"].nunique() >= 2)
        if rows.empty:
            _no_data(ax)
        else:
            plotted = True
            _draw_lines(ax, rows, metric, styles, handles)
            if metric == "inertia":
                _mark_knees(ax, rows, feature_set, found, styles)
        if metric == "stability":
            label = f"stable ({STABLE_ARI:.2f})"
            handles[label] = ax.axhline(STABLE_ARI, color="0.3", linestyle="--", linewidth=1.2)
            ax.set_ylim(_low(rows, metric), 1.05)
        if several:
            ax.set_title(f"feature set: {feature_set}", fontsize=9, loc="left")
        ax.set_ylabel(ylabel, fontsize=8 if several else 9)
        ax.grid(True, alpha=0.3)
    # The k axis is shared: integer ticks, or none at all when no panel has a point.
    axes[-1].xaxis.set_major_locator(MaxNLocator(integer=True) if plotted else NullLocator())
    axes[-1].set_xlabel("number of segments k")
    if handles:
        fig.legend(
            list(handles.values()),
            list(handles.keys()),
            loc="outside right center",
            fontsize=8,
            frameon=False,
        )
    return fig


def _check_table(table: pd.DataFrame, required: Sequence[str]) -> None:
    """Raise SchemaError when required columns are missing or a (algorithm, k, feature_set)
    has more than one row."""
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise SchemaError(
            f"The lab table lacks column(s) {', '.join(missing)}; "
            f"it has {', '.join(map(str, table.columns)) or 'no columns'}."
        )
    key = ["algorithm", "k", "feature_set"]
    repeated = table.loc[table.duplicated(key, keep=False) & table["k"].notna(), key]
    if not repeated.empty:
        algorithm, k, feature_set = repeated.iloc[0]
        count = int((repeated == repeated.iloc[0]).all(axis=1).sum())
        raise SchemaError(
            f"The lab table should have one row per (algorithm, k, feature_set); "
            f"({algorithm!r}, k={k:g}, {feature_set!r}) has {count} "
            f"({len(repeated)} repeated rows in all)."
        )


def _styles(algorithms: list[str]) -> dict[str, tuple[str, str]]:
    """Colour and marker per algorithm: fixed for the known ones, then in name order."""
    known = [a for a in _ALGORITHMS if a in algorithms]
    others = sorted(a for a in algorithms if a not in _ALGORITHMS)
    styles: dict[str, tuple[str, str]] = {}
    for algorithm in known:
        i = _ALGORITHMS.index(algorithm)
        styles[algorithm] = (_PALETTE[i], _MARKERS[i])
    for j, algorithm in enumerate(others):
        i = (len(_ALGORITHMS) + j) % len(_PALETTE)
        styles[algorithm] = (_PALETTE[i], _MARKERS[i])
    return styles


def _figure(n_panels: int, heading: str) -> Figure:
    """A figure of about 7 x 4.5 in (taller with stacked panels) at 110 dpi, with a heading."""
    width, height = _FIGSIZE_ONE
    if n_panels > 1:
        height = 1.3 + _PANEL_HEIGHT * n_panels
    fig = Figure(figsize=(width, height), dpi=_DPI, layout="constrained")
    fig.suptitle(heading, fontsize=11)
    return fig


def _draw_lines(
    ax: Axes,
    rows: pd.DataFrame,
    metric: str,
    styles: dict[str, tuple[str, str]],
    handles: dict[str, Artist],
) -> None:
    """One line with markers per algorithm; a single-row algorithm is a labelled point."""
    for algorithm in [a for a in styles if a in set(rows["algorithm"])]:
        points = rows[rows["algorithm"] == algorithm].sort_values("k")
        colour, marker = styles[algorithm]
        (line,) = ax.plot(
            points["k"].to_numpy(),
            points[metric].to_numpy(dtype=float),
            color=colour,
            marker=marker,
            markersize=5 if len(points) > 1 else 8,
            linewidth=1.6,
            label=algorithm,
        )
        handles.setdefault(algorithm, line)
        if len(points) == 1:
            ax.annotate(
                f"{algorithm} (k={int(points['k'].iloc[0])})",
                (float(points["k"].iloc[0]), float(points[metric].iloc[0])),
                xytext=(7, -3),
                textcoords="offset points",
                fontsize=7.5,
                color=colour,
                bbox=dict(_LABEL_BOX),
            )


def _mark_knees(
    ax: Axes,
    rows: pd.DataFrame,
    feature_set: str,
    found: dict[tuple[str, str], int | None],
    styles: dict[str, tuple[str, str]],
) -> None:
    """Ring each line's knee in its colour; write "knee k=…" once per distinct knee.

    Algorithms that share a knee share one label (dark grey), placed above and to the right
    of the highest ring, where a decreasing curve leaves room; a knee of its own takes the
    algorithm's colour.
    """
    by_knee: dict[int, list[tuple[str, float]]] = {}
    for algorithm in [a for a in styles if a in set(rows["algorithm"])]:
        knee = found.get((algorithm, feature_set))
        if knee is None:
            continue
        point = rows[(rows["algorithm"] == algorithm) & (rows["k"] == knee)]
        y = float(point["inertia"].iloc[0])
        ax.plot(
            [knee],
            [y],
            marker="o",
            markersize=13,
            markerfacecolor="none",
            markeredgecolor=styles[algorithm][0],
            markeredgewidth=1.8,
            linestyle="none",
        )
        by_knee.setdefault(knee, []).append((algorithm, y))
    for knee, members in sorted(by_knee.items()):
        colour = styles[members[0][0]][0] if len(members) == 1 else "0.15"
        ax.annotate(
            f"knee k={knee}",
            (float(knee), max(y for _, y in members)),
            xytext=(18, 18),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            color=colour,
            bbox=dict(_LABEL_BOX),
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.9},
        )


def _no_data(ax: Axes) -> None:
    """Say "no data" in the middle of an empty panel, without a meaningless y scale."""
    ax.yaxis.set_major_locator(NullLocator())
    ax.text(
        0.5,
        0.5,
        "no data",
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=14,
        color="0.45",
    )


def _low(rows: pd.DataFrame, metric: str) -> float:
    """0, or the lowest value of a metric in rows rounded down to 0.1 when it is negative."""
    values = rows[metric].to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0 or values.min() >= 0:
        return 0.0
    return math.floor(values.min() * 10) / 10
