"""Retention: conversations inactive for longer than `TERMSBOT_RETENTION_DAYS` are deleted,
with their messages and feedback, at startup and then every `purge_interval_hours`."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from anyio import to_thread

from bot.errors import StoreError
from bot.store import ConversationStore

log = logging.getLogger("termsbot.http")


def purge(store: ConversationStore, days: int, now: datetime) -> tuple[datetime, int]:
    cutoff = now - timedelta(days=days)
    purged = store.purge_before(cutoff)
    log.info("purge", extra={"fields": {"cutoff": cutoff.isoformat(), "purged": purged}})
    return cutoff, purged


async def purge_periodically(store: ConversationStore, days: int, interval_hours: float) -> None:
    while True:
        try:
            await to_thread.run_sync(purge, store, days, datetime.now(UTC))
        except StoreError as exc:  # a database outage must not end the schedule
            log.warning("purge failed: %s", exc)
        await asyncio.sleep(interval_hours * 3600)
