"""Which statements answer the question: facts of the best sections, scored by meaning (of
the fact and of the sentence it rests on), by shared words, by the kind of answer the
question wants, and by how well retrieval placed their section."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answering.factindex import FactIndex
from bot.answering.kinds import Ask
from bot.facts import Grounded
from bot.retrieval import SectionHit

# Calibrated on the development questions and the review set (`termsbot eval`).
MEANING_WEIGHT = 0.2
PROOF_WEIGHT = 0.0
LEXICAL_WEIGHT = 0.6
KIND_BONUS = 0.06
YESNO_BONUS = 0.03
# Retrieval's order still counts: a fact of the third section must be clearly better.
RANK_PRIOR = (0.0, -0.08, -0.13, -0.16)
SECTIONS_CONSIDERED = len(RANK_PRIOR)
# Below this, no statement answers: the answer falls back to the best sentence.
MIN_SCORE = 0.0


@dataclass(frozen=True)
class Choice:
    grounded: Grounded
    hit: SectionHit
    rank: int
    score: float

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.hit.doc_id, self.hit.section, self.hit.version)


def candidates(
    question: str,
    ask: Ask,
    query: np.ndarray,
    hits: list[SectionHit],
    facts: FactIndex,
    languages: list[str],
) -> list[Choice]:
    """Every fact of the best sections, best first."""
    out = []
    for rank, hit in enumerate(hits[:SECTIONS_CONSIDERED]):
        for grounded in facts.of_section(hit.doc_id, hit.version, hit.section):
            score = _score(question, ask, query, grounded, facts, languages) + RANK_PRIOR[rank]
            out.append(Choice(grounded, hit, rank, score))
    return sorted(out, key=lambda c: c.score, reverse=True)


def _score(
    question: str,
    ask: Ask,
    query: np.ndarray,
    grounded: Grounded,
    facts: FactIndex,
    languages: list[str],
) -> float:
    fact = grounded.fact
    proof = " ".join(u.text for u in grounded.proof)
    score = MEANING_WEIGHT * facts.meaning(grounded, query) + LEXICAL_WEIGHT * facts.lexical(
        question, f"{fact.fr} {fact.en} {proof}"
    )
    if PROOF_WEIGHT:
        score += PROOF_WEIGHT * facts.proof_meaning(grounded, query, languages)
    if ask.kinds & fact.kinds - {"yesno"}:
        score += KIND_BONUS
    if ask.polar and ask.modality and fact.polarity(ask.modality) is not None:
        score += YESNO_BONUS
    return score
