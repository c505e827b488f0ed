"""Load test of the web app: simulated users against a local server, offline.

Starts the app on the embedded demo model (offline writer, no LLM) in a separate process on
a free 127.0.0.1 port (as ``personasense serve`` runs it), then runs ``--users`` simulated
users (one ``gradio_client.Client``, that is one session, per thread of this process) for
``--seconds``. Each user loops: a chat question (streamed; time to the first update and to
the final answer), assign, what-if, chat clear. Prints the error count, p50/p95/max latency
per endpoint and the peak resident memory of the server process. Server and clients share
the machine's 2 cores, so latencies include the clients' own load.

Usage: ``python benchmarks/bench_app_load.py [--users 20] [--seconds 300]``
Goals (issue 5): 0 errors, p95 < 2 s for assign, first chat update < 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before any gradio import
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from gradio_client import Client  # noqa: E402

from assistant.webapp.chat import EXAMPLES  # noqa: E402

GOALS = {"assign": 2.0, "chat first update": 5.0}  # p95 goals, seconds


class Recorder:
    """Latencies per endpoint and errors, shared by the user threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, name: str, seconds: float) -> None:
        with self.lock:
            self.times[name].append(seconds)

    def fail(self, name: str, exc: BaseException) -> None:
        with self.lock:
            self.errors[name].append(f"{type(exc).__name__}: {exc}"[:200])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def user(url: str, deadline: float, rec: Recorder, seed: int) -> None:
    """One simulated user (one session) looping until ``deadline``."""
    rng = random.Random(seed)
    client = Client(url, verbose=False, download_files=False)
    try:
        while time.perf_counter() < deadline:
            question = rng.choice(EXAMPLES)
            start = time.perf_counter()
            try:
                job = client.submit(question, [], api_name="/chat")
                first = None
                for _ in job:
                    if first is None:
                        first = time.perf_counter() - start
                history = job.result()[1]
                assert history and history[-1]["role"] == "assistant", history
                rec.add("chat first update", first if first is not None else np.nan)
                rec.add("chat total", time.perf_counter() - start)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                rec.fail("chat", exc)
            for name, kwargs in (
                ("assign", {"income": rng.randrange(5_000, 150_000, 1_000)}),
                ("what_if", {"what_if_income": rng.randrange(5_000, 150_000, 1_000),
                             "what_if_kids": rng.randint(0, 2)}),
                ("chat_clear", {}),
            ):  # fmt: skip
                if time.perf_counter() >= deadline:
                    break
                start = time.perf_counter()
                try:
                    client.predict(**kwargs, api_name=f"/{name}")
                    rec.add(name, time.perf_counter() - start)
                except Exception as exc:  # noqa: BLE001
                    rec.fail(name, exc)
    finally:
        client.close()


def _peak_rss_kb(pid: int) -> float:
    """Peak resident memory of a process (Linux /proc VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return float(line.split()[1])
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args()

    start = time.perf_counter()
    port = _free_port()
    # The server runs in its own process (as `personasense serve` would), so the 20 client
    # threads here do not compete with it for this interpreter's GIL.
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from assistant.webapp import serve; serve(None, '127.0.0.1', {port})",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):  # bounded wait for the port (cold start trains the demo model)
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        server.kill()
        raise SystemExit("server did not start within 60 s")
    print(f"server up at {url} in {time.perf_counter() - start:.1f} s (separate process, offline)")

    rec = Recorder()
    deadline = time.perf_counter() + args.seconds
    threads = [
        threading.Thread(target=user, args=(url, deadline, rec, i), daemon=True)
        for i in range(args.users)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=args.seconds + 120)  # bounded: a stuck call cannot hang the run
    wall = time.perf_counter() - t0
    stuck = sum(t.is_alive() for t in threads)
    peak_kb = _peak_rss_kb(server.pid)
    server.terminate()
    server.wait(timeout=30)

    n_errors = sum(len(v) for v in rec.errors.values())
    total = sum(len(v) for v in rec.times.values()) + n_errors
    print(f"\n{args.users} users, {wall:.0f} s, {total} calls, {n_errors} errors"
          f"{f', {stuck} users still running' if stuck else ''}")  # fmt: skip
    print(f"{'endpoint':<18}{'calls':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}  goal")
    for name in ("chat first update", "chat total", "assign", "what_if", "chat_clear"):
        values = np.array(rec.times.get(name, []), dtype=float)
        if not len(values):
            print(f"{name:<18}{0:>7}")
            continue
        p50, p95 = np.nanpercentile(values, [50, 95])
        goal = GOALS.get(name)
        verdict = "" if goal is None else f"p95 < {goal:g} s: {'ok' if p95 < goal else 'MISSED'}"
        top = np.nanmax(values)
        print(f"{name:<18}{len(values):>7}{p50:>8.3f}{p95:>8.3f}{top:>8.3f}  {verdict}")
    for name, messages in rec.errors.items():
        print(f"errors in {name}: {len(messages)}, e.g. {messages[0]}")
    print(f"peak memory of the server process (VmHWM): {peak_kb / 1024:.0f} MB")
    return 1 if n_errors or stuck else 0


if __name__ == "__main__":
    raise SystemExit(main())
