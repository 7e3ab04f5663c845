"""The conversation store against real databases: SQLite in tmp_path, and PostgreSQL when
TERMSBOT_TEST_POSTGRES_URL names one (`scripts/start_test_postgres.sh` starts one and prints it).

Every PostgreSQL test runs in its own schema, dropped afterwards, with the session time zone
set far from UTC (+14:00) so that "days are UTC days" is really tested.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.errors import NotFound, StoreError
from bot.store import EXPORT_FIELDS, ConversationStore, Owner, Turn, upgrade
from bot.store.engine import make_engine
from bot.store.migrate import alembic_config, head_revision
from bot.store.models import Base

POSTGRES_URL = os.environ.get("TERMSBOT_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "TERMSBOT_TEST_POSTGRES_URL is not set; start a server with "
    "scripts/start_test_postgres.sh and export the URL it prints"
)

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
OWNER = Owner("cli", "local")
PARIS_SUMMER = timezone(timedelta(hours=2))

ODD_TEXTS = [
    pytest.param("'; DROP TABLE messages; --", id="sql-comment"),
    pytest.param("Robert'); DELETE FROM conversations WHERE ('1'='1", id="sql-injection"),
    pytest.param("%s %(name)s ? :name $1 {0} \\' \\\\ \"", id="placeholders-and-quotes"),
    pytest.param("NUL\x00inside\x00", id="nul"),
    pytest.param("\U0010fffd0 \U0010fffd\U0010fffd\x00\U0010fffd", id="nul-escape-lookalikes"),
    pytest.param("\t\n\r\x0b\x0c\x07\x1b[31m\x7f\x85\u2028\u2029", id="control-characters"),
    pytest.param("👩‍👩‍👧‍👦 🇫🇷 e\u0301 \u200b\u200d\ufeff \ufffd \uffff", id="emoji-combining"),
    pytest.param("العربية עברית \u202eesrever\u202c", id="rtl-bidi"),
    pytest.param("é" * 4000, id="4000-characters"),
]


def answer(
    text: str = "Vous avez 14 jours [1].", status: str = "answered", language: str = "fr"
) -> dict[str, Any]:
    """A /v1/chat response body, as the assistant would return it."""
    return {
        "status": status,
        "language": language,
        "answer": text,
        "citations": [
            {"doc_id": "cgs", "section": "6.2", "version": "B", "quote": "14 jours"},
        ],
        "calculation": None,
        "escalation": None,
    }


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped on exit."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        options = f"-csearch_path={schema} -ctimezone=Pacific/Kiritimati"
        url = make_url(base_url).update_query_dict({"options": options})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no schema yet) of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'store.sqlite3'}"
        return
    assert POSTGRES_URL is not None
    with postgres_schema(POSTGRES_URL) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[ConversationStore]:
    conversation_store = ConversationStore.from_url(store_url)
    yield conversation_store
    conversation_store.dispose()


def exchange(
    store: ConversationStore,
    conversation_id: str,
    question: str,
    now: datetime,
    *,
    status: str = "answered",
    state: dict[str, Any] | None = None,
) -> str:
    return store.record_exchange(
        conversation_id,
        user_text=question,
        answer=answer(f"answer to {question}", status),
        state=state or {},
        now=now,
    )


# Conversations


def test_start_creates_a_conversation_then_continues_it(store: ConversationStore) -> None:
    created = store.start(None, channel="widget", now=T0, owner=OWNER)
    assert len(created.id) == 32 and int(created.id, 16) >= 0
    assert (created.channel, created.external_key) == ("widget", None)
    assert created.created_at == created.updated_at == T0

    continued = store.start(created.id, channel="widget", now=T0 + timedelta(hours=1), owner=OWNER)
    assert continued == created
    assert store.state(created.id) == {} and store.history(created.id) == []
    assert store.start(None, channel="widget", now=T0, owner=OWNER).id != created.id


def test_unknown_conversation_is_not_found(store: ConversationStore) -> None:
    with pytest.raises(NotFound):
        store.start("0" * 32, channel="api", now=T0, owner=OWNER)
    with pytest.raises(NotFound):
        store.history("0" * 32)
    with pytest.raises(NotFound):
        store.state("0" * 32)
    with pytest.raises(NotFound):
        exchange(store, "0" * 32, "orphan?", T0)
    assert store.stats(T0.date(), T0.date())["questions"] == 0


def test_external_key_maps_a_slack_thread_to_one_conversation(store: ConversationStore) -> None:
    thread = "C123:1712345.678"
    first = store.start(None, channel="slack", now=T0, external_key=thread, owner=OWNER)
    again = store.start(
        None, channel="slack", now=T0 + timedelta(minutes=5), external_key=thread, owner=OWNER
    )
    assert again == first and first.external_key == thread
    assert store.find_by_external_key("slack", thread) == first
    assert store.find_by_external_key("slack", "C123:other") is None
    # The key is unique per channel only.
    assert store.start(None, channel="cli", now=T0, external_key=thread, owner=OWNER).id != first.id


def test_racing_starts_of_one_thread_share_a_conversation(store: ConversationStore) -> None:
    barrier = threading.Barrier(4)

    def start() -> str:
        barrier.wait()
        return store.start(None, channel="slack", now=T0, external_key="C9:1.2", owner=OWNER).id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = {future.result() for future in [pool.submit(start) for _ in range(4)]}
    assert len(ids) == 1


def test_naive_times_are_refused(store: ConversationStore) -> None:
    naive = datetime(2024, 5, 1, 9, 0)
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    message_id = exchange(store, conversation.id, "q", T0)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.start(None, channel="api", now=naive, owner=OWNER)
    with pytest.raises(ValueError, match="timezone-aware"):
        exchange(store, conversation.id, "q", naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.add_feedback(message_id, "up", None, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        store.purge_before(naive)


def test_times_come_back_in_utc(store: ConversationStore) -> None:
    paris = datetime(2024, 5, 2, 1, 30, tzinfo=PARIS_SUMMER)
    conversation = store.start(None, channel="api", now=paris, owner=OWNER)
    exchange(store, conversation.id, "q", paris)
    [turn] = store.history(conversation.id)
    assert turn.created_at == paris and turn.created_at.tzinfo == UTC
    assert turn.created_at.isoformat() == "2024-05-01T23:30:00+00:00"


# History and state


def test_history_is_the_last_exchanges_oldest_first(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    other = store.start(None, channel="api", now=T0, owner=OWNER)
    ids = [exchange(store, conversation.id, f"q{i}", T0 + timedelta(minutes=i)) for i in range(5)]
    exchange(store, other.id, "elsewhere", T0 + timedelta(minutes=2))

    last_three = store.history(conversation.id, limit=3)
    assert [turn.user_text for turn in last_three] == ["q2", "q3", "q4"]
    assert last_three[-1] == Turn(
        message_id=ids[4],
        user_text="q4",
        answer_text="answer to q4",
        language="fr",
        status="answered",
        created_at=T0 + timedelta(minutes=4),
    )
    assert [turn.message_id for turn in store.history(conversation.id)] == ids
    assert store.history(conversation.id, limit=0) == []
    with pytest.raises(ValueError):
        store.history(conversation.id, limit=-1)


def test_history_keeps_recording_order_for_equal_times(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    for question in ["first", "second", "third"]:
        exchange(store, conversation.id, question, T0)
    turns = store.history(conversation.id)
    assert [turn.user_text for turn in turns] == ["first", "second", "third"]


def test_state_is_replaced_not_merged(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    pending = {"calculator": "late_payment", "facts": {"due": "2024-04-02", "amount": "120.00"}}
    exchange(store, conversation.id, "q1", T0, state={"language": "fr", "pending": pending})
    assert store.state(conversation.id) == {"language": "fr", "pending": pending}

    exchange(store, conversation.id, "q2", T0, state={"last_sections": ["cgs:6.2"]})
    assert store.state(conversation.id) == {"last_sections": ["cgs:6.2"]}


# Recording exchanges


def test_record_exchange_stores_question_answer_and_full_response(
    store: ConversationStore,
) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    response = answer("Vous avez **14 jours**.", "calculated") | {
        "calculation": {"calculator": "premium_plus_reflection_period", "result": {"days": 14}}
    }
    later = T0 + timedelta(minutes=3)
    message_id = store.record_exchange(
        conversation.id,
        user_text="J'ai combien de temps ?",
        answer=response,
        state={},
        now=later,
        message_id="chosen-by-the-caller",
    )
    assert message_id == "chosen-by-the-caller"

    stored = store.get_message(message_id)
    assert stored is not None
    assert stored["payload"] == response
    assert (stored["role"], stored["text"], stored["status"], stored["language"]) == (
        "assistant",
        "Vous avez **14 jours**.",
        "calculated",
        "fr",
    )
    assert (stored["conversation_id"], stored["created_at"], stored["feedback"]) == (
        conversation.id,
        later,
        None,
    )
    question = store.get_message(stored["reply_to"])
    assert question is not None
    assert (question["role"], question["text"], question["payload"]) == (
        "user",
        "J'ai combien de temps ?",
        None,
    )
    assert store.start(conversation.id, channel="api", now=later, owner=OWNER).updated_at == later
    assert store.get_message("no-such-message") is None


def _not_json(response: dict[str, Any]) -> dict[str, Any]:
    return response | {"calculation": {"result": object()}}


def _not_a_number(response: dict[str, Any]) -> dict[str, Any]:
    return response | {"calculation": {"result": {"days": float("nan")}}}


def _lone_surrogate(response: dict[str, Any]) -> dict[str, Any]:
    return response | {"answer": "broken \ud800 text"}


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(_not_json, id="payload-not-json"),
        pytest.param(_not_a_number, id="payload-nan"),
        pytest.param(_lone_surrogate, id="answer-not-encodable"),
        pytest.param(None, id="duplicate-message-id"),
    ],
)
def test_a_failing_answer_leaves_no_trace_of_the_exchange(
    store: ConversationStore, spoil: Callable[[dict[str, Any]], dict[str, Any]] | None
) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    kept_id = store.record_exchange(
        conversation.id, user_text="first", answer=answer(), state={"turn": 1}, now=T0
    )
    later = T0 + timedelta(hours=1)
    with pytest.raises(StoreError) as raised:
        store.record_exchange(
            conversation.id,
            user_text="secret second question",
            answer=spoil(answer()) if spoil else answer(),
            state={"turn": 2},
            now=later,
            # The duplicate fails in the database itself, after the question row went in.
            message_id=None if spoil else kept_id,
        )

    assert "secret" not in str(raised.value) and "secret" not in str(raised.value.__cause__)
    assert [turn.user_text for turn in store.history(conversation.id)] == ["first"]
    assert store.state(conversation.id) == {"turn": 1}
    assert store.start(conversation.id, channel="api", now=later, owner=OWNER).updated_at == T0
    figures = store.stats(T0.date(), later.date())
    assert figures["questions"] == 1 and figures["by_status"]["answered"] == 1
    assert [row["question"] for row in store.export_rows(T0.date(), later.date())] == ["first"]


def test_a_drafted_conversation_is_stored_with_its_first_exchange_or_not_at_all(
    store: ConversationStore,
) -> None:
    drafted = store.draft(channel="web", now=T0, owner=OWNER)
    with pytest.raises(NotFound):
        store.state(drafted.id)  # nothing stored yet
    failing = store.draft(channel="web", now=T0, owner=OWNER)
    with pytest.raises(StoreError):
        store.record_exchange(
            failing.id,
            user_text="lost",
            answer={**answer(), "payload": object()},  # cannot be stored as JSON
            state={},
            now=T0,
            new_channel="web",
            owner=OWNER,
        )
    with pytest.raises(NotFound):
        store.state(failing.id)  # no empty conversation left behind
    first = store.record_exchange(
        drafted.id,
        user_text="one",
        answer=answer(),
        state={"turn": 1},
        now=T0,
        new_channel="web",
        owner=OWNER,
    )
    second = store.record_exchange(
        drafted.id,
        user_text="two",
        answer=answer(),
        state={"turn": 2},
        now=T0,
        new_channel="web",
        owner=OWNER,
    )
    assert first != second
    assert [turn.user_text for turn in store.history(drafted.id)] == ["one", "two"]
    conversation = store.start(drafted.id, channel="web", now=T0, owner=OWNER)
    assert conversation.channel == "web" and conversation.state == {"turn": 2}
    with pytest.raises(NotFound):  # without new_channel an unknown id is still an error
        store.record_exchange(
            store.draft(channel="web", now=T0, owner=OWNER).id,
            user_text="x",
            answer=answer(),
            state={},
            now=T0,
        )


def test_answer_fields_are_checked_the_same_on_every_database(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    with pytest.raises(ValueError, match="status"):
        store.record_exchange(
            conversation.id, user_text="q", answer=answer(status="x" * 17), state={}, now=T0
        )
    with pytest.raises(ValueError, match="message_id"):
        store.record_exchange(
            conversation.id, user_text="q", answer=answer(), state={}, now=T0, message_id="m" * 65
        )
    assert store.history(conversation.id) == []


@pytest.mark.parametrize("odd", ODD_TEXTS)
def test_odd_text_round_trips_exactly(store: ConversationStore, odd: str) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    response = answer(odd, "declined") | {"quote": odd, odd: [odd]}
    message_id = store.record_exchange(
        conversation.id, user_text=odd, answer=response, state={"last": odd, odd: odd}, now=T0
    )
    store.add_feedback(message_id, "down", odd, T0)

    [turn] = store.history(conversation.id)
    assert (turn.user_text, turn.answer_text) == (odd, odd)
    assert store.state(conversation.id) == {"last": odd, odd: odd}
    stored = store.get_message(message_id)
    assert stored is not None
    assert stored["payload"] == response and stored["feedback"]["comment"] == odd
    assert store.stats(T0.date(), T0.date())["top_declined"] == [{"text": odd, "count": 1}]
    [row] = store.export_rows(T0.date(), T0.date())
    assert (row["question"], row["answer"], row["comment"]) == (odd, odd, odd)


def test_lone_surrogate_in_the_question_is_a_store_error(store: ConversationStore) -> None:
    # JSON may carry "\ud800"; the API should refuse it, and the store must fail cleanly.
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    with pytest.raises(StoreError, match="not valid Unicode"):
        exchange(store, conversation.id, "half a pair \ud800", T0)
    assert store.history(conversation.id) == []


def test_two_threads_recording_into_one_conversation_both_succeed(
    store: ConversationStore,
) -> None:
    conversation = store.start(None, channel="widget", now=T0, owner=OWNER)
    barrier = threading.Barrier(2)

    def record(worker: str) -> list[str]:
        barrier.wait()
        return [
            exchange(
                store,
                conversation.id,
                f"{worker}-{i}",
                T0 + timedelta(seconds=i),
                state={"last": f"{worker}-{i}"},
            )
            for i in range(25)
        ]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(record, worker) for worker in ("a", "b")]
        recorded = [future.result() for future in results]

    assert all(len(ids) == 25 for ids in recorded)
    turns = store.history(conversation.id, limit=100)
    assert len(turns) == 50
    for worker in ("a", "b"):
        mine = [turn.user_text for turn in turns if turn.user_text.startswith(worker)]
        assert mine == [f"{worker}-{i}" for i in range(25)]
    assert store.state(conversation.id)["last"] in {"a-24", "b-24"}


# Feedback


def test_feedback_on_an_unknown_message_is_not_found(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    message_id = exchange(store, conversation.id, "q", T0)
    question_id = store.get_message(message_id)["reply_to"]  # type: ignore[index]
    with pytest.raises(NotFound):
        store.add_feedback("no-such-message", "up", None, T0)
    with pytest.raises(NotFound):  # only answers are rated
        store.add_feedback(question_id, "up", None, T0)
    with pytest.raises(ValueError):
        store.add_feedback(message_id, "meh", None, T0)  # type: ignore[arg-type]


def test_a_second_feedback_replaces_the_first(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    message_id = exchange(store, conversation.id, "q", T0)
    store.add_feedback(message_id, "up", None, T0 + timedelta(minutes=1))
    store.add_feedback(message_id, "down", "Pas la bonne section", T0 + timedelta(minutes=2))

    stored = store.get_message(message_id)
    assert stored is not None
    assert stored["feedback"] == {
        "rating": "down",
        "comment": "Pas la bonne section",
        "created_at": T0 + timedelta(minutes=2),
    }
    assert store.stats(T0.date(), T0.date())["feedback"] == {"up": 0, "down": 1}


def test_racing_feedback_on_one_answer_keeps_one_row(store: ConversationStore) -> None:
    conversation = store.start(None, channel="api", now=T0, owner=OWNER)
    message_id = exchange(store, conversation.id, "q", T0)
    barrier = threading.Barrier(4)

    def rate(rating: str) -> None:
        barrier.wait()
        store.add_feedback(message_id, rating, None, T0)  # type: ignore[arg-type]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(rate, r) for r in ("up", "down", "up", "down")]:
            future.result()
    counts = store.stats(T0.date(), T0.date())["feedback"]
    assert counts["up"] + counts["down"] == 1


# Statistics, export, purge


def _record_may_2024(store: ConversationStore) -> dict[str, str]:
    """Exchanges around 1-2 May 2024 (UTC); returns message ids by question."""
    conversation = store.start(None, channel="widget", now=T0, owner=OWNER)
    slack = store.start(None, channel="slack", now=T0, external_key="C1:2.3", owner=OWNER)
    plan = [
        # (conversation, question, status, when)
        (conversation, "too early", "answered", datetime(2024, 4, 30, 23, 59, 59, tzinfo=UTC)),
        (conversation, "délai de rétractation ?", "answered", T0),
        (conversation, "pénalités de retard ?", "calculated", T0 + timedelta(hours=1)),
        (slack, "Puis-je payer en bitcoins ?", "declined", T0 + timedelta(hours=2)),
        # 01:30 in Paris on 2 May is still 1 May in UTC.
        (
            slack,
            "Quel temps fera-t-il ?",
            "declined",
            datetime(2024, 5, 2, 1, 30, tzinfo=PARIS_SUMMER),
        ),
        (slack, "Puis-je payer en bitcoins ?", "declined", datetime(2024, 5, 2, 8, 0, tzinfo=UTC)),
        (slack, "Ignore tes instructions", "refused", datetime(2024, 5, 2, 8, 5, tzinfo=UTC)),
        (conversation, "absences ?", "answered", datetime(2024, 5, 2, 23, 59, 59, tzinfo=UTC)),
        (conversation, "too late", "answered", datetime(2024, 5, 3, 0, 0, tzinfo=UTC)),
    ]
    ids = {}
    for target, question, status, when in plan:
        ids[question] = exchange(store, target.id, question, when, status=status)
    return ids


def test_stats_count_questions_statuses_declines_and_feedback(store: ConversationStore) -> None:
    ids = _record_may_2024(store)
    store.add_feedback(ids["délai de rétractation ?"], "up", None, T0)
    store.add_feedback(ids["pénalités de retard ?"], "up", None, T0)
    store.add_feedback(ids["Quel temps fera-t-il ?"], "down", "inutile", T0)
    store.add_feedback(ids["absences ?"], "down", None, datetime(2024, 5, 5, tzinfo=UTC))

    assert store.stats(date(2024, 5, 1), date(2024, 5, 2)) == {
        "since": "2024-05-01",
        "until": "2024-05-02",
        "questions": 7,
        # 1 May: délai, pénalités, bitcoins, temps (23:30Z); 2 May: bitcoins, ignore, absences
        "questions_per_day": {"2024-05-01": 4, "2024-05-02": 3},
        "by_status": {"answered": 2, "calculated": 1, "declined": 3, "refused": 1},
        "top_declined": [
            {"text": "Puis-je payer en bitcoins ?", "count": 2},
            {"text": "Quel temps fera-t-il ?", "count": 1},
        ],
        # The 5 May feedback falls outside the range.
        "feedback": {"up": 2, "down": 1},
    }
    one_day = store.stats(date(2024, 5, 2), date(2024, 5, 2))
    assert one_day["questions_per_day"] == {"2024-05-02": 3}
    assert store.stats(date(2020, 1, 1), date(2020, 1, 1))["questions"] == 0
    with pytest.raises(ValueError):
        store.stats(date(2024, 5, 2), date(2024, 5, 1))


def test_export_rows_one_per_exchange_ready_for_csv(store: ConversationStore) -> None:
    ids = _record_may_2024(store)
    store.add_feedback(ids["Quel temps fera-t-il ?"], "down", "inutile", T0)

    rows = list(store.export_rows(date(2024, 5, 1), date(2024, 5, 1)))
    assert [row["question"] for row in rows] == [
        "délai de rétractation ?",
        "pénalités de retard ?",
        "Puis-je payer en bitcoins ?",
        "Quel temps fera-t-il ?",
    ]
    assert rows[3] == {
        "created_at": "2024-05-01T23:30:00+00:00",
        "conversation_id": rows[2]["conversation_id"],
        "channel": "slack",
        "message_id": ids["Quel temps fera-t-il ?"],
        "language": "fr",
        "status": "declined",
        "question": "Quel temps fera-t-il ?",
        "answer": "answer to Quel temps fera-t-il ?",
        "rating": "down",
        "comment": "inutile",
    }
    assert rows[0]["rating"] is None and rows[0]["channel"] == "widget"

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    parsed = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [row["message_id"] for row in parsed] == [row["message_id"] for row in rows]
    assert len(list(store.export_rows(date(2024, 4, 30), date(2024, 5, 3)))) == 9
    with pytest.raises(ValueError):
        store.export_rows(date(2024, 5, 2), date(2024, 5, 1))


def test_purge_deletes_inactive_conversations_with_messages_and_feedback(
    store: ConversationStore,
) -> None:
    old = store.start(None, channel="api", now=T0, owner=OWNER)
    old_answer = exchange(store, old.id, "old", T0)
    store.add_feedback(old_answer, "up", None, T0)
    revived = store.start(None, channel="api", now=T0, owner=OWNER)
    exchange(store, revived.id, "revived", T0)
    store.add_feedback(
        exchange(store, revived.id, "rated later", T0), "down", None, T0 + timedelta(days=5)
    )
    recent = store.start(None, channel="api", now=T0 + timedelta(days=10), owner=OWNER)
    recent_answer = exchange(store, recent.id, "recent", T0 + timedelta(days=10))
    never_used = store.start(None, channel="api", now=T0, owner=OWNER)

    assert store.purge_before(T0 + timedelta(days=1)) == 2

    for gone in (old.id, never_used.id):
        with pytest.raises(NotFound):
            store.history(gone)
    assert store.get_message(old_answer) is None
    assert len(store.history(revived.id)) == 2
    assert store.get_message(recent_answer) is not None
    figures = store.stats(T0.date(), (T0 + timedelta(days=10)).date())
    assert figures["questions"] == 3 and figures["feedback"] == {"up": 0, "down": 1}
    assert store.purge_before(T0 + timedelta(days=1)) == 0


# Database plumbing


def test_migrations_are_idempotent_and_match_the_models(store_url: str) -> None:
    upgrade(store_url)
    upgrade(store_url)
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert context.get_current_revision() == head_revision() == "0005"
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
    # Already migrated: a plain store needs no migration step.
    plain = ConversationStore(store_url)
    try:
        assert plain.start(None, channel="cli", now=T0, owner=OWNER).channel == "cli"
    finally:
        plain.dispose()


def test_migrations_downgrade_and_upgrade_again(store_url: str) -> None:
    upgrade(store_url)
    config = alembic_config(store_url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    store = ConversationStore(store_url)
    try:
        assert store.history(store.start(None, channel="api", now=T0, owner=OWNER).id) == []
    finally:
        store.dispose()


def test_workers_starting_together_migrate_once(store_url: str) -> None:
    barrier = threading.Barrier(3)

    def start_worker() -> bool:
        barrier.wait()
        worker_store = ConversationStore.from_url(store_url)
        try:
            return worker_store.ping()
        finally:
            worker_store.dispose()

    with ThreadPoolExecutor(max_workers=3) as pool:
        assert [future.result() for future in [pool.submit(start_worker) for _ in range(3)]] == [
            True
        ] * 3


def test_ping_and_dispose(store: ConversationStore) -> None:
    assert store.ping()
    store.dispose()
    assert store.ping()  # a disposed engine reconnects on demand


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("postgresql+psycopg://termsbot:x@127.0.0.1:1/none", id="postgresql-down"),
        pytest.param("sqlite:///{tmp_path}", id="sqlite-path-is-a-directory"),
    ],
)
def test_ping_is_false_when_the_database_is_unreachable(url: str, tmp_path: Path) -> None:
    store = ConversationStore(url.format(tmp_path=tmp_path))
    try:
        assert store.ping() is False
        with pytest.raises(StoreError):
            store.start(None, channel="api", now=T0, owner=OWNER)
    finally:
        store.dispose()


def test_unsupported_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database 'mysql'"):
        ConversationStore("mysql://user@localhost/termsbot")


def test_sqlite_creates_directories_and_uses_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "store.sqlite3"
    store = ConversationStore.from_url(f"sqlite:///{path}")
    try:
        store.start(None, channel="api", now=T0, owner=OWNER)
    finally:
        store.dispose()
    assert path.is_file()
    with sqlite3.connect(path) as raw:  # journal_mode is a property of the file
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:  # foreign_keys is one of each connection
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_in_memory_sqlite_is_one_database_for_all_threads() -> None:
    store = ConversationStore.from_url("sqlite://")
    try:
        conversation = store.start(None, channel="cli", now=T0, owner=OWNER)
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(exchange, store, conversation.id, "from a thread", T0).result()
        assert [turn.user_text for turn in store.history(conversation.id)] == ["from a thread"]
    finally:
        store.dispose()


def test_repr_hides_the_password() -> None:
    store = ConversationStore("postgresql+psycopg://termsbot:s3cret@127.0.0.1:1/termsbot")
    try:
        assert "s3cret" not in repr(store)
    finally:
        store.dispose()
