"""`ConversationStore`: conversations, their messages and feedback, one transaction per call.

Every method that writes takes the time as `now` (timezone-aware): the store never reads the
clock. Database failures surface as `StoreError`, unknown conversations/messages as `NotFound`.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date, datetime
from functools import cached_property
from typing import Any, cast
from uuid import uuid4

from sqlalchemy import (
    Connection,
    CursorResult,
    Select,
    Table,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.errors import ConversationNotFound, NotFound, StoreError
from bot.store import reports
from bot.store.columns import require_aware
from bot.store.deliveries import Deliveries
from bot.store.engine import make_engine
from bot.store.feedback import upsert_feedback
from bot.store.keys import ApiKeyStore
from bot.store.migrate import upgrade_engine
from bot.store.models import AnswerRow, ConversationRow, FeedbackRow, MessageRow, QuestionRow
from bot.store.records import RATINGS, Conversation, Owner, Rating, Turn
from bot.store.reindex_jobs import ReindexJobStore

_ID_LENGTH = 64
_CONVERSATIONS: Table = ConversationRow.__table__  # type: ignore[assignment]
_MESSAGES: Table = MessageRow.__table__  # type: ignore[assignment]
# The write path's statements, built once: SQLAlchemy compiles each once and caches it, where
# statements built per call cost more to build and look up than SQLite takes to run them.
_UPDATED_AT = select(_CONVERSATIONS.c.updated_at).where(
    _CONVERSATIONS.c.id == bindparam("conversation")
)
_INSERT_CONVERSATION = insert(_CONVERSATIONS)
_UPDATE_CONVERSATION = update(_CONVERSATIONS).where(
    _CONVERSATIONS.c.id == bindparam("conversation")
)
_INSERT_MESSAGE = insert(_MESSAGES)


@contextmanager
def _store_errors(action: str) -> Iterator[None]:
    # The message names the failure's kind only: doors may show it, and database messages can
    # carry hosts, schema details or user text.
    try:
        yield
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        detail = str(cause) if isinstance(cause, StoreError) else type(cause).__name__
        raise StoreError(f"cannot {action} ({detail})") from exc
    except StoreError as exc:
        raise StoreError(f"cannot {action} ({exc})") from exc
    except UnicodeEncodeError as exc:
        raise StoreError(f"cannot {action}: text is not valid Unicode ({exc.reason})") from exc


class ConversationStore:
    def __init__(self, url: str) -> None:
        """Connects lazily; does not touch the schema (see `from_url` and `upgrade`)."""
        self._engine = make_engine(url)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        # SQLite has one writer at a time, and a writer kept waiting sleeps in growing steps
        # (up to 100 ms): the threads of one process queue here instead, so only other
        # processes meet SQLite's own wait.
        self._writes: AbstractContextManager[Any] = (
            threading.Lock() if self._engine.dialect.name == "sqlite" else nullcontext()
        )

    @classmethod
    def from_url(cls, url: str, *, migrate: bool = True) -> ConversationStore:
        """A store whose database has been migrated to the newest schema (unless told not to)."""
        store = cls(url)
        if migrate:
            try:
                upgrade_engine(store._engine)
            except BaseException:
                store.dispose()
                raise
        return store

    def __repr__(self) -> str:
        return f"ConversationStore({self._engine.url!r})"  # the URL's repr hides the password

    @contextmanager
    def _session(self, action: str) -> Iterator[Session]:
        with _store_errors(action), self._sessions.begin() as session:
            yield session

    @contextmanager
    def _transaction(self, action: str) -> Iterator[Connection]:
        """One transaction on a connection, for Core statements (the write path)."""
        with _store_errors(action), self._engine.begin() as connection:
            yield connection

    @cached_property
    def api_keys(self) -> ApiKeyStore:
        """The help-center API keys, in the same database."""
        return ApiKeyStore(self._session)

    @cached_property
    def deliveries(self) -> Deliveries:
        """Deliveries already received (Slack retries), in the same database."""
        return Deliveries(self._session)

    @cached_property
    def reindex_jobs(self) -> ReindexJobStore:
        """Reindex jobs (`POST /v1/admin/reindex`) of every process, in the same database."""
        return ReindexJobStore(self._session)

    # Conversations

    def start(
        self,
        conversation_id: str | None,
        *,
        channel: str,
        now: datetime,
        owner: Owner,
        external_key: str | None = None,
    ) -> Conversation:
        """The conversation `conversation_id` when `owner` started it, or a new one (or the
        one of `external_key`). Someone else's conversation is `NotFound`, exactly as an
        unknown id: an id alone opens nothing."""
        require_aware(now)
        if conversation_id is not None:
            with self._session("read the conversation") as session:
                return _conversation(_require(session, conversation_id, owner))
        _check_label(channel, "channel", 32)
        if external_key is not None:
            _check_label(external_key, "external_key", 255)
            existing = self.find_by_external_key(channel, external_key)
            if existing is not None:
                if existing.owner != owner:
                    raise ConversationNotFound(f"no conversation for {external_key!r}")
                return existing
        return self._create(channel, external_key, owner, now)

    def draft(self, *, channel: str, now: datetime, owner: Owner) -> Conversation:
        """A new conversation, not stored yet: `record_exchange(..., new_channel=channel,
        owner=owner)` stores it with its first exchange (one transaction; nothing if answering
        fails)."""
        require_aware(now)
        _check_label(channel, "channel", 32)
        return Conversation(uuid4().hex, channel, None, now, now, owner=owner)

    def _create(
        self, channel: str, external_key: str | None, owner: Owner, now: datetime
    ) -> Conversation:
        row = ConversationRow(
            id=uuid4().hex,
            channel=channel,
            external_key=external_key,
            state={},
            created_at=now,
            updated_at=now,
            owner=owner.stored,
        )
        try:
            with self._session("start a conversation") as session:
                session.add(row)
        except StoreError as exc:
            # Two events of one Slack thread can race to create its conversation: the loser
            # continues the winner's.
            if external_key is None or not isinstance(exc.__cause__, IntegrityError):
                raise
            existing = self.find_by_external_key(channel, external_key)
            if existing is None or existing.owner != owner:
                raise
            return existing
        return _conversation(row)

    def owner_of(self, conversation_id: str) -> Owner:
        """Who started the conversation (for a door acting on a stored answer it already
        holds, e.g. a Slack button on a thread's message)."""
        with self._session("read the conversation") as session:
            return Owner.parse(_require(session, conversation_id).owner)

    def find_by_external_key(self, channel: str, key: str) -> Conversation | None:
        with self._session("find a conversation") as session:
            row = session.scalar(
                select(ConversationRow).where(
                    ConversationRow.channel == channel, ConversationRow.external_key == key
                )
            )
            return None if row is None else _conversation(row)

    def history(self, conversation_id: str, limit: int = 10) -> list[Turn]:
        """The last `limit` exchanges, oldest first."""
        if limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        with self._session("read the history") as session:
            _require(session, conversation_id)
            rows = session.execute(_history_statement(conversation_id, limit)).all()
        return [Turn(*row) for row in reversed(rows)]

    def state(self, conversation_id: str) -> dict[str, Any]:
        with self._session("read the conversation state") as session:
            return dict(_require(session, conversation_id).state or {})

    # Messages

    def record_exchange(
        self,
        conversation_id: str,
        *,
        user_text: str,
        answer: dict[str, Any],
        state: dict[str, Any],
        now: datetime,
        message_id: str | None = None,
        new_channel: str | None = None,
        owner: Owner | None = None,
    ) -> str:
        """Store question, answer and the new state together, or nothing; the answer's id.
        With `new_channel` and its `owner`, a conversation that does not exist yet is created
        (see `draft`)."""
        require_aware(now)
        answer_id = message_id or uuid4().hex
        _check_label(answer_id, "message_id", _ID_LENGTH)
        language = _bounded(answer.get("language"), "language", 8)
        answer_text = _bounded(answer.get("answer"), "answer", None)
        status = _bounded(answer.get("status"), "status", 16)
        if new_channel is not None:
            _check_label(conversation_id, "conversation_id", _ID_LENGTH)
            _check_label(new_channel, "channel", 32)
            if owner is None:
                raise ValueError("a new conversation needs its owner")
        # Core statements on one connection, one transaction: four statements at most, none of
        # the ORM's unit-of-work bookkeeping (most of a write's cost), and the conversation's
        # state written with its row rather than by a second UPDATE. The transaction commits
        # before this returns: a reply that reaches the learner is already stored.
        with self._writes, self._transaction("record the exchange") as connection:
            found = connection.execute(_UPDATED_AT, {"conversation": conversation_id})
            updated_at = found.scalar_one_or_none()
            if updated_at is None and new_channel is not None:
                assert owner is not None
                new = {"id": conversation_id, "channel": new_channel, "owner": owner.stored}
                connection.execute(
                    _INSERT_CONVERSATION,
                    {**new, "state": state, "created_at": now, "updated_at": now},
                )
            elif updated_at is None:
                raise ConversationNotFound(f"no conversation {conversation_id!r}")
            else:
                changed = {"conversation": conversation_id, "updated_at": max(updated_at, now)}
                connection.execute(_UPDATE_CONVERSATION, {**changed, "state": state})
            question_id = uuid4().hex
            common = {"conversation_id": conversation_id, "language": language, "created_at": now}
            # The question first: the answer's reply_to references it.
            question = {"id": question_id, "reply_to": None, "role": "user", "text": user_text}
            connection.execute(
                _INSERT_MESSAGE, {**common, **question, "status": None, "payload": None}
            )
            reply = {
                "id": answer_id,
                "reply_to": question_id,
                "role": "assistant",
                "text": answer_text,
            }
            connection.execute(
                _INSERT_MESSAGE, {**common, **reply, "status": status, "payload": answer}
            )
        return answer_id

    def get_message(self, message_id: str) -> dict[str, Any] | None:
        with self._session("read a message") as session:
            row = session.scalar(select(MessageRow).where(MessageRow.id == message_id))
            if row is None:
                return None
            feedback = session.get(FeedbackRow, message_id)
            return _message_dict(row, feedback)

    def add_feedback(
        self, message_id: str, rating: Rating, comment: str | None, now: datetime
    ) -> None:
        """Rate an answer; a second rating of the same answer replaces the first."""
        require_aware(now)
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, got {rating!r}")
        with self._session("record feedback") as session:
            conversation_id = session.scalar(
                select(MessageRow.conversation_id).where(
                    MessageRow.id == message_id, MessageRow.role == "assistant"
                )
            )
            if conversation_id is None:
                raise NotFound(f"no answer with message_id {message_id!r}")
            upsert_feedback(session, message_id, rating, comment, now)
            session.execute(
                update(ConversationRow)
                .where(ConversationRow.id == conversation_id, ConversationRow.updated_at < now)
                .values(updated_at=now)
            )

    # Operations

    def stats(self, since: date, until: date) -> dict[str, Any]:
        """Figures for the UTC days `since`..`until` (both included); see `reports`."""
        with self._session("compute statistics") as session:
            return reports.stats(session, since, until)

    def export_rows(self, since: date, until: date) -> Iterator[dict[str, str | None]]:
        """One dict per exchange (keys: `records.EXPORT_FIELDS`), streamed oldest first."""
        return self._stream(reports.export_statement(since, until))

    def _stream(self, statement: Select[*tuple[Any, ...]]) -> Iterator[dict[str, str | None]]:
        with self._session("export exchanges") as session:
            for row in session.execute(statement.execution_options(yield_per=500)):
                yield reports.export_row(row)

    def purge_before(self, cutoff: datetime) -> int:
        """Delete conversations last active before `cutoff`, with their messages and feedback."""
        require_aware(cutoff, "cutoff")
        with self._session("purge conversations") as session:
            result = session.execute(
                delete(ConversationRow).where(ConversationRow.updated_at < cutoff)
            )
            return cast(CursorResult[Any], result).rowcount

    def ping(self) -> bool:
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def dispose(self) -> None:
        self._engine.dispose()


def _require(session: Session, conversation_id: str, owner: Owner | None = None) -> ConversationRow:
    """The conversation; with `owner`, only if that caller started it (otherwise the same
    `NotFound` as an unknown id, compared in constant time)."""
    row = session.get(ConversationRow, conversation_id)
    if row is None or (
        owner is not None and not hmac.compare_digest(row.owner.encode(), owner.stored.encode())
    ):
        raise ConversationNotFound(f"no conversation {conversation_id!r}")
    return row


def _history_statement(conversation_id: str, limit: int) -> Select[*tuple[Any, ...]]:
    question, answer = QuestionRow, AnswerRow
    return (
        select(
            answer.id, question.text, answer.text, answer.language, answer.status, answer.created_at
        )
        .join(question, answer.reply_to == question.id)
        .where(answer.conversation_id == conversation_id, answer.role == "assistant")
        .order_by(answer.created_at.desc(), answer.seq.desc())
        .limit(limit)
    )


def _conversation(row: ConversationRow) -> Conversation:
    return Conversation(
        row.id,
        row.channel,
        row.external_key,
        row.created_at,
        row.updated_at,
        dict(row.state or {}),
        Owner.parse(row.owner),
    )


def _message_dict(row: MessageRow, feedback: FeedbackRow | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "conversation_id": row.conversation_id,
        "role": row.role,
        "reply_to": row.reply_to,
        "text": row.text,
        "language": row.language,
        "status": row.status,
        "payload": row.payload,
        "created_at": row.created_at,
        "feedback": None
        if feedback is None
        else {
            "rating": feedback.rating,
            "comment": feedback.comment,
            "created_at": feedback.created_at,
        },
    }


def _check_label(value: str, name: str, max_length: int) -> None:
    if not value or len(value) > max_length:
        raise ValueError(f"{name} must be 1 to {max_length} characters, got {value!r}")


def _bounded(value: Any, name: str, max_length: int | None) -> str | None:
    """A string field of the answer, checked here so that SQLite and PostgreSQL agree."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"answer {name} must be a string, got {type(value).__name__}")
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"answer {name} must be at most {max_length} characters, got {value!r}")
    return value
