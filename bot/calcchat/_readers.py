"""Inputs that are not dates: sums, minutes, counts, yes/no answers, short labels.

Each reader returns None when the message does not state the fact, so that the input is
asked for rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bot.calcchat._cues import cue
from bot.calcchat._facts import Facts
from bot.understand.amounts import parse_number
from bot.understand.durations import NUMBER_WORDS

_YES = re.compile(
    r"^\W*(?:oui|yes|yep|yeah|ouais|absolument|exactement|correct|tout a fait"
    r"|bien sur|of course|indeed|c'est ca|c'est le cas)\b"
)
_NO = re.compile(r"^\W*(?:non|no|nope|pas du tout|not at all|jamais|never)\b")
# The 40 € recovery fee of CGS 3.2 is a rule, not the learner's debt.
_FEE_NEAR = cue(r"frais|fee|forfait\w*|indemnite forfaitaire|recouvrement|recovery")
_WHOLE_PRICE_AFTER = re.compile(
    r"\s*(?:ttc\s*|ht\s*)?(?:au total|en tout|in total|total|overall|for the whole"
    r"|pour (?:tout|l'ensemble)|(?:pour|for) (?:le|la|the) (?:parcours|formation|path"
    r"|training|programme|program))\b"
)
_WHOLE_PRICE_BEFORE = cue(
    r"(?:prix|cout|montant|price|cost) total|total (?:price|cost)|(?:parcours|formation|path"
    r"|training|programme|program) (?:entier |complet )?(?:coute|costs?|vaut|est a)"
)
_TOTAL_PAID_NEAR = cue(
    r"deja|already|au total|in total|en tout|so far|jusqu'ici|total|paid|verse\w*"
    r"|(?:ai|avons|a) (?:deja )?(?:paye|regle|verse)"
)
_NUMBER_WORD = re.compile(
    r"^\W*(?P<word>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\W*$"
)


def json_number(value: Decimal) -> int | float:
    """A JSON number for a calculator input: 300 stays 300, 299.9 becomes 299.9."""
    return int(value) if value == value.to_integral_value() else float(value)


def yes_no(facts: Facts, asked: bool) -> bool | None:
    """A bare "oui"/"no", read only as the answer to a question the previous turn asked."""
    if not asked:
        return None
    if _YES.match(facts.folded):
        return True
    if _NO.match(facts.folded):
        return False
    return None


def amount_kinds(facts: Facts) -> dict[str, Decimal]:
    """Sums by meaning: "monthly" (per month), "whole_price" (the price of the whole path),
    "paid" (already paid), "other"; first wins."""
    kinds: dict[str, Decimal] = {}
    for amount in facts.amounts:
        if amount.suspicious:
            continue
        window = facts.folded[max(0, amount.start - 30) : amount.end + 30]
        if amount.per_month:
            kind = "monthly"
        elif _FEE_NEAR.search(window) and amount.value == Decimal(40):
            continue
        elif _WHOLE_PRICE_AFTER.match(facts.folded, amount.end) or _WHOLE_PRICE_BEFORE.search(
            facts.folded[max(0, amount.start - 30) : amount.start]
        ):
            # The price of the whole path is no monthly price: never used as one.
            kind = "whole_price"
        elif _TOTAL_PAID_NEAR.search(facts.folded[max(0, amount.start - 30) : amount.start]):
            kind = "paid"
        else:
            kind = "other"
        kinds.setdefault(kind, amount.value)
    return kinds


def suspicious_amount(facts: Facts) -> str | None:
    """A sum written but not usable as one ("-300 €", "2 000 000 €"): to ask again."""
    return next((a.text for a in facts.amounts if a.suspicious), None)


def bare_amount(facts: Facts) -> Decimal | None:
    number = facts.bare_number()
    return None if number is None else parse_number(number)


def bare_count(facts: Facts) -> int | None:
    number = facts.bare_number()
    if number is not None and number.isdigit():
        return int(number)
    word = _NUMBER_WORD.match(facts.folded)
    return NUMBER_WORDS[word["word"]] if word else None


def minutes_stated(facts: Facts, *, late: bool) -> int | float | None:
    """Minutes of a duration ("10 minutes late", "une heure"); `late` keeps only lateness."""
    for duration in facts.durations:
        if late and not duration.late:
            continue
        if duration.unit == "minutes":
            return json_number(duration.value)
        if duration.unit == "hours":
            return json_number(duration.value * 60)
    return None


def first_label(facts: Facts, labels: Sequence[tuple[re.Pattern[str], Any]]) -> Any:
    """The value of the first pattern that matches the message."""
    for pattern, value in labels:
        if facts.has(pattern):
            return value
    return None
