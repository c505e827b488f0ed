"""Jinja2 templates of `prompts/`, rendered and versioned by the hash of their text.

One template per kind of request (``persona.j2``, ``campaigns.j2``, ``offline.j2``, the report
templates); ``system.j2`` is the system prompt. A template's version is the first 12 hex digits
of the sha256 of its text and of every template it includes, so any edit to a prompt changes
the version recorded with each output (and misses the cache).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

__all__ = ["prompt_version", "render", "template_dir"]


def template_dir() -> Path:
    """Folder of the installed ``prompts`` package."""
    import prompts

    return Path(prompts.__file__).resolve().parent


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, /, **context: Any) -> str:
    """Render ``template`` (e.g. "persona.j2") with ``context``."""
    return _environment().get_template(template).render(**context).strip()


def _sources(name: str, seen: set[str]) -> list[str]:
    env = _environment()
    source = env.loader.get_source(env, name)[0]
    seen.add(name)
    texts = [source]
    for child in sorted(set(meta.find_referenced_templates(env.parse(source))) - {None}):
        if child not in seen:
            texts.extend(_sources(child, seen))
    return texts


def prompt_version(*names: str) -> str:
    """Version of the templates ``names`` (with what they include): a 12-hex content hash."""
    digest = hashlib.sha256()
    seen: set[str] = set()
    for name in names:
        for text in _sources(name, seen) if name not in seen else []:
            digest.update(text.encode())
    return digest.hexdigest()[:12]
