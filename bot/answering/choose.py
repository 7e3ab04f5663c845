"""Which statements answer the question: facts of the best sections, scored by meaning (of
the fact and of the sentence it rests on), by shared words, by the kind of answer the
question wants, and by how well retrieval placed their section."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.answering.factindex import FactIndex, stem_set
from bot.answering.kinds import Ask
from bot.facts import Grounded
from bot.retrieval import SectionHit

# Calibrated on the development questions (benchmarks/tune_statements.py): words shared
# with the statement, its proof and the questions written for it weigh most; meaning (the
# embedder's, closest of the statement and its questions) settles the rest.
MEANING_WEIGHT = 0.3
QUESTION_WORDS_WEIGHT = 0.2
STATEMENT_WORDS_WEIGHT = 0.3
ALL_WORDS_WEIGHT = 0.6
KIND_BONUS = 0.06
YESNO_BONUS = 0.03
# Retrieval's order still counts: a fact of the third section must be clearly better.
RANK_PRIOR = (0.0, -0.08, -0.128, -0.16)
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
    named: tuple[str, ...] = (),
    limit: int = SECTIONS_CONSIDERED,
) -> list[Choice]:
    """Every fact of the best `limit` sections, best first; of the articles the learner
    names, when they name some."""
    considered = hits[:limit]
    if named:
        considered = [h for h in hits if h.section in named][:limit] or considered
    out = []
    for rank, hit in enumerate(considered):
        prior = RANK_PRIOR[min(rank, len(RANK_PRIOR) - 1)]
        for grounded in facts.of_section(hit.doc_id, hit.version, hit.section):
            score = _score(question, ask, query, grounded, facts, languages) + prior
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
    stated = f"{fact.fr} {fact.en} {' '.join(u.text for u in grounded.proof)}"
    asked = max((facts.lexical(question, q) for q in fact.questions), default=0.0)
    score = (
        MEANING_WEIGHT * facts.meaning(grounded, query)
        + QUESTION_WORDS_WEIGHT * asked
        + STATEMENT_WORDS_WEIGHT * facts.lexical(question, stated)
        + ALL_WORDS_WEIGHT * facts.lexical(question, f"{stated} {' '.join(fact.questions)}")
    )
    if ask.kinds & fact.kinds - {"yesno"}:
        score += KIND_BONUS
    if ask.polar and ask.modality and fact.polarity(ask.modality) is not None:
        score += YESNO_BONUS
    if "definition" in fact.kinds and _defines_a_word_of(question, grounded, facts, languages):
        score += DEFINED_TERM_BONUS
    return score


# A glossary entry ("Mentor : Prestataire expérimenté…") whose term the learner uses is the
# definition they are asking for, however its wording compares with the question's.
DEFINED_TERM = re.compile(r"^\W*([^:;.]{1,60}?)\s*:\s")
DEFINED_TERM_BONUS = 0.3


def _defines_a_word_of(
    question: str, grounded: Grounded, facts: FactIndex, languages: list[str]
) -> bool:
    wanted = stem_set(question)
    for unit in grounded.proof:
        for shown in facts.translations(unit, languages):
            term = DEFINED_TERM.match(shown.text)
            if term and stem_set(term[1]) & wanted:
                return True
    return False
