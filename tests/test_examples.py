"""The chat's example questions come from the loaded model's catalog, and the offline chat
answers every one of them, on the reference schema and on two tables of their own schema."""

from __future__ import annotations

import pytest

from assistant.personas.write import write_personas
from assistant.tools import ChatContext
from assistant.understanding.examples import example_questions
from assistant.understanding.router import Router
from segmentation.pipeline import train_bundle
from tests._tables import blobs_table, mall5_table
from tests.question_bank import demo_context


@pytest.fixture(scope="module", params=["demo", "kunden", "mall"])
def ctx(request, models) -> ChatContext:
    if request.param == "demo":
        return demo_context(models)
    frame = blobs_table(3, 450, seed=3) if request.param == "kunden" else mall5_table(200)
    frame = frame.drop(columns="planted")
    bundle = train_bundle(frame, feature_set="generic")
    return ChatContext(bundle, write_personas(bundle.profile, bundle.names), frame)


def test_every_example_is_answered_by_the_tool_it_asks_for(ctx):
    questions = example_questions(ctx)
    assert len(questions) == 6 and len(set(questions)) == 6
    router = Router(ctx)
    calls = []
    for question in questions:
        answer = router.answer(question)
        assert answer.tools, (question, answer.text)
        call = answer.tools[0]
        assert not answer.text.startswith("Error"), (question, answer.text)
        calls.append((call.name, call.arguments))
    lead = calls[1][1]["metric"]
    assert lead in ctx.catalog
    assert calls[0] == ("list_segments", {})
    assert calls[1] == ("rank_segments", {"metric": lead, "order": "desc"})
    assert calls[2] == ("query", {"measure": lead, "stat": "mean", "by": ["persona"]})
    assert calls[3] == ("describe_segment", {"segment": "0"})
    assert calls[4][0] == "count_customers"
    assert calls[4][1]["filters"][0]["column"] == lead
    assert calls[5] == ("chart", {"kind": "sizes"})


def test_examples_speak_of_the_tables_own_columns(ctx):
    text = " ".join(example_questions(ctx)).lower()
    if ctx.catalog.schema == "reference":
        assert "income" in text
    else:
        assert "children" not in text and "kids" not in text
        labels = [m.label.lower().replace("_", " ") for m in ctx.catalog.metrics]
        assert any(label in text for label in labels)
