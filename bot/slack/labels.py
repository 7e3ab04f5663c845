"""What a person reads of a calculator: its title, its document, its inputs' labels, hints and
choices, in French or English. Read from the calculators' own catalogue (each spec's `title`
and `doc_id`, each input schema's `x-labels` and `x-hints`); the window and the answers ask
here and nowhere else."""

from __future__ import annotations

from functools import cache
from typing import Any

from bot.calcchat._format import value_text  # the core's words for a coded value
from bot.calcchat._labels import INPUTS
from bot.calcchat._regs import SPECS as REGULATIONS_CALCULATORS
from bot.calculators import CALCULATORS, input_schema
from bot.wording import Lang


def calculator_title(name: str, lang: Lang) -> str:
    spec = CALCULATORS.get(name)
    if spec is None:
        return name
    title: Any = getattr(spec, "title", None)
    if title:
        return str(title[lang])
    return str(spec.description[lang]).split(" (")[0].rstrip(".")


def calculator_document(name: str) -> str:
    """`cgs` or `regulations`: the document whose rules the calculator applies."""
    doc_id: Any = getattr(CALCULATORS.get(name), "doc_id", None)
    if doc_id:
        return str(doc_id)
    return "regulations" if name in REGULATIONS_CALCULATORS else "cgs"


@cache
def _properties(name: str) -> dict[str, dict[str, Any]]:
    properties: dict[str, dict[str, Any]] = input_schema(name).get("properties", {})
    return properties


def input_label(name: str, key: str, lang: Lang) -> str:
    prop = _properties(name).get(key, {}) if name in CALCULATORS else {}
    labels = prop.get("x-labels")
    if isinstance(labels, dict) and labels.get(lang):
        return str(labels[lang])
    asked = INPUTS.get(key)  # how the conversation asks for it, when the schema has no label
    if asked is not None:
        words = asked[0 if lang == "fr" else 1]
        return words[:1].upper() + words[1:]
    return key.replace("_", " ").capitalize()


def input_hint(name: str, key: str, lang: Lang) -> str | None:
    prop = _properties(name).get(key, {}) if name in CALCULATORS else {}
    hints = prop.get("x-hints")
    if isinstance(hints, dict) and hints.get(lang):
        return str(hints[lang])
    return None


def choice_label(key: str, value: str, lang: Lang) -> str:
    """A coded choice ("premium_plus", "monthly_instalment") as a person names it."""
    return value_text(key, value, lang)
