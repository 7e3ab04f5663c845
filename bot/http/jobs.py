"""Reindex jobs: `Runtime.ingest()` in a background thread, one at a time per process.

Jobs live in the memory of the process that started them (see docs/scale-out.md); every
process follows the newly published build on its own, through the index pointer.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from bot.errors import TermsbotError
from ingest.pipeline import IngestReport

log = logging.getLogger("termsbot.http")
_KEPT = 50


@dataclass
class Job:
    job_id: str
    status: str
    started_at: datetime
    finished_at: datetime | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


class ReindexJobs:
    def __init__(self, ingest: Callable[[], IngestReport]) -> None:
        self._ingest = ingest
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(self) -> Job:
        """A new job, or the one already running (two builds at once would race)."""
        with self._lock:
            running = next((j for j in self._jobs.values() if j.status == "running"), None)
            if running is not None:
                return dataclasses.replace(running)
            job = Job(uuid4().hex[:12], "running", datetime.now(UTC))
            self._jobs[job.job_id] = job
            while len(self._jobs) > _KEPT:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job,), name="reindex", daemon=True).start()
        return dataclasses.replace(job)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else dataclasses.replace(job)

    def _run(self, job: Job) -> None:
        report: dict[str, Any] | None = None
        error: str | None = None
        try:
            report = dataclasses.asdict(self._ingest())
        except TermsbotError as exc:
            error = str(exc)
        except Exception:  # a failed build must still end its job
            log.exception("reindex failed")
            error = "internal error (see the server log)"
        with self._lock:
            job.status = "failed" if error else "succeeded"
            job.report, job.error = report, error
            job.finished_at = datetime.now(UTC)
