"""Pure view helpers of the web app (no Gradio): persona cards and other Markdown
(``cards``), the Data tab's overview frames (``overview``), the single-customer form
(``form``) and the Segments tab's tables and map (``tables``)."""

from __future__ import annotations

__all__: list[str] = []
