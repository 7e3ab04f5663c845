"""Explanations in French and English: inputs as understood, steps, figures, rules cited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from bot.calculators._types import Explanation, unique_refs
from bot.calculators.rules import Rule

_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STUDENT_SUCCESS_FR = (
    "Les documents ne tranchent pas ce point : adressez-vous au service Student Success "
    "(CGS, article 10 : 2 Cour de l'Ile Louviers, 75004 Paris, +33 1 80 88 80 30, ou via le "
    "formulaire de contact)."
)
STUDENT_SUCCESS_EN = (
    "The documents do not settle this point: contact the Student Success team (CGS "
    "Article 10: 2 Cour de l'Ile Louviers, 75004 Paris, +33 1 80 88 80 30, or the contact form)."
)


def date_fr(day: date) -> str:
    ordinal = "1er" if day.day == 1 else str(day.day)
    return f"{ordinal} {_MONTHS_FR[day.month - 1]} {day.year}"


def date_en(day: date) -> str:
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def datetime_fr(moment: datetime) -> str:
    return f"{date_fr(moment.date())} à {moment:%H:%M}"


def datetime_en(moment: datetime) -> str:
    return f"{date_en(moment.date())} at {moment:%H:%M}"


def number_fr(value: Decimal | float) -> str:
    """12.5 -> "12,5"; 76.0 -> "76"."""
    return f"{float(value):g}".replace(".", ",")


def number_en(value: Decimal | float) -> str:
    return f"{float(value):g}"


def eur_fr(amount: Decimal) -> str:
    whole, cents = f"{amount:,.2f}".split(".")
    return f"{whole.replace(',', ' ')},{cents} €"


def eur_en(amount: Decimal) -> str:
    return f"EUR {amount:,.2f}"


def _citation(rules: Iterable[Rule], cgs: str, regulations: str) -> str:
    parts = [
        f"{cgs if ref.doc_id == 'cgs' else regulations} {_section_label(ref.section)}"
        for ref in unique_refs(rules)
    ]
    return ", ".join(parts)


def _section_label(section: str) -> str:
    return "Annexe 1 (L444-8)" if section == "annexe1" else section


class Narrative:
    """Collects parallel French and English sentences, then closes with the rules cited."""

    def __init__(self) -> None:
        self._fr: list[str] = []
        self._en: list[str] = []

    def add(self, fr: str, en: str) -> Narrative:
        self._fr.append(fr)
        self._en.append(en)
        return self

    def refer_to_student_success(self) -> Narrative:
        return self.add(STUDENT_SUCCESS_FR, STUDENT_SUCCESS_EN)

    def build(self, rules: Iterable[Rule]) -> Explanation:
        applied = tuple(rules)
        cited_fr = _citation(applied, "CGS", "Règlement intérieur")
        cited_en = _citation(applied, "CGS", "Regulations")
        fr = " ".join([*self._fr, f"Règles appliquées : {cited_fr}."])
        en = " ".join([*self._en, f"Rules applied: {cited_en}."])
        return Explanation(fr=fr, en=en)
