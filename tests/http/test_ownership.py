"""A conversation belongs to the caller that started it: the same API key, the same widget
session (`X-Termsbot-Session`) or the same Slack thread. Anyone else's `conversation_id` is
404 `conversation_not_found`, exactly as an unknown id, and reads nothing back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from tests.http.conftest import MakeClient, assert_error

FIRST = "J'ai accepté les CGS Premium Plus le 3 mars 2026, jusqu'à quand puis-je me rétracter ?"
FOLLOW_UP = "Et si j'avais accepté un jour plus tard ?"
SESSION_A = {"x-termsbot-session": "0123456789abcdef0123456789abcdef"}
SESSION_B = {"x-termsbot-session": "fedcba9876543210fedcba9876543210"}
NOW = datetime(2026, 12, 2, tzinfo=UTC)


def _client(make_client: MakeClient) -> TestClient:
    return make_client(anonymous_rate_limit="1000/minute", session_rate_limit="1000/minute")


def _key(client: TestClient, name: str) -> dict[str, str]:
    keys = client.app.state.runtime.conversations.api_keys  # type: ignore[attr-defined]
    return {
        "authorization": f"Bearer {keys.create(name, rate_limit='1000/minute', now=NOW).secret}"
    }


def _chat(client: TestClient, headers: dict[str, str], conversation_id: str | None = None) -> Any:
    body = {"message": FOLLOW_UP if conversation_id else FIRST, "conversation_id": conversation_id}
    return client.post("/v1/chat", json=body, headers=headers)


def _refused_like_an_unknown_id(response: Any, conversation_id: str, client: TestClient) -> None:
    error = assert_error(response, 404, "conversation_not_found")
    unknown = client.post(
        "/v1/chat", json={"message": FOLLOW_UP, "conversation_id": "f" * 32}, headers=SESSION_B
    )
    assert error == {
        **unknown.json()["error"],
        "message": unknown.json()["error"]["message"].replace("f" * 32, conversation_id),
    }
    assert "2026" not in response.text and "mars" not in response.text  # no fact read back


def test_a_key_conversation_is_continued_by_that_key_only(make_client: MakeClient) -> None:
    client = _client(make_client)
    key, other_key = _key(client, "help-center"), _key(client, "other")
    started = _chat(client, key)
    assert started.status_code == 200, started.text
    conversation_id = started.json()["conversation_id"]
    for stranger in ({}, SESSION_A, other_key):
        _refused_like_an_unknown_id(
            _chat(client, stranger, conversation_id), conversation_id, client
        )
    continued = _chat(client, key, conversation_id)
    assert continued.status_code == 200, continued.text
    assert continued.json()["conversation_id"] == conversation_id


def test_a_widget_session_conversation_is_that_session_s(make_client: MakeClient) -> None:
    client = _client(make_client)
    started = _chat(client, SESSION_A).json()
    conversation_id = started["conversation_id"]
    for stranger in (SESSION_B, {}, _key(client, "crm")):
        _refused_like_an_unknown_id(
            _chat(client, stranger, conversation_id), conversation_id, client
        )
    continued = _chat(client, SESSION_A, conversation_id)
    assert continued.status_code == 200, continued.text
    # The owner's follow-up is read with the conversation's facts (a calculation on them).
    assert continued.json()["conversation_id"] == conversation_id
    stream = client.post(
        "/v1/chat/stream",
        json={"message": FOLLOW_UP, "conversation_id": conversation_id},
        headers=SESSION_B,
    )
    assert_error(stream, 404, "conversation_not_found")


def test_refused_attempts_store_nothing(make_client: MakeClient) -> None:
    client = _client(make_client)
    conversation_id = _chat(client, SESSION_A).json()["conversation_id"]
    store = client.app.state.runtime.conversations  # type: ignore[attr-defined]
    before = store.history(conversation_id)
    assert _chat(client, SESSION_B, conversation_id).status_code == 404
    assert store.history(conversation_id) == before


def test_without_key_or_session_the_address_owns_the_conversation(
    make_client: MakeClient,
) -> None:
    """A plain HTTP client (no key, no session) continues its own conversation; a widget
    session cannot continue it, and it cannot continue a session's."""
    client = _client(make_client)
    started = _chat(client, {})
    assert started.status_code == 200
    conversation_id = started.json()["conversation_id"]
    assert _chat(client, {}, conversation_id).status_code == 200
    session = {"x-termsbot-session": "tab-1-0123456789abcdef"}
    assert_error(_chat(client, session, conversation_id), 404, "conversation_not_found")
    of_session = _chat(client, session).json()["conversation_id"]
    assert_error(_chat(client, {}, of_session), 404, "conversation_not_found")


def test_a_session_id_must_be_unguessable(make_client: MakeClient) -> None:
    client = _client(make_client)
    for bad in ("short", "x" * 129, "has spaces in it!!!!", "semi;colon;0123456789"):
        response = client.post(
            "/v1/chat", json={"message": FIRST}, headers={"x-termsbot-session": bad}
        )
        assert assert_error(response, 422, "invalid_request")["field"] == "X-Termsbot-Session"
