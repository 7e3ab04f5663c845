"""The one place where settings become live parts: corpus, embedder, index store, index.

Doors (HTTP, CLI, Slack) hold one Runtime and ask it for what they need; nothing below it
reads settings or the environment.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import IndexCorrupt, StorageUnavailable, TermsbotError
from bot.index import LoadedIndex, check_build, load_index, prove_loaded
from bot.retrieval import Retriever, Scope
from bot.settings import Settings
from bot.store import ConversationStore
from ingest.corpus import Corpus, load_corpus
from ingest.embedders import Embedder, make_embedder
from ingest.pipeline import IngestReport, Progress, ingest
from ingest.store import IndexStore, make_store

if TYPE_CHECKING:
    from bot.answering.factindex import FactIndex
    from bot.assistant import Assistant
    from bot.generative import GroundedGenerator
    from bot.sentences import SentenceIndex


@dataclass(frozen=True)
class Readiness:
    ready: bool
    reason: str | None
    build_id: str | None = None
    # The index failed its own check (damaged files or content, a failing query, a pointer
    # gone while serving): rebuilding it from the corpus repairs it.
    damaged: bool = False


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._index: LoadedIndex | None = None
        self._retriever: Retriever | None = None

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.settings.corpus_dir)

    @cached_property
    def embedder(self) -> Embedder:
        return make_embedder(self.settings.embedder, self.settings.embedder_model)

    @cached_property
    def store(self) -> IndexStore:
        return make_store(self.settings.index_dir, self.settings.chroma_url)

    @cached_property
    def conversations(self) -> ConversationStore:
        url = self.settings.resolved_database_url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return ConversationStore.from_url(url)

    @cached_property
    def sentences(self) -> SentenceIndex:
        """Every sentence of the corpus, embedded once per process."""
        from bot.sentences import SentenceIndex

        return SentenceIndex(self.corpus, self.embedder)

    @cached_property
    def facts(self) -> FactIndex:
        """The answer statements of corpus/answers/, grounded and embedded once per process."""
        from bot.answering.factindex import FactIndex

        return FactIndex(self.corpus, self.settings.corpus_dir, self.embedder, self.sentences)

    @cached_property
    def generator(self) -> GroundedGenerator | None:
        settings = self.settings
        if settings.generator == "off":
            return None
        from bot.generative import GroundedGenerator, make_chat_model

        model = make_chat_model(
            settings.generator,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
            model=settings.llm_model,
            gguf_path=str(settings.llm_gguf_path) if settings.llm_gguf_path else None,
            timeout=settings.llm_timeout_seconds,
        )
        return GroundedGenerator(model)

    @cached_property
    def assistant(self) -> Assistant:
        from bot.assistant import Assistant

        return Assistant(self, self.conversations, self.generator)

    def ingest(
        self, progress: Progress | None = None, *, rebuild: str | None = None
    ) -> IngestReport:
        """Build the index if needed; `rebuild` (the reason) replaces the current build even
        when the corpus has not changed (it failed its check)."""
        report = ingest(
            self.settings.corpus_dir, self.store, self.embedder, progress, rebuild=rebuild
        )
        with self._lock:
            self._index = None
            self._retriever = None
        return report

    def retriever(self) -> Retriever:
        """The retriever over the published build; follows a newer build when one appears."""
        with self._lock:
            current = self.store.current()
            if (
                self._retriever is None
                or self._index is None
                or current is None
                or current.build_id != self._index.info.build_id
            ):
                self._index = load_index(self.store, self.embedder, self.corpus.fingerprint)
                self._retriever = Retriever(self._index, self.embedder)
            return self._retriever

    def index_build_id(self) -> str:
        """The build the answers come from (loading it, or following a newer one)."""
        return self.retriever().index.info.build_id

    def readiness(self) -> Readiness:
        """Whether the index can serve: built for this corpus and embedder, loaded, and still
        standing (its pointer and files, and a real probe query); then the data directory."""
        try:
            info = check_build(self.store.current(), self.embedder, self.corpus.fingerprint)
            self.retriever()
            self._prove_loaded()
        except IndexCorrupt as exc:
            return Readiness(False, str(exc), damaged=True)
        except TermsbotError as exc:
            return Readiness(False, str(exc))
        problem = self.storage_problem()
        if problem is not None:
            return Readiness(False, problem, info.build_id)
        return Readiness(True, None, info.build_id)

    def _prove_loaded(self) -> None:
        with self._lock:
            index = self._index
        if index is not None:
            try:
                prove_loaded(self.store, index)
            except TermsbotError as exc:  # the loaded build stopped standing while serving
                raise IndexCorrupt(str(exc)) from exc

    def storage_paths(self) -> list[Path]:
        """The directories termsbot writes to: the data directory, the embedded index's, and
        the SQLite database's."""
        paths = [self.settings.data_dir]
        if not self.settings.chroma_url:
            paths.append(self.settings.index_dir)
        url = self.settings.resolved_database_url
        if url.startswith("sqlite:///"):
            paths.append(Path(url.removeprefix("sqlite:///")).parent)
        return list(dict.fromkeys(p.resolve() for p in paths))

    def storage_problem(self) -> str | None:
        """Why a directory termsbot writes to cannot take a write (naming it), or None."""
        for path in self.storage_paths():
            problem = _write_problem(path, self.settings.min_free_disk_mb)
            if problem is not None:
                return problem
        return None

    def check_storage(self) -> None:
        """Start-up: create the directories and prove they take a write."""
        for path in self.storage_paths():
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageUnavailable(f"cannot create {path}: {exc.strerror or exc}") from exc
        problem = self.storage_problem()
        if problem is not None:
            raise StorageUnavailable(problem)

    def index_is_current(self) -> bool:
        return self.readiness().ready

    def scope(
        self,
        as_of: date | None = None,
        doc_id: str | None = None,
        language: str | None = None,
    ) -> Scope:
        versions = {
            d.doc_id: d.version_in_force(as_of).version for d in self.corpus.manifest.documents
        }
        return Scope(
            versions=versions,
            doc_ids=frozenset([doc_id]) if doc_id else None,
            languages=frozenset([language]) if language else None,
        )


def _write_problem(path: Path, min_free_mb: float) -> str | None:
    """A real write (and fsync) of a small file in `path`; then the free space."""
    if not path.is_dir():
        return None if not path.exists() else f"{path} is not a directory"
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".termsbot-probe-") as probe:
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        return f"{path} cannot be written to: {exc.strerror or exc}"
    free_mb = shutil.disk_usage(path).free / 2**20
    if free_mb < min_free_mb:
        return f"the disk of {path} is full: {free_mb:.1f} MB free (minimum {min_free_mb:g} MB)"
    return None
