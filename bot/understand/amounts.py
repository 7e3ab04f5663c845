"""Sums of money in euros: "300 €", "€300", "EUR 300", "1 200,50 €", "1,200.50 EUR", "300 €/mois".

A number is money only next to a currency marker (€, euro(s), EUR), or directly before
"/mois" or "/month" ("300/month"): "30%", "7 jours" and bare numbers are not. Separators
are read the way people write them: the last "," or "." followed by one or two digits is
the decimal point; any other ".", ",", space or thin space groups thousands ("1,200 €" is
1200 €, not 1.2 €). Other currencies are not read.

Negative and absurd sums are reported with `suspicious=True` rather than dropped, so the
assistant can question them instead of silently ignoring what the learner wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bot.understand.language import Lang

# No offer or path costs anywhere near this; a larger figure is a typo or a test.
SUSPICIOUS_FROM = Decimal(100_000)

_NUMBER = (
    r"(?:[0-9]{1,3}(?:[ \u00a0\u202f\u2009.,'][0-9]{3})+(?:[.,][0-9]{1,2})?"
    r"|[0-9]+(?:[.,][0-9]{1,2})?)(?![0-9])"
)
_PER_MONTH = (
    r"\s?(?:/\s?(?:mois|month|mo)\b|(?:par|per|a|chaque|each|every)\s+(?:mois|month)\b"
    r"|mensuels?\b|monthly\b)"
)
_AMOUNT = re.compile(
    r"(?<![\w.,])(?<!\w-)"
    rf"(?:(?:€|\bEUR\b)\s?(?P<after_currency>{_NUMBER})"
    rf"|(?P<before_currency>{_NUMBER})(?P<thousands>\s?k)?\s?(?:€|(?:euros?|EUR)(?!\w))"
    rf"|(?P<per_month_only>{_NUMBER})(?=\s?/\s?(?:mois|month)\b))"
    rf"(?P<per_month>{_PER_MONTH})?",
    re.IGNORECASE,
)
_DECIMALS = re.compile(r"(?P<whole>.+?)(?:[.,](?P<fraction>[0-9]{1,2}))?")
_SIGN_BEFORE = re.compile(r"(?<!\w)[-−]\s?$")


@dataclass(frozen=True)
class FoundAmount:
    value: Decimal
    currency: Literal["EUR"]
    text: str
    start: int
    end: int
    per_month: bool
    suspicious: bool  # negative, or at least SUSPICIOUS_FROM


def extract_amounts(text: str, language: Lang) -> list[FoundAmount]:
    """Every euro amount in `text`, in order. `language` is accepted for symmetry."""
    return [_amount_from(match, text) for match in _AMOUNT.finditer(text)]


def _amount_from(match: re.Match[str], text: str) -> FoundAmount:
    number = match["after_currency"] or match["before_currency"] or match["per_month_only"]
    value = parse_number(number)
    if match["thousands"]:
        value *= 1000
    start = match.start()
    sign = _SIGN_BEFORE.search(text, 0, start)
    if sign is not None:  # "-300 €", "− 300 €"
        value, start = -value, sign.start()
    suspicious = value < 0 or value >= SUSPICIOUS_FROM
    per_month = match["per_month"] is not None
    end = match.end()
    return FoundAmount(value, "EUR", text[start:end], start, end, per_month, suspicious)


def parse_number(number: str) -> Decimal:
    """ "1 200,50", "1,200.50", "1.200,50", "300" → Decimal (see the module docstring)."""
    parts = _DECIMALS.fullmatch(number)
    if parts is None:  # pragma: no cover - the pattern matches any non-empty string
        raise ValueError(number)
    whole = re.sub(r"[^0-9]", "", parts["whole"])
    fraction = parts["fraction"]
    return Decimal(f"{whole}.{fraction}") if fraction else Decimal(whole)
