"""Durations ("3 semaines", "10 minutes late", "48 heures") and counts ("deux absences").

A duration keeps the unit it was written in; converting "3 mois" into days is a counting
convention and belongs to the calculators. "14h30" and "à 14h" are clock times, not
durations, and are left to `dates`. `extract_counts` finds how many of a few countable
events (absences, late arrivals, sessions, warnings, "fois") a learner mentions, in
cardinal ("2 absences injustifiées") or ordinal form ("second unauthorized absence").

The number words and the unit vocabulary are shared with `dates` ("il y a deux semaines").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bot.understand.language import Lang

Unit = Literal["minutes", "hours", "days", "weeks", "months", "years"]

NUMBER_WORDS: dict[str, int] = {
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante-huit": 48,
    # English
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty-eight": 48,
}  # fmt: skip
# Articles count as "one" before a unit ("une semaine", "a week") but are too common
# elsewhere to count events ("une fois que…" means "once…").
_ARTICLES = frozenset(["a", "an", "un", "une"])

UNIT_WORDS: dict[str, Unit] = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "mn": "minutes",
    "heure": "hours", "heures": "hours", "hour": "hours", "hours": "hours", "h": "hours",
    "hr": "hours", "hrs": "hours",
    "jour": "days", "jours": "days", "day": "days", "days": "days", "j": "days",
    "semaine": "weeks", "semaines": "weeks", "week": "weeks", "weeks": "weeks",
    "mois": "months", "month": "months", "months": "months",
    "an": "years", "ans": "years", "année": "years", "années": "years", "annee": "years",
    "annees": "years", "year": "years", "years": "years",
}  # fmt: skip
# Abbreviations are units only after digits: "24h", "7 j", "10 min", never "deux h".
_ABBREVIATIONS = frozenset(["h", "j", "min", "mins", "mn", "hr", "hrs"])


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that "mars" wins over "mar"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


NUMBER = rf"(?:[0-9]+(?:[.,][0-9]+)?|\b(?:{alternation(NUMBER_WORDS.keys())}))"
UNIT = rf"(?:{alternation(UNIT_WORDS.keys())})"


def number_value(token: str) -> Decimal:
    """The value of a number as matched by `NUMBER` ("3", "1,5", "deux")."""
    word = token.lower()
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    return Decimal(token.replace(",", "."))


@dataclass(frozen=True)
class FoundDuration:
    value: Decimal
    unit: Unit
    text: str
    start: int
    end: int
    late: bool = False  # "10 minutes late", "10 minutes de retard", "en retard de 10 min"


_DURATION = re.compile(
    rf"(?<![\w.,])(?P<num>{NUMBER})(?P<gap>\s*)(?P<unit>{UNIT})"
    r"(?:(?<=[hH])\s?(?P<minutes>[0-5][0-9]))?"
    r"(?![\w/])",
    re.IGNORECASE,
)
# A clock time, not a duration: "à 14h", "vers 9h30", "at 10h", "de 14h à 16h".
_CLOCK_BEFORE = re.compile(r"\b(?:à|vers|dès|at|jusqu'à)\s*$", re.IGNORECASE)
_CLOCK_RANGE_AFTER = re.compile(r"^\s*(?:à|-|to)\s*[0-9]{1,2}\s?h", re.IGNORECASE)
_LATE_AFTER = re.compile(r"^\s+(?:late|de retard|en retard|behind)\b", re.IGNORECASE)
_LATE_BEFORE = re.compile(
    r"(?:\ben retard de\s+|\bretard de\s+|\ben retard d['’]|\bretard d['’]|\blate by\s+)$",
    re.IGNORECASE,
)


# Parts of an hour said in words, in minutes: "une demi-heure", "a quarter of an hour",
# "une heure et demie", "an hour and a half", "trois quarts d'heure".
_HOUR_PARTS: dict[str, int] = {
    "une demi-heure": 30, "une demi heure": 30, "demi-heure": 30, "half an hour": 30,
    "half-hour": 30, "half hour": 30, "a half-hour": 30, "a half hour": 30,
    "un quart d'heure": 15, "un quart d’heure": 15, "quart d'heure": 15, "quart d’heure": 15,
    "a quarter of an hour": 15, "quarter of an hour": 15, "quarter-hour": 15,
    "trois quarts d'heure": 45, "trois quarts d’heure": 45, "three quarters of an hour": 45,
    "une heure et demie": 90, "an hour and a half": 90, "one and a half hours": 90,
    "une heure et quart": 75, "an hour and a quarter": 75,
}  # fmt: skip
_HOUR_PART_WORDS = alternation(_HOUR_PARTS.keys()).replace(r"\ ", r"\s+")
_HOUR_PART = re.compile(rf"(?<![\w-])(?:{_HOUR_PART_WORDS})(?![\w-])", re.IGNORECASE)


def extract_durations(text: str, language: Lang) -> list[FoundDuration]:
    """Every "<number> <unit>" in `text`, and parts of an hour in words, in order.
    `language` is accepted for symmetry."""
    found = [_hour_part(match, text) for match in _HOUR_PART.finditer(text)]
    for match in _DURATION.finditer(text):
        duration = _duration_from(match, text)
        overlaps = any(d.start < match.end() and match.start() < d.end for d in found)
        if duration is not None and not overlaps:
            found.append(duration)
    return sorted(found, key=lambda d: d.start)


def _hour_part(match: re.Match[str], text: str) -> FoundDuration:
    phrase = re.sub(r"\s+", " ", match.group().lower())
    minutes = Decimal(_HOUR_PARTS[phrase])
    before, after = text[: match.start()], text[match.end() :]
    late = bool(_LATE_AFTER.match(after) or _LATE_BEFORE.search(before))
    return FoundDuration(minutes, "minutes", match.group(), match.start(), match.end(), late)


def _duration_from(match: re.Match[str], text: str) -> FoundDuration | None:
    number, unit_word = match["num"], match["unit"].lower()
    spelled = not number[0].isdigit()
    if spelled and (match["gap"] == "" or unit_word in _ABBREVIATIONS):
        return None  # "deuxjours", "deux h"
    unit = UNIT_WORDS[unit_word]
    before, after = text[: match.start()], text[match.end() :]
    if unit == "hours" and (_CLOCK_BEFORE.search(before) or _CLOCK_RANGE_AFTER.match(after)):
        return None
    value: Decimal = number_value(number)
    if match["minutes"] is not None:  # "2h30": kept exact, in minutes
        unit, value = "minutes", value * 60 + int(match["minutes"])
    late = bool(_LATE_AFTER.match(after) or _LATE_BEFORE.search(before))
    return FoundDuration(value, unit, match.group(), match.start(), match.end(), late)


# --- counts ---

Qualifier = Literal["unauthorized", "justified", "consecutive"]

_NOUNS: dict[str, str] = {
    "absence": "absence", "absences": "absence",
    "retard": "lateness", "retards": "lateness", "late arrival": "lateness",
    "late arrivals": "lateness", "lateness": "lateness",
    "session": "session", "sessions": "session", "séance": "session", "séances": "session",
    "seance": "session", "seances": "session",
    "mentoring session": "session", "mentoring sessions": "session",
    "séance de mentorat": "session", "séances de mentorat": "session",
    "seance de mentorat": "session", "seances de mentorat": "session",
    "avertissement": "warning", "avertissements": "warning", "warning": "warning",
    "warnings": "warning",
    "fois": "time", "time": "time", "times": "time",
}  # fmt: skip
_QUALIFIERS: dict[str, Qualifier] = {
    "unauthorized": "unauthorized", "unauthorised": "unauthorized",
    "unjustified": "unauthorized", "unexcused": "unauthorized",
    "injustifiée": "unauthorized", "injustifiées": "unauthorized",
    "injustifiee": "unauthorized", "injustifiees": "unauthorized",
    "non justifiée": "unauthorized", "non justifiées": "unauthorized",
    "non autorisée": "unauthorized", "non autorisées": "unauthorized",
    "justified": "justified", "excused": "justified", "authorized": "justified",
    "authorised": "justified", "justifiée": "justified", "justifiées": "justified",
    "autorisée": "justified", "autorisées": "justified",
    "consecutive": "consecutive", "consécutive": "consecutive", "consécutives": "consecutive",
    "consecutives": "consecutive", "d'affilée": "consecutive", "d'affilee": "consecutive",
    "de suite": "consecutive", "in a row": "consecutive",
}  # fmt: skip
_ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "premier": 1, "première": 1, "premiere": 1, "second": 2, "seconde": 2,
    "deuxième": 2, "deuxieme": 2, "third": 3, "troisième": 3, "troisieme": 3, "fourth": 4,
    "quatrième": 4, "quatrieme": 4, "fifth": 5, "cinquième": 5, "cinquieme": 5,
}  # fmt: skip
_QUALIFIER = alternation(_QUALIFIERS.keys())
_COUNT = re.compile(
    rf"(?<![\w.,])(?:(?P<ordinal>[0-9]+)(?:ère|ere|re|er|ème|eme|e|st|nd|rd|th)"
    rf"|(?P<ordinal_word>{alternation(_ORDINAL_WORDS.keys())})"
    rf"|(?P<cardinal>[0-9]+|{alternation(NUMBER_WORDS.keys())}))"
    rf"(?P<pre>(?:\s+(?:{_QUALIFIER}))*)\s+(?P<noun>{alternation(_NOUNS.keys())})"
    rf"(?P<post>(?:\s+(?:{_QUALIFIER}))*)(?!\w)",
    re.IGNORECASE,
)
_QUALIFIER_WORDS = re.compile(rf"(?<!\w)(?:{_QUALIFIER})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class FoundCount:
    value: int
    noun: str  # canonical: absence, lateness, session, warning, time
    ordinal: bool  # "second absence" (the 2nd one) rather than "two absences"
    qualifiers: tuple[Qualifier, ...]
    text: str
    start: int
    end: int


def extract_counts(text: str, language: Lang) -> list[FoundCount]:
    """How many absences, late arrivals, sessions, warnings or times `text` mentions."""
    found = []
    for match in _COUNT.finditer(text):
        count = _count_from(match)
        if count is not None:
            found.append(count)
    return found


def _count_from(match: re.Match[str]) -> FoundCount | None:
    noun = _NOUNS[match["noun"].lower()]
    if match["ordinal"] is not None:
        value, ordinal = int(match["ordinal"]), True
    elif match["ordinal_word"] is not None:
        value, ordinal = _ORDINAL_WORDS[match["ordinal_word"].lower()], True
    else:
        cardinal = match["cardinal"].lower()
        if cardinal in _ARTICLES and noun == "time":
            return None
        value, ordinal = NUMBER_WORDS.get(cardinal) or int(cardinal), False
    qualifiers = tuple(
        dict.fromkeys(
            _QUALIFIERS[q.lower()]
            for q in _QUALIFIER_WORDS.findall(f"{match['pre']} {match['post']}")
        )
    )
    return FoundCount(value, noun, ordinal, qualifiers, match.group(), match.start(), match.end())
