"""The corpus manifest: which documents and versions exist, where their files are, and the
checksums that prove the files are the ones the manifest describes."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.errors import CorpusError

MANIFEST_NAME = "manifest.json"
SourceFormat = Literal["webpage", "markdown"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VersionEntry(_Frozen):
    version: str = Field(min_length=1, max_length=16)
    file: str
    format: SourceFormat
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    # Neither source states when it took effect: an operator sets this, code never guesses it.
    effective_date: date | None = None


class TranslationEntry(_Frozen):
    language: Literal["fr", "en"]
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class QuestionsEntry(_Frozen):
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Structure(_Frozen):
    """How the printed headings of a document map onto section ids."""

    named_headings: dict[str, str] = Field(default_factory=dict)
    # Headings that only group sections (e.g. "Article 2" above 2.1 and 2.2): not sections
    # themselves; any lead text they carry opens their first section.
    grouping_headings: list[str] = Field(default_factory=list)
    footer_starts_with: str | None = None


class DocumentEntry(_Frozen):
    doc_id: str = Field(pattern=r"^[a-z][a-z0-9_-]{1,31}$")
    title: str
    language: Literal["fr", "en"]
    url: str
    current_version: str
    structure: Structure
    versions: list[VersionEntry] = Field(min_length=1)
    translations: list[TranslationEntry] = Field(default_factory=list)
    questions: QuestionsEntry | None = None

    @model_validator(mode="after")
    def _current_version_exists(self) -> DocumentEntry:
        names = [v.version for v in self.versions]
        if len(set(names)) != len(names):
            raise ValueError(f"versions of {self.doc_id} are not unique: {names}")
        if self.current_version not in names:
            raise ValueError(f"current_version {self.current_version!r} is not one of {names}")
        return self

    def version(self, name: str) -> VersionEntry:
        for entry in self.versions:
            if entry.version == name:
                return entry
        raise KeyError(name)

    def version_in_force(self, as_of: date | None) -> VersionEntry:
        """The latest version whose effective date is on or before `as_of`.

        Without dates (the default: the sources state none) the current version answers."""
        current = self.version(self.current_version)
        if as_of is None:
            return current
        dated = [v for v in self.versions if v.effective_date and v.effective_date <= as_of]
        if not dated:
            return current
        return max(dated, key=lambda v: v.effective_date or date.min)


class Manifest(_Frozen):
    schema_: int = Field(alias="schema")
    documents: list[DocumentEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_documents(self) -> Manifest:
        ids = [d.doc_id for d in self.documents]
        if len(set(ids)) != len(ids):
            raise ValueError(f"doc_id values are not unique: {ids}")
        return self

    def document(self, doc_id: str) -> DocumentEntry:
        for doc in self.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(doc_id)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(corpus_dir: Path, *, verify: bool = True) -> Manifest:
    """Read and validate the manifest; with `verify`, every listed file must exist and match."""
    path = corpus_dir / MANIFEST_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(f"{path}: manifest not found") from exc
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: not valid JSON ({exc})") from exc
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        raise CorpusError(f"{path}: malformed manifest: {_first_error(exc)}") from exc
    if verify:
        for file, expected in _listed_files(manifest):
            _verify_file(corpus_dir / file, expected)
    return manifest


def corpus_fingerprint(manifest: Manifest) -> str:
    """One checksum for the whole corpus: changes when any file or manifest setting does."""
    canonical = json.dumps(manifest.model_dump(mode="json", by_alias=True), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _listed_files(manifest: Manifest) -> list[tuple[str, str]]:
    files: list[tuple[str, str]] = []
    for doc in manifest.documents:
        files += [(v.file, v.sha256) for v in doc.versions]
        files += [(t.file, t.sha256) for t in doc.translations]
        if doc.questions is not None:
            files.append((doc.questions.file, doc.questions.sha256))
    return files


def _verify_file(path: Path, expected: str) -> None:
    if not path.is_file():
        raise CorpusError(f"{path}: listed in the manifest but missing")
    actual = sha256_file(path)
    if actual != expected:
        raise CorpusError(
            f"{path}: checksum {actual[:12]}… does not match the manifest's {expected[:12]}…"
        )


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    return f"{where}: {err['msg']}"
