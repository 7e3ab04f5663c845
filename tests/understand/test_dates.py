"""Dates in messages, resolved against a fixed today: Wednesday 20 May 2026 (Europe/Paris)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from bot.understand import Lang, extract_dates
from bot.understand.anchored import read_dates
from bot.understand.dates import PARIS

TODAY = date(2026, 5, 20)  # a Wednesday


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def found(text: str, language: Lang) -> list[tuple[str, date | datetime]]:
    return [(d.text, d.value) for d in extract_dates(text, TODAY, language).dates]


ABSOLUTE = [
    # French, day first; a missing year is today's year unless that is > 6 months ahead
    ("J'ai accepté le 3 mars", "fr", [("3 mars", date(2026, 3, 3))]),
    ("3 mars 2026", "fr", [("3 mars 2026", date(2026, 3, 3))]),
    ("le 03/03/2026", "fr", [("03/03/2026", date(2026, 3, 3))]),
    ("le 03/03", "fr", [("03/03", date(2026, 3, 3))]),
    ("le 03/04", "fr", [("03/04", date(2026, 4, 3))]),  # dd/mm
    ("le 3/4/26", "fr", [("3/4/26", date(2026, 4, 3))]),
    ("le 03.03.2026", "fr", [("03.03.2026", date(2026, 3, 3))]),
    ("1er avril", "fr", [("1er avril", date(2026, 4, 1))]),
    ("premier mars", "fr", [("premier mars", date(2026, 3, 1))]),
    ("le 15 fevrier sans accent", "fr", [("15 fevrier", date(2026, 2, 15))]),
    ("le 7 sept.", "fr", [("7 sept.", date(2026, 9, 7))]),  # 110 days ahead: this year
    ("le 15 décembre", "fr", [("15 décembre", date(2025, 12, 15))]),
    ("le 15/12", "fr", [("15/12", date(2025, 12, 15))]),
    ("le 1er novembre", "fr", [("1er novembre", date(2026, 11, 1))]),  # 165 days ahead
    ("15 juin à 14h", "fr", [("15 juin à 14h", at(2026, 6, 15, 14))]),
    ("jeudi 12 mars à 14h30", "fr", [("jeudi 12 mars à 14h30", at(2026, 3, 12, 14, 30))]),
    ("le 3 mars, 9h30", "fr", [("3 mars, 9h30", at(2026, 3, 3, 9, 30))]),
    ("3 mars 2026 à 9 h", "fr", [("3 mars 2026 à 9 h", at(2026, 3, 3, 9))]),
    ("le lundi 18 mai", "fr", [("lundi 18 mai", date(2026, 5, 18))]),
    ("mardi 3", "fr", [("mardi 3", date(2026, 3, 3))]),  # the nearest 3rd that is a Tuesday
    (
        "absent du 3 au 10 mars",
        "fr",
        [("3", date(2026, 3, 3)), ("10 mars", date(2026, 3, 10))],
    ),
    # English
    ("March 3", "en", [("March 3", date(2026, 3, 3))]),
    ("3rd of March", "en", [("3rd of March", date(2026, 3, 3))]),
    ("the 3rd of may", "en", [("3rd of may", date(2026, 5, 3))]),
    ("May 3", "en", [("May 3", date(2026, 5, 3))]),
    ("March 3rd, 2026", "en", [("March 3rd, 2026", date(2026, 3, 3))]),
    ("March 3 2026", "en", [("March 3 2026", date(2026, 3, 3))]),
    ("March the 3rd", "en", [("March the 3rd", date(2026, 3, 3))]),
    ("signed up on march 3 for the path", "en", [("march 3", date(2026, 3, 3))]),
    ("on 2026-03-03", "en", [("2026-03-03", date(2026, 3, 3))]),
    ("2026-03-03T14:00", "en", [("2026-03-03T14:00", at(2026, 3, 3, 14))]),
    ("2026-03-03 14:00", "en", [("2026-03-03 14:00", at(2026, 3, 3, 14))]),
    ("03/04/2026", "en", [("03/04/2026", date(2026, 4, 3))]),  # day first here too
    ("04/15/2026", "en", [("04/15/2026", date(2026, 4, 15))]),  # only month first fits
    ("on 03/15", "en", [("03/15", date(2026, 3, 15))]),
    ("Thursday at 2pm", "en", [("Thursday at 2pm", at(2026, 5, 21, 14))]),
    ("Saturday 10am", "en", [("Saturday 10am", at(2026, 5, 23, 10))]),
    ("tomorrow at noon", "en", [("tomorrow at noon", at(2026, 5, 21, 12))]),
    ("Friday at 9:30 p.m.", "en", [("Friday at 9:30 p.m.", at(2026, 5, 22, 21, 30))]),
    # a shape only dateparser knows, asked about the window around the month name
    ("payé le 3-mar-2026", "fr", [("3-mar-2026", date(2026, 3, 3))]),
]

RELATIVE = [
    # TODAY is a Wednesday: "est samedi" is the coming Saturday, not a past participle.
    ("ma séance est samedi", "fr", [("samedi", date(2026, 5, 23))]),
    ("j'ai raté la séance samedi", "fr", [("samedi", date(2026, 5, 16))]),
    ("hier", "fr", [("hier", date(2026, 5, 19))]),
    ("avant-hier", "fr", [("avant-hier", date(2026, 5, 18))]),
    ("avant hier", "fr", [("avant hier", date(2026, 5, 18))]),
    ("aujourd'hui", "fr", [("aujourd'hui", date(2026, 5, 20))]),
    ("aujourd’hui", "fr", [("aujourd’hui", date(2026, 5, 20))]),
    ("demain", "fr", [("demain", date(2026, 5, 21))]),
    ("après-demain", "fr", [("après-demain", date(2026, 5, 22))]),
    ("ce matin", "fr", [("ce matin", date(2026, 5, 20))]),
    ("hier soir vers 20h", "fr", [("hier soir vers 20h", at(2026, 5, 19, 20))]),
    ("demain a 14h", "fr", [("demain a 14h", at(2026, 5, 21, 14))]),
    ("la semaine dernière", "fr", [("la semaine dernière", date(2026, 5, 13))]),
    ("le mois dernier", "fr", [("le mois dernier", date(2026, 4, 20))]),
    ("la semaine prochaine", "fr", [("la semaine prochaine", date(2026, 5, 27))]),
    ("il y a 3 jours", "fr", [("il y a 3 jours", date(2026, 5, 17))]),
    ("il y a deux semaines", "fr", [("il y a deux semaines", date(2026, 5, 6))]),
    ("il y a un mois", "fr", [("il y a un mois", date(2026, 4, 20))]),
    ("ya 2j", "fr", [("ya 2j", date(2026, 5, 18))]),
    ("dans 2 semaines", "fr", [("dans 2 semaines", date(2026, 6, 3))]),
    ("lundi dernier", "fr", [("lundi dernier", date(2026, 5, 18))]),
    ("mercredi dernier", "fr", [("mercredi dernier", date(2026, 5, 13))]),  # not today
    ("jeudi prochain", "fr", [("jeudi prochain", date(2026, 5, 21))]),
    ("j'étais absent lundi", "fr", [("lundi", date(2026, 5, 18))]),  # past tense: last Monday
    ("ma session est prévue lundi", "fr", [("lundi", date(2026, 5, 25))]),
    ("yesterday", "en", [("yesterday", date(2026, 5, 19))]),
    ("the day before yesterday", "en", [("the day before yesterday", date(2026, 5, 18))]),
    ("today", "en", [("today", date(2026, 5, 20))]),
    ("tomorrow", "en", [("tomorrow", date(2026, 5, 21))]),
    ("3 days ago", "en", [("3 days ago", date(2026, 5, 17))]),
    ("two weeks ago", "en", [("two weeks ago", date(2026, 5, 6))]),
    ("a week ago", "en", [("a week ago", date(2026, 5, 13))]),
    ("last week", "en", [("last week", date(2026, 5, 13))]),
    ("next month", "en", [("next month", date(2026, 6, 20))]),
    ("2 weeks from now", "en", [("2 weeks from now", date(2026, 6, 3))]),
    ("in two weeks' time", "en", [("in two weeks' time", date(2026, 6, 3))]),
    ("last Monday", "en", [("last Monday", date(2026, 5, 18))]),
    ("next Thursday", "en", [("next Thursday", date(2026, 5, 21))]),
    ("I missed my session on Monday", "en", [("Monday", date(2026, 5, 18))]),
    ("Friday night", "en", [("Friday night", date(2026, 5, 22))]),
    (
        "My session is on Thursday at 2pm and today is Monday morning.",
        "en",
        [
            ("Thursday at 2pm", at(2026, 5, 21, 14)),
            ("today", date(2026, 5, 20)),
            ("Monday morning", date(2026, 5, 25)),
        ],
    ),
    (
        "j'ai pris l'abonnement Solo il y a 3 jours, j'ai suivi deux chapitres",
        "fr",
        [("il y a 3 jours", date(2026, 5, 17))],
    ),
]

# Numbers that are amounts, durations, references or versions are never dates.
NOT_DATES = [
    # A weekday said of any such day is no date.
    ("mon mentor peut me mettre une séance le samedi matin ?", "fr"),
    ("les séances ont lieu chaque lundi", "fr"),
    ("Can sessions be held on Saturdays?", "en"),
    ("every Monday at 9", "en"),
    ("300 €", "fr"),
    ("30%", "fr"),
    ("30 %", "fr"),
    ("7 jours", "fr"),
    ("sept jours", "fr"),
    ("3 mois", "fr"),
    ("24h", "fr"),
    ("48 heures", "fr"),
    ("15 minutes", "fr"),
    ("I joined my session 10 minutes late", "en"),
    ("for 3 weeks while I move house", "en"),
    ("I finished in 3 months", "en"),  # a duration; "in N months" is not read as a date
    ("in 2 weeks", "en"),
    ("L444-8", "fr"),
    ("article L.444-8 du Code de l'éducation", "fr"),
    ("article 6.2", "fr"),
    ("articles 2.2.g et 6.2", "fr"),
    ("iOS 12", "fr"),
    ("j'ai un vieil iPad bloqué en iOS 12.5.7", "fr"),
    ("j'ai eu 12/20 à mon projet", "fr"),
    ("1/2 journée", "fr"),
    ("dispo 24/7", "fr"),
    ("24h/24 et 7j/7", "fr"),
    ("appelez le +33 1 80 88 80 30", "fr"),
    ("01.80.88.80.30", "fr"),
    ("il y a 7 jours de réflexion ?", "fr"),  # "there are", not "ago"
    ("est-ce qu'il y a 14 jours pour changer d'avis", "fr"),
    ("il y a 3 heures", "fr"),  # needs the clock
    ("mars 2026", "fr"),  # a month, not a day
    ("en mars", "fr"),
    ("I may 3 times", "en"),
    ("option 3 may be better", "en"),
    ("35 h par semaine", "fr"),
    ("Le délai de 7 jours, il commence quand ? Dans l'article 6.2 et l'annexe 1", "fr"),
    ("2000 € le 3", "fr"),
]

INVALID = [
    ("31 février", "fr", "31 février", "no_such_day"),
    ("le 30 février 2026", "fr", "30 février 2026", "no_such_day"),
    ("29 février", "fr", "29 février", "no_such_day"),  # 2026 is not a leap year
    ("2026-02-30", "en", "2026-02-30", "no_such_day"),
    ("2026-13-01", "en", "2026-13-01", "no_such_day"),
    ("February 30", "en", "February 30", "no_such_day"),
    ("le 31/04", "fr", "31/04", "no_such_day"),
    ("le 31/04/2026", "fr", "31/04/2026", "no_such_day"),
    ("lundi 12 mars 2026", "fr", "lundi 12 mars 2026", "weekday_mismatch"),  # a Thursday
    ("il y a 99999999 jours", "fr", "il y a 99999999 jours", "out_of_range"),
]


@pytest.mark.parametrize(("text", "language", "expected"), ABSOLUTE)
def test_absolute_dates(text: str, language: Lang, expected: list[Any]) -> None:
    assert found(text, language) == expected


@pytest.mark.parametrize(("text", "language", "expected"), RELATIVE)
def test_relative_dates(text: str, language: Lang, expected: list[Any]) -> None:
    assert found(text, language) == expected


@pytest.mark.parametrize(("text", "language"), NOT_DATES)
def test_numbers_that_are_not_dates(text: str, language: Lang) -> None:
    extraction = extract_dates(text, TODAY, language)
    assert extraction.dates == [] and extraction.invalid == []


@pytest.mark.parametrize(("text", "language", "span", "reason"), INVALID)
def test_impossible_dates_are_reported_not_guessed(
    text: str, language: Lang, span: str, reason: str
) -> None:
    extraction = extract_dates(text, TODAY, language)
    assert extraction.dates == []
    assert [(i.text, i.reason) for i in extraction.invalid] == [(span, reason)]


def test_flags_say_how_each_date_was_written() -> None:
    text = "inscrit le 3 mars, absent hier et jeudi à 14h"
    dates = extract_dates(text, TODAY, "fr").dates
    assert [(d.text, d.relative, d.has_time) for d in dates] == [
        ("3 mars", False, False),
        ("hier", True, False),
        ("jeudi à 14h", True, True),
    ]
    assert all(text[d.start : d.end] == d.text for d in dates)


def test_times_are_paris_wall_clock_across_daylight_saving() -> None:
    winter, summer = (
        d.value for d in extract_dates("1er mars à 9h, 1er mai à 9h", TODAY, "fr").dates
    )
    assert isinstance(winter, datetime) and isinstance(summer, datetime)
    assert (winter.utcoffset(), summer.utcoffset()) == (
        datetime(2026, 3, 1, 9, tzinfo=PARIS).utcoffset(),
        datetime(2026, 5, 1, 9, tzinfo=PARIS).utcoffset(),
    )
    assert winter.time() == summer.time() == time(9)


def test_an_impossible_clock_time_is_not_attached() -> None:
    assert found("le 3 mars à 24h", "fr") == [("3 mars", date(2026, 3, 3))]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 5, 20), date(2026, 3, 3)),  # earlier this year
        (date(2026, 1, 10), date(2026, 3, 3)),  # 52 days ahead: still this year
        (date(2026, 8, 31), date(2026, 3, 3)),
    ],
)
def test_a_yearless_date_stays_in_this_year_within_six_months(today: date, expected: date) -> None:
    assert extract_dates("le 3 mars", today, "fr").dates[0].value == expected


def test_a_yearless_date_more_than_six_months_ahead_is_last_years() -> None:
    # 2026-12-15 would be 209 days after 2026-05-20
    assert extract_dates("le 15 décembre", TODAY, "fr").dates[0].value == date(2025, 12, 15)


def test_the_same_text_resolves_against_the_given_today() -> None:
    assert extract_dates("hier", date(2024, 3, 1), "fr").dates[0].value == date(2024, 2, 29)
    assert extract_dates("il y a un mois", date(2026, 3, 31), "fr").dates[0].value == date(
        2026, 2, 28
    )


# Why our own patterns come first: what dateparser's search_dates says on its own (same
# settings: DMY, prefer past, relative to today at noon), against the right reading.
DATEPARSER_ALONE_MISREADS = [
    ("1er avril", "fr", date(2026, 4, 1)),  # dateparser: 20 April ("avril" alone)
    ("jeudi prochain", "fr", date(2026, 5, 21)),  # dateparser: 14 May, the past Thursday
    ("Thursday at 2pm", "en", at(2026, 5, 21, 14)),  # dateparser: 14 May
    ("15 juin à 14h", "fr", at(2026, 6, 15, 14)),  # dateparser: 2025, with "prefer past"
    ("la semaine dernière", "fr", date(2026, 5, 13)),  # dateparser: nothing
    ("ce matin", "fr", date(2026, 5, 20)),  # dateparser: nothing
    ("7 jours", "fr", None),  # dateparser: 13 May, a duration read as "7 days ago"
    ("24h", "fr", None),  # dateparser: yesterday
    ("j'ai eu 12/20", "fr", None),  # dateparser: 12 May 2020
    ("I may 3 times", "en", None),  # dateparser: 3 May
    ("31 février", "fr", None),  # dateparser: 20 February; we report it as impossible
]


@pytest.mark.parametrize(("text", "language", "right"), DATEPARSER_ALONE_MISREADS)
def test_dateparser_alone_misreads_these(
    text: str, language: Lang, right: date | datetime | None
) -> None:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime.combine(TODAY, time(12)),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
    }
    alone = search_dates(text, languages=[language], settings=settings) or []
    alone_values = [v if (v.hour, v.minute) != (0, 0) else v.date() for _, v in alone]
    right_naive = right.replace(tzinfo=None) if isinstance(right, datetime) else right
    assert alone_values != ([right_naive] if right else [])
    assert [d.value for d in extract_dates(text, TODAY, language).dates] == (
        [right] if right else []
    )


def test_dateparser_alone_cuts_relative_spans_short() -> None:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.combine(TODAY, time(12))}
    assert search_dates("il y a 3 jours", languages=["fr"], settings=settings)[0][0] == "a 3 jours"
    assert found("il y a 3 jours", "fr")[0][0] == "il y a 3 jours"


# --- dates that lean on another date (bot.understand.anchored) ---


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the learner's today sets "hier" and "last Thursday"
        ("On est le 20 juin 2026, j'ai accepté hier", "fr", date(2026, 6, 19)),
        ("Today is 2 June 2026; I accepted last Thursday", "en", date(2026, 5, 28)),
        # counted from the date before
        ("Accepté le 10 mars ; au bout de deux mois je résilie", "fr", date(2026, 5, 10)),
        ("Accepted on 5 January. 2 months in, can I still cancel?", "en", date(2026, 3, 5)),
        ("Accepted on 3 March, ten days later I asked", "en", date(2026, 3, 13)),
        ("accepté le 30 novembre 2026, trois mois plus tard", "fr", date(2027, 2, 28)),  # clamped
        # a bare day takes the month of the date before, or the next month
        ("J'ai souscrit le 12 janvier, je peux me rétracter le 16 ?", "fr", date(2026, 1, 16)),
        ("souscrit le 28 janvier, puis-je me rétracter le 2 ?", "fr", date(2026, 2, 2)),
        # next to the date before
        (
            "séance le 21 mai 2026 à 9h, prévenu la veille à 20h",
            "fr",
            datetime(2026, 5, 20, 20, tzinfo=PARIS),
        ),
        ("session on 3 June at 10:00, told them the day before", "en", date(2026, 6, 2)),
    ],
)
def test_dates_read_from_another_date(text: str, language: Lang, expected: date) -> None:
    read = read_dates(text, TODAY, language)
    assert read.dates[-1].value == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le délai de 3 mois après l'acceptation", "fr"),  # a rule, no date before
        ("within 3 months after accepting on 3 March", "en"),  # a rule, not a date
        ("I am still in the 7-day reflection period since 18 May", "en"),  # "7-day" is no day
        ("il y a 7 jours de réflexion, le 16 est ok", "fr"),  # no date before "le 16"
    ],
)
def test_no_date_is_counted_from_a_rule(text: str, language: Lang) -> None:
    read = read_dates(text, TODAY, language)
    assert all(not d.relative for d in read.dates)
