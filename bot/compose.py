"""Default-mode answers: the most relevant sentences of the best sections, in the learner's
language, then verbatim quotes. Nothing is said that the quoted text does not say."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.reply import Passage
from bot.sentences import SentenceIndex, Unit, verbatim_span
from bot.textnorm import stems
from bot.wording import Lang
from ingest.corpus import Corpus

MAX_PRIMARY = 3
MAX_SECONDARY = 2
# A sentence this close to the best one is kept too: rules often span two sentences.
KEEP_MARGIN = 0.06
LEXICAL_WEIGHT = 0.4
BILINGUAL = True
_AGE = re.compile(
    r"\b(?:a|ai|as|avons|ont|agee?s? de|i'?m|i am|is|are|he'?s|she'?s|aged?)\s+\d+\s*"
    r"(?:ans|years?(?:\s+old)?|yo)\b(?!\s*(?:pour|to|for|de|d'|in|dans|afin))"
    r"|\b\d+\s*(?:years?|yrs?)[\s-]+old\b",
    re.IGNORECASE,
)
_NUMBER_UNIT = re.compile(
    # the unit ends the word: "17 and" is not "17 an"
    r"\b(\d+)\)?(?:\s*|-)(jours?|days?|mois|months?|ans?|years?|heures?|hours?|h\b|minutes?|%|euros?|€|semaines?|weeks?)(?![^\W\d_])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CitedSection:
    doc_id: str
    section: str
    version: str


@dataclass(frozen=True)
class Selection:
    """The sentences chosen from one section, in the learner's language and officially."""

    cited: CitedSection
    shown: list[Unit]
    official: list[Unit]

    @property
    def translated(self) -> bool:
        return bool(self.shown) and not self.shown[0].official


class Composer:
    def __init__(self, corpus: Corpus, sentences: SentenceIndex) -> None:
        self.corpus = corpus
        self.sentences = sentences
        # Rare words weigh more: "résilier" says more about a sentence than "Premium".
        counts: dict[str, int] = {}
        for unit in sentences.units:
            for stem in _stem_set(unit.text):
                counts[stem] = counts.get(stem, 0) + 1
        total = max(len(sentences.units), 1)
        self._idf = {stem: math.log(1 + total / n) for stem, n in counts.items()}
        self._default_idf = math.log(1 + total)

    def _lexical_bonus(self, question: str, text: str) -> float:
        wanted = _stem_set(question)
        if not wanted:
            return 0.0
        have = _stem_set(text)
        weight = {s: self._idf.get(s, self._default_idf) for s in wanted}
        return LEXICAL_WEIGHT * sum(weight[s] for s in wanted & have) / sum(weight.values())

    def select(
        self,
        cited: CitedSection,
        question: str,
        query_vector: np.ndarray,
        language: Lang,
        limit: int,
    ) -> Selection:
        doc = self.corpus.document(cited.doc_id)
        shown_lang = language if self._has(cited, language) else doc.language
        other_lang = language if shown_lang == doc.language else doc.language
        if other_lang == shown_lang:
            other_lang = next((t.language for t in doc.translations), shown_lang)
        shown = self._best_units(cited, shown_lang, other_lang, question, query_vector, limit)
        if shown_lang == doc.language:
            return Selection(cited, shown, shown)
        return Selection(cited, shown, self._aligned_official(cited, doc.language, shown))

    def _has(self, cited: CitedSection, language: str) -> bool:
        return bool(self.sentences.of_section(cited.doc_id, cited.version, cited.section, language))

    def _scores(
        self, cited: CitedSection, language: str, question: str, query_vector: np.ndarray
    ) -> tuple[list[Unit], np.ndarray]:
        indices = self.sentences.of_section(cited.doc_id, cited.version, cited.section, language)
        units = [self.sentences.units[i] for i in indices]
        scores = self.sentences.similarities(indices, query_vector)
        lexical = np.array(
            [
                self._lexical_bonus(question, u.text) + _defined_term_bonus(question, u)
                for u in units
            ],
            dtype=np.float32,
        )
        return units, scores + lexical if len(units) else scores

    def _best_units(
        self,
        cited: CitedSection,
        language: str,
        other_language: str,
        question: str,
        query_vector: np.ndarray,
        limit: int,
    ) -> list[Unit]:
        """The best passages of a section: a sentence with its paragraph neighbours (rules
        often need the next sentence: "… résilié à la fin de la période en cours. Tout mois
        entamé est dû."), a list with the sentence that introduces it. Paragraphs are scored
        in both languages (the translation keeps the paragraphs), which steadies the choice."""
        units, scores = self._scores(cited, language, question, query_vector)
        if not units:
            return []
        if BILINGUAL and other_language != language:
            others, other_scores = self._scores(cited, other_language, question, query_vector)
            best_other: dict[int, float] = {}
            for unit, value in zip(others, other_scores, strict=True):
                best_other[unit.paragraph] = max(best_other.get(unit.paragraph, -1.0), float(value))
            scores = np.array(
                [
                    max(float(v), best_other.get(u.paragraph, -1.0) - 0.03)
                    + 0.02 * (float(v) >= best_other.get(u.paragraph, -1.0) - 0.03)
                    for u, v in zip(units, scores, strict=True)
                ],
                dtype=np.float32,
            )
        chosen: set[int] = set()
        for position in np.argsort(-scores, kind="stable"):
            window = _window(int(position), units)
            if window & chosen:
                continue
            chosen |= window
            if len(_paragraphs(chosen, units)) >= limit:
                break
        return [units[i] for i in sorted(set(_with_list_items(_contiguous(chosen, units), units)))]

    def _aligned_official(
        self, cited: CitedSection, language: str, shown: list[Unit]
    ) -> list[Unit]:
        """The official sentence each translated one renders (the embedder is cross-lingual;
        the same paragraph and the same numbers settle close calls)."""
        indices = self.sentences.of_section(cited.doc_id, cited.version, cited.section, language)
        if not indices:
            return []
        units = [self.sentences.units[i] for i in indices]
        picked: list[int] = []
        for unit in shown:
            vector = self.sentences.vector(self.sentences.position(unit))
            scores = self.sentences.similarities(indices, vector)
            scores = scores + np.array(
                [
                    0.15 * (u.paragraph == unit.paragraph) + 0.1 * _same_numbers(u.text, unit.text)
                    for u in units
                ]
            )
            picked.append(int(np.argmax(scores)))
        return [units[i] for i in sorted(set(picked))]

    # -- the proof -----------------------------------------------------------------------

    def title(self, cited: CitedSection, language: str) -> str:
        parsed = self.corpus.parsed(cited.doc_id, cited.version, language)
        section = parsed.get(cited.section) or self.corpus.parsed(cited.doc_id, cited.version).get(
            cited.section
        )
        return section.title if section else cited.section

    def passage(self, selection: Selection) -> Passage:
        """The selection as one cited passage: the official words, verbatim, and the same
        passage of the translation when the learner reads another language."""
        cited = selection.cited
        official = selection.official or selection.shown
        language = official[0].language
        translation = None
        translation_language = None
        translation_title = None
        if selection.translated:
            translation = self.quote(cited, selection.shown)
            translation_language = selection.shown[0].language
            translation_title = self.title(cited, translation_language)
        return Passage(
            doc_id=cited.doc_id,
            section=cited.section,
            version=cited.version,
            title=self.title(cited, language),
            quote=self.quote(cited, official),
            language=language,
            translation=translation,
            translation_language=translation_language,
            translation_title=translation_title,
        )

    def quote(self, cited: CitedSection, units: list[Unit]) -> str:
        """The units as one verbatim passage of the section, in their language."""
        parsed = self.corpus.parsed(cited.doc_id, cited.version, units[0].language)
        section = parsed.get(cited.section)
        paragraphs = section.paragraphs if section else ()
        return verbatim_span(paragraphs, units)

    def passages(self, selections: list[Selection]) -> list[Passage]:
        return [self.passage(s) for s in selections if s.official or s.shown]


MAX_LIST_ITEMS = 8
# A glossary entry ("Mentor : Prestataire expérimenté…") whose term the learner uses is the
# definition they are asking for, however its wording compares with the question's.
DEFINED_TERM = re.compile(r"^([^:;.]{1,60}?)\s*:\s")
DEFINED_TERM_BONUS = 0.5


def _defined_term_bonus(question: str, unit: Unit) -> float:
    if not question or not unit.bullet:
        return 0.0
    term = DEFINED_TERM.match(unit.text)
    if term is None:
        return 0.0
    return DEFINED_TERM_BONUS if _stem_set(term[1]) & _stem_set(question) else 0.0


def _with_list_items(chosen: list[int], units: list[Unit]) -> list[int]:
    """A chosen sentence that introduces a list or an address (ends with ':') brings the
    items with it: list items, or the short lines of a postal address."""
    out = list(chosen)
    for i in chosen:
        if units[i].text.rstrip().endswith(":"):
            items = []
            j = i + 1
            while j < len(units) and (
                units[j].bullet or (len(units[j].text) <= 60 and units[j].index == 0)
            ):
                items.append(j)
                j += 1
            # A glossary ("les termes ci-dessous … ont la signification suivante :") is a list
            # too long to quote whole: its items stand on their own merit.
            if len(items) <= MAX_LIST_ITEMS:
                out += items
    return out


def _window(position: int, units: list[Unit]) -> set[int]:
    """A sentence with up to one neighbour on each side in its paragraph; a short
    paragraph whole; a list item with its introducing sentence."""
    unit = units[position]
    same = [i for i, u in enumerate(units) if u.paragraph == unit.paragraph]
    if unit.bullet:
        lead = position - 1
        while lead >= 0 and units[lead].bullet:
            lead -= 1
        window = {position}
        if lead >= 0 and units[lead].text.rstrip().endswith(":") and position - lead <= 8:
            window.add(lead)
        return window
    if len(same) <= 3:
        return set(same)
    return {i for i in same if abs(i - position) <= 1}


def _contiguous(chosen: set[int], units: list[Unit]) -> list[int]:
    """Two passages of one paragraph become one: the sentences between them join, so the
    passage reads, and quotes, as printed."""
    out = set(chosen)
    for paragraph in _paragraphs(chosen, units):
        members = [i for i in chosen if units[i].paragraph == paragraph and not units[i].bullet]
        if len(members) > 1:
            out |= set(range(min(members), max(members) + 1))
    return sorted(out)


def _paragraphs(chosen: set[int], units: list[Unit]) -> set[int]:
    return {units[i].paragraph for i in chosen}


@lru_cache(maxsize=16384)
def _stem_set(text: str) -> frozenset[str]:
    return frozenset(stems(text, None))


def _same_numbers(a: str, b: str) -> float:
    na, nb = set(re.findall(r"\d+", a)), set(re.findall(r"\d+", b))
    if not na and not nb:
        return 0.5
    return len(na & nb) / max(len(na | nb), 1)


def asserted_quantities(text: str) -> set[tuple[str, str]]:
    """(number, unit) pairs a message asserts, e.g. ("14", "jours")."""
    return {(n, _unit_key(u)) for n, u in _NUMBER_UNIT.findall(text)}


def _unit_key(unit: str) -> str:
    unit = unit.lower()
    for key, forms in {
        "day": ("jour", "day"),
        "month": ("mois", "month"),
        "year": ("an", "year"),
        "hour": ("heure", "hour", "h"),
        "minute": ("minute",),
        "percent": ("%",),
        "euro": ("euro", "€"),
        "week": ("semaine", "week"),
    }.items():
        if any(unit.startswith(f) for f in forms):
            return key
    return unit


# A figure of the learner's own story ("prévenu 12 heures avant", "10 minutes late", "for 3
# weeks", "il y a 2 mois") is their situation; a figure said of the rule ("c'est 14 jours,
# non ?", "the deadline is now 30 days", "j'ai 5 ans pour finir, c'est ça ?") is a claim.
_SITUATION_AFTER = re.compile(
    r"^\W*(avant|before|ago|plus tot|plus tôt|plus tard|later|late|de retard|en retard|after"
    r"|apres|après|d'absence|of absence|in a row|de suite|consecutiv|d'inactivit|of inactiv"
    r"|de formation|into)\b",
    re.IGNORECASE,
)
_SITUATION_BEFORE = re.compile(
    r"\b(il y a|depuis|for|pendant|during|au bout de|after|apres|après|since|within the last"
    r"|dans)\W*$",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"\b(c'?est|c’est|est de|sont de|passe a|passé à|passe à|is|are|it'?s|was|now|maintenant"
    r"|desormais|désormais|have|ai|avez|avons|a|dispose|disposez|get|gets|only|seulement|que)"
    r"\W+(\w+\W+){0,3}$"
    r"|^\W*(\w+\W+){0,5}(c'?est (bien )?(ca|ça)|right|correct|non\b|n'est-ce pas|isn'?t it"
    r"|true|vrai|exact|hein)",
    re.IGNORECASE,
)


_REQUIRED = re.compile(
    r"\b(doit|doivent|dois|faut|must|has to|have to|needs? to|required|obligatoire|oblige"
    r"|supposed to|cense|censé|minimum|at least|au moins)\b(\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)


def claimed_quantities(question: str) -> set[tuple[str, str]]:
    """(number, unit) pairs the question states as the rule, not as its own situation."""
    text = _AGE.sub(" ", question)
    claimed = set()
    for match in _NUMBER_UNIT.finditer(text):
        before, after = text[max(0, match.start() - 40) : match.start()], text[match.end() :]
        if _SITUATION_BEFORE.search(before):
            continue
        # "doit me prévenir 15 jours avant" says what the rule requires, however the figure
        # is followed; "prévenu 12 heures avant" is what the learner did.
        if _SITUATION_AFTER.search(after[:25]) and not _REQUIRED.search(before):
            continue
        if _CLAIM.search(before) or _CLAIM.search(after[:40]):
            claimed.add((match.group(1), _unit_key(match.group(2))))
    return claimed


def contradicts(question: str, quoted: str) -> bool:
    """The question states as the rule a quantity that the quoted rule states differently.
    A person's age ("ma fille a 17 ans", "I'm 16") and the figures of their own story
    ("prévenu 12 heures avant") are their situation, not a claim about the rule."""
    asked = claimed_quantities(question)
    stated = asserted_quantities(quoted)
    stated_units = {u for _, u in stated}
    return any(q not in stated and q[1] in stated_units for q in asked)
