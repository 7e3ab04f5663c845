"""Moving-window rate limits with the `limits` library: per API key, per client IP and per
widget session. In-memory storage counts per process; a shared storage URI (redis://…)
makes several workers count together."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from bot.http.errors import ApiError


def parse_limit(text: str) -> RateLimitItem:
    """`600/minute`, `10/second`, `1000 per hour`…; ValueError when unreadable."""
    return parse(text)


class RateLimiter:
    def __init__(self, storage_uri: str = "memory://") -> None:
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._items: dict[str, RateLimitItem] = {}

    def hit(self, limit: str, key: str) -> None:
        """Count one request against `key`; ApiError 429 with Retry-After when over `limit`."""
        item = self._item(limit)
        if self._limiter.hit(item, key):
            return
        reset = self._limiter.get_window_stats(item, key).reset_time
        retry_after = max(1, math.ceil(reset - time.time()))
        raise ApiError(
            429,
            "rate_limited",
            f"rate limit of {limit} exceeded; retry in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )

    def _item(self, limit: str) -> RateLimitItem:
        item = self._items.get(limit)
        if item is None:
            item = self._items[limit] = parse_limit(limit)
        return item
