"""The "Assign a customer" tab: a form built from the model's inputs, the persona it gives,
membership probabilities, the reasons, a live what-if, and the assignment as JSON."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.webapp.common import AppContext, user_errors
from assistant.webapp.state import UserState
from assistant.webapp.views.cards import assignment_markdown, membership_frame
from assistant.webapp.views.form import (
    FIELDS,
    KEYS,
    assign_form,
    attribute_template,
    form_customer,
    form_defaults,
    uses_form,
    what_if_text,
)
from assistant.webapp.views.table_form import (
    CHOICE_SLOTS,
    NUMBER_SLOTS,
    ColumnField,
    column_fields,
    slot_fields,
)
from segmentation.assign import assign_customer as assign_attributes
from segmentation.bundle import Bundle

__all__ = ["AssignTab", "assign_tab"]

_PER_ROW = 6
_WHAT_IF = ("income", "kidhome", "teenhome")
_LABEL = {f.key: f.label for f in FIELDS}
_COPY_JS = "(income, kids, teens) => [income, kids, teens]"
_POOL_NAMES = (*(f"number_{i + 1}" for i in range(NUMBER_SLOTS)),
               *(f"choice_{i + 1}" for i in range(CHOICE_SLOTS)))  # fmt: skip


@dataclass
class AssignTab:
    """The tab's form inputs and result components."""

    fields: list[gr.Number]
    card: gr.Markdown
    form: gr.Column  # the numeric fields, hidden for a generic model
    columns: gr.Column  # a generic model's fields (the pools below), hidden otherwise
    numbers: list[gr.Number]  # pool of number fields for a table's columns
    choices: list[gr.Dropdown]  # pool of dropdowns for a table's categories
    other: gr.Accordion  # holds `extra`
    extra: gr.Textbox  # other attributes as JSON (a generic model's columns beyond the pools)
    what_if: gr.Column  # the what-if controls (of the form's fields), hidden for a generic model

    @property
    def model_views(self) -> list[gr.blocks.Block]:
        """The parts that follow the session's model (see `render`)."""
        return [self.form, self.columns, *self.numbers, *self.choices, self.other, self.extra,
                self.what_if]  # fmt: skip

    def render(self, bundle: Bundle) -> dict[gr.blocks.Block, Any]:
        """``{part: update}`` of `model_views` for a session's new model: the numeric form
        for the reference columns, or a field per column of a generic model's table (and
        the JSON template of those beyond the pools)."""
        numeric = uses_form(bundle)
        pooled_numbers, pooled_choices, rest = slot_fields(column_fields(bundle))
        return (
            {
                self.form: gr.Column(visible=numeric),
                self.columns: gr.Column(visible=not numeric),
                self.other: gr.Accordion(open=bool(rest)),
                self.extra: attribute_template(bundle),
                self.what_if: gr.Column(visible=numeric),
            }
            | {slot: _number(f) for slot, f in _pair(self.numbers, pooled_numbers)}
            | {slot: _choice(f) for slot, f in _pair(self.choices, pooled_choices)}
        )


def _pair(slots: list[Any], fields: list[ColumnField]) -> list[tuple[Any, ColumnField | None]]:
    """Each slot with the field it shows, by position (None past the fields)."""
    return [(slot, fields[i] if i < len(fields) else None) for i, slot in enumerate(slots)]


def _number(f: ColumnField | None, **kwargs: Any) -> gr.Number:
    """A pool's number field showing column field ``f`` (hidden and empty without one);
    ``kwargs`` when building it (``elem_id``)."""
    if f is None:
        return gr.Number(value=None, visible=False, **kwargs)
    # Its limits are checked by `customer_from_columns`, whose error names the field (the
    # browser's own check of minimum/maximum does not).
    return gr.Number(
        value=None, label=f.column, info=f.info, step=1, precision=0 if f.integer else None,
        visible=True, **kwargs,
    )  # fmt: skip


def _choice(f: ColumnField | None, **kwargs: Any) -> gr.Dropdown:
    """A pool's dropdown showing category field ``f`` (hidden and empty without one)."""
    if f is None:
        return gr.Dropdown(choices=[], value=None, visible=False, **kwargs)
    return gr.Dropdown(
        choices=list(f.choices), value=None, label=f.column, info=f.info, visible=True,
        **kwargs,
    )  # fmt: skip


def _values(args: tuple[Any, ...]) -> dict[str, float | None]:
    return dict(zip(KEYS, args, strict=True))


def _split(
    values: list[Any],
) -> tuple[dict[str, float | None], tuple[list[float | None], list[str | None]]]:
    """The handler's field values: the reference form's, and the two pools' of a table."""
    n = len(KEYS)
    form = _values(tuple(values[:n]))
    return form, (values[n : n + NUMBER_SLOTS], values[n + NUMBER_SLOTS :])


def _named(fn: Callable[..., Any], *names: str, optional: int = 0) -> Callable[..., Any]:
    """Give a ``*args`` handler the parameter names the API shows (age, income, ...); the
    last ``optional`` ones default to None (the API lets callers leave them out)."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    first = len(names) - optional
    params = [
        inspect.Parameter(n, kind, **({"default": None} if i >= first else {}))
        for i, n in enumerate(names)
    ]
    fn.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return fn


def assign_tab(ctx: AppContext, state: gr.State) -> AssignTab:
    """Build the tab. Defaults are the default model's population medians."""
    defaults = form_defaults(ctx.default.bundle.profile)
    gr.Markdown(
        "Describe one customer (every field starts at the typical customer; empty fields "
        "take the typical value) and press **Assign**."
    )
    fields: list[gr.Number] = []
    first = ctx.default.bundle
    with gr.Column(visible=uses_form(first)) as form:
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
    first_numbers, first_choices, first_rest = slot_fields(column_fields(first))
    numbers: list[gr.Number] = []
    choices: list[gr.Dropdown] = []
    shown = [f for _, f in _pair(list(range(NUMBER_SLOTS)), first_numbers)]
    with gr.Column(visible=not uses_form(first)) as columns:  # a table's own columns
        for start in range(0, NUMBER_SLOTS, _PER_ROW):
            with gr.Row():
                for i in range(start, start + _PER_ROW):
                    numbers.append(_number(shown[i], elem_id=f"column-number-{i + 1}"))
        with gr.Row():
            for i, f in _pair(list(range(CHOICE_SLOTS)), first_choices):
                choices.append(_choice(f, elem_id=f"column-choice-{i + 1}"))
    with gr.Accordion(
        "Other attributes (JSON; a table's columns beyond the form's fields)",
        open=bool(first_rest),
    ) as other:
        extra = gr.Textbox(
            value=attribute_template(first),
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
                y_lim=[0, 100], height=320, x_label_angle=-30, x_title=" ", sort="-y",
            )  # fmt: skip
    with gr.Column(visible=uses_form(first)) as what_if_box:  # the form's fields only
        gr.Markdown("#### What if? Change income or children and see whether the persona changes")
        with gr.Row():
            income = gr.Slider(
                0, max(200_000, 4 * defaults["income"]), value=defaults["income"], step=1000,
                label=_LABEL["income"], elem_id="whatif-income",
            )  # fmt: skip
            kids = gr.Number(defaults["kidhome"], label=_LABEL["kidhome"], minimum=0, maximum=5,
                             precision=0)  # fmt: skip
            teens = gr.Number(defaults["teenhome"], label=_LABEL["teenhome"], minimum=0, maximum=5,
                              precision=0)  # fmt: skip
        what_if_md = gr.Markdown(elem_id="whatif-result")
    code = gr.Code(
        language="json", label="Assignment as JSON (copy button at the top right)", max_lines=16
    )

    def assign_customer(*args: Any) -> dict[gr.Component, Any]:
        """Assign the form's customer: card, membership chart, reasons, JSON and the what-if
        line of the unchanged customer."""
        *values, extra_json, given = args
        st = ctx.state(given)
        form, pools = _split(values)
        with user_errors():
            numeric = uses_form(st.bundle)
            given = form_customer(st.bundle, form, extra_json, pools)
            result = assign_attributes(st.bundle, given)
            given_values = form if numeric else given
        card_md, reasons_md = assignment_markdown(st.bundle, result, st.personas)
        payload = {"customer": {k: v for k, v in given_values.items() if v is not None}}
        payload |= result.to_dict()
        same = what_if_text(result, result, {k: form[k] for k in _WHAT_IF}) if numeric else ""
        return {
            card: card_md,
            membership: membership_frame(st.bundle, result),  # a value: no config update
            reasons: reasons_md,
            code: json.dumps(payload, indent=1, ensure_ascii=False),
            what_if_md: same,
        } | ({state: st} if given is None else {})  # an unchanged state is not stored again

    def what_if(*args: Any) -> tuple[str, UserState]:
        """The form's customer with the what-if income and children: persona and change."""
        *values, extra_json, new_income, new_kids, new_teens, given = args
        st = ctx.state(given)
        form = _values(tuple(values))
        changes = {"income": new_income, "kidhome": new_kids, "teenhome": new_teens}
        with user_errors():
            base = assign_form(st.bundle, form, extra_json)
            variant = assign_form(
                st.bundle, form | {k: v for k, v in changes.items() if v is not None}, extra_json
            )
        return what_if_text(base, variant, changes), st if given is None else gr.skip()

    assign.click(
        _named(
            assign_customer,
            *KEYS,
            *_POOL_NAMES,
            "other_attributes",
            "st",
            optional=len(_POOL_NAMES) + 2,
        ),  # fmt: skip
        [*fields, *numbers, *choices, extra, state],
        [card, membership, reasons, code, what_if_md, state],
        api_name="assign",
    )
    # The what-if controls start from the form's income and children: copied in the browser
    # (no server round trip; every output of a server event costs time under load). Only a
    # user's own edit of them (``input``, not ``change``) asks the server for a what-if.
    what_if_from = [fields[KEYS.index(k)] for k in _WHAT_IF]
    assign.click(None, what_if_from, [income, kids, teens], js=_COPY_JS, queue=False)
    gr.on(
        [income.input, kids.input, teens.input],
        _named(
            what_if,
            *KEYS,
            "other_attributes",
            "what_if_income",
            "what_if_kidhome",
            "what_if_teenhome",
            "st",
        ),  # fmt: skip
        [*fields, extra, income, kids, teens, state],
        [what_if_md, state],
        api_name="what_if",
        trigger_mode="always_last",
        show_progress="hidden",
    )
    return AssignTab(fields, card, form, columns, numbers, choices, other, extra, what_if_box)
