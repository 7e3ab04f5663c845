"""French or English: which language a learner's message is written in.

Two signals are combined, because each fails where the other is strong:

* **lingua** (restricted to French and English) reads letter n-grams. It is reliable on
  sentences but unsure on two-word messages, and an English sentence full of quoted French
  legal terms ("délai de réflexion") looks French to it.
* **function words** ("et", "pour", "j'", "the", "and", "does"…) carry the grammar of the
  sentence, not its vocabulary, so they decide short and mixed messages. Unaccented slang
  ("jai", "pr", "c nul", "au taf") is listed with them.

Quoted passages ('…', "…", «…», “…”) and brand or document names (Premium Plus, Solo,
OpenClassrooms, Internal Regulations…) are removed first: they say what the learner is
talking about, not which language they speak.

The combined evidence lies in [-1, 1] (positive means French). Below `_WEAK` it is too thin
to decide, and the conversation's language (`fallback`) wins when there is one; otherwise
the sign decides, and a message with no evidence at all is taken as French, the school's
language.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from lingua import LanguageDetector

Lang = Literal["fr", "en"]

_WEAK = 0.3
# lingua's vote counts fully from this many letters on; shorter texts count proportionally.
_LINGUA_FULL_LETTERS = 20
_LINGUA_WEIGHT = 0.6
# Weight of a French accented word that is not itself a function word.
_ACCENT_VOTE = 0.5


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FRENCH_WORDS = _word_set(
    """
    le la les un une des du de et est sont je tu il elle ils elles nous vous mon ma mes ton ta
    tes sa ses notre votre nos vos leur leurs ce cet cette ces que qui quoi quand pourquoi
    combien où ou avec sans dans sur sous pour par pas ne rien jamais aussi mais donc avoir
    être suis sommes êtes ai avez avons ont fait faut peux peut veux veut dois doit au aux y
    merci bonjour salut bonsoir oui non svp stp jai jsuis chui cest ya pr pk pq bcp tjrs c nul
    taf ça ca voilà alors très trop encore déjà après avant depuis pendant quel quelle quels
    quelles est-ce aujourd'hui hier demain moi toi lui eux été avait étais était vais vas va
    allez chez parce comme ici là dois-je puis-je quand-même genre
    """
)
_ENGLISH_WORDS = _word_set(
    """
    the and of to in is are was were be been being i you he she it we they my your his her its
    our their this that these those what when where why how who which can could would should
    will shall do does did have has had not no yes with for from about at by if then than
    there here just also so thanks thank thx pls please hi hello hey u ur im dont cant wanna
    gonna get any some much many before because into out up am
    """
)
_FRENCH_ELISIONS = frozenset(["j", "l", "d", "qu", "c", "n", "s", "m", "t", "jusqu", "lorsqu"])
_ENGLISH_CONTRACTIONS = frozenset(["t", "m", "s", "ve", "ll", "re", "d"])

_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_FRENCH_ACCENTS = re.compile(r"[éèêëàâçùûôîïœ]")
# A single quote opens a quotation only after a non-letter: "j'ai" and "don't" are words.
_QUOTED = re.compile(r"(?<!\w)'[^'\n]{1,120}'(?!\w)|\"[^\"\n]{1,120}\"|«[^»]{1,120}»|“[^”]{1,120}”")
_NAMES = re.compile(
    r"\b(?:open\s?classrooms|oc|premium\s+plus|premium\s+solo|premium|solo|rncp|cgs|cgu"
    r"|internal\s+regulations|règlement\s+intérieur|france\s+travail|cpf)\b",
    re.IGNORECASE,
)


def detect_language(text: str, fallback: Lang | None = None) -> Lang:
    """The language of `text`; `fallback` (the conversation's language) when evidence is weak."""
    evidence = _evidence(text)
    if abs(evidence) < _WEAK and fallback is not None:
        return fallback
    return _decide(evidence)


def detect_language_with_confidence(text: str) -> tuple[Lang, float]:
    """The better guess and a confidence in [0.5, 1] (0.5: no evidence either way)."""
    evidence = _evidence(text)
    return _decide(evidence), 0.5 + abs(evidence) / 2


def _decide(evidence: float) -> Lang:
    return "en" if evidence < 0 else "fr"


def _evidence(text: str) -> float:
    cleaned = _strip_non_language(text.replace("’", "'").replace("‘", "'"))
    words = [w.lower() for w in _WORD.findall(cleaned)]
    if not words:
        return 0.0
    french, english = _word_votes(words)
    word_evidence = math.tanh((french - english) / 2)
    letters = sum(len(w) for w in words)
    weight = _LINGUA_WEIGHT * min(1.0, letters / _LINGUA_FULL_LETTERS)
    combined = word_evidence + weight * (2 * _lingua_french_probability(cleaned) - 1)
    return max(-1.0, min(1.0, combined))


def _strip_non_language(text: str) -> str:
    """Drop quotations and names, unless nothing in a language would remain."""
    stripped = _NAMES.sub(" ", _QUOTED.sub(" ", text))
    return stripped if _WORD.search(stripped) else text


def _word_votes(words: list[str]) -> tuple[float, float]:
    french = english = 0.0
    for word in words:
        if word in _FRENCH_WORDS:
            french += 1
        elif word in _ENGLISH_WORDS:
            english += 1
        elif "'" in word:
            head, _, tail = word.partition("'")
            if head in _FRENCH_ELISIONS:
                french += 1
            elif tail in _ENGLISH_CONTRACTIONS:
                english += 1
        elif _FRENCH_ACCENTS.search(word):
            french += _ACCENT_VOTE
    return french, english


def _lingua_french_probability(text: str) -> float:
    """lingua's probability that `text` is French rather than English (0.5 if it abstains)."""
    from lingua import Language

    detector = _detector()
    # Below lingua's minimum relative distance it abstains: its vote then counts for nothing.
    if detector.detect_language_of(text) is None:
        return 0.5
    values = {c.language: c.value for c in detector.compute_language_confidence_values(text)}
    french, english = values.get(Language.FRENCH, 0.0), values.get(Language.ENGLISH, 0.0)
    if french + english == 0:
        return 0.5
    return french / (french + english)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """Built once, on first use (about 0.2 s with both models preloaded)."""
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH)
        .with_minimum_relative_distance(0.1)
        .with_preloaded_language_models()
        .build()
    )
