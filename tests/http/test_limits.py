"""Rate limits per IP, per widget session and per key (429 with Retry-After)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.http.conftest import MakeClient, assert_error

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def limited(response: object) -> None:
    assert_error(response, 429, "rate_limited")
    assert int(response.headers["retry-after"]) >= 1  # type: ignore[attr-defined]


def test_anonymous_callers_are_limited_per_ip(make_client: MakeClient) -> None:
    first = make_client(anonymous_rate_limit="3/minute", client_ip="198.51.100.1")
    for _ in range(3):
        assert first.get("/v1/calculators").status_code == 200
    limited(first.get("/v1/documents"))
    limited(first.post("/v1/chat", json={"message": "x"}))
    assert first.get("/healthz").status_code == 200  # operations are not limited
    # Another address has its own allowance (same app, same limiter).
    other = TestClient(first.app, client=("198.51.100.2", 1))
    assert other.get("/v1/calculators").status_code == 200


def test_widget_sessions_are_limited(make_client: MakeClient) -> None:
    client = make_client(session_rate_limit="2/minute")
    session = {"x-termsbot-session": "tab-1-0123456789ab"}
    for _ in range(2):
        assert client.get("/v1/calculators", headers=session).status_code == 200
    limited(client.get("/v1/calculators", headers=session))
    assert (
        client.get(
            "/v1/calculators", headers={"x-termsbot-session": "tab-2-0123456789ab"}
        ).status_code
        == 200
    )


def test_a_conversation_id_without_a_session_counts_as_a_session(make_client: MakeClient) -> None:
    """Without key or session header, the client's address owns the conversation: it
    continues it, a session or a key cannot (404); and sending conversation ids is limited
    like a session, so guessing them is slow."""
    client = make_client(session_rate_limit="2/minute")
    first = client.post("/v1/chat", json={"message": "Premium Plus : délai de réflexion ?"})
    conversation = first.json()["conversation_id"]
    follow = {"message": "Et pour Solo ?", "conversation_id": conversation}
    other = {"x-termsbot-session": "tab-2-0123456789ab"}
    assert client.post("/v1/chat", json=follow, headers=other).status_code == 404
    assert client.post("/v1/chat", json=follow).status_code == 200
    assert client.post("/v1/chat", json=follow).status_code == 200
    limited(client.post("/v1/chat/stream", json=follow))
    assert client.post("/v1/chat", json={"message": "Et pour Solo ?"}).status_code == 200


def test_a_key_has_its_own_limit(make_client: MakeClient) -> None:
    client = make_client(anonymous_rate_limit="1/minute", session_rate_limit="1/minute")
    keys = client.app.state.runtime.conversations.api_keys  # type: ignore[attr-defined]
    secret = keys.create("crm", rate_limit="3/minute", now=NOW).secret
    headers = {"authorization": f"Bearer {secret}", "x-termsbot-session": "s-0123456789abcdef"}
    for _ in range(3):
        assert client.get("/v1/calculators", headers=headers).status_code == 200
    limited(client.get("/v1/calculators", headers=headers))
