"""Bodies added by this door: feedback, admin statistics, reindex jobs, purges."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[A-Za-z0-9_-]+$"


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"message_id": "8f14e45fceea167a5a36dedd4bea2543", "rating": "up"},
                {
                    "message_id": "8f14e45fceea167a5a36dedd4bea2543",
                    "rating": "down",
                    "comment": "Le délai cité ne correspond pas à mon offre.",
                },
            ]
        },
    )

    message_id: str = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=2000)

    @field_validator("comment")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class FeedbackResponse(BaseModel):
    status: Literal["recorded"]


class DeclinedQuestion(BaseModel):
    text: str | None
    count: int


class FeedbackCounts(BaseModel):
    up: int
    down: int


class StatsResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "since": "2026-11-01",
                    "until": "2026-11-30",
                    "questions": 3,
                    "questions_per_day": {"2026-11-24": 1, "2026-11-25": 2},
                    "by_status": {"answered": 2, "calculated": 0, "declined": 1, "refused": 0},
                    "top_declined": [{"text": "Quel temps fera-t-il demain ?", "count": 1}],
                    "feedback": {"up": 1, "down": 0},
                }
            ]
        }
    )

    since: date
    until: date
    questions: int
    questions_per_day: dict[str, int]
    by_status: dict[str, int]
    top_declined: list[DeclinedQuestion]
    feedback: FeedbackCounts


JobStatus = Literal["running", "succeeded", "failed"]


class ReindexJob(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "c4ca4238a0b9",
                    "status": "succeeded",
                    "started_at": "2026-11-25T10:00:00Z",
                    "finished_at": "2026-11-25T10:00:41Z",
                    "report": {"build_id": "b-1a2b", "unchanged": False, "chunks": 412},
                    "error": None,
                }
            ]
        }
    )

    job_id: str
    status: JobStatus
    started_at: datetime
    finished_at: datetime | None = None
    # The ingest report; `repaired` is null unless a damaged build was rebuilt (its reason).
    report: dict[str, str | int | float | bool | None] | None = None
    error: str | None = None


class PurgeResponse(BaseModel):
    purged: int = Field(description="Conversations deleted, with their messages and feedback.")
    cutoff: datetime = Field(description="Conversations inactive since before this went.")
