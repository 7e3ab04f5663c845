"""What reaches the listeners: each event once, and only people's plain messages.

Slack retries an event (`X-Slack-Retry-Num`, same `event_id`) when it got no 200 within
3 seconds: the retry is acknowledged and dropped if its `event_id` was seen. The event ids
seen are shared through the conversation database (`StoredEvents`), so every process agrees
even when a retry lands on another one; each process also remembers its own (`RecentEvents`)
and answers from that first. Messages from bots (this one included), edits, joins and other
subtypes are acknowledged and dropped too — except a person's message with files
(`file_share`) and a thread reply also sent to the channel (`thread_broadcast`), which are
messages like any other. Both checks run before any listener, on the acknowledgement path.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

from bot.errors import StoreError

if TYPE_CHECKING:
    from bot.store import Deliveries

log = logging.getLogger("termsbot.slack")

Next = Callable[[], Awaitable[BoltResponse]]

# Slack retries three times: at once, after a minute, after five minutes.
RETRY_WINDOW_SECONDS = 15 * 60
MAX_REMEMBERED = 10_000
SOURCE = "slack"  # the `source` of Slack's event ids among the stored deliveries
# The check is on the acknowledgement path (Slack wants a 200 within 3 seconds): a database
# slower than this lets the event through rather than make Slack retry it.
CHECK_TIMEOUT_SECONDS = 1.5


class EventMemory(Protocol):
    def first_time(self, event_id: str) -> bool:
        """True the first time `event_id` is offered within Slack's retry window."""
        ...


class RecentEvents:
    """The event ids seen in the last `ttl` seconds, at most `size` of them (oldest forgotten
    first). Per process: several workers each keep their own (see `StoredEvents`)."""

    def __init__(
        self,
        ttl: float = RETRY_WINDOW_SECONDS,
        size: int = MAX_REMEMBERED,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._size = size
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """True the first time `event_id` is offered within the window, False afterwards."""
        now = self._clock()
        with self._lock:
            self._forget_before(now - self._ttl)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return True

    def _forget_before(self, cutoff: float) -> None:
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if seen_at >= cutoff:
                return
            del self._seen[oldest]

    def __len__(self) -> int:
        return len(self._seen)


class StoredEvents:
    """The event ids seen by every process, in the conversation database (table
    `deliveries`), in front of which this process's own `RecentEvents` answers for the ids it
    has seen itself without a database call (and keeps doing so if the database fails).

    `deliveries` is called at each check: the runtime opens its store on first use. Blocking:
    call it from a worker thread."""

    def __init__(
        self,
        deliveries: Callable[[], Deliveries],
        *,
        local: RecentEvents | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._deliveries = deliveries
        self._local = local if local is not None else RecentEvents()
        self._clock = clock
        self._window = timedelta(seconds=RETRY_WINDOW_SECONDS)

    def first_time(self, event_id: str) -> bool:
        """True the first time any process offers `event_id` within the window; StoreError
        when the database cannot tell."""
        if not self._local.first_time(event_id):
            return False
        return self._deliveries().first(SOURCE, event_id, now=self._clock(), window=self._window)


def once_per_event(
    recent: EventMemory, timeout: float = CHECK_TIMEOUT_SECONDS
) -> Callable[..., Awaitable[BoltResponse | None]]:
    """Bolt middleware: a second delivery of an `event_id` is answered 200 and not handled.
    When the check fails or takes longer than `timeout` (database unreachable or busy, an id
    it cannot hold), the event is handled: answering twice is better than never."""

    async def deduplicate(body: dict[str, Any], next_: Next) -> BoltResponse | None:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not await _first_time(recent, event_id, timeout):
            return BoltResponse(status=200, body="")
        return await next_()

    return deduplicate


async def _first_time(recent: EventMemory, event_id: str, timeout: float) -> bool:
    try:
        return await asyncio.wait_for(asyncio.to_thread(recent.first_time, event_id), timeout)
    except TimeoutError:
        log.warning("slack: no retry check of event %r within %s s, handling it", event_id, timeout)
    except (StoreError, ValueError) as error:
        log.warning("slack: cannot check event %r for a retry, handling it: %s", event_id, error)
    return True


async def people_only(
    body: dict[str, Any], context: AsyncBoltContext, next_: Next
) -> BoltResponse | None:
    """Bolt middleware: message and mention events from bots, from this app, or with a
    subtype (edits, deletions, joins…) are answered 200 and not handled."""
    event = body.get("event")
    if (
        body.get("type") == "event_callback"
        and isinstance(event, dict)
        and event.get("type") in ("message", "app_mention")
        and not from_a_person(event, context)
    ):
        return BoltResponse(status=200, body="")
    return await next_()


# Subtypes that are still a person's message.
PEOPLE_SUBTYPES = frozenset(["file_share", "thread_broadcast"])


def from_a_person(event: dict[str, Any], context: AsyncBoltContext) -> bool:
    if event.get("bot_id") or event.get("bot_profile"):
        return False
    if event.get("subtype") and event.get("subtype") not in PEOPLE_SUBTYPES:
        return False
    user = event.get("user")
    return isinstance(user, str) and bool(user) and user != context.bot_user_id
