"""A local stand-in for Slack's Web API and response URLs: records every call and answers
like Slack does (`{"ok": true, ...}`). Tests point TERMSBOT_SLACK_API_URL and the payloads'
`response_url` at it; nothing leaves the machine."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T1"


@dataclass(frozen=True)
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def method(self) -> str:
        """`chat.postMessage` for Web API calls, `response_url` for response URLs."""
        path = self.path.split("?", 1)[0]
        if path.startswith("/api/"):
            return path.removeprefix("/api/")
        return "response_url"


class SlackStandIn:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, str] = {}  # method -> Slack error code to answer with
        self.replies: dict[str, dict[str, Any]] = {}  # method -> the whole answer
        # method -> HTTP answers to give first, one per call: (status, headers, body)
        self.statuses: dict[str, list[tuple[int, dict[str, str], str]]] = {}
        self.delays: dict[str, float] = {}  # method -> seconds to wait before answering
        self.threads: dict[str, list[dict[str, Any]]] = {}  # "C1:ts" -> conversations.replies
        self.locale = "fr-FR"  # what users.info says of every user
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._changed:
            self.calls.clear()
            self.failures.clear()
            self.replies.clear()
            self.statuses.clear()
            self.delays.clear()
            self.threads.clear()
            self.locale = "fr-FR"

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def of(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def sent(self) -> list[Call]:
        """What the app sent (auth.test, Bolt's own identity check, left out)."""
        with self._changed:
            return [c for c in self.calls if c.method != "auth.test"]

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda _: True,
        count: int = 1,
        timeout: float = 60.0,
    ) -> list[Call]:
        """The first `count` calls of `method` matching `where`, waiting for them if needed."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if c.method == method and where(c)]
                if len(found) >= count:
                    return found[:count]
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"no {count} x {method} within {timeout} s; saw {seen}")
                self._changed.wait(left)

    def answer(self, call: Call) -> dict[str, Any]:
        if call.method in self.failures:
            return {"ok": False, "error": self.failures[call.method]}
        if call.method in self.replies:
            return self.replies[call.method]
        if call.method == "conversations.replies":
            key = f"{call.body.get('channel')}:{call.body.get('ts')}"
            return {"ok": True, "messages": self.threads.get(key, []), "has_more": False}
        if call.method == "users.info":
            user = {"id": call.body.get("user"), "locale": self.locale}
            return {"ok": True, "user": user}
        return _answers(call)

    def status_for(self, method: str) -> tuple[int, dict[str, str], str] | None:
        """The next HTTP answer queued for `method`, if any (then the usual 200)."""
        with self._changed:
            queued = self.statuses.get(method)
            return queued.pop(0) if queued else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                # Some Web API methods (conversations.replies, users.info) are sent as GET.
                query = self.path.split("?", 1)[1] if "?" in self.path else ""
                self._answer(Call(self.path, _parse(query, "form"), dict(self.headers.items())))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                call = Call(
                    self.path,
                    _parse(raw, self.headers.get("Content-Type", "")),
                    dict(self.headers.items()),
                )
                self._answer(call)

            def _answer(self, call: Call) -> None:
                standin.record(call)
                time.sleep(standin.delays.get(call.method, 0.0))
                queued = standin.status_for(call.method)
                if queued is not None:
                    status, headers, text = queued
                    self._send(status, text.encode(), headers)
                    return
                self._send(200, json.dumps(standin.answer(call)).encode(), {})

            def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                self.send_header("Content-Type", _content_type(payload))
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def _content_type(payload: bytes) -> str:
    """JSON for Slack's answers; plain text for what a proxy or an outage says instead."""
    try:
        json.loads(payload or b"null")
    except ValueError:
        return "text/plain; charset=utf-8"
    return "application/json; charset=utf-8"


def _parse(raw: str, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        parsed: dict[str, Any] = json.loads(raw or "{}")
        return parsed
    form = {k: v[0] for k, v in parse_qs(raw).items()}
    for key in ("blocks", "view"):
        if key in form:
            form[key] = json.loads(form[key])
    return form


def _answers(call: Call) -> dict[str, Any]:
    body = call.body
    if call.method == "auth.test":
        return {
            "ok": True,
            "url": "https://example.slack.com/",
            "team": "School",
            "user": "termsbot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }
    if call.method == "chat.postMessage":
        return {
            "ok": True,
            "channel": body.get("channel"),
            "ts": f"{time.time():.6f}",
            "message": {"text": body.get("text"), "bot_id": BOT_ID},
        }
    if call.method == "chat.postEphemeral":
        return {"ok": True, "message_ts": f"{time.time():.6f}"}
    if call.method in ("views.open", "views.update", "views.publish"):
        return {"ok": True, "view": {**body.get("view", {}), "id": "V1", "hash": "h2"}}
    if call.method == "response_url":
        return {"ok": True}
    return {"ok": False, "error": "unknown_method"}
