"""The model lab in the Segments tab: compare algorithms and k on the session's customers,
as a ranked table and three charts (elbow with its knee, silhouette and stability against k).
The lab only reads the session's state; choosing a model is still the Retrain button's job."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from assistant.webapp.common import AppContext, require_customers, user_errors
from assistant.webapp.state import UserState
from segmentation.algorithms import ALGORITHM_INFO, ALGORITHMS, MAX_NOISE
from segmentation.lab import compare_models
from segmentation.lab.charts import lab_charts
from segmentation.model import MIN_SHARE, STABLE_ARI

__all__ = ["LAB_LIMIT_S", "lab_section", "lab_view", "run_lab"]

LAB_LIMIT_S = 300  # a lab estimated longer is refused (the CLI has --max-minutes)
K_RANGE = (2, 10)
_SHOWN = {
    "rank": "rank", "algorithm": "algorithm", "k": "k", "silhouette": "silhouette",
    "calinski_harabasz": "Calinski-Harabasz", "davies_bouldin": "Davies-Bouldin",
    "stability": "stability", "min_share": "smallest %", "noise_share": "noise %",
    "spend_eta2": "spend η²", "status": "status", "best_lift": "held-out lift",
}  # fmt: skip


def lab_view(table: pd.DataFrame) -> pd.DataFrame:
    """The lab's table as shown: readable names, shares in %, rounded figures, a status."""
    view = table.copy()
    view["algorithm"] = [
        ALGORITHM_INFO[a].label + (" (sample)" if s else "")
        for a, s in zip(view["algorithm"], view["sampled"], strict=True)
    ]
    view["status"] = [
        "stable" if st else "usable" if us else "-"
        for st, us in zip(view["stable"], view["usable"], strict=True)
    ]
    for col in ("min_share", "noise_share"):
        view[col] = (100 * view[col]).round(1)
    view = view[list(_SHOWN)].rename(columns=_SHOWN)
    return view.round({"silhouette": 3, "Davies-Bouldin": 2, "stability": 2, "spend η²": 2,
                       "held-out lift": 2, "Calinski-Harabasz": 0})  # fmt: skip


def run_lab(
    ctx: AppContext, st: UserState | None, algorithms: list[str], progress: Any
) -> tuple[pd.DataFrame, str, str, str, str]:
    """Run the lab on the session's customers with its model's feature set: the table, the
    three chart files and a note on what was sampled."""
    st = ctx.state(st)
    customers = require_customers(st, "The model lab", "upload the table in the Data tab first.")
    if not algorithms:
        raise gr.Error("Choose at least one algorithm.", print_exception=False)
    seg = st.bundle.segmenter
    columns = list(seg.features_.input_columns_) if seg.feature_set == "generic" else None
    steps = [0]

    def step(message: str) -> None:
        steps[0] += 1
        progress(min(steps[0] / (len(algorithms) + 2), 0.95), desc=message)

    with user_errors():
        result = compare_models(
            customers, algorithms=algorithms, k_range=K_RANGE,
            feature_sets=[seg.feature_set], columns=columns, max_seconds=LAB_LIMIT_S,
            progress=step,
        )  # fmt: skip
    charts = lab_charts(result.table, ctx.new_dir(), title=st.source)
    note = (
        f"{len(result.table)} models on {result.rows:,} customers in {result.elapsed_s:.0f} s. "
        + " ".join(n for n in result.notes if "features:" not in n)
    )
    return (
        lab_view(result.table), str(charts["elbow"]), str(charts["silhouette"]),
        str(charts["stability"]), note,
    )  # fmt: skip


def lab_section(ctx: AppContext, state: gr.State) -> None:
    """The lab's accordion (inside the Segments tab) and its event (api_name ``lab``)."""
    with gr.Accordion("Model lab: compare algorithms and k", open=False):
        gr.Markdown(
            "Each algorithm is fitted for k = 2 to 10 on this session's customers and ranked on "
            f"internal criteria only: models where every segment holds at least "
            f"{MIN_SHARE:.0%} of customers (and at most {MAX_NOISE:.0%} are left as noise) and "
            f"refits on resamples agree (stability at least {STABLE_ARI}) come first, then by "
            "silhouette, Calinski-Harabasz, Davies-Bouldin and stability together. The held-out "
            "lift (last campaign's response) is shown beside, never used to rank."
        )
        algorithms = gr.CheckboxGroup(
            [(ALGORITHM_INFO[a].label, a) for a in ALGORITHMS],
            value=list(ALGORITHMS),
            label="Algorithms",
        )
        run = gr.Button("Compare models", elem_id="lab-btn")
        table = gr.Dataframe(
            interactive=False, label="Ranked models (best first)", elem_id="lab-table"
        )
        elbow = gr.Image(
            type="filepath", label="Elbow (knee marked)", height=500, elem_id="lab-elbow"
        )
        with gr.Row():
            silhouette = gr.Image(type="filepath", label="Silhouette against k", height=360)
            stability = gr.Image(type="filepath", label="Stability against k", height=360)
        note = gr.Markdown(elem_id="lab-note")

    def lab(
        chosen: list[str],
        st: UserState | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio's injection idiom
    ) -> tuple[Any, ...]:
        """Compare the chosen algorithms for k = 2..10 on this session's customers."""
        return run_lab(ctx, st, chosen, progress)

    run.click(
        lab,
        [algorithms, state],
        [table, elbow, silhouette, stability, note],
        api_name="lab",
        show_progress_on=[table],
        concurrency_id="train",
        concurrency_limit=2,
    )
