"""The offline writer on real models: every number verified, every evidence key real, no
empty section, 2-4 campaign ideas, and the same text on every run.

Models (the session's, `tests._models`): the question bank's demo model (2,240 customers, six
segments), the reference file with the default (auto) number of segments (skipped with a
reason if absent), and a generic mall-like table with the automatic choice too.
"""

from __future__ import annotations

import json

import pytest

from assistant.llm import WriteRequest
from assistant.personas.facts import fact_sheet
from assistant.personas.offline import OfflineWriter, offline_writeup
from assistant.personas.verify import check_evidence, check_numbers
from assistant.personas.write import write_personas
from assistant.personas.writeup import LIST_FIELDS, PersonaWriteup
from tests.question_bank import BANK_K, BANK_ROWS


@pytest.fixture(scope="module", params=["demo", "reference", "mall"])
def bundle(request, models):
    if request.param == "demo":
        return models.bundle(BANK_ROWS, BANK_K)
    if request.param == "reference":
        return models.reference()
    return models.mall(200, "auto")


def sheets(bundle):
    return [
        fact_sheet(bundle.profile, s.id, bundle.names[s.id], min_group=0)
        for s in bundle.profile.segments
    ]


def test_the_models_are_what_the_tests_need(bundle):
    k = bundle.profile.n_segments
    assert k >= 3
    assert len(bundle.names) == k == len(set(bundle.names))


def test_every_number_is_verified(bundle):
    for facts in sheets(bundle):
        writeup = offline_writeup(facts, bundle.profile.catalog)
        # the persona's name and the user's column labels (e.g. "Spending Score (1-100)")
        # are names, not figures
        ignore = [writeup.name, *(m.label for m in facts.metrics.values())]
        for text in writeup.texts():
            assert check_numbers(text, facts, ignore=ignore) == [], text


def test_the_texts_state_figures(bundle):
    """Not vacuous: the summaries do carry numbers for the checker to verify."""
    for facts in sheets(bundle):
        summary = offline_writeup(facts).summary
        assert any(ch.isdigit() for ch in summary.replace(facts.name, ""))


def test_every_evidence_key_exists(bundle):
    for facts in sheets(bundle):
        writeup = offline_writeup(facts)
        assert writeup.evidence_keys()
        assert check_evidence(writeup.evidence_keys(), facts) == []


def test_no_section_is_empty_and_there_are_two_to_four_ideas(bundle):
    for facts in sheets(bundle):
        writeup = offline_writeup(facts)
        assert writeup.name == facts.name
        assert writeup.tagline.strip() and writeup.summary.strip()
        for field in LIST_FIELDS:
            items = getattr(writeup, field)
            assert items and all(item.strip() for item in items), field
        assert 2 <= len(writeup.campaign_ideas) <= 4
        for idea in writeup.campaign_ideas:
            assert idea.title and idea.channel and idea.offer and idea.rationale
            assert idea.evidence
        # it is a valid write-up by the schema every writer answers with
        PersonaWriteup.model_validate_json(writeup.model_dump_json())


def test_offline_text_is_deterministic(bundle):
    first = [offline_writeup(f).model_dump() for f in sheets(bundle)]
    second = [offline_writeup(f).model_dump() for f in sheets(bundle)]
    assert first == second


def test_write_personas_offline_marks_every_persona_verified(bundle):
    results = write_personas(bundle.profile, bundle.names)
    assert [r.name for r in results] == bundle.names
    assert all(r.writer == "offline" and r.verified and r.note is None for r in results)
    assert all(r.calls == 0 and not r.cached for r in results)
    again = write_personas(bundle.profile, bundle.names)
    assert [r.writeup for r in again] == [r.writeup for r in results]


def test_response_basis_points_to_a_rate_when_the_data_has_an_outcome(bundle):
    for result in write_personas(bundle.profile, bundle.names):
        for idea, expected in zip(result.writeup.campaign_ideas, result.expected, strict=True):
            if idea.expected_response_basis is None:
                assert expected is None
            else:
                assert 0 <= expected["ci_low"] <= expected["rate"] <= expected["ci_high"] <= 1


def test_offline_writer_answers_a_request_with_the_writeup_json(bundle):
    facts = sheets(bundle)[0]
    request = WriteRequest(kind="persona", facts=facts.to_dict(), messages=[])
    writer = OfflineWriter()
    assert writer.kind == "offline" and writer.name == "offline"
    assert json.loads(writer.write(request)) == offline_writeup(facts).model_dump()
