"""`personasense personas` and `report`: offline by default, the model when the environment
names one (the fake server here), cached on the second run, bad output paths as one line.

Commands run in-process through `assistant.cli.main`; the environment is cleared of every
OPENAI_* and PERSONASENSE_* variable first so a developer's settings cannot leak in.
"""

from __future__ import annotations

import json
import shutil

import pytest

from assistant.cli import main
from assistant.personas.offline import offline_writeup
from assistant.personas.write import persona_prompt_version
from tests.fake_llm import tagged

pytestmark = pytest.mark.usefixtures("no_llm_env")


@pytest.fixture(scope="module")
def saved(models):
    """The session's saved standard bundle (read-only) and its names."""
    return models.saved(), models.bundle().names


@pytest.fixture
def bundle_dir(saved, tmp_path):
    """A private copy of the saved bundle (its personas/ cache is per test)."""
    folder, _ = saved
    return shutil.copytree(folder, tmp_path / "model")


def run(capsys, *argv: object) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def valid(body: dict) -> dict:
    return {"text": offline_writeup(json.loads(tagged(body, "statistics"))).model_dump_json()}


def online(monkeypatch, fake) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("PERSONASENSE_MODEL", "fake-model")
    monkeypatch.setenv("PERSONASENSE_MAX_RETRIES", "0")
    fake.responder = valid


def test_personas_prints_every_persona_with_the_offline_writer(capsys, saved, bundle_dir):
    _, names = saved
    status, out, err = run(capsys, "personas", "--bundle", bundle_dir)
    assert status == 0, err
    for i, name in enumerate(names):
        assert f"== {name} (segment {i}) — offline writer" in out
    assert out.count("offline writer") == len(names)
    assert "UNVERIFIED" not in out and "Campaign ideas:" in out
    assert "expected response:" in out
    assert "Traceback" not in err and "note:" not in err
    assert not (bundle_dir / "personas").exists() or not list((bundle_dir / "personas").iterdir())


def test_personas_json_is_a_list_of_results(capsys, saved, bundle_dir):
    _, names = saved
    status, out, _ = run(capsys, "personas", "--bundle", bundle_dir, "--json", "--quiet")
    assert status == 0
    data = json.loads(out)
    assert isinstance(data, list) and [d["name"] for d in data] == names
    for item in data:
        assert item["writer"] == "offline"
        assert item["prompt_version"] == persona_prompt_version()
        assert item["writeup"]["name"] == item["name"]
        assert item["verified"] is True


def test_progress_goes_to_stderr_and_quiet_silences_it(capsys, bundle_dir):
    _, _, err = run(capsys, "personas", "--bundle", bundle_dir)
    assert [line for line in err.splitlines() if line.startswith("personas ")][-1].startswith(
        "personas 4/4"
    )
    _, _, err = run(capsys, "personas", "--bundle", bundle_dir, "--quiet")
    assert err == ""


def test_personas_use_the_model_named_by_the_environment_and_cache(
    capsys, monkeypatch, fake_llm, saved, bundle_dir
):
    _, names = saved
    online(monkeypatch, fake_llm)
    status, out, err = run(capsys, "personas", "--bundle", bundle_dir, "--json", "--quiet")
    assert status == 0, err
    first = json.loads(out)
    assert [d["writer"] for d in first] == ["llm"] * 4
    assert {d["model"] for d in first} == {"fake-model"}
    assert len(fake_llm.requests) == 4
    assert {b["model"] for b in fake_llm.requests} == {"fake-model"}
    assert {h["authorization"] for h in fake_llm.headers} == {"Bearer not-needed"}

    status, out, _ = run(capsys, "personas", "--bundle", bundle_dir, "--json", "--quiet")
    assert status == 0
    second = json.loads(out)
    assert len(fake_llm.requests) == 4, "the second run should be served from the cache"
    assert all(d["cached"] for d in second)
    assert [d["writeup"] for d in second] == [d["writeup"] for d in first]

    status, out, _ = run(capsys, "personas", "--bundle", bundle_dir, "--quiet")
    for name in names:
        assert f"{name} (segment" in out
    assert out.count("model fake-model") == 4 and len(fake_llm.requests) == 4


def test_regenerate_and_offline_flags(capsys, monkeypatch, fake_llm, bundle_dir):
    online(monkeypatch, fake_llm)
    run(capsys, "personas", "--bundle", bundle_dir, "--quiet")
    run(capsys, "personas", "--bundle", bundle_dir, "--quiet", "--regenerate")
    assert len(fake_llm.requests) == 8
    status, out, _ = run(capsys, "personas", "--bundle", bundle_dir, "--quiet", "--offline")
    assert status == 0 and out.count("offline writer") == 4
    assert len(fake_llm.requests) == 8


def test_a_failing_model_prints_notes_and_the_offline_text(
    capsys, monkeypatch, fake_llm, bundle_dir
):
    online(monkeypatch, fake_llm)
    fake_llm.responder = lambda body: {"status": 401}
    status, out, err = run(capsys, "personas", "--bundle", bundle_dir, "--quiet")
    assert status == 0
    assert out.count("offline writer") == 4
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    assert len(notes) == 4 and all("(401)" in n for n in notes)
    assert "Traceback" not in err


def test_a_bad_setting_is_one_error_line(capsys, monkeypatch, bundle_dir):
    monkeypatch.setenv("PERSONASENSE_TIMEOUT", "soon")
    status, out, err = run(capsys, "personas", "--bundle", bundle_dir)
    assert status == 2 and out == ""
    assert err.strip().splitlines() == ["error: PERSONASENSE_TIMEOUT='soon' is not a valid float."]


def test_a_missing_bundle_is_one_error_line(capsys, tmp_path):
    status, _, err = run(capsys, "personas", "--bundle", tmp_path / "nothing")
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")


def test_report_to_an_unsupported_format_is_one_error_line(
    capsys, monkeypatch, fake_llm, bundle_dir, tmp_path
):
    pytest.importorskip("assistant.report", reason="assistant/report.py is not written yet")
    online(monkeypatch, fake_llm)
    status, out, err = run(capsys, "report", "--bundle", bundle_dir, "--out", tmp_path / "x.pdf")
    assert status == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and ".pdf" in lines[0]
    assert not (tmp_path / "x.pdf").exists()
    assert fake_llm.requests == [], "no model call should be spent on a report it cannot write"


@pytest.mark.parametrize("name", ["r.html", "r.md"])
def test_report_writes_the_file_it_is_asked_for(capsys, bundle_dir, tmp_path, name):
    pytest.importorskip("assistant.report", reason="assistant/report.py is not written yet")
    target = tmp_path / name
    status, out, err = run(capsys, "report", "--bundle", bundle_dir, "--out", target, "--quiet")
    assert status == 0, err
    assert out.strip() == f"wrote {target}"
    assert target.stat().st_size > 0
