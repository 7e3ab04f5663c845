"""The structured answer: what the core decides, before any door renders it.

    Reply
      lead          the direct answer, plain text, one to three sentences
      points        further short statements the question needs (another part, a caveat)
      passages      the proof: one verbatim passage per section and version, most relevant
                    first, with the same passage of the marked translation when the learner
                    reads another language
      figures       a calculation's results as (label, value), labels in the learner's language
      notes         what was assumed ("Premium Plus", "today")
      ask           one question back, when a fact is missing
      escalation    whom a human hand-over goes to

Doors render a `Reply` (markdown for the API and the widget, Block Kit for Slack, plain text
for the command line); none of them parses another door's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.schemas import (
    Calculation,
    ChatResponse,
    Citation,
    CitationTranslation,
    Escalation,
    Figure,
    PendingCalculation,
    Status,
)
from bot.wording import Lang


@dataclass(frozen=True)
class Passage:
    """One cited passage. `quote` occurs verbatim in the official text of `section` in
    `version`; `translation` renders the same passage in the marked translation."""

    doc_id: str
    section: str
    version: str
    title: str
    quote: str
    language: str
    translation: str | None = None
    translation_language: str | None = None
    translation_title: str | None = None
    # A section to read too, named after the proof rather than quoted in the answer.
    related: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.doc_id, self.section, self.version)

    def shown(self, language: str) -> tuple[str, bool]:
        """The words to show a reader of `language`, and whether they are the official ones."""
        if self.language != language and self.translation and self.translation_language == language:
            return self.translation, False
        return self.quote, True

    def title_in(self, language: str) -> str:
        if self.language != language and self.translation_title:
            return self.translation_title
        return self.title

    @classmethod
    def from_citation(cls, citation: Citation) -> Passage:
        translation = citation.translation
        return cls(
            doc_id=citation.doc_id,
            section=citation.section,
            version=citation.version,
            title=citation.title,
            quote=citation.quote,
            language=citation.language,
            translation=translation.quote if translation else None,
            translation_language=translation.language if translation else None,
            translation_title=translation.title if translation else None,
            related=citation.related,
        )

    def citation(self) -> Citation:
        translation = None
        if self.translation and self.translation_language:
            translation = CitationTranslation(
                language=self.translation_language,
                quote=self.translation,
                title=self.translation_title or self.title,
            )
        return Citation(
            doc_id=self.doc_id,
            section=self.section,
            version=self.version,
            title=self.title,
            quote=self.quote,
            language=self.language,
            official=True,
            translation=translation,
            related=self.related,
        )


def merge_passages(passages: list[Passage]) -> list[Passage]:
    """One passage per section and version: the first (most relevant) one stays."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for passage in passages:
        if passage.key in seen:
            continue
        seen.add(passage.key)
        kept.append(passage)
    return kept


@dataclass
class Reply:
    language: Lang
    status: Status
    lead: str
    points: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ask: str | None = None
    calculation: Calculation | None = None
    pending: PendingCalculation | None = None
    escalation: Escalation | None = None
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def citations(self) -> list[Citation]:
        return [p.citation() for p in merge_passages(self.passages)]

    def response(self, conversation_id: str, message_id: str) -> ChatResponse:
        from bot.render import markdown

        calculation = self.calculation
        if calculation is not None and self.figures and not calculation.figures:
            calculation = calculation.model_copy(update={"figures": list(self.figures)})
        return ChatResponse(
            conversation_id=conversation_id,
            message_id=message_id,
            language=self.language,
            status=self.status,
            lead=self.lead,
            answer=markdown(self),
            points=list(self.points),
            notes=list(self.notes),
            ask=self.ask,
            pending_calculation=self.pending,
            citations=self.citations,
            calculation=calculation,
            escalation=self.escalation,
        )

    @classmethod
    def from_response(cls, response: ChatResponse) -> Reply:
        """The reply a stored or received response was rendered from (doors that read a
        stored answer render it again, in their own form)."""
        calculation = response.calculation
        return cls(
            language=response.language,
            status=response.status,
            lead=response.lead,
            points=list(response.points),
            passages=[Passage.from_citation(c) for c in response.citations],
            figures=list(calculation.figures) if calculation is not None else [],
            notes=list(response.notes),
            ask=response.ask,
            calculation=calculation,
            pending=response.pending_calculation,
            escalation=response.escalation,
        )

    def payload(self) -> dict[str, Any]:
        """What the conversation store keeps of this reply."""
        return self.response("", "").model_dump(
            mode="json", exclude={"conversation_id", "message_id"}
        )
