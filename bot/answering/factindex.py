"""The fact bank, live: every fact grounded in each version it applies to, embedded once in
both languages, with the official sentences that prove it and their translation."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from bot.facts import Grounded, ground, load_facts
from bot.sentences import SentenceIndex, Unit
from bot.textnorm import stems
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
        # Each fact is matched by its statement in both languages and by the questions
        # written for it: a question is closest to another question.
        texts: list[str] = []
        spans: dict[str, tuple[int, int]] = {}
        for fact in facts:
            start = len(texts)
            texts += [fact.fr, fact.en, *fact.questions]
            spans[fact.id] = (start, len(texts))
        vectors = np.asarray(embedder.embed_documents(texts) if texts else [], dtype=np.float32)
        self._vectors = {key: vectors[a:b] for key, (a, b) in spans.items()}
        # Rare words weigh more ("rétractation" says more than "Premium").
        counts: dict[str, int] = {}
        documents = [f"{f.fr} {f.en}" for f in facts] + [u.text for u in sentences.units]
        for text in documents:
            for stem in stem_set(text):
                counts[stem] = counts.get(stem, 0) + 1
        total = max(len(documents), 1)
        self.idf = {stem: math.log(1 + total / n) for stem, n in counts.items()}
        self.default_idf = math.log(1 + total)

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
            weights = {s: self.idf.get(s, self.default_idf) for s in stem_set(question)}
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


@lru_cache(maxsize=16384)
def stem_set(text: str) -> frozenset[str]:
    return frozenset(stems(text, None))
