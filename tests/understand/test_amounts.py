"""Euro amounts: written forms, separators, monthly sums, non-amounts and suspicious values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.understand import Lang, extract_amounts
from bot.understand.amounts import parse_number

AMOUNTS = [
    # text, language, [(span, value, per_month)]
    ("300 €", "fr", [("300 €", "300", False)]),
    ("300€", "fr", [("300€", "300", False)]),
    ("300 euros", "fr", [("300 euros", "300", False)]),
    ("40 euros de frais", "fr", [("40 euros", "40", False)]),
    ("1 euro", "fr", [("1 euro", "1", False)]),
    ("EUR 300", "en", [("EUR 300", "300", False)]),
    ("€300", "en", [("€300", "300", False)]),
    ("€ 300", "en", [("€ 300", "300", False)]),
    ("300 EUR", "en", [("300 EUR", "300", False)]),
    ("1 200,50 €", "fr", [("1 200,50 €", "1200.50", False)]),
    ("1\u202f200,50\u00a0€", "fr", [("1\u202f200,50\u00a0€", "1200.50", False)]),  # NNBSP, NBSP
    ("1.200,50 €", "fr", [("1.200,50 €", "1200.50", False)]),
    ("1,200.50 EUR", "en", [("1,200.50 EUR", "1200.50", False)]),
    ("1,200 €", "en", [("1,200 €", "1200", False)]),  # three digits after: thousands
    ("49,99 €", "fr", [("49,99 €", "49.99", False)]),
    ("49.9 €", "en", [("49.9 €", "49.9", False)]),
    ("3k€", "fr", [("3k€", "3000", False)]),
    ("300 €/mois", "fr", [("300 €/mois", "300", True)]),
    ("300 euros par mois", "fr", [("300 euros par mois", "300", True)]),
    ("300 € mensuels", "fr", [("300 € mensuels", "300", True)]),
    ("300/month", "en", [("300/month", "300", True)]),
    ("€300 a month", "en", [("€300 a month", "300", True)]),
    ("€300 per month", "en", [("€300 per month", "300", True)]),
    (
        "J'ai payé 3 mois à 300 € puis 40 € de frais",
        "fr",
        [("300 €", "300", False), ("40 €", "40", False)],
    ),
    ("30 % de 300 €", "fr", [("300 €", "300", False)]),
]

NOT_AMOUNTS = [
    ("30%", "fr"),
    ("30 %", "fr"),
    ("7 jours", "fr"),
    ("300", "fr"),
    ("j'ai payé 300", "fr"),
    ("L444-8", "fr"),
    ("article 6.2", "fr"),
    ("le 03/03/2026", "fr"),
    ("4 sessions/month", "en"),  # the number is not right before "/month"
    ("$300", "en"),  # other currencies are not read
    ("Europe", "en"),
    ("300e anniversaire", "fr"),  # an ordinal
]


@pytest.mark.parametrize(("text", "language", "expected"), AMOUNTS)
def test_amounts(text: str, language: Lang, expected: list[tuple[str, str, bool]]) -> None:
    amounts = extract_amounts(text, language)
    assert [(a.text, a.value, a.per_month) for a in amounts] == [
        (span, Decimal(value), per_month) for span, value, per_month in expected
    ]
    assert all(a.currency == "EUR" and not a.suspicious for a in amounts)
    assert all(text[a.start : a.end] == a.text for a in amounts)


@pytest.mark.parametrize(("text", "language"), NOT_AMOUNTS)
def test_not_amounts(text: str, language: Lang) -> None:
    assert extract_amounts(text, language) == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("-300 €", "-300 €", "-300"),
        ("un remboursement de − 300 €", "− 300 €", "-300"),
        ("500 000 €", "500 000 €", "500000"),
        ("1 000 000 000 €", "1 000 000 000 €", "1000000000"),
    ],
)
def test_negative_and_absurd_amounts_are_flagged_not_dropped(
    text: str, span: str, value: str
) -> None:
    (amount,) = extract_amounts(text, "fr")
    assert (amount.text, amount.value, amount.suspicious) == (span, Decimal(value), True)


def test_a_hyphen_inside_a_reference_is_no_minus_sign() -> None:
    (amount,) = extract_amounts("selon l'article L444-8, 300 €", "fr")
    assert (amount.value, amount.suspicious) == (Decimal(300), False)


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("300", "300"),
        ("300,5", "300.5"),
        ("1 200", "1200"),
        ("1.200", "1200"),
        ("1,200", "1200"),
        ("1.200,50", "1200.50"),
        ("1,200.50", "1200.50"),
        ("1'200.50", "1200.50"),
    ],
)
def test_parse_number(number: str, value: str) -> None:
    assert parse_number(number) == Decimal(value)
