"""Text normalisation shared by keyword search and answer matching."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from itertools import pairwise
from typing import Any

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})
# "L.444-8" and "L444-8" are the same article.
_ARTICLE_REF = re.compile(r"\b([a-z])\.\s?(\d)")
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Elided articles and pronouns carry no meaning for keyword search: "l'abonnement" → abonnement.
_ELISION = re.compile(r"\b(?:l|d|j|n|s|t|m|qu|c)'")

STOPWORDS = frozenset(
    [
        "a",
        "à",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cette",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "est",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "nous",
        "on",
        "ou",
        "où",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "si",
        "son",
        "sont",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "ai",
        "as",
        "avez",
        "être",
        "été",
        "fait",
        "faire",
        "peut",
        "peux",
        "the",
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "am",
    ]
)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, unified apostrophes and spaces, no accents: for matching, never display."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return re.sub(r"\s+", " ", text).strip()


_SICK_LEAVE = re.compile(r"\barrets? (maladie|de travail)\b")


def tokens(text: str) -> list[str]:
    """Keyword tokens: folded, elisions removed, stopwords dropped; a hyphenated reference
    ("l444-8") is kept whole and also split into its parts."""
    folded = _ELISION.sub(" ", _ARTICLE_REF.sub(r"\1\2", fold(text)))
    # "arrêt maladie" (sick leave) is one thing, not "arrêter" (to stop): both stem to
    # "arret", and "je veux arrêter" would read as a question about sick leave.
    folded = _SICK_LEAVE.sub("arretmaladie", folded)
    out: list[str] = []
    for token in _TOKEN.findall(folded):
        if token in STOPWORDS:
            continue
        out.append(token)
        if "-" in token:
            out.extend(p for p in token.split("-") if p and p not in STOPWORDS)
    return out


# Snowball stemmers keep the word being stemmed in the instance: threads sharing one (the
# HTTP door answers in a thread pool) corrupt each other's words, so each thread has its own.
_STEMMERS = threading.local()


def _stemmer(language: str) -> Any:
    stemmer = getattr(_STEMMERS, language, None)
    if stemmer is None:
        import snowballstemmer

        stemmer = snowballstemmer.stemmer({"fr": "french", "en": "english"}[language])
        setattr(_STEMMERS, language, stemmer)
    return stemmer


@lru_cache(maxsize=65_536)
def _stem(language: str, word: str) -> str:
    # Snowball is pure Python and learners reuse a small vocabulary: a cache takes stemming
    # from most of the keyword search's time per question to almost nothing.
    stem = fold(_stemmer(language).stemWord(word))
    # Snowball leaves irregular verb forms apart from their noun ("m'exclut", "exclu",
    # "exclusion", "excluded"): the Regulations' sanctions are asked about in all of them.
    return _IRREGULAR.get(stem[:5], stem)


_IRREGULAR = {"exclu": "exclu"}


def stems(text: str, language: str | None) -> list[str]:
    """Stemmed tokens ("résilier", "résilié", "résiliation" → "resili"). Without a language
    (a learner's query) each word is stemmed both ways, so it meets either document."""
    words = tokens(text)
    if language is not None:
        return [_stem(language, w) for w in words]
    out: list[str] = []
    for lang in ("fr", "en"):
        out += [_stem(lang, w) for w in words]
    return list(dict.fromkeys(out))


def tokens_with_bigrams(text: str, language: str | None = None) -> list[str]:
    """Stems plus adjacent pairs of words, so an exact phrase ("40 euros", "AME Conso")
    outranks documents that merely contain both words."""
    words = tokens(text)
    return stems(text, language) + [f"{a}_{b}" for a, b in pairwise(words)]
