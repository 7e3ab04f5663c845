"""Scale-out: two server processes sharing one Chroma server and one PostgreSQL database.

A conversation started on one process continues on the other: the follow-up is answered
from the stored history and state exactly as if it had stayed on the first process.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.settings import Settings
from bot.store import ConversationStore
from ingest.embedders import Embedder
from tests.chroma_server import chroma_server
from tests.conftest import CORPUS_DIR, make_runtime
from tests.http.conftest import NO_POSTGRES, POSTGRES_URL, postgres_schema
from tests.http.servers import server, wait_ready

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES),
]

FIRST = "How do I cancel my Premium Plus subscription?"
FOLLOW_UP = "And for Solo?"


def chat(
    url: str, message: str, conversation_id: str | None = None, session: str = "scale-out-0001"
) -> dict[str, Any]:
    body = {"message": message, "conversation_id": conversation_id}
    # The widget session that started a conversation continues it, on whichever process.
    headers = {"x-termsbot-session": f"{session}-0123456789"}
    response = httpx.post(f"{url}/v1/chat", json=body, headers=headers, timeout=60.0)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def answer_of(body: dict[str, Any]) -> tuple[Any, ...]:
    return body["status"], body["answer"], body["citations"]


def test_a_conversation_moves_between_processes(tmp_path: Path, use_embedder: Embedder) -> None:
    assert POSTGRES_URL is not None
    with ExitStack() as stack:
        chroma_url = stack.enter_context(chroma_server(tmp_path / "chroma"))
        database_url = stack.enter_context(postgres_schema(POSTGRES_URL))
        shared = {
            "TERMSBOT_CHROMA_URL": chroma_url,
            "TERMSBOT_DATABASE_URL": database_url,
            "TERMSBOT_CORPUS_DIR": str(CORPUS_DIR),
            "TERMSBOT_ACCESS_LOG": "false",
        }
        settings = Settings(
            data_dir=tmp_path / "ingest",
            chroma_url=chroma_url,
            corpus_dir=CORPUS_DIR,
            _env_file=None,  # type: ignore[call-arg]
        )
        report = make_runtime(settings, use_embedder).ingest()  # once, for both processes
        assert not report.unchanged
        base = {k: v for k, v in os.environ.items() if not k.startswith("TERMSBOT_")}
        started = {}
        for name in ("a", "b"):  # both start at once, as workers would
            env = {**base, **shared, "TERMSBOT_DATA_DIR": str(tmp_path / name)}
            started[name] = stack.enter_context(server(env, tmp_path / f"{name}.log"))
        for name, (process, url) in started.items():
            wait_ready(process, url, tmp_path / f"{name}.log")
        urls = [url for _, url in started.values()]
        a, b = urls

        for url in urls:
            assert httpx.get(f"{url}/readyz").json()["build_id"] == report.build_id

        # One conversation stays on A; the other moves to B for its follow-up.
        stays = chat(a, FIRST)
        stayed = chat(a, FOLLOW_UP, stays["conversation_id"])
        moves = chat(a, FIRST)
        moved = chat(b, FOLLOW_UP, moves["conversation_id"])
        assert moved["conversation_id"] == moves["conversation_id"]
        assert answer_of(moved) == answer_of(stayed)
        assert answer_of(chat(b, FOLLOW_UP)) != answer_of(moved)  # without its history

        store = ConversationStore(database_url)
        try:
            history = store.history(moves["conversation_id"])
        finally:
            store.dispose()
        assert [turn.user_text for turn in history] == [FIRST, FOLLOW_UP]
        assert [turn.message_id for turn in history] == [moves["message_id"], moved["message_id"]]
        # Feedback given through B on an answer that A wrote.
        rating = {"message_id": moves["message_id"], "rating": "up"}
        assert httpx.post(f"{b}/v1/feedback", json=rating).json() == {"status": "recorded"}
