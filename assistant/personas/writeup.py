"""The structured persona write-up every writer returns, and its JSON schema.

Validated with pydantic (already a dependency of the openai SDK): the same class gives the
JSON schema sent as ``response_format`` and checks what comes back.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import LLMError

LIST_FIELDS = (  # the list fields of a PersonaWriteup, in the order shown
    "demographics",
    "motivations",
    "pain_points",
    "preferred_channels",
    "product_affinities",
    "messaging_do",
    "messaging_dont",
)

__all__ = ["LIST_FIELDS", "CampaignIdea", "PersonaWriteup", "parse_writeup", "writeup_schema"]

_Text = Field(min_length=1, max_length=600)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CampaignIdea(_Strict):
    """One campaign a marketer could run for the segment, with what it rests on."""

    title: str = Field(min_length=1, max_length=120)
    channel: str = Field(min_length=1, max_length=60)
    offer: str = _Text
    rationale: str = _Text
    evidence: list[str] = Field(min_length=1, max_length=6, description="keys of the statistics")
    expected_response_basis: str | None = Field(
        default=None,
        description="key of the rate (with its interval) this idea's response is expected "
        "to be near, e.g. response or campaigns.cmp5; null when the data has no outcome",
    )


class PersonaWriteup(_Strict):
    """A persona a marketer can use: who they are, what moves them, how to reach them."""

    name: str = Field(min_length=1, max_length=80)
    tagline: str = Field(min_length=1, max_length=160)
    summary: str = Field(min_length=1, max_length=1200)
    demographics: list[str] = Field(min_length=1, max_length=6)
    motivations: list[str] = Field(min_length=1, max_length=6)
    pain_points: list[str] = Field(min_length=1, max_length=6)
    preferred_channels: list[str] = Field(min_length=1, max_length=5)
    product_affinities: list[str] = Field(min_length=1, max_length=6)
    messaging_do: list[str] = Field(min_length=1, max_length=5)
    messaging_dont: list[str] = Field(min_length=1, max_length=5)
    campaign_ideas: list[CampaignIdea] = Field(min_length=2, max_length=4)

    def texts(self) -> list[str]:
        """Every piece of prose, for number checking (campaign fields included)."""
        out = [self.tagline, self.summary]
        for field in LIST_FIELDS:
            out.extend(getattr(self, field))
        for idea in self.campaign_ideas:
            out.extend([idea.title, idea.channel, idea.offer, idea.rationale])
        return out

    def evidence_keys(self) -> list[str]:
        """Every statistics key the campaign ideas cite (a null response basis cites none)."""
        return [
            k
            for idea in self.campaign_ideas
            for k in (*idea.evidence, idea.expected_response_basis)
            if k is not None
        ]


def writeup_schema() -> dict[str, Any]:
    """JSON schema of `PersonaWriteup`, strict-mode ready (no extra properties)."""
    return PersonaWriteup.model_json_schema()


def parse_writeup(text: str | None) -> PersonaWriteup:
    """Parse and validate a model's answer; `LLMError` says what was wrong, readably."""
    if text is None or not text.strip():
        raise LLMError("the model returned an empty answer.")
    body = text.strip()
    if body.startswith("```"):  # some local models fence JSON despite instructions
        body = body.strip("`").removeprefix("json").strip()
    try:
        return PersonaWriteup.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "the answer"
        kind = "not valid JSON" if first.get("type") == "json_invalid" else first.get("msg")
        raise LLMError(
            f"the model's answer did not match the persona schema ({where}: {kind}; "
            f"{exc.error_count()} problem(s))."
        ) from None
