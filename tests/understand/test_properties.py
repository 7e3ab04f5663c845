"""Properties of the understanding layer: past is past, spans are exact, nothing raises."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understand import (
    Lang,
    detect_language,
    detect_language_with_confidence,
    extract_amounts,
    extract_counts,
    extract_dates,
    extract_durations,
)
from bot.understand.anchored import read_dates

TODAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
LANGUAGES = st.sampled_from(["fr", "en"])

WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PAST_TEMPLATES = [
    "il y a {n} jours",
    "il y a {n} semaines",
    "il y a {n} mois",
    "ya {n}j",
    "{n} days ago",
    "{n} weeks ago",
    "{n} months ago",
    "hier",
    "avant-hier",
    "hier soir",
    "yesterday",
    "the day before yesterday",
    "la semaine dernière",
    "le mois dernier",
    "last week",
    "last month",
    "{weekday_fr} dernier",
    "last {weekday_en}",
    "j'étais absent {weekday_fr}",
    "I missed my session on {weekday_en}",
]


@st.composite
def past_expressions(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(PAST_TEMPLATES))
    return template.format(
        n=draw(st.integers(min_value=1, max_value=400)),
        weekday_fr=draw(st.sampled_from(WEEKDAYS_FR)),
        weekday_en=draw(st.sampled_from(WEEKDAYS_EN)),
    )


def day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@given(expression=past_expressions(), today=TODAYS, language=LANGUAGES)
def test_relative_past_expressions_are_never_after_today(
    expression: str, today: date, language: Lang
) -> None:
    dates = extract_dates(f"Bonjour, {expression}, merci", today, language).dates
    assert dates, expression
    assert all(day_of(d.value) <= today and d.relative for d in dates)


@given(n=st.integers(min_value=1, max_value=400), today=TODAYS)
def test_future_offsets_are_never_before_today(n: int, today: date) -> None:
    for text in (f"dans {n} jours", f"{n} weeks from now", "demain", "jeudi prochain"):
        (found,) = extract_dates(text, today, "fr").dates
        assert day_of(found.value) > today


@given(n=st.integers(min_value=0, max_value=3000), today=TODAYS)
def test_days_ago_is_exact(n: int, today: date) -> None:
    if n > 1000 or today - date(1, 1, 1) < timedelta(days=n):
        return
    (found,) = extract_dates(f"il y a {n} jours", today, "fr").dates
    assert found.value == today - timedelta(days=n)


# Text that exercises the patterns: their trigger words and symbols, mixed with anything.
FRAGMENTS = st.sampled_from(
    [
        "il y a ", "ago", "dans ", "from now", "hier", "demain", "lundi", "last ", "next ",
        "dernier", "prochain", "semaine", "mois", "mars", "may", "March", "sept", "1er", "3rd",
        "31", "02", "2026", "/", "-", ".", ",", ":", "h", "à ", "at ", "pm", "€", "EUR",
        "euros", "par mois", "/month", "%", "k", "−", "absences", "second", "injustifiées",
        "\u00a0", "\u202f", "\x00", "\n", "\t", "😀", "İ", "ß", "é", "’", "'", "0", "7", "99",
        " ",
    ]
)  # fmt: skip
MESSAGES = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=80).map("".join),
    # long messages: the contract allows 4,000 characters
    st.text(min_size=1, max_size=40).map(lambda s: (s * (4000 // len(s) + 1))[:4000]),
    st.lists(FRAGMENTS, min_size=1, max_size=40).map(lambda f: ("".join(f) * 400)[:4000]),
)


@settings(max_examples=150, deadline=None)
@given(text=MESSAGES, today=TODAYS, language=LANGUAGES)
def test_extractors_never_raise_and_spans_are_exact(text: str, today: date, language: Lang) -> None:
    extraction = extract_dates(text, today, language)
    found: list[tuple[str, int, int]] = [(d.text, d.start, d.end) for d in extraction.dates]
    found += [(i.text, i.start, i.end) for i in extraction.invalid]
    found += [(a.text, a.start, a.end) for a in extract_amounts(text, language)]
    found += [(d.text, d.start, d.end) for d in extract_durations(text, language)]
    found += [(c.text, c.start, c.end) for c in extract_counts(text, language)]
    for span, start, end in found:
        assert text[start:end] == span and span


@settings(max_examples=150, deadline=None)
@given(text=MESSAGES, today=TODAYS, language=LANGUAGES)
def test_dates_do_not_overlap_and_come_in_order(text: str, today: date, language: Lang) -> None:
    extraction = extract_dates(text, today, language)
    spans = sorted(
        [(d.start, d.end) for d in extraction.dates]
        + [(i.start, i.end) for i in extraction.invalid]
    )
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    assert [d.start for d in extraction.dates] == sorted(d.start for d in extraction.dates)


@settings(max_examples=100, deadline=None)
@given(text=MESSAGES, fallback=st.sampled_from(["fr", "en", None]))
def test_language_detection_never_raises(text: str, fallback: Lang | None) -> None:
    assert detect_language(text, fallback) in ("fr", "en")
    language, confidence = detect_language_with_confidence(text)
    assert language in ("fr", "en") and 0.5 <= confidence <= 1.0


@given(cents=st.integers(min_value=0, max_value=99_999_99))
def test_french_and_english_written_amounts_read_back_exactly(cents: int) -> None:
    value = Decimal(cents) / 100
    english = f"€{value:,.2f}"
    french = f"{value:,.2f} €".replace(",", " ").replace(".", ",")
    cases: list[tuple[str, Lang]] = [(english, "en"), (french, "fr")]
    for text, language in cases:
        (amount,) = extract_amounts(text, language)
        assert amount.value == value and amount.text == text


# --- dates counted from another date, and the learner's own today (bot.understand.anchored) ---

ANCHORS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
LATER_TEMPLATES = [
    ("au bout de {n} {fr}", "fr"),
    ("{n} {fr} plus tard", "fr"),
    ("après {n} {fr}", "fr"),
    ("after {n} {en}", "en"),
    ("{n} {en} later", "en"),
    ("{n} {en} in, I asked", "en"),
]
UNITS = [("jours", "days", "days"), ("semaines", "weeks", "weeks"), ("mois", "months", "months")]


@given(
    anchor=ANCHORS,
    n=st.integers(min_value=1, max_value=60),
    unit=st.sampled_from(UNITS),
    template=st.sampled_from(LATER_TEMPLATES),
    today=TODAYS,
)
def test_a_duration_after_a_date_is_counted_from_it(
    anchor: date, n: int, unit: tuple[str, str, str], template: tuple[str, Lang], today: date
) -> None:
    pattern, language = template
    said = pattern.format(n=n, fr=unit[0], en=unit[1])
    text = f"J'ai accepté le {anchor.isoformat()}, {said}"
    read = read_dates(text, today, language)
    later = [d for d in read.dates if d.relative]
    assert len(later) == 1 and said.startswith(later[0].text.split(",")[0][:4])
    step = {
        "days": relativedelta(days=n),
        "weeks": relativedelta(weeks=n),
        "months": relativedelta(months=n),
    }[unit[2]]
    expected = anchor + step
    assert later[0].value == expected and later[0].value > anchor


@given(anchor=ANCHORS, day=st.integers(min_value=1, max_value=31), today=TODAYS)
def test_a_bare_day_is_the_next_such_day_from_the_date_before(
    anchor: date, day: int, today: date
) -> None:
    read = read_dates(
        f"Accepté le {anchor.isoformat()}, puis-je me rétracter le {day} ?", today, "fr"
    )
    bare = [d for d in read.dates if d.text == str(day)]
    invalid = [i for i in read.invalid if i.text == str(day)]
    assert len(bare) + len(invalid) == 1
    if bare:
        found = day_of(bare[0].value)
        assert found.day == day and anchor <= found < anchor + timedelta(days=62)


@given(stated=st.dates(min_value=date(1990, 1, 1), max_value=date(2089, 12, 31)), today=TODAYS)
def test_the_named_today_is_what_relative_dates_count_from(stated: date, today: date) -> None:
    cases: list[tuple[str, Lang]] = [
        (f"On est le {stated.isoformat()}, j'ai accepté les CGS hier", "fr"),
        (f"Today is {stated.isoformat()}; I accepted the CGS yesterday", "en"),
    ]
    for text, language in cases:
        read = read_dates(text, today, language)
        assert read.stated_today == stated and read.today == stated
        yesterday = [d for d in read.dates if d.text.lower() in ("hier", "yesterday")]
        assert [day_of(d.value) for d in yesterday] == [stated - timedelta(days=1)]


@settings(max_examples=150, deadline=None)
@given(text=MESSAGES, today=TODAYS, language=LANGUAGES, anchor=st.none() | ANCHORS)
def test_read_dates_never_raises_and_spans_are_exact(
    text: str, today: date, language: Lang, anchor: date | None
) -> None:
    read = read_dates(text, today, language, anchor)
    spans = [(d.text, d.start, d.end) for d in read.dates] + [
        (i.text, i.start, i.end) for i in read.invalid
    ]
    for span, start, end in spans:
        assert text[start:end] == span and span
    ordered = sorted((start, end) for _, start, end in spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(ordered))
