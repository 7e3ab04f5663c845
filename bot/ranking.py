"""From retrieval hits to the sections an answer cites: hints re-rank, named articles go
first, close calls are cited together, and weak evidence is not trusted."""

from __future__ import annotations

import re

from bot.hints import Hints, plan_of
from bot.retrieval import SectionHit
from bot.runtime import Runtime

# Calibrated on the development questions (`termsbot eval`, and the in/out-of-scope spread
# printed by benchmarks/retrieval_recall.py): below both, the documents do not hold the answer.
MIN_DENSE = 0.30
MIN_KEYWORD = 3.0
# A section first by both dense and keyword scores, DOMINANT_MARGIN ahead by dense
# similarity, keeps its lead through the hints' re-ranking (unless a hint demotes it).
DOMINANT_MARGIN = 0.1
# The Regulations' weight when the learner says they have Premium Solo.
SOLO_REGULATIONS = 0.85
# A second section this close to the first (fused score ratio) is cited too.
CLOSE_CALL = 0.92
# How much closer to the documents than to the off-topic prototypes a message must be.
MIN_DOMAIN_MARGIN = -0.02

BRAND = re.compile(
    r"\b(open ?classrooms?(\.com)?|OC|premium plus|premium solo|premium)\b", re.IGNORECASE
)


def without_brand(query: str) -> str:
    """The school's and the offers' names are in nearly every clause: in a query they only
    pull towards the clauses that describe them (the offer a learner names still re-ranks,
    through the hints)."""
    cleaned = re.sub(r"\s+", " ", BRAND.sub(" ", query)).strip()
    return cleaned if len(cleaned) >= 3 else query


def rerank(
    hits: list[SectionHit], hints: Hints, versions: dict[str, str], runtime: Runtime
) -> list[SectionHit]:
    leader = _clear_leader(hits)
    leader_factor = 1.0
    for hit in hits:
        factor = 1.0
        if hints.doc_ids and hit.doc_id not in hints.doc_ids:
            factor *= 0.7
        plan = plan_of(hit.doc_id, hit.section)
        if hints.plan and plan:
            factor *= 1.1 if plan == hints.plan else 0.7
        elif hints.plan == "solo" and hit.doc_id == "regulations":
            # The Regulations govern learners of a training path (Article 1), which Premium
            # Solo, courses alone, is not.
            factor *= SOLO_REGULATIONS
        hit.fused *= factor
        if hit is leader:
            leader_factor = factor
    if leader is not None and leader_factor >= 1.0:
        # Just ahead: the sections it passes stay close enough to be cited beside it.
        others = max(h.fused for h in hits if h is not leader)
        leader.fused = max(leader.fused, others * (1 + 1e-3))
    ranked = sorted(hits, key=lambda h: h.fused, reverse=True)
    # An article the learner names goes first, when the named document has it.
    for section in reversed(hints.sections):
        docs = sorted(hints.doc_ids) or [h.doc_id for h in ranked[:1]] or ["cgs"]
        for doc_id in docs:
            parsed = runtime.corpus.parsed(doc_id, versions[doc_id])
            if parsed.get(section) is None:
                continue
            existing = next(
                (h for h in ranked if h.doc_id == doc_id and h.section == section), None
            )
            if existing is None:
                existing = synthetic_hit(runtime, doc_id, section, versions[doc_id])
            else:
                ranked.remove(existing)
            ranked.insert(0, existing)
            break
    return ranked


def _clear_leader(hits: list[SectionHit]) -> SectionHit | None:
    """The section first by meaning and by words alike, well ahead by meaning: rank fusion
    keeps only its rank, so a small re-ranking factor could otherwise pass it over."""
    if len(hits) < 2:
        return None
    by_dense = sorted(hits, key=lambda h: h.dense or -1.0, reverse=True)
    by_keyword = max(hits, key=lambda h: h.keyword or 0.0)
    first, second = by_dense[0], by_dense[1]
    margin = (first.dense or -1.0) - (second.dense or -1.0)
    return first if first is by_keyword and margin >= DOMINANT_MARGIN else None


def synthetic_hit(runtime: Runtime, doc_id: str, section: str, version: str) -> SectionHit:
    chunks = [
        c
        for c in runtime.retriever().index.chunks
        if c.doc_id == doc_id and c.section == section and c.version == version
    ]
    return SectionHit(doc_id, section, version, fused=1.0, dense=None, keyword=None, chunks=chunks)


def cited_sections(hits: list[SectionHit], hints: Hints) -> list[SectionHit]:
    if not hits:
        return []
    named = [h for h in hits if h.section in hints.sections]
    if named:
        # The articles the learner names are what they want to read, in their order.
        return (named + [h for h in hits if h not in named])[: max(len(named), 1) + 1][:3]
    chosen = [hits[0]]
    for hit in hits[1:3]:
        other_doc = hit.doc_id != chosen[0].doc_id
        if hit.fused >= CLOSE_CALL * hits[0].fused or (hints.compare and other_doc):
            chosen.append(hit)
    if hints.compare and len({h.doc_id for h in chosen}) == 1 and len(hints.doc_ids) == 2:
        other = next((h for h in hits if h.doc_id != chosen[0].doc_id), None)
        if other is not None:
            chosen.append(other)
    return chosen[:3]


def confident(hits: list[SectionHit]) -> bool:
    if not hits:
        return False
    top = hits[0]
    if top.dense is None and top.keyword is None:
        return True  # the learner named the article
    return (top.dense or 0.0) >= MIN_DENSE or (top.keyword or 0.0) >= MIN_KEYWORD
