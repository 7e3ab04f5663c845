"""Request and response bodies of the public HTTP contract (../shared/CONTRACT.md)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Language = Literal["fr", "en"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class SearchRequest(_Request):
    query: str = Field(min_length=1, max_length=4000, examples=["délai de réflexion Premium Plus"])
    k: int = Field(5, ge=1, le=50)
    doc_id: Literal["cgs", "regulations"] | None = None
    language: Language | None = None
    as_of: date | None = None

    @field_validator("query")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must contain text")
        return value.strip()


class SearchResult(BaseModel):
    doc_id: str
    section: str
    version: str
    title: str
    text: str
    score: float
    language: str
    official: bool
    dense_score: float | None
    keyword_score: float | None


class SearchResponse(BaseModel):
    results: list[SearchResult]


class VersionInfo(BaseModel):
    version: str
    file: str
    sha256: str
    effective_date: date | None
    current: bool


class SectionSummary(BaseModel):
    section: str
    title: str


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    language: str
    url: str
    current_version: str
    versions: list[VersionInfo]
    translations: list[Language]
    sections: list[SectionSummary]


class DocumentsResponse(BaseModel):
    documents: list[DocumentInfo]


class SectionTranslation(BaseModel):
    language: str
    title: str
    text: str
    official: Literal[False] = False
    notice: str


class SectionResponse(BaseModel):
    doc_id: str
    section: str
    version: str
    title: str
    breadcrumbs: list[str]
    text: str
    language: str
    official: Literal[True] = True
    translations: list[SectionTranslation]
    versions_available: list[str]


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready", "not_ready"]
    reason: str | None = None
    build_id: str | None = None
