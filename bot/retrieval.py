"""Hybrid retrieval: dense search over official and translated chunks plus BM25, each ranked
by section, fused with reciprocal rank fusion."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.index import LoadedIndex
from ingest.embedders import Embedder
from ingest.model import Chunk

RRF_K = 60
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
CANDIDATES = 40
# An unfiltered dense query serves scopes holding at least 1/4 of the chunks, fetching half
# again as many neighbours as the scope's share implies.
UNFILTERED_MIN_SHARE = 4
UNFILTERED_MARGIN = 1.5


@dataclass(frozen=True)
class Scope:
    """Which chunks a search may return: the version of each document, optional filters."""

    versions: dict[str, str]
    doc_ids: frozenset[str] | None = None
    languages: frozenset[str] | None = None

    def admits(self, chunk: Chunk) -> bool:
        return (
            self.versions.get(chunk.doc_id) == chunk.version
            and (self.doc_ids is None or chunk.doc_id in self.doc_ids)
            and (self.languages is None or chunk.language in self.languages)
        )

    @property
    def key(self) -> tuple[object, ...]:
        return (tuple(sorted(self.versions.items())), self.doc_ids, self.languages)

    def chroma_where(self) -> dict[str, object]:
        per_doc: list[dict[str, object]] = [
            {"$and": [{"doc_id": d}, {"version": v}]}
            for d, v in sorted(self.versions.items())
            if self.doc_ids is None or d in self.doc_ids
        ]
        clauses: list[dict[str, object]] = [per_doc[0] if len(per_doc) == 1 else {"$or": per_doc}]
        if self.languages is not None:
            clauses.append({"language": {"$in": sorted(self.languages)}})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass
class SectionHit:
    doc_id: str
    section: str
    version: str
    fused: float
    dense: float | None = None
    keyword: float | None = None
    chunks: list[Chunk] = field(default_factory=list)
    # Learner questions written for this section that matched the query.
    questions: list[Chunk] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.section)

    @property
    def best_chunk(self) -> Chunk:
        return self.chunks[0]


class Retriever:
    def __init__(self, index: LoadedIndex, embedder: Embedder) -> None:
        self.index = index
        self.embedder = embedder
        self._by_id = {c.chunk_id: c for c in index.chunks}
        self._text_chunks: dict[tuple[str, str, str], list[Chunk]] = {}
        self._admitted: dict[tuple[object, ...], int] = {}
        for chunk in index.chunks:
            if chunk.kind == "text":
                key = (chunk.doc_id, chunk.version, chunk.section)
                self._text_chunks.setdefault(key, []).append(chunk)

    def search(
        self,
        queries: str | Sequence[str],
        scope: Scope,
        k: int = 5,
        vectors: Sequence[Sequence[float]] | None = None,
    ) -> list[SectionHit]:
        """Sections ranked for the query (or several phrasings of it, e.g. a translation).
        `vectors` are the queries' embeddings when the caller already has them."""
        texts = [queries] if isinstance(queries, str) else list(queries)
        if not texts or not scope.versions:
            return []
        rankings: list[list[tuple[Chunk, float]]] = []
        for i, text in enumerate(texts):
            vector = list(vectors[i]) if vectors is not None else self.embedder.embed_query(text)
            rankings.append(self._dense(vector, scope))
            rankings.append(self._keyword(text, scope))
        hits = _fuse(rankings, dense_runs=set(range(0, len(rankings), 2)))[:k]
        for hit in hits:
            if not hit.chunks:  # matched through its learner questions only
                own = self._text_chunks.get((hit.doc_id, hit.version, hit.section), [])
                hit.chunks = [c for c in own if c.official] + [c for c in own if not c.official]
        return hits

    def _dense(self, vector: list[float], scope: Scope) -> list[tuple[Chunk, float]]:
        admitted = self._admitted_count(scope)
        if not admitted:
            return []
        wanted = min(CANDIDATES, admitted)
        total = len(self.index.chunks)
        # Chroma's metadata filter costs four times the vector search itself on an index this
        # size. When most chunks are in scope, more neighbours are fetched unfiltered and the
        # scope applied here; the filtered query remains for narrow scopes and as a fallback.
        if admitted * UNFILTERED_MIN_SHARE >= total:
            fetch = min(total, math.ceil(wanted * total / admitted * UNFILTERED_MARGIN))
            ranked = [hit for hit in self._query(vector, fetch, None) if scope.admits(hit[0])]
            if len(ranked) >= wanted:
                return ranked[:wanted]
        return self._query(vector, wanted, scope.chroma_where())

    def _query(
        self, vector: list[float], n: int, where: dict[str, object] | None
    ) -> list[tuple[Chunk, float]]:
        result = self.index.collection.query(
            query_embeddings=[vector], n_results=n, where=where, include=["distances"]
        )
        ids, distances = result["ids"][0], result["distances"][0]
        # Cosine distance → similarity in [-1, 1].
        return [(self._by_id[i], 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def _admitted_count(self, scope: Scope) -> int:
        count = self._admitted.get(scope.key)
        if count is None:
            count = sum(1 for c in self.index.chunks if scope.admits(c))
            self._admitted[scope.key] = count
        return count

    def _keyword(self, text: str, scope: Scope) -> list[tuple[Chunk, float]]:
        scores = self.index.keyword_scores(text)
        order = np.argsort(-scores)
        out: list[tuple[Chunk, float]] = []
        for i in order:
            if scores[i] <= 0 or len(out) >= CANDIDATES:
                break
            chunk = self.index.chunks[int(i)]
            if scope.admits(chunk):
                out.append((chunk, float(scores[i])))
        return out


def _fuse(rankings: list[list[tuple[Chunk, float]]], dense_runs: set[int]) -> list[SectionHit]:
    hits: dict[tuple[str, str], SectionHit] = {}
    for run, ranking in enumerate(rankings):
        seen: set[tuple[str, str]] = set()
        for chunk, score in ranking:
            key = (chunk.doc_id, chunk.section)
            hit = hits.setdefault(key, SectionHit(chunk.doc_id, chunk.section, chunk.version, 0.0))
            bucket = hit.questions if chunk.kind == "question" else hit.chunks
            if chunk not in bucket:
                bucket.append(chunk)
            if run in dense_runs:
                hit.dense = max(hit.dense or -1.0, score)
            else:
                hit.keyword = max(hit.keyword or 0.0, score)
            if key in seen:
                continue
            # Rank sections, not chunks: a section's best chunk stands for it in each run.
            seen.add(key)
            weight = DENSE_WEIGHT if run in dense_runs else KEYWORD_WEIGHT
            hit.fused += weight / (RRF_K + len(seen))
    ranked = sorted(hits.values(), key=lambda h: h.fused, reverse=True)
    for hit in ranked:
        hit.chunks.sort(key=lambda c: _chunk_order(c, rankings), reverse=True)
    return ranked


def _chunk_order(chunk: Chunk, rankings: list[list[tuple[Chunk, float]]]) -> float:
    return sum(
        1.0 / (RRF_K + rank)
        for ranking in rankings
        for rank, (c, _) in enumerate(ranking, start=1)
        if c.chunk_id == chunk.chunk_id
    )
