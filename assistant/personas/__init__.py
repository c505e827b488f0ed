"""Persona write-ups: the fact sheet a writer may see (aggregates only), the offline and
model writers' structured write-up, number verification, the cache, and `write_personas`."""

from __future__ import annotations

from assistant.personas.cache import PersonaCache
from assistant.personas.facts import FactSheet, fact_sheet
from assistant.personas.offline import OfflineWriter, make_writer, offline_writeup
from assistant.personas.result import PersonaResult
from assistant.personas.write import persona_prompt_version, write_personas
from assistant.personas.writeup import CampaignIdea, PersonaWriteup

__all__ = [
    "CampaignIdea",
    "FactSheet",
    "OfflineWriter",
    "PersonaCache",
    "PersonaResult",
    "PersonaWriteup",
    "fact_sheet",
    "make_writer",
    "offline_writeup",
    "persona_prompt_version",
    "write_personas",
]
