"""PersonaSense assistant: persona write-ups, the chat's read-only tools, the offline question
router, the chat session, the report, the web app and the ``personasense`` console script.

Layers, lowest first: ``errors``, ``text``, ``llm`` and ``prompts``; ``personas`` (fact
sheets, writers, verification, cache); ``tools`` and ``report``; ``answers``;
``understanding`` (offline router); ``chat`` (the session and model tool loop); ``webapp``;
``cli``. Import what you need from the subpackages; this package exports nothing itself.
"""

from __future__ import annotations

__all__: list[str] = []
