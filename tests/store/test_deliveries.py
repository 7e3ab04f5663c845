"""Deliveries already received (Slack's retried events), against SQLite and, when
TERMSBOT_TEST_POSTGRES_URL names one, PostgreSQL: the fixtures of the conversation store."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, inspect, select

from bot.store import ConversationStore, Deliveries, Owner, upgrade
from bot.store.engine import make_engine
from bot.store.migrate import alembic_config
from bot.store.models import DeliveryRow
from tests.store.test_conversation_store import store, store_url

__all__ = ["store", "store_url"]  # the fixtures, with their SQLite and PostgreSQL variants

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


@pytest.fixture
def deliveries(store: ConversationStore) -> Deliveries:
    return store.deliveries


def stored(store: ConversationStore) -> int:
    with store._session("count deliveries") as session:
        return session.scalar(select(func.count()).select_from(DeliveryRow)) or 0


def test_a_delivery_is_first_once(deliveries: Deliveries) -> None:
    assert deliveries.first("slack", "Ev1", now=T0, window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=T0 + timedelta(minutes=1), window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=T0 + timedelta(minutes=6), window=WINDOW)
    assert deliveries.first("slack", "Ev2", now=T0 + timedelta(minutes=6), window=WINDOW)


def test_a_delivery_is_first_again_after_the_window(
    store: ConversationStore, deliveries: Deliveries
) -> None:
    assert deliveries.first("slack", "Ev1", now=T0, window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=T0 + WINDOW, window=WINDOW)  # still inside
    later = T0 + WINDOW + timedelta(seconds=1)
    assert deliveries.first("slack", "Ev1", now=later, window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=later, window=WINDOW)
    assert stored(store) == 1


def test_old_deliveries_are_forgotten_source_by_source(
    store: ConversationStore, deliveries: Deliveries
) -> None:
    for n in range(3):
        deliveries.first("slack", f"Ev{n}", now=T0, window=WINDOW)
    deliveries.first("other", "Ev0", now=T0, window=WINDOW)
    assert stored(store) == 4
    deliveries.first("slack", "Ev9", now=T0 + timedelta(hours=1), window=WINDOW)
    assert stored(store) == 2  # the new one, and the other source's (its own window)


def test_sources_are_independent(deliveries: Deliveries) -> None:
    assert deliveries.first("slack", "Ev1", now=T0, window=WINDOW)
    assert deliveries.first("other", "Ev1", now=T0, window=WINDOW)
    assert not deliveries.first("other", "Ev1", now=T0, window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=T0, window=WINDOW)


def test_times_in_any_zone_are_compared_in_utc(deliveries: Deliveries) -> None:
    paris = timezone(timedelta(hours=2))
    assert deliveries.first("slack", "Ev1", now=T0.astimezone(paris), window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=T0 + timedelta(minutes=10), window=WINDOW)


@pytest.mark.parametrize(
    ("source", "delivery_id"),
    [
        pytest.param("slack", "E" * 256, id="id-too-long"),
        pytest.param("slack", "", id="id-empty"),
        pytest.param("slack", "Ev\x001", id="id-with-nul"),
        pytest.param("s" * 33, "Ev1", id="source-too-long"),
        pytest.param("", "Ev1", id="source-empty"),
    ],
)
def test_unstorable_deliveries_are_refused(
    store: ConversationStore, deliveries: Deliveries, source: str, delivery_id: str
) -> None:
    with pytest.raises(ValueError, match="must be 1 to"):
        deliveries.first(source, delivery_id, now=T0, window=WINDOW)
    assert stored(store) == 0


def test_the_longest_id_is_stored(deliveries: Deliveries) -> None:
    longest = "é" * 255
    assert deliveries.first("s" * 32, longest, now=T0, window=WINDOW)
    assert not deliveries.first("s" * 32, longest, now=T0, window=WINDOW)


def test_naive_times_and_empty_windows_are_refused(deliveries: Deliveries) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        deliveries.first("slack", "Ev1", now=T0.replace(tzinfo=None), window=WINDOW)
    with pytest.raises(ValueError, match="window"):
        deliveries.first("slack", "Ev1", now=T0, window=timedelta(0))


def test_racing_deliveries_of_one_event_make_one_first(store_url: str) -> None:
    """Processes (each its own engine) offered the same event at once: exactly one is first."""
    upgrade(store_url)
    stores = [ConversationStore(store_url) for _ in range(4)]
    barrier = threading.Barrier(len(stores))

    def offer(store: ConversationStore) -> bool:
        barrier.wait()
        return store.deliveries.first("slack", "EvRACE", now=T0, window=WINDOW)

    try:
        with ThreadPoolExecutor(max_workers=len(stores)) as pool:
            results = list(pool.map(offer, stores))
    finally:
        for each in stores:
            each.dispose()
    assert sorted(results) == [False, False, False, True]


def test_a_repeat_leaves_the_store_usable(store: ConversationStore) -> None:
    deliveries = store.deliveries
    assert deliveries is store.deliveries  # one per store
    deliveries.first("slack", "Ev1", now=T0, window=WINDOW)
    assert not deliveries.first("slack", "Ev1", now=T0, window=WINDOW)
    conversation = store.start(
        None, channel="slack", now=T0, owner=Owner("slack", "C1:1.2"), external_key="C1:1.2"
    )
    assert store.find_by_external_key("slack", "C1:1.2") == conversation


def schema(url: str) -> dict[str, Any]:
    """Tables, and the deliveries' indexes and primary key, read by a fresh engine (a pooled
    SQLite connection can miss an index another connection created)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            tables = inspector.get_table_names()
            if "deliveries" not in tables:
                return {"tables": tables}
            indexes = inspector.get_indexes("deliveries")
            pk = inspector.get_pk_constraint("deliveries")
    finally:
        engine.dispose()
    return {
        "tables": tables,
        "indexes": [(index["name"], index["column_names"]) for index in indexes],
        "pk": (pk["name"], pk["constrained_columns"]),
    }


def test_the_deliveries_migration_goes_down_and_up(store_url: str) -> None:
    upgrade(store_url)
    config = alembic_config(store_url)
    command.downgrade(config, "0002")
    assert "deliveries" not in schema(store_url)["tables"]
    assert "api_keys" in schema(store_url)["tables"]
    command.upgrade(config, "head")
    migrated = schema(store_url)
    assert migrated["indexes"] == [("ix_deliveries_received_at", ["received_at"])]
    assert migrated["pk"] == ("pk_deliveries", ["source", "delivery_id"])
    store = ConversationStore(store_url)
    try:
        assert store.deliveries.first("slack", "Ev1", now=T0, window=WINDOW)
    finally:
        store.dispose()
