"""Reindex jobs: `Runtime.ingest()` in a background thread, one at a time across processes.

Jobs live in the conversation database (`ReindexJobStore`), so any process can report a job
that another one started, and a second `start` anywhere returns the running job. The process
building keeps the job's heartbeat fresh; a job whose heartbeat stops (its process died) is
marked failed by the next `start` after `STALE_AFTER`. Every process follows the newly
published build on its own, through the index pointer.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.errors import TermsbotError
from bot.store import ReindexJobStore
from bot.store.reindex_jobs import MAX_OWNER, Job
from ingest.pipeline import IngestReport

log = logging.getLogger("termsbot.http")

HEARTBEAT_SECONDS = 30.0
# Four missed heartbeats: the build's process is taken for dead.
STALE_AFTER = timedelta(minutes=2)


class ReindexJobs:
    def __init__(
        self,
        store: Callable[[], ReindexJobStore],
        ingest: Callable[[], IngestReport],
        *,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        stale_after: timedelta = STALE_AFTER,
    ) -> None:
        """`store` is called at each use, so that the database opens lazily."""
        self._store = store
        self._ingest = ingest
        self._heartbeat_seconds = heartbeat_seconds
        self._stale_after = stale_after

    def start(self) -> Job:
        """A new job, or the one already running in any process (two builds would race)."""
        job, created = self._store().claim(datetime.now(UTC), _owner(), self._stale_after)
        if created:
            threading.Thread(
                target=self._run, args=(job.job_id,), name="reindex", daemon=True
            ).start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self._store().get(job_id)

    def _run(self, job_id: str) -> None:
        done = threading.Event()
        beating = threading.Thread(
            target=self._beat, args=(job_id, done), name="reindex-heartbeat", daemon=True
        )
        beating.start()
        report: dict[str, Any] | None = None
        error: str | None = None
        try:
            report = dataclasses.asdict(self._ingest())
        except TermsbotError as exc:
            error = str(exc)
        except Exception:  # a failed build must still end its job
            log.exception("reindex failed")
            error = "internal error (see the server log)"
        finally:
            done.set()
            beating.join()
        try:
            self._store().finish(job_id, datetime.now(UTC), report, error)
        except Exception:  # the job is then marked abandoned, once its heartbeat is stale
            log.exception("cannot record the end of reindex job %s", job_id)

    def _beat(self, job_id: str, done: threading.Event) -> None:
        while not done.wait(self._heartbeat_seconds):
            try:
                self._store().heartbeat(job_id, datetime.now(UTC))
            except Exception:  # the next beat may get through
                log.warning("cannot record a heartbeat of reindex job %s", job_id, exc_info=True)


def _owner() -> str:
    """This process, as host:pid (read at each claim: workers fork)."""
    pid = f":{os.getpid()}"
    return socket.gethostname()[: MAX_OWNER - len(pid)] + pid
