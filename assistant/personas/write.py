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

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import LLMError
from assistant.llm import LLMSettings, Writer, WriteRequest
from assistant.personas.fact_paths import dig
from assistant.personas.facts import MIN_GROUP, fact_sheet
from assistant.personas.offline import OfflineWriter, offline_writeup
from assistant.personas.verify import FactIndex, check_evidence, check_numbers
from assistant.personas.writeup import PersonaWriteup, parse_writeup, writeup_schema
from assistant.prompts import prompt_version, render

__all__ = ["PersonaCache", "PersonaResult", "persona_prompt_version", "write_personas"]

Progress = Callable[[int, int, str], None]
PERSONA_TEMPLATES = ("system.j2", "persona.j2")


def persona_prompt_version() -> str:
    """Content hash of the persona prompt templates (recorded with every output)."""
    return prompt_version(*PERSONA_TEMPLATES)


@dataclass
class PersonaResult:
    """One segment's write-up and where it came from."""

    segment: int
    name: str
    writeup: PersonaWriteup
    writer: str  # "llm" | "offline"
    model: str | None
    prompt_version: str
    verified: bool
    note: str | None = None  # why the offline text is shown although a model was asked
    cached: bool = False
    calls: int = 0
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    settings: dict[str, Any] = field(default_factory=dict)
    expected: list[dict[str, Any] | None] = field(default_factory=list)

    @property
    def made_by(self) -> str:
        """'offline writer' or 'model gpt-4o-mini', for display."""
        return f"model {self.model}" if self.writer == "llm" else "offline writer"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the write-up as plain data)."""
        out = asdict(self)
        out["writeup"] = self.writeup.model_dump()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PersonaResult:
        """Inverse of `to_dict`."""
        return cls(**{**data, "writeup": PersonaWriteup.model_validate(data["writeup"])})


class PersonaCache:
    """Verified write-ups on disk, one JSON file per key, written atomically."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @staticmethod
    def key(facts: dict[str, Any], version: str, settings: LLMSettings) -> str:
        """Hash of what determines the answer: statistics, prompt, model and its settings."""
        material = {
            "facts": facts,
            "prompt": version,
            "model": settings.model,
            "base_url": settings.base_url,
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
        }
        blob = json.dumps(material, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> PersonaResult | None:
        """The cached result for ``key``, or None (also for an unreadable entry)."""
        path = self.folder / f"{key}.json"
        try:
            return PersonaResult.from_dict(json.loads(path.read_text()))
        except (OSError, ValueError, TypeError, LookupError):  # e.g. valid JSON, wrong shape
            return None

    def put(self, key: str, result: PersonaResult) -> None:
        """Store ``result`` under ``key``; best effort: a folder that cannot be written (read
        only, full disk, a file in its place) leaves the result uncached rather than lost."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w") as fh:
                json.dump(result.to_dict(), fh)
            os.replace(tmp, self.folder / f"{key}.json")
        except OSError:
            Path(tmp).unlink(missing_ok=True)


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


def _problems(writeup: PersonaWriteup, facts: dict[str, Any]) -> list[str]:
    index = FactIndex(facts)
    ignore = [writeup.name, *{t for t in _labels(facts) if len(t) <= 60 and "<" not in t}]
    problems = []
    for text in writeup.texts():
        problems.extend(check_numbers(text, index, ignore=ignore))
    problems.extend(check_evidence(writeup.evidence_keys(), index))
    return problems


def _expected(writeup: PersonaWriteup, facts: dict[str, Any]) -> list[dict[str, Any] | None]:
    """Each idea's expected response: the rate and interval its basis key points to."""
    out = []
    for idea in writeup.campaign_ideas:
        parts = (idea.expected_response_basis or "").split(".")
        node = dig(facts, parts) if all(parts) else None  # an empty part names nothing
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
    profile: dict[str, Any], segment_id: int, name: str, version: str, note: str | None
) -> PersonaResult:
    facts = fact_sheet(profile, segment_id, name, min_group=0)
    writeup = offline_writeup(facts)
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


def _messages(facts: dict[str, Any], feedback: Sequence[str]) -> list[dict[str, str]]:
    """System and user messages; the name sent is the fact sheet's cleaned one, never the
    bundle's raw name (which may hold a category label from the user's file)."""
    name = facts["segment"]["name"]
    facts_json = json.dumps(facts, separators=(",", ":"), ensure_ascii=False)
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
    profile: dict[str, Any],
    segment_id: int,
    name: str,
    writer: Writer,
    settings: LLMSettings,
    cache: PersonaCache | None,
    regenerate: bool,
    version: str,
) -> PersonaResult:
    size = next(s["size"] for s in profile["segments"] if s["id"] == segment_id)
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
                    facts=facts,
                    messages=_messages(facts, feedback),
                    schema=writeup_schema(),
                    schema_name="persona",
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
    profile: dict[str, Any],
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
    ids = list(segments) if segments is not None else [s["id"] for s in profile["segments"]]
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
