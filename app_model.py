"""The Segments and Data tabs: profile table, customer map, quality, retraining; uploading a
table, its overview, training on it and batch assignment.

Retraining and training on an upload change every view, so ``app`` wires those two buttons;
the functions that do the work are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from app_common import (
    AppContext,
    captured_warnings,
    require_customers,
    train_progress,
    user_errors,
)
from assistant.narrative import write_personas
from assistant.ui_cards import quality_markdown
from assistant.ui_data import data_overview
from assistant.ui_segments import index_columns, segment_map, segment_table
from assistant.ui_session import UserState
from segmentation.algorithms import ALGORITHMS
from segmentation.export import formula_safe
from segmentation.features import FEATURE_SETS
from segmentation.io import load_customers
from segmentation.pipeline import assign_frame, train_bundle

__all__ = ["DataTab", "SegmentsTab", "data_tab", "retrain", "segment_views", "segments_tab",
           "styled_table", "train_upload"]  # fmt: skip

K_CHOICES = ["auto", *map(str, range(2, 11))]
FILE_TYPES = [".csv", ".tsv", ".txt", ".xlsx", ".parquet"]
_HIGH, _LOW = "background-color: #cfe3ff", "background-color: #ffe0c2"


@dataclass
class SegmentsTab:
    """The Segments tab's views and retrain controls."""

    table: gr.Dataframe
    map: gr.ScatterPlot
    quality: gr.Markdown
    algorithm: gr.Dropdown
    k: gr.Dropdown
    features: gr.Dropdown
    retrain: gr.Button


@dataclass
class DataTab:
    """The Data tab's train button and load report (the rest is wired inside the tab)."""

    train: gr.Button
    report: gr.Markdown


def _cell(value: Any) -> str:
    """A table figure as shown: 30,067 · 57 · 1.3 · '' for missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"


def styled_table(table: pd.DataFrame) -> Any:
    """The profile table as text figures, index cells coloured: blue at 120 or more,
    orange at 80 or less (a pandas Styler, which the Dataframe component renders)."""
    css = pd.DataFrame("", index=table.index, columns=table.columns)
    for column in index_columns(table):
        values = pd.to_numeric(table[column], errors="coerce")
        css[column] = [_HIGH if v >= 120 else _LOW if v <= 80 else "" for v in values]
    shown = table.map(_cell)
    return shown.style.apply(lambda _: css, axis=None)


def _map_value(st: UserState) -> pd.DataFrame | None:
    return None if st.customers is None else segment_map(st.bundle, st.customers)


def segment_views(st: UserState) -> list[Any]:
    """Updates of the profile table, the map and the quality figures for a state (event
    outputs only)."""
    points = _map_value(st)
    return [
        styled_table(segment_table(st.bundle)),
        gr.ScatterPlot(points, visible=points is not None),
        quality_markdown(st.bundle),
    ]


def segments_tab(ctx: AppContext) -> SegmentsTab:
    """Build the Segments tab with the default model's views."""
    first = ctx.default
    gr.Markdown(
        "Index columns compare each persona with the average customer (100): blue is 120 "
        "or more, orange 80 or less."
    )
    table_df = gr.Dataframe(
        styled_table(segment_table(first.bundle)), interactive=False, label="Persona profile"
    )
    quality_md = gr.Markdown(quality_markdown(first.bundle))
    points = _map_value(first)
    map_plot = gr.ScatterPlot(
        points, x="x", y="y", color="persona", title="Customers by persona (PCA of the features)",
        x_title="component 1", y_title="component 2", height=440, visible=points is not None,
    )  # fmt: skip
    with gr.Accordion("Retrain (your session only)", open=False):
        with gr.Row():
            seg = ctx.default.bundle.segmenter
            algorithm = gr.Dropdown(list(ALGORITHMS), value=seg.algorithm, label="Algorithm")
            k = gr.Dropdown(K_CHOICES, value="auto", label="Number of segments (k)")
            features = gr.Dropdown(list(FEATURE_SETS), value=seg.feature_set, label="Features")
        retrain_btn = gr.Button("Retrain", variant="primary", elem_id="retrain-btn")
    return SegmentsTab(table_df, map_plot, quality_md, algorithm, k, features, retrain_btn)


def _train(
    st: UserState,
    frame: pd.DataFrame,
    source: str,
    progress: gr.Progress,
    **options: Any,
) -> UserState:
    """A state with a model trained on ``frame`` (and its offline personas)."""
    with user_errors(), captured_warnings() as notes:
        bundle = train_bundle(frame, source=source, progress=train_progress(progress), **options)
        progress(0.9, desc="writing the personas")
        personas = write_personas(bundle.profile, bundle.names)
    for note in notes[:3]:
        gr.Warning(note)
    return st.with_model(bundle, frame, source, personas)


def retrain(
    ctx: AppContext,
    st: UserState | None,
    algorithm: str,
    k: str,
    features: str,
    progress: gr.Progress,
) -> UserState:
    """Retrain this session's model on its customers with the chosen settings; segments
    that match the current model's keep their ids and names."""
    st = ctx.state(st)
    require_customers(
        st, "Retraining", "upload the table in the Data tab and press Train on this data."
    )
    n_segments: int | str = "auto" if k in (None, "", "auto") else int(k)
    return _train(
        st, st.customers, st.source, progress,
        algorithm=algorithm, n_segments=n_segments, feature_set=features, previous=st.bundle,
    )  # fmt: skip


def train_upload(ctx: AppContext, st: UserState | None, progress: gr.Progress) -> UserState:
    """Train a model on the table loaded in the Data tab (for this session only)."""
    st = ctx.state(st)
    if st.upload is None:
        raise gr.Error("Upload a customer table first.", print_exception=False)
    frame, report = st.upload
    features = "behavior" if report.schema == "reference" else "generic"
    return _train(st, frame, report.source, progress, feature_set=features)


def _bar(frame: pd.DataFrame, x: str, title: str) -> gr.BarPlot:
    """An update of an overview chart: ``frame`` in its own order, hidden when empty."""
    top = float(frame.iloc[:, 1].max()) if len(frame) else 0.0
    return gr.BarPlot(
        frame,
        title=title,
        sort=list(frame[x]) if len(frame) else None,
        y_lim=[0, top * 1.08 or None],
        visible=len(frame) > 0,
    )


def data_tab(ctx: AppContext, state: gr.State) -> DataTab:
    """Build the Data tab: upload → report and overview → train; batch assignment."""
    gr.Markdown(
        "Upload a customer table (CSV, TSV, Excel or Parquet). You see what was read and an "
        "overview; **Train on this data** then makes a model for your session only."
    )
    upload = gr.File(label="Customer table", file_types=FILE_TYPES, elem_id="upload-file")
    report_md = gr.Markdown(elem_id="load-report")
    train = gr.Button("Train on this data", variant="primary", elem_id="train-btn")
    chart = {"visible": False, "height": 240, "y_lim": [0, None], "x_label_angle": -30}
    with gr.Row():
        age = gr.BarPlot(x="age", y="customers", **chart)
        income = gr.BarPlot(x="income", y="customers", **chart)
    with gr.Row():
        spend = gr.BarPlot(x="category", y="spend", **chart)
        channels = gr.BarPlot(x="channel", y="purchases", **chart)
        campaigns = gr.BarPlot(x="campaign", y="rate", y_title="% accepted", **chart)
    table = {"interactive": False, "visible": False, "wrap": True}
    with gr.Row():
        missing = gr.Dataframe(label="Empty cells", **table)
        fixes = gr.Dataframe(label="Fixed while reading", **table)
    quirks = gr.Dataframe(label="Quirks the model handles", **table)
    gr.Markdown("#### Assign a whole file to your current model")
    batch_file = gr.File(label="Customers to assign", file_types=FILE_TYPES)
    batch_btn = gr.Button("Assign every customer", elem_id="batch-btn")
    audience = gr.DownloadButton("Audience CSV", visible=False)
    batch_summary = gr.Dataframe(label="Customers per persona", interactive=False, visible=False)

    def load(path: str | None, st: UserState | None) -> tuple[Any, ...]:
        """Read an uploaded table: load report, overview charts and tables."""
        st = ctx.state(st)
        st.upload = None  # a failed upload must not leave the previous table to train on
        if not path:
            raise gr.Error("Choose a file to upload.", print_exception=False)
        with user_errors(), captured_warnings():
            loaded = load_customers(path, name=Path(path).name)
        frame, report = loaded
        view = data_overview(frame, report)
        campaign_rates = view["campaigns"].assign(rate=100 * view["campaigns"]["rate"])
        missing_pct = view["missing"].assign(share=(100 * view["missing"]["share"]).round(1))
        view["missing"] = missing_pct.rename(columns={"share": "share %"})
        st.upload = loaded
        tables = [
            gr.Dataframe(view[k], visible=len(view[k]) > 0) for k in ("missing", "fixes", "quirks")
        ]
        return (
            "```text\n" + report.summary() + "\n```",
            _bar(view["age"], "age", "Customers by age"),
            _bar(view["income"], "income", "Customers by income"),
            _bar(view["spend"], "category", "Spend per category"),
            _bar(view["channels"], "channel", "Purchases per channel"),
            _bar(campaign_rates, "campaign", "Campaign acceptance"),
            *tables,
            st,
        )

    def batch(path: str | None, st: UserState | None) -> tuple[Any, ...]:
        """Assign every customer of a file: the audience CSV and the count per persona."""
        st = ctx.state(st)
        if not path:
            raise gr.Error("Choose the file of customers to assign.", print_exception=False)
        with user_errors(), captured_warnings():
            frame, report = load_customers(path, name=Path(path).name)
            audience_frame = assign_frame(st.bundle, frame, id_column=report.id_column or "ID")
        out = ctx.new_dir() / "audience.csv"
        formula_safe(audience_frame).to_csv(out, index=False)
        counts = audience_frame["persona_name"].value_counts().rename_axis("persona")
        summary = counts.reset_index(name="customers")
        return gr.DownloadButton(value=str(out), visible=True), gr.Dataframe(summary, visible=True)

    upload.upload(
        load,
        [upload, state],
        [report_md, age, income, spend, channels, campaigns, missing, fixes, quirks, state],
        api_name="upload",
        show_progress_on=[report_md],
    )
    batch_btn.click(
        batch,
        [batch_file, state],
        [audience, batch_summary],
        api_name="batch_assign",
        show_progress_on=[batch_summary],
    )
    return DataTab(train, report_md)
