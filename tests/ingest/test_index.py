"""Ingest into a real embedded Chroma: contents, idempotence, atomic rebuilds, refusals."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.errors import CorpusError, IndexMismatch, IndexMissing
from bot.index import load_index
from bot.runtime import Runtime
from bot.settings import Settings
from ingest.corpus import load_corpus
from ingest.embedders import Embedder, Vector
from ingest.pipeline import ingest
from ingest.store import EmbeddedStore
from tests.conftest import make_runtime
from tests.ingest.test_parser import CGS_IDS, REGULATIONS_IDS


def _snapshot(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def _rehash(corpus_dir: Path, relative: str) -> None:
    manifest_path = corpus_dir / "manifest.json"
    raw = json.loads(manifest_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256((corpus_dir / relative).read_bytes()).hexdigest()
    for doc in raw["documents"]:
        for entry in doc["versions"] + doc["translations"]:
            if entry["file"] == relative:
                entry["sha256"] = digest
    manifest_path.write_text(json.dumps(raw), encoding="utf-8")


class ExplodingEmbedder:
    """The real embedder that fails part-way, as a crash or a kill would."""

    def __init__(self, inner: Embedder, after: int) -> None:
        self.inner, self.after, self.calls = inner, after, 0
        self.name, self.dim = inner.name, inner.dim

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        self.calls += 1
        if self.calls > self.after:
            raise KeyboardInterrupt("interrupted")
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vector:
        return self.inner.embed_query(text)


def test_index_holds_exactly_the_contract_sections(built_runtime: Runtime) -> None:
    index = built_runtime.retriever().index
    found: dict[tuple[str, str, str, bool], set[str]] = {}
    asked: dict[tuple[str, str], set[str]] = {}
    for chunk in index.chunks:
        if chunk.kind == "question":
            asked.setdefault((chunk.doc_id, chunk.version), set()).add(chunk.section)
            continue
        found.setdefault((chunk.doc_id, chunk.version, chunk.language, chunk.official), set()).add(
            chunk.section
        )
    assert found == {
        ("cgs", "A", "fr", True): set(CGS_IDS),
        ("cgs", "B", "fr", True): set(CGS_IDS),
        ("cgs", "A", "en", False): set(CGS_IDS),
        ("cgs", "B", "en", False): set(CGS_IDS),
        ("regulations", "1", "en", True): set(REGULATIONS_IDS),
        ("regulations", "1", "fr", False): set(REGULATIONS_IDS),
    }
    # Learner questions, for retrieval only, exist for every section of every version.
    assert asked == {
        ("cgs", "A"): set(CGS_IDS),
        ("cgs", "B"): set(CGS_IDS),
        ("regulations", "1"): set(REGULATIONS_IDS),
    }
    info = index.info
    assert info.embedder == "use-multilingual-v3"
    assert info.corpus_fingerprint == built_runtime.corpus.fingerprint
    assert set(info.corpus_files) == {
        "cgs_A.txt", "cgs_B.md", "regulations.txt",
        "translations/cgs.en.md", "translations/regulations.fr.md",
        "questions/cgs.md", "questions/regulations.md",
    }  # fmt: skip


def test_reingest_without_change_writes_nothing(tmp_path: Path, use_embedder: Embedder) -> None:
    store = EmbeddedStore(tmp_path / "index")
    first = ingest(Path("corpus"), store, use_embedder)
    before = _snapshot(tmp_path)
    again = ingest(Path("corpus"), store, use_embedder)
    assert again.unchanged and again.build_id == first.build_id and again.embedded == 0
    assert _snapshot(tmp_path) == before


def test_reingest_embeds_only_changed_chunks_and_drops_stale_ones(
    tmp_path: Path, corpus_copy: Path, use_embedder: Embedder
) -> None:
    store = EmbeddedStore(tmp_path / "index")
    first = ingest(corpus_copy, store, use_embedder)
    path = corpus_copy / "translations" / "cgs.en.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Any month started is due", "Every month begun is due"
        ),
        encoding="utf-8",
    )
    _rehash(corpus_copy, "translations/cgs.en.md")
    second = ingest(corpus_copy, store, use_embedder)
    assert not second.unchanged and second.build_id != first.build_id
    assert 0 < second.embedded < 12 and second.reused == second.chunks - second.embedded
    assert second.dropped == second.embedded
    assert store.current() is not None and store.current().build_id == second.build_id  # type: ignore[union-attr]
    assert [p.name for p in (tmp_path / "index" / "builds").iterdir()] == [second.build_id]


def test_a_failed_ingest_leaves_the_previous_index_serving(
    tmp_path: Path, corpus_copy: Path, use_embedder: Embedder
) -> None:
    store = EmbeddedStore(tmp_path / "index")
    first = ingest(corpus_copy, store, use_embedder)
    (corpus_copy / "cgs_B.md").write_text("tampered", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"cgs_B\.md: checksum"):
        ingest(corpus_copy, store, use_embedder)
    assert store.current().build_id == first.build_id  # type: ignore[union-attr]
    fingerprint = load_corpus(Path("corpus")).fingerprint
    assert len(load_index(store, use_embedder, fingerprint).chunks) == first.chunks


def test_an_interrupted_build_is_discarded(
    tmp_path: Path, corpus_copy: Path, use_embedder: Embedder
) -> None:
    store = EmbeddedStore(tmp_path / "index")
    first = ingest(corpus_copy, store, use_embedder)
    (corpus_copy / "manifest.json").write_text(
        (corpus_copy / "manifest.json")
        .read_text(encoding="utf-8")
        .replace('"current_version": "B"', '"current_version": "A"'),
        encoding="utf-8",
    )
    # A different chunking forces re-embedding everything through the exploding embedder.
    with pytest.raises(KeyboardInterrupt):
        ingest(corpus_copy, store, ExplodingEmbedder(_Renamed(use_embedder), after=1))
    assert store.current().build_id == first.build_id  # type: ignore[union-attr]
    assert [p.name for p in (tmp_path / "index" / "builds").iterdir()] == [first.build_id]


class _Renamed:
    """The same model under another name: an index must treat it as another embedder."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name + "-v2", inner.dim

    def embed_documents(self, texts: Sequence[str]) -> list[Vector]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vector:
        return self.inner.embed_query(text)


def test_an_index_from_another_embedder_or_corpus_is_refused(
    tmp_path: Path, use_embedder: Embedder
) -> None:
    store = EmbeddedStore(tmp_path / "index")
    ingest(Path("corpus"), store, use_embedder)
    fingerprint = load_corpus(Path("corpus")).fingerprint
    with pytest.raises(IndexMismatch, match="embedder 'use-multilingual-v3', configured"):
        load_index(store, _Renamed(use_embedder), fingerprint)
    with pytest.raises(IndexMismatch, match="built from corpus"):
        load_index(store, use_embedder, "0" * 64)
    with pytest.raises(IndexMissing):
        load_index(EmbeddedStore(tmp_path / "empty"), use_embedder, fingerprint)


def test_pointer_is_replaced_atomically(tmp_path: Path, use_embedder: Embedder) -> None:
    store = EmbeddedStore(tmp_path / "index")
    ingest(Path("corpus"), store, use_embedder)
    assert not (tmp_path / "index" / "CURRENT.tmp").exists()
    assert os.stat(tmp_path / "index" / "CURRENT.json").st_size > 0


def test_the_pointer_is_read_again_whenever_another_process_publishes(
    tmp_path: Path, use_embedder: Embedder
) -> None:
    # The store keeps its last read of CURRENT.json while the file is the same file: a
    # publish elsewhere replaces it, and the next read sees the new build.
    store = EmbeddedStore(tmp_path / "index")
    ingest(Path("corpus"), store, use_embedder)
    first = store.current()
    assert first is not None and store.current() == first
    elsewhere = EmbeddedStore(tmp_path / "index")
    elsewhere.publish(dataclasses.replace(first, build_id="published-elsewhere"))
    assert store.current().build_id == "published-elsewhere"  # type: ignore[union-attr]
    elsewhere.publish(first)
    assert store.current() == first
    (tmp_path / "index" / "CURRENT.json").unlink()
    assert store.current() is None


def test_a_runtime_follows_a_rebuild_made_by_another_process(
    tmp_path: Path, use_embedder: Embedder
) -> None:
    settings = Settings(data_dir=tmp_path / "var", corpus_dir=Path("corpus"), _env_file=None)  # type: ignore[call-arg]
    serving = make_runtime(settings, use_embedder)
    serving.ingest()
    before = serving.index_build_id()
    assert serving.index_build_id() == before  # the same build, kept
    # `termsbot ingest` elsewhere (a reindex job, a repair): a new build of the same corpus.
    report = make_runtime(settings, use_embedder).ingest(rebuild="rebuilt for the test")
    assert report.build_id != before
    assert serving.index_build_id() == report.build_id
