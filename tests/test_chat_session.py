"""A chat session around the tool loop: what the answer may say and what the model is sent.

Covers numbers no tool returned being marked [unverified] (and those the tools did not),
links, images, HTML and terminal escapes removed from the answer and from every streamed
fragment, a failing model (401, 500, hang, failure after a tool round, cut-off or empty
answer) replaced by the offline router with a note, the history carried between questions,
kept per session and trimmed to its token budget, requests that hold no customer ID and
small counts that reach the model only as "fewer than 11", and the offline path (no key or
base URL, an empty question). Set-up comes from tests/_chat_cases.py.
"""

from __future__ import annotations

import json
import logging
import re

import pytest

from assistant.answers import ChatAnswer
from assistant.chat import ChatSession, sanitize_markdown
from assistant.llm import LLMSettings
from assistant.tools import Toolbox
from tests import _chat_cases
from tests._chat_cases import online, tool_messages, top_income

# The demo-model fixtures from tests/_chat_cases.py, bound here so pytest finds them.
bundle = _chat_cases.bundle
ctx = _chat_cases.ctx
frame = _chat_cases.frame
personas = _chat_cases.personas


HOSTILE = ("http", "www.", "![", "](", "<img", "<script", "<a ", "<iframe")


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
    truth = Toolbox(ctx).count_customers(**args)
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
