"""Conversation owners: only the caller that started a conversation continues it, and the
migration gives every stored conversation an owner without losing a message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from bot.errors import NotFound
from bot.store import ConversationStore, Owner, upgrade
from bot.store.engine import make_engine
from bot.store.migrate import alembic_config
from tests.store.test_conversation_store import NO_POSTGRES, POSTGRES_URL, answer, postgres_schema

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
KEY = Owner("key", "k1")
SESSION = Owner.session("a" * 32)
OTHER_SESSION = Owner.session("b" * 32)


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    assert POSTGRES_URL is not None
    with postgres_schema(POSTGRES_URL) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[ConversationStore]:
    conversation_store = ConversationStore.from_url(store_url)
    yield conversation_store
    conversation_store.dispose()


def _started(store: ConversationStore, owner: Owner) -> str:
    drafted = store.draft(channel="api", now=T0, owner=owner)
    store.record_exchange(
        drafted.id,
        user_text="Le 3 mars j'ai signé.",
        answer=answer(),
        state={"facts": {"date": "2026-03-03"}},
        now=T0,
        new_channel="api",
        owner=owner,
    )
    return drafted.id


def test_only_the_owner_continues_a_conversation(store: ConversationStore) -> None:
    conversation_id = _started(store, KEY)
    later = T0 + timedelta(minutes=1)
    continued = store.start(conversation_id, channel="api", now=later, owner=KEY)
    assert continued.state == {"facts": {"date": "2026-03-03"}}
    assert continued.owner == KEY
    for stranger in (SESSION, Owner("key", "k2"), Owner.nobody(), Owner("cli", "local")):
        with pytest.raises(NotFound) as refused:
            store.start(conversation_id, channel="api", now=later, owner=stranger)
        with pytest.raises(NotFound) as unknown:
            store.start("f" * 32, channel="api", now=later, owner=stranger)
        # Exactly as an unknown id: the message names only the id that was sent.
        assert str(refused.value) == str(unknown.value).replace("f" * 32, conversation_id)


def test_widget_sessions_are_kept_apart_and_stored_hashed(
    store: ConversationStore, store_url: str
) -> None:
    mine = _started(store, SESSION)
    with pytest.raises(NotFound):
        store.start(mine, channel="web", now=T0, owner=OTHER_SESSION)
    assert store.start(mine, channel="web", now=T0, owner=Owner.session("a" * 32)).id == mine
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT owner FROM conversations WHERE id = :id"), {"id": mine}
            ).scalar_one()
    finally:
        engine.dispose()
    assert "a" * 32 not in stored and stored == SESSION.stored


def test_a_slack_thread_owns_its_conversation(store: ConversationStore) -> None:
    thread = Owner.slack_thread("C1:1712345.678")
    first = store.start(None, channel="slack", now=T0, owner=thread, external_key="C1:1712345.678")
    again = store.start(None, channel="slack", now=T0, owner=thread, external_key="C1:1712345.678")
    assert again.id == first.id and store.owner_of(first.id) == thread
    with pytest.raises(NotFound):
        store.start(first.id, channel="web", now=T0, owner=SESSION)


def test_a_new_conversation_needs_an_owner(store: ConversationStore) -> None:
    drafted = store.draft(channel="api", now=T0, owner=KEY)
    with pytest.raises(ValueError, match="owner"):
        store.record_exchange(
            drafted.id, user_text="x", answer=answer(), state={}, now=T0, new_channel="api"
        )


def test_owner_values_are_checked() -> None:
    with pytest.raises(ValueError):
        Owner("root", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Owner("key", "")
    assert Owner.parse(Owner.slack_thread("C1:2.3").stored) == Owner("slack", "C1:2.3")
    assert Owner.nobody() != Owner.nobody()


def test_the_migration_gives_every_conversation_an_owner_and_keeps_messages(
    store_url: str,
) -> None:
    config = alembic_config(store_url)
    command.upgrade(config, "0004")
    engine = make_engine(store_url)
    rows = [
        ("web1", "web", None),
        ("api1", "api", None),
        ("slack1", "slack", "C1:2.3"),
        ("cli1", "cli", None),
    ]
    try:
        with engine.begin() as connection:
            for conversation_id, channel, key in rows:
                connection.execute(
                    text(
                        "INSERT INTO conversations (id, channel, external_key, state, "
                        "created_at, updated_at) VALUES (:id, :channel, :key, '{}', :t, :t)"
                    ),
                    {"id": conversation_id, "channel": channel, "key": key, "t": T0},
                )
                connection.execute(
                    text(
                        "INSERT INTO messages (id, conversation_id, role, text, created_at) "
                        "VALUES (:id, :conversation, 'user', 'hello', :t)"
                    ),
                    {"id": f"m-{conversation_id}", "conversation": conversation_id, "t": T0},
                )
        upgrade(store_url)
        with engine.connect() as connection:
            owners = dict(connection.execute(text("SELECT id, owner FROM conversations")).all())
            messages = connection.execute(text("SELECT count(*) FROM messages")).scalar_one()
    finally:
        engine.dispose()
    assert owners == {
        "web1": "legacy:web1",
        "api1": "legacy:api1",
        "slack1": "slack:C1:2.3",
        "cli1": "cli:local",
    }
    assert messages == 4
    store = ConversationStore(store_url)
    try:
        assert store.start("cli1", channel="cli", now=T0, owner=Owner("cli", "local")).id == "cli1"
        with pytest.raises(NotFound):  # nobody holds a legacy owner
            store.start("web1", channel="web", now=T0, owner=Owner.nobody())
    finally:
        store.dispose()
    command.downgrade(config, "0004")
    command.upgrade(config, "head")
