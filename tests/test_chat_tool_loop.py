"""The chat tool loop against the fake OpenAI-compatible server: tools offered, run and fed back.

Covers a tool call running and its result going back as a tool message (figures, chart and
table of the answer come from the tool; the streamed fragments add up to the answer), several
calls of one message answered by id, the caps (at most MAX_ROUNDS tool rounds, the last one
offering no tools, and at most MAX_CALLS calls per question), bad calls (unknown tools, wrong
or missing arguments) going back as "Error: ..." text with nothing run, the corrected call
running with exactly the model's arguments, and only the toolkit's tools being offered.
Set-up comes from tests/_chat_cases.py.
"""

from __future__ import annotations

import json

import pytest

from assistant.answers import ChatAnswer
from assistant.chat import MAX_CALLS, MAX_ROUNDS
from assistant.tools import TOOL_NAMES, Toolbox
from tests import _chat_cases
from tests._chat_cases import online, spied_toolkit, tool_messages, top_income

# The demo-model fixtures from tests/_chat_cases.py, bound here so pytest finds them.
bundle = _chat_cases.bundle
ctx = _chat_cases.ctx
frame = _chat_cases.frame
personas = _chat_cases.personas


# -- the tool loop -----------------------------------------------------------------------------
def test_a_tool_call_runs_and_its_result_goes_back_as_a_tool_message(ctx, fake_llm):
    expected = Toolbox(ctx).rank_segments("income")
    name, income = top_income(ctx)
    final = f"{name} has the highest mean income, {income}."
    fake_llm.script = [
        {"tool": "rank_segments", "args": {"metric": "income"}, "id": "call_rank"},
        {"text": final},
    ]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    first, second = fake_llm.requests
    assert first["stream"] is True
    assert [t["function"]["name"] for t in first["tools"]] == list(TOOL_NAMES)
    asked, result = second["messages"][-2:]
    assert asked["role"] == "assistant"
    assert asked["tool_calls"][0]["id"] == "call_rank"
    assert asked["tool_calls"][0]["function"]["name"] == "rank_segments"
    assert json.loads(asked["tool_calls"][0]["function"]["arguments"]) == {"metric": "income"}
    assert result == {"role": "tool", "tool_call_id": "call_rank", "content": expected.text}
    assert answer.text == final
    assert answer.writer == "m" and answer.note is None and answer.unverified == []
    assert [(c.name, c.arguments) for c in answer.tools] == [
        ("rank_segments", {"metric": "income"})
    ]


def test_figures_chart_and_table_of_the_answer_come_from_the_tool(ctx, fake_llm):
    expected = Toolbox(ctx).rank_segments("income")
    name, income = top_income(ctx)
    fake_llm.script = [
        {"tool": "rank_segments", "args": {"metric": "income"}},
        {"text": f"{name} earns most: {income}."},
    ]
    answer = online(ctx, fake_llm).ask("Who earns most?")
    assert answer.figures == expected.figures
    assert answer.chart == expected.chart and answer.chart["kind"] == "bar"
    assert answer.table == expected.table


def test_stream_yields_text_fragments_then_the_answer(ctx, fake_llm):
    name, income = top_income(ctx)
    final = f"The highest mean income is in {name}, at {income} a year."
    fake_llm.script = [{"tool": "rank_segments", "args": {"metric": "income"}}, {"text": final}]
    *fragments, answer = online(ctx, fake_llm).stream("Which segment earns most?")
    assert isinstance(answer, ChatAnswer)
    assert len(fragments) >= 3 and all(isinstance(f, str) for f in fragments)
    assert "".join(fragments) == final == answer.text


def test_several_tool_calls_of_one_message_all_run_and_are_answered_by_id(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.script = [
        {
            "tools": [
                {"tool": "rank_segments", "args": {"metric": "income"}, "id": "a"},
                {"tool": "list_segments", "args": {}, "id": "b"},
            ]
        },
        {"text": "Done."},
    ]
    online(ctx, fake_llm, toolkit=toolkit).ask("Rank by income and list the segments")
    assert [name for name, _ in runs] == ["rank_segments", "list_segments"]
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
    # the model's call in its answer to the tool-less request is not run; the router's is
    assert len(runs) == MAX_ROUNDS + len(answer.tools)


def test_the_last_round_offers_no_tools_and_its_text_is_the_answer(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)

    def respond(body):
        if "tools" in body:
            return {"tool": "list_segments", "args": {}}
        return {"text": "There are 5 segments."}

    fake_llm.responder = respond
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("How many segments?")
    assert len(fake_llm.requests) == MAX_ROUNDS + 1 and len(runs) == MAX_ROUNDS
    assert answer.text == "There are 5 segments." and answer.writer == "m"
    assert answer.unverified == []


@pytest.mark.parametrize(
    "turns",
    [[10], [5, 5], [3, 3, 3]],
    ids=["10 in one message", "5 then 5", "3 three times"],
)
def test_at_most_max_calls_tool_calls_run_per_question(ctx, fake_llm, turns):
    metrics = ["income", "age", "kids", "wine", "meat", "fish", "sweets", "gold", "recency",
               "web visits"]  # fmt: skip
    toolkit, runs = spied_toolkit(ctx)
    script, n = [], 0
    for count in turns:
        calls = [
            {"tool": "rank_segments", "args": {"metric": metrics[n + j]}, "id": f"c{n + j}"}
            for j in range(count)
        ]
        script.append({"tools": calls})
        n += count
    fake_llm.script = [*script, {"text": "Here are the rankings."}]
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("Rank the segments by everything")
    assert len(runs) == MAX_CALLS
    assert [kw["metric"] for _, kw in runs] == metrics[:MAX_CALLS]
    refused = [m for m in tool_messages(fake_llm.requests[-1]) if m["content"].startswith("Error")]
    assert [m["tool_call_id"] for m in refused] == [f"c{i}" for i in range(MAX_CALLS, n)]
    assert all("tool call limit reached" in m["content"] for m in refused)
    assert len(answer.tools) == MAX_CALLS
    assert answer.text == "Here are the rankings."
    assert f"limit of {MAX_CALLS} tool calls" in answer.note


# -- bad tool calls ----------------------------------------------------------------------------
BAD_CALLS = [
    ("delete_customers", {}, "Error: unknown tool 'delete_customers'"),
    ("python", {"code": "import os"}, "Error: unknown tool 'python'"),
    ("rank_segments", {"metric": ["income"]}, "argument 'metric': input should be a valid string"),
    ("rank_segments", {"metric": "income", "top": "many"}, "argument 'top': input should be"),
    ("rank_segments", {}, "argument 'metric' is required but missing"),
    ("describe_segment", {}, "argument 'segment' is required but missing"),
    ("rank_segments", {"metric": "income", "limit": 3}, "unknown argument 'limit'"),
    ("count_customers", {"filters": "income > 60000"}, "argument 'filters': input should be"),
    ("count_customers", {"filters": [{"column": "income", "op": "~", "value": 1}]},
     "argument 'filters.0.op'"),
    ("segment_figure", {"metric": "income", "stat": "max"}, "argument 'stat'"),
    ("rank_segments", "income", "arguments must be a JSON object"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "args", "error"), BAD_CALLS, ids=[f"{n}-{json.dumps(a)}" for n, a, _ in BAD_CALLS]
)
def test_a_bad_tool_call_goes_back_as_an_error_and_nothing_runs(ctx, fake_llm, name, args, error):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.script = [{"tool": name, "args": args}, {"text": "I could not look that up."}]
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("Tell me about the segments")
    assert runs == []
    (message,) = tool_messages(fake_llm.requests[1])
    assert message["content"].startswith("Error: ") and error in message["content"]
    assert answer.text == "I could not look that up." and answer.figures == {}


def test_after_an_error_the_corrected_call_runs_with_exactly_the_models_arguments(ctx, fake_llm):
    toolkit, runs = spied_toolkit(ctx)
    fake_llm.script = [
        {"tool": "rank_segments", "args": {}},
        {"tool": "rank_segments", "args": {"metric": "wine", "order": "asc"}},
        {"text": "Done."},
    ]
    online(ctx, fake_llm, toolkit=toolkit).ask("Who buys least wine?")
    assert runs == [("rank_segments", {"metric": "wine", "order": "asc", "top": None})]


def test_an_unknown_tool_is_not_offered_in_the_tools_list(ctx, fake_llm):
    fake_llm.script = [{"text": "Hello."}]
    online(ctx, fake_llm).ask("hi")
    offered = {t["function"]["name"] for t in fake_llm.requests[0]["tools"]}
    assert offered == set(list(TOOL_NAMES))
    assert not offered & {"delete_customers", "python", "exec", "shell"}
