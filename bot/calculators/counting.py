"""How time and money are counted: the conventions of eval/README.md §3, in one place.

The documents never say how to count. The conventions follow the Code de procédure civile
(art. 641-642) without its weekend/holiday extension, which the documents do not provide:

* K1  days from an event: the event day is not counted; the last day is event + N days and
      the deadline ends at 23:59:59 that day. "N days before X" is X - N days.
* K2  months/years from an event: same day-of-month N months later, clamped to month end.
* K3  hours: event + N hours of elapsed time; weekends and holidays do not pause it.
* K4  durations: the start day is day 1; last day = start + N months (clamped) - 1 day.
* K5  monthly billing: anniversaries A_k = start + k months from the ORIGINAL start day.
* K6  money: Decimal, rounded half-up to cents once, at the end; simple interest actual/365.
* K7  consecutive days are counted inclusively.
* K8  days of inactivity = check date - last activity date.
* K10 lead time = session start - notification time, in elapsed hours.

Datetimes are Europe/Paris wall-clock times; "today" is always an input, never the clock.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")
CENT = Decimal("0.01")
END_OF_DAY = time(23, 59, 59)

# The holidays library renamed two French holidays (v0.22+: "Armistice", "Fête de la
# Victoire"); the evaluation set and earlier answers use the historical labels, so the
# library stays the source of the dates and of every other name.
_HISTORICAL_HOLIDAY_LABELS = {
    "Armistice": "Armistice 1918",
    "Fête de la Victoire": "Armistice 1945",
}


# --- K1: days ---


def add_days(event: date, days: int) -> date:
    """K1: last allowed day of "N days from `event`" (event day not counted, no extension)."""
    return event + timedelta(days=days)


def days_before(anchor: date, days: int) -> date:
    """K1 backwards: latest day that is still "N days before `anchor`"."""
    return anchor - timedelta(days=days)


def end_of_day(day: date) -> datetime:
    """K1: a day-based deadline ends at 23:59:59 local time on its last day."""
    return datetime.combine(day, END_OF_DAY)


# --- K2 / K4 / K5: months and years ---


def add_months(start: date, months: int) -> date:
    """K2: same day-of-month `months` later; a day that does not exist becomes the month end."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def month_end_clamped(start: date, months: int) -> bool:
    """True when `add_months` had to clamp, i.e. the day-of-month does not exist there."""
    return add_months(start, months).day != start.day


def last_day_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True, slots=True)
class Duration:
    """K4: a duration of N months starting on `start`, the start day counting as day 1."""

    start: date
    last_day: date
    free_from: date


def duration_in_months(start: date, months: int) -> Duration:
    """K4: last day = start + N months (clamped) - 1 day; the person is free from start + N."""
    free_from = add_months(start, months)
    return Duration(start, free_from - timedelta(days=1), free_from)


@dataclass(frozen=True, slots=True)
class BillingPeriod:
    """K5: the monthly period [A_k, A_{k+1} - 1] that contains a given day."""

    index: int  # k, 0 for the first month
    start: date  # A_k
    last_day: date  # A_{k+1} - 1
    next_anniversary: date  # A_{k+1}

    @property
    def months_started(self) -> int:
        return self.index + 1


def billing_period_containing(subscription_start: date, day: date) -> BillingPeriod:
    """K5: period of `day`, anniversaries always computed from the ORIGINAL start day.

    A day that is itself an anniversary A_k (k >= 1) falls in the new period k.
    """
    if day < subscription_start:
        raise ValueError("day precedes the subscription start")
    k = (day.year - subscription_start.year) * 12 + day.month - subscription_start.month
    while k > 0 and add_months(subscription_start, k) > day:
        k -= 1
    while add_months(subscription_start, k + 1) <= day:
        k += 1
    following = add_months(subscription_start, k + 1)
    return BillingPeriod(
        k, add_months(subscription_start, k), following - timedelta(days=1), following
    )


# --- K3 / K10: hours ---


def add_hours(event: datetime, hours: int) -> datetime:
    """K3: event + N hours of elapsed time, returned as a Europe/Paris wall-clock time."""
    instant = event.replace(tzinfo=PARIS) if event.tzinfo is None else event
    return (instant.astimezone(ZoneInfo("UTC")) + timedelta(hours=hours)).astimezone(PARIS)


def hours_between(earlier: datetime, later: datetime) -> Decimal:
    """K10: elapsed hours from `earlier` to `later` (negative if `later` comes first)."""
    seconds = (_aware(later) - _aware(earlier)).total_seconds()
    return Decimal(str(seconds)) / Decimal(3600)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment


def is_real_local_time(moment: datetime) -> bool:
    """False for a wall-clock time skipped by a daylight-saving change in Europe/Paris."""
    local = moment.replace(tzinfo=PARIS)
    round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(PARIS)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


# --- K7 / K8: day counts ---


def inclusive_day_count(first_day: date, last_day: date) -> int:
    """K7: both the first and the last day count."""
    return (last_day - first_day).days + 1


def elapsed_days(since: date, until: date) -> int:
    """K8 (and K6 days late): `until` - `since` in calendar days."""
    return (until - since).days


# --- K6: money ---


def to_cents(amount: Decimal) -> Decimal:
    """K6: round half-up to the cent; call once, on the final figure."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def simple_interest(principal: Decimal, rate_percent: Decimal, days: int) -> Decimal:
    """K6: principal x rate x days / 365, unrounded (round at the end with `to_cents`)."""
    return principal * rate_percent / Decimal(100) * Decimal(days) / Decimal(365)


# --- French public holidays (K9) ---


def french_public_holiday(day: date) -> str | None:
    """Name of the French national public holiday on `day` (no Alsace-Moselle extras)."""
    name = _france_holidays(day.year).get(day)
    if name is None:
        return None
    return _HISTORICAL_HOLIDAY_LABELS.get(name, name)


@lru_cache(maxsize=64)
def _france_holidays(year: int) -> holidays.HolidayBase:
    # language="fr": the library's default names, independent of the process locale.
    return holidays.country_holidays("FR", years=year, language="fr")


WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
