"""Request and response bodies of the public HTTP contract (../shared/CONTRACT.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

Language = Literal["fr", "en"]


class _Request(BaseModel):
    # Strict: JSON types are not coerced ("k": "5" or true is not a number, 0 is not a date).
    model_config = ConfigDict(extra="forbid", strict=True)


def _date_text(value: Any) -> Any:
    if isinstance(value, date) or value is None:
        return value
    # Only the calendar form: pydantic would otherwise read "1e-3" as a Unix timestamp.
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("must be a date written YYYY-MM-DD")
    return date.fromisoformat(value)


def _whole_number(value: Any) -> Any:
    # JSON (and JSON Schema) make no difference between 5 and 5.0.
    return int(value) if isinstance(value, float) and value.is_integer() else value


# A calendar day as JSON writes it, "YYYY-MM-DD" (strict mode alone would refuse the text).
IsoDate = Annotated[date, BeforeValidator(_date_text), Field(json_schema_extra={"format": "date"})]


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


# White space as JSON Schema (ECMAScript) patterns know it: one explicit class, so that the
# documented patterns, the fuzzers that read them and the trimming below agree on every
# character (Python's str.strip() would also strip U+001C-U+001F and U+0085).
WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_WS = r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_TEXT = "[^" + _WS[1:]
# Some text, and for a message at most 4,000 characters from the first to the last of it.
NOT_BLANK = _TEXT
TRIMMED_4000 = rf"^{_WS}*{_TEXT}(?:[\s\S]{{0,3998}}{_TEXT})?{_WS}*$"


class SearchRequest(_Request):
    query: str = Field(
        min_length=1,
        max_length=4000,
        examples=["délai de réflexion Premium Plus"],
        json_schema_extra={"pattern": NOT_BLANK},
    )
    k: Annotated[int, BeforeValidator(_whole_number)] = Field(5, ge=1, le=50)
    doc_id: Literal["cgs", "regulations"] | None = None
    language: Language | None = None
    as_of: IsoDate | None = None

    @field_validator("query")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip(WHITESPACE):
            raise ValueError("must contain text")
        return value.strip(WHITESPACE)


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


class ChatRequest(_Request):
    message: str = Field(
        min_length=1,
        max_length=20000,
        examples=["J'ai combien de temps pour changer d'avis ?"],
        description="1 to 4,000 characters after trimming.",
        # The trimmed-length rule, for clients and fuzzers; the validator below enforces it
        # with messages a person can read.
        json_schema_extra={"pattern": TRIMMED_4000},
    )
    conversation_id: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    language: Language | None = None
    as_of: IsoDate | None = None

    @field_validator("message")
    @classmethod
    def _trimmed_length(cls, value: str) -> str:
        trimmed = value.strip(WHITESPACE)
        if not trimmed:
            raise ValueError("must contain text")
        if len(trimmed) > 4000:
            raise ValueError("must be at most 4,000 characters after trimming")
        return trimmed


class CitationTranslation(BaseModel):
    """The cited passage in the marked, non-official translation (the learner's language)."""

    language: str
    quote: str
    title: str


class Citation(BaseModel):
    """One section and version an answer relies on: `quote` is the official text, verbatim."""

    doc_id: str
    section: str
    version: str
    title: str
    quote: str
    language: str
    official: bool = True
    translation: CitationTranslation | None = None
    related: bool = Field(
        False,
        description="A section to read too: named in the answer after the quoted proof, not "
        "quoted in it.",
    )


class RuleRef(BaseModel):
    doc_id: str
    section: str


class Figure(BaseModel):
    """One result of a calculation as a person reads it, in the answer's language."""

    label: str
    value: str


class Calculation(BaseModel):
    calculator: str
    inputs: dict[str, Any]
    result: dict[str, Any]
    rules: list[RuleRef]
    figures: list[Figure] = Field(default_factory=list)


class PendingCalculation(BaseModel):
    """A calculation still missing facts: what was read so far, and what is asked for."""

    calculator: str
    inputs: dict[str, Any]
    missing: list[str]


class Escalation(BaseModel):
    reason: str
    contact: str


Status = Literal["answered", "calculated", "declined", "refused"]


class ChatResponse(BaseModel):
    conversation_id: str
    message_id: str
    language: Language
    status: Status
    lead: str = Field(
        "",
        description="The direct answer in `language`, plain text, one to three sentences; "
        "`answer` opens with it.",
    )
    answer: str
    points: list[str] = Field(
        default_factory=list,
        description="Further short statements the question needs (another part of it, a "
        "caveat), plain text, in the order `answer` gives them.",
    )
    notes: list[str] = Field(
        default_factory=list, description="What the answer assumed (a plan, the date of today)."
    )
    ask: str | None = Field(None, description="One question back, when a fact is missing.")
    pending_calculation: PendingCalculation | None = Field(
        None,
        description="A calculation that waits for the facts in `missing` (the next message "
        "may give them); `inputs` are the facts read so far.",
    )
    citations: list[Citation]
    calculation: Calculation | None = None
    escalation: Escalation | None = None


class CalculatorResponse(BaseModel):
    calculator: str
    inputs: dict[str, Any]
    result: dict[str, Any]
    rules: list[RuleRef]
    explanation: dict[str, str]
    ambiguous: bool


class CalculatorInfo(BaseModel):
    name: str
    description: dict[str, str]
    input_schema: dict[str, Any]
    # A calculator form's heading ({"fr", "en"}), the document it applies, and what each
    # result key means (x-labels in French and English).
    title: dict[str, str] = Field(default_factory=dict)
    doc_id: str | None = None
    sections: list[str] = Field(default_factory=list)
    output_schema: dict[str, Any] = Field(default_factory=dict)


class CalculatorsResponse(BaseModel):
    calculators: list[CalculatorInfo]


ChangeClass = Literal["added", "removed", "substantive", "typographic"]
EditKind = Literal["added", "removed", "replaced", "moved"]
EditMeaning = Literal[
    "words_added",
    "words_removed",
    "negation",
    "figure",
    "tense_mood",
    "inflection",
    "capitalisation",
    "synonym",
    "word_swap",
    "qualifier_moved",
    "moved",
    "reworded",
]
TypographyKind = Literal["spaces", "line_breaks", "apostrophes", "quotes", "dashes", "markdown"]


class WordEdit(BaseModel):
    """One edit of the wording, words quoted verbatim from each version."""

    kind: EditKind = Field(description="words added, removed, replaced, or moved in the sentence")
    meaning: EditMeaning = Field(
        description="what the edit is: a synonym, a tense or mood change, a qualifier that "
        "moved, words added…"
    )
    removed: str | None = Field(description="the words of the older version (null: none)")
    added: str | None = Field(description="the words of the newer version (null: none)")
    before: str = Field(description="the words just before the edit (newer version)")
    after: str = Field(description="the words just after the edit (newer version)")
    from_excerpt: str = Field(description="the edit and a few words around it, older version")
    to_excerpt: str = Field(description="the edit and a few words around it, newer version")
    from_context: str | None = Field(description="the older version's sentence, verbatim")
    to_context: str | None = Field(description="the newer version's sentence, verbatim")
    statement: dict[Language, str] = Field(description="the edit in one sentence, fr and en")
    brief: dict[Language, str] = Field(description="the edit as a short clause, fr and en")
    explanation: dict[Language, str] = Field(description="what the difference means, fr and en")


class TextSegment(BaseModel):
    """A run of the section for an inline change view: `equal` and `added` runs put together
    are the newer text verbatim; `removed` runs are the older words, shown where they stood."""

    op: Literal["equal", "removed", "added"]
    text: str


class SectionChange(BaseModel):
    section: str
    title: str
    change: ChangeClass = Field(
        description="`substantive`: the wording differs once typography is set aside; "
        "`typographic`: only quotes, apostrophes, spaces, line breaks or markdown differ; "
        "`added` / `removed`: the section exists in one version only"
    )
    from_text: str | None
    to_text: str | None
    edits: list[WordEdit] = Field(
        default_factory=list, description="the word-level edits of a substantive change"
    )
    segments: list[TextSegment] = Field(
        default_factory=list,
        description="the newer text with the older words in place, for an inline view "
        "(substantive changes)",
    )
    typography: list[TypographyKind] = Field(
        default_factory=list, description="the kinds of typography that differ"
    )


class VersionDiff(BaseModel):
    doc_id: str
    from_version: str
    to_version: str
    language: str
    changes: list[SectionChange]
    include: Literal["substantive", "typographic"] = Field(
        "substantive", description="`typographic` when typographic changes are listed too"
    )
    typographic_sections: list[str] = Field(
        default_factory=list,
        description="sections that differ in typography only (listed in `changes` with "
        "`include=typographic`)",
    )
    from_effective_date: date | None = Field(
        None, description="the operator's effective date of `from_version` (null: unknown)"
    )
    to_effective_date: date | None = Field(
        None, description="the operator's effective date of `to_version` (null: unknown)"
    )
