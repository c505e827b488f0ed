"""`personasense ask` and `personasense chat`: offline by default, the model when the
environment names one (the fake server here), JSON output, stdin conversation, --data.

Commands run in-process through `assistant.cli.main`; every OPENAI_* and PERSONASENSE_*
variable is cleared first so a developer's settings cannot leak in.
"""

from __future__ import annotations

import io
import json
import sys

import pytest

from assistant.answers import ChatAnswer
from assistant.cli import format_chart, format_table, main

pytestmark = pytest.mark.usefixtures("no_llm_env")
QUESTION = "which segment has the highest income?"


@pytest.fixture(scope="module")
def saved(models, tmp_path_factory):
    """The session's saved standard bundle (read-only: ask and chat only read it), the CSV it
    was trained on, and the name of the top-income segment."""
    data = tmp_path_factory.mktemp("chat") / "customers.csv"
    models.frame().to_csv(data, index=False)
    bundle = models.bundle()
    top = max(bundle.profile.segments, key=lambda s: s.metrics["income"].mean)
    return models.saved(), data, bundle.names[top.id]


def run(capsys, *argv: object) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def online(monkeypatch, fake) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("PERSONASENSE_MODEL", "fake-model")
    monkeypatch.setenv("PERSONASENSE_MAX_RETRIES", "0")


def stdin(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


# -- ask ---------------------------------------------------------------------------------------
def test_ask_offline_prints_an_answer(capsys, saved, fake_llm):
    folder, _, top = saved
    status, out, err = run(capsys, "ask", "--bundle", folder, "--offline", QUESTION)
    assert status == 0, err
    assert top in out
    assert "Traceback" not in out + err
    assert fake_llm.requests == []


def test_ask_without_any_model_configured_is_offline_too(capsys, saved, fake_llm):
    folder, _, top = saved
    status, out, err = run(capsys, "ask", "--bundle", folder, QUESTION)
    assert status == 0, err
    assert top in out and fake_llm.requests == []


def test_ask_json_is_the_answer_as_a_dict(capsys, saved):
    folder, _, top = saved
    status, out, err = run(capsys, "ask", "--bundle", folder, "--offline", "--json", QUESTION)
    assert status == 0, err
    answer = json.loads(out)
    assert set(answer) == set(ChatAnswer(text="").to_dict())
    assert answer["writer"] == "router" and top in answer["text"]


def test_counting_without_data_says_it_needs_the_customer_table(capsys, saved):
    folder, _, _ = saved
    status, out, err = run(
        capsys, "ask", "--bundle", folder, "--offline", "how many customers have 2 kids?"
    )
    assert status == 0, err
    assert "counting needs the customer table" in out
    assert "hint: start with --data FILE" in err


def test_a_filtered_figure_without_data_points_to_the_customer_table(capsys, saved):
    folder, _, _ = saved
    question = "average income of customers with kids by education"
    status, out, err = run(capsys, "ask", "--bundle", folder, "--offline", question)
    assert status == 0, err
    assert "needs the customer table" in out and "hint: start with --data FILE" in err


def test_counting_with_data_gives_a_count(capsys, saved):
    folder, data, _ = saved
    status, out, err = run(
        capsys,
        "ask",
        "--bundle",
        folder,
        "--data",
        data,
        "--offline",
        "--json",
        "how many customers have an income over 60k?",
    )
    assert status == 0, err
    answer = json.loads(out)
    assert "counting needs" not in answer["text"] and "hint" not in err
    assert any(call["name"] == "count_customers" for call in answer["tools"]), answer


def test_help_documents_data_for_counting(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["ask", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--data FILE" in out and "counting needs the customer table" in out


def test_a_missing_bundle_is_one_error_line(capsys, tmp_path):
    status, out, err = run(capsys, "ask", "--bundle", tmp_path / "nope", "--offline", QUESTION)
    assert status == 2 and err.startswith("error: ") and "Traceback" not in err


def test_ask_uses_the_model_when_the_environment_names_one(capsys, saved, fake_llm, monkeypatch):
    folder, data, top = saved
    online(monkeypatch, fake_llm)
    rank = {"kind": "rank", "measure": "income", "show": "chart"}
    fake_llm.script = [{"tool": "query", "args": rank}, {"text": f"{top} has the highest income."}]
    status, out, err = run(capsys, "ask", "--bundle", folder, "--data", data, QUESTION)
    assert status == 0, err
    first = fake_llm.requests[0]
    assert first["model"] == "fake-model" and '"query"' in json.dumps(first["tools"])
    assert out.startswith("Read as: personas by mean income")  # how the model read it
    assert f"\n\n{top} has the highest income.\n" in out
    assert "mean income by persona" in out  # the tool's chart, as text
    assert "customers" in out and "----" in out  # and its table


def test_ask_prints_the_fallback_note_for_an_unchecked_answer(capsys, saved, fake_llm, monkeypatch):
    folder, _, _ = saved
    online(monkeypatch, fake_llm)
    fake_llm.script = [{"text": "About 42% of them respond."}]  # no tool call: not shown
    status, out, err = run(capsys, "ask", "--bundle", folder, "response rate?")
    assert status == 0, err
    assert "42%" not in out and "[unverified]" not in out and out.strip()
    assert "without a tool call" in out + err and "offline assistant" in out + err
    fake_llm.script = [{"status": 500}]
    status, out, err = run(capsys, "ask", "--bundle", folder, QUESTION)
    assert status == 0 and "note: " in err and "offline assistant" in err
    assert out.strip()


def test_ask_offline_flag_wins_over_the_environment(capsys, saved, fake_llm, monkeypatch):
    folder, _, _ = saved
    online(monkeypatch, fake_llm)
    status, _, err = run(capsys, "ask", "--bundle", folder, "--offline", QUESTION)
    assert status == 0, err
    assert fake_llm.requests == []


# -- chat --------------------------------------------------------------------------------------
def test_chat_answers_each_line_and_exits_on_eof(capsys, saved, monkeypatch):
    folder, _, top = saved
    stdin(monkeypatch, QUESTION, "", "list the segments")
    status, out, err = run(capsys, "chat", "--bundle", folder, "--offline")
    assert status == 0, err
    assert out.count("you> ") == 4  # three lines (one blank), then end of input
    first, second = out.split("you> ")[1:3]
    assert top in first
    assert second == ""  # a blank line is skipped
    assert "offline assistant" in out.splitlines()[0]


@pytest.mark.parametrize("word", ["exit", "quit", "EXIT"])
def test_chat_stops_at_exit_or_quit(capsys, saved, monkeypatch, word):
    folder, _, _ = saved
    stdin(monkeypatch, word, QUESTION)
    status, out, _ = run(capsys, "chat", "--bundle", folder, "--offline")
    assert status == 0
    assert out.count("you> ") == 1


def test_chat_streams_the_models_reply_and_keeps_the_conversation(
    capsys, saved, fake_llm, monkeypatch
):
    folder, _, _ = saved
    online(monkeypatch, fake_llm)
    listed = {"tool": "list_segments", "args": {}}
    fake_llm.script = [
        listed,
        {"text": "Hello there, marketer."},
        listed,
        {"text": "Ask about any of the segments [x](http://e.x)."},
    ]
    stdin(monkeypatch, "hi", "and then?")
    status, out, err = run(capsys, "chat", "--bundle", folder)
    assert status == 0, err
    assert "fake-model" in out.splitlines()[0]
    assert "you> Read as: the list of personas\n\nHello there, marketer.\n" in out
    assert "\n\nAsk about any of the segments x.\n" in out
    assert "http" not in out
    second = fake_llm.requests[2]["messages"]
    assert [m["content"] for m in second[1:]] == ["hi", "Hello there, marketer.", "and then?"]


# -- plain-text chart and table ----------------------------------------------------------------
def test_chart_as_text_has_a_bar_per_label():
    chart = {"kind": "bar", "title": "Income", "labels": ["A", "Bee"], "values": [50.0, 100.0],
             "unit": "money"}  # fmt: skip
    assert format_chart(chart, width=10).splitlines() == [
        "Income",
        "  A    #####       50",
        "  Bee  ##########  100",
    ]
    shares = {"title": "Sizes", "labels": ["A"], "values": [0.25], "unit": "share"}
    assert format_chart(shares, width=4).splitlines()[1] == "  A  ####  25.0%"


def test_table_as_text_is_aligned():
    table = {"columns": ["segment", "name"], "rows": [[0, "Alpha"], [10, None]]}
    assert format_table(table).splitlines() == [
        "segment  name",
        "-------  -----",
        "0        Alpha",
        "10",
    ]
