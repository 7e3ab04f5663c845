"""Request ids, JSON access logs (no message text unless asked), metrics, readiness."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.http.observability import JsonFormatter
from tests.http.conftest import ADMIN_KEY, MakeClient, assert_error

SECRET_QUESTION = "Mon numéro est 06 12 34 56 78, Premium Plus délai ?"


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[dict[str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def lines() -> object:
    handler = Lines()
    logger = logging.getLogger("termsbot.http")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)


def test_one_json_line_per_request_with_the_request_id(
    make_client: MakeClient, lines: list[dict[str, object]]
) -> None:
    client = make_client()
    response = client.get("/v1/documents/cgs/sections/6.2", headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    generated = client.get("/healthz", headers={"x-request-id": "bad id;" * 30})
    assert (
        generated.headers["x-request-id"] != "bad id"
        and len(generated.headers["x-request-id"]) == 32
    )
    (line,) = [entry for entry in lines if entry.get("request_id") == "abc-123"]
    assert line["event"] == "request" and line["method"] == "GET" and line["status"] == 200
    assert line["path"] == "/v1/documents/cgs/sections/6.2"
    assert line["route"] == "/v1/documents/{doc_id}/sections/{section}"
    assert line["caller"] == "anonymous" and isinstance(line["duration_ms"], float)


@pytest.mark.parametrize("log_messages", [False, True])
def test_message_text_is_logged_only_when_asked(
    make_client: MakeClient, lines: list[dict[str, object]], log_messages: bool
) -> None:
    client = make_client(log_messages=log_messages)
    client.post("/v1/chat", json={"message": SECRET_QUESTION})
    client.post("/v1/chat", json={"message": "x" * 5000})  # rejected: never logged either
    chat = [entry for entry in lines if entry["event"] == "chat"]
    assert len(chat) == 1 and chat[0]["status"] and chat[0]["conversation_id"]
    assert ("06 12 34 56 78" in json.dumps(lines, ensure_ascii=False)) is log_messages


def test_metrics_count_requests_and_answers(make_client: MakeClient) -> None:
    client = make_client(admin_key=SecretStr(ADMIN_KEY))
    client.post("/v1/chat", json={"message": "Premium Plus : délai de réflexion ?"})
    client.get("/v1/nowhere")
    text = client.get("/metrics", headers={"authorization": f"Bearer {ADMIN_KEY}"}).text
    assert 'termsbot_http_requests_total{method="POST",route="/v1/chat",status="200"} 1.0' in text
    assert 'route="unmatched",status="404"' in text
    assert "termsbot_http_request_duration_seconds_bucket" in text
    assert 'termsbot_answers_total{endpoint="chat",status=' in text


def test_metrics_need_the_admin_key_unless_made_public(make_client: MakeClient) -> None:
    closed = make_client()
    assert_error(closed.get("/metrics"), 403, "admin_disabled")
    guarded = make_client(admin_key=SecretStr(ADMIN_KEY))
    assert_error(guarded.get("/metrics"), 401, "unauthorized")
    assert_error(
        guarded.get("/metrics", headers={"authorization": "Bearer nope"}), 401, "unauthorized"
    )
    public = make_client(metrics_public=True)
    assert public.get("/metrics").status_code == 200


def test_readiness_checks_the_database(make_client: MakeClient) -> None:
    ready = make_client()
    assert ready.get("/readyz").json()["status"] == "ready"
    unreachable = "postgresql+psycopg://nobody:x@127.0.0.1:9/none?connect_timeout=1"
    down = make_client(database_url=unreachable)
    response = down.get("/readyz")
    assert response.status_code == 503
    assert response.json()["reason"] == "the conversation database does not answer"
    assert down.get("/healthz").status_code == 200
    failed = down.post("/v1/chat", json={"message": "Premium Plus ?"})
    assert failed.status_code == 503 and failed.json()["error"]["code"] == "store_error"
    assert "nobody" not in failed.text and "127.0.0.1" not in failed.text


def test_slow_requests_time_out_with_504(make_client: MakeClient) -> None:
    import time

    client: TestClient = make_client(request_timeout_seconds=0.2)

    def slow() -> dict[str, str]:
        time.sleep(1.0)
        return {"late": "yes"}

    client.app.add_api_route("/slow", slow)  # type: ignore[attr-defined]
    response = client.get("/slow")
    assert response.status_code == 504 and response.json()["error"]["code"] == "timeout"
    assert client.get("/healthz").status_code == 200
