"""Verified model write-ups on disk, keyed by what determines them (statistics, prompt
version, model and its settings), so unchanged personas cost no call."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from assistant.llm import LLMSettings
from assistant.personas.facts import FactSheet
from assistant.personas.result import PersonaResult

__all__ = ["PersonaCache"]


class PersonaCache:
    """Verified write-ups on disk, one JSON file per key, written atomically."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    @staticmethod
    def key(facts: FactSheet, version: str, settings: LLMSettings) -> str:
        """Hash of what determines the answer: statistics, prompt, model and its settings."""
        material = {
            "facts": facts.to_dict(),
            "prompt": version,
            "model": settings.model,
            "base_url": settings.base_url,
            "temperature": settings.temperature,
            "max_tokens": settings.persona_max_tokens,
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
