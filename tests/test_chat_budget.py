"""The prompt budget on the demo model: one question — system, tools, history, question — is
sent in under 2,000 estimated tokens (characters / 4, `assistant.chat.budget`), however long
the conversation has been, the oldest exchanges being dropped first; the model is offered the
query tool and the few tools that are not queries, much smaller than every tool's schema,
with the query's enums taken from the catalog. ``benchmarks/prompt_size.py`` prints the
figures. Set-up comes from tests/_chat_cases.py.
"""

from __future__ import annotations

import json

from assistant.chat import PROMPT_TOKENS, prompt_size
from assistant.tools import Toolbox
from assistant.tools.toolbox import MODEL_TOOL_NAMES
from tests import _chat_cases
from tests._chat_cases import online

bundle = _chat_cases.bundle
ctx = _chat_cases.ctx
frame = _chat_cases.frame
personas = _chat_cases.personas

QUESTION = "Which persona should I target for a premium wine launch, and how big is it?"


def sent_size(body):
    return prompt_size(body["messages"], body.get("tools"))


def test_one_question_is_sent_in_under_2000_tokens(ctx, fake_llm):
    fake_llm.script = [{"text": "Hi."}]
    online(ctx, fake_llm).ask(QUESTION)
    size = sent_size(fake_llm.requests[0])
    assert PROMPT_TOKENS == 2000
    assert size.tokens < 2000, size
    assert size.tokens == -(-size.chars // 4)
    assert size.tools == len(json.dumps(Toolbox(ctx).model_toolkit.specs()))


def test_a_long_conversation_is_trimmed_to_the_budget_oldest_first(ctx, fake_llm):
    session = online(ctx, fake_llm)
    for n in range(8):  # long exchanges, as a router's table answer can be
        session.history += [
            {"role": "user", "content": f"question {n} " + "x" * 200},
            {"role": "assistant", "content": f"answer {n} " + "y" * 600},
        ]
    fake_llm.script = [{"text": "Hi."}]
    session.ask(QUESTION)
    body = fake_llm.requests[0]
    assert sent_size(body).tokens <= 2000
    sent = [m["content"] for m in body["messages"][1:-1]]
    assert sent and sent[-1].startswith("answer 7")  # the latest exchange is kept
    assert not any(c.startswith("question 0") for c in sent)  # the oldest is dropped
    assert len(session.history) > len(sent)  # the session still remembers more


def test_the_models_tools_are_far_smaller_than_every_tools_schema(ctx):
    box = Toolbox(ctx)
    every = len(json.dumps(box.toolkit.specs()))
    offered = len(json.dumps(box.model_toolkit.specs()))
    assert box.model_toolkit.names() == list(MODEL_TOOL_NAMES)
    assert offered < 7000 < every
    assert offered * 2 < every


def test_the_query_tools_enums_come_from_the_catalog(ctx):
    spec = next(t for t in Toolbox(ctx).model_toolkit.specs()
                if t["function"]["name"] == "query")["function"]["parameters"]  # fmt: skip
    catalog = ctx.catalog
    per_customer = [m.key for m in catalog.metrics if m.per_customer]
    dims = [d.key for d in catalog.dimensions]
    props = spec["properties"]
    assert props["kind"]["enum"] == ["aggregate", "rank", "compare"]
    assert props["measure"]["enum"][: len(per_customer)] == per_customer
    assert props["measure"]["enum"][-1] == "customers"
    assert set(props["measure"]["enum"]) - set(per_customer) == {
        "customers",
        "partner",
        "response",
        "complain",
    }
    assert props["by"]["items"]["enum"] == ["persona", *dims]
    field = spec["$defs"]["condition"]["properties"]["field"]["enum"]
    assert field == [*per_customer, *dims]
    assert (
        props["where"]["items"]
        == props["groups"]["items"]["items"]
        == {"$ref": "#/$defs/condition"}
    )


def test_a_call_the_compact_schema_leaves_out_is_still_checked_in_full(ctx):
    toolkit = Toolbox(ctx).model_toolkit
    made = toolkit.call("what_if", {"income": 50000, "income_change": 30000})
    assert made.result is not None and not made.result.error
    bad = toolkit.call("what_if", {"income": "lots"})
    assert bad.result is not None and bad.result.text.startswith("Error: argument 'income'")
