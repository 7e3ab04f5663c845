"""`/v1/admin/*`: statistics, the CSV export, reindex jobs and the purge (admin key only)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from bot.calculators import EARLIEST_DATE, LATEST_DATE
from bot.http.deps import RuntimeDep, admin_caller
from bot.http.errors import ApiError, responses
from bot.http.jobs import ReindexJobs
from bot.http.json_body import StrictJSONRoute
from bot.http.retention import purge
from bot.http.schemas import PurgeResponse, ReindexJob, StatsResponse
from bot.schemas import IsoDate
from bot.store import EXPORT_FIELDS
from bot.store.reindex_jobs import Job

router = APIRouter(
    route_class=StrictJSONRoute,
    prefix="/v1/admin",
    tags=["admin"],
    dependencies=[Depends(admin_caller)],
    responses=responses(401, 403, 422, 500, 503),
)

DEFAULT_DAYS = 30
# Cells a spreadsheet would run as a formula (CSV injection): prefixed with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FREE_TEXT = ("question", "answer", "comment")

Since = Annotated[
    IsoDate | None, Query(description="First UTC day (default: 29 days before until).")
]
Until = Annotated[IsoDate | None, Query(description="Last UTC day, included (default: today).")]


# Days a conversation database can hold (the calculators' range); outside, the default
# range would overflow.
FIRST_DAY, LAST_DAY = EARLIEST_DATE, LATEST_DATE


def day_range(since: date | None, until: date | None) -> tuple[date, date]:
    for name, day in (("since", since), ("until", until)):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            reason = f"{name}: must be between {FIRST_DAY} and {LAST_DAY}"
            raise ApiError(422, "invalid_request", reason, field=name)
    until = until or datetime.now(UTC).date()
    since = since or until - timedelta(days=DEFAULT_DAYS - 1)
    if until < since:
        raise ApiError(422, "invalid_request", "until: must not be before since", field="until")
    return since, until


def get_jobs(request: Request) -> ReindexJobs:
    jobs: ReindexJobs = request.app.state.reindex_jobs
    return jobs


JobsDep = Annotated[ReindexJobs, Depends(get_jobs)]


@router.get("/stats", operation_id="adminStats")
def stats(runtime: RuntimeDep, since: Since = None, until: Until = None) -> StatsResponse:
    """Questions per day, answers by status, the most declined questions, feedback."""
    first, last = day_range(since, until)
    return StatsResponse.model_validate(runtime.conversations.stats(first, last))


@router.get(
    "/export.csv",
    operation_id="adminExport",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def export(runtime: RuntimeDep, since: Since = None, until: Until = None) -> StreamingResponse:
    """Every exchange of the period as CSV (streamed), oldest first."""
    first, last = day_range(since, until)
    rows = runtime.conversations.export_rows(first, last)
    filename = f"termsbot-{first.isoformat()}-{last.isoformat()}.csv"
    return StreamingResponse(
        csv_lines(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def csv_lines(rows: Iterator[dict[str, str | None]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _defused(v) if k in _FREE_TEXT else v for k, v in row.items()})
        if buffer.tell() > 16_384:
            yield _drain(buffer)
    yield _drain(buffer)


def _defused(value: str | None) -> str | None:
    return "'" + value if value and value.startswith(_FORMULA_START) else value


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


@router.post("/reindex", operation_id="adminReindex", status_code=202)
def reindex(jobs: JobsDep) -> ReindexJob:
    """Rebuild the index in the background (the one running, if any, is returned)."""
    return _job(jobs.start())


@router.get("/reindex/{job_id}", operation_id="adminReindexStatus", responses=responses(404))
def reindex_status(jobs: JobsDep, job_id: str) -> ReindexJob:
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(404, "not_found", f"no reindex job {job_id!r}")
    return _job(job)


@router.post("/purge", operation_id="adminPurge", responses=responses(409))
def purge_now(
    request: Request,
    runtime: RuntimeDep,
    older_than_days: Annotated[
        int | None, Query(ge=1, le=36500, description="Default: TERMSBOT_RETENTION_DAYS.")
    ] = None,
) -> PurgeResponse:
    """Delete conversations inactive for longer than the retention period."""
    days = older_than_days or request.app.state.settings.retention_days
    if days is None:
        raise ApiError(
            409,
            "retention_not_configured",
            "no retention period: set TERMSBOT_RETENTION_DAYS or pass older_than_days",
        )
    cutoff, purged = purge(runtime.conversations, days, datetime.now(UTC))
    return PurgeResponse(purged=purged, cutoff=cutoff)


def _job(job: Job) -> ReindexJob:
    return ReindexJob.model_validate(job, from_attributes=True)
