"""Print how long persona write-ups take: through a model, from the cache, offline.

A local fake OpenAI-compatible server (``tests/fake_llm.py``) answers every request after
``--delay`` seconds (default 1.0, a realistic model latency) with a valid write-up for the
segment asked about. The model is the 6-segment demo model (2,240 customers). Targets: all
personas through the model in <= 1.5 s (they are written concurrently), a cached rerun in
<= 50 ms with no call, the offline writer for all personas in <= 100 ms. Also prints the
prompt size per persona (system + user message; tokens estimated as characters / 4).

Usage: ``python benchmarks/bench_narrative.py [--delay 1.0] [--segments 6] [--repeats 5]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fake_llm

from assistant.llm import LLMSettings, OpenAIWriter  # noqa: E402
from assistant.personas.offline import offline_writeup  # noqa: E402
from assistant.personas.write import PersonaCache, write_personas  # noqa: E402
from segmentation.demo import make_customers  # noqa: E402
from segmentation.pipeline import train_bundle  # noqa: E402
from tests.fake_llm import FakeOpenAI, tagged  # noqa: E402


def _line(label: str, seconds: float, target: float, extra: str = "") -> str:
    verdict = "ok" if seconds <= target else "OVER TARGET"
    ms, goal = seconds * 1000, target * 1000
    return f"{label:<34} {ms:9.1f} ms   target <= {goal:6.0f} ms  {verdict}{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0, help="model latency (s)")
    parser.add_argument("--segments", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=5, help="repeats of the fast timings")
    args = parser.parse_args()

    bundle = train_bundle(make_customers(2240), n_segments=args.segments)
    profile, names = bundle.profile, bundle.names
    print(f"demo model: {len(names)} segments, {profile['n_customers']:,} customers")

    with FakeOpenAI() as fake, tempfile.TemporaryDirectory() as folder:

        def answer(body: dict) -> dict:
            facts = json.loads(tagged(body, "statistics"))
            return {"delay": args.delay, "text": offline_writeup(facts).model_dump_json()}

        fake.responder = answer
        settings = LLMSettings(
            base_url=fake.base_url, api_key="k", model="bench", max_retries=0, timeout=30
        )
        writer = OpenAIWriter(settings)
        cache = PersonaCache(folder)

        start = time.perf_counter()
        results = write_personas(profile, names, writer, settings=settings, cache=cache)
        online = time.perf_counter() - start
        calls = len(fake.requests)
        made = {r.writer for r in results}
        print(
            _line(
                f"model ({args.delay:g} s latency each)",
                online,
                1.5,
                f"   {calls} calls, peak {fake.max_in_flight} in flight, writer {made}",
            )
        )

        cached = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            again = write_personas(profile, names, writer, settings=settings, cache=cache)
            cached.append(time.perf_counter() - start)
        new_calls = len(fake.requests) - calls
        hits = sum(r.cached for r in again)
        print(
            _line(
                "cached rerun (best of repeats)",
                min(cached),
                0.05,
                f"   {new_calls} new calls, {hits}/{len(again)} cached",
            )
        )
        bodies = fake.requests[: len(names)]

    offline = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        written = write_personas(profile, names)
        offline.append(time.perf_counter() - start)
    verified = sum(r.verified for r in written)
    print(
        _line(
            "offline writer (best of repeats)",
            min(offline),
            0.1,
            f"   {verified}/{len(written)} verified",
        )
    )

    print("\nprompt size per persona (system + user message):")
    print(f"  {'segment':<46} {'chars':>7} {'~tokens':>8}")
    by_id = {json.loads(tagged(b, "statistics"))["segment"]["id"]: b for b in bodies}
    sizes = []
    for i, name in enumerate(names):
        chars = sum(len(m["content"]) for m in by_id[i]["messages"])
        sizes.append(chars)
        print(f"  {i} {name:<44} {chars:7,d} {chars / 4:8,.0f}")
    schema = len(json.dumps(bodies[0].get("response_format", {})))
    mean = sum(sizes) / len(sizes)
    print(f"  mean {mean:,.0f} chars (~{mean / 4:,.0f} tokens)")
    print(f"  plus the response_format JSON schema: {schema:,} chars (~{schema / 4:,.0f} tokens)")


if __name__ == "__main__":
    main()
