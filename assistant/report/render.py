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
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from assistant.llm import LLMSettings
from assistant.personas import PersonaResult
from assistant.prompts import prompt_version, render
from assistant.report import charts
from assistant.report.cards import Text, persona_card
from assistant.text import literal_markdown, plain_text
from segmentation import formats
from segmentation.algorithms import ALGORITHM_INFO
from segmentation.bundle import Bundle
from segmentation.errors import DataError
from segmentation.evaluate import quality_rows
from segmentation.profile import SMALL_SEGMENT

__all__ = ["ALGORITHMS", "FORMATS", "SUFFIXES", "persona_card", "render_report", "write_report"]

FORMATS = ("html", "md")
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}

ALGORITHMS = {name: info.label for name, info in ALGORITHM_INFO.items()}

_SCHEME = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://")


def _overview(bundle: Bundle, k: int) -> str:
    profile, manifest = bundle.profile, bundle.manifest
    algorithm = manifest.get("algorithm") or getattr(bundle.segmenter, "algorithm", None)
    features = manifest.get("features") or []
    how = f"{ALGORITHMS.get(str(algorithm), algorithm or 'a')} clustering"
    how += f" on {len(features)} features" if features else ""
    feature_set = manifest.get("feature_set")
    how += f" ({feature_set} feature set)" if feature_set else ""
    text = (
        f"This report describes {profile.n_customers:,} customers, grouped into {k} "
        f"personas found by {how}. Each persona below is a segment of customers who look alike "
        "in the data; its key figures are compared with the average customer (index 100)."
    )
    if profile.base_rate is not None:
        text += (
            " The last campaign's outcome (Response) was held out: it was never used to find, "
            "choose or name the personas. Each persona's response rate, with its 95% Wilson "
            f"interval and its lift over the {profile.base_rate:.1%} base rate, is reported "
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
    k = str(m.get("n_segments", bundle.profile.n_segments))
    if chosen and chosen.get("reason"):
        tried = [r["k"] for r in m["selection"]]
        k += f" (chosen automatically among {min(tried)}–{max(tried)}: {chosen['reason']})"
    scores = m.get("metrics") or {}
    quality = ", ".join(f"{label} {shown}" for label, shown, _ in quality_rows(scores))
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
        ("Rows", f"{m.get('rows', bundle.profile.n_customers):,}"),
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
    names = {s.id: f"Segment {s.id}" for s in profile.segments}
    names |= dict(enumerate(bundle.names)) | {r.segment: r.name for r in ordered}
    sizes = [
        {"name": t(names[s.id]), "size": formats.count(s.size), "share": formats.percent(s.share)}
        for s in profile.segments
    ]
    sizes_svg = charts.bar_chart(
        [plain_text(names[s.id]) for s in profile.segments],
        [s.size for s in profile.segments],
        value_labels=[
            f"{formats.count(s.size)} ({formats.percent(s.share, 0)})" for s in profile.segments
        ],
        title="Customers per persona",
        width=720,
        label_width=300,
    )
    context = {
        "title": "Customer personas",
        "subtitle": t(
            f"{profile.n_customers:,} customers · {len(sizes)} personas · generated {generated_at}"
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
