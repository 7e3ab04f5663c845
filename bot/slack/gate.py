"""What reaches the listeners: each event once, and only people's plain messages.

Slack retries an event (`X-Slack-Retry-Num`, same `event_id`) when it got no 200 within
3 seconds: the retry is acknowledged and dropped if its `event_id` was seen. Messages from
bots (this one included), edits, joins and other subtypes are acknowledged and dropped too.
Both checks run before any listener, on the acknowledgement path, and are cheap.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

Next = Callable[[], Awaitable[BoltResponse]]

# Slack retries three times: at once, after a minute, after five minutes.
RETRY_WINDOW_SECONDS = 15 * 60
MAX_REMEMBERED = 10_000


class RecentEvents:
    """The event ids seen in the last `ttl` seconds, at most `size` of them (oldest forgotten
    first). Per process: several workers each keep their own."""

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


def once_per_event(recent: RecentEvents) -> Callable[..., Awaitable[BoltResponse | None]]:
    """Bolt middleware: a second delivery of an `event_id` is answered 200 and not handled."""

    async def deduplicate(body: dict[str, Any], next_: Next) -> BoltResponse | None:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not recent.first_time(event_id):
            return BoltResponse(status=200, body="")
        return await next_()

    return deduplicate


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


def from_a_person(event: dict[str, Any], context: AsyncBoltContext) -> bool:
    if event.get("bot_id") or event.get("bot_profile") or event.get("subtype"):
        return False
    user = event.get("user")
    return isinstance(user, str) and bool(user) and user != context.bot_user_id
