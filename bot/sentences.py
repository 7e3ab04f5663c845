"""Sentence units of every section, embedded once: the material answers are built from.

A unit is a sentence of a paragraph, or a whole list item. Units keep their place so that an
answer can quote them verbatim and in reading order."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from bot.textnorm import fold
from ingest.corpus import Corpus
from ingest.embedders import Embedder
from ingest.parser import BULLET

# Split after . ! ? when the next sentence starts with a capital, a quote or a digit, but not
# after abbreviations that end with a dot ("e.g.", "Tél.", "R.", "No.", "art.").
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[«\"“(A-ZÀ-Ý0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|Tél|Tel|art|No|n°|R|L|M|Mme|cf|p)\.|\b[A-Z]\.)$")


@dataclass(frozen=True)
class Unit:
    doc_id: str
    version: str
    section: str
    language: str
    official: bool
    paragraph: int
    index: int
    text: str
    bullet: bool

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.doc_id, self.version, self.section, self.language)


def split_sentences(paragraph: str) -> list[str]:
    parts = _SPLIT.split(paragraph)
    merged: list[str] = []
    for part in parts:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return [m.strip() for m in merged if m.strip()]


class SentenceIndex:
    """Every unit of every parsed version, with a unit-normalised embedding matrix."""

    def __init__(self, corpus: Corpus, embedder: Embedder) -> None:
        self.units: list[Unit] = []
        for parsed in corpus.all_versions():
            for section in parsed.sections:
                self.units.extend(
                    section_units(
                        section.doc_id,
                        section.version,
                        section.section,
                        section.language,
                        section.official,
                        section.paragraphs,
                    )
                )
        self._by_section: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
        self._position: dict[Unit, int] = {}
        for i, unit in enumerate(self.units):
            self._by_section[unit.key].append(i)
            self._position.setdefault(unit, i)
        texts = list(dict.fromkeys(u.text for u in self.units))
        vectors = embedder.embed_documents(texts) if texts else []
        position = {t: i for i, t in enumerate(texts)}
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        self._matrix = matrix[[position[u.text] for u in self.units]] if self.units else matrix

    def of_section(self, doc_id: str, version: str, section: str, language: str) -> list[int]:
        return self._by_section.get((doc_id, version, section, language), [])

    def similarities(self, indices: list[int], query: np.ndarray) -> np.ndarray:
        if not indices:
            return np.zeros(0, dtype=np.float32)
        return np.asarray(self._matrix[indices] @ query, dtype=np.float32)

    def vector(self, index: int) -> np.ndarray:
        return np.asarray(self._matrix[index], dtype=np.float32)

    def position(self, unit: Unit) -> int:
        """Where `unit` sits in `units` (a dict: `units.index` scanned thousands per answer)."""
        return self._position[unit]


def section_units(
    doc_id: str,
    version: str,
    section: str,
    language: str,
    official: bool,
    paragraphs: tuple[str, ...],
) -> list[Unit]:
    units: list[Unit] = []
    for p_index, paragraph in enumerate(paragraphs):
        bullet = paragraph.startswith(BULLET)
        body = paragraph.removeprefix(BULLET)
        pieces = [body] if bullet else split_sentences(body)
        for s_index, piece in enumerate(pieces):
            units.append(
                Unit(doc_id, version, section, language, official, p_index, s_index, piece, bullet)
            )
    return units


# A quote longer than this is cut back to its first run of sentences.
MAX_SPAN = 700


def verbatim_span(paragraphs: tuple[str, ...], units: list[Unit], limit: int = MAX_SPAN) -> str:
    """The section's text from the first of `units` to the last, exactly as printed (what
    lies between included), so that a quote is always a substring of the section; when that
    is longer than `limit`, the first run of consecutive sentences alone."""
    ordered = sorted(units, key=lambda u: (u.paragraph, u.index))
    text = "\n\n".join(paragraphs)
    starts = [0]
    for paragraph in paragraphs:
        starts.append(starts[-1] + len(paragraph) + 2)

    def locate(unit: Unit) -> int:
        if unit.paragraph >= len(paragraphs):
            return -1
        found = paragraphs[unit.paragraph].find(unit.text)
        return -1 if found < 0 else starts[unit.paragraph] + found

    first, last = ordered[0], ordered[-1]
    start, end = locate(first), locate(last)
    if start >= 0 and end >= start:
        span = text[start : end + len(last.text)]
        if len(span) <= limit:
            return span
    run = [first]
    for unit in ordered[1:]:
        if unit.paragraph == run[-1].paragraph and unit.index == run[-1].index + 1:
            run.append(unit)
        else:
            break
    return " ".join(u.text for u in run)


# A quoted sentence longer than this is cut to the clauses around what it is quoted for.
CLIP_AT = 200
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


def clip(sentence: str, wanted: set[str], limit: int = CLIP_AT) -> str:
    """The clauses of `sentence` around the ones holding most of the `wanted` (folded)
    words, as one verbatim piece of at most about `limit` characters; short sentences whole."""
    if len(sentence) <= limit:
        return sentence
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    clauses = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    if len(clauses) < 2:
        return sentence

    def weight(span: tuple[int, int]) -> int:
        words = set(re.findall(r"\w+", fold(sentence[span[0] : span[1]])))
        return len(words & wanted)

    best = max(range(len(clauses)), key=lambda i: (weight(clauses[i]), -i))
    first = last = best
    while True:
        grow = [
            i
            for i in (first - 1, last + 1)
            if 0 <= i < len(clauses)
            and clauses[i][1] - clauses[i][0] + _width(clauses, first, last) <= limit
        ]
        if not grow:
            break
        pick = max(grow, key=lambda i: (weight(clauses[i]), i < first))
        first, last = min(first, pick), max(last, pick)
    return sentence[clauses[first][0] : clauses[last][1]].strip(" ,;:")


def _width(clauses: list[tuple[int, int]], first: int, last: int) -> int:
    return clauses[last][1] - clauses[first][0]


def clip_like(translation: str, original: str, clipped: str) -> str:
    """The clauses of `translation` that render the part `clipped` of `original`: the same
    share of the sentence, widened to whole clauses (translations keep the clause order)."""
    start = original.find(clipped)
    if start < 0 or clipped == original or len(translation) <= CLIP_AT:
        return translation
    low, high = start / len(original), (start + len(clipped)) / len(original)
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(translation)] + [len(translation)]
    clauses = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    size = len(translation)
    kept = [(a, b) for a, b in clauses if b / size > low + 0.02 and a / size < high - 0.02]
    if not kept:
        return translation
    return translation[kept[0][0] : kept[-1][1]].strip(" ,;:")
