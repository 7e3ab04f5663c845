"""The shapes data takes on its way from the corpus to the index."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One addressable section of one version of a document, in one language."""

    doc_id: str
    version: str
    section: str
    title: str
    breadcrumbs: tuple[str, ...]
    paragraphs: tuple[str, ...]
    language: str
    official: bool = True

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.doc_id, self.version, self.section, self.language)


@dataclass(frozen=True)
class ParsedVersion:
    """A version of a document split into its sections, in reading order."""

    doc_id: str
    version: str
    language: str
    title: str
    sections: tuple[Section, ...]
    # Grouping headings (e.g. "2" → "Article 2 - Nos Services Premium") for outlines.
    groups: dict[str, str] = field(default_factory=dict)

    def section_ids(self) -> list[str]:
        return [s.section for s in self.sections]

    def get(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.section == section_id:
                return section
        return None


@dataclass(frozen=True)
class Chunk:
    """A piece of one section, the unit that is embedded and searched."""

    chunk_id: str
    doc_id: str
    version: str
    section: str
    language: str
    official: bool
    title: str
    breadcrumbs: tuple[str, ...]
    text: str
    position: int
    # "text": a piece of the section, quotable; "question": a learner-style question the
    # section answers, for retrieval only.
    kind: str = "text"

    def metadata(self) -> dict[str, str | int | bool]:
        return {
            "doc_id": self.doc_id,
            "version": self.version,
            "section": self.section,
            "language": self.language,
            "official": self.official,
            "title": self.title,
            "breadcrumbs": " > ".join(self.breadcrumbs),
            "position": self.position,
            "kind": self.kind,
        }
