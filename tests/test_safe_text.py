"""User and model text shown safely: URLs removed, Markdown syntax shown literally."""

from __future__ import annotations

import pytest

from assistant.text import literal_markdown, plain_text


def test_plain_text_is_one_line_without_urls():
    assert plain_text("Visit https://evil.example/x\nor www.evil.example now") == (
        "Visit (link removed) or (link removed) now"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[click](javascript:alert(1))", "&#91;click&#93;(javascript:alert(1))"),
        ("![img](x.png)", "!&#91;img&#93;(x.png)"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("a | b", "a &#124; b"),
        ("&amp; stays text", "&amp;amp; stays text"),
        ("`code`", "'code'"),
    ],
)
def test_literal_markdown_neutralizes_syntax(text, shown):
    assert literal_markdown(text) == shown
