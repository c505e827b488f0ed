"""Write-ups and the report of tables of their own schema speak only of the columns the table
has: no word of the reference schema (two years, wine, catalog, households, campaigns ...),
no sentence twice in a persona, a tagline that agrees with the name, no NaN anywhere, and
every write-up checked against the statistics."""

from __future__ import annotations

import re

import pytest

from assistant.personas import write_personas
from assistant.report import render_report
from segmentation.pipeline import train_bundle
from tests._tables import blobs_table, euro_table, mall5_table

# words that only the reference schema (or a made-up period) can justify
REFERENCE_ONLY = re.compile(
    r"\btwo years\b|\b2 years\b|\bwines?\b|\bmeat\b|\bfish\b|\bsweets\b|\bgold\b|\bfruits?\b|"
    r"\bcatalog(?:ue)?\b|\btasting\b|\bfood\b|\bhouseholds?\b|\bdeals?\b|\bin store\b|"
    r"\bcampaign \d\b|\bwelcome back\b|\bkids?\b|\bchildren\b|\bteens?\b|\bnan\b",
    re.I,
)


@pytest.fixture(scope="module", params=["kunden", "mall", "euro"])
def trained(request):
    if request.param == "kunden":
        frame = blobs_table(3, 450, seed=3).drop(columns="planted")
    elif request.param == "euro":
        frame = euro_table(450)
    else:
        frame = mall5_table(200).drop(columns="planted")
    bundle = train_bundle(frame, feature_set="generic")
    return bundle, write_personas(bundle.profile, bundle.names)


def _texts(result) -> list[str]:
    w = result.writeup
    parts = [w.tagline, w.summary, *w.demographics, *w.motivations, *w.pain_points]
    parts += [*w.preferred_channels, *w.product_affinities, *w.messaging_do, *w.messaging_dont]
    for idea in w.campaign_ideas:
        parts += [idea.title, idea.channel, idea.offer, idea.rationale]
    return parts


def test_write_ups_speak_only_of_the_table_and_are_checked(trained):
    _, results = trained
    for result in results:
        assert result.verified, result.note
        found = [t for t in _texts(result) if REFERENCE_ONLY.search(t)]
        assert found == [], (result.name, found)


def test_no_sentence_or_idea_is_said_twice_in_a_persona(trained):
    _, results = trained
    for result in results:
        ideas = [i.title for i in result.writeup.campaign_ideas]
        assert len(ideas) >= 2 and len(set(ideas)) == len(ideas)
        sentences = [s.strip().lower() for t in _texts(result) for s in re.split(r"[.;]\s", t)]
        sentences = [s for s in sentences if len(s) > 25]
        assert len(set(sentences)) == len(sentences), result.name


def test_the_tagline_agrees_with_the_name(trained):
    bundle, results = trained
    profile = bundle.profile
    for result, seg in zip(results, profile.segments, strict=True):
        tagline = result.writeup.tagline.lower()
        for key, label in profile.labels.items():
            index = seg.metrics[key].index if key in seg.metrics else None
            if index is None:
                continue
            if f"high {label.lower()}" in tagline:
                assert index > 100, (result.name, tagline)
            if f"low {label.lower()}" in tagline:
                assert index < 100, (result.name, tagline)
        if "High-Income" in result.name:
            assert "low annual income" not in tagline and "low annual_income" not in tagline


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_of_a_table_of_its_own_schema_has_no_reference_words(trained, fmt):
    bundle, results = trained
    text = render_report(bundle, results, fmt=fmt, generated_at="2026-01-01T00:00:00Z")
    found = sorted({m.group(0).lower() for m in REFERENCE_ONLY.finditer(text)})
    assert found == []


def test_amounts_in_another_currency_carry_its_sign_and_names_read_its_language():
    """ "Umsatz (€)" is money in euros: the write-ups say "€1.5k", never "$"; German headers
    (Alter, Umsatz, Besuche) name personas as English ones do; the join date is never a
    feature, and the ID is never profiled."""
    bundle = train_bundle(euro_table(450), feature_set="generic")
    assert "Kunde seit" not in bundle.segmenter.features_.input_columns_
    assert "kundennummer" not in bundle.profile.population.metrics
    assert any("Spenders" in n for n in bundle.names)
    assert any(w in n for n in bundle.names for w in ("Older", "Young"))
    results = write_personas(bundle.profile, bundle.names)
    lines = [line for r in results for line in r.writeup.demographics]
    assert any(re.search(r"\bUmsatz €[\d.,]+k? on average", line) for line in lines), lines
    assert not any("$" in t for r in results for t in _texts(r))
