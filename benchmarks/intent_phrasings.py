"""Regenerate assistant/understanding/tuned.py: the tuning part of the question bank
(tests/_tuning_bank.py) and the first chat bank (tests/_bank_*.py), delexicalized by the
reader, as training phrasings of the intent classifier. The held-out part
(tests/_heldout_bank.py) is never read here.

    python benchmarks/intent_phrasings.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.understanding.reader import Reader  # noqa: E402
from assistant.understanding.slots import read_slots  # noqa: E402
from benchmarks.eval_reader import contexts  # noqa: E402
from tests._tuning_bank import CASES  # noqa: E402
from tests.question_bank import bank  # noqa: E402

OLD_KINDS = {
    "list_segments": "list", "describe_segment": "describe", "compare_segments": "compare",
    "rank_segments": "rank", "segment_figure": "aggregate", "count_customers": "aggregate",
    "assign_customer": "assign", "campaign_ideas": "campaign", "chart": "chart", "table": "table",
    "draft_message": "draft",
}  # fmt: skip
# the first chat bank's tools (tests/_bank_*.py, tuned on since issue 4) as reading kinds

HEADER = '''# ruff: noqa: E501
"""The tuning part of the question bank, delexicalized, as training phrasings (generated
by ``python benchmarks/intent_phrasings.py`` from tests/_tuning_bank.py; do not edit)."""

from __future__ import annotations

__all__ = ["TUNED"]

TUNED: tuple[str, ...] = (
'''


def main() -> None:
    readers = {name: Reader(ctx) for name, ctx in contexts().items()}
    lines = []
    for case in CASES:
        reader = readers[case["model"]]
        q = reader.spotter.read(reader.correct(case["q"]))
        slots = read_slots(reader.ctx, q, reader.vocabulary, reader.extra)
        lines.append(f"{case['expect']['kind']}\t{slots.delexicalized}")
    for old in bank():
        if len(old.turns) != 1 or old.intent in ("what-if", "follow-up"):
            continue
        turn = old.turns[0]
        kind = OLD_KINDS.get(turn.tool or "", "help" if old.intent == "help" else "decline")
        if turn.tool == "query":
            kind = str(turn.args.get("kind", "aggregate"))
        reader = readers["demo"]
        q = reader.spotter.read(reader.correct(turn.question))
        slots = read_slots(reader.ctx, q, reader.vocabulary, reader.extra)
        lines.append(f"{kind}\t{slots.delexicalized}")
    body = "".join(f"    {json.dumps(line)},\n" for line in dict.fromkeys(lines))
    (ROOT / "assistant/understanding/tuned.py").write_text(HEADER + body + ")\n")
    print(f"wrote {len(set(lines))} phrasings")


if __name__ == "__main__":
    main()
