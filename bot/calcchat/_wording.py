"""The one question that asks for exactly what a calculation still lacks."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.calcchat._format import Lang, day_text, join_words
from bot.calcchat._labels import EVENT_TIMES, HOURS, INPUTS

if TYPE_CHECKING:
    from bot.calcchat import CalcIntent


def input_label(intent: CalcIntent, key: str, language: Lang) -> str:
    """How the learner would name input `key` of this calculation."""
    index = 0 if language == "fr" else 1
    if key in intent.partial and key in HOURS:
        day = day_text(date.fromisoformat(intent.partial[key]), language)
        return HOURS[key][index].format(day=day)
    event = intent.inputs.get("event")
    if key == "event_time" and isinstance(event, str) and event in EVENT_TIMES:
        return EVENT_TIMES[event][index]
    if key in INPUTS:
        return INPUTS[key][index]
    return key.replace("_", " ")


def ask_for_missing(intent: CalcIntent, language: Lang) -> str:
    """One short question naming, in the learner's words, the missing and unreadable facts
    (what the documents decide without them is the reply's lead, see `_partial`)."""
    return _question(intent, language)


def _question(intent: CalcIntent, language: Lang) -> str:
    missing = [input_label(intent, key, language) for key in intent.missing]
    unread = [k for k in intent.unreadable if k not in intent.missing]
    if not unread:
        if not missing:
            return ""
        if language == "fr":
            return f"Pour faire le calcul, pouvez-vous m'indiquer {join_words(missing, 'fr')} ?"
        return f"To work this out, could you tell me {join_words(missing, 'en')}?"
    written = join_words(
        [_quoted(intent.unreadable_text.get(k, k), language) for k in unread], language
    )
    again = join_words([input_label(intent, key, language) for key in unread], language)
    if language == "fr":
        also = f", ainsi que {join_words(missing, 'fr')}" if missing else ""
        return (
            f"Je n'ai pas pu utiliser {written} (date inexistante ou incohérente) : pouvez-vous "
            f"me redonner {again}{also} ?"
        )
    also = f", as well as {join_words(missing, 'en')}" if missing else ""
    return (
        f"I could not use {written} (no such date, or inconsistent): could you give me "
        f"{again} again{also}?"
    )


def _quoted(text: str, language: Lang) -> str:
    return f"« {text} »" if language == "fr" else f"“{text}”"
