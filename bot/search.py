"""`POST /v1/search` and `termsbot search`: ranked sections with their scores."""

from __future__ import annotations

from bot.retrieval import SectionHit
from bot.schemas import SearchResponse, SearchResult
from ingest.corpus import Corpus


def to_response(hits: list[SectionHit], corpus: Corpus) -> SearchResponse:
    results = []
    for hit in hits:
        official = corpus.parsed(hit.doc_id, hit.version).get(hit.section)
        chunk = hit.best_chunk
        results.append(
            SearchResult(
                doc_id=hit.doc_id,
                section=hit.section,
                version=hit.version,
                title=official.title if official else chunk.title,
                text=chunk.text,
                score=round(hit.fused, 6),
                language=chunk.language,
                official=chunk.official,
                dense_score=None if hit.dense is None else round(hit.dense, 6),
                keyword_score=None if hit.keyword is None else round(hit.keyword, 6),
            )
        )
    return SearchResponse(results=results)
