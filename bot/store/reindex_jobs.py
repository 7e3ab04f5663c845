"""Reindex jobs, kept beside the conversations so that every process agrees.

Any process can report a job that another one started, and only one build runs at a time:
`claim` returns the job already running, unless its process stopped keeping `heartbeat_at`
fresh for `stale_after` (it is then marked failed, "abandoned"). The newest 50 jobs are kept.

    jobs = store.reindex_jobs
    job, created = jobs.claim(now, "host:1234", timedelta(minutes=2))  # created: build it
    jobs.heartbeat(job.job_id, later)                                  # while building
    jobs.finish(job.job_id, done, report={"build_id": ...}, error=None)
    jobs.get(job.job_id)                                               # from any process
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from uuid import uuid4

from sqlalchemy import CursorResult, delete, select, text, update
from sqlalchemy.orm import Session

from bot.store.columns import require_aware
from bot.store.keys import SessionFactory
from bot.store.models import ReindexJobRow

KEPT = 50
MAX_OWNER = 64
ABANDONED = "abandoned: its process stopped"
# PostgreSQL advisory lock held by a claim's transaction: "tbreindx" read as a 64-bit integer
# (the migrations hold another one, see `migrate`).
_CLAIM_LOCK_KEY = int.from_bytes(b"tbreindx", "big")
# Ids handed out are 12 hex characters; anything else (NUL, huge strings) is unknown at once.
_JOB_ID = re.compile(r"[0-9a-f]{1,32}")


@dataclass(frozen=True)
class Job:
    job_id: str
    status: str  # "running", "succeeded" or "failed"
    started_at: datetime
    finished_at: datetime | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


class ReindexJobStore:
    def __init__(self, session: SessionFactory) -> None:
        self._session = session

    def claim(self, now: datetime, owner: str, stale_after: timedelta) -> tuple[Job, bool]:
        """The running job and False, or a new running job owned by `owner` and True.

        A running job whose heartbeat is `stale_after` old or older is marked failed first.
        Safe when processes race: one transaction, serialised, so exactly one creates a job."""
        now = require_aware(now).astimezone(UTC)
        if not owner or len(owner) > MAX_OWNER or "\x00" in owner:
            raise ValueError(f"owner must be 1 to {MAX_OWNER} characters, got {owner!r}")
        if stale_after <= timedelta(0):
            raise ValueError(f"stale_after must be positive, got {stale_after!r}")
        with self._session("claim a reindex job") as session:
            _serialise_claims(session)
            session.execute(
                update(ReindexJobRow)
                .where(
                    ReindexJobRow.status == "running",
                    ReindexJobRow.heartbeat_at <= now - stale_after,
                )
                .values(status="failed", finished_at=now, error=ABANDONED)
            )
            running = session.scalar(
                select(ReindexJobRow)
                .where(ReindexJobRow.status == "running")
                .order_by(ReindexJobRow.started_at.desc(), ReindexJobRow.id)
                .limit(1)
            )
            if running is not None:
                return _job(running), False
            row = ReindexJobRow(
                id=uuid4().hex[:12],
                status="running",
                started_at=now,
                heartbeat_at=now,
                owner=owner,
            )
            session.add(row)
            session.flush()
            newest = (
                select(ReindexJobRow.id)
                .order_by(ReindexJobRow.started_at.desc(), ReindexJobRow.id.desc())
                .limit(KEPT)
            )
            session.execute(
                delete(ReindexJobRow).where(
                    ReindexJobRow.status != "running", ReindexJobRow.id.not_in(newest)
                )
            )
            return _job(row), True

    def heartbeat(self, job_id: str, now: datetime) -> bool:
        """Note that the job's build is alive; False when the job is no longer running."""
        require_aware(now)
        with self._session("record a reindex heartbeat") as session:
            result = session.execute(
                update(ReindexJobRow)
                .where(ReindexJobRow.id == job_id, ReindexJobRow.status == "running")
                .values(heartbeat_at=now)
            )
            return cast(CursorResult[Any], result).rowcount > 0

    def finish(
        self,
        job_id: str,
        now: datetime,
        report: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> None:
        """Record the build's outcome: failed with `error`, or succeeded with `report`."""
        require_aware(now)
        with self._session("finish a reindex job") as session:
            session.execute(
                update(ReindexJobRow)
                .where(ReindexJobRow.id == job_id)
                .values(
                    status="failed" if error is not None else "succeeded",
                    finished_at=now,
                    heartbeat_at=now,
                    report=report,
                    error=error,
                )
            )

    def get(self, job_id: str) -> Job | None:
        if not _JOB_ID.fullmatch(job_id):
            return None
        with self._session("read a reindex job") as session:
            row = session.get(ReindexJobRow, job_id)
            return None if row is None else _job(row)


def _serialise_claims(session: Session) -> None:
    """Claims take turns: without it two claims could both find no running job."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # pysqlite has not begun a transaction yet (it would only before the first write, after
        # the reads): take the write lock now; another claim waits for it (busy timeout).
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        # Rows cannot be locked when there are none: one lock for the whole claim, released
        # with its transaction.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CLAIM_LOCK_KEY})


def _job(row: ReindexJobRow) -> Job:
    return Job(row.id, row.status, row.started_at, row.finished_at, row.report, row.error)
