# ruff: noqa: E501
# (a table of phrases reads better unbroken)
"""Calculator values as the learner reads them: dates, sums, yes/no, and their labels."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from bot.calculators.explain import date_en, date_fr, eur_en, eur_fr, number_en, number_fr

Lang = Literal["fr", "en"]

_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ISO_MOMENT = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?$")

# Codes the calculators return, in words.
_CODES: dict[str, tuple[str, str]] = {
    "premium_plus": ("Premium Plus", "Premium Plus"),
    "premium_solo": ("Premium Solo", "Premium Solo"),
    "standard_termination_2.2.g": ("résiliation ordinaire (CGS 2.2.g)", "ordinary termination (CGS 2.2.g)"),
    "standard_termination_2.1.d": ("résiliation ordinaire (CGS 2.1.d)", "ordinary termination (CGS 2.1.d)"),
    "L444-8_unilateral_termination": ("résiliation unilatérale (CGS 6.2, L444-8)", "unilateral termination (CGS 6.2, L444-8)"),
    "L444-8_force_majeure_termination": ("résiliation pour force majeure (L444-8)", "termination for force majeure (L444-8)"),
    "monthly_instalment": ("un mois d'abonnement", "one monthly price"),
    "contract_total": ("prix total du contrat", "total contract price"),
    "employment_contract_termination": ("rupture du contrat de travail", "termination of the employment contract"),
    "fraudulent_access": ("accès frauduleux", "fraudulent access"),
    "sick_leave_cfa_training_period": ("arrêt maladie pendant une période au CFA", "sick leave during a CFA training period"),
    "email": ("par email", "by email"),
    "promptly": ("sans délai", "promptly"),
    "not specified by the documents": ("non précisé par les documents", "not specified by the documents"),
    "not_determined_by_documents": ("non déterminé par les documents", "not determined by the documents"),
    "excluded_access_codes_used": ("exclue : codes d'accès utilisés", "excluded: access codes used"),
}  # fmt: skip
_WEEKDAYS = {
    "Monday": "lundi", "Tuesday": "mardi", "Wednesday": "mercredi", "Thursday": "jeudi",
    "Friday": "vendredi", "Saturday": "samedi", "Sunday": "dimanche",
}  # fmt: skip
_REASONS_FR = (
    (re.compile(r"^public holiday \((.+)\)$"), r"jour férié (\1)"),
    (re.compile(r"^not the day dedicated to training$"), "pas le jour dédié à la formation"),
    (re.compile(r"^starts before 08:00$"), "commence avant 8 h"),
    (re.compile(r"^ends after 19:00$"), "finit après 19 h"),
)


def day_text(value: date, lang: Lang) -> str:
    return date_fr(value) if lang == "fr" else date_en(value)


def moment_text(value: datetime, lang: Lang) -> str:
    if lang == "fr":
        return f"{date_fr(value.date())} à {value.hour} h {value:%M}"
    return f"{date_en(value.date())} at {value:%H:%M}"


def money_text(value: float | int, lang: Lang) -> str:
    amount = Decimal(str(value))
    return eur_fr(amount) if lang == "fr" else eur_en(amount)


def reason_text(reason: str, lang: Lang) -> str:
    """A mentoring-slot reason (English in the result) in the learner's language."""
    if lang == "en":
        return reason
    if reason.startswith("weekend ("):
        day = reason.removeprefix("weekend (").removesuffix(")")
        return f"week-end ({_WEEKDAYS.get(day, day)})"
    for pattern, replacement in _REASONS_FR:
        if pattern.match(reason):
            return pattern.sub(replacement, reason)
    return reason


def value_text(key: str, value: Any, lang: Lang) -> str:
    """One result value for the learner; None is what the documents leave open."""
    if value is None:
        return "non fixé par les documents" if lang == "fr" else "not set by the documents"
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, int | float):
        if key.endswith("_eur"):
            return money_text(value, lang)
        return number_fr(value) if lang == "fr" else number_en(value)
    if isinstance(value, list):
        if not value:
            return "aucun" if lang == "fr" else "none"
        items = [value_text(key, item, lang) for item in value]
        if key == "possible_sanction_levels":  # alternatives: level 2 or 3
            return (" ou " if lang == "fr" else " or ").join(items)
        return ", ".join(items)
    if isinstance(value, str):
        return _string_text(key, value, lang)
    return str(value)


def _string_text(key: str, value: str, lang: Lang) -> str:
    if _ISO_DAY.match(value):
        return day_text(date.fromisoformat(value), lang)
    if _ISO_MOMENT.match(value):
        return moment_text(datetime.fromisoformat(value), lang)
    if value in _CODES:
        return _CODES[value][0 if lang == "fr" else 1]
    if key in ("reason", "reasons"):
        return reason_text(value, lang)
    if key == "weekday" and lang == "fr":
        return _WEEKDAYS.get(value, value)
    return value


def join_words(items: list[str], lang: Lang) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]
