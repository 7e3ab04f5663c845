"""Which statements answer the question: facts of the best sections, scored by a weighted sum
of features — meaning (the embedder's, against the statement and the questions written for
it), shared words (with the statement and its proof, with its questions), the kind of answer
the question wants, and where retrieval placed the section.

The weights are fitted by benchmarks/tune_statements.py on the fact bank's own questions
(each one left out of its fact in turn) and checked on the development and review sets."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.answering.factindex import FactIndex, stem_set
from bot.answering.kinds import Ask
from bot.facts import Grounded
from bot.retrieval import SectionHit
from bot.textnorm import fold

FEATURES = (
    "meaning_statement",
    "meaning_questions",
    "words_statement",
    "words_questions",
    "words_all",
    "kind",
    "yesno",
    "defined_term",
    "rank_1",
    "rank_2",
    "rank_3",
)
# Fitted by benchmarks/tune_statements.py (l2=0.1, 800 iterations, on 1,402 questions of the
# fact bank): the chosen statement states the expected facts for 0.912 of the development
# questions and 0.914 of the review set where one of them does (hand-set weights: 0.853, 0.879).
WEIGHTS = np.array(
    [0.273, 0.284, 0.415, 0.072, 0.357, 0.186, 0.125, 0.060, -0.150, -0.212, -0.216],
    dtype=np.float64,
)
SECTIONS_CONSIDERED = 4
# Below this, no statement answers: the answer falls back to the best sentence.
MIN_SCORE = -1e9


@dataclass(frozen=True)
class Choice:
    grounded: Grounded
    hit: SectionHit
    rank: int
    score: float
    # The statement defines a term the learner uses (for a definition question).
    defines: bool = False

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
    # The documents' names say where to look, not what is asked: their words would pull
    # towards every statement that mentions them.
    asked = _DOC_NAMES.sub(" ", question)
    folded = fold(question)
    self_funded = bool(_SELF_FUNDED.search(folded))
    out = []
    for rank, hit in enumerate(considered):
        for grounded in facts.of_section(hit.doc_id, hit.version, hit.section):
            row = features(asked, ask, query, grounded, facts, languages, rank)
            defines = bool(row[FEATURES.index("defined_term")])
            score = float(row @ WEIGHTS)
            if self_funded and _FUNDED_CONDITION.search(fold(grounded.fact.en)):
                score -= OTHER_SITUATION
            if _unmentioned_situation(grounded, folded):
                score -= OTHER_SITUATION
            out.append(Choice(grounded, hit, rank, score, defines))
    return sorted(out, key=lambda c: c.score, reverse=True)


def features(
    question: str,
    ask: Ask,
    query: np.ndarray,
    grounded: Grounded,
    facts: FactIndex,
    languages: list[str],
    rank: int,
    leave_out: str | None = None,
) -> np.ndarray:
    """The features of one statement for one question, in the order of FEATURES.
    `leave_out` drops one of the statement's own questions (for fitting the weights)."""
    fact = grounded.fact
    questions = [q for q in fact.questions if q != leave_out]
    stated = f"{fact.fr} {fact.en} {' '.join(u.text for u in grounded.proof)}"
    statement_meaning, question_meaning = facts.meanings(grounded, query, leave_out)
    return np.array(
        [
            statement_meaning,
            max(statement_meaning, question_meaning),
            facts.lexical(question, stated),
            max((facts.lexical(question, q) for q in questions), default=0.0),
            facts.lexical(question, f"{stated} {' '.join(questions)}"),
            float(bool(ask.kinds & fact.kinds - {"yesno"})),
            float(bool(ask.polar and ask.modality and fact.polarity(ask.modality) is not None)),
            float(
                "definition" in fact.kinds
                and _defines_a_word_of(question, grounded, facts, languages)
            ),
            float(rank == 1),
            float(rank == 2),
            float(rank >= 3),
        ],
        dtype=np.float64,
    )


# A glossary entry ("Mentor : Prestataire expérimenté…") whose term the learner uses is the
# definition they are asking for, however its wording compares with the question's.
DEFINED_TERM = re.compile(
    r"^\W*([^:;.]{1,60}?)\s*:\s"
    # or a sentence that defines a quoted term: 'An "unauthorized absence" is any session…'
    r"|[\"“«]\s*([^\"”»]{2,40}?)\s*[\"”»]\s+(?:is|are|means|est|sont|désigne|signifie)\b"
)


TERM_SHARE = 0.5

# A learner who says they pay for their training themselves is not in the situation of a
# statement about funded learners ("No: if your training is funded by a third party…"):
# that statement answers another learner's question.
_SELF_FUNDED = re.compile(
    r"\b(pay(ing)? (for )?(it|the training|my training|my path)? ?(myself|out of (my )?pocket)"
    r"|self[- ]?fund|my own (money|expense|pocket)|own expense|a mes frais|de ma poche"
    r"|je (paie|paye|finance)\b.{0,25}\b(moi[- ]meme|seule?|tout seul)|autofinanc"
    r"|sans (aucun )?financement|without (any )?funding)"
)
_FUNDED_CONDITION = re.compile(r"^(no\W+)?if\b.{0,30}\bfund")
OTHER_SITUATION = 0.3

# Statements written for a learner in a particular situation open with it ("Un arrêt maladie
# ne met pas…", "If you are a minor…", "Pour les apprentis…"); a question that never
# mentions that situation is asked by someone else. (situation opening the statement, in
# either language; words of the question that mention it)
_OPENS = r"^((non|no|oui|yes)\W+)?"
_SITUATIONS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(_OPENS + opening), re.compile(mentioned))
    for opening, mentioned in (
        (
            r"(un arret maladie|sick leave|en cas d'arret maladie|if you are on sick)",
            r"\b(arret|maladie|malade|sick|ill|illness|medical|medecin|doctor|hospital"
            r"|hopital|sante|health)",
        ),
        (
            r"(si vous etes mineur|if you are a minor|for a minor|pour un mineur)",
            r"\b(mineur|minor|ans|years? old|age|parent|17|16|15)\b",
        ),
        (
            r"(pour les apprentis|for apprentices|si vous etes apprenti|if you are an apprentice)",
            r"\b(apprenti\w*|alternan\w*|apprentice\w*|work-study|cfa|employeur|employer"
            r"|entreprise|company)",
        ),
        (
            r"(si vous etes en situation de handicap|if you have a disability"
            r"|for persons with disabilit)",
            r"\b(handicap\w*|disabilit\w*|disabled|besoins? specifiques?|specific needs?|rqth)",
        ),
    )
)


def _unmentioned_situation(grounded: Grounded, question: str) -> bool:
    fact = grounded.fact
    for opening, mentioned in _SITUATIONS:
        if (
            opening.search(fold(fact.fr)) or opening.search(fold(fact.en))
        ) and not mentioned.search(question):
            return True
    return False


# The documents' own names ("Terms of Service", "Conditions générales de services") name no
# term the learner asks about.
_DOC_NAMES = re.compile(
    r"\b(general )?terms (of (service|use|sale)|and conditions)"
    r"|conditions g[ée]n[ée]rales( d[eu'] ?\w+)?"
    r"|\b(cgs|cgv|cgu|tos)\b|r[èe]glement int[ée]rieur|internal regulations",
    re.IGNORECASE,
)


def _defines_a_word_of(
    question: str, grounded: Grounded, facts: FactIndex, languages: list[str]
) -> bool:
    wanted = stem_set(question)
    # The sentence a statement opens with: one that only goes on to a definition (the
    # penalty for a late cancellation, then what an unauthorized absence is) does not define.
    for unit in grounded.proof[:1]:
        for shown in facts.translations(unit, languages):
            term = DEFINED_TERM.search(shown.text)
            if term is None:
                continue
            # Most of the term's words are the learner's: "Justified absences include: …"
            # lists examples, it does not define the "unauthorized absence" asked about.
            words = stem_set(term[1] or term[2])
            if words and len(words & wanted) >= TERM_SHARE * len(words):
                return True
    return False
