"""What one message states, with positions: dates (readable or not), sums, durations, counts.

Everything here is read by `bot.understand`; this module only gathers it in one place and
adds what a conversation needs on top: a folded copy of the text that keeps every offset
(so cue words can be searched next to a date), and bare clock times ("à 14h") that complete
a day given in an earlier turn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

from bot.understand import (
    FoundAmount,
    FoundCount,
    FoundDuration,
    extract_amounts,
    extract_counts,
    extract_durations,
)
from bot.understand.anchored import read_dates
from bot.understand.language import Lang

_APOSTROPHES = {"’": "'", "‘": "'", "´": "'", "`": "'"}
_TODAY_WORDS = frozenset(["aujourd'hui", "aujourdhui", "auj", "ajd", "today"])
# "un samedi", "the Monday", "every Friday": a weekday in general, not a day of the learner's.
_GENERIC_WEEKDAY_BEFORE = re.compile(
    r"(?:^|\s)(?:un|une|a|an|le|les|the|every|each|any|chaque|tous\s+les)\s+$"
)
_WEEKDAY_ONLY = re.compile(
    r"^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday)s?$"
)
_CLOCK = re.compile(
    r"(?<![\w:.,/])(?:(?P<h>[0-9]{1,2})\s?(?:h|heures?)(?:\s?(?P<m>[0-5][0-9]))?(?![\w])"
    r"|(?P<h12>[0-9]{1,2})(?::(?P<m12>[0-5][0-9]))?\s?(?P<ampm>[ap])\.?m\.?(?![\w])"
    r"|(?P<h24>[0-9]{1,2}):(?P<m24>[0-5][0-9])(?![0-9])"
    r"|(?P<noon>midi|noon)(?!\w))"
)
_BARE_NUMBER = re.compile(r"^\W*(?P<number>[0-9]{1,6}(?:[.,][0-9]{1,2})?)\W*$")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, one character per character of `text`."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lowered = _APOSTROPHES.get(base, base).lower()
        out.append(lowered[:1] or " ")
    return "".join(out)


@dataclass(frozen=True)
class Mention:
    """A date the learner wrote; `value` is None when it does not exist ("31 février")."""

    start: int
    end: int
    text: str
    value: date | datetime | None
    has_time: bool
    is_today_word: bool  # "aujourd'hui", "today"

    @property
    def readable(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Clock:
    start: int
    end: int
    value: time


@dataclass(frozen=True)
class Facts:
    text: str
    folded: str
    today: date  # the learner's today: the one they named, else the caller's
    language: Lang
    mentions: tuple[Mention, ...]
    amounts: tuple[FoundAmount, ...]
    durations: tuple[FoundDuration, ...]
    counts: tuple[FoundCount, ...]
    clocks: tuple[Clock, ...]  # clock times outside any date ("à 14h" alone)
    stated_today: date | None = None  # "on est le 20 mai", "today is 20 June"

    def has(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self.folded) is not None

    def bare_number(self) -> str | None:
        """The whole message is one number ("300", "2"): an answer to a question asked."""
        match = _BARE_NUMBER.match(self.text)
        return match["number"] if match else None


def read_facts(message: str, language: Lang, today: date, anchor: date | None = None) -> Facts:
    """What `message` states; `anchor` is a date an earlier turn gave, which "deux mois plus
    tard" counts from when the message itself names none."""
    folded = fold(message)
    extraction = read_dates(message, today, language, anchor)
    mentions = [
        _mention(found.start, found.end, found.text, found.value, found.has_time)
        for found in extraction.dates
    ]
    mentions += [_mention(bad.start, bad.end, bad.text, None, False) for bad in extraction.invalid]
    mentions = [m for m in mentions if not _generic_weekday(m, folded)]
    mentions.sort(key=lambda m: m.start)
    return Facts(
        text=message,
        folded=folded,
        today=extraction.today,
        language=language,
        mentions=tuple(mentions),
        amounts=tuple(extract_amounts(message, language)),
        durations=tuple(extract_durations(message, language)),
        counts=tuple(extract_counts(message, language)),
        clocks=tuple(_clocks(folded, mentions)),
        stated_today=extraction.stated_today,
    )


def _mention(
    start: int, end: int, text: str, value: date | datetime | None, has_time: bool
) -> Mention:
    is_today = fold(text).strip() in _TODAY_WORDS
    return Mention(start, end, text, value, has_time, is_today)


def _generic_weekday(mention: Mention, folded: str) -> bool:
    if not _WEEKDAY_ONLY.match(fold(mention.text).strip()):
        return False
    return _GENERIC_WEEKDAY_BEFORE.search(folded, 0, mention.start) is not None


def _clocks(folded: str, mentions: list[Mention]) -> list[Clock]:
    found = []
    for match in _CLOCK.finditer(folded):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        value = _clock_value(match)
        if value is not None:
            found.append(Clock(match.start(), match.end(), value))
    return found


def _clock_value(match: re.Match[str]) -> time | None:
    if match["noon"]:
        return time(12)
    if match["h12"]:
        hour = int(match["h12"])
        if not 1 <= hour <= 12:
            return None
        return time(hour % 12 + (12 if match["ampm"] == "p" else 0), int(match["m12"] or 0))
    hour_text, minute_text = (
        (match["h"], match["m"]) if match["h"] else (match["h24"], match["m24"])
    )
    if int(hour_text) > 23:
        return None
    return time(int(hour_text), int(minute_text or 0))
