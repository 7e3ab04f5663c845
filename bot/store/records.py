"""What the store hands out: plain frozen values, never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Rating = Literal["up", "down"]
RATINGS: tuple[Rating, ...] = ("up", "down")

# The contract's `status` values; statistics always report all four, even at zero.
STATUSES = ("answered", "calculated", "declined", "refused")

# Column order of `ConversationStore.export_rows`, ready for `csv.DictWriter(fieldnames=...)`.
EXPORT_FIELDS = (
    "created_at",
    "conversation_id",
    "channel",
    "message_id",
    "language",
    "status",
    "question",
    "answer",
    "rating",
    "comment",
)


@dataclass(frozen=True)
class Conversation:
    id: str
    channel: str
    external_key: str | None
    created_at: datetime
    updated_at: datetime
    # The state the assistant left after the last exchange (read with the conversation, so a
    # turn takes one read, not two).
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Turn:
    """One exchange: the user's question and the assistant's stored answer."""

    message_id: str
    user_text: str
    answer_text: str | None
    language: str | None
    status: str | None
    created_at: datetime
