"""The index a server answers from: the published build, checked against the corpus and the
embedder, and proven sound (`ingest/verify.py`: files, content, a probe query) before anything
is served. Its collection answers failures of the vector store as `IndexCorrupt`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import bm25s
import numpy as np

from bot.errors import IndexMismatch, IndexMissing
from bot.textnorm import tokens_with_bigrams
from ingest.embedders import Embedder
from ingest.model import Chunk
from ingest.store import BuildInfo, IndexStore
from ingest.verify import check_probe, guarded, verify


@dataclass
class LoadedIndex:
    info: BuildInfo
    collection: Any
    chunks: list[Chunk]
    keyword: bm25s.BM25

    def keyword_scores(self, query: str) -> np.ndarray:
        query_tokens = [t for t in tokens_with_bigrams(query) if t in self._vocab]
        if not query_tokens:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.keyword.get_scores(query_tokens), dtype=np.float32)

    @cached_property
    def _vocab(self) -> frozenset[str]:
        return frozenset(self.keyword.vocab_dict)


def check_build(info: BuildInfo | None, embedder: Embedder, corpus_fingerprint: str) -> BuildInfo:
    """Refuse an index that another embedder or another corpus built."""
    if info is None:
        raise IndexMissing("no index has been built yet: run `termsbot ingest`")
    if info.embedder != embedder.name:
        raise IndexMismatch(
            f"index built with embedder {info.embedder!r}, configured {embedder.name!r}: "
            "run `termsbot ingest`"
        )
    if info.corpus_fingerprint != corpus_fingerprint:
        raise IndexMismatch(
            f"index built from corpus {info.corpus_fingerprint[:12]}, corpus is now "
            f"{corpus_fingerprint[:12]}: run `termsbot ingest`"
        )
    return info


def load_index(store: IndexStore, embedder: Embedder, corpus_fingerprint: str) -> LoadedIndex:
    """The published build, loaded once it has passed every check (`IndexCorrupt` if not)."""
    info = check_build(store.current(), embedder, corpus_fingerprint)
    collection, got = verify(store, info)
    chunks = [
        _chunk(cid, text, meta)
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]
    chunks.sort(key=lambda c: (c.doc_id, c.version, c.language, c.section, c.position))
    keyword = bm25s.BM25()
    keyword.index(
        [tokens_with_bigrams(f"{c.title} {c.text}", c.language) or ["_"] for c in chunks],
        show_progress=False,
    )
    return LoadedIndex(
        info=info,
        collection=GuardedCollection(collection, info.build_id),
        chunks=chunks,
        keyword=keyword,
    )


class GuardedCollection:
    """A Chroma collection whose failures are `IndexCorrupt` (503, and a rebuild), not 500."""

    def __init__(self, collection: Any, build_id: str) -> None:
        self._collection = collection
        self._build_id = build_id

    def query(self, **kwargs: Any) -> Any:
        return guarded(self._collection.query, self._build_id)(**kwargs)

    def get(self, **kwargs: Any) -> Any:
        return guarded(self._collection.get, self._build_id)(**kwargs)

    def count(self) -> int:
        return int(guarded(self._collection.count, self._build_id)())


def prove_loaded(store: IndexStore, index: LoadedIndex) -> None:
    """The loaded build still stands: its pointer, its files, a real probe query."""
    current = store.current()
    if current is None:
        raise IndexMissing("the index pointer is gone or unreadable")
    if current.build_id != index.info.build_id:
        return  # a newer build was published: the next retrieval loads it
    store.check_files(index.info)
    check_probe(index.info, index.collection)


def _chunk(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        version=str(meta["version"]),
        section=str(meta["section"]),
        language=str(meta["language"]),
        official=bool(meta["official"]),
        title=str(meta["title"]),
        breadcrumbs=tuple(str(meta["breadcrumbs"]).split(" > ")),
        text=text,
        position=int(meta["position"]),
        kind=str(meta.get("kind", "text")),
    )
