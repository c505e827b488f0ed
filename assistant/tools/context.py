"""What the chat tools read: one model, its personas and (for counts) its customers.

A `ChatContext` is immutable: everything it derives (display names, the literal names whose
digits are not figures, the customer view and segment of each customer, offline personas,
fact indexes) is a computed property, worked out once on first use and shared by every
session on the same model. Nothing in it is a cache a session could write to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from assistant.personas import PersonaResult, fact_sheet, write_personas
from assistant.personas.verify import FactIndex
from assistant.text import clean_label
from segmentation.bundle import Bundle
from segmentation.catalog import Catalog
from segmentation.profile import Profile, SegmentProfile
from segmentation.schema import ID_COLUMN

__all__ = ["ChatContext"]


@dataclass(frozen=True)
class ChatContext:
    """What the tools read: never changed by them.

    ``bundle``: the model (segmenter, profile, names). ``personas``: its write-ups, if made.
    ``customers``: the table the model was trained on, if loaded; only counts leave the tools.
    """

    bundle: Bundle
    personas: list[PersonaResult] | None = None
    customers: pd.DataFrame | None = None

    @property
    def profile(self) -> Profile:
        """The bundle's profile."""
        return self.bundle.profile

    @property
    def catalog(self) -> Catalog:
        """What the profile's keys mean (see `segmentation.catalog`)."""
        return self.bundle.profile.catalog

    @property
    def segments(self) -> list[SegmentProfile]:
        """The profile's segments, in id order."""
        return self.bundle.profile.segments

    @cached_property
    def names(self) -> list[str]:
        """The display name of every segment (cleaned of markup, links and control
        characters)."""
        return [clean_label(n, 60) for n in self.bundle.names]

    def name(self, segment_id: int) -> str:
        """The display name of a segment."""
        return self.names[segment_id]

    @cached_property
    def literals(self) -> list[str]:
        """Names and labels whose digits are part of a name, not figures ("Spending Score
        (1-100)"): the ``ignore`` list for checking numbers in text about this model."""
        profile = self.bundle.profile
        texts = [*self.bundle.names, *self.names]
        texts += [*profile.labels.values(), *profile.labels]
        for seg in profile.segments:
            for mix in seg.mix.values():
                texts += list(mix or {})
        texts += [clean_label(t) for t in texts]
        named = (t for t in texts if re.search(r"\d", t) and re.search(r"[^\W\d_]", t))
        return list(dict.fromkeys(named))

    def persona(self, segment_id: int) -> PersonaResult | None:
        """The persona write-up of a segment, if any."""
        return next((p for p in self.personas or [] if p.segment == segment_id), None)

    @cached_property
    def offline_personas(self) -> dict[int, PersonaResult]:
        """Every segment's offline write-up (for a context made without personas)."""
        results = write_personas(self.profile, self.bundle.names)
        return {r.segment: r for r in results}

    def persona_for(self, segment_id: int) -> tuple[PersonaResult, bool]:
        """The segment's persona, and whether it was written here by the offline writer
        (when the context has none)."""
        persona = self.persona(segment_id)
        if persona is not None:
            return persona, False
        return self.offline_personas[segment_id], True

    @cached_property
    def fact_indexes(self) -> dict[int, FactIndex]:
        """Every segment's fact sheet (all figures, as the offline writer sees them), indexed
        for finding which statistics verify a number."""
        return {
            s.id: FactIndex(fact_sheet(self.profile, s.id, self.bundle.names[s.id], 0).to_dict())
            for s in self.segments
        }

    @cached_property
    def customer_view(self) -> pd.DataFrame | None:
        """The customer table without IDs, with the derived columns (Age, Children, ...);
        None when no table is loaded."""
        if self.customers is None:
            return None
        frame = self.customers.drop(columns=[ID_COLUMN], errors="ignore")
        seg = self.bundle.segmenter
        derived = seg.features_.derive(self.customers).set_index(frame.index)
        if len(derived.columns):  # a generic model's: the days since its dates
            frame = pd.concat([frame, derived.drop(columns=frame.columns, errors="ignore")], axis=1)
        return frame

    @cached_property
    def customer_segments(self) -> np.ndarray | None:
        """The segment of every customer of the loaded table (None without one)."""
        if self.customers is None:
            return None
        return self.bundle.segmenter.predict(self.customers)
