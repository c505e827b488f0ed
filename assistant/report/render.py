"""The persona report a marketer can forward: one self-contained HTML file, or Markdown.

`render_report` turns a bundle and its persona write-ups into the report text;
`write_report` saves it, choosing the format from the file suffix. Both formats hold the same
sections: an overview, the segment sizes, one card per persona (who made the text, notices,
key figures against the average, spend and channel mixes, the write-up and its campaign
ideas with their expected response) and a reproducibility record.

Everything shown comes from the bundle's profile (aggregates only) and the write-ups. Text
that comes from the user's data or from a model is treated as hostile: HTML autoescapes it
(charts escape their own labels), Markdown gets it with link, image and HTML syntax
neutralized, and URLs in it are removed from both, so the report links to and loads nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from assistant.llm import LLMSettings
from assistant.personas.write import PersonaResult
from assistant.personas.writeup import LIST_FIELDS
from assistant.prompts import prompt_version, render
from assistant.report import charts
from assistant.text import literal_markdown, plain_text
from segmentation.algorithms import ALGORITHM_INFO
from segmentation.bundle import Bundle
from segmentation.errors import DataError
from segmentation.profile import SMALL_SEGMENT

__all__ = ["ALGORITHMS", "FORMATS", "SUFFIXES", "persona_card", "render_report", "write_report"]

FORMATS = ("html", "md")
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}

# key figures of a reference-schema persona: metric key -> label
KEY_FIGURES = {
    "income": "Household income (yearly)",
    "age": "Age",
    "children": "Children at home",
    "total_spend": "Total spend (2 years)",
    "web_visits_month": "Web visits per month",
    "campaigns_accepted": "Past campaigns accepted",
}
SPEND_CATEGORIES = ("wines", "fruits", "meat", "fish", "sweets", "gold")
CHANNELS = ("web", "catalog", "store")
LIST_TITLES = {"messaging_do": "Messaging: do", "messaging_dont": "Messaging: don't"}
BASES = {"response": "the last campaign's response", "campaigns.any_past": "any past campaign"}
QUALITY = {"stability": "stability (bootstrap ARI)", "silhouette": "silhouette"}
ALGORITHMS = {name: info.label for name, info in ALGORITHM_INFO.items()}

_SCHEME = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://")

Text = Callable[[object], str]


def _num(value: float | None) -> str:
    """A figure at a readable precision: 30,067 · 505 · 37.5 · 6.7 · 0.75; missing → '–'."""
    if value is None:
        return "–"
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if size >= 1 else f"{value:.2f}"


def _rate(block: dict[str, Any] | None) -> str | None:
    """'5.2% (95% interval 3.6–7.4%)', or None without a rate."""
    if not block or block.get("rate") is None:
        return None
    text = f"{block['rate']:.1%}"
    if block.get("ci_low") is not None and block.get("ci_high") is not None:
        text += f" (95% interval {block['ci_low']:.1%}–{block['ci_high']:.1%})"
    return text


def _basis(key: str | None) -> str:
    """What an expected response rests on, in words: 'campaigns.cmp3' → 'acceptance of ...'."""
    if key and (match := re.fullmatch(r"campaigns\.cmp(\d)", key)):
        return f"acceptance of past campaign {match.group(1)}"
    return BASES.get(str(key), str(key))


def _figure(
    label: str, value: str, average: str, index: float | None, t: Text, note: str = ""
) -> dict[str, Any]:
    return {
        "label": t(label),
        "value": value,
        "average": average,
        "index": "–" if index is None else f"{index:.0f}",
        "note": note,
        "svg": Markup(charts.index_bar(index, title=f"{plain_text(label)}, index")),
        "text_bar": charts.text_bar(index),
    }


def _figures(profile: dict[str, Any], seg: dict[str, Any], t: Text) -> list[dict[str, Any]]:
    """Key figures of a segment with their population average and index."""
    population = profile["population"]["metrics"]
    labels = profile.get("labels", {})
    keys = KEY_FIGURES if profile["schema"] == "reference" else {k: k for k in seg["metrics"]}
    rows = []
    for key, label in keys.items():
        if key in seg["metrics"]:
            shown = label if profile["schema"] == "reference" else labels.get(key, key)
            figures, average = seg["metrics"][key], population.get(key, {}).get("mean")
            rows.append(
                _figure(shown, _num(figures.get("mean")), _num(average), figures.get("index"), t)
            )
    response, base = seg.get("response") or {}, profile.get("base_rate")
    if response.get("rate") is not None:
        lift = response.get("lift")
        rows.append(
            _figure(
                "Response to the last campaign (held out)",
                str(_rate(response)),
                "–" if base is None else f"{base:.1%}",
                None if lift is None else lift * 100,
                t,
                "" if lift is None else f"lift {lift:.2f}×",
            )
        )
    return rows


def _mix(
    title: str, seg: dict | None, pop: dict | None, keys: Sequence[str] | None, t: Text
) -> dict[str, Any] | None:
    """A mix of the segment beside all customers': chart, table rows and categories."""
    if not seg:
        return None
    pop = pop or {}
    keys = [k for k in (keys or list(seg)) if k in seg or k in pop]
    rows = [
        ("This persona", {k: seg.get(k) for k in keys}),
        ("All customers", {k: pop.get(k) for k in keys}),
    ]
    chart_rows = [(label, {plain_text(k): v for k, v in shares.items()}) for label, shares in rows]
    return {
        "title": t(title),
        "svg": Markup(
            charts.stacked_bar(chart_rows, title=plain_text(title), width=460, label_width=100)
        ),
        "categories": [t(k) for k in keys],
        "rows": [
            (label, ["–" if v is None else f"{v:.0%}" for v in shares.values()])
            for label, shares in rows
        ],
        "note": "",
    }


def _mixes(profile: dict[str, Any], seg: dict[str, Any], t: Text) -> list[dict[str, Any]]:
    """Spend and channel mix (reference schema) or categorical mixes (generic tables)."""
    pop = profile["population"]
    if profile["schema"] != "reference":
        labels = profile.get("labels", {})
        mixes = [
            _mix(f"{labels.get(key, key)} mix", mix, pop.get("mix", {}).get(key), None, t)
            for key, mix in (seg.get("mix") or {}).items()
        ]
        return [m for m in mixes if m is not None]
    spend = _mix("Spend mix", seg.get("spend_mix"), pop.get("spend_mix"), SPEND_CATEGORIES, t)
    channel_mix, all_channels = seg.get("channel_mix"), pop.get("channel_mix")
    channel = _mix("Channel mix (share of purchases)", channel_mix, all_channels, CHANNELS, t)
    deals, all_deals = ((block or {}).get("deals") for block in (channel_mix, all_channels))
    if channel is not None and deals is not None:
        channel["note"] = f"{deals:.0%} of purchases used a deal" + (
            "" if all_deals is None else f" (all customers: {all_deals:.0%})"
        )
    return [m for m in (spend, channel) if m is not None]


def _ideas(result: PersonaResult, t: Text) -> list[dict[str, Any]]:
    out = []
    for i, idea in enumerate(result.writeup.campaign_ideas):
        expected = result.expected[i] if i < len(result.expected) else None
        rate = _rate(expected)
        shown = {key: t(getattr(idea, key)) for key in ("title", "channel", "offer", "rationale")}
        shown["evidence"] = [t(key) for key in idea.evidence]
        shown["expected"] = (
            t(f"{rate}, based on {_basis(expected.get('basis'))}")
            if rate is not None and expected is not None
            else "no outcome in the data"
        )
        out.append(shown)
    return out


def persona_card(profile: dict[str, Any], result: PersonaResult, t: Text) -> dict[str, Any]:
    seg = next((s for s in profile["segments"] if s["id"] == result.segment), None)
    if seg is None:
        raise DataError(
            f"persona {result.name!r} is for segment {result.segment}, which the bundle does "
            f"not have (segments 0..{len(profile['segments']) - 1}); write the personas again."
        )
    w = result.writeup
    return {
        "id": seg["id"],
        "name": t(result.name),
        "tagline": t(w.tagline),
        "made_by": t(result.made_by),
        "prompt_version": t(result.prompt_version),
        "created_at": t(result.created_at),
        "cached": result.cached,
        "note": t(result.note) if result.note else None,
        "verified": result.verified,
        "small": seg.get("small", seg["size"] < SMALL_SEGMENT),
        "size": f"{seg['size']:,}",
        "share": f"{seg['share']:.1%}",
        "summary": t(w.summary),
        "figures": _figures(profile, seg, t),
        "mixes": _mixes(profile, seg, t),
        "lists": [
            (
                LIST_TITLES.get(key, key.replace("_", " ").capitalize()),
                [t(x) for x in getattr(w, key)],
            )
            for key in LIST_FIELDS
        ],
        "ideas": _ideas(result, t),
    }


def _overview(bundle: Bundle, k: int) -> str:
    profile, manifest = bundle.profile, bundle.manifest
    algorithm = manifest.get("algorithm") or getattr(bundle.segmenter, "algorithm", None)
    features = manifest.get("features") or []
    how = f"{ALGORITHMS.get(str(algorithm), algorithm or 'a')} clustering"
    how += f" on {len(features)} features" if features else ""
    feature_set = manifest.get("feature_set")
    how += f" ({feature_set} feature set)" if feature_set else ""
    text = (
        f"This report describes {profile['n_customers']:,} customers, grouped into {k} "
        f"personas found by {how}. Each persona below is a segment of customers who look alike "
        "in the data; its key figures are compared with the average customer (index 100)."
    )
    if profile.get("base_rate") is not None:
        text += (
            " The last campaign's outcome (Response) was held out: it was never used to find, "
            "choose or name the personas. Each persona's response rate, with its 95% Wilson "
            f"interval and its lift over the {profile['base_rate']:.1%} base rate, is reported "
            "only to show how differently the personas answered."
        )
    else:
        text += " The data has no outcome column (Response), so no response rates are shown."
    return text


def _record(
    bundle: Bundle,
    results: Sequence[PersonaResult],
    settings: LLMSettings | None,
    fmt: str,
    generated_at: str,
    t: Text,
) -> list[tuple[str, str]]:
    """Label and (shown) value of everything needed to reproduce the report."""
    m, seg = bundle.manifest, bundle.segmenter
    chosen = next((r for r in m.get("selection") or [] if r.get("chosen")), None)
    k = str(m.get("n_segments", bundle.profile["n_segments"]))
    if chosen and chosen.get("reason"):
        tried = [r["k"] for r in m["selection"]]
        k += f" (chosen automatically among {min(tried)}–{max(tried)}: {chosen['reason']})"
    scores = m.get("metrics") or {}
    known = [key for key in QUALITY if isinstance(scores.get(key), int | float)]
    quality = ", ".join(f"{QUALITY[key]} {scores[key]:.3g}" for key in known)
    versions = ", ".join(f"{p} {v}" for p, v in (m.get("versions") or {}).items())
    llm: Any = settings.public() if settings is not None else None
    if llm is None:
        recorded = next((r.settings for r in results if r.settings and r.writer == "llm"), None)
        llm = {**recorded, "as recorded with": "the write-ups"} if recorded else "offline"
    if isinstance(llm, dict):
        llm = ", ".join(f"{key}={_SCHEME.sub('', str(v))}" for key, v in llm.items())
    missing = "not recorded (bundle not saved)"
    record = [
        ("Data sha256", str(m.get("data_sha256", missing))),
        ("Data source", _SCHEME.sub("", str(m.get("source", missing)))),
        ("Rows", f"{m.get('rows', bundle.profile['n_customers']):,}"),
        ("Seed", str(m.get("seed", getattr(seg, "random_state", missing)))),
        ("Algorithm", str(m.get("algorithm", getattr(seg, "algorithm", missing)))),
        ("Feature set", str(m.get("feature_set", getattr(seg, "feature_set", missing)))),
        ("Features", ", ".join(map(str, m.get("features") or [])) or missing),
        ("Number of segments (k)", k),
        ("Quality", quality or missing),
        ("Package versions", versions or missing),
        ("Bundle created at", str(m.get("created_at", missing))),
        ("Bundle format", str(m.get("format_version", missing))),
        (
            "Persona prompt version(s)",
            ", ".join(sorted({r.prompt_version for r in results})) or "no personas",
        ),
        ("Report template version", prompt_version(TEMPLATES[fmt])),
        ("LLM settings", llm),
        ("Report generated at", generated_at),
    ]
    return [(label, t(value)) for label, value in record]


def render_report(
    bundle: Bundle,
    results: Sequence[PersonaResult],
    fmt: str = "html",
    settings: LLMSettings | None = None,
    generated_at: str | None = None,
) -> str:
    """The report of ``bundle``'s personas as HTML (``fmt="html"``) or Markdown (``"md"``).

    ``results`` are the write-ups (`write_personas`), shown in segment order; ``settings``
    the LLM settings they were asked with (recorded without the key; None: offline).
    ``generated_at`` defaults to now (UTC). Raises `DataError` for another format or a
    write-up of a segment the bundle does not have.
    """
    if fmt not in FORMATS:
        raise DataError(f"report format {fmt!r} is not supported; use one of {FORMATS}.")
    t: Text = literal_markdown if fmt == "md" else plain_text
    profile = bundle.profile
    generated_at = generated_at or datetime.now(UTC).isoformat(timespec="seconds")
    ordered = sorted(results, key=lambda r: r.segment)
    names = {s["id"]: f"Segment {s['id']}" for s in profile["segments"]}
    names |= dict(enumerate(bundle.names)) | {r.segment: r.name for r in ordered}
    sizes = [
        {"name": t(names[s["id"]]), "size": f"{s['size']:,}", "share": f"{s['share']:.1%}"}
        for s in profile["segments"]
    ]
    sizes_svg = charts.bar_chart(
        [plain_text(names[s["id"]]) for s in profile["segments"]],
        [s["size"] for s in profile["segments"]],
        value_labels=[f"{s['size']:,} ({s['share']:.0%})" for s in profile["segments"]],
        title="Customers per persona",
        width=720,
        label_width=300,
    )
    context = {
        "title": "Customer personas",
        "subtitle": t(
            f"{profile['n_customers']:,} customers · {len(sizes)} personas · "
            f"generated {generated_at}"
        ),
        "overview": t(_overview(bundle, len(sizes))),
        "sizes": sizes,
        "sizes_svg": Markup(sizes_svg),
        "cards": [persona_card(profile, r, t) for r in ordered],
        "record": _record(bundle, ordered, settings, fmt, generated_at, t),
        "small": SMALL_SEGMENT,
    }
    return render(TEMPLATES[fmt], **context) + "\n"


def write_report(
    path: str | Path,
    bundle: Bundle,
    results: Sequence[PersonaResult],
    settings: LLMSettings | None = None,
) -> Path:
    """Write the report to ``path`` — HTML for .html/.htm, Markdown for .md — and return it.

    Raises `DataError` for any other suffix or when the file cannot be written.
    """
    target = Path(path)
    fmt = SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        raise DataError(
            f"{target}: cannot write a report as {target.suffix or 'a file without a suffix'!r}"
            "; name it .html (or .htm) for a web page, or .md for Markdown."
        )
    text = render_report(bundle, results, fmt=fmt, settings=settings)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{target}: cannot write the report ({exc.strerror}).") from exc
    return target
