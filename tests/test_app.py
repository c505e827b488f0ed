"""The web app through its API: every event called with gradio_client against the app
launched on a free local port. One `Client` is one browser session."""

from __future__ import annotations

import copy
import json
import re
import warnings
from pathlib import Path

import httpx
import pandas as pd
import pytest

from assistant.llm import LLMSettings
from assistant.webapp.views.table_form import CHOICE_SLOTS, NUMBER_SLOTS
from segmentation.demo import make_customers
from tests._tables import euro_table, mall_table
from tests.app_fixtures import (
    GRADIO_WARNINGS,
    AppError,
    Client,
    close_client,
    create_app,
    handle_file,
    launched,
    release_event_loops,
    text_of,
)
from tests.fake_llm import last_user

# Gradio leaks event loops and uses a deprecated pandas option (see tests/app_fixtures.py):
# exactly those warnings are ignored here.
pytestmark = [pytest.mark.filterwarnings(f) for f in GRADIO_WARNINGS]

ENDPOINTS = {
    "/chat", "/chat_clear", "/personas_regenerate", "/report", "/assign", "/what_if",
    "/retrain", "/upload", "/train_upload", "/batch_assign", "/lab",
}  # fmt: skip
N_VIEWS = 1 + 1 + 1 + 10 + 3  # header, examples, sizes, 10 card slots, table, map, quality


@pytest.fixture(scope="module")
def customers(models) -> pd.DataFrame:
    """The session's standard demo table: 800 customers (a copy)."""
    return models.frame()


@pytest.fixture(scope="module")
def small_bundle(models):
    """The session's standard model of ``customers``: k = 4 (read-only)."""
    return models.bundle()


@pytest.fixture(scope="module")
def app_url(small_bundle, customers):
    demo = create_app(small_bundle, LLMSettings(), customers=customers)
    url = launched(demo)
    release_event_loops()
    yield url
    demo.close()
    release_event_loops()


@pytest.fixture
def client(app_url):
    c = Client(app_url, verbose=False, download_files=False)
    yield c
    close_client(c)  # not c.close(): it waits a second for the heartbeat thread


@pytest.fixture
def customer_csv(tmp_path) -> Path:
    path = tmp_path / "shop customers.csv"
    make_customers(300, random_state=3).to_csv(path, index=False)
    return path


def _membership(client: Client) -> list[str]:
    plot = client.predict(api_name="/assign")[1]
    return [row[0] for row in plot["data"]]


def test_the_app_is_built_with_analytics_off_and_a_bounded_queue(small_bundle):
    demo = create_app(small_bundle, LLMSettings())
    release_event_loops()
    assert demo.analytics_enabled is False
    assert demo._queue.max_size == 64 and demo._queue.default_concurrency_limit == 4


def test_main_reports_a_missing_bundle_without_serving(tmp_path, capsys):
    from app import main

    assert main(["--bundle", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'nope'}: no such bundle folder")


def test_every_event_has_a_public_api_name(client):
    named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(named) == ENDPOINTS


def test_chat_answers_offline_with_chart_and_note(client, customers):
    job = client.submit("Show a chart of segment sizes", [], api_name="/chat")
    updates = list(job)
    box, history, chart, table, note = job.result()
    assert len(updates) >= 2 and box == ""  # a placeholder first, then the answer
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert text_of(history[1]).startswith("Segment sizes:")
    assert chart["visible"] and chart["value"]["columns"] == ["label", "value"]
    assert sum(row[1] for row in chart["value"]["data"]) == len(customers)
    assert not table["visible"]
    assert "offline assistant" in note


def test_chat_shows_a_table_answer(client):
    _, history, chart, table, _ = client.predict("Show the profile table", [], api_name="/chat")
    assert table["visible"] and len(table["value"]["data"]) == 4
    assert "name" in table["value"]["headers"] and not chart["visible"]


def test_empty_chat_message_is_a_readable_error(client):
    with pytest.raises(AppError, match="Please type a question"):
        client.predict("   ", [], api_name="/chat")


def test_chat_clear_empties_the_history(client):
    client.predict("Which segments are there?", [], api_name="/chat")
    history, chart, table, note = client.predict(api_name="/chat_clear")
    assert history == [] and note == "" and not chart["visible"]


def listed_then_echo(body):
    """A fake model that looks the segments up, then echoes the question (no figures)."""
    if body["messages"][-1]["role"] == "user":
        return {"tool": "list_segments", "args": {}}
    return {"text": "echo: " + last_user(body)}


def test_two_sessions_keep_separate_chat_histories(small_bundle, customers, fake_llm):
    fake_llm.responder = listed_then_echo
    settings = LLMSettings(base_url=fake_llm.base_url, api_key="k", max_retries=0, timeout=5)
    demo = create_app(small_bundle, settings, customers=customers)
    url = launched(demo)
    release_event_loops()
    a, b = (Client(url, verbose=False, download_files=False) for _ in range(2))
    try:
        a.predict("first question from a", [], api_name="/chat")
        _, history, *_ = b.predict("question from b", [], api_name="/chat")
        assert text_of(history[-1]).endswith("\n\necho: question from b")
        sent = [m["content"] for m in fake_llm.requests[-1]["messages"] if m["role"] == "user"]
        assert sent == ["question from b"]  # nothing of session a
        a.predict("second from a", [], api_name="/chat")
        sent = [m["content"] for m in fake_llm.requests[-1]["messages"] if m["role"] == "user"]
        assert sent == ["first question from a", "second from a"]
        a.predict(api_name="/chat_clear")  # clearing forgets the conversation, not just the view
        a.predict("after clearing", [], api_name="/chat")
        sent = [m["content"] for m in fake_llm.requests[-1]["messages"] if m["role"] == "user"]
        assert sent == ["after clearing"]
    finally:
        close_client(a)
        close_client(b)
        demo.close()
        release_event_loops()


def test_assign_with_the_default_form_gives_a_persona(client, small_bundle):
    card, plot, reasons, code, what_if = client.predict(api_name="/assign")
    result = json.loads(code)
    assert result["persona"] in small_bundle.names
    assert card.startswith(f"### {result['persona']}")
    assert [row[0] for row in plot["data"]] == small_bundle.names  # a value: no config update
    assert sum(row[1] for row in plot["data"]) == pytest.approx(100, abs=0.5)
    assert "Why this persona" in reasons and len(result["reasons"]) >= 1
    assert result["customer"]["kidhome"] == 0 and result["customer"]["income"] > 0
    assert f"The persona stays **{result['persona']}**" in what_if


def test_assign_rejects_a_value_outside_the_field_limits(client):
    with pytest.raises(AppError, match="greater than maximum value 100"):
        client.predict(age=150, api_name="/assign")


def test_assign_reports_bad_other_attributes(client):
    with pytest.raises(AppError, match="must be a JSON object"):
        client.predict(other_attributes="[1, 2]", api_name="/assign")
    with pytest.raises(AppError, match="unknown customer attribute.*'Incme'"):
        client.predict(other_attributes='{"Incme": 5}', api_name="/assign")


def test_what_if_says_whether_the_persona_changes(client):
    same = client.predict(api_name="/what_if")
    assert "The persona stays" in same
    poorer = client.predict(what_if_income=5000, what_if_kidhome=2, api_name="/what_if")
    assert "income 5,000, 2 small child(ren)" in poorer
    assert "The persona **changes** from" in poorer


def test_upload_of_a_good_file_shows_report_and_overview(client, customer_csv):
    out = client.predict(handle_file(str(customer_csv)), api_name="/upload")
    report, age, income, spend, channels, campaigns, missing, fixes, quirks, roles, given = out
    assert roles["data"] == [] and given == ""  # the reference schema: no roles to change
    assert "shop customers.csv: 300 rows read (comma-separated); reference schema" in report
    assert sum(row[1] for row in age["value"]["data"]) == 300
    assert sum(row[1] for row in income["value"]["data"]) == 300
    assert [row[0] for row in spend["value"]["data"]][0] == "wine"
    assert [row[0] for row in campaigns["value"]["data"]][-1] == "last (Response)"
    assert fixes["visible"] and fixes["value"]["data"][0][0] == "read as"


def test_upload_of_a_bad_file_shows_the_data_error(client, tmp_path):
    frame = make_customers(20, random_state=1).astype({"Income": object})
    frame.loc[4, "Income"] = "lots"
    path = tmp_path / "broken.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(AppError, match=r"broken.csv: column 'Income' must be numeric; line 6"):
        client.predict(handle_file(str(path)), api_name="/upload")


def test_a_failed_upload_leaves_nothing_to_train_on(client, customer_csv, tmp_path):
    client.predict(handle_file(str(customer_csv)), api_name="/upload")
    bad = tmp_path / "empty.csv"
    bad.write_text("ID,Income\n")
    with pytest.raises(AppError, match="empty.csv"):
        client.predict(handle_file(str(bad)), api_name="/upload")
    with pytest.raises(AppError, match="Upload a customer table first"):
        client.predict(api_name="/train_upload")


def test_train_on_upload_is_for_this_session_only(client, app_url, customer_csv):
    with pytest.raises(AppError, match="Upload a customer table first"):
        client.predict(api_name="/train_upload")
    client.predict(handle_file(str(customer_csv)), api_name="/upload")
    out = client.predict(api_name="/train_upload")
    # + the field pools of a table's columns and the assign form's JSON (its layout parts
    # have no value)
    assert len(out) == N_VIEWS + NUMBER_SLOTS + CHOICE_SLOTS + 1
    assert out[0].startswith("**Data:** shop customers.csv, 300 customers")
    other = Client(app_url, verbose=False, download_files=False)
    try:
        assert len(_membership(other)) == 4  # the app's model
    finally:
        close_client(other)


def test_a_generic_upload_turns_the_form_into_fields_of_its_columns(client, tmp_path):
    path = tmp_path / "mall.csv"
    table = mall_table(120)
    table.to_csv(path, index=False)
    client.predict(handle_file(str(path)), api_name="/upload")
    out = client.predict(api_name="/train_upload")
    views, extra = out[:N_VIEWS], out[-1]
    numbers = out[N_VIEWS : N_VIEWS + NUMBER_SLOTS]
    choices = out[N_VIEWS + NUMBER_SLOTS : N_VIEWS + NUMBER_SLOTS + CHOICE_SLOTS]
    assert "Which segment has the highest Annual Income (k$)?" in str(views[1])  # its examples
    assert "children" not in str(views[1])
    shown = [n for n in numbers if n["visible"]]
    assert [n["label"] for n in shown] == ["Age", "Annual Income (k$)", "Spending Score (1-100)"]
    assert all(n["value"] is None and "empty = typical" in n["info"] for n in shown)
    assert shown[0]["info"].startswith("empty = typical (") and " · 0 to " in shown[0]["info"]
    assert [n["visible"] for n in numbers[3:]] == [False] * (NUMBER_SLOTS - 3)
    assert choices[0]["label"] == "Gender" and choices[0]["visible"]
    assert {c[0] for c in choices[0]["choices"]} == {"Female", "Male"}
    assert extra == ""  # every column has a field: nothing left for the JSON box
    pools = {"number_1": 31, "number_2": 110, "choice_1": "Female"}
    card, plot, reasons, code, what_if = client.predict(**pools, api_name="/assign")
    result = json.loads(code)
    assert result["customer"] == {"Age": 31, "Annual Income (k$)": 110.0, "Gender": "Female"}
    assert result["imputed"] == ["Spending Score (1-100)"]
    assert result["given"].startswith("3 of 4 fields given")
    assert "3 of 4 fields given" in reasons
    assert what_if == ""  # the what-if is about the reference form's fields
    with pytest.raises(AppError, match=r"Age must be between 0 and \d+.*got 500"):
        client.predict(number_1=500, api_name="/assign")
    assert json.loads(client.predict(api_name="/assign")[3])["imputed"]  # nothing given


def test_a_table_in_euros_with_a_date_shows_its_roles_trains_with_changes_and_no_nan(
    client, tmp_path
):
    """A German export (ID, age, € amounts, a join date, a region): the Data tab shows how
    each column is read; a role changed there is used; nothing the app shows says nan."""
    path = tmp_path / "kunden.csv"
    euro_table(300).to_csv(path, index=False)
    *_, roles, given = client.predict(handle_file(str(path)), api_name="/upload")
    read = {row[0]: row[1:] for row in roles["data"]}
    assert read["Kundennummer"][:1] == ["id"] and read["Kunde seit"][0] == "date"
    assert read["Umsatz (€)"][:3] == ["money", "€", "yes"] and given == ""
    with pytest.raises(AppError, match=r"roles item 'Region=colour': unknown role 'colour'"):
        client.predict("Region=colour", api_name="/train_upload")
    out = client.predict("region=text", api_name="/train_upload")
    choices = out[N_VIEWS + NUMBER_SLOTS : N_VIEWS + NUMBER_SLOTS + CHOICE_SLOTS]
    assert not any(c["visible"] for c in choices)  # Region is text now: not a field
    numbers = [n["label"] for n in out[N_VIEWS : N_VIEWS + NUMBER_SLOTS] if n["visible"]]
    assert numbers == ["Alter", "Umsatz (€)", "Besuche pro Monat"]
    shown = [str(out)]
    shown.append(str(client.predict(number_1=30, number_2=400, api_name="/assign")))
    _, history, *_ = client.predict("average Umsatz by persona", [], api_name="/chat")
    shown.append(str(history))
    assert "Umsatz" in str(history)
    assert not [t for t in shown if re.search(r"\bnan\b", t, re.I)]


def test_retrain_in_one_session_leaves_the_other_unchanged(client, app_url, small_bundle):
    other = Client(app_url, verbose=False, download_files=False)
    try:
        header, _, sizes, *cards = client.predict("kmeans", "3", "behavior", api_name="/retrain")
        assert "k = 3" in header and len(sizes["value"]["data"]) == 3
        assert [c["visible"] for c in cards[:10]] == [True] * 3 + [False] * 7
        assert len(_membership(client)) == 3
        assert _membership(other) == small_bundle.names
    finally:
        close_client(other)


def test_retrain_keeps_the_names_of_matching_segments(small_bundle, customers, tmp_path):
    from assistant.personas.write import write_personas
    from assistant.webapp.common import AppContext
    from assistant.webapp.segments import retrained_state as retrain
    from assistant.webapp.state import UserState

    renamed = copy.copy(small_bundle)
    renamed.names = [f"Persona {i}" for i in range(4)]  # names only the old model can give
    personas = write_personas(renamed.profile, renamed.names)
    st = UserState(renamed, customers, "test", personas, LLMSettings())
    ctx = AppContext(st, LLMSettings(), tmp_path)
    with warnings.catch_warnings():  # gr.Warning outside an event: the training notes
        warnings.simplefilter("ignore", UserWarning)
        new = retrain(ctx, st, "kmeans", "4", "behavior", lambda *a, **k: None)
    assert new.bundle.names == renamed.names
    assert [p.name for p in new.personas] == renamed.names


def test_model_lab_ranks_models_and_draws_its_charts(client, customers):
    table, elbow, silhouette, stability, note = client.predict(
        ["kmeans", "agglomerative"], api_name="/lab"
    )
    rows = table["data"]
    assert len(rows) == 2 * 9 and [r[0] for r in rows] == list(range(1, 19))
    assert {r[1] for r in rows} == {"k-means", "agglomerative (Ward)"}
    assert table["headers"][-1] == "held-out lift"
    for image in (elbow, silhouette, stability):
        assert Path(image["path"]).read_bytes()[:4] == b"\x89PNG"
    assert note.startswith(f"18 models on {len(customers):,} customers")
    with pytest.raises(AppError, match="at least one algorithm"):
        client.predict([], api_name="/lab")


def test_batch_assign_writes_a_formula_safe_audience_csv(client, tmp_path, small_bundle):
    frame = make_customers(50, random_state=5)
    path = tmp_path / "audience in.csv"
    frame.to_csv(path, index=False)
    button, summary = client.predict(handle_file(str(path)), api_name="/batch_assign")
    audience = pd.read_csv(button["value"]["path"])
    assert list(audience.columns) == ["ID", "segment", "persona_name", "membership"]
    assert audience["ID"].tolist() == frame["ID"].astype(int).tolist()
    assert set(audience["persona_name"]) <= set(small_bundle.names)
    assert sum(row[1] for row in summary["value"]["data"]) == 50


def test_report_download_is_a_self_contained_page(client, app_url):
    html, md, data = (b["value"] for b in client.predict(api_name="/report"))
    assert (html["orig_name"], md["orig_name"]) == ("personas-report.html", "personas-report.md")
    page = httpx.get(html["url"]).text  # served by the app
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert not re.search(r"<script|<link|src=|https?://", page, re.I)
    assert Path(md["path"]).read_text().startswith("# Customer personas")


def test_personas_json_holds_every_write_up(client, small_bundle):
    data = client.predict(api_name="/report")[2]["value"]
    personas = json.loads(Path(data["path"]).read_text())
    assert [p["name"] for p in personas] == small_bundle.names
    assert {p["writer"] for p in personas} == {"offline"}


def test_regenerate_without_a_model_uses_the_offline_writer(client):
    header, *cards = client.predict(api_name="/personas_regenerate")
    assert len(cards) == 10  # the cards only: the model and its other views stay
    assert "**Personas written by:** offline" in header
    assert cards[0]["visible"] and "written by offline writer" in cards[0]["value"]
