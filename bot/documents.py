"""Read-only views of the corpus for the documents endpoints."""

from __future__ import annotations

from datetime import date

from bot.errors import NotFound
from bot.schemas import (
    DocumentInfo,
    DocumentsResponse,
    SectionResponse,
    SectionSummary,
    SectionTranslation,
    VersionInfo,
)
from ingest.corpus import Corpus

TRANSLATION_NOTICE = {
    "en": "Non-official English translation; only the French text is binding.",
    "fr": "Traduction française non officielle ; seul le texte anglais fait foi.",
}


def list_documents(corpus: Corpus) -> DocumentsResponse:
    documents = []
    for doc in corpus.manifest.documents:
        current = corpus.parsed(doc.doc_id, doc.current_version)
        documents.append(
            DocumentInfo(
                doc_id=doc.doc_id,
                title=doc.title,
                language=doc.language,
                url=doc.url,
                current_version=doc.current_version,
                versions=[
                    VersionInfo(
                        version=v.version,
                        file=v.file,
                        sha256=v.sha256,
                        effective_date=v.effective_date,
                        current=v.version == doc.current_version,
                    )
                    for v in doc.versions
                ],
                translations=[t.language for t in doc.translations],
                sections=[
                    SectionSummary(section=s.section, title=s.title) for s in current.sections
                ],
            )
        )
    return DocumentsResponse(documents=documents)


def get_section(
    corpus: Corpus, doc_id: str, section_id: str, version: str | None, as_of: date | None
) -> SectionResponse:
    doc = corpus.document(doc_id)
    chosen = version or doc.version_in_force(as_of).version
    official = corpus.parsed(doc_id, chosen)
    section = official.get(section_id.lower())
    if section is None:
        raise NotFound(f"{doc_id} version {chosen} has no section {section_id!r}")
    translations = []
    for t in doc.translations:
        translated = corpus.parsed(doc_id, chosen, t.language).get(section.section)
        if translated is not None:
            translations.append(
                SectionTranslation(
                    language=t.language,
                    title=translated.title,
                    text=translated.text,
                    notice=TRANSLATION_NOTICE[t.language],
                )
            )
    return SectionResponse(
        doc_id=doc_id,
        section=section.section,
        version=chosen,
        title=section.title,
        breadcrumbs=list(section.breadcrumbs),
        text=section.text,
        language=section.language,
        translations=translations,
        versions_available=[
            v.version for v in doc.versions if corpus.parsed(doc_id, v.version).get(section.section)
        ],
    )
