"""Persona orchestration: fact-checking with one correction, concurrency, progress and cache.

The model is the local fake server; a valid answer for a segment is the offline writer's JSON
for the fact sheet the request carries (so answers stay right whatever order concurrent
requests arrive in), altered to plant problems where a test needs them.
"""

from __future__ import annotations

import copy
import json
import time

import pytest

from assistant.llm import LLMSettings, OpenAIWriter
from assistant.personas.facts import fact_sheet
from assistant.personas.offline import offline_writeup
from assistant.personas.verify import check_evidence, check_numbers
from assistant.personas.write import (
    PersonaCache,
    PersonaResult,
    persona_prompt_version,
    write_personas,
)
from segmentation.profile import Profile
from tests.fake_llm import last_user, tagged

WRONG_INCOME = "Their household income is $999k on average."


@pytest.fixture(scope="module")
def demo(models):
    """The session's standard demo model: 800 customers, k = 4 (read-only)."""
    return models.bundle()


def settings_for(fake, **kw) -> LLMSettings:
    values = {"base_url": fake.base_url, "api_key": "k", "model": "m", "max_retries": 0}
    return LLMSettings(**{**values, "timeout": 5.0, **kw})


def run(demo, fake, *, segments=None, **kw) -> list[PersonaResult]:
    settings = settings_for(fake, **{k: v for k, v in kw.items() if k in ("model", "temperature")})
    rest = {k: v for k, v in kw.items() if k not in ("model", "temperature")}
    return write_personas(
        demo.profile, demo.names, OpenAIWriter(settings), settings=settings, segments=segments,
        **rest,
    )  # fmt: skip


def sent_facts(body: dict) -> dict:
    return json.loads(tagged(body, "statistics"))


def valid(body: dict) -> dict:
    """A correct answer for the segment the request is about."""
    return {"text": offline_writeup(sent_facts(body)).model_dump_json()}


def planted(facts: dict, *, summary: str | None = None, evidence: str | None = None) -> str:
    answer = json.loads(offline_writeup(facts).model_dump_json())
    if summary is not None:
        answer["summary"] += " " + summary
    if evidence is not None:
        answer["campaign_ideas"][0]["evidence"].append(evidence)
    return json.dumps(answer)


def facts0(demo) -> dict:
    return fact_sheet(demo.profile, 0, demo.names[0])


# -- fact-check: one correction round, then the offline text --------------------------------
def test_a_wrong_number_is_sent_back_and_a_corrected_answer_accepted(fake_llm, demo):
    facts = facts0(demo)
    wrong = planted(facts, summary=WRONG_INCOME)
    [problem] = check_numbers(json.loads(wrong)["summary"], facts, ignore=[demo.names[0]])
    assert problem.startswith("'$999k' (…Their household income is $999k")
    fake_llm.script = [{"text": wrong}, {"text": planted(facts)}]
    [result] = run(demo, fake_llm, segments=[0])
    assert len(fake_llm.requests) == 2
    first, second = (last_user(b) for b in fake_llm.requests)
    assert "$999k" not in first and "previous answer had these problems" not in first
    assert "previous answer had these problems" in second
    assert f"- {problem}" in second
    assert result.writer == "llm" and result.verified is True and result.calls == 2
    assert result.note is None and "$999k" not in result.writeup.summary


def test_a_second_wrong_answer_falls_back_to_offline_with_a_note(fake_llm, demo):
    facts = facts0(demo)
    fake_llm.script = [{"text": planted(facts, summary=WRONG_INCOME)}] * 3
    [result] = run(demo, fake_llm, segments=[0])
    assert len(fake_llm.requests) == 2
    assert result.writer == "offline" and result.verified is True and result.calls == 2
    assert result.writeup == offline_writeup(fact_sheet(demo.profile, 0, demo.names[0], 0))
    assert "$999k" in result.note and "after one correction" in result.note
    assert "$999k" not in json.dumps(result.writeup.model_dump())


def test_a_nonexistent_evidence_key_is_sent_back(fake_llm, demo):
    facts = facts0(demo)
    bad_key = "metrics.shoe_size.index"
    [problem] = check_evidence([bad_key], facts)
    fake_llm.script = [{"text": planted(facts, evidence=bad_key)}, {"text": planted(facts)}]
    [result] = run(demo, fake_llm, segments=[0])
    assert f"- {problem}" in last_user(fake_llm.requests[1])
    assert result.writer == "llm" and result.verified is True and result.calls == 2


def test_a_nonexistent_evidence_key_twice_falls_back(fake_llm, demo):
    facts = facts0(demo)
    fake_llm.script = [{"text": planted(facts, evidence="metrics.shoe_size.index")}] * 2
    [result] = run(demo, fake_llm, segments=[0])
    assert len(fake_llm.requests) == 2
    assert result.writer == "offline" and result.verified is True and result.calls == 2
    assert "metrics.shoe_size.index" in result.note


def test_a_fault_on_the_correction_request_falls_back(fake_llm, demo):
    facts = facts0(demo)
    fake_llm.script = [{"text": planted(facts, summary=WRONG_INCOME)}, {"status": 401}]
    [result] = run(demo, fake_llm, segments=[0])
    assert result.writer == "offline" and result.calls == 2
    assert "(401)" in result.note


def test_the_model_name_it_gives_is_replaced_by_the_bundle_name(fake_llm, demo):
    answer = json.loads(planted(facts0(demo)))
    answer["name"] = "Something Else Entirely"
    fake_llm.script = [{"text": json.dumps(answer)}]
    [result] = run(demo, fake_llm, segments=[0])
    assert result.writer == "llm" and result.writeup.name == demo.names[0]


def test_the_expected_response_comes_from_the_cited_rate(fake_llm, demo):
    fake_llm.responder = valid
    [result] = run(demo, fake_llm, segments=[0])
    facts = facts0(demo).to_dict()
    for idea, expected in zip(result.writeup.campaign_ideas, result.expected, strict=True):
        node = facts
        for part in idea.expected_response_basis.split("."):
            node = node[part]
        assert expected == {
            "basis": idea.expected_response_basis,
            "rate": node["rate"],
            "ci_low": node["ci_low"],
            "ci_high": node["ci_high"],
        }


# -- concurrency and progress -----------------------------------------------------------------
def test_segments_are_written_concurrently(fake_llm, demo):
    fake_llm.responder = lambda body: {"delay": 0.3, **valid(body)}
    start = time.perf_counter()
    results = run(demo, fake_llm)
    elapsed = time.perf_counter() - start
    assert [r.writer for r in results] == ["llm"] * 4
    assert len(fake_llm.requests) == 4
    assert fake_llm.max_in_flight >= 2
    assert elapsed < 1.0, f"4 answers of 0.3 s took {elapsed:.2f} s: not concurrent"


def test_results_come_back_in_segment_order_whatever_finishes_first(fake_llm, demo):
    def slow_first(body):
        return {"delay": 0.2 if sent_facts(body)["segment"]["id"] == 0 else 0.0, **valid(body)}

    fake_llm.responder = slow_first
    results = run(demo, fake_llm)
    assert [r.segment for r in results] == [0, 1, 2, 3]
    assert [r.name for r in results] == demo.names
    assert [r.writeup.name for r in results] == demo.names


def test_progress_is_called_once_per_persona_counting_up(fake_llm, demo):
    fake_llm.responder = valid
    calls = []
    run(demo, fake_llm, progress=lambda done, total, name: calls.append((done, total, name)))
    assert [c[0] for c in calls] == [1, 2, 3, 4]
    assert {c[1] for c in calls} == {4}
    assert sorted(c[2] for c in calls) == sorted(demo.names)


def test_offline_progress_counts_every_persona(demo):
    calls = []
    write_personas(demo.profile, demo.names, progress=lambda d, t, n: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


# -- cache ------------------------------------------------------------------------------------
def test_a_second_run_is_served_from_the_cache(fake_llm, demo, tmp_path):
    cache = PersonaCache(tmp_path)
    fake_llm.responder = valid
    first = run(demo, fake_llm, cache=cache)
    assert len(fake_llm.requests) == 4 and not any(r.cached for r in first)
    second = run(demo, fake_llm, cache=cache)
    assert len(fake_llm.requests) == 4, "the cached run made new requests"
    assert all(r.cached for r in second)
    assert [r.writeup for r in second] == [r.writeup for r in first]
    assert [r.writer for r in second] == ["llm"] * 4


def test_regenerate_asks_the_model_again(fake_llm, demo, tmp_path):
    cache = PersonaCache(tmp_path)
    fake_llm.responder = valid
    run(demo, fake_llm, cache=cache)
    again = run(demo, fake_llm, cache=cache, regenerate=True)
    assert len(fake_llm.requests) == 8
    assert not any(r.cached for r in again)


@pytest.mark.parametrize("change", [{"temperature": 0.9}, {"model": "other-model"}])
def test_changed_settings_miss_the_cache(fake_llm, demo, tmp_path, change):
    cache = PersonaCache(tmp_path)
    fake_llm.responder = valid
    run(demo, fake_llm, cache=cache)
    changed = run(demo, fake_llm, cache=cache, **change)
    assert len(fake_llm.requests) == 8
    assert not any(r.cached for r in changed)
    assert fake_llm.requests[-1]["model"] == change.get("model", "m")


def test_changed_statistics_miss_the_cache(fake_llm, demo, tmp_path):
    cache = PersonaCache(tmp_path)
    fake_llm.responder = valid
    run(demo, fake_llm, cache=cache, segments=[0])
    data = demo.profile.to_dict()
    data["segments"][0]["metrics"]["income"]["mean"] += 5000
    profile = Profile.from_dict(data)
    settings = settings_for(fake_llm)
    write_personas(profile, demo.names, OpenAIWriter(settings), settings=settings, cache=cache,
                   segments=[0])  # fmt: skip
    assert len(fake_llm.requests) == 2


def test_fallbacks_are_not_cached(fake_llm, demo, tmp_path):
    cache = PersonaCache(tmp_path)
    fake_llm.script = [{"status": 401}]
    [first] = run(demo, fake_llm, cache=cache, segments=[0])
    assert first.writer == "offline"
    fake_llm.responder = valid
    [second] = run(demo, fake_llm, cache=cache, segments=[0])
    assert second.writer == "llm" and not second.cached
    assert len(fake_llm.requests) == 2


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"\xff\xfe\x00garbage", b"[]", b"null", b"{}", b'{"writeup": {}}'],
    ids=["broken", "empty", "binary", "list", "null", "no-keys", "bad-writeup"],
)
def test_a_corrupt_cache_file_is_ignored(fake_llm, demo, tmp_path, content):
    cache = PersonaCache(tmp_path)
    fake_llm.responder = valid
    run(demo, fake_llm, cache=cache, segments=[0])
    [entry] = list(tmp_path.glob("*.json"))
    entry.write_bytes(content)
    [result] = run(demo, fake_llm, cache=cache, segments=[0])
    assert result.writer == "llm" and not result.cached
    assert len(fake_llm.requests) == 2
    assert PersonaResult.from_dict(json.loads(entry.read_text())).writeup == result.writeup


def test_an_unwritable_cache_folder_does_not_lose_the_result(fake_llm, demo, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    fake_llm.responder = valid
    [result] = run(demo, fake_llm, cache=PersonaCache(blocker), segments=[0])
    assert result.writer == "llm" and result.verified is True


def test_cache_key_depends_on_prompt_version_and_model_settings(demo):
    facts = facts0(demo)
    base = LLMSettings(model="m")
    key = PersonaCache.key(facts, persona_prompt_version(), base)
    assert key == PersonaCache.key(copy.deepcopy(facts), persona_prompt_version(), base)
    assert key != PersonaCache.key(facts, "000000000000", base)
    assert key != PersonaCache.key(facts, persona_prompt_version(), LLMSettings(model="m2"))
    assert key != PersonaCache.key(facts, persona_prompt_version(), LLMSettings(max_tokens=9))
    assert key != PersonaCache.key(
        facts, persona_prompt_version(), LLMSettings(model="m", base_url="http://other/v1")
    )
    # the key and the timeout are not part of what the answer depends on
    assert key == PersonaCache.key(
        facts, persona_prompt_version(), LLMSettings(model="m", api_key="x", timeout=1.0)
    )


def test_result_round_trips_through_dict(fake_llm, demo):
    fake_llm.responder = valid
    [result] = run(demo, fake_llm, segments=[0])
    data = json.loads(json.dumps(result.to_dict()))
    assert PersonaResult.from_dict(data) == result
    assert data["settings"]["model"] == "m" and "api_key" not in data["settings"]
    assert data["prompt_version"] == persona_prompt_version()


def test_a_digit_only_category_label_does_not_hide_a_wrong_figure(fake_llm, demo):
    """Digits inside a label are names, not figures; but a label that is only a number
    ("9", a coded category) must not excuse that number wherever it appears."""
    data = demo.profile.to_dict()
    data["segments"][0]["mix"]["region"] = {"9": 0.6, "North 2": 0.4}
    profile = Profile.from_dict(data)
    facts = fact_sheet(profile, 0, demo.names[0])
    assert facts.mix["region"] == {"9": 0.6, "North 2": 0.4}
    fake_llm.script = [{"text": planted(facts, summary=WRONG_INCOME + " Mostly North 2.")}] * 2
    settings = settings_for(fake_llm)
    [result] = write_personas(
        profile, demo.names, OpenAIWriter(settings), settings=settings, segments=[0]
    )
    assert result.writer == "offline" and "$999k" in result.note
    assert "'2' (" not in result.note  # "North 2" holds a letter: a name, not a figure
