"""The Data tab: upload a table, see what was read and an overview, train on it (for this
session only), and assign a whole file to the session's model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.webapp.common import AppContext, train_model, user_errors
from assistant.webapp.state import UserState
from assistant.webapp.views.overview import data_overview
from segmentation.assign import assign_frame
from segmentation.catalog.roles import ROLES, infer_roles, parse_roles
from segmentation.io import formula_safe, load_customers
from segmentation.schema import ID_COLUMN

__all__ = ["DataTab", "data_tab", "roles_frame", "train_upload_state"]

FILE_TYPES = [".csv", ".tsv", ".txt", ".xlsx", ".parquet"]


@dataclass
class DataTab:
    """The Data tab's train button and load report (the rest is wired inside the tab)."""

    train: gr.Button
    report: gr.Markdown
    roles: gr.Textbox  # the user's role changes for a table of its own schema


def train_upload_state(
    ctx: AppContext, st: UserState | None, progress: gr.Progress, roles: str | None = None
) -> UserState:
    """Train a model on the table loaded in the Data tab (for this session only); ``roles``
    changes the roles of a table of its own schema ("Kunden-ID=id, Umsatz=money")."""
    st = ctx.state(st)
    if st.upload is None:
        raise gr.Error("Upload a customer table first.", print_exception=False)
    frame, report = st.upload
    if report.schema == "reference":
        return train_model(st, frame, report.source, progress, feature_set="behavior")
    with user_errors():
        given = parse_roles(roles, source="roles")
    return train_model(st, frame, report.source, progress, feature_set="generic", roles=given)


def roles_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Each column of a table of its own schema with the role it is read as, its unit and
    why (`segmentation.catalog.roles.infer_roles`)."""
    rows = [
        {"column": str(col), "role": r.role,
         "unit": (("thousands of " + r.unit) if r.thousands else r.unit) or "",
         "clustered on": "yes" if r.feature else "no", "why": r.reason}
        for col, r in infer_roles(frame).items()
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["column", "role", "unit", "clustered on", "why"])


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
    with gr.Column(visible=False) as roles_box:  # a table of its own schema only
        roles_table = gr.Dataframe(
            label="Columns and how they are read (IDs, text and dates are never clustered on; "
            "a date is profiled as the days since it)",
            interactive=False, wrap=True, elem_id="roles-table",
        )  # fmt: skip
        roles = gr.Textbox(
            value="", label="Change roles (optional)",
            placeholder="e.g. Kunden-ID=id, Umsatz=money",
            info=f"column=role, comma-separated; roles: {', '.join(ROLES)}", elem_id="roles",
        )  # fmt: skip
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

    def load(path: str | None, st: UserState | None) -> dict[gr.Component, Any]:
        """Read an uploaded table: load report, overview charts and tables."""
        st = ctx.state(st)
        st.upload = None  # a failed upload must not leave the previous table to train on
        if not path:
            raise gr.Error("Choose a file to upload.", print_exception=False)
        with user_errors():
            loaded = load_customers(path, name=Path(path).name)
        frame, report = loaded
        view = data_overview(frame, report)
        campaign_rates = view["campaigns"].assign(rate=100 * view["campaigns"]["rate"])
        missing_pct = view["missing"].assign(share=(100 * view["missing"]["share"]).round(1))
        view["missing"] = missing_pct.rename(columns={"share": "share %"})
        st.upload = loaded
        own = report.schema != "reference"
        tables = {
            part: gr.Dataframe(view[k], visible=len(view[k]) > 0)
            for part, k in ((missing, "missing"), (fixes, "fixes"), (quirks, "quirks"))
        }
        return {
            report_md: "```text\n" + report.summary() + "\n```",
            age: _bar(view["age"], "age", "Customers by age"),
            income: _bar(view["income"], "income", "Customers by income"),
            spend: _bar(view["spend"], "category", "Spend per category"),
            channels: _bar(view["channels"], "channel", "Purchases per channel"),
            campaigns: _bar(campaign_rates, "campaign", "Campaign acceptance"),
            roles_box: gr.Column(visible=own),
            roles_table: roles_frame(frame) if own else None,
            roles: "",
            state: st,
        } | tables

    def batch(path: str | None, st: UserState | None) -> tuple[Any, ...]:
        """Assign every customer of a file: the audience CSV and the count per persona."""
        st = ctx.state(st)
        if not path:
            raise gr.Error("Choose the file of customers to assign.", print_exception=False)
        with user_errors():
            frame, report = load_customers(path, name=Path(path).name)
            audience_frame = assign_frame(st.bundle, frame, id_column=report.id_column or ID_COLUMN)
        out = ctx.new_dir() / "audience.csv"
        formula_safe(audience_frame).to_csv(out, index=False)
        counts = audience_frame["persona_name"].value_counts().rename_axis("persona")
        summary = counts.reset_index(name="customers")
        return gr.DownloadButton(value=str(out), visible=True), gr.Dataframe(summary, visible=True)

    upload.upload(
        load,
        [upload, state],
        [
            report_md,
            age,
            income,
            spend,
            channels,
            campaigns,
            missing,
            fixes,
            quirks,
            roles_box,
            roles_table,
            roles,
            state,
        ],  # fmt: skip
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
    return DataTab(train, report_md, roles)
