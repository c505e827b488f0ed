"""Accuracy of the offline question reader on the question bank, split before tuning.

Prints, for the tuning part (tests/_tuning_bank.py), the sixteen dev parts (tests/_dev_bank*.py,
each measured once before it was tuned on) and the held-out part (tests/_heldout_bank.py,
never tuned on), per model (demo = the reference schema, mall and shop = tables of other schemas):
right, declined, confidently wrong (a figure for a different question), and the read time
per question. The held-out part prints figures only; the other parts list their misreadings
with ``--show``.

    python benchmarks/eval_reader.py [--show]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.personas.write import write_personas  # noqa: E402
from assistant.tools import ChatContext  # noqa: E402
from assistant.understanding.reader import Reader  # noqa: E402
from segmentation.demo_shop import make_shop_customers  # noqa: E402
from segmentation.pipeline import train_bundle  # noqa: E402
from tests._reading import dev_parts, reading_of, score  # noqa: E402
from tests._tables import mall_table  # noqa: E402
from tests.question_bank import demo_context  # noqa: E402


def contexts() -> dict[str, ChatContext]:
    """The bank's three models: the demo (reference schema), the mall table (400 rows) and
    the shop table (`segmentation.demo_shop`, 1,000 rows, auto k)."""
    frame = mall_table(400)
    bundle = train_bundle(frame, n_segments=4, feature_set="generic")
    mall = ChatContext(bundle, write_personas(bundle.profile, bundle.names), frame)
    shop_frame = make_shop_customers(1000)
    shop_bundle = train_bundle(shop_frame, feature_set="generic")
    shop = ChatContext(shop_bundle, write_personas(shop_bundle.profile, shop_bundle.names),
                       shop_frame)  # fmt: skip
    return {"demo": demo_context(), "mall": mall, "shop": shop}


def evaluate(cases: list[dict], readers: dict[str, Reader], show: bool) -> None:
    tally: dict[str, Counter] = {}
    times = []
    for case in cases:
        t = time.perf_counter()
        reading = readers[case["model"]].read(case["q"])
        times.append(time.perf_counter() - t)
        got = reading_of(reading)
        verdict = score(case["expect"], got)
        tally.setdefault(case["model"], Counter())[verdict] += 1
        tally.setdefault("all", Counter())[verdict] += 1
        if show and verdict != "right":
            print(
                f"  [{verdict}] ({case['model']}) {case['q']}\n      want {case['expect']}\n"
                f"      got  {got} {reading.text or ''}"
            )
    for model, c in tally.items():
        n = sum(c.values())
        print(
            f"  {model:5s} n={n:3d}  right {c['right']:3d} ({c['right'] / n:.0%})  "
            f"declined {c['declined']:3d}  wrong {c['wrong']:3d}"
        )
    times.sort()
    print(
        f"  read time p50 {1000 * times[len(times) // 2]:.1f} ms, "
        f"p95 {1000 * times[int(len(times) * 0.95)]:.1f} ms"
    )


def main() -> None:
    try:
        from tests._heldout_bank import CASES as HELDOUT
    except ImportError:
        HELDOUT = []
    from tests._tuning_bank import CASES as TUNING

    parts = [("tuning part", TUNING)]
    for n, (voice, cases) in enumerate(dev_parts(), start=1):
        parts.append((f"dev part {n} ({voice}; tuned on)", cases))
    show = "--show" in sys.argv
    readers = {name: Reader(ctx) for name, ctx in contexts().items()}
    for title, cases in parts:
        print(f"{title}, {len(cases)} questions:")
        evaluate(cases, readers, show)
    print(f"held-out part ({len(HELDOUT)} questions, never tuned on):")
    evaluate(HELDOUT, readers, False)


if __name__ == "__main__":
    main()
