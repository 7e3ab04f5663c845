"""Reindex jobs shared by every process, against SQLite and, when TERMSBOT_TEST_POSTGRES_URL
names one, PostgreSQL: the fixtures of the conversation store."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, inspect, select

from bot.store import ConversationStore, ReindexJobStore, upgrade
from bot.store.engine import make_engine
from bot.store.migrate import alembic_config
from bot.store.models import ReindexJobRow
from bot.store.reindex_jobs import ABANDONED, KEPT, Job
from tests.store.test_conversation_store import store, store_url

__all__ = ["store", "store_url"]  # the fixtures, with their SQLite and PostgreSQL variants

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
STALE = timedelta(minutes=2)
OWNER = "host-a:101"
REPORT = {"build_id": "b-1", "unchanged": False, "chunks": 412, "seconds": 4.5}


@pytest.fixture
def jobs(store: ConversationStore) -> ReindexJobStore:
    return store.reindex_jobs


def rows(store: ConversationStore) -> list[tuple[str, str, str]]:
    with store._session("read reindex jobs") as session:
        found = session.execute(
            select(ReindexJobRow.id, ReindexJobRow.status, ReindexJobRow.owner).order_by(
                ReindexJobRow.started_at
            )
        )
        return [(row.id, row.status, row.owner) for row in found]


def test_a_claim_creates_a_running_job_once(
    store: ConversationStore, jobs: ReindexJobStore
) -> None:
    job, created = jobs.claim(T0, OWNER, STALE)
    assert created
    assert job == Job(job.job_id, "running", T0)
    assert job.started_at.tzinfo is not None and job.started_at.utcoffset() == timedelta(0)
    again, created_again = jobs.claim(T0 + timedelta(seconds=90), "host-b:202", STALE)
    assert not created_again and again == job
    assert rows(store) == [(job.job_id, "running", OWNER)]
    assert jobs.get(job.job_id) == job
    assert jobs is store.reindex_jobs  # one per store


def test_a_heartbeat_keeps_a_job_alive(jobs: ReindexJobStore) -> None:
    job, _ = jobs.claim(T0, OWNER, STALE)
    assert jobs.heartbeat(job.job_id, T0 + timedelta(minutes=1, seconds=59))
    # Without the heartbeat, the job would be stale by now.
    again, created = jobs.claim(T0 + timedelta(minutes=3), "host-b:202", STALE)
    assert not created and again.job_id == job.job_id
    assert not jobs.heartbeat("000000000000", T0)  # unknown


def test_a_job_without_heartbeat_is_abandoned(
    store: ConversationStore, jobs: ReindexJobStore
) -> None:
    dead, _ = jobs.claim(T0, OWNER, STALE)
    later = T0 + STALE  # exactly stale_after without a heartbeat: taken for dead
    job, created = jobs.claim(later, "host-b:202", STALE)
    assert created and job.job_id != dead.job_id and job.status == "running"
    assert jobs.get(dead.job_id) == Job(dead.job_id, "failed", T0, later, None, ABANDONED)
    assert rows(store) == [(dead.job_id, "failed", OWNER), (job.job_id, "running", "host-b:202")]
    # Its process cannot revive it by a late heartbeat.
    assert not jobs.heartbeat(dead.job_id, later)


def test_finish_records_the_report_or_the_error(jobs: ReindexJobStore) -> None:
    paris = timezone(timedelta(hours=2))
    job, _ = jobs.claim(T0.astimezone(paris), OWNER, STALE)
    assert job.started_at == T0 and job.started_at.tzinfo == UTC
    done = T0 + timedelta(seconds=41)
    jobs.finish(job.job_id, done, REPORT, None)
    assert jobs.get(job.job_id) == Job(job.job_id, "succeeded", T0, done, REPORT, None)
    assert not jobs.heartbeat(job.job_id, done)

    failing, created = jobs.claim(done, OWNER, STALE)  # the previous one has ended
    assert created
    jobs.finish(failing.job_id, done + timedelta(seconds=1), error="corpus: \x00 no manifest")
    failed = jobs.get(failing.job_id)
    assert failed is not None and failed.status == "failed" and failed.report is None
    assert failed.error == "corpus: \x00 no manifest"
    assert failed.finished_at == done + timedelta(seconds=1)


@pytest.mark.parametrize("job_id", ["nope", "0" * 12, "", "a\x00b", "f" * 1000, "é"])
def test_unknown_jobs_are_none(jobs: ReindexJobStore, job_id: str) -> None:
    jobs.claim(T0, OWNER, STALE)
    assert jobs.get(job_id) is None


def test_only_the_newest_jobs_are_kept(store: ConversationStore, jobs: ReindexJobStore) -> None:
    ids = []
    for n in range(KEPT + 5):
        job, created = jobs.claim(T0 + timedelta(minutes=n), OWNER, STALE)
        assert created
        ids.append(job.job_id)
        jobs.finish(job.job_id, T0 + timedelta(minutes=n, seconds=30), REPORT)
    kept = [job_id for job_id, _, _ in rows(store)]
    assert kept == ids[-KEPT:]
    assert jobs.get(ids[0]) is None and jobs.get(ids[-KEPT]) is not None
    with store._session("count reindex jobs") as session:
        assert session.scalar(select(func.count()).select_from(ReindexJobRow)) == KEPT


def test_unusable_claims_are_refused(store: ConversationStore, jobs: ReindexJobStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        jobs.claim(T0.replace(tzinfo=None), OWNER, STALE)
    for owner in ("", "h" * 65, "host\x00:1"):
        with pytest.raises(ValueError, match="owner"):
            jobs.claim(T0, owner, STALE)
    with pytest.raises(ValueError, match="stale_after"):
        jobs.claim(T0, OWNER, timedelta(0))
    assert rows(store) == []
    job, created = jobs.claim(T0, "h" * 64, STALE)
    assert created and rows(store) == [(job.job_id, "running", "h" * 64)]


def test_racing_claims_create_one_job(store_url: str) -> None:
    """Processes (each its own engine) asked to reindex at once: exactly one builds."""
    upgrade(store_url)
    stores = [ConversationStore(store_url) for _ in range(6)]
    barrier = threading.Barrier(len(stores))

    def claim(n: int, now: datetime) -> tuple[Job, bool]:
        barrier.wait()
        return stores[n].reindex_jobs.claim(now, f"host:{n}", STALE)

    try:
        # Into an empty table, then twice over a job whose heartbeat is stale.
        for round_ in range(3):
            now = T0 + STALE * round_
            with ThreadPoolExecutor(max_workers=len(stores)) as pool:
                results = list(pool.map(claim, range(len(stores)), [now] * len(stores)))
            assert sorted(created for _, created in results) == [False] * 5 + [True]
            assert len({job.job_id for job, _ in results}) == 1
            statuses = [status for _, status, _ in rows(stores[0])]
            assert statuses == ["failed"] * round_ + ["running"]
    finally:
        for each in stores:
            each.dispose()


def schema(url: str) -> dict[str, Any]:
    """Tables and the reindex jobs' columns and primary key, read by a fresh engine."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            tables = inspector.get_table_names()
            if "reindex_jobs" not in tables:
                return {"tables": tables}
            columns = inspector.get_columns("reindex_jobs")
            pk = inspector.get_pk_constraint("reindex_jobs")
    finally:
        engine.dispose()
    return {
        "tables": tables,
        "columns": {column["name"]: column["nullable"] for column in columns},
        "pk": (pk["name"], pk["constrained_columns"]),
    }


def test_the_reindex_jobs_migration_goes_down_and_up(store_url: str) -> None:
    upgrade(store_url)
    config = alembic_config(store_url)
    command.downgrade(config, "0003")
    assert "reindex_jobs" not in schema(store_url)["tables"]
    assert "deliveries" in schema(store_url)["tables"]
    command.upgrade(config, "head")
    migrated = schema(store_url)
    assert migrated["pk"] == ("pk_reindex_jobs", ["id"])
    assert migrated["columns"] == {
        "id": False,
        "status": False,
        "started_at": False,
        "finished_at": True,
        "heartbeat_at": False,
        "report": True,
        "error": True,
        "owner": False,
    }
    store = ConversationStore(store_url)
    try:
        job, created = store.reindex_jobs.claim(T0, OWNER, STALE)
        assert created and store.reindex_jobs.get(job.job_id) == job
    finally:
        store.dispose()
