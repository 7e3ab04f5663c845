"""The opening of a calculated answer: the answer to the question asked, first.

    answer_lead(calculator, result, inputs, question, language, today) -> str

"Oui : jusqu'au 19 janvier 2026 inclus : …" to "puis-je encore me rétracter le 16 ?",
"Au plus 90,00 € : …" to "combien au maximum ?", "Au plus tard le 21 mai 2026 à 17 h 00 : …"
to "avant quand ?". Each calculator has a builder (`_answers_cgs`, `_answers_regs`) that
picks, from the result and the words of the question, which of its findings answers, and
says it with the dates it used ("le 16 janvier 2026 est dans ce délai"). Every value comes
from the calculator's result or inputs; a value the documents leave open is said so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.calcchat._format import Lang, value_text
from bot.calcchat._question import Question

Result = Mapping[str, Any]


class _NoVerdict:
    """The question is not answered by yes or no here (an amount, a date, the outcome)."""


NO_VERDICT = _NoVerdict()
Verdict = bool | None | _NoVerdict


@dataclass(frozen=True)
class Answer:
    """What answers the question, as a clause that reads after "Oui :" (or alone,
    capitalised). `verdict` None means the documents leave the yes or no open: the clause
    then says so itself and gets no prefix."""

    verdict: Verdict
    fr: str
    en: str


@dataclass(frozen=True)
class Case:
    """What a builder reads: the result, the inputs, the question, the learner's today."""

    result: Result
    inputs: Result
    question: Question
    today: date

    def r(self, key: str) -> Any:
        return self.result.get(key)

    def i(self, key: str) -> Any:
        return self.inputs.get(key)


Builder = Callable[[Case], Answer]


class Values(Mapping[str, str]):
    """Result values by name, input values as `i_<name>`, and `today`, formatted for the
    learner; a name the result lacks reads as "not set by the documents", never a crash."""

    def __init__(self, case: Case, lang: Lang) -> None:
        self._case, self._lang = case, lang

    def __getitem__(self, name: str) -> str:
        if name == "today":
            return value_text("today", self._case.today.isoformat(), self._lang)
        if name.startswith("i_"):
            key = name.removeprefix("i_")
            return value_text(key, self._case.inputs.get(key), self._lang)
        return value_text(name, self._case.result.get(name), self._lang)

    def __iter__(self) -> Iterator[str]:
        return iter(self._case.result)

    def __len__(self) -> int:
        return len(self._case.result)


_PREFIX = {True: ("Oui :", "Yes:"), False: ("Non :", "No:")}


def compose(answer: Answer, case: Case, lang: Lang) -> str:
    text = (answer.fr if lang == "fr" else answer.en).format_map(Values(case, lang))
    verdict = answer.verdict
    if case.question.wants_yes_or_no and isinstance(verdict, bool):
        prefix = _PREFIX[verdict][0 if lang == "fr" else 1]
        return f"{prefix} {text}"
    return text[:1].upper() + text[1:]


def answer_lead(
    calculator: str,
    result: Result,
    inputs: Result,
    question: Question,
    language: Lang,
    today: date,
) -> str:
    from bot.calcchat._answers_cgs import BUILDERS as CGS
    from bot.calcchat._answers_regs import BUILDERS as REGS

    builder = {**CGS, **REGS}.get(calculator)
    if builder is None:
        return ""
    case = Case(result, inputs, question, today)
    return compose(builder(case), case, language)


def still_open(case: Case, last_day_key: str) -> Verdict:
    """For "is it still possible?" about a deadline the result gives: today against it."""
    last_day = case.r(last_day_key)
    if not isinstance(last_day, str):
        return None
    return case.today <= date.fromisoformat(last_day[:10])
