"""One catalog: a measure added to it in a fixture reaches the profile, the offline write-up,
the chat tools' arguments, the question reader and the form without any other edit."""

from __future__ import annotations

import pytest

from assistant.personas.write import write_personas
from assistant.tools import ChatContext, Toolbox
from assistant.understanding import Router
from assistant.webapp.views.form import form_defaults, form_fields
from segmentation.bundle import Bundle
from segmentation.catalog import Field, Measure, reference_catalog
from segmentation.profile import Profile, profile_segments

POINTS = Measure(
    "loyalty_points", "loyalty points", source="LoyaltyPoints", meaning="higher is better",
    description="loyalty points balance", synonyms=("loyalty points", "points balance"),
    pattern=r"loyalty points?|points balance", title="Loyalty points",
    input=Field("Loyalty points", "loyalty points balance", 0, 10_000, columns=("LoyaltyPoints",)),
    phrase="{mean:.0f} loyalty points on average ({versus})",
)  # fmt: skip


@pytest.fixture(scope="module")
def model(models):
    """The session's demo model with its profile made again by the reference catalog plus
    `POINTS` (its column added to a copy of the table), its offline write-ups and customers."""
    trained = models.bundle()
    frame = models.frame()
    frame["LoyaltyPoints"] = frame["MntWines"] // 10 + 5 * frame["NumStorePurchases"]
    catalog = reference_catalog().with_measures(POINTS)
    profile = profile_segments(frame, trained.segmenter.labels_, catalog=catalog)
    bundle = Bundle(trained.segmenter, profile, list(trained.names))
    return ChatContext(bundle, write_personas(profile, bundle.names), frame)


def _means(ctx: ChatContext) -> dict[int, float]:
    frame = ctx.customers.assign(segment=ctx.bundle.segmenter.labels_)
    return frame.groupby("segment")["LoyaltyPoints"].mean().to_dict()


def test_the_reference_catalog_alone_has_no_such_measure():
    assert "loyalty_points" not in reference_catalog()
    assert all(f.key != "loyalty_points" for f in form_fields(reference_catalog()))


def test_the_profile_holds_it_for_every_segment_and_the_population(model):
    profile = model.profile
    assert profile.population.metrics["loyalty_points"].mean == pytest.approx(
        model.customers["LoyaltyPoints"].mean()
    )
    for seg_id, mean in _means(model).items():
        figures = profile.segment(seg_id).metrics["loyalty_points"]
        assert figures.mean == pytest.approx(mean)
        assert figures.index == pytest.approx(100 * mean / model.customers["LoyaltyPoints"].mean())
    assert profile.labels["loyalty_points"] == "loyalty points"
    assert profile.catalog.measure("loyalty_points").phrase == POINTS.phrase


def test_a_saved_profile_keeps_it_with_its_label(model):
    loaded = Profile.from_dict(model.profile.to_dict())
    assert (
        loaded.population.metrics["loyalty_points"]
        == model.profile.population.metrics["loyalty_points"]
    )
    assert loaded.catalog.measure("loyalty_points").label == "loyalty points"


def test_the_offline_write_up_states_it_and_is_verified(model):
    means = _means(model)
    for persona in model.personas:
        lines = [x for x in persona.writeup.demographics if "loyalty points" in x]
        assert len(lines) == 1, persona.writeup.demographics
        assert lines[0].startswith(f"{means[persona.segment]:.0f} loyalty points on average (")
        assert persona.verified, persona.note


def test_the_chat_tools_take_it_as_an_argument_and_rank_by_it(model):
    toolkit = Toolbox(model).toolkit
    rank = toolkit.tools["rank_segments"].parameters["properties"]["metric"]
    assert "loyalty_points" in rank["enum"]
    assign = toolkit.tools["assign_customer"].parameters["properties"]
    assert assign["loyalty_points"]["description"] == "loyalty points balance"
    result = toolkit.call("rank_segments", {"metric": "loyalty_points"}).result
    assert not result.error, result.text
    ranking = [(row["id"], row["value"]) for row in result.data["ranking"]]
    means = _means(model)
    assert ranking == sorted(((k, pytest.approx(v)) for k, v in means.items()),
                             key=lambda kv: -means[kv[0]])  # fmt: skip


def test_the_question_reader_knows_its_words(model):
    answer = Router(model).answer("Which segment has the most loyalty points?")
    assert [(c.name, c.arguments.get("metric")) for c in answer.tools] == [
        ("rank_segments", "loyalty_points")
    ]


def test_the_form_has_its_field_with_the_population_median(model):
    fields = form_fields(model.profile.catalog)
    field = next(f for f in fields if f.key == "loyalty_points")
    assert (field.label, field.minimum, field.maximum) == ("Loyalty points", 0, 10_000)
    median = model.customers["LoyaltyPoints"].median()
    assert form_defaults(model.profile, fields)["loyalty_points"] == pytest.approx(median)
