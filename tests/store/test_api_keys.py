"""Help-center keys: a key found active is trusted for a few seconds without the database;
a revocation made elsewhere (another worker, `termsbot keys revoke`) is seen after that.

Two `ConversationStore`s over one SQLite file stand for two processes; the trust window is
timed by a clock the test moves, not by waiting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store import ApiKeyStore, ConversationStore
from bot.store.keys import VERIFIED_KEY_SECONDS

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[ConversationStore, ConversationStore]]:
    url = f"sqlite:///{tmp_path / 'keys.sqlite3'}"
    worker, elsewhere = ConversationStore.from_url(url), ConversationStore.from_url(url)
    yield worker, elsewhere
    worker.dispose()
    elsewhere.dispose()


def trusting(store: ConversationStore, clock: Clock) -> ApiKeyStore:
    return ApiKeyStore(store._session, clock=clock)


def test_a_key_revoked_elsewhere_is_refused_once_its_trust_expires(
    stores: tuple[ConversationStore, ConversationStore],
) -> None:
    worker, elsewhere = stores
    clock = Clock()
    keys = trusting(worker, clock)
    created = elsewhere.api_keys.create("help center", rate_limit="60/minute", now=NOW)
    assert keys.authenticate(created.secret) == created.key

    elsewhere.api_keys.revoke(created.key.id, now=NOW)
    clock.seconds += VERIFIED_KEY_SECONDS / 2
    assert keys.authenticate(created.secret) == created.key  # still within the window
    clock.seconds += VERIFIED_KEY_SECONDS
    assert keys.authenticate(created.secret) is None
    assert keys.authenticate(created.secret) is None  # a refusal is not kept either way


def test_a_key_revoked_through_the_same_store_is_refused_at_once(
    stores: tuple[ConversationStore, ConversationStore],
) -> None:
    worker, _ = stores
    keys = trusting(worker, Clock())
    created = keys.create("crm", rate_limit="60/minute", now=NOW)
    other = keys.create("widget", rate_limit="60/minute", now=NOW)
    assert keys.authenticate(created.secret) == created.key
    assert keys.authenticate(other.secret) == other.key
    keys.revoke(created.key.id, now=NOW)
    assert keys.authenticate(created.secret) is None
    assert keys.authenticate(other.secret) == other.key


def test_unknown_keys_are_not_kept_so_a_key_created_elsewhere_works_at_once(
    stores: tuple[ConversationStore, ConversationStore],
) -> None:
    worker, elsewhere = stores
    keys = trusting(worker, Clock())
    assert keys.authenticate("tb_not-created-yet") is None
    created = elsewhere.api_keys.create("late", rate_limit="60/minute", now=NOW)
    assert keys.authenticate(created.secret) == created.key
    assert keys.authenticate("not-a-key") is None


def test_no_trust_window_asks_the_database_every_time(
    stores: tuple[ConversationStore, ConversationStore],
) -> None:
    worker, elsewhere = stores
    keys = ApiKeyStore(worker._session, trust_seconds=0, clock=Clock())
    created = elsewhere.api_keys.create("strict", rate_limit="60/minute", now=NOW)
    assert keys.authenticate(created.secret) == created.key
    elsewhere.api_keys.revoke(created.key.id, now=NOW)
    assert keys.authenticate(created.secret) is None
