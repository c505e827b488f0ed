"""The persona report (HTML and Markdown) and its SVG charts."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

from assistant.llm import LLMSettings
from assistant.personas.write import PersonaResult, write_personas
from assistant.report import render_report, write_report
from assistant.report.charts import bar_chart, index_bar, stacked_bar, text_bar
from segmentation.bundle import Bundle
from segmentation.errors import DataError
from segmentation.profile import Profile

HOSTILE = 'Evil <script>alert("x")</script> & "Co" | [click](https://evil.example/x)'
INJECTED = "Great ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)> [ok](http://x)"


@pytest.fixture(scope="module")
def demo(models) -> tuple[Bundle, list[PersonaResult]]:
    """A small saved reference-schema bundle (800 demo customers, 4 segments) and its
    personas: the session's, read-only."""
    return models.bundle(), models.personas()


@pytest.fixture(scope="module")
def generic(models) -> tuple[Bundle, list[PersonaResult]]:
    """A saved mall-like (generic: no spend, channel or outcome columns) bundle of 60 rows at
    k = 4, and its personas."""
    bundle = models.mall(60, 4)
    return bundle, write_personas(bundle.profile, bundle.names)


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def _rects(svg: str, cls: str) -> list[dict[str, str]]:
    root = ET.fromstring(svg)
    return [r.attrib for r in root.iter("rect") if cls in r.get("class", "").split()]


# -- content -------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_every_name_tagline_and_campaign_title_appears(demo, fmt):
    bundle, results = demo
    text = render_report(bundle, results, fmt=fmt)
    shown = (lambda s: str(escape(s))) if fmt == "html" else (lambda s: s)
    for result in results:
        assert shown(result.name) in text
        assert shown(result.writeup.tagline) in text
        for idea in result.writeup.campaign_ideas:
            assert shown(idea.title) in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_cards_follow_segment_order_whatever_the_order_given(demo, fmt):
    bundle, results = demo
    text = render_report(bundle, list(reversed(results)), fmt=fmt)
    record = text.index("Reproducibility record")
    positions = [text.index(f"Segment {r.segment} ·") for r in results]
    assert positions == sorted(positions) and positions[-1] < record


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_key_figures_show_response_interval_and_lift(demo, fmt):
    bundle, results = demo
    text = render_report(bundle, results, fmt=fmt)
    response = bundle.profile.segments[0].response
    assert f"{response.rate:.1%} (95% interval {response.ci_low:.1%}–" in text
    assert f"lift {response.lift:.2f}×" in text
    assert "Held out" in text or "held out" in text


def test_markdown_has_tables_and_text_index_bars(demo):
    bundle, results = demo
    text = render_report(bundle, results, fmt="md")
    assert "| Figure | This persona | Average | Index |" in text
    assert "| | wines | fruits | meat | fish | sweets | gold |" in text
    assert re.search(r"\| █+[▏▎▍▌▋▊▉]? \d+", text)


# -- self-contained and safe -----------------------------------------------------------------
def test_html_is_self_contained(demo):
    bundle, results = demo
    html = render_report(bundle, results, fmt="html")
    lowered = html.lower()
    for needle in ("http://", "https://", "src=", "<script", "<link", "<img", "@import", "url("):
        assert needle not in lowered, needle
    assert not re.search(r"\son\w+\s*=", lowered)  # no event-handler attributes
    assert "<style>" in html and "@media print" in html


def test_every_svg_in_the_html_is_valid_xml(demo):
    bundle, results = demo
    svgs = _svgs(render_report(bundle, results, fmt="html"))
    assert len(svgs) > len(results) * 3
    for svg in svgs:
        assert ET.fromstring(svg).tag == "svg"


def _hostile(demo: tuple[Bundle, list[PersonaResult]]) -> tuple[Bundle, list[PersonaResult]]:
    bundle, results = demo
    names = [HOSTILE, *bundle.names[1:]]
    first = results[0]
    writeup = first.writeup.model_copy(update={"tagline": INJECTED, "summary": INJECTED})
    hostile = dataclasses.replace(first, name=HOSTILE, writeup=writeup)
    return dataclasses.replace(bundle, names=names), [hostile, *results[1:]]


def test_html_escapes_hostile_names_and_text(demo):
    bundle, results = _hostile(demo)
    html = render_report(bundle, results, fmt="html")
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert 'alert("x")' not in html
    assert "Evil &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;Co&#34; |" in html
    assert "https://" not in html and "http://" not in html
    assert "(link removed)" in html
    for svg in _svgs(html):  # the sizes chart carries the name: escaped, still valid XML
        ET.fromstring(svg)


def test_markdown_neutralizes_links_images_and_html(demo):
    bundle, results = _hostile(demo)
    md = render_report(bundle, results, fmt="md")
    assert "](" not in md
    assert "<script" not in md.lower() and "<img" not in md.lower()
    assert "https://" not in md and "http://" not in md
    assert "Evil &lt;script&gt;" in md
    (row,) = [line for line in md.splitlines() if line.startswith("| Evil")]
    assert row.count("|") == 4  # the name's "|" does not add a table column


# -- notices ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_note_and_unverified_flag_are_shown(demo, fmt):
    bundle, results = demo
    note = "The language model could not be used (timed out); showing the offline write-up."
    flagged = dataclasses.replace(results[1], note=note, verified=False)
    text = render_report(bundle, [results[0], flagged, *results[2:]], fmt=fmt)
    card = text[text.index(f"Segment {flagged.segment} ·") :]
    card = card[: card.index(f"Segment {flagged.segment + 1} ·")]
    assert "Notice:" in card and "could not be used (timed out)" in card
    assert "Unverified write-up" in card and "not fact" in card
    clean = text[text.index("Segment 0 ·") : text.index("Segment 1 ·")]
    assert "Unverified" not in clean and "Notice:" not in clean


def test_small_segment_gets_a_caution(demo):
    bundle, results = demo
    data = bundle.profile.to_dict()
    data["segments"][0]["small"] = True
    profile = Profile.from_dict(data)
    html = render_report(dataclasses.replace(bundle, profile=profile), results, fmt="html")
    assert html.count("Small segment:") == 1


# -- reproducibility -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_record_holds_hash_seed_prompt_version_and_package_versions(demo, fmt):
    bundle, results = demo
    text = render_report(bundle, results, fmt=fmt, generated_at="2030-01-02T03:04:05+00:00")
    record = text[text.index("Reproducibility record") :]
    assert bundle.manifest["data_sha256"] in record
    cell = r"(?:\s*\|\s*|</th><td[^>]*>)"
    assert re.search(rf"Seed{cell}{bundle.manifest['seed']}\b", record)
    assert results[0].prompt_version in record
    for package, version in bundle.manifest["versions"].items():
        assert f"{package} {version}" in record
    assert bundle.manifest["created_at"] in record
    assert "2030-01-02T03:04:05+00:00" in record
    assert re.search(rf"LLM settings{cell}offline", record)


def test_record_shows_llm_settings_without_the_key(demo):
    bundle, results = demo
    settings = LLMSettings(api_key="sk-secret", base_url="http://llm.local:8000/v1", model="m1")
    html = render_report(bundle, results, fmt="html", settings=settings)
    assert "model=m1" in html and "llm.local:8000/v1" in html
    assert "sk-secret" not in html and "http://" not in html


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_record_names_the_writer_and_model_of_each_persona(demo, fmt):
    bundle, results = demo
    by_model = dataclasses.replace(
        results[0], writer="llm", model="gpt-test", settings={"model": "gpt-test"}
    )
    text = render_report(bundle, [by_model, *results[1:]], fmt=fmt)
    record = text[text.index("Reproducibility record") :]
    assert "model gpt-test" in record and "offline writer" in record
    assert "model=gpt-test" in record  # the write-ups' own settings, as no settings were given


# -- formats and files -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "start"),
    [("r.html", "<!DOCTYPE html>"), ("r.HTM", "<!DOCTYPE html>"), ("r.md", "# Customer personas")],
)
def test_write_report_picks_the_format_from_the_suffix(demo, tmp_path, name, start):
    bundle, results = demo
    path = write_report(tmp_path / name, bundle, results)
    assert path == tmp_path / name
    assert path.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize("name", ["report.pdf", "report"])
def test_write_report_refuses_other_suffixes(demo, tmp_path, name):
    bundle, results = demo
    with pytest.raises(DataError, match=r"\.pdf|without a suffix"):
        write_report(tmp_path / name, bundle, results)
    assert not (tmp_path / name).exists()


def test_render_report_refuses_an_unknown_format(demo):
    with pytest.raises(DataError, match="'pdf'"):
        render_report(*demo, fmt="pdf")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_generic_bundle_renders_without_spend_or_channel_charts(generic, fmt):
    bundle, results = generic
    text = render_report(bundle, results, fmt=fmt)
    assert "Spend mix" not in text and "Channel mix" not in text
    assert "Gender mix" in text and "Annual Income (k$)" in text
    assert "no outcome in the data" in text and "no outcome column" in text
    for result in results:
        assert (str(escape(result.name)) if fmt == "html" else result.name) in text
    if fmt == "html":
        for svg in _svgs(text):
            ET.fromstring(svg)


# -- charts ----------------------------------------------------------------------------------
def test_bar_chart_scales_bars_to_the_largest_value():
    svg = bar_chart(["a", "b"], [10, 20], width=400, label_width=100, value_width=100)
    bars = _rects(svg, "bar")
    assert [float(b["width"]) for b in bars] == [100.0, 200.0]
    assert {b["x"] for b in bars} == {"100"}


def test_stacked_bar_parts_span_the_track_in_proportion():
    svg = stacked_bar([("seg", {"a": 1, "b": 3, "c": None})], width=300, label_width=100)
    parts = _rects(svg, "part")
    assert [(float(p["x"]), float(p["width"])) for p in parts] == [(100, 50), (150, 150)]
    assert len(_rects(svg, "swatch")) == 3  # the legend lists every category


def test_stacked_bar_without_data_says_so():
    svg = stacked_bar([("seg", {"a": None})])
    assert not _rects(svg, "part") and "no data" in svg


@pytest.mark.parametrize(
    ("index", "x", "width"),
    [(150, 100, 50), (50, 50, 50), (100, 100, 0), (0, 0, 100), (300, 100, 100)],
)
def test_index_bar_runs_from_the_100_line(index, x, width):
    svg = index_bar(index, width=200, limit=200)
    (bar,) = _rects(svg, "bar")
    assert (float(bar["x"]), float(bar["width"])) == (x, width)
    assert ("clipped" in bar["class"]) == (index > 200)
    root = ET.fromstring(svg)
    assert root.find("line").get("x1") == "100"
    assert [t.text for t in root.iter("text")] == [f"{index}"]


def test_index_bar_without_a_value_draws_no_bar():
    svg = index_bar(None)
    assert not _rects(svg, "bar") and ">n/a<" in svg


@pytest.mark.parametrize(
    ("index", "bar"),
    [(100, "████"), (112.5, "████▌"), (25, "█"), (0, ""), (None, ""), (300, "████████▸")],
)
def test_text_bar_has_one_block_per_25_points(index, bar):
    assert text_bar(index) == bar


def test_charts_escape_their_labels():
    label = '<b onclick="x">&'
    for svg in (
        bar_chart([label], [1.0], title=label),
        stacked_bar([(label, {label: 1.0})], title=label),
        index_bar(120, title=label),
    ):
        assert "<b " not in svg
        root = ET.fromstring(svg)
        assert root.find("title").text.startswith(label)
