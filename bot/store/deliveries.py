"""Deliveries already received, kept beside the conversations so that every process agrees.

A sender that retries (Slack resends an event with the same `event_id` when it got no 200
within 3 seconds) may reach another process than the first delivery did; the database tells
them apart. A delivery is remembered for `window`, then forgotten.

    deliveries = store.deliveries
    deliveries.first("slack", "Ev123", now=now, window=timedelta(minutes=15))   # True
    deliveries.first("slack", "Ev123", now=later, window=timedelta(minutes=15))  # False
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bot.errors import StoreError
from bot.store.columns import require_aware
from bot.store.keys import SessionFactory
from bot.store.models import DeliveryRow

MAX_SOURCE = 32
MAX_DELIVERY_ID = 255


class Deliveries:
    def __init__(self, session: SessionFactory) -> None:
        self._session = session

    def first(self, source: str, delivery_id: str, *, now: datetime, window: timedelta) -> bool:
        """True the first time `delivery_id` of `source` arrives within `window` (and it is
        remembered from `now`), False for a repeat. Safe when processes race: one gets True."""
        require_aware(now)
        _check(source, "source", MAX_SOURCE)
        _check(delivery_id, "delivery_id", MAX_DELIVERY_ID)
        if window <= timedelta(0):
            raise ValueError(f"window must be positive, got {window!r}")
        with self._session("forget old deliveries") as session:
            session.execute(
                delete(DeliveryRow).where(
                    DeliveryRow.source == source, DeliveryRow.received_at < now - window
                )
            )
        # Its own transaction: a repeat breaks the primary key and rolls back only this insert.
        try:
            with self._session("record a delivery") as session:
                session.add(DeliveryRow(source=source, delivery_id=delivery_id, received_at=now))
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                return False
            raise
        return True


def _check(value: str, name: str, max_length: int) -> None:
    # Checked here so that SQLite (no length limit) and PostgreSQL agree; PostgreSQL text
    # cannot hold NUL either.
    if not value or len(value) > max_length or "\x00" in value:
        raise ValueError(f"{name} must be 1 to {max_length} characters, got {value!r}")
