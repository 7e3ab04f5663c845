"""What a question asks about a document's versions, read from its words.

    read_version_question(question, hints, corpus, today, language) -> VersionQuestion

Only cues are read here: which versions are named, whether the question asks what changed,
which version is in force, what a text said at a date, and which words of which change it
quotes. bot/versions.py decides what to answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.hints import Hints
from bot.textnorm import fold, stems
from bot.understand.dates import extract_dates
from bot.wording import Lang
from ingest.corpus import Corpus

_VERSION_CUE = re.compile(
    r"\b(versions?|one copy|another copy|other copy|two copies|une copie|autre copie|deux "
    r"copies|ancienne|anciennes|old(er)? (copy|text|terms|wording)|nouvelle version|new "
    r"version|previous|precedente|a et b|a and b|a vs b)\b"
)
_CHANGE = re.compile(
    r"\b(chang\w*|modifi\w*|differen\w*|differ|differs|diff|evolu\w*|nouveaute\w*|compar\w*|"
    r"what'?s new|contredi\w*|contradict\w*|vs|versus|revis\w*)\b"
)
_IN_FORCE = re.compile(
    r"\b(en vigueur|in force|in effect|applicable|s'appliqu\w*|appliquent|applies|apply|applied|"
    r"current|actuelle|courante|valable|valid|effective|derniere|latest|newest|plus recente|"
    r"most recent|since when|depuis quand|took effect|take effect)\b"
)
# Said without any mention of versions, these still ask which text is in force.
_WHICH_IN_FORCE = re.compile(
    r"\b(quelles? (cgs|conditions|version)s?|which (terms|version)|depuis quand|since when|"
    r"when did|date d'entree en vigueur|effective date|entree?s? en vigueur quand)\b"
)
# What a text said at a date (not what happens at a date: that is a calculation).
_THEN = re.compile(
    r"\b(que (disai|prevoyai|stipulai|indiquai)\w*|ce que (disai|prevoyai|indiquai)\w*|"
    r"what did .{0,40}\b(say|provide|state)|what were the (terms|rules)|en vigueur (le|au|a la "
    r"date)|in force on|applicable (le|on|at)|a la date du|as of|as at|at that time|a l'epoque)\b"
)
_DOC_CUE = re.compile(r"\b(cgs|cgv|conditions generales|terms|contrat|contract)\b")
_NAMED = re.compile(
    r"\bversions?\s+([A-Z0-9]{1,3})\b(?:\s*(?:et|and|vs\.?|à|a|to|,|-)\s*(?:la\s+|version\s+)?"
    r"([A-Z0-9]{1,3})\b)?|\b([A-Z])\s+(?:et|and|vs\.?)\s+([A-Z])\b"
)


@dataclass(frozen=True)
class VersionQuestion:
    doc_id: str | None  # the document asked about, when it has several versions
    named: tuple[str, ...]  # versions the question names, in its order
    version_cue: bool  # speaks of versions, copies, an older text
    asks_change: bool  # what changed, differences, compare, contradiction
    asks_in_force: bool  # which version is in force, since when
    asks_then: bool  # what a text said at some date
    day: date | None  # the date the question names, if any
    topic: bool  # names something besides versions and changes ("le délai de réflexion")
    folded: str  # the question, folded, for matching quoted words


def read_version_question(
    question: str, hints: Hints, corpus: Corpus, today: date, language: Lang
) -> VersionQuestion:
    folded = fold(question)
    doc_id = _document(hints, corpus)
    names = _named_versions(question, corpus, doc_id)
    asks_then = bool(_THEN.search(folded))
    asks_in_force = bool(_IN_FORCE.search(folded))
    day = None
    if asks_then or asks_in_force:  # dates are read only where they can matter
        found = extract_dates(question, today, language).dates
        value = found[0].value if found else None
        day = value.date() if isinstance(value, datetime) else value
    version_cue = bool(names) or hints.versions or bool(_VERSION_CUE.search(folded))
    return VersionQuestion(
        doc_id=doc_id,
        named=names,
        version_cue=version_cue,
        asks_change=bool(_CHANGE.search(folded)),
        asks_in_force=asks_in_force and (version_cue or bool(_WHICH_IN_FORCE.search(folded))),
        asks_then=asks_then,
        day=day,
        topic=bool(_topic_words(question, names)),
        folded=folded,
    )


# Words that ask about versions and changes in general, not about a clause (as stems).
_META = frozenset(
    stems(
        "version versions changé changement changements changer modifié modification "
        "modifications différence différences différent différents diff différer évolué "
        "évolution nouveauté nouveautés comparer comparaison deux entre cgs cgv conditions "
        "générales service services document documents texte textes quoi quel quelle quels "
        "quelles qu'est-ce est-ce ont été ancienne nouvelle précédente dernière actuelle "
        "copie copies contrat changed change changes changing modified modifications "
        "difference differences different differ compare comparison two between terms "
        "text texts what which new old older previous latest current copy copies contract "
        "french français apporté apportées made there what's whats autre other depuis since "
        "elles ils avoir eu",
        None,
    )
)


def _topic_words(question: str, named: tuple[str, ...]) -> set[str]:
    names = {fold(n) for n in named}
    return {
        w
        for w in stems(question, None)
        if len(w) > 3 and "-" not in w and w not in _META and w not in names
    }


def names_document(question: VersionQuestion, hints: Hints) -> bool:
    return bool(hints.doc_ids) or bool(_DOC_CUE.search(question.folded))


def _document(hints: Hints, corpus: Corpus) -> str | None:
    """The document named, else the first that exists in several versions."""
    if len(hints.doc_ids) == 1:
        return next(iter(hints.doc_ids))
    for doc in corpus.manifest.documents:
        if len(doc.versions) > 1:
            return doc.doc_id
    return None


def _named_versions(question: str, corpus: Corpus, doc_id: str | None) -> tuple[str, ...]:
    if doc_id is None:
        return ()
    known = {v.version for v in corpus.document(doc_id).versions}
    names: list[str] = []
    for match in _NAMED.finditer(question):
        names += [g for g in match.groups() if g and g in known and g not in names]
    return tuple(names)


def mentions(folded_question: str, words: str | None) -> bool:
    """Whether every word of `words` occurs in the question as a word."""
    wanted = re.findall(r"\w+", fold(words or ""))
    return bool(wanted) and all(re.search(rf"\b{re.escape(w)}\b", folded_question) for w in wanted)
