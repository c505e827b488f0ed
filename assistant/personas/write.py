"""Persona write-ups for every segment: written, verified, cached, in parallel.

For each segment: build its fact sheet (`privacy.fact_sheet`), render the persona prompt,
ask the writer, parse the JSON (`writeup.parse_writeup`) and check every number and evidence
key against the fact sheet (`verify`). A write-up with problems is sent back once with the
list of problems; if it still fails — or the model cannot be used at all — the offline
write-up is shown instead, with a note saying why. Unverified text is never returned as fact.

Verified model write-ups are cached on disk by (statistics, prompt version, model, settings):
unchanged personas cost no call; ``regenerate=True`` bypasses the cache. All segments are
written concurrently (at most ``settings.concurrency`` at once), so the wall time is about
that of the slowest call.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from assistant.errors import LLMError
from assistant.llm import LLMSettings, Writer, WriteRequest
from assistant.personas.cache import PersonaCache
from assistant.personas.facts import MIN_GROUP, FactSheet, dig, fact_sheet
from assistant.personas.offline import OfflineWriter, offline_writeup
from assistant.personas.result import PersonaResult
from assistant.personas.verify import FactIndex, check_evidence, check_numbers
from assistant.personas.writeup import PersonaWriteup, parse_writeup, writeup_schema
from assistant.prompts import prompt_version, render
from segmentation.profile import Profile

__all__ = ["persona_prompt_version", "write_personas"]

Progress = Callable[[int, int, str], None]
PERSONA_TEMPLATES = ("system.j2", "persona.j2")


def persona_prompt_version() -> str:
    """Content hash of the persona prompt templates (recorded with every output)."""
    return prompt_version(*PERSONA_TEMPLATES)


def _labels(node: Any) -> list[str]:
    """Names and labels of a fact sheet that hold digits ("Spending Score (1-100)"): digits
    inside them are part of a name, not figures. Category keys are included too. A label
    without a letter ("9", a coded category) is left out: ignoring it would excuse that
    number wherever it appears ("$999k")."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("name", "label") and isinstance(value, str):
                out.append(value)
            elif isinstance(value, dict):
                out.extend(k for k in value if isinstance(k, str))
                out.extend(_labels(value))
    return [t for t in out if any(ch.isdigit() for ch in t) and any(ch.isalpha() for ch in t)]


def _problems(writeup: PersonaWriteup, facts: FactSheet) -> list[str]:
    sheet = facts.to_dict()
    index = FactIndex(sheet)
    ignore = [writeup.name, *{t for t in _labels(sheet) if len(t) <= 60 and "<" not in t}]
    problems = []
    for text in writeup.texts():
        problems.extend(check_numbers(text, index, ignore=ignore))
    problems.extend(check_evidence(writeup.evidence_keys(), index))
    return problems


def _expected(writeup: PersonaWriteup, facts: FactSheet) -> list[dict[str, Any] | None]:
    """Each idea's expected response: the rate and interval its basis key points to."""
    sheet = facts.to_dict()
    out = []
    for idea in writeup.campaign_ideas:
        parts = (idea.expected_response_basis or "").split(".")
        node = dig(sheet, parts) if all(parts) else None  # an empty part names nothing
        if isinstance(node, dict) and "rate" in node:
            out.append(
                {
                    "basis": idea.expected_response_basis,
                    **{k: node.get(k) for k in ("rate", "ci_low", "ci_high")},
                }
            )
        else:
            out.append(None)
    return out


def _offline(
    profile: Profile, segment_id: int, name: str, version: str, note: str | None
) -> PersonaResult:
    facts = fact_sheet(profile, segment_id, name, min_group=0)
    writeup = offline_writeup(facts, profile.catalog)
    problems = _problems(writeup, facts)
    return PersonaResult(
        segment=segment_id,
        name=name,
        writeup=writeup,
        writer="offline",
        model=None,
        prompt_version=version,
        verified=not problems,
        note=note if not problems else f"{note or ''} Offline text failed checks: {problems}",
        expected=_expected(writeup, facts),
    )


def _messages(facts: FactSheet, feedback: Sequence[str]) -> list[dict[str, str]]:
    """System and user messages; the name sent is the fact sheet's cleaned one, never the
    bundle's raw name (which may hold a category label from the user's file)."""
    name = facts.name
    facts_json = json.dumps(facts.to_dict(), separators=(",", ":"), ensure_ascii=False)
    return [
        {"role": "system", "content": render("system.j2")},
        {
            "role": "user",
            "content": render(
                "persona.j2", facts_json=facts_json, name=name, feedback=list(feedback)
            ),
        },
    ]


def _write_one(
    profile: Profile,
    segment_id: int,
    name: str,
    writer: Writer,
    settings: LLMSettings,
    cache: PersonaCache | None,
    regenerate: bool,
    version: str,
) -> PersonaResult:
    size = profile.segment(segment_id).size
    if writer.kind == "offline":
        return _offline(profile, segment_id, name, version, None)
    if size < MIN_GROUP:
        return _offline(
            profile,
            segment_id,
            name,
            version,
            f"Fewer than {MIN_GROUP} customers: nothing is sent to the model.",
        )
    facts = fact_sheet(profile, segment_id, name)
    key = PersonaCache.key(facts, version, settings)
    if cache is not None and not regenerate and (hit := cache.get(key)) is not None:
        hit.cached = True
        return hit
    feedback: list[str] = []
    calls = 0
    note: str | None = None
    try:
        for attempt in range(2):
            calls += 1
            text = writer.write(
                WriteRequest(
                    kind="persona",
                    facts=facts.to_dict(),
                    messages=_messages(facts, feedback),
                    schema=writeup_schema(),
                    schema_name="persona",
                    max_tokens=settings.persona_max_tokens,
                )
            )
            writeup = parse_writeup(text).model_copy(update={"name": name})
            feedback = _problems(writeup, facts)
            if not feedback:
                result = PersonaResult(
                    segment=segment_id,
                    name=name,
                    writeup=writeup,
                    writer="llm",
                    model=writer.name,
                    prompt_version=version,
                    verified=True,
                    calls=calls,
                    settings=settings.public(),
                    expected=_expected(writeup, facts),
                )
                if cache is not None:
                    cache.put(key, result)
                return result
            if attempt == 1:
                shown = "; ".join(feedback[:3]) + (" …" if len(feedback) > 3 else "")
                note = (
                    f"The model's write-up still stated figures the statistics do not hold "
                    f"after one correction ({shown}); showing the offline write-up."
                )
    except LLMError as exc:
        note = f"The language model could not be used ({exc}); showing the offline write-up."
    result = _offline(profile, segment_id, name, version, note)
    result.calls, result.settings = calls, settings.public()
    return result


def write_personas(
    profile: Profile,
    names: Sequence[str],
    writer: Writer | None = None,
    *,
    settings: LLMSettings | None = None,
    cache: PersonaCache | None = None,
    regenerate: bool = False,
    progress: Progress | None = None,
    segments: Sequence[int] | None = None,
) -> list[PersonaResult]:
    """Write-ups of ``segments`` (default: all), in segment order, concurrently.

    ``writer`` defaults to the offline writer; ``progress(done, total, name)`` is called as
    each persona is finished (from worker threads).
    """
    writer = writer or OfflineWriter()
    settings = settings or LLMSettings()
    version = persona_prompt_version()
    ids = list(segments) if segments is not None else [s.id for s in profile.segments]
    results: dict[int, PersonaResult] = {}
    workers = max(1, min(settings.concurrency, len(ids)))
    if writer.kind == "offline":
        workers = 1  # microseconds each: threads would only add overhead
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(
                _write_one, profile, i, names[i], writer, settings, cache, regenerate, version
            ): i
            for i in ids
        }
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            results[i] = future.result()
            if progress is not None:
                progress(done, len(ids), names[i])
    return [results[i] for i in ids]
