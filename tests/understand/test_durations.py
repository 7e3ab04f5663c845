"""Durations ("3 semaines", "10 minutes late") and counts ("deux absences injustifiées")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.understand import Lang, extract_counts, extract_durations

DURATIONS = [
    # text, language, [(span, value, unit, late)]
    ("3 semaines", "fr", [("3 semaines", "3", "weeks", False)]),
    ("pause for 3 weeks", "en", [("3 weeks", "3", "weeks", False)]),
    ("2 mois", "fr", [("2 mois", "2", "months", False)]),
    ("15 jours", "fr", [("15 jours", "15", "days", False)]),
    ("7j", "fr", [("7j", "7", "days", False)]),
    ("24h", "fr", [("24h", "24", "hours", False)]),
    ("24 h", "fr", [("24 h", "24", "hours", False)]),
    ("48 heures", "fr", [("48 heures", "48", "hours", False)]),
    ("quarante-huit heures", "fr", [("quarante-huit heures", "48", "hours", False)]),
    ("1,5 heure", "fr", [("1,5 heure", "1.5", "hours", False)]),
    ("1 an", "fr", [("1 an", "1", "years", False)]),
    ("3 years", "en", [("3 years", "3", "years", False)]),
    ("une semaine", "fr", [("une semaine", "1", "weeks", False)]),
    ("a month", "en", [("a month", "1", "months", False)]),
    ("sept jours", "fr", [("sept jours", "7", "days", False)]),
    ("I joined my session 10 minutes late", "en", [("10 minutes", "10", "minutes", True)]),
    ("10 min late", "en", [("10 min", "10", "minutes", True)]),
    ("late by 20 minutes", "en", [("20 minutes", "20", "minutes", True)]),
    ("10 minutes de retard", "fr", [("10 minutes", "10", "minutes", True)]),
    ("en retard de 16 min", "fr", [("16 min", "16", "minutes", True)]),
    ("j'ai eu 2h30 de retard", "fr", [("2h30", "150", "minutes", True)]),  # exact, in minutes
    ("plus de 15 minutes", "fr", [("15 minutes", "15", "minutes", False)]),
    (
        "prévenir 24h avant, sous 48 heures",
        "fr",
        [("24h", "24", "hours", False), ("48 heures", "48", "hours", False)],
    ),
]

NOT_DURATIONS = [
    ("à 14h", "fr"),  # clock times
    ("à 14h30", "fr"),
    ("vers 9h", "fr"),
    ("at 10h", "en"),
    ("de 14h à 16h", "fr"),
    ("24h/24 et 7j/7", "fr"),
    ("300 €", "fr"),
    ("30%", "fr"),
    ("L444-8", "fr"),
    ("deux h", "fr"),  # abbreviations only after digits
    ("dixjours", "fr"),
    ("le 3 mars", "fr"),
]


@pytest.mark.parametrize(("text", "language", "expected"), DURATIONS)
def test_durations(text: str, language: Lang, expected: list[tuple[str, str, str, bool]]) -> None:
    durations = extract_durations(text, language)
    assert [(d.text, d.value, d.unit, d.late) for d in durations] == [
        (span, Decimal(value), unit, late) for span, value, unit, late in expected
    ]


@pytest.mark.parametrize(("text", "language"), NOT_DURATIONS)
def test_not_durations(text: str, language: Lang) -> None:
    assert extract_durations(text, language) == []


COUNTS = [
    # text, language, [(span, value, noun, ordinal, qualifiers)]
    ("deux absences", "fr", [("deux absences", 2, "absence", False, ())]),
    (
        "2 absences injustifiées",
        "fr",
        [("2 absences injustifiées", 2, "absence", False, ("unauthorized",))],
    ),
    (
        "3 absences consécutives non justifiées",
        "fr",
        [
            (
                "3 absences consécutives non justifiées",
                3,
                "absence",
                False,
                ("consecutive", "unauthorized"),
            )
        ],
    ),
    (
        "my second unauthorized absence",
        "en",
        [("second unauthorized absence", 2, "absence", True, ("unauthorized",))],
    ),
    (
        "the 3rd unexcused absence in a row",
        "en",
        [("3rd unexcused absence in a row", 3, "absence", True, ("unauthorized", "consecutive"))],
    ),
    ("la 2e absence", "fr", [("2e absence", 2, "absence", True, ())]),
    ("troisième retard", "fr", [("troisième retard", 3, "lateness", True, ())]),
    ("two late arrivals", "en", [("two late arrivals", 2, "lateness", False, ())]),
    ("deux fois", "fr", [("deux fois", 2, "time", False, ())]),
    ("3 times", "en", [("3 times", 3, "time", False, ())]),
    (
        "une absence justifiée",
        "fr",
        [("une absence justifiée", 1, "absence", False, ("justified",))],
    ),
    ("2 avertissements", "fr", [("2 avertissements", 2, "warning", False, ())]),
]


@pytest.mark.parametrize(("text", "language", "expected"), COUNTS)
def test_counts(text: str, language: Lang, expected: list[tuple[object, ...]]) -> None:
    counts = extract_counts(text, language)
    assert [(c.text, c.value, c.noun, c.ordinal, c.qualifiers) for c in counts] == expected
    assert all(text[c.start : c.end] == c.text for c in counts)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("une fois que j'ai payé", "fr"),  # "once", not a count
        ("one at a time", "en"),
        ("absences", "fr"),
        ("3 jours", "fr"),
    ],
)
def test_not_counts(text: str, language: Lang) -> None:
    assert extract_counts(text, language) == []
