"""Dates that lean on another date: the day the learner says it is, and dates counted from
one they gave ("au bout de deux mois", "2 months in", "three weeks later", "le 16").

    read_dates(text, today, language, anchor=None) -> ReadDates

* "on est le 20 mai", "today is 20 June", "nous sommes le 3 mars 2026": that date becomes
  the `today` every relative date of the message is resolved against ("hier", "last
  Thursday", a date without a year), and is returned as `stated_today`.
* "au bout de deux mois", "après 3 semaines", "after two months", "2 months in", "deux mois
  plus tard", "ten days later": the nearest date written before it (or `anchor`, a date an
  earlier message gave) plus that duration, counted with dateutil (month ends clamp).
* "la veille à 20h", "the day before", "le lendemain": next to the nearest date before it.
* "le 16", "on the 16th", "jusqu'au 2": a day of the month of the nearest date before it,
  or of the following month when that day has already passed ("le 28 janvier … le 2" is
  2 February). A bare day with no date before it is left alone: nothing says which month.

Everything else is `extract_dates`'s; these only add what does not overlap it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from bot.understand.dates import (
    _CLOCK_AFTER,
    PARIS,
    FoundDate,
    InvalidDate,
    _clock_of,
    extract_dates,
)
from bot.understand.durations import FoundDuration, extract_durations
from bot.understand.language import Lang

# Words that make the date after them the learner's today.
_NOW_BEFORE = re.compile(
    r"(?:\bon\s+est|\bnous\s+sommes|\baujourd['’]hui(?:\s*,)?(?:\s+c['’]est|\s+nous\s+sommes"
    r"|\s+on\s+est)?|\bdate\s+du\s+jour\s*:?|\ben\s+date\s+du|\bà\s+la\s+date\s+du"
    r"|\btoday(?:\s+is|\s*,|\s*:)|\bit\s+is\s+now|\bit['’]s\s+now|\bwe\s+are\s+(?:now\s+)?(?:on)?"
    r"|\bwe['’]re\s+(?:now\s+)?(?:on)?|\bas\s+of|\bthe\s+date\s+is|\btoday['’]s\s+date\s+is)"
    r"[\s,:]*(?:le|the|on)?\s*$",
    re.IGNORECASE,
)
_NOW_WINDOW = 40

# "au bout de deux mois", "après 3 semaines", "after two months"
_AFTER_BEFORE = re.compile(
    r"(?:\bau\s+bout\s+d['’e]\s*|\baprès\s+|\bapres\s+|\bafter\s+)$", re.IGNORECASE
)
# "2 months in", "deux mois plus tard", "ten days later", "trois semaines après"
_LATER_AFTER = re.compile(
    r"\s+(?:plus\s+tard|later|in(?=\s*[,.;!?]|\s+(?:i|je|j['’]|and|et)\b)|into\s+(?:it|the|my)"
    r"|après|apres)(?!\w)",
    re.IGNORECASE,
)
# "délai de 3 mois après", "within 3 months after", "pendant deux mois après": a rule, no date
_RULE_BEFORE = re.compile(
    r"(?:\bdélai\s+de|\bdelai\s+de|\bperiod\s+of|\bwindow\s+of|\bwithin|\bdans\s+les|\bpendant"
    r"|\bduring|\bfor|\bsous|\bplus\s+de|\bmore\s+than|\bmoins\s+de|\bless\s+than)\s+$",
    re.IGNORECASE,
)

_BARE_DAY = re.compile(
    r"(?<![\w])(?:le|the|on\s+the|jusqu['’]au|until\s+the|by\s+the)\s+(?P<day>[0-9]{1,2})"
    r"(?:er|st|nd|rd|th)?(?![\w,.:/-]|\s*(?:h\b|heures?\b|hours?\b|jours?\b|days?\b|semaines?\b"
    r"|weeks?\b|mois\b|months?\b|ans?\b|years?\b|min|%|€|euros?\b|eur\b|[0-9]))",
    re.IGNORECASE,
)

# "la veille", "the day before", "le lendemain": a day next to the date before, maybe with
# its clock time ("la veille à 20h").
_NEIGHBOUR_DAYS = {
    "la veille": -1, "l'avant-veille": -2, "l’avant-veille": -2, "le lendemain": 1,
    "le surlendemain": 2, "the day before": -1, "the previous day": -1, "the evening before": -1,
    "the night before": -1, "the previous evening": -1, "the day after": 1, "the next day": 1,
    "the following day": 1,
}  # fmt: skip
_NEIGHBOUR = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_NEIGHBOUR_DAYS, key=len)[::-1])
    + r")(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReadDates:
    dates: list[FoundDate] = field(default_factory=list)
    invalid: list[InvalidDate] = field(default_factory=list)
    today: date = date.min  # the day relative dates were resolved against
    stated_today: date | None = None  # when the message named it ("on est le 20 mai")


def read_dates(text: str, today: date, language: Lang, anchor: date | None = None) -> ReadDates:
    """Every date of `text`, with those counted from another date, and the stated today."""
    extraction = extract_dates(text, today, language)
    stated = stated_today(text, extraction.dates)
    if stated is not None and stated != today:
        today = stated
        extraction = extract_dates(text, today, language)
    dates, invalid = list(extraction.dates), list(extraction.invalid)
    taken = [(d.start, d.end) for d in dates] + [(d.start, d.end) for d in invalid]
    anchored = _offsets(text, language, dates, anchor) + _bare_days(text, dates)
    for found in anchored + _neighbour_days(text, dates, anchor):
        if all(found.end <= start or end <= found.start for start, end in taken):
            if isinstance(found, FoundDate):
                dates.append(found)
            else:
                invalid.append(found)
            taken.append((found.start, found.end))
    dates.sort(key=lambda d: d.start)
    invalid.sort(key=lambda d: d.start)
    return ReadDates(dates, invalid, today, stated)


def stated_today(text: str, dates: list[FoundDate]) -> date | None:
    """The date the message says today is: a date right after "on est le", "today is"…"""
    for found in dates:
        before = text[max(0, found.start - _NOW_WINDOW) : found.start]
        if _NOW_BEFORE.search(before) and not found.relative:
            return _day(found.value)
    return None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _anchor_before(position: int, dates: list[FoundDate], fallback: date | None) -> date | None:
    earlier = [d for d in dates if d.end <= position]
    return _day(earlier[-1].value) if earlier else fallback


def _offsets(
    text: str, language: Lang, dates: list[FoundDate], anchor: date | None
) -> list[FoundDate | InvalidDate]:
    out: list[FoundDate | InvalidDate] = []
    for duration in extract_durations(text, language):
        if duration.unit in ("minutes", "hours") or duration.value != int(duration.value):
            continue
        span = _offset_span(text, duration)
        if span is None:
            continue
        start, end = span
        base = _anchor_before(start, dates, anchor)
        if base is None:
            continue
        out.append(_shifted(text, start, end, base, duration))
    return out


def _offset_span(text: str, duration: FoundDuration) -> tuple[int, int] | None:
    before = text[max(0, duration.start - 20) : duration.start]
    if prefix := _AFTER_BEFORE.search(before):
        start = duration.start - (len(before) - prefix.start())
        if not _RULE_BEFORE.search(text, 0, start):
            return start, duration.end
        return None
    if (suffix := _LATER_AFTER.match(text, duration.end)) and not _RULE_BEFORE.search(
        text, max(0, duration.start - 20), duration.start
    ):
        return duration.start, suffix.end()
    return None


def _shifted(
    text: str, start: int, end: int, base: date, duration: FoundDuration
) -> FoundDate | InvalidDate:
    amount = int(duration.value)
    step = {
        "days": relativedelta(days=amount),
        "weeks": relativedelta(weeks=amount),
        "months": relativedelta(months=amount),
        "years": relativedelta(years=amount),
    }[duration.unit]
    try:
        value = base + step
    except (OverflowError, ValueError):
        return InvalidDate(text[start:end], start, end, "out_of_range")
    return FoundDate(value, text[start:end], start, end, has_time=False, relative=True)


def _bare_days(text: str, dates: list[FoundDate]) -> list[FoundDate | InvalidDate]:
    out: list[FoundDate | InvalidDate] = []
    for match in _BARE_DAY.finditer(text):
        base = _anchor_before(match.start(), dates, None)
        if base is None:
            continue
        day = int(match["day"])
        start, end = match.start("day"), match.end()
        month_start = base.replace(day=1)
        if day < base.day:
            month_start += relativedelta(months=1)
        try:
            value = month_start.replace(day=day)
        except ValueError:
            out.append(InvalidDate(text[start:end], start, end, "no_such_day"))
            continue
        out.append(FoundDate(value, text[start:end], start, end, has_time=False, relative=True))
    return out


def _neighbour_days(
    text: str, dates: list[FoundDate], anchor: date | None
) -> list[FoundDate | InvalidDate]:
    out: list[FoundDate | InvalidDate] = []
    for match in _NEIGHBOUR.finditer(text):
        base = _anchor_before(match.start(), dates, anchor)
        if base is None:
            continue
        phrase = re.sub(r"\s+", " ", match.group().lower())
        day = base + timedelta(days=_NEIGHBOUR_DAYS[phrase])
        end, clock = match.end(), None
        after = _CLOCK_AFTER.match(text, end)
        if after is not None and after.end() > end and (clock := _clock_of(after)) is not None:
            end = after.end()
        value: date | datetime = day if clock is None else datetime.combine(day, clock, PARIS)
        out.append(
            FoundDate(value, text[match.start() : end], match.start(), end, clock is not None, True)
        )
    return out
