"""An OpenAI-compatible chat-completions server on loopback, for the real ``openai`` client.

It reads the numbered comments of a batch request (one ``{"id", "text"}`` JSON object
per line of the user message) and answers each with a reading derived from its text
alone, so the same comment always gets the same answer. A script of behaviours makes
the next requests fail the ways the real API does; every request and token is counted.
Tokens are counted as the characters of the request or answer divided by four.
"""

import hashlib
import json
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BEHAVIOURS = (
    "ok",
    "rate_limit",  # 429 with retry-after-ms
    "rate_limit_seconds",  # 429 with retry-after (seconds)
    "server_error",  # 500
    "unauthorized",  # 401
    "drop_last",  # answers all comments but the last
    "malformed",  # content that is not the JSON asked for
    "refuse",  # a refusal instead of content
    "hang",  # answers only after the client's timeout
    "cut_off",  # the answer stops at the token limit (finish_reason "length")
    "html",  # a 200 whose body is not JSON (a misconfigured proxy)
)
_POSITIVE = ("gracias", "excelente", "encanta", "genial", "bueno", "love", "great")
_NEGATIVE = ("malo", "pesimo", "pésimo", "horrible", "nunca", "queja", "terrible", "bad")
_WORD = re.compile(r"[a-z]{5,}")


def tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def reading_for(text: str) -> dict[str, Any]:
    """The fake model's deterministic reading of one comment."""
    low = text.lower()
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    positive = any(word in low for word in _POSITIVE)
    negative = any(word in low for word in _NEGATIVE)
    sentiment = {
        (True, True): "mixed",
        (True, False): "positive",
        (False, True): "negative",
        (False, False): "neutral",
    }[(positive, negative)]
    polarity = {"mixed": 0.0, "positive": 0.7, "negative": -0.7, "neutral": 0.0}[sentiment]
    emotions = {
        name: round(digest[i] / 255 * 0.3, 2)
        for i, name in enumerate(
            ("alegria", "confianza", "sorpresa", "anticipacion", "miedo", "disgusto", "ira")
        )
    }
    emotions["tristeza"] = 0.0
    if positive:
        emotions["alegria"] = 0.8
    if negative:
        emotions["ira"] = 0.7
    aaker = {
        name: round(digest[8 + i] / 255 * 0.5, 2)
        for i, name in enumerate(
            ("sinceridad", "emocion", "competencia", "sofisticacion", "rudeza")
        )
    }
    return {
        "language": "en" if any(w in low for w in ("the ", "love", "great")) else "es",
        "sentiment": sentiment,
        "polarity": polarity,
        "subjectivity": 0.8 if positive or negative else 0.2,
        "emotions": emotions,
        "aaker": aaker,
        "topics": list(dict.fromkeys(_WORD.findall(low)))[:3],
        "frame": "positivo" if positive and not negative else "negativo" if negative else None,
        "stance": polarity,
        "expertise": round(digest[15] / 255, 2),
        "is_request": "?" in text,
        "is_complaint": negative,
        "purchase_intent": "comprar" in low or "buy" in low,
        "crisis": "intoxic" in low,
        "sarcasm": False,
    }


def comments_of(body: dict[str, Any]) -> list[tuple[int, str]]:
    """The numbered comments of a request's last user message."""
    found: list[tuple[int, str]] = []
    for line in body["messages"][-1]["content"].splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            found.append((item["id"], item["text"]))
    return found


@dataclass
class FakeOpenAI:
    """The server's state: the base URL, the script of next behaviours and the counters."""

    base_url: str = ""
    script: list[str] = field(default_factory=list)
    requests: int = 0
    answered: int = 0
    comments: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    bodies: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    hang_seconds: float = 5.0
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def then(self, *behaviours: str) -> "FakeOpenAI":
        """Queue behaviours for the next requests (then back to ``ok``)."""
        unknown = set(behaviours) - set(BEHAVIOURS)
        if unknown:
            raise ValueError(f"unknown behaviours {sorted(unknown)}")
        self.script.extend(behaviours)
        return self

    def next_behaviour(self, body: dict[str, Any], authorization: str) -> str:
        with self.lock:
            self.requests += 1
            self.bodies.append(body)
            self.authorizations.append(authorization)
            return self.script.pop(0) if self.script else "ok"


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI

    def log_message(self, format: str, *args: object) -> None:
        return

    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, code: str, headers: dict[str, str]) -> None:
        error = {"message": message, "type": "invalid_request_error", "code": code}
        self._json(status, {"error": error}, headers)

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._error(404, f"no route {self.path}", "not_found", {})
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        fake = self.fake
        behaviour = fake.next_behaviour(body, self.headers.get("Authorization", ""))
        model = body["model"]
        reasoning = model.startswith(("gpt-5", "o1", "o3", "o4"))
        if reasoning and "temperature" in body:
            self._error(400, "Unsupported parameter: 'temperature'", "unsupported_parameter", {})
            return
        if not reasoning and "reasoning_effort" in body:
            message = "Unrecognized request argument supplied: reasoning_effort"
            self._error(400, message, "unsupported_parameter", {})
            return
        if behaviour == "rate_limit":
            self._error(429, "Rate limit reached", "rate_limit_exceeded", {"retry-after-ms": "5"})
            return
        if behaviour == "rate_limit_seconds":
            self._error(429, "Rate limit reached", "rate_limit_exceeded", {"retry-after": "1"})
            return
        if behaviour == "server_error":
            self._error(500, "The server had an error", "server_error", {"retry-after-ms": "5"})
            return
        if behaviour == "unauthorized":
            self._error(401, "Incorrect API key provided", "invalid_api_key", {})
            return
        if behaviour == "hang" and fake.stopping.wait(fake.hang_seconds):
            return
        if behaviour == "html":
            page = b"<html><body>Bad gateway page</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        comments = comments_of(body)
        if behaviour == "drop_last":
            comments = comments[:-1]
        refusal = None
        if behaviour == "refuse":
            content, refusal = None, "I can't help with that request."
        elif behaviour == "malformed":
            content = '{"items": [{"id": 1, "sentiment": "positive"'
        else:
            content = json.dumps({"items": [{"id": i, **reading_for(t)} for i, t in comments]})
        prompt_tokens = tokens(json.dumps(body["messages"])) + tokens(
            json.dumps(body.get("response_format", {}))
        )
        completion_tokens = tokens(content or refusal or "")
        finish_reason = "stop"
        limit = body.get("max_completion_tokens")
        if behaviour == "cut_off":
            limit = completion_tokens // 2
        if content and limit is not None and completion_tokens > limit:
            content, completion_tokens, finish_reason = content[: limit * 4], limit, "length"
        with fake.lock:
            fake.answered += 1
            fake.comments += len(comments)
            fake.prompt_tokens += prompt_tokens
            fake.completion_tokens += completion_tokens
        choice = {
            "index": 0,
            "finish_reason": finish_reason,
            "message": {"role": "assistant", "content": content, "refusal": refusal},
        }
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        completion = {
            "id": f"chatcmpl-fake-{fake.requests}",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [choice],
            "usage": usage,
        }
        try:
            self._json(200, completion, {})
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up waiting (the "hang" case)


@contextmanager
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running fake; ``base_url`` is what ``OpenAI(base_url=...)`` takes."""
    fake = FakeOpenAI()
    handler = type("Handler", (_Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield fake
    finally:
        fake.stopping.set()
        server.shutdown()
        thread.join()
        server.server_close()
