"""The "Assign a customer" tab: a form built from the model's inputs, the persona it gives,
membership probabilities, the reasons, a live what-if, and the assignment as JSON."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from app_common import AppContext, user_errors
from assistant.privacy import clean_label
from assistant.ui_cards import assignment_markdown, membership_frame
from assistant.ui_form import FIELDS, KEYS, assign_form, form_defaults, what_if_text
from assistant.ui_session import UserState

__all__ = ["AssignTab", "assign_tab"]

_PER_ROW = 6
_WHAT_IF = ("income", "kids", "teens")


@dataclass
class AssignTab:
    """The tab's form inputs and result components."""

    fields: list[gr.Number]
    card: gr.Markdown


def _values(args: tuple[Any, ...]) -> dict[str, float | None]:
    return dict(zip(KEYS, args, strict=True))


def _named(fn: Callable[..., Any], *names: str) -> Callable[..., Any]:
    """Give a ``*args`` handler the parameter names the API shows (age, income, ...)."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    fn.__signature__ = inspect.Signature([inspect.Parameter(n, kind) for n in names])  # type: ignore[attr-defined]
    return fn


def assign_tab(ctx: AppContext, state: gr.State) -> AssignTab:
    """Build the tab. Defaults are the default model's population medians."""
    defaults = form_defaults(ctx.default.bundle.profile)
    gr.Markdown(
        "Describe one customer (every field starts at the typical customer; empty fields "
        "take the typical value) and press **Assign**."
    )
    fields: list[gr.Number] = []
    for start in range(0, len(FIELDS), _PER_ROW):
        with gr.Row():
            for f in FIELDS[start : start + _PER_ROW]:
                fields.append(
                    gr.Number(
                        value=defaults[f.key],
                        label=f.label,
                        minimum=f.minimum,
                        maximum=f.maximum,
                        step=f.step,
                        precision=0,
                        elem_id=f"field-{f.key}",
                    )
                )
    with gr.Accordion("Other attributes (JSON, for models on other columns)", open=False):
        extra = gr.Textbox(
            value="",
            label='Attributes as a JSON object, e.g. {"Education": "PhD"}',
            lines=2,
            elem_id="extra-json",
        )
    assign = gr.Button("Assign", variant="primary", elem_id="assign-btn")
    with gr.Row():
        with gr.Column(scale=3):
            card = gr.Markdown(elem_id="assign-card")
            reasons = gr.Markdown()
        with gr.Column(scale=2):
            membership = gr.BarPlot(
                x="persona", y="membership", y_title="membership %", title="Membership",
                y_lim=[0, 100], height=320, x_label_angle=-30, x_title=" ",
                sort=[clean_label(n, 60) for n in ctx.default.bundle.names],
            )  # fmt: skip
    gr.Markdown("#### What if? Change income or children and see whether the persona changes")
    with gr.Row():
        income = gr.Slider(
            0, max(200_000, 4 * defaults["income"]), value=defaults["income"], step=1000,
            label="Income", elem_id="whatif-income",
        )  # fmt: skip
        kids = gr.Number(defaults["kids"], label="Small children", minimum=0, maximum=5,
                         precision=0)  # fmt: skip
        teens = gr.Number(defaults["teens"], label="Teenagers", minimum=0, maximum=5,
                          precision=0)  # fmt: skip
    what_if_md = gr.Markdown(elem_id="whatif-result")
    code = gr.Code(
        language="json", label="Assignment as JSON (copy button at the top right)", max_lines=16
    )

    def assign_customer(*args: Any) -> tuple[Any, ...]:
        """Assign the form's customer: card, membership chart, reasons, JSON; the what-if
        controls start from the form's income and children."""
        *values, extra_json, given = args
        st = ctx.state(given)
        form = _values(tuple(values))
        with user_errors():
            result = assign_form(st.bundle, form, extra_json)
        card_md, reasons_md = assignment_markdown(st.bundle, result, st.personas)
        payload = {"customer": {k: v for k, v in form.items() if v is not None}}
        payload |= result.to_dict()
        frame = membership_frame(st.bundle, result)
        return (
            card_md,
            gr.BarPlot(frame, sort=list(frame["persona"])),
            reasons_md,
            json.dumps(payload, indent=1, ensure_ascii=False),
            *(form[k] for k in _WHAT_IF),
            what_if_text(result, result, {k: form[k] for k in _WHAT_IF}),
            st if given is None else gr.skip(),  # unchanged state: nothing to store again
        )

    def what_if(*args: Any) -> tuple[str, UserState]:
        """The form's customer with the what-if income and children: persona and change."""
        *values, extra_json, new_income, new_kids, new_teens, given = args
        st = ctx.state(given)
        form = _values(tuple(values))
        changes = {"income": new_income, "kids": new_kids, "teens": new_teens}
        with user_errors():
            base = assign_form(st.bundle, form, extra_json)
            variant = assign_form(
                st.bundle, form | {k: v for k, v in changes.items() if v is not None}, extra_json
            )
        return what_if_text(base, variant, changes), st if given is None else gr.skip()

    assign.click(
        _named(assign_customer, *KEYS, "other_attributes", "st"),
        [*fields, extra, state],
        [card, membership, reasons, code, income, kids, teens, what_if_md, state],
        api_name="assign",
    )
    gr.on(
        [income.change, kids.change, teens.change],
        _named(
            what_if,
            *KEYS,
            "other_attributes",
            "what_if_income",
            "what_if_kids",
            "what_if_teens",
            "st",
        ),  # fmt: skip
        [*fields, extra, income, kids, teens, state],
        [what_if_md, state],
        api_name="what_if",
        trigger_mode="always_last",
        show_progress="hidden",
    )
    return AssignTab(fields, card)
