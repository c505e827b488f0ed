"""Regenerate assistant/understanding/tuned.py: the tuning part of the question bank
(tests/_tuning_bank.py), delexicalized by the reader, as training phrasings of the intent
classifier. The held-out part (tests/_heldout_bank.py) is never read here.

    python benchmarks/intent_phrasings.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.understanding.reader import Reader  # noqa: E402
from assistant.understanding.slots import read_slots  # noqa: E402
from benchmarks.eval_reader import contexts  # noqa: E402
from tests._tuning_bank import CASES  # noqa: E402

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
    body = "".join(f"    {line!r},\n" for line in dict.fromkeys(lines))
    (ROOT / "assistant/understanding/tuned.py").write_text(HEADER + body + ")\n")
    print(f"wrote {len(set(lines))} phrasings")


if __name__ == "__main__":
    main()
