"""The fact bank, live: every fact grounded in each version it applies to, embedded once in
both languages, with the official sentences that prove it and their translation."""

from __future__ import annotations

import math
import re
import threading
from functools import lru_cache

import numpy as np

from bot.facts import Grounded, ground, load_facts
from bot.sentences import SentenceIndex, Unit
from bot.textnorm import stems
from ingest.answers import Fact
from ingest.corpus import Corpus
from ingest.embedders import Embedder


class FactIndex:
    def __init__(
        self, corpus: Corpus, corpus_dir: object, embedder: Embedder, sentences: SentenceIndex
    ) -> None:
        from pathlib import Path

        self.sentences = sentences
        facts = load_facts(corpus, Path(str(corpus_dir)))
        self._by_section = ground(corpus, facts)
        self._aligned: dict[tuple[Unit, str], Unit | None] = {}
        self._question_weights: dict[str, tuple[dict[str, float], float]] = {}
        derived = self._derive(corpus)
        # Each fact is matched by its statement in both languages and by the questions
        # written for it: a question is closest to another question.
        texts: list[str] = []
        spans: dict[str, tuple[int, int]] = {}
        for fact in facts:
            start = len(texts)
            texts += [fact.fr, fact.en, *fact.questions]
            spans[fact.id] = (start, len(texts))
        vectors = _embedded(embedder, texts)
        self._vectors = {key: vectors[a:b] for key, (a, b) in spans.items()}
        # A derived statement is matched by its sentence and the sentence's translation.
        for grounded in derived:
            rows = [sentences.vector(sentences.position(u)) for u in self._both(grounded.proof[0])]
            self._vectors[grounded.fact.id] = np.asarray(rows, dtype=np.float32)
        # Rare words weigh more ("rétractation" says more than "Premium").
        counts: dict[str, int] = {}
        documents = [f"{f.fr} {f.en}" for f in facts] + [u.text for u in sentences.units]
        for text in documents:
            for stem in stem_set(text):
                counts[stem] = counts.get(stem, 0) + 1
        total = max(len(documents), 1)
        self.idf = {stem: math.log(1 + total / n) for stem, n in counts.items()}
        self.default_idf = math.log(1 + total)

    def _derive(self, corpus: Corpus) -> list[Grounded]:
        """A statement for every sentence of every version that no written fact rests on (a
        new version's changed sentence, a gap in the bank): the sentence says itself."""
        out = []
        for doc in corpus.manifest.documents:
            for entry in doc.versions:
                for section in corpus.parsed(doc.doc_id, entry.version).sections:
                    key = (doc.doc_id, entry.version, section.section)
                    covered = {u for g in self._by_section.get(key, []) for u in g.proof}
                    indices = self.sentences.of_section(*key, doc.language)
                    for unit in (self.sentences.units[i] for i in indices):
                        if unit in covered or len(unit.text) < 25 or unit.text.endswith(":"):
                            continue
                        grounded = Grounded(self._derived_fact(unit), entry.version, (unit,))
                        self._by_section.setdefault(key, []).append(grounded)
                        out.append(grounded)
        return out

    def _derived_fact(self, unit: Unit) -> Fact:
        texts = {u.language: u.text for u in self._both(unit)}
        kinds = {"fact"} | ({"list"} if unit.bullet else set())
        if _DURATION.search(unit.text):
            kinds.add("duration")
        if _AMOUNT.search(unit.text):
            kinds.add("amount")
        return Fact(
            doc_id=unit.doc_id,
            section=unit.section,
            number=-1,
            quotes=(unit.text,),
            kinds=frozenset(kinds),
            yesno=(),
            fr=texts.get("fr", unit.text),
            en=texts.get("en", unit.text),
            derived=True,
            key=f"{unit.doc_id}:{unit.section}:{unit.version}:{unit.paragraph}.{unit.index}",
        )

    def _both(self, unit: Unit) -> list[Unit]:
        other = "en" if unit.language == "fr" else "fr"
        aligned = self.align(unit, other)
        return [unit, aligned] if aligned is not None else [unit]

    def of_section(self, doc_id: str, version: str, section: str) -> list[Grounded]:
        return self._by_section.get((doc_id, version, section), [])

    def meaning(self, grounded: Grounded, query: np.ndarray) -> float:
        """How close the question is to the fact: its statement in either language, or one
        of the questions written for it."""
        return max(self.meanings(grounded, query))

    def meanings(
        self, grounded: Grounded, query: np.ndarray, leave_out: str | None = None
    ) -> tuple[float, float]:
        """(closest statement, closest question) similarities; `leave_out` drops one of the
        fact's own questions (for fitting the chooser's weights)."""
        fact = grounded.fact
        scores = self._vectors[fact.id] @ query
        asked = [
            float(score)
            for question, score in zip(fact.questions, scores[2:], strict=True)
            if question != leave_out
        ]
        return float(np.max(scores[:2])), max(asked, default=-1.0)

    def proof_meaning(self, grounded: Grounded, query: np.ndarray, languages: list[str]) -> float:
        """How close the question is to the sentences the fact rests on, in either language."""
        best = -1.0
        for unit in grounded.proof:
            for other in self.translations(unit, languages):
                position = self.sentences.position(other)
                best = max(best, float(self.sentences.vector(position) @ query))
        return best

    def translations(self, unit: Unit, languages: list[str]) -> list[Unit]:
        """`unit` and the sentence rendering it in each of `languages` (same paragraph)."""
        out = [unit]
        for language in languages:
            if language == unit.language:
                continue
            aligned = self.align(unit, language)
            if aligned is not None:
                out.append(aligned)
        return out

    def align(self, unit: Unit, language: str) -> Unit | None:
        key = (unit, language)
        if key not in self._aligned:
            self._aligned[key] = _align(self.sentences, unit, language)
        return self._aligned[key]

    def lexical(self, question: str, text: str) -> float:
        """Share of the question's (idf-weighted) words found in `text`."""
        weights, total = self._weights(question)
        if not total:
            return 0.0
        return sum(weights[s] for s in weights.keys() & stem_set(text)) / total

    def _weights(self, question: str) -> tuple[dict[str, float], float]:
        # One question is weighed against dozens of statements: its weights are kept.
        cached = self._question_weights.get(question)
        if cached is None:
            stems = stem_set(_DURATION_ASKED.sub(" ", question)) - _SCAFFOLD
            weights = {s: self.idf.get(s, self.default_idf) for s in stems}
            cached = (weights, sum(weights.values()))
            if len(self._question_weights) > 4096:
                self._question_weights.clear()
            self._question_weights[question] = cached
        return cached


def _align(sentences: SentenceIndex, unit: Unit, language: str) -> Unit | None:
    indices = sentences.of_section(unit.doc_id, unit.version, unit.section, language)
    same = [i for i in indices if sentences.units[i].paragraph == unit.paragraph]
    if not same:
        return None
    if len(same) == 1:
        return sentences.units[same[0]]
    vector = sentences.vector(sentences.position(unit))
    scores = sentences.similarities(same, vector)
    scores = scores + np.array(
        [0.1 * _same_numbers(sentences.units[i].text, unit.text) for i in same],
        dtype=np.float32,
    )
    return sentences.units[same[int(np.argmax(scores))]]


def _same_numbers(a: str, b: str) -> float:
    import re

    na, nb = set(re.findall(r"\d+", a)), set(re.findall(r"\d+", b))
    if not na and not nb:
        return 0.5
    return len(na & nb) / max(len(na | nb), 1)


_DURATION = re.compile(
    r"\b\d+\)?\s*(jours?|days?|mois|months?|ans?|years?|heures?|hours?|minutes?|semaines?|weeks?)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"\d\s*(%|euros?|€)", re.IGNORECASE)


# Statements and their questions, embedded once per process and embedder: every Runtime of a
# process (the HTTP door's, the tests') shares them.
_EMBEDDINGS: dict[tuple[str, int], np.ndarray] = {}
_EMBEDDINGS_LOCK = threading.Lock()


def _embedded(embedder: Embedder, texts: list[str]) -> np.ndarray:
    key = (embedder.name, hash(tuple(texts)))
    with _EMBEDDINGS_LOCK:
        cached = _EMBEDDINGS.get(key)
    if cached is None:
        cached = np.asarray(embedder.embed_documents(texts) if texts else [], dtype=np.float32)
        with _EMBEDDINGS_LOCK:
            _EMBEDDINGS[key] = cached
    return cached


# Words that frame a question rather than say what it is about ("what does X mean?").
# How a question asks for a length of time: the kind of answer it wants (read by
# bot.answering.kinds), not its subject. "Combien de temps dure le délai de réflexion ?" is
# about the reflection period, not about "la durée moyenne de la formation".
_DURATION_ASKED = re.compile(
    r"\b(?:pendant |during )?combien de temps(?: (?:dure|durent|durera|va durer|faut-il))?\b"
    r"|\bhow long(?: (?:does|do|will|is|are))?\b|\b(?:last|lasts)\s*\?",
    re.IGNORECASE,
)
_SCAFFOLD = frozenset(
    stems(
        "mean means meaning signifie signifier veut dire definition définition exactly "
        "exactement called appelle appelé quoi explain expliquer explique",
        None,
    )
)


@lru_cache(maxsize=16384)
def stem_set(text: str) -> frozenset[str]:
    return frozenset(stems(text, None))
