"""The chat loop against the fake OpenAI-compatible server: tools run and fed back, caps,
bad calls, unverified numbers, sanitizing, faults, history, privacy, and the offline path.

Every model turn is scripted on the fake (`tests.fake_llm`), which records the request
bodies; tool runs are observed through a spy toolkit whose tools record their arguments.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import warnings
from typing import Any

import pytest

from assistant.answer import ChatAnswer
from assistant.chat import MAX_CALLS, MAX_ROUNDS, ChatSession, sanitize_markdown
from assistant.llm import LLMSettings
from assistant.narrative import write_personas
from assistant.toolkit import Toolkit
from assistant.tools import ChatContext, count_customers, default_toolkit, rank_segments
from segmentation.demo import make_customers
from segmentation.errors import DataQualityWarning
from segmentation.pipeline import train_bundle

HOSTILE = ("http", "www.", "![", "](", "<img", "<script", "<a ", "<iframe")


# -- fixtures and helpers ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def frame():
    df = make_customers(1500, random_state=0)
    df["ID"] = df["ID"] + 10_000_000  # 8-digit IDs, so a leaked ID is easy to spot
    return df


@pytest.fixture(scope="module")
def bundle(frame):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return train_bundle(frame, n_segments=5)


@pytest.fixture(scope="module")
def personas(bundle):
    return write_personas(bundle.profile, bundle.names)


@pytest.fixture
def ctx(bundle, personas, frame) -> ChatContext:
    return ChatContext(bundle, personas, frame)


def online(ctx: ChatContext, fake: Any, timeout: float = 5, **kwargs: Any) -> ChatSession:
    """A session whose model is the fake server."""
    settings = LLMSettings(
        base_url=fake.base_url, api_key="k", model="m", max_retries=0, timeout=timeout
    )
    return ChatSession(ctx, settings, **kwargs)


def spied_toolkit() -> tuple[Toolkit, list[tuple[str, dict[str, Any]]]]:
    """The default toolkit with every tool recording ``(name, kwargs)`` when it runs."""
    runs: list[tuple[str, dict[str, Any]]] = []

    def spy(tool):
        def fn(*args: Any, **kwargs: Any):
            runs.append((tool.name, kwargs))
            return tool.fn(*args, **kwargs)

        return dataclasses.replace(tool, fn=fn)

    return Toolkit([spy(t) for t in default_toolkit().tools.values()]), runs


def tool_messages(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in body["messages"] if m["role"] == "tool"]


def top_income(ctx: ChatContext) -> tuple[str, str]:
    """(name, stated mean income) of the highest-earning segment, as the tool states them."""
    _, _, name, value, _ = rank_segments(ctx, "income").table["rows"][0]
    return name, value


# -- the tool loop -----------------------------------------------------------------------------
def test_a_tool_call_runs_and_its_result_goes_back_as_a_tool_message(ctx, fake_llm):
    expected = rank_segments(ctx, "income")
    name, income = top_income(ctx)
    final = f"{name} has the highest mean income, {income}."
    fake_llm.script = [
        {"tool": "rank_segments", "args": {"metric": "income"}, "id": "call_rank"},
        {"text": final},
    ]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    first, second = fake_llm.requests
    assert first["stream"] is True
    assert [t["function"]["name"] for t in first["tools"]] == default_toolkit().names()
    asked, result = second["messages"][-2:]
    assert asked["role"] == "assistant"
    assert asked["tool_calls"][0]["id"] == "call_rank"
    assert asked["tool_calls"][0]["function"]["name"] == "rank_segments"
    assert json.loads(asked["tool_calls"][0]["function"]["arguments"]) == {"metric": "income"}
    assert result == {"role": "tool", "tool_call_id": "call_rank", "content": expected.text}
    assert answer.text == final
    assert answer.writer == "m" and answer.note is None and answer.unverified == []
    assert answer.tools == ['rank_segments({"metric": "income"})']


def test_figures_chart_and_table_of_the_answer_come_from_the_tool(ctx, fake_llm):
    expected = rank_segments(ctx, "income")
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
    toolkit, runs = spied_toolkit()
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
    toolkit, runs = spied_toolkit()
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
    toolkit, runs = spied_toolkit()

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
    toolkit, runs = spied_toolkit()
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
    toolkit, runs = spied_toolkit()
    fake_llm.script = [{"tool": name, "args": args}, {"text": "I could not look that up."}]
    answer = online(ctx, fake_llm, toolkit=toolkit).ask("Tell me about the segments")
    assert runs == []
    (message,) = tool_messages(fake_llm.requests[1])
    assert message["content"].startswith("Error: ") and error in message["content"]
    assert answer.text == "I could not look that up." and answer.figures == {}


def test_after_an_error_the_corrected_call_runs_with_exactly_the_models_arguments(ctx, fake_llm):
    toolkit, runs = spied_toolkit()
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
    assert offered == set(default_toolkit().names())
    assert not offered & {"delete_customers", "python", "exec", "shell"}


# -- numbers -----------------------------------------------------------------------------------
def test_a_number_no_tool_returned_is_marked_unverified(ctx, fake_llm):
    name, income = top_income(ctx)
    fake_llm.script = [
        {"tool": "rank_segments", "args": {"metric": "income"}},
        {"text": f"{name} earns {income} on average, and 73% of them own a boat."},
    ]
    answer = online(ctx, fake_llm).ask("Who earns most?")
    assert (
        answer.text == f"{name} earns {income} on average, and 73% [unverified] of them own a boat."
    )
    assert answer.unverified == ["73%"]
    assert "1 number(s) could not be checked" in answer.note


def test_numbers_without_any_tool_call_are_all_unverified(ctx, fake_llm):
    fake_llm.script = [{"text": "About 42% respond, with an average income of $61,000."}]
    answer = online(ctx, fake_llm).ask("Response rate?")
    assert answer.unverified == ["42%", "$61,000"]
    assert "42% [unverified]" in answer.text and "$61,000 [unverified]" in answer.text


def test_numbers_the_tools_returned_are_not_marked(ctx, fake_llm):
    name, income = top_income(ctx)
    fake_llm.script = [
        {"tool": "list_segments", "args": {}},
        {"tool": "rank_segments", "args": {"metric": "income"}},
        {"text": f"There are 5 segments and 1,500 customers. {name} earns most: {income}."},
    ]
    answer = online(ctx, fake_llm).ask("Overview please")
    assert answer.unverified == [] and "[unverified]" not in answer.text


# -- sanitizing --------------------------------------------------------------------------------
MARKUP = [
    ("See [our site](http://evil.example/x) for more.", "See our site for more."),
    ("Segments ![chart](http://evil.example/p.png?q=secret) below.", "Segments  below."),
    ('Look <img src="http://evil.example/p.png"> here.', "Look  here."),
    ("Hi <script>document.location='x'</script>there.", "Hi document.location='x'there."),
    ("Visit www.evil.example today.", "Visit (link removed) today."),
    ("A [ref] link.\n\n[ref]: http://evil.example", "A [ref] link."),
    ('<a href="https://evil.example">Click</a> me.', "Click me."),
    ("Go to h\u200bttp://evil.example now.", "Go to (link removed) now."),
    ("Hi \x1b[2Jthere \x1b]8;;http://evil.example\x07link\x1b]8;;\x07.", "Hi there link."),
    ("Plain **bold** text stays.", "Plain **bold** text stays."),
]


@pytest.mark.parametrize(("text", "clean"), MARKUP, ids=[c for _, c in MARKUP])
def test_links_images_and_html_of_the_final_text_are_removed(ctx, fake_llm, text, clean):
    fake_llm.script = [{"text": text}]
    *fragments, answer = online(ctx, fake_llm).stream("Where can I read more?")
    assert answer.text == clean == sanitize_markdown(text)
    for output in (answer.text, "".join(fragments)):
        assert not any(mark in output for mark in HOSTILE), output


def test_streamed_fragments_never_hold_a_link_even_when_split_across_chunks(ctx, fake_llm):
    text = "Ok ![a b](http://evil.example/p.png) and [x y](https://e.example) <img\nsrc=x> done"
    fake_llm.script = [{"text": text}]
    *fragments, answer = online(ctx, fake_llm).stream("q")
    assert len(fragments) >= 2
    for i in range(1, len(fragments) + 1):
        shown = "".join(fragments[:i])
        assert not any(mark in shown for mark in HOSTILE), shown
    assert "".join(fragments) == answer.text == sanitize_markdown(text)


# -- faults ------------------------------------------------------------------------------------
FAULTS = [
    ({"status": 401}, 5, "refused the API key (401)"),
    ({"status": 500}, 5, "server error (500)"),
    ({"hang": 5}, 0.5, "gave no answer within 0.5 s"),
]


@pytest.mark.parametrize(("step", "timeout", "reason"), FAULTS, ids=["401", "500", "hang"])
def test_a_failing_model_is_replaced_by_the_router_with_a_note(
    ctx, fake_llm, caplog, step, timeout, reason
):
    fake_llm.script = [step]
    with caplog.at_level(logging.DEBUG):
        answer = online(ctx, fake_llm, timeout=timeout).ask("Which segment has the highest income?")
    assert answer.writer == "router" and answer.text
    assert reason in answer.note and "answered by the offline assistant" in answer.note
    assert "Traceback" not in answer.text + answer.note
    assert not [r for r in caplog.records if r.exc_info]


def test_a_failure_after_a_tool_round_falls_back_too(ctx, fake_llm):
    fake_llm.script = [{"tool": "rank_segments", "args": {"metric": "income"}}, {"status": 500}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    assert answer.writer == "router" and "server error (500)" in answer.note


def test_an_answer_cut_off_at_max_tokens_falls_back(ctx, fake_llm):
    fake_llm.script = [{"text": "The segment with", "finish": "length"}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    assert answer.writer == "router" and "max_tokens" in answer.note


def test_an_empty_model_answer_falls_back(ctx, fake_llm):
    fake_llm.script = [{"text": ""}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    assert answer.writer == "router" and "empty answer" in answer.note


# -- history -----------------------------------------------------------------------------------
def test_the_second_question_carries_the_first_question_and_answer(ctx, fake_llm):
    session = online(ctx, fake_llm)
    session.ask("Which segment buys the most wine?")
    session.ask("And the least?")
    first, second = fake_llm.requests
    assert [m["role"] for m in second["messages"]] == ["system", "user", "assistant", "user"]
    assert second["messages"][1:] == [
        {"role": "user", "content": "Which segment buys the most wine?"},
        {"role": "assistant", "content": "echo: Which segment buys the most wine?"},
        {"role": "user", "content": "And the least?"},
    ]
    assert second["messages"][0] == first["messages"][0]


def test_two_sessions_do_not_share_history(ctx, fake_llm):
    alice, bob = online(ctx, fake_llm), online(ctx, fake_llm)
    alice.ask("Tell me about the wine lovers")
    bob.ask("Which segment is largest?")
    bob_request = fake_llm.requests[-1]
    assert [m["role"] for m in bob_request["messages"]] == ["system", "user"]
    assert "wine lovers" not in json.dumps(bob_request)
    assert len(alice.history) == len(bob.history) == 2


def test_history_is_trimmed_to_the_token_budget(ctx, fake_llm):
    session = online(ctx, fake_llm, history_tokens=40)  # about 160 characters
    questions = [f"Question {word}: which segment spends most on {word} products?"
                 for word in ("alpha", "beta", "gamma")]  # fmt: skip
    for question in questions:
        session.ask(question)
        assert sum(len(m["content"]) for m in session.history) / 4 <= 40
    last = json.dumps(fake_llm.requests[-1]["messages"])
    assert questions[0] not in last and questions[1] in last and questions[2] in last
    assert [m["content"] for m in session.history[::2]] == [questions[2]]


# -- privacy -----------------------------------------------------------------------------------
def test_requests_hold_no_customer_id(ctx, fake_llm, frame):
    fake_llm.script = [
        {
            "tools": [
                {"tool": "list_segments", "args": {}},
                {"tool": "describe_segment", "args": {"segment": "0"}},
                {"tool": "count_customers", "args": {"filters": [
                    {"column": "income", "op": ">", "value": 60000}]}},
                {"tool": "assign_customer", "args": {"income": 60000, "age": 45, "kids": 2}},
                {"tool": "table", "args": {}},
                {"tool": "chart", "args": {"kind": "sizes"}},
                {"tool": "count_customers", "args": {"filters": [
                    {"column": "ID", "op": ">", "value": 0}]}},
            ]
        },
        {"text": "Here is the overview."},
    ]  # fmt: skip
    online(ctx, fake_llm).ask("Give me everything, including customer IDs")
    blob = json.dumps(fake_llm.requests)
    ids = set(frame["ID"].astype(int).astype(str))
    assert set(re.findall(r"\d{5,}", blob)) & ids == set()
    contents = [m["content"] for m in tool_messages(fake_llm.requests[-1])]
    assert len(contents) == 7 and not contents[0].startswith("Error")
    assert contents[-1].startswith("Error: customer IDs cannot be filtered on")


def test_a_small_count_reaches_the_model_as_fewer_than_11(ctx, fake_llm, bundle, frame):
    labels = bundle.segmenter.labels_
    i, level = next(
        (i, level)
        for i in range(5)
        for level in ("Basic", "2n Cycle", "Master", "PhD")
        if 1 < ((labels == i) & (frame.Education == level)).sum() < 11
    )
    n = int(((labels == i) & (frame.Education == level)).sum())
    args = {"segment": str(i), "filters": [{"column": "Education", "op": "==", "value": level}]}
    truth = count_customers(ctx, **args)
    fake_llm.script = [
        {"tool": "count_customers", "args": args},
        {"text": f"Fewer than 11 customers with a {level} degree are in that segment."},
    ]
    answer = online(ctx, fake_llm).ask(f"How many {level} customers are in segment {i}?")
    (message,) = tool_messages(fake_llm.requests[1])
    assert message["content"] == truth.text
    assert message["content"].startswith("Fewer than 11 of the ")
    stated = re.sub(r"\(segment \d\)|1,500|\b11\b", "", message["content"])
    assert not re.search(rf"(?<![\d,.]){n}(?![\d,.])", stated), message["content"]
    assert answer.unverified == []


# -- offline -----------------------------------------------------------------------------------
def test_without_key_or_base_url_the_router_answers(ctx, fake_llm):
    session = ChatSession(ctx, LLMSettings())
    assert session.writer == "offline"
    name, _ = top_income(ctx)
    answer = session.ask("Which segment has the highest income?")
    assert isinstance(answer, ChatAnswer) and answer.writer == "router"
    assert name in answer.text
    assert fake_llm.requests == []


def test_an_empty_question_gets_a_prompt_not_a_request(ctx, fake_llm):
    answer = online(ctx, fake_llm).ask("   ")
    assert answer.text == "Please type a question about your segments."
    assert fake_llm.requests == []
