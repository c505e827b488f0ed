"""What every chat tool guarantees, checked across all of them and through the toolkit.

Runs one or more happy calls per tool (and a check that every tool has one): every number in
the text and table is a recorded figure, results are JSON-ready Markdown without HTML or
links, no customer ID leaves a tool, the toolkit runs each call from JSON, bad arguments come
back as short "Error: ..." text never exceptions, segments under 11 customers show no figures,
no tool changes the context, the tools work on a generic (non-reference) model, and names and
persona text loaded from a file are cleaned.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re

import numpy as np
import pandas as pd
import pytest

from assistant.personas.verify import FactIndex, find_numbers
from assistant.tools import TOOL_NAMES, ChatContext, Toolbox
from segmentation.bundle import Bundle
from segmentation.pipeline import train_bundle
from tests import _tools_cases

# The demo-model fixtures from tests/_tools_cases.py, bound here so pytest finds them.
box = _tools_cases.box
bundle = _tools_cases.bundle
ctx = _tools_cases.ctx
frame = _tools_cases.frame
personas = _tools_cases.personas


# -- figures cover the text ----------------------------------------------------------------------
HAPPY_CALLS = [
    ("list_segments", {}),
    ("describe_segment", {"segment": "1"}),
    ("describe_segment", {"segment": "Affluent Meat & Fish Gourmets"}),
    ("compare_segments", {"segments": ["0", "3", "frugal families"]}),
    ("compare_segments", {"segments": ["1", "2"], "metrics": ["income", "lift", "cmp4", "size"]}),
    ("rank_segments", {"metric": "wine"}),
    ("rank_segments", {"metric": "response rate", "order": "asc", "top": 2}),
    ("rank_segments", {"metric": "median income"}),
    ("rank_segments", {"metric": "size"}),
    ("segment_figure", {"metric": "income", "segment": "3"}),
    ("segment_figure", {"metric": "income"}),
    ("segment_figure", {"metric": "age", "stat": "median"}),
    ("segment_figure", {"metric": "response", "segment": "2"}),
    ("segment_figure", {"metric": "any past campaign", "segment": "2"}),
    ("segment_figure", {"metric": "size", "segment": "4"}),
    ("count_customers", {}),
    (
        "count_customers",
        {"segment": "3", "filters": [{"column": "income", "op": ">", "value": 60000}]},
    ),
    ("count_customers", {"filters": [{"column": "age", "op": "between", "values": [30, 45.5]}]}),
    ("assign_customer", {"income": 61500, "age": 45, "kidhome": 2}),
    ("assign_customer", {"attributes": {"Income": 80000, "MntWines": 900}}),
    ("what_if", {"income": 60000, "kidhome": 2, "income_change": 40000, "kidhome_change": -2}),
    ("what_if", {"kidhome_change": 1}),
    ("what_if", {"income": 30000, "changes": {"marital_status": "Married", "spend_wines": 800}}),
    ("campaign_ideas", {"segment": "3"}),
    ("chart", {"kind": "metric", "metric": "total spend"}),
    ("chart", {"kind": "spend_mix", "segment": "1"}),
    ("chart", {"kind": "channel_mix"}),
    ("chart", {"kind": "sizes"}),
    ("table", {}),
    ("table", {"metrics": ["wine", "web visits", "response lift"]}),
    ("query", {"kind": "aggregate", "measure": "income", "stat": "mean", "by": ["persona"]}),
    (
        "query",
        {
            "kind": "rank",
            "measure": "spend_wines",
            "top": 2,
            "where": [{"field": "children", "op": ">", "value": 0}],
        },
    ),
    ("draft_message", {"segment": "1", "format": "subject"}),
    ("draft_message", {"segment": "3"}),
]
CALL_IDS = [f"{name}-{i}" for i, (name, _) in enumerate(HAPPY_CALLS)]


def test_every_tool_has_a_happy_call_here():
    assert {name for name, _ in HAPPY_CALLS} == set(TOOL_NAMES)


@pytest.mark.parametrize(("name", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_every_number_in_the_text_is_a_figure(box, name, args):
    result = getattr(box, name)(**args)
    assert not result.error, result.text
    index = FactIndex(result.figures)
    unverified = [
        m.text for m in find_numbers(result.text, ignore=box.ctx.literals) if not index.verifies(m)
    ]
    assert unverified == [], result.text


@pytest.mark.parametrize(("name", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_every_number_in_the_table_is_a_figure(box, name, args):
    result = getattr(box, name)(**args)
    if result.table is None:
        return
    index = FactIndex(result.figures)
    columns = result.table["columns"]
    skipped = {"segment", "name", "rank", "metric", "summary"}
    for row in result.table["rows"]:
        for column, cell in zip(columns, row, strict=True):
            if column in skipped or not isinstance(cell, str):
                continue
            assert all(index.verifies(m) for m in find_numbers(cell)), (column, cell)


@pytest.mark.parametrize(("name", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_results_are_json_ready_markdown(box, name, args):
    result = getattr(box, name)(**args)
    json.dumps(result.to_dict(), allow_nan=False)
    assert not re.search(r"<[a-zA-Z/][^>]*>", result.text)  # no raw HTML
    assert "](" not in result.text  # no links or images
    assert all(isinstance(v, float) for v in result.figures.values())


@pytest.mark.parametrize(("name", "args"), HAPPY_CALLS, ids=CALL_IDS)
def test_no_customer_id_leaves_a_tool(box, frame, name, args):
    ids = {str(int(v)) for v in frame["ID"]}
    assert all(len(i) >= 5 for i in ids)
    result = getattr(box, name)(**args)
    blob = result.text + json.dumps(result.to_dict())
    assert not ids & set(re.findall(r"\d{5,}", blob.replace(",", "")))


def test_the_toolkit_runs_every_call_from_json(box):
    kit = box.toolkit
    for name, args in HAPPY_CALLS:
        result = kit.run(name, json.dumps(args))
        assert not result.error, (name, result.text)


# -- small segments, bad arguments ---------------------------------------------------------------
@pytest.fixture
def tiny(bundle, personas) -> Toolbox:
    """The tools over the demo model with segment 4 shrunk to 6 customers."""
    segments = list(bundle.profile.segments)
    segments[4] = dataclasses.replace(segments[4], size=6, share=0.004, small=True)
    profile = dataclasses.replace(bundle.profile, segments=segments)
    return Toolbox(ChatContext(Bundle(bundle.segmenter, profile, bundle.names), personas))


def test_small_segments_show_no_figures(tiny):
    listing = tiny.list_segments()
    assert (
        "**Frugal Families** (segment 4): fewer than 11 customers; figures withheld."
        in listing.text
    )
    assert "segments.4.size" not in listing.figures
    for name, args in [("describe_segment", {"segment": "4"}),
                       ("campaign_ideas", {"segment": "4"}),
                       ("segment_figure", {"metric": "income", "segment": "4"})]:  # fmt: skip
        result = getattr(tiny, name)(**args)
        assert result.error and "fewer than 11 customers" in result.text
    ranked = tiny.rank_segments("income")
    assert 4 not in [r["id"] for r in ranked.data["ranking"]]
    assert "Not ranked (fewer than 11 customers each): Frugal Families (segment 4)" in ranked.text
    assert "6" not in tiny.table().table["rows"][4][2:]


BAD_CALLS = [
    ("describe_segment", {}),
    ("describe_segment", {"segment": "nobody"}),
    ("rank_segments", {"metric": "x"}),
    ("rank_segments", {"metric": "income", "top": 0}),
    ("rank_segments", {"metric": "income", "order": "biggest"}),
    ("segment_figure", {"metric": "income", "stat": "mode"}),
    ("compare_segments", {"segments": "1, 2"}),
    ("count_customers", {"filters": [{"column": "income", "op": "~", "value": 1}]}),
    ("assign_customer", {"income": "a lot"}),
    ("what_if", {"kidhome_change": "one"}),
    ("campaign_ideas", {"segment": "99"}),
    ("chart", {"kind": "pie"}),
    ("table", {"metrics": ["nonsense"]}),
    ("list_segments", {"verbose": True}),
]


@pytest.mark.parametrize(("name", "args"), BAD_CALLS, ids=[n for n, _ in BAD_CALLS])
def test_bad_arguments_are_error_text_never_exceptions(box, name, args):
    result = box.toolkit.run(name, args)
    assert result.error and result.text.startswith("Error: ")
    assert result.figures == {}
    assert len(result.text) < 1200


def test_tools_do_not_change_the_context(box, bundle, frame):
    profile = copy.deepcopy(bundle.profile)
    before = frame.copy()
    for name, args in HAPPY_CALLS:
        getattr(box, name)(**args)
    assert bundle.profile == profile
    assert bundle.profile.to_dict() == profile.to_dict()
    pd.testing.assert_frame_equal(frame, before)


# -- a generic model -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generic() -> ChatContext:
    rng = np.random.default_rng(0)
    n = 300
    centre = rng.integers(0, 3, n)
    frame = pd.DataFrame({
        "CustomerID": np.arange(100_001, 100_001 + n),
        "Age": rng.normal(30 + 15 * centre, 4).round(),
        "Annual Income (k$)": rng.normal(40 + 30 * centre, 6).round(),
        "Spending Score (1-100)": rng.normal(80 - 25 * centre, 8).round(),
        "Gender": rng.choice(["Female", "Male"], n),
    })  # fmt: skip
    b = train_bundle(frame, feature_set="generic", n_segments=3)
    return ChatContext(b, None, frame)


GENERIC_CALLS = [
    ("list_segments", {}),
    ("describe_segment", {"segment": "0"}),
    ("rank_segments", {"metric": "annual income k"}),
    ("compare_segments", {"segments": ["0", "1"]}),
    ("chart", {"kind": "metric", "metric": "spending score 1 100"}),
    ("table", {}),
    ("count_customers", {"filters": [{"column": "Gender", "op": "==", "value": "female"}]}),
    ("assign_customer", {"attributes": {"Age": 30, "Annual Income (k$)": 45}}),
    ("what_if", {"attributes": {"Age": 30}, "changes": {"Age": 65}}),
    ("campaign_ideas", {"segment": "1"}),
]


@pytest.mark.parametrize(("name", "args"), GENERIC_CALLS, ids=[n for n, _ in GENERIC_CALLS])
def test_tools_work_on_a_generic_model(generic, name, args):
    result = getattr(Toolbox(generic), name)(**args)
    assert not result.error, result.text
    index = FactIndex(result.figures)
    found = find_numbers(result.text, ignore=generic.literals)
    assert [m.text for m in found if not index.verifies(m)] == [], result.text
    assert not re.search(r"1000\d\d", result.text + json.dumps(result.data))


def test_the_toolkit_runs_every_generic_call_from_json(generic):
    kit = Toolbox(generic).toolkit
    assert list(kit.tools["assign_customer"].parameters["properties"]) == ["attributes"]
    assert list(kit.tools["what_if"].parameters["properties"]) == ["attributes", "changes"]
    for name, args in GENERIC_CALLS:
        result = kit.run(name, json.dumps(args))
        assert not result.error, (name, result.text)


def test_spend_mix_of_a_generic_model_is_an_error(generic):
    result = Toolbox(generic).chart("spend_mix")
    assert result.error and "has no spend mix" in result.text


def test_names_and_persona_text_from_a_file_are_cleaned(bundle, personas):
    names = ["<b>Bold</b> Buyers", "See ![x](http://evil.example/a.png) now", *bundle.names[2:]]
    hacked = list(personas)
    idea = hacked[1].writeup.campaign_ideas[0]
    bad = idea.model_copy(
        update={"rationale": "Click [here](http://evil.example) <script>x</script>"}
    )
    ideas = [bad, *hacked[1].writeup.campaign_ideas[1:]]
    hacked[1] = copy.copy(hacked[1])
    hacked[1].writeup = hacked[1].writeup.model_copy(update={"campaign_ideas": ideas})
    other = Toolbox(ChatContext(Bundle(bundle.segmenter, bundle.profile, names), hacked))
    for result in (other.list_segments(), other.campaign_ideas("1"), other.rank_segments("age"),
                   other.chart("sizes")):  # fmt: skip
        blob = result.text + json.dumps(result.to_dict())
        assert "http" not in blob and "<" not in blob and "](" not in blob, blob
    assert other.describe_segment("bold buyers").data["segment"]["id"] == 0
