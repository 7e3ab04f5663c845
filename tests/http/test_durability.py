"""A reply sent to a user is already stored: when a `/v1/chat` response arrives, another
connection to the database (another worker, an export) finds the exchange committed."""

from __future__ import annotations

from typing import Any

from bot.store import ConversationStore, Owner
from tests.http.conftest import MakeClient

QUESTION = "Combien de jours ai-je pour changer d'avis après mon inscription Premium Plus ?"
FOLLOW_UP = "Et en Premium Solo ?"


def without_ids(response: dict[str, Any]) -> dict[str, Any]:
    """The stored payload is the response without the ids the store gave it."""
    return {k: v for k, v in response.items() if k not in ("conversation_id", "message_id")}


def test_a_reply_is_committed_before_the_response_arrives(
    make_client: MakeClient, database_url: str
) -> None:
    client = make_client(database_url=database_url)
    elsewhere = ConversationStore.from_url(database_url, migrate=False)  # its own connections
    try:
        first = client.post("/v1/chat", json={"message": QUESTION})
        assert first.status_code == 200, first.text
        body = first.json()
        stored = elsewhere.get_message(body["message_id"])
        assert stored is not None and stored["payload"] == without_ids(body)
        question = elsewhere.get_message(stored["reply_to"])
        assert question is not None and question["text"] == QUESTION

        conversation_id = body["conversation_id"]
        follow = client.post(
            "/v1/chat", json={"message": FOLLOW_UP, "conversation_id": conversation_id}
        )
        assert follow.status_code == 200, follow.text
        later = follow.json()
        stored_later = elsewhere.get_message(later["message_id"]) or {}
        assert stored_later.get("payload") == without_ids(later)
        turns = elsewhere.history(conversation_id)
        assert [turn.user_text for turn in turns] == [QUESTION, FOLLOW_UP]
        # The state the follow-up needs went in with the exchange, in the same transaction.
        assert elsewhere.state(conversation_id).get("language") == "fr"
        owner = elsewhere.owner_of(conversation_id)
        assert owner == Owner.address("203.0.113.7")
    finally:
        elsewhere.dispose()
