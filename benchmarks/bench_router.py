"""Print how fast the offline router answers: p50/p95/max over the question bank.

Every turn of ``tests/question_bank.py`` is answered on the 6-segment demo model (2,240
customers), follow-up sequences with their history, ``--repeats`` times after one warm-up
pass (the first pass also builds the per-context caches: customer view, labels, persona
fact indexes). Times are whole answers: reading the question, the tool call and the
`ChatAnswer`. Target: p95 <= 100 ms. Also prints routing alone and the slowest questions.

Usage: ``python benchmarks/bench_router.py [--repeats 5]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.question_bank

from assistant.answers import ChatAnswer  # noqa: E402
from assistant.understanding.router import Router  # noqa: E402
from tests.question_bank import bank, demo_context  # noqa: E402


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _pass(router: Router, route_only: bool) -> list[tuple[float, str]]:
    """(seconds, question) of every turn of the bank."""
    out = []
    for case in bank():
        history: list[ChatAnswer] = []
        for turn in case.turns:
            start = time.perf_counter()
            if route_only:
                router.route(turn.question, history)
            else:
                answer = router.answer(turn.question, history)
            out.append((time.perf_counter() - start, turn.question))
            if route_only:
                answer = router.answer(turn.question, history)  # for the next turn's history
            history.append(answer)
    return out


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    ctx = demo_context()
    setup = time.perf_counter() - start
    start = time.perf_counter()
    router = Router(ctx)
    built = time.perf_counter() - start
    first = _pass(router, route_only=False)  # warm-up: builds the context's caches
    timed: list[tuple[float, str]] = []
    routed: list[float] = []
    for _ in range(args.repeats):
        timed += _pass(router, route_only=False)
        routed += [t for t, _ in _pass(router, route_only=True)]
    ms = [1000 * t for t, _ in timed]
    route_ms = [1000 * t for t in routed]
    print(f"demo model and personas: {setup:.2f} s; Router(ctx): {1000 * built:.1f} ms")
    print(
        f"first pass ({len(first)} turns, cold caches): p50 "
        f"{1000 * statistics.median(t for t, _ in first):.1f} ms, max "
        f"{1000 * max(t for t, _ in first):.1f} ms"
    )
    print(
        f"answer latency over {len(ms)} answers ({args.repeats} x {len(first)} turns): "
        f"p50 {_percentile(ms, 0.5):.1f} ms, p95 {_percentile(ms, 0.95):.1f} ms, "
        f"max {max(ms):.1f} ms (target p95 <= 100 ms)"
    )
    print(
        f"routing alone: p50 {_percentile(route_ms, 0.5):.2f} ms, "
        f"p95 {_percentile(route_ms, 0.95):.2f} ms"
    )
    slowest: dict[str, float] = {}
    for t, question in timed:
        slowest[question] = max(slowest.get(question, 0.0), t)
    top = sorted(slowest.items(), key=lambda kv: -kv[1])[:3]
    print("slowest: " + "; ".join(f"{q!r} {1000 * t:.1f} ms" for q, t in top))


if __name__ == "__main__":
    main()
