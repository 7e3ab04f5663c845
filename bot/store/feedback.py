"""Feedback written as one upsert: concurrent ratings of one answer cannot collide."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store.models import FeedbackRow


def upsert_feedback(
    session: Session, message_id: str, rating: str, comment: str | None, now: datetime
) -> None:
    values = {"message_id": message_id, "rating": rating, "comment": comment, "created_at": now}
    replace = {"rating": rating, "comment": comment, "created_at": now}
    if session.get_bind().dialect.name == "postgresql":
        pg_insert = postgresql.insert(FeedbackRow).values(values)
        session.execute(
            pg_insert.on_conflict_do_update(index_elements=["message_id"], set_=replace)
        )
    else:
        lite_insert = sqlite.insert(FeedbackRow).values(values)
        session.execute(
            lite_insert.on_conflict_do_update(index_elements=["message_id"], set_=replace)
        )
