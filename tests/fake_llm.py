"""A local fake OpenAI-compatible server for tests (stdlib only, 127.0.0.1).

``script`` items are consumed in order (empty script: echo the last user message):
``{"text": s}`` · ``{"tool": name, "args": {...}, "id"?: s}`` · ``{"tools": [{"tool": name,
"args": {...}, "id"?: s}, ...]}`` (several tool calls in one message; ids default to
``call_1``, ``call_2`` ...) · ``{"status": 429, "headers": {...}}`` ·
``{"status": 500, "message": s}`` (an error whose body says ``s``) ·
``{"hang": seconds}`` (no answer: the client times out) · ``{"delay": seconds, ...}`` (answer
after a delay) · ``{"finish": "length", "text": ...}`` (truncated; ``"finish": None`` sends
no finish reason) · ``{"drop": True, "text": ...}`` (a stream that stops after the text: no
finish chunk, no ``[DONE]``) · ``{"raw": bytes, "headers": {...}}`` (a body as is, e.g. an
HTML page).
``responder(body) -> item`` may replace the script. Every request body and its lower-cased
headers are recorded; ``max_in_flight`` is the largest number of requests served at once.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAI:
    """Context manager: ``with FakeOpenAI() as fake: openai.OpenAI(base_url=fake.base_url)``."""

    def __init__(self) -> None:
        self.script: list[dict[str, Any]] = []
        self.responder = None
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append(body)
                    fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                    fake._in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake._in_flight)
                    step = fake._next(body)
                try:
                    self._answer(body, step)
                finally:
                    with fake._lock:
                        fake._in_flight -= 1

            def _answer(self, body: dict[str, Any], step: dict[str, Any]) -> None:
                if not self.path.endswith("/chat/completions"):
                    return self._send(404, {"error": {"message": "not found", "type": "x"}})
                if "hang" in step:
                    fake._stop.wait(step["hang"])
                    return None
                if "delay" in step:
                    fake._stop.wait(step["delay"])
                if "status" in step:
                    err = {
                        "message": step.get("message", f"fake {step['status']}"),
                        "type": "server_error",
                        "code": None,
                    }
                    return self._send(step["status"], {"error": err}, step.get("headers"))
                if "raw" in step:
                    return self._send_raw(200, step["raw"], step.get("headers"))
                msg: dict[str, Any] = {"role": "assistant", "content": step.get("text")}
                calls = [step] if "tool" in step else step.get("tools", [])
                if calls:
                    msg["tool_calls"] = [
                        {
                            "id": call.get("id", f"call_{n + 1}"),
                            "type": "function",
                            "function": {
                                "name": call["tool"],
                                "arguments": json.dumps(call.get("args", {})),
                            },
                        }
                        for n, call in enumerate(calls)
                    ]
                finish = step.get("finish", "tool_calls" if calls else "stop")
                model = body.get("model", "m")
                if body.get("stream"):
                    return self._sse(model, msg, finish, drop=bool(step.get("drop")))
                return self._send(
                    200,
                    {
                        "id": "c1",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {"index": 0, "message": msg, "finish_reason": finish, "logprobs": None}
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )

            def _send(self, code: int, obj: Any, headers: dict[str, str] | None = None) -> None:
                self._send_raw(code, json.dumps(obj).encode(), headers)

            def _send_raw(self, code: int, data: bytes, headers: dict | None = None) -> None:
                self.send_response(code)
                for key, value in {
                    "Content-Type": "application/json",
                    "Content-Length": len(data),
                    **(headers or {}),
                }.items():
                    self.send_header(key, str(value))
                self.end_headers()
                self.wfile.write(data)

            def _sse(
                self, model: str, msg: dict[str, Any], finish: str | None, drop: bool = False
            ) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()

                def chunk(delta: dict[str, Any], reason: str | None = None) -> None:
                    c = {
                        "id": "c1",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": model,
                        "choices": [{"index": 0, "delta": delta, "finish_reason": reason}],
                    }
                    self.wfile.write(f"data: {json.dumps(c)}\n\n".encode())
                    self.wfile.flush()

                chunk({"role": "assistant", "content": ""})
                text = msg["content"] or ""
                for i in range(0, len(text), 5):
                    chunk({"content": text[i : i + 5]})
                if drop:  # the connection closes mid-answer
                    return
                for n, tc in enumerate(msg.get("tool_calls", [])):
                    f = tc["function"]
                    half = len(f["arguments"]) // 2
                    chunk(
                        {
                            "tool_calls": [
                                {
                                    "index": n,
                                    "id": tc["id"],
                                    "type": "function",
                                    "function": {
                                        "name": f["name"],
                                        "arguments": f["arguments"][:half],
                                    },
                                }
                            ]
                        }
                    )
                    chunk(
                        {
                            "tool_calls": [
                                {"index": n, "function": {"arguments": f["arguments"][half:]}}
                            ]
                        }
                    )
                chunk({}, finish)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def _next(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.responder is not None:
            return self.responder(body)
        if self.script:
            return self.script.pop(0)
        return {"text": "echo: " + last_user(body)}

    def reset(self) -> None:
        """Forget the script, the recorded requests and the concurrency peak."""
        with self._lock:
            self.script, self.responder = [], None
            self.requests, self.headers = [], []
            self.max_in_flight = 0

    def __enter__(self) -> FakeOpenAI:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()


def tagged(body: dict[str, Any], tag: str) -> str | None:
    """Text between ``<tag>`` and ``</tag>`` in the last user message, or None."""
    text = last_user(body)
    start, end = text.find(f"<{tag}>"), text.rfind(f"</{tag}>")
    return text[start + len(tag) + 2 : end].strip() if 0 <= start < end else None


def last_user(body: dict[str, Any]) -> str:
    """Text of the last user message of a request body."""
    for message in reversed(body.get("messages", [])):
        if message.get("role") == "user":
            content = message.get("content") or ""
            if isinstance(content, str):
                return content
            return "".join(part.get("text", "") for part in content)
    return ""
