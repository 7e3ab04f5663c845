"""Every failure has the documented status and error body; nothing is stored half-way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from bot.schemas import WHITESPACE
from tests.http.conftest import MakeClient, assert_error

ODD_MESSAGES = [
    pytest.param("'; DROP TABLE messages; --", id="sql"),
    pytest.param("<script>alert(1)</script> délai de réflexion ?", id="script"),
    pytest.param(
        "NUL\x00 \x07\x1b[31m \u202eesrever\u202c 👩‍👩‍👧 e\u0301 \ufeff", id="controls-unicode"
    ),
    pytest.param("%s {0} :name $1 \\' \"", id="placeholders"),
]


def questions(client: TestClient) -> int:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    today = datetime.now(UTC).date()
    return int(runtime.conversations.stats(today, today)["questions"])


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def test_not_found_and_method_not_allowed(client: TestClient) -> None:
    assert_error(client.get("/v1/nowhere"), 404, "not_found")
    response = client.delete("/v1/chat")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"
    assert_error(client.get("/v1/chat"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": " \n\t "}, "message"),
        ({"message": "a" * 4001}, "message"),
        ({"message": "x", "as_of": "2026-02-30"}, "as_of"),
        ({"message": "x", "as_of": "yesterday"}, "as_of"),
        ({"message": "x", "language": "de"}, "language"),
        ({"message": "x", "conversation_id": "../../etc"}, "conversation_id"),
        ({"message": "x", "extra": 1}, "extra"),
        ({"message": 42}, "message"),
        ({}, "message"),
        ([], "body"),
    ],
)
def test_chat_rejects_invalid_input_naming_the_field(
    client: TestClient, body: object, field: str
) -> None:
    before = questions(client)
    for path in ("/v1/chat", "/v1/chat/stream"):
        error = assert_error(client.post(path, json=body), 422, "invalid_request")
        assert error["field"] == field
    assert questions(client) == before


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b'{"message": "x"', id="truncated"),
        pytest.param(b'{"message": "\\ud800"}', id="lone-surrogate"),
        pytest.param(b'{"message": "ok", "language": "\\udfff"}', id="lone-low-surrogate"),
        pytest.param(b'{"message": NaN}', id="nan"),
        pytest.param(b'{"message": "x", "k": 1e999}', id="overflow"),
        pytest.param(b'{"message": "\xff\xfe"}', id="not-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
def test_malformed_json_is_422_never_500(client: TestClient, raw: bytes) -> None:
    before = questions(client)
    for path in ("/v1/chat", "/v1/search", "/v1/feedback", "/v1/calculators/late_payment"):
        response = client.post(path, content=raw, headers={"content-type": "application/json"})
        assert_error(response, 422, "invalid_request")
    assert questions(client) == before


def test_valid_surrogate_pairs_are_fine(client: TestClient) -> None:
    raw = b'{"message": "\\ud83d\\ude00 d\\u00e9lai de r\\u00e9flexion Premium Plus ?"}'
    response = client.post("/v1/chat", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text


def test_wrong_content_type_is_415(client: TestClient) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        headers = {"content-type": content_type} if content_type else {}
        response = client.post("/v1/chat", content=b'{"message": "x"}', headers=headers)
        assert_error(response, 415, "unsupported_media_type")
    ok = client.post(
        "/v1/chat",
        content=b'{"message": "Premium Plus: d\\u00e9lai ?"}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert ok.status_code == 200


def test_large_bodies_are_413_before_parsing(client: TestClient) -> None:
    before = questions(client)
    big = {"message": "a" * 100_000}
    assert_error(client.post("/v1/chat", json=big), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"message": "'
        for _ in range(100):
            yield b"a" * 1000
        yield b'"}'

    streamed = client.post(
        "/v1/chat",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert_error(streamed, 413, "payload_too_large")
    assert questions(client) == before


@pytest.mark.parametrize("message", ODD_MESSAGES)
def test_odd_but_valid_messages_are_answered_and_stored_verbatim(
    client: TestClient, message: str
) -> None:
    response = client.post("/v1/chat", json={"message": message})
    assert response.status_code == 200, response.text
    body = response.json()
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    (turn,) = runtime.conversations.history(body["conversation_id"])
    assert turn.user_text == message.strip(WHITESPACE)  # the trimming the schema documents
    assert turn.answer_text == body["answer"]


def test_unknown_conversation_and_bad_dates_elsewhere(client: TestClient) -> None:
    assert_error(
        client.post("/v1/chat", json={"message": "hello", "conversation_id": "nope"}),
        404,
        "conversation_not_found",
    )
    response = client.get("/v1/documents/cgs/sections/6.2", params={"as_of": "2026-13-01"})
    assert assert_error(response, 422, "invalid_request")["field"] == "as_of"


def test_internal_errors_leak_nothing(make_client: MakeClient) -> None:
    client = make_client()

    def boom() -> None:
        raise RuntimeError("password=hunter2 at /srv/secret.py line 3")

    client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
    response = client.get("/boom", headers={"x-request-id": "req-42"})
    error = assert_error(response, 500, "internal_error")
    assert "hunter2" not in response.text and "secret" not in response.text
    assert "req-42" in error["message"] and response.headers["x-request-id"] == "req-42"


def test_not_ready_is_503_with_the_error_body(make_client: MakeClient) -> None:
    client = make_client()
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    from bot.errors import IndexMissing

    def missing(*_: object, **__: object) -> object:
        raise IndexMissing("no index has been built yet")

    runtime.retriever = missing
    assert_error(client.post("/v1/search", json={"query": "délai"}), 503, "index_missing")
    assert client.get("/readyz").status_code == 503
