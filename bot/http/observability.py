"""Request ids, one JSON log line per request, and Prometheus metrics.

Every response carries `X-Request-ID` (the caller's, when it sent a sane one). The log line
has the request id, method, path, route, status, duration and caller kind, never a message
text (see `log_chat`). Metrics are kept per app in their own registry; with several worker
processes, set `PROMETHEUS_MULTIPROC_DIR` (prometheus-client's multiprocess mode) and
`/metrics` adds up all workers.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import traceback
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.http.errors import error_response

log = logging.getLogger("termsbot.http")
REQUEST_ID_HEADER = "x-request-id"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = "".join(traceback.format_exception(*record.exc_info)).strip()
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging() -> None:
    """JSON lines on stderr for termsbot's loggers; uvicorn's own access log is silenced."""
    logger = logging.getLogger("termsbot")
    if not any(getattr(h, "termsbot_json", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.termsbot_json = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "termsbot_http_requests",
            "HTTP requests by method, route and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "termsbot_http_request_duration_seconds",
            "HTTP request duration by method and route.",
            ["method", "route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.answers = Counter(
            "termsbot_answers",
            "Answers by status (answered, calculated, declined, refused) and endpoint.",
            ["status", "endpoint"],
            registry=self.registry,
        )

    def render(self) -> tuple[bytes, str]:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def request_state(scope: Scope) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


class Observability:
    """Outermost middleware: request id in and out, the access log line, metrics, and the
    JSON 500 for anything that escaped (its traceback goes to the log, not to the caller)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, access_log: bool = True) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_ID.match(incoming) else uuid4().hex
        state = request_state(scope)
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error", extra={"fields": {"request_id": request_id}})
            if not response_started:
                message = f"internal error (request {request_id})"
                response = error_response(500, "internal_error", message)
                await response(scope, receive, send_with_id)
        finally:
            self._record(scope, state, request_id, status, time.perf_counter() - started)

    def _record(
        self, scope: Scope, state: dict[str, Any], request_id: str, status: int, seconds: float
    ) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = scope["method"]
        self.metrics.requests.labels(method, template, str(status)).inc()
        self.metrics.latency.labels(method, template).observe(seconds)
        if self.access_log:
            fields = {
                "request_id": request_id,
                "method": method,
                "path": scope["path"],
                "route": template,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "caller": state.get("caller_kind", "none"),
            }
            log.info("request", extra={"fields": fields})


def log_chat(
    state: dict[str, Any], fields: dict[str, Any], message: str, log_messages: bool
) -> None:
    """One line per answered message; the text itself only when the operator asked for it."""
    line = {"request_id": state.get("request_id"), **fields}
    if log_messages:
        line["message"] = message
    log.info("chat", extra={"fields": line})
