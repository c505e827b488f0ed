"""The chat tool loop against the fake OpenAI-compatible server: tools offered, run and fed back.

Covers a tool call running and its result going back as a tool message (figures, chart and
table of the answer come from the tool; the checked answer is streamed once, whole), several
calls of one message answered by id, the caps (at most MAX_ROUNDS tool rounds and MAX_CALLS
calls per question; a request after either cap offers no tools), bad calls (unknown tools,
wrong or missing arguments) going back as "Error: ..." text with nothing run (and an answer
resting on no successful call falling back), the corrected call running with exactly the
model's arguments, and only the model's small tool set being offered. Set-up comes from
tests/_chat_cases.py.
"""

from __future__ import annotations

import json

import pytest

from assistant.answers import ChatAnswer
from assistant.chat import MAX_CALLS, MAX_ROUNDS
from assistant.tools import Toolbox
from assistant.tools.toolbox import MODEL_TOOL_NAMES
from tests import _chat_cases
from tests._chat_cases import RANK_INCOME, online, spied_toolkit, tool_messages, top_income

# The demo-model fixtures from tests/_chat_cases.py, bound here so pytest finds them.
bundle = _chat_cases.bundle
ctx = _chat_cases.ctx
frame = _chat_cases.frame
personas = _chat_cases.personas

READ_INCOME = "Read as: personas by mean income, highest first · all customers"


# -- the tool loop -----------------------------------------------------------------------------
def test_a_tool_call_runs_and_its_result_goes_back_as_a_tool_message(ctx, fake_llm):
    expected = Toolbox(ctx).query(kind="rank", measure="income")
    name, income = top_income(ctx)
    final = f"{name} has the highest mean income, {income}."
    fake_llm.script = [{**RANK_INCOME, "id": "call_rank"}, {"text": final}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    first, second = fake_llm.requests
    assert first["stream"] is True
    assert [t["function"]["name"] for t in first["tools"]] == list(MODEL_TOOL_NAMES)
    asked, result = second["messages"][-2:]
    assert asked["role"] == "assistant"
    assert asked["tool_calls"][0]["id"] == "call_rank"
    assert asked["tool_calls"][0]["function"]["name"] == "query"
    assert json.loads(asked["tool_calls"][0]["function"]["arguments"]) == RANK_INCOME["args"]
    assert result == {"role": "tool", "tool_call_id": "call_rank", "content": expected.text}
    assert answer.text == f"{READ_INCOME}\n\n{final}"  # how it was read, then the answer
    assert answer.writer == "m" and answer.note is None and answer.unverified == []
    assert [(c.name, c.arguments) for c in answer.tools] == [("query", RANK_INCOME["args"])]


def test_figures_chart_and_table_of_the_answer_come_from_the_tool(ctx, fake_llm):
    args = {**RANK_INCOME["args"], "show": "chart"}
    expected = Toolbox(ctx).query(**args)
    name, income = top_income(ctx)
    fake_llm.script = [{"tool": "query", "args": args}, {"text": f"{name} earns most: {income}."}]
    answer = online(ctx, fake_llm).ask("Who earns most?")
    assert answer.writer == "m"
    assert answer.figures == expected.figures
    assert answer.chart == expected.chart and answer.chart["kind"] == "bar"
    assert answer.table == expected.table


def test_the_checked_answer_is_streamed_once_whole_then_the_answer(ctx, fake_llm):
    name, income = top_income(ctx)
    final = f"The highest mean income is in {name}, at {income} a year."
    fake_llm.script = [RANK_INCOME, {"text": final}]
    parts = list(online(ctx, fake_llm).stream("Which segment earns most?"))
    assert isinstance(parts[-1], ChatAnswer) and parts[-1].text == f"{READ_INCOME}\n\n{final}"
    assert parts[:-1] == [parts[-1].text]


def test_several_tool_calls_of_one_message_all_run_and_are_answered_by_id(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.script = [
        {"tools": [{**RANK_INCOME, "id": "a"}, {"tool": "list_segments", "args": {}, "id": "b"}]},
        {"text": "Done."},
    ]
    online(ctx, fake_llm, toolkit=toolkit).ask("Rank by income and list the segments")
    assert [name for name, _ in runs] == ["query", "list_segments"]
    answers = tool_messages(fake_llm.requests[1])
    assert [m["tool_call_id"] for m in answers] == ["a", "b"]
    assert answers[1]["content"].startswith("**5 segments, 1,500 customers**")


# -- caps --------------------------------------------------------------------------------------
def test_a_model_that_keeps_calling_tools_gets_at_most_max_rounds(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.responder = lambda body: {"tool": "list_segments", "args": {}}
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("List the segments")
    requests = fake_llm.requests
    assert len(requests) == MAX_ROUNDS + 1
    assert all("tools" in body for body in requests[:-1]) and "tools" not in requests[-1]
    assert answer.writer == "router"
    assert f"did not answer within {MAX_ROUNDS} tool rounds" in answer.note
    assert len(runs) == MAX_ROUNDS  # the call in the answer to the tool-less request is not run


def test_the_last_round_offers_no_tools_and_its_text_is_the_answer(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)

    def respond(body):
        if "tools" in body:
            return {"tool": "list_segments", "args": {}}
        return {"text": "There are 5 segments."}

    fake_llm.responder = respond
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("How many segments?")
    assert len(fake_llm.requests) == MAX_ROUNDS + 1 and len(runs) == MAX_ROUNDS
    assert answer.text.endswith("\n\nThere are 5 segments.") and answer.writer == "m"
    assert answer.unverified == []


@pytest.mark.parametrize(
    "turns",
    [[10], [5, 5], [3, 3, 3]],
    ids=["10 in one message", "5 then 5", "3 three times"],
)
def test_at_most_max_calls_tool_calls_run_per_question(ctx, fake_llm, turns):
    metrics = ["income", "age", "children", "spend_wines", "spend_meat", "spend_fish",
               "spend_sweets", "spend_gold", "recency_days", "web_visits_month"]  # fmt: skip
    toolkit, runs = spied_toolkit(ctx)
    script, n = [], 0
    for count in turns:
        calls = [
            {"tool": "query", "args": {"kind": "rank", "measure": metrics[n + j]},
             "id": f"c{n + j}"}
            for j in range(count)
        ]  # fmt: skip
        script.append({"tools": calls})
        n += count
    fake_llm.script = [*script, {"text": "Here are the rankings."}]
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("Rank the segments by everything")
    assert len(runs) == MAX_CALLS
    assert [kw["measure"] for _, kw in runs] == metrics[:MAX_CALLS]
    refused = [m for m in tool_messages(fake_llm.requests[-1]) if m["content"].startswith("Error")]
    assert [m["tool_call_id"] for m in refused] == [f"c{i}" for i in range(MAX_CALLS, n)]
    assert all("tool call limit reached" in m["content"] for m in refused)
    assert "tools" not in fake_llm.requests[-1]  # no call may run: no tools are sent
    assert len(answer.tools) == MAX_CALLS
    *read, text = answer.text.split("\n")
    assert text == "Here are the rankings."
    assert [line for line in read if line.startswith("Read as:")] == [
        f"Read as: {r.result.text.split(chr(10))[0].removeprefix('Read as: ')}"
        for r in answer.tools
    ]  # each call's reading, once
    assert f"limit of {MAX_CALLS} tool calls" in answer.note


# -- bad tool calls ----------------------------------------------------------------------------
BAD_CALLS = [
    ("delete_customers", {}, "Error: unknown tool 'delete_customers'"),
    ("python", {"code": "import os"}, "Error: unknown tool 'python'"),
    ("rank_segments", {"metric": "income"}, "Error: unknown tool 'rank_segments'"),
    ("query", {"kind": "sideways"}, "argument 'kind'"),
    ("query", {"measure": ["income"]}, "argument 'measure': input should be a valid string"),
    ("query", {"kind": "rank", "measure": "income", "top": "many"}, "argument 'top'"),
    ("describe_segment", {}, "argument 'segment' is required but missing"),
    ("query", {"measure": "income", "limit": 3}, "unknown argument 'limit'"),
    ("query", {"where": "income > 60000"}, "argument 'where': input should be"),
    ("query", {"where": [{"field": "income", "op": "~", "value": 1}]}, "argument 'where.0.op'"),
    ("query", {"measure": "income", "stat": "max"}, "argument 'stat'"),
    ("query", "income", "arguments must be a JSON object"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "args", "error"), BAD_CALLS, ids=[f"{n}-{json.dumps(a)}" for n, a, _ in BAD_CALLS]
)
def test_a_bad_tool_call_goes_back_as_an_error_and_nothing_runs(ctx, fake_llm, name, args, error):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.script = [{"tool": name, "args": args}, {"text": "I could not look that up."}]
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("List the segments")
    assert runs == []
    (message,) = tool_messages(fake_llm.requests[1])
    assert message["content"].startswith("Error: ") and error in message["content"]
    # an answer resting on no successful call is not shown: the router answers
    assert answer.writer == "router" and "I could not look that up" not in answer.text
    assert "without a successful tool call" in answer.note


def test_after_an_error_the_corrected_call_runs_with_exactly_the_models_arguments(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.script = [
        {"tool": "describe_segment", "args": {}},
        {"tool": "describe_segment", "args": {"segment": "2"}},
        {"text": "Done."},
    ]
    online(ctx, fake_llm, toolkit=toolkit).ask("Describe segment 2")
    assert runs == [("describe_segment", {"segment": "2"})]


def test_only_the_models_small_tool_set_is_offered(ctx, fake_llm):
    fake_llm.script = [{"text": "Hello."}]
    online(ctx, fake_llm).ask("hi")
    offered = {t["function"]["name"] for t in fake_llm.requests[0]["tools"]}
    assert offered == set(MODEL_TOOL_NAMES)
    assert not offered & {"delete_customers", "python", "rank_segments", "count_customers"}
