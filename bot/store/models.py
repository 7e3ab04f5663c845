"""The tables of the conversation store (SQLAlchemy 2.0 typed declarative models).

Deleting a conversation deletes its messages and their feedback in the database itself
(`ON DELETE CASCADE`), which is why SQLite connections turn foreign keys on.
Schema changes go through a new migration in `bot/store/migrations/versions/`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, aliased, mapped_column

from bot.store.columns import StoredText, UTCDateTime

# Stable constraint names, so that later migrations can address them on both databases.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(64)
# A 64-bit key on PostgreSQL; on SQLite only INTEGER PRIMARY KEY auto-increments.
SEQUENCE = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ConversationRow(Base):
    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "external_key"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    # e.g. a Slack thread "C123:1712345.678"; unique per channel, NULL for most conversations.
    external_key: Mapped[str | None] = mapped_column(String(255))
    state: Mapped[dict[str, Any]] = mapped_column(JSON())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # Who may continue it: `Owner.stored` ("key:…", "session:<sha256>", "slack:C1:17…", …).
    owner: Mapped[str] = mapped_column(String(320), server_default="legacy:unknown")


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("role IN ('user', 'assistant')", name="role"),
        Index(None, "conversation_id", "created_at"),
    )

    # Orders messages recorded with the same timestamp; `id` is the public identifier.
    seq: Mapped[int] = mapped_column(SEQUENCE, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    # An assistant message points at the user message it answers.
    reply_to: Mapped[str | None] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(StoredText())
    language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str | None] = mapped_column(String(16))
    # The assistant's full response as returned to the caller; NULL for user messages.
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN ('up', 'down')", name="rating"),)

    message_id: Mapped[str] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str | None] = mapped_column(StoredText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class ApiKeyRow(Base):
    """A help-center API key: only the SHA-256 of its secret is kept, and a short prefix."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    secret_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    rate_limit: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DeliveryRow(Base):
    """A delivery already received from an outside source (e.g. a Slack `event_id`), kept for
    its retry window so that every process can tell a retry from a first delivery."""

    __tablename__ = "deliveries"

    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    delivery_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class ReindexJobRow(Base):
    """A reindex job (`POST /v1/admin/reindex`), shared so that any process can report it and
    only one build runs at a time; `owner` (host:pid) keeps `heartbeat_at` fresh while it runs."""

    __tablename__ = "reindex_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # "running", "succeeded" or "failed"
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    error: Mapped[str | None] = mapped_column(StoredText())
    owner: Mapped[str] = mapped_column(String(64))


# The two sides of an exchange, for queries that join an answer to the question it replies to.
QuestionRow = aliased(MessageRow, name="question")
AnswerRow = aliased(MessageRow, name="answer")
