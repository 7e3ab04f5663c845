"""`ReindexJobs` over a shared database (SQLite and PostgreSQL): one build at a time across
processes, a heartbeat while it runs, its outcome visible everywhere. Each "process" is its own
`ReindexJobs` over its own store (engine); ingest is a stand-in that the test releases."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import CorpusError
from bot.http.jobs import ReindexJobs
from bot.store import ConversationStore, upgrade
from bot.store.models import ReindexJobRow
from bot.store.reindex_jobs import ABANDONED, Job
from ingest.pipeline import IngestReport

STALE = timedelta(minutes=2)
REPORT = IngestReport("b-1a2b", False, 3, 4, 50, 412, 400, 12, 0, 4.5)


@pytest.fixture
def stores(database_url: str) -> Iterator[list[ConversationStore]]:
    """Two stores over one database, as two processes would have."""
    upgrade(database_url)
    opened = [ConversationStore(database_url) for _ in range(2)]
    yield opened
    for store in opened:
        store.dispose()


class Build:
    """An ingest that waits for `release`, then returns REPORT (or raises `error`)."""

    def __init__(self, error: Exception | None = None) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.calls = 0
        self.error = error

    def __call__(self) -> IngestReport:
        self.calls += 1
        self.started.set()
        assert self.release.wait(30)
        if self.error is not None:
            raise self.error
        return REPORT


def jobs_over(store: ConversationStore, ingest: Callable[[], IngestReport]) -> ReindexJobs:
    return ReindexJobs(lambda: store.reindex_jobs, ingest, heartbeat_seconds=0.05)


def until_finished(jobs: ReindexJobs, job_id: str) -> Job:
    deadline = time.monotonic() + 30
    while True:
        job = jobs.get(job_id)
        assert job is not None
        if job.status != "running":
            return job
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.02)


def heartbeat_of(store: ConversationStore, job_id: str) -> datetime:
    with store._session("read a heartbeat") as session:
        row = session.get(ReindexJobRow, job_id)
        assert row is not None
        return row.heartbeat_at


def test_one_build_at_a_time_across_processes(stores: list[ConversationStore]) -> None:
    first_build, second_build = Build(), Build()
    a, b = jobs_over(stores[0], first_build), jobs_over(stores[1], second_build)
    job = a.start()
    assert job.status == "running" and job.finished_at is None
    assert first_build.started.wait(10)
    assert b.start() == job  # the running one, not a second build
    assert b.get(job.job_id) == job
    beat = heartbeat_of(stores[1], job.job_id)
    deadline = time.monotonic() + 10
    while heartbeat_of(stores[1], job.job_id) == beat:  # kept fresh while it runs
        assert time.monotonic() < deadline, "no heartbeat"
        time.sleep(0.02)

    first_build.release.set()
    done = until_finished(b, job.job_id)
    assert done.status == "succeeded" and done.error is None
    assert done.report == dataclasses.asdict(REPORT)
    assert done.finished_at is not None and done.finished_at >= done.started_at
    assert a.get(job.job_id) == done
    assert first_build.calls == 1 and second_build.calls == 0

    second_build.release.set()
    after = b.start()  # the first has ended: a new build, on B this time
    assert after.job_id != job.job_id
    assert until_finished(a, after.job_id).status == "succeeded"
    assert second_build.calls == 1


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (CorpusError("manifest.json is missing"), "manifest.json is missing"),
        (RuntimeError("secret detail"), "internal error (see the server log)"),
    ],
)
def test_a_failed_build_ends_its_job(
    stores: list[ConversationStore], error: Exception, message: str
) -> None:
    build = Build(error)
    build.release.set()
    jobs = jobs_over(stores[0], build)
    job = jobs.start()
    failed = until_finished(jobs_over(stores[1], Build()), job.job_id)
    assert failed.status == "failed" and failed.error == message and failed.report is None
    assert failed.finished_at is not None


def test_a_job_whose_process_died_is_abandoned(stores: list[ConversationStore]) -> None:
    now = datetime.now(UTC)
    dead, created = stores[0].reindex_jobs.claim(now - timedelta(minutes=3), "gone:1", STALE)
    assert created
    build = Build()
    build.release.set()
    jobs = jobs_over(stores[1], build)
    job = jobs.start()
    assert job.job_id != dead.job_id
    abandoned = jobs.get(dead.job_id)
    assert abandoned is not None and abandoned.status == "failed"
    assert abandoned.error == ABANDONED
    assert until_finished(jobs, job.job_id).status == "succeeded"
