"""corpus → sections → chunks → embeddings → a published index build."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.errors import IndexCorrupt, IndexMissing
from ingest.chunker import chunk_versions, embedding_text, question_chunks
from ingest.corpus import Corpus, load_corpus
from ingest.embedders import Embedder, Vector
from ingest.model import Chunk
from ingest.store import BuildInfo, IndexStore
from ingest.verify import PROBE_TEXT, Proof, prove, verify

log = logging.getLogger("termsbot.index")

BATCH = 64
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IngestReport:
    build_id: str
    unchanged: bool
    documents: int
    versions: int
    sections: int
    chunks: int
    embedded: int
    reused: int
    dropped: int
    seconds: float
    # Why the serving build was rebuilt although the corpus had not changed (it failed its
    # check), or None.
    repaired: str | None = None


def ingest(
    corpus_dir: Path,
    store: IndexStore,
    embedder: Embedder,
    progress: Progress | None = None,
    *,
    rebuild: str | None = None,
) -> IngestReport:
    """Build and publish an index for the corpus, or do nothing if the current one matches
    and its files pass their check (without opening it: Chroma writes to what it opens).
    `rebuild` says why the current build must be replaced anyway (it failed a fuller check).

    Everything that can fail (corpus checks, parsing, embedding, writing) happens before the
    pointer moves; on failure the new build is discarded and the previous one keeps serving."""
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    chunks = chunk_versions(corpus.all_versions()) + question_chunks(corpus)
    digest = chunks_digest(chunks)
    current = store.current()
    same = (
        current is not None
        and current.embedder == embedder.name
        and current.corpus_fingerprint == corpus.fingerprint
        and current.chunks_digest == digest
    )
    damage = rebuild or (_damage(store, current) if current is not None else None)
    if same and damage is None:
        assert current is not None
        return _report(corpus, chunks, current.build_id, True, 0, 0, 0, started)
    if damage is not None:
        assert current is not None
        log.warning(
            "index %s fails its check (%s): rebuilding it from the corpus",
            current.build_id,
            damage,
        )
    store.collect_garbage()
    # Vectors are taken from the serving build only when it passed its check: a damaged
    # segment file can crash the process that opens it, or hand back wrong vectors.
    reused = {} if damage is not None else _reusable_vectors(store, current, embedder, chunks)
    build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{digest[:8]}"
    if current is not None and build_id == current.build_id:  # a repair within the second
        build_id += "-r"
    info = BuildInfo(
        build_id=build_id,
        corpus_fingerprint=corpus.fingerprint,
        corpus_files=_corpus_files(corpus),
        embedder=embedder.name,
        dim=embedder.dim,
        chunk_count=len(chunks),
        chunks_digest=digest,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    try:
        vectors = _embed_missing(embedder, chunks, reused, progress)
        collection = store.create_collection(info.build_id)
        _write(collection, chunks, vectors)
        proof = prove(collection, chunks, embedder.embed_query(PROBE_TEXT))
        info = _proven(info, proof, store.segment_files(info.build_id))
        store.publish(info)
    except BaseException:
        store.discard(info.build_id)
        raise
    if current is not None and current.build_id != info.build_id:
        store.discard(current.build_id)
    dropped = 0 if current is None else max(0, current.chunk_count - len(reused))
    embedded = len(chunks) - len(reused)
    report = _report(corpus, chunks, info.build_id, False, embedded, len(reused), dropped, started)
    if damage is not None:
        log.warning("index rebuilt: %s now serves", info.build_id)
    return dataclasses.replace(report, repaired=damage)


def check(store: IndexStore) -> BuildInfo:
    """The serving build when it passes every check; `IndexMissing` or `IndexCorrupt`."""
    current = store.current()
    if current is None:
        raise IndexMissing("no index has been built yet: run `termsbot ingest`")
    verify(store, current)
    return current


def _damage(store: IndexStore, current: BuildInfo) -> str | None:
    """Why the serving build fails the checks that need not open it, or None."""
    if not current.verifiable:
        return f"build {current.build_id} predates self-checks"
    try:
        store.check_files(current)
    except (IndexCorrupt, IndexMissing) as exc:
        return str(exc)
    return None


def _proven(info: BuildInfo, proof: Proof, segment_files: dict[str, str] | None) -> BuildInfo:
    return dataclasses.replace(
        info,
        content_digest=proof.content_digest,
        probe_vector=proof.probe_vector,
        probe_ids=proof.probe_ids,
        segment_files=segment_files,
    )


def chunks_digest(chunks: Sequence[Chunk]) -> str:
    return hashlib.sha256("\n".join(sorted(c.chunk_id for c in chunks)).encode()).hexdigest()


def _corpus_files(corpus: Corpus) -> dict[str, str]:
    files: dict[str, str] = {}
    for doc in corpus.manifest.documents:
        files |= {v.file: v.sha256 for v in doc.versions}
        files |= {t.file: t.sha256 for t in doc.translations}
        if doc.questions is not None:
            files[doc.questions.file] = doc.questions.sha256
    return files


def _reusable_vectors(
    store: IndexStore, current: BuildInfo | None, embedder: Embedder, chunks: Sequence[Chunk]
) -> dict[str, Vector]:
    """Vectors of unchanged chunks, taken from the serving build (same embedder only)."""
    if current is None or current.embedder != embedder.name:
        return {}
    try:
        collection = store.open_collection(current)
        got = collection.get(ids=[c.chunk_id for c in chunks], include=["embeddings"])
    except Exception:
        return {}
    return {i: [float(x) for x in e] for i, e in zip(got["ids"], got["embeddings"], strict=True)}


def _embed_missing(
    embedder: Embedder,
    chunks: Sequence[Chunk],
    reused: dict[str, Vector],
    progress: Progress | None,
) -> dict[str, Vector]:
    vectors = dict(reused)
    todo = [c for c in chunks if c.chunk_id not in vectors]
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        for chunk, vector in zip(
            batch, embedder.embed_documents([embedding_text(c) for c in batch]), strict=True
        ):
            vectors[chunk.chunk_id] = vector
        if progress:
            progress(min(start + BATCH, len(todo)), len(todo))
    return vectors


def _write(collection: Any, chunks: Sequence[Chunk], vectors: dict[str, Vector]) -> None:
    for start in range(0, len(chunks), 256):
        batch = chunks[start : start + 256]
        collection.add(
            ids=[c.chunk_id for c in batch],
            embeddings=[vectors[c.chunk_id] for c in batch],
            documents=[c.text for c in batch],
            metadatas=[c.metadata() for c in batch],
        )
    if collection.count() != len(chunks):
        raise RuntimeError(f"index holds {collection.count()} chunks, expected {len(chunks)}")


def _report(
    corpus: Corpus,
    chunks: Sequence[Chunk],
    build_id: str,
    unchanged: bool,
    embedded: int,
    reused: int,
    dropped: int,
    started: float,
) -> IngestReport:
    official = [v for v in corpus.all_versions() if v.sections and v.sections[0].official]
    return IngestReport(
        build_id=build_id,
        unchanged=unchanged,
        documents=len(corpus.manifest.documents),
        versions=len(official),
        sections=sum(len(v.sections) for v in corpus.all_versions()),
        chunks=len(chunks),
        embedded=embedded,
        reused=reused,
        dropped=dropped,
        seconds=round(time.perf_counter() - started, 3),
    )
