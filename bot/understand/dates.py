"""Dates in learners' messages, resolved against `today` (Europe/Paris), never the clock.

What is found, in French and English alike (month and weekday names of both languages are
recognised, since learners mix them):

* absolute dates: "3 mars 2026", "le 1er avril", "jeudi 12 mars", "March 3rd, 2026",
  "3rd of March", "2026-03-03", "03/03/2026", "03/03", "du 3 au 10 mars" (both ends);
* relative ones: "hier", "avant-hier", "aujourd'hui", "demain", "ce matin", "yesterday",
  "today", "tomorrow", "il y a 3 jours", "two weeks ago", "dans 2 semaines", "lundi dernier",
  "last Monday", "jeudi prochain", "next Thursday", "la semaine dernière", "last month";
* a clock time right after any of them: "15 juin à 14h", "Thursday at 2pm", "demain 9h30".

Reading rules (each has a test):

* Numbers are dates only in a date shape: "7 jours", "3 mois", "24h", "300 €", "30%",
  "article 6.2", "L444-8", "iOS 12", "12/20" (a mark), "1/2" and "24/7" are not dates.
* Numeric dates are day first ("03/04" is 3 April) in both languages, the school being in
  France; an English "04/15/2026" is read month first because it cannot be day first.
  "d.m" and "d-m" need a year ("6.2" is an article).
* A date without a year takes `today`'s year, or the previous year when that would put it
  more than six months (183 days) ahead: learners mostly tell what already happened.
* "next Thursday" / "jeudi prochain" is the first Thursday after today; "last Monday" /
  "lundi dernier" the last Monday before today. A bare weekday ("on Thursday") is the coming
  one, or the past one when its sentence speaks in the past ("j'étais absent lundi"); a
  weekday said of any such day ("une séance le samedi ?", "every Monday", "on Saturdays")
  is no date.
* "la semaine dernière" / "last week" is today - 7 days, "le mois dernier" today - 1 month.
* "il y a 3 heures" needs the clock and is not resolved.
* Impossible dates ("31 février", "2026-02-30", "lundi 12 mars 2026" when that is a
  Thursday) are never guessed: they are returned in `invalid` so the assistant can ask.

`dateparser` covers the remaining shapes around a month name ("3-mar-2026"); it is asked
only about those small windows, because on whole messages it reads "7 jours" as a week ago,
"1er avril" as 20 April and "jeudi prochain" as last Thursday (see the tests).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot.understand.durations import alternation, extract_durations
from bot.understand.language import Lang

InvalidReason = Literal["no_such_day", "weekday_mismatch", "out_of_range"]

PARIS = ZoneInfo("Europe/Paris")
YEARLESS_FUTURE_LIMIT = timedelta(days=183)

_MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1, "jan": 1, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "feb": 2, "mar": 3,
    "avr": 4, "apr": 4, "juil": 7, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
    "oct": 10, "nov": 11, "déc": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
_RELATIVE_DAYS: dict[str, int] = {
    "avant-hier": -2, "avant hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0,
    "aujourdhui": 0,
    "auj": 0, "ajd": 0, "demain": 1, "après-demain": 2, "apres-demain": 2, "après demain": 2,
    "apres demain": 2, "ce matin": 0, "ce midi": 0, "cet après-midi": 0, "cet apres-midi": 0,
    "cet aprem": 0, "ce soir": 0,
    "the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
    "the day after tomorrow": 2,
}  # fmt: skip


def _phrases(words: dict[str, int]) -> str:
    """An alternation in which a space matches any run of spaces."""
    return alternation(words).replace(r"\ ", r"\s+")


_MONTH = (
    rf"(?P<month>(?:{alternation(_MONTHS)})(?!\w)"
    rf"|(?:{alternation(_MONTH_ABBREVIATIONS)})(?!\w)\.?)"
)
_WEEKDAY = rf"(?P<weekday>{alternation(_WEEKDAYS)})(?!\w)"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)[0-9]{2})(?![0-9])(?!\s?(?:€|%|euros?\b)))?"
_NOT_A_DAY_AFTER = r"(?![0-9]|[.,:h][0-9]|\s?(?:%|€|h\b|am\b|pm\b))"
_SUFFIX = r"(?P<suffix>ère|ere|er|re|ème|eme|e|st|nd|rd|th)?"

_DAY_MONTH = re.compile(
    rf"(?<![\w.,/:])(?:{_WEEKDAY},?\s+(?:(?:le|the)\s+)?)?(?P<day>[0-9]{{1,2}}|premier){_SUFFIX}"
    rf"(?:\s+of)?\s+{_MONTH}{_YEAR}",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<![\w.,/:])(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?:the\s+)?(?P<day>[0-9]{{1,2}}){_SUFFIX}"
    rf"{_NOT_A_DAY_AFTER}{_YEAR}",
    re.IGNORECASE,
)
# "du 3 au 10 mars": the first day borrows the month (and year) of the second.
_RANGE_START = re.compile(
    r"(?<![\w.,/:])(?:du|from|between)\s+(?:(?:le|the)\s+)?(?P<span>(?P<day>[0-9]{1,2})"
    r"(?:er|st|nd|rd|th)?)(?=\s+(?:au|to|and|-)\s+(?:(?:le|the)\s+)?[0-9]{1,2}"
    rf"(?:er|st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}{_YEAR})",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\w.,/:-])(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})"
    r"(?:(?P=sep)(?P<year>[0-9]{4}|[0-9]{2}))?(?![0-9]|[/.,:-][0-9]|\w)"
)
_ISO = re.compile(
    r"(?<![\w.,/:-])(?P<year>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)"
    r"(?P<day>[0-9]{1,2})(?:T(?P<hour>[0-9]{1,2}):(?P<minute>[0-5][0-9]))?"
    r"(?![0-9]|[/.,:-][0-9]|\w)"
)
_WEEKDAY_DAY = re.compile(
    rf"(?<!\w){_WEEKDAY},?\s+(?:(?:le|the)\s+)?(?P<day>[0-9]{{1,2}})(?:er|st|nd|rd|th)?"
    rf"{_NOT_A_DAY_AFTER}(?!\s*(?:[0-9]|h\b|heures?\b|hours?\b|min|jours?\b|days?\b))",
    re.IGNORECASE,
)
_WEEKDAY_FR_DIRECTION = re.compile(
    rf"(?<!\w){_WEEKDAY}\s+(?P<direction>dernier|passé|passe|prochain|qui\s+vient)(?!\w)",
    re.IGNORECASE,
)
_WEEKDAY_EN_DIRECTION = re.compile(
    rf"(?<!\w)(?P<direction>last|next|coming|past)\s+{_WEEKDAY}", re.IGNORECASE
)
_BARE_WEEKDAY = re.compile(rf"(?<!\w){_WEEKDAY}", re.IGNORECASE)
# Before a weekday, words that make it any such day rather than one date.
_HABITUAL = re.compile(r"(?<!\w)(?:le|les|chaque|tous\s+les|every|each)\s+$", re.IGNORECASE)
_RELATIVE_DAY = re.compile(rf"(?<!\w)(?P<phrase>{_phrases(_RELATIVE_DAYS)})(?!\w)", re.IGNORECASE)
_RELATIVE_PERIOD = re.compile(
    r"(?<!\w)(?:(?:(?:la|cette)\s+)?(?P<fr_week>semaine)|(?:le\s+)?(?P<fr_month>mois))\s+"
    r"(?P<fr_direction>dernière|derniere|dernier|passée|passee|passé|passe|prochaine|prochain)"
    r"(?!\w)|(?<!\w)(?P<en_direction>last|next|past)\s+(?P<en_unit>week|month)(?!\w)",
    re.IGNORECASE,
)
_FUTURE_DIRECTIONS = frozenset(["prochain", "prochaine", "qui vient", "next", "coming"])

# Offsets: "il y a <duration>", "<duration> ago", "dans <duration>", "<duration> from now".
_AGO_BEFORE = re.compile(r"(?<!\w)(?:il\s+y\s+a|y\s+a|ya)\s+$", re.IGNORECASE)
# "il y a 7 jours de réflexion / pour changer d'avis" says "there are", not "ago".
_THERE_ARE_AFTER = re.compile(
    r"\s+(?:de|d['’]|du|pour|à|a|avant|après|entre|qui|ouvr\w*|calendaires?|restants?"
    r"|pleins?|francs?)(?!\w)",
    re.IGNORECASE,
)
_AGO_AFTER = re.compile(r"\s+ago(?!\w)", re.IGNORECASE)
_IN_BEFORE = re.compile(r"(?<!\w)(?:dans|d['’]ici)\s+$", re.IGNORECASE)
_FROM_NOW_AFTER = re.compile(r"(?:['’]s?)?\s+(?:from\s+now|time)(?!\w)", re.IGNORECASE)
_IN_BEFORE_EN = re.compile(r"(?<!\w)in\s+$", re.IGNORECASE)

_CLOCK_AFTER = re.compile(
    r"(?P<part>\s+(?:matin|soir|après-midi|apres-midi|aprem|morning|afternoon|evening|night))?"
    r"(?P<clock>\s*,?\s*(?:(?:à|a|at|vers|around|dès|from|de)\s+)?"
    r"(?:(?P<h>[0-9]{1,2})\s?(?:h|heures?)(?:\s?(?P<m>[0-5][0-9]))?(?!\w)"
    r"|(?P<h12>[0-9]{1,2})(?::(?P<m12>[0-5][0-9]))?\s?(?P<ampm>[ap]\.?m\.?)(?![\w.])"
    r"|(?P<h24>[0-9]{1,2}):(?P<m24>[0-5][0-9])(?![0-9])"
    r"|(?P<noon>midi|noon|minuit|midnight)(?!\w)))?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;\n]")
_FUTURE_CUES = re.compile(
    r"(?<!\w)(?:will|['’]ll|going\s+to|gonna|upcoming|vais|va|allons|allez|vont|pr[ée]vue?s?"
    r"|scheduled|planned|planifiée?s?|aura|aurai|serai|sera)(?!\w)",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"(?<!\w)(?:étai[st]|étions|avai[st]|(?:ai|as|a|avons|avez|ont|suis|es|est"
    r"|sommes|êtes|sont)\s+(?:(?:pas|plus|jamais|bien|déjà|encore)\s+)?"
    # "est samedi" is no past participle, however the weekday ends.
    r"(?!(?:lun|mar|mercre|jeu|vendre|same)di(?!\w)|dimanche)\w+(?:é|ée|és|ées|i|is"
    r"|it|u|us)|was|were|did|didn['’]t|had|missed|joined|skipped|attended|went|came|signed"
    r"|accepted|received|happened|forgot|arrived|started|cancell?ed|paid)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    value: date | datetime  # a datetime (Europe/Paris) exactly when has_time
    text: str
    start: int
    end: int
    has_time: bool
    relative: bool  # resolved from today ("hier", "lundi dernier"), not named in full


@dataclass(frozen=True)
class InvalidDate:
    text: str
    start: int
    end: int
    reason: InvalidReason


@dataclass(frozen=True)
class DateExtraction:
    dates: list[FoundDate] = field(default_factory=list)
    invalid: list[InvalidDate] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    day: date | None  # None: impossible, see `reason`
    relative: bool
    reason: InvalidReason = "no_such_day"
    clock: time | None = None


def extract_dates(text: str, today: date, language: Lang) -> DateExtraction:
    """Every date `text` mentions, in order, plus the impossible ones in `invalid`."""
    candidates = _without_overlaps(list(_candidates(text, today, language)))
    candidates = [_with_clock(c, text, candidates) for c in candidates]
    candidates = _without_overlaps(
        candidates + _dateparser_fallback(text, today, language, candidates)
    )
    dates, invalid = [], []
    for c in candidates:
        span = text[c.start : c.end]
        if c.day is None:
            invalid.append(InvalidDate(span, c.start, c.end, c.reason))
        elif c.clock is None:
            dates.append(FoundDate(c.day, span, c.start, c.end, False, c.relative))
        else:
            value = datetime.combine(c.day, c.clock, tzinfo=PARIS)
            dates.append(FoundDate(value, span, c.start, c.end, True, c.relative))
    return DateExtraction(dates, invalid)


def _candidates(text: str, today: date, language: Lang) -> Iterator[_Candidate]:
    yield from _textual(text, today)
    yield from _range_starts(text, today)
    yield from _numeric(text, today, language)
    yield from _iso(text, today)
    yield from _weekdays(text, today)
    yield from _relative_days(text, today)
    yield from _relative_periods(text, today)
    yield from _offsets(text, today, language)


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """The longest reading wins ("jeudi 12 mars" over "jeudi"); then the earliest."""
    kept: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


# --- absolute dates ---


def _textual(text: str, today: date) -> Iterator[_Candidate]:
    day_first = list(_DAY_MONTH.finditer(text))
    taken_months = [m.span("month") for m in day_first]
    # "le 3 mars 15 jours après": "mars 15" is no date once "3 mars" is one.
    month_first = [m for m in _MONTH_DAY.finditer(text) if m.span("month") not in taken_months]
    for match in day_first + month_first:
        if _is_modal_may(match):
            continue
        day = 1 if match["day"].lower() == "premier" else int(match["day"])
        year = int(match["year"]) if match["year"] else None
        candidate = _dated(
            match.start(), match.end(), year, _month_number(match["month"]), day, today
        )
        yield _check_weekday(candidate, match["weekday"])


def _is_modal_may(match: re.Match[str]) -> bool:
    """ "you may 3 times", "option 3 may be": lower-case "may" is a month only in full dates."""
    month = match["month"]
    return month == "may" and not (match["suffix"] or match["year"])


def _range_starts(text: str, today: date) -> Iterator[_Candidate]:
    for match in _RANGE_START.finditer(text):
        month = _month_number(match["month"])
        start, end = match.span("span")
        year = int(match["year"]) if match["year"] else None
        yield _dated(start, end, year, month, int(match["day"]), today)


def _numeric(text: str, today: date, language: Lang) -> Iterator[_Candidate]:
    for match in _NUMERIC.finditer(text):
        day, month = int(match["day"]), int(match["month"])
        year = _four_digit_year(int(match["year"]), today) if match["year"] else None
        if year is None:
            if match["sep"] != "/" or match.group() == "24/7":
                continue
            if len(match["day"]) == 1 and len(match["month"]) == 1:
                continue  # "1/2", "3/4": fractions far more often than dates
            if month > 12 and language == "en" and day <= 12:
                day, month = month, day
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue  # "12/20" is a mark
        else:
            if month > 12 and day <= 12:
                day, month = month, day
        yield _dated(match.start(), match.end(), year, month, day, today)


def _iso(text: str, today: date) -> Iterator[_Candidate]:
    for match in _ISO.finditer(text):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        candidate = _dated(match.start(), match.end(), year, month, day, today)
        if match["hour"] is not None and candidate.day is not None and int(match["hour"]) < 24:
            candidate = replace(candidate, clock=time(int(match["hour"]), int(match["minute"])))
        yield candidate


def _four_digit_year(year: int, today: date) -> int:
    if year >= 100:
        return year
    century = 2000 if year <= today.year % 100 + 10 else 1900
    return century + year


def _dated(start: int, end: int, year: int | None, month: int, day: int, today: date) -> _Candidate:
    """An absolute date; without a year, today's year unless that is > 6 months ahead."""
    try:
        if year is not None:
            return _Candidate(start, end, date(year, month, day), relative=False)
        found = date(today.year, month, day)
        if found - today > YEARLESS_FUTURE_LIMIT:
            found = found.replace(year=today.year - 1)
        return _Candidate(start, end, found, relative=False)
    except ValueError:
        return _Candidate(start, end, None, relative=False)


def _check_weekday(candidate: _Candidate, weekday: str | None) -> _Candidate:
    if candidate.day is None or weekday is None:
        return candidate
    if candidate.day.weekday() == _WEEKDAYS[weekday.lower()]:
        return candidate
    return replace(candidate, day=None, reason="weekday_mismatch")


def _month_number(token: str) -> int:
    word = token.lower().rstrip(".")
    return _MONTHS.get(word) or _MONTH_ABBREVIATIONS[word]


# --- weekdays and relative expressions ---


def _weekdays(text: str, today: date) -> Iterator[_Candidate]:
    for match in _WEEKDAY_DAY.finditer(text):
        yield _weekday_with_day(match, today)
    for pattern in (_WEEKDAY_FR_DIRECTION, _WEEKDAY_EN_DIRECTION):
        for match in pattern.finditer(text):
            weekday = _WEEKDAYS[match["weekday"].lower()]
            future = re.sub(r"\s+", " ", match["direction"].lower()) in _FUTURE_DIRECTIONS
            found = _next_weekday(today, weekday) if future else _last_weekday(today, weekday)
            yield _Candidate(match.start(), match.end(), found, relative=True)
    for match in _BARE_WEEKDAY.finditer(text):
        weekday = _WEEKDAYS[match["weekday"].lower()]
        if _HABITUAL.search(text, 0, match.start()) or text[match.end() : match.end() + 1] == "s":
            continue  # "une séance le samedi ?", "every Saturday", "on Saturdays": no one day
        if _speaks_in_past(text, match.start()):
            found = today - timedelta(days=(today.weekday() - weekday) % 7)
        else:
            found = today + timedelta(days=(weekday - today.weekday()) % 7)
        yield _Candidate(match.start(), match.end(), found, relative=True)


def _weekday_with_day(match: re.Match[str], today: date) -> _Candidate:
    """ "mardi 3": the nearest 3rd of a month (within six months) that is a Tuesday."""
    weekday, day = _WEEKDAYS[match["weekday"].lower()], int(match["day"])
    options = []
    for months in range(-6, 7):
        month_start = today.replace(day=1) + relativedelta(months=months)
        try:
            option = month_start.replace(day=day)
        except ValueError:
            continue
        if option.weekday() == weekday:
            options.append(option)
    if not options:
        return _Candidate(match.start(), match.end(), None, True, "weekday_mismatch")
    found = min(options, key=lambda d: (abs((d - today).days), d > today))
    return _Candidate(match.start(), match.end(), found, relative=True)


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _last_weekday(today: date, weekday: int) -> date:
    return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)


def _speaks_in_past(text: str, position: int) -> bool:
    """Whether the sentence around `position` tells a past event (and no future one)."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    start = starts[-1] if starts else 0
    after = _SENTENCE_END.search(text, position)
    sentence = text[start : after.start() if after else len(text)]
    return not _FUTURE_CUES.search(sentence) and bool(_PAST_CUES.search(sentence))


def _relative_days(text: str, today: date) -> Iterator[_Candidate]:
    for match in _RELATIVE_DAY.finditer(text):
        phrase = re.sub(r"\s+", " ", match["phrase"].lower()).replace("’", "'")
        found = today + timedelta(days=_RELATIVE_DAYS[phrase])
        yield _Candidate(match.start(), match.end(), found, relative=True)


def _relative_periods(text: str, today: date) -> Iterator[_Candidate]:
    for match in _RELATIVE_PERIOD.finditer(text):
        direction = (match["fr_direction"] or match["en_direction"]).lower()
        sign = 1 if direction in ("prochaine", "prochain", "next") else -1
        if match["fr_week"] or (match["en_unit"] or "").lower() == "week":
            step = relativedelta(weeks=sign)
        else:
            step = relativedelta(months=sign)
        yield _Candidate(match.start(), match.end(), today + step, relative=True)


def _offsets(text: str, today: date, language: Lang) -> Iterator[_Candidate]:
    """ "il y a 3 jours", "two weeks ago", "dans 2 semaines", "3 days from now"."""
    for duration in extract_durations(text, language):
        if duration.unit in ("minutes", "hours") or duration.value != int(duration.value):
            continue  # "il y a 2 heures" needs the clock
        start, end, sign = duration.start, duration.end, 0
        lookback = max(0, start - 12)
        if (ago := _AGO_BEFORE.search(text, lookback, start)) and not _THERE_ARE_AFTER.match(
            text, end
        ):
            start, sign = ago.start(), -1
        elif ago_after := _AGO_AFTER.match(text, end):
            end, sign = ago_after.end(), -1
        elif in_before := _IN_BEFORE.search(text, lookback, start):
            start, sign = in_before.start(), 1
        elif from_now := _FROM_NOW_AFTER.match(text, end):
            end, sign = from_now.end(), 1
            if in_en := _IN_BEFORE_EN.search(text, lookback, start):
                start = in_en.start()
        if sign == 0:
            continue
        yield _offset(start, end, today, sign * int(duration.value), duration.unit)


def _offset(start: int, end: int, today: date, amount: int, unit: str) -> _Candidate:
    if abs(amount) > 1000:
        return _Candidate(start, end, None, relative=True, reason="out_of_range")
    step = {
        "days": relativedelta(days=amount),
        "weeks": relativedelta(weeks=amount),
        "months": relativedelta(months=amount),
        "years": relativedelta(years=amount),
    }[unit]
    try:
        return _Candidate(start, end, today + step, relative=True)
    except (OverflowError, ValueError):
        return _Candidate(start, end, None, relative=True, reason="out_of_range")


# --- clock times ---


def _with_clock(candidate: _Candidate, text: str, others: list[_Candidate]) -> _Candidate:
    """Extend a date over a following part of day and clock time: "hier soir", "à 14h30";
    or over a clock time just before a relative day: "at 8am today", "à 14h demain"."""
    if candidate.day is None or candidate.clock is not None:
        return candidate
    match = _CLOCK_AFTER.match(text, candidate.end)
    if match is None or match.end() == candidate.end:
        return _with_clock_before(candidate, text, others)
    limit = min((o.start for o in others if o.start >= candidate.end), default=len(text))
    clock = _clock_of(match)
    end = match.end() if clock is not None else match.end("part")
    if end > limit or end == -1:
        return candidate
    return replace(candidate, end=end, clock=clock)


_CLOCK_BEFORE_DAY = re.compile(
    r"(?:(?<!\w)(?:à|a|at|vers|around|dès|by)\s+)"
    r"(?:(?P<h>[0-9]{1,2})\s?(?:h|heures?)(?:\s?(?P<m>[0-5][0-9]))?"
    r"|(?P<h12>[0-9]{1,2})(?::(?P<m12>[0-5][0-9]))?\s?(?P<ampm>[ap]\.?m\.?)"
    r"|(?P<h24>[0-9]{1,2}):(?P<m24>[0-5][0-9])|(?P<noon>midi|noon|minuit|midnight))"
    r"\s*,?\s*$",
    re.IGNORECASE,
)


def _with_clock_before(candidate: _Candidate, text: str, others: list[_Candidate]) -> _Candidate:
    if not candidate.relative:
        return candidate  # "à 14h le 3 mars" is rare; "at 8am today" is not
    limit = max((o.end for o in others if o.end <= candidate.start), default=0)
    window = text[max(limit, candidate.start - 24) : candidate.start]
    match = _CLOCK_BEFORE_DAY.search(window)
    clock = None if match is None else _clock_of(match)
    if match is None or clock is None:
        return candidate
    return replace(candidate, start=candidate.start - len(window) + match.start(), clock=clock)


def _clock_of(match: re.Match[str]) -> time | None:
    if match["noon"] is not None:
        return time(0) if match["noon"].lower() in ("minuit", "midnight") else time(12)
    if match["h12"] is not None:
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        if not 1 <= hour <= 12:
            return None
        return time(hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0), minute)
    hour_text, minute_text = (
        (match["h"], match["m"]) if match["h"] else (match["h24"], match["m24"])
    )
    if hour_text is None or int(hour_text) > 23:
        return None
    return time(int(hour_text), int(minute_text or 0))


# --- dateparser, for the shapes above do not cover ---

_MONTH_TOKEN = re.compile(rf"(?<!\w){_MONTH}", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,2}(?![0-9])")
_CLOCK_IN_SPAN = re.compile(r"[0-9]{1,2}\s?(?:h|:)\s?[0-9]{0,2}|[0-9]\s?[ap]\.?m", re.IGNORECASE)
_LEADING_WORD = re.compile(r"(?:le|la|du|au|the|on)\s+", re.IGNORECASE)
_FALLBACK_WINDOW = 24
_FALLBACK_MAX_CALLS = 8


def _dateparser_fallback(
    text: str, today: date, language: Lang, taken: list[_Candidate]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    tokens = [
        m
        for m in _MONTH_TOKEN.finditer(text)
        if m.group() != "may" and not any(c.start <= m.start() < c.end for c in taken)
    ]
    for token in tokens[:_FALLBACK_MAX_CALLS]:
        left = max([c.end for c in taken if c.end <= token.start()] + [0])
        right = min([c.start for c in taken if c.start >= token.end()] + [len(text)])
        start = max(left, token.start() - _FALLBACK_WINDOW)
        end = min(right, token.end() + _FALLBACK_WINDOW)
        candidate = _ask_dateparser(text, start, end, token, today, language)
        if candidate is not None:
            found.append(candidate)
    return found


def _ask_dateparser(
    text: str, start: int, end: int, token: re.Match[str], today: date, language: Lang
) -> _Candidate | None:
    from dateparser.search import search_dates

    window = text[start:end]
    settings = {
        "RELATIVE_BASE": datetime.combine(today, time(12)),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month"],
    }
    try:
        results = search_dates(window, languages=[language], settings=settings) or []
    # dateparser is a best-effort helper here: a failure inside it must not lose the message.
    except (ValueError, TypeError, ArithmeticError, LookupError, AttributeError):
        return None
    for span, value in results:
        offset = window.find(span)
        if offset < 0:
            continue
        if lead := _LEADING_WORD.match(span):  # dateparser keeps "le", "on": we do not
            offset, span = offset + lead.end(), span[lead.end() :]
        span_start, span_end = start + offset, start + offset + len(span)
        if not (span_start <= token.start() and token.end() <= span_end):
            continue
        if not _DAY_NUMBER.search(span.replace(str(value.year), "")):
            continue
        year = value.year if str(value.year) in span else None
        candidate = _dated(span_start, span_end, year, value.month, value.day, today)
        if _CLOCK_IN_SPAN.search(span) and candidate.day is not None:
            candidate = replace(candidate, clock=value.time())
        return candidate
    return None
