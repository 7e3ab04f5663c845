"""Each event once within Slack's retry window, for every process sharing the database; the
local memory stays bounded; a database that cannot tell lets the event through."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from slack_bolt.response import BoltResponse

from bot.errors import StoreError
from bot.runtime import Runtime
from bot.slack.exchange import CHANNEL
from bot.slack.gate import RecentEvents, StoredEvents, once_per_event
from bot.store import ConversationStore, Deliveries
from tests.slack.conftest import Slack
from tests.slack.standin import SlackStandIn
from tests.slack.test_events import QUESTION, in_channel, message

Middleware = Callable[..., Awaitable[BoltResponse | None]]
RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class WallClock:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_an_event_id_is_new_once_within_the_window() -> None:
    clock = Clock()
    recent = RecentEvents(ttl=900, clock=clock)
    assert recent.first_time("Ev1")
    clock.now += 60  # Slack's second retry comes a minute later
    assert not recent.first_time("Ev1")
    clock.now += 5 * 60
    assert not recent.first_time("Ev1")
    assert recent.first_time("Ev2")


def test_an_event_id_is_forgotten_after_the_window() -> None:
    clock = Clock()
    recent = RecentEvents(ttl=900, clock=clock)
    recent.first_time("Ev1")
    clock.now += 901
    assert recent.first_time("Ev1")
    assert len(recent) == 1


def test_the_memory_is_bounded_oldest_first() -> None:
    recent = RecentEvents(ttl=900, size=3, clock=Clock())
    for event_id in ("a", "b", "c", "d"):
        assert recent.first_time(event_id)
    assert len(recent) == 3
    assert recent.first_time("a")  # forgotten to make room
    assert not recent.first_time("d")


# Shared through the database


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'conversations.sqlite3'}"
    ConversationStore.from_url(url).dispose()
    return url


@pytest.fixture
def two_stores(database: str) -> Iterator[tuple[ConversationStore, ConversationStore]]:
    """Two stores (two engines, as two processes would have) on one database."""
    first, second = ConversationStore(database), ConversationStore(database)
    yield first, second
    first.dispose()
    second.dispose()


def process(store: ConversationStore, clock: WallClock) -> StoredEvents:
    """What one process checks events with, its local memory on the same clock."""
    return StoredEvents(
        lambda: store.deliveries,
        local=RecentEvents(clock=lambda: clock.now.timestamp()),
        clock=clock,
    )


def test_processes_sharing_the_database_agree_on_an_event(
    two_stores: tuple[ConversationStore, ConversationStore],
) -> None:
    one, other = two_stores
    clock = WallClock()
    here, there = process(one, clock), process(other, clock)
    assert here.first_time("Ev1")
    clock.now += timedelta(minutes=1)
    assert not there.first_time("Ev1")  # a retry landing on the other process
    assert not here.first_time("Ev1")
    assert there.first_time("Ev2") and not here.first_time("Ev2")
    clock.now += timedelta(minutes=16)  # past Slack's last retry
    assert there.first_time("Ev1")


class CountingDeliveries:
    def __init__(self, deliveries: Deliveries) -> None:
        self.deliveries = deliveries
        self.calls = 0

    def __call__(self) -> Deliveries:
        self.calls += 1
        return self.deliveries


def test_a_repeat_seen_by_this_process_needs_no_database_call(
    two_stores: tuple[ConversationStore, ConversationStore],
) -> None:
    counting = CountingDeliveries(two_stores[0].deliveries)
    events = StoredEvents(counting)
    assert events.first_time("Ev1")
    assert not events.first_time("Ev1")
    assert counting.calls == 1


def failing() -> Deliveries:
    raise StoreError("cannot record a delivery (OperationalError)")


def deliver(middleware: Middleware, body: dict[str, object]) -> bool:
    """Whether the middleware lets `body` through to the listeners."""
    handled: list[bool] = []

    async def next_() -> BoltResponse:
        handled.append(True)
        return BoltResponse(status=200, body="")

    async def run() -> None:
        response = await middleware(body=body, next_=next_)
        assert response is not None and response.status == 200

    asyncio.run(run())
    return bool(handled)


def test_an_event_is_handled_when_the_database_cannot_tell(
    caplog: pytest.LogCaptureFixture,
) -> None:
    middleware = once_per_event(StoredEvents(failing))
    with caplog.at_level(logging.WARNING, logger="termsbot.slack"):
        assert deliver(middleware, {"event_id": "Ev1"})
    assert "handling it" in caplog.text and "OperationalError" in caplog.text
    # The process still remembers what it handled itself: its own retry is dropped.
    assert not deliver(middleware, {"event_id": "Ev1"})


class StalledMemory:
    """A database that does not answer until released."""

    def __init__(self) -> None:
        self.released = threading.Event()

    def first_time(self, event_id: str) -> bool:
        self.released.wait(timeout=30)
        return False


def test_an_event_is_handled_when_the_database_is_too_slow(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stalled = StalledMemory()
    try:
        with caplog.at_level(logging.WARNING, logger="termsbot.slack"):
            assert deliver(once_per_event(stalled, timeout=0.05), {"event_id": "Ev1"})
    finally:
        stalled.released.set()
    assert "within 0.05 s, handling it" in caplog.text


def test_an_event_id_the_database_cannot_hold_is_handled(database: str) -> None:
    store = ConversationStore(database)
    try:
        middleware = once_per_event(StoredEvents(lambda: store.deliveries))
        assert deliver(middleware, {"event_id": "E" * 300})
        assert deliver(middleware, {"type": "url_verification"})  # no event id: not checked
    finally:
        store.dispose()


def test_a_retry_on_another_process_is_answered_once(
    slack: Slack, slack_runtime: Runtime, standin: SlackStandIn
) -> None:
    """Two Bolt apps (two `build_app` calls, each with its own local memory: two processes)
    over one conversation database: the first answers, the retry on the second is dropped."""
    from api import create_app
    from bot.slack import mount_slack

    app = create_app(runtime=slack_runtime)
    mount_slack(app, slack_runtime)
    with TestClient(app) as client:
        other = Slack(client, slack_runtime, standin)
        dm = message(QUESTION, "1700001500.000100", "D21", channel_type="im")
        assert slack.event(dm, event_id="EvTWO").status_code == 200
        standin.wait_for("chat.postMessage", in_channel("D21"))
        assert other.event(dm, event_id="EvTWO", **RETRY).status_code == 200

        # A later event on the second process, waited for: the retry before it was dropped.
        later = message(QUESTION, "1700001600.000100", "D22", channel_type="im")
        other.event(later)
        standin.wait_for("chat.postMessage", in_channel("D22"))
    assert len(standin.of("chat.postMessage")) == 2  # D21 once, then D22

    conversation = slack_runtime.conversations.find_by_external_key(CHANNEL, "D21:dm")
    assert conversation is not None
    assert len(slack_runtime.conversations.history(conversation.id)) == 1
