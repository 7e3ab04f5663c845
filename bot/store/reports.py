"""Read-only figures over a range of days: statistics and the CSV export.

Days are UTC calendar days and both ends are included: `since=until=2024-05-01` covers
2024-05-01T00:00Z up to, not including, 2024-05-02T00:00Z. An exchange belongs to the day of
its answer; feedback to the day it was given.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, func, select
from sqlalchemy.orm import Session

from bot.store.columns import UTCDay
from bot.store.models import AnswerRow, ConversationRow, FeedbackRow, MessageRow, QuestionRow
from bot.store.records import EXPORT_FIELDS, STATUSES


def day_bounds(since: date, until: date) -> tuple[datetime, datetime]:
    if until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    start = datetime.combine(since, time.min, tzinfo=UTC)
    return start, datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)


def _within(column: Any, bounds: tuple[datetime, datetime]) -> ColumnElement[bool]:
    return and_(column >= bounds[0], column < bounds[1])


def stats(session: Session, since: date, until: date, *, top: int = 10) -> dict[str, Any]:
    bounds = day_bounds(since, until)
    per_day = _questions_per_day(session, bounds)
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "questions": sum(per_day.values()),
        "questions_per_day": per_day,
        "by_status": _answers_by_status(session, bounds),
        "top_declined": _top_declined(session, bounds, top),
        "feedback": _feedback_counts(session, bounds),
    }


def _questions_per_day(session: Session, bounds: tuple[datetime, datetime]) -> dict[str, int]:
    day = UTCDay(MessageRow.created_at)
    rows = session.execute(
        select(day, func.count())
        .where(MessageRow.role == "user", _within(MessageRow.created_at, bounds))
        .group_by(day)
        .order_by(day)
    )
    return {day_value.isoformat(): count for day_value, count in rows}


def _answers_by_status(session: Session, bounds: tuple[datetime, datetime]) -> dict[str, int]:
    rows = session.execute(
        select(MessageRow.status, func.count())
        .where(MessageRow.role == "assistant", _within(MessageRow.created_at, bounds))
        .group_by(MessageRow.status)
    )
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in rows:
        counts[status or "unknown"] = count
    return counts


def _top_declined(
    session: Session, bounds: tuple[datetime, datetime], top: int
) -> list[dict[str, Any]]:
    count = func.count().label("count")
    rows = session.execute(
        select(QuestionRow.text, count)
        .join(AnswerRow, AnswerRow.reply_to == QuestionRow.id)
        .where(AnswerRow.status == "declined", _within(AnswerRow.created_at, bounds))
        .group_by(QuestionRow.text)
        .order_by(count.desc(), QuestionRow.text)
        .limit(top)
    )
    return [{"text": text, "count": n} for text, n in rows]


def _feedback_counts(session: Session, bounds: tuple[datetime, datetime]) -> dict[str, int]:
    rows = session.execute(
        select(FeedbackRow.rating, func.count())
        .where(_within(FeedbackRow.created_at, bounds))
        .group_by(FeedbackRow.rating)
    )
    return {"up": 0, "down": 0} | {rating: n for rating, n in rows}


def export_statement(since: date, until: date) -> Select[*tuple[Any, ...]]:
    """One row per exchange, oldest first, with its feedback when there is some."""
    return (
        select(
            AnswerRow.created_at,
            AnswerRow.conversation_id,
            ConversationRow.channel,
            AnswerRow.id,
            AnswerRow.language,
            AnswerRow.status,
            QuestionRow.text,
            AnswerRow.text,
            FeedbackRow.rating,
            FeedbackRow.comment,
        )
        .join(QuestionRow, AnswerRow.reply_to == QuestionRow.id)
        .join(ConversationRow, ConversationRow.id == AnswerRow.conversation_id)
        .outerjoin(FeedbackRow, FeedbackRow.message_id == AnswerRow.id)
        .where(
            AnswerRow.role == "assistant", _within(AnswerRow.created_at, day_bounds(since, until))
        )
        .order_by(AnswerRow.created_at, AnswerRow.seq)
    )


def export_row(row: Row[*tuple[Any, ...]]) -> dict[str, str | None]:
    values: list[Any] = list(row)
    values[0] = values[0].isoformat()
    return dict(zip(EXPORT_FIELDS, values, strict=True))
