"""The persona report a marketer can forward (one self-contained HTML file, or Markdown),
with its inline SVG charts."""

from __future__ import annotations

from assistant.report.render import (
    ALGORITHMS,
    FORMATS,
    SUFFIXES,
    persona_card,
    render_report,
    write_report,
)

__all__ = ["ALGORITHMS", "FORMATS", "SUFFIXES", "persona_card", "render_report", "write_report"]
