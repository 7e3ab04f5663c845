"""What the store hands out: plain frozen values, never live ORM rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args
from uuid import uuid4

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


OwnerKind = Literal["key", "session", "address", "slack", "cli", "admin", "anonymous", "legacy"]
OWNER_KINDS: tuple[OwnerKind, ...] = get_args(OwnerKind)
OWNER_LENGTH = 320


@dataclass(frozen=True)
class Owner:
    """Who may continue a conversation: the caller that started it.

    - `key`: a help-center API key (`id` is the key's id, never its secret);
    - `session`: a widget session (`id` is the SHA-256 of the `X-Termsbot-Session` value, so
      the database holds nothing a caller could replay);
    - `slack`: a Slack thread (`id` is `channel:thread_ts`);
    - `cli`: the operator's command line; `admin`: the admin key;
    - `address`: an HTTP client with neither key nor session, recognised by its address
      (`id` is its SHA-256);
    - `anonymous`: a caller that cannot be recognised again: nobody can continue its
      conversation;
    - `legacy`: conversations stored before owners were recorded, that no caller holds.
    """

    kind: OwnerKind
    id: str

    def __post_init__(self) -> None:
        if self.kind not in OWNER_KINDS:
            raise ValueError(f"owner kind must be one of {OWNER_KINDS}, got {self.kind!r}")
        if not self.id or len(self.stored) > OWNER_LENGTH:
            raise ValueError(f"owner id must be 1 to {OWNER_LENGTH - 16} characters")

    @property
    def stored(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, stored: str) -> Owner:
        kind, _, owner_id = stored.partition(":")
        return cls(kind, owner_id)  # type: ignore[arg-type]

    @classmethod
    def session(cls, session_id: str) -> Owner:
        return cls("session", hashlib.sha256(session_id.encode()).hexdigest())

    @classmethod
    def slack_thread(cls, thread_key: str) -> Owner:
        return cls("slack", thread_key)

    @classmethod
    def address(cls, ip: str) -> Owner:
        return cls("address", hashlib.sha256(ip.encode()).hexdigest())

    @classmethod
    def nobody(cls) -> Owner:
        """An owner no later caller can be: the conversation cannot be continued."""
        return cls("anonymous", uuid4().hex)


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
    owner: Owner | None = None


@dataclass(frozen=True)
class Turn:
    """One exchange: the user's question and the assistant's stored answer."""

    message_id: str
    user_text: str
    answer_text: str | None
    language: str | None
    status: str | None
    created_at: datetime
