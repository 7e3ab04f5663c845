"""`/readyz`'s checks, reused for a few seconds, and the repair of a damaged index.

Each check is real: the index's pointer and files, a probe query against the index, a write
in the data directories, the database. A damaged index (or a failing query during a chat) is
rebuilt from the corpus by a reindex job, one at a time across processes; the log says when
it starts and the reindex job's record when it ends. Meanwhile `/readyz` answers 503 with
the reason, and every process follows the new build through the index pointer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from bot.errors import StoreError, TermsbotError
from bot.http.jobs import ReindexJobs
from bot.runtime import Readiness, Runtime
from bot.store import ReindexJobStore
from ingest.pipeline import IngestReport

log = logging.getLogger("termsbot.http")


class IndexDoctor:
    def __init__(
        self,
        runtime: Runtime,
        job_store: Callable[[], ReindexJobStore],
        ttl_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._runtime = runtime
        # The same job table as `POST /v1/admin/reindex`: one build at a time, any process.
        self._jobs = ReindexJobs(job_store, self._rebuild)
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last: tuple[float, object, Readiness] | None = None
        self._local_repair: threading.Thread | None = None
        self._reported: str | None = None

    def readiness(self) -> Readiness:
        """The index's and the storage's state, checked at most once per `ttl_seconds`, and
        at once when a file of the index was written since (a few `stat` calls tell)."""
        with self._lock:
            stamp = self._runtime.store.stamp()
            if self._last is not None:
                checked_at, checked_stamp, state = self._last
                if self._clock() - checked_at < self._ttl and checked_stamp == stamp:
                    return state
            state = self._runtime.readiness()
            self._last = (self._clock(), stamp, state)
        if state.damaged:
            self.repair(state.reason or "the index failed its check")
        return state

    def repair(self, reason: str) -> None:
        """Rebuild the index from the corpus (a reindex job; in this process when the job
        table cannot be reached)."""
        with self._lock:
            self._last = None  # a failing query: the next /readyz checks again
        try:
            job = self._jobs.start()
        except (StoreError, OSError) as exc:
            log.warning("cannot start a reindex job (%s): repairing in this process", exc)
            self._repair_here()
            return
        if job.job_id != self._reported:
            self._reported = job.job_id
            log.warning("index damaged (%s): reindex job %s rebuilds it", reason, job.job_id)

    def _rebuild(self) -> IngestReport:
        """Checked again when the job runs: another process may have repaired it already."""
        state = self._runtime.readiness()
        report = self._runtime.ingest(rebuild=state.reason if state.damaged else None)
        if report.repaired:
            log.warning("index repaired: %s now serves", report.build_id)
        return report

    def _repair_here(self) -> None:
        with self._lock:
            if self._local_repair is not None and self._local_repair.is_alive():
                return
            self._local_repair = threading.Thread(
                target=self._rebuild_logged, name="index-repair", daemon=True
            )
            self._local_repair.start()

    def _rebuild_logged(self) -> None:
        try:
            self._rebuild()
        except TermsbotError as exc:
            log.error("index repair failed: %s", exc)
