"""The whole corpus, parsed: every document version in its official language and in its
non-official translation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import NotFound
from ingest.manifest import DocumentEntry, Manifest, corpus_fingerprint, load_manifest
from ingest.model import ParsedVersion
from ingest.parser import parse_source
from ingest.questions import Questions, parse_questions
from ingest.translations import align_translation, parse_translation_file


@dataclass(frozen=True)
class Corpus:
    manifest: Manifest
    fingerprint: str
    # (doc_id, version, language) → sections
    versions: dict[tuple[str, str, str], ParsedVersion]
    # doc_id → section → [(language, question)]
    questions: dict[str, Questions] = field(default_factory=dict)

    def document(self, doc_id: str) -> DocumentEntry:
        try:
            return self.manifest.document(doc_id)
        except KeyError as exc:
            raise NotFound(f"unknown document {doc_id!r}") from exc

    def parsed(self, doc_id: str, version: str, language: str | None = None) -> ParsedVersion:
        doc = self.document(doc_id)
        key = (doc_id, version, language or doc.language)
        if key not in self.versions:
            raise NotFound(f"no version {version!r} of {doc_id!r} in {language or doc.language!r}")
        return self.versions[key]

    def all_versions(self) -> list[ParsedVersion]:
        return list(self.versions.values())


def load_corpus(corpus_dir: Path) -> Corpus:
    """Verify the manifest's checksums, then parse every version and align its translations.

    Raises CorpusError (naming the file) on any missing, altered or malformed input."""
    manifest = load_manifest(corpus_dir, verify=True)
    versions: dict[tuple[str, str, str], ParsedVersion] = {}
    questions: dict[str, Questions] = {}
    for doc in manifest.documents:
        translations = {
            t.language: parse_translation_file(corpus_dir / t.file) for t in doc.translations
        }
        for entry in doc.versions:
            official = parse_source(
                corpus_dir / entry.file,
                source_format=entry.format,
                structure=doc.structure,
                doc_id=doc.doc_id,
                version=entry.version,
                language=doc.language,
                doc_title=doc.title,
            )
            versions[(doc.doc_id, entry.version, doc.language)] = official
            for t in doc.translations:
                versions[(doc.doc_id, entry.version, t.language)] = align_translation(
                    official,
                    translations[t.language],
                    language=t.language,
                    path=corpus_dir / t.file,
                )
        if doc.questions is not None:
            ids = versions[(doc.doc_id, doc.current_version, doc.language)].section_ids()
            questions[doc.doc_id] = parse_questions(corpus_dir / doc.questions.file, ids)
    return Corpus(
        manifest=manifest,
        fingerprint=corpus_fingerprint(manifest),
        versions=versions,
        questions=questions,
    )
