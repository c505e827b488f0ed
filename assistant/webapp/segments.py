"""The Segments tab: the profile table with index colours, the customer map, the quality
figures and retraining (the model lab is `assistant.webapp.lab`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from assistant.webapp.common import AppContext, require_customers, train_model
from assistant.webapp.state import UserState
from assistant.webapp.views.cards import quality_markdown
from assistant.webapp.views.tables import index_columns, segment_map, segment_table
from segmentation.algorithms import ALGORITHMS
from segmentation.features import FEATURE_SETS

__all__ = ["SegmentsTab", "retrained_state", "segments_tab", "styled_table"]

K_CHOICES = ["auto", *map(str, range(2, 11))]
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

    @property
    def views(self) -> list[gr.Component]:
        """The components that follow the session's model (see `render`)."""
        return [self.table, self.map, self.quality]

    def render(self, st: UserState) -> dict[gr.Component, Any]:
        """``{component: update}`` of `views` for a state (event outputs only)."""
        points = _map_value(st)
        return {
            self.table: styled_table(segment_table(st.bundle)),
            self.map: gr.ScatterPlot(points, visible=points is not None),
            self.quality: quality_markdown(st.bundle),
        }


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


def retrained_state(
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
    return train_model(
        st, st.customers, st.source, progress,
        algorithm=algorithm, n_segments=n_segments, feature_set=features, previous=st.bundle,
    )  # fmt: skip
