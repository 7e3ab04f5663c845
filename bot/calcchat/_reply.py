"""A calculation as the parts of a reply, complete or still missing a fact.

    calculation_parts(intent, result, language) -> CalcParts

`lead` answers the question asked (or, with a fact missing, says what the documents decide
without it); `figures` are the result's rows; `points` the other readings and referrals,
short; `notes` what was assumed (the date taken as today); `rules` the (doc_id, section)
whose words decide, most deciding first, for the passage the reply quotes; `ask` the one
question for the missing facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.calcchat._describe import described
from bot.calcchat._format import Lang, day_text
from bot.calcchat._partial import partial_answer
from bot.calcchat._wording import ask_for_missing
from bot.calculators import CALCULATORS, CalculationResult
from bot.schemas import Figure

if TYPE_CHECKING:
    from bot.calcchat import CalcIntent


@dataclass(frozen=True)
class CalcParts:
    lead: str
    figures: list[Figure] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rules: list[tuple[str, str]] = field(default_factory=list)
    ask: str | None = None


def calculation_parts(
    intent: CalcIntent, result: CalculationResult | None, language: Lang
) -> CalcParts:
    notes = _date_notes(intent, language)
    if result is None:
        lead, decided = partial_answer(intent, language, intent.on)
        # A yes or no the known facts already decide needs nothing more from the learner; nor
        # does one asked with no fact of the case ("do I still pay that month?"): the rule
        # answers it whatever the dates (a date given later still runs the calculator).
        needless = decided or (intent.question.wants_yes_or_no and not intent.facts_given)
        return CalcParts(
            lead=lead,
            notes=notes,
            rules=[_deciding_rule(intent)],
            ask=None if needless else ask_for_missing(intent, language) or None,
        )
    parts = described(result, language, intent.question, intent.on)
    return CalcParts(
        lead=parts.lead,
        figures=parts.figures,
        points=parts.caveats[:3],
        notes=notes,
        rules=[(ref.doc_id, ref.section) for ref in result.rules[:3]],
    )


# The 48-hour notices are three clauses; the event names which one decides.
_EVENT_SECTIONS = {
    "fraudulent_access": "2.1",
    "employment_contract_termination": "2.6.3",
    "sick_leave_cfa_training_period": "2.8",
}


def _deciding_rule(intent: CalcIntent) -> tuple[str, str]:
    """The clause to quote before the calculation could run."""
    spec = CALCULATORS[intent.calculator]
    event = intent.inputs.get("event")
    if intent.calculator == "notification_deadline_48h" and event in _EVENT_SECTIONS:
        return spec.doc_id, _EVENT_SECTIONS[event]
    return spec.doc_id, spec.sections[0]


def _date_notes(intent: CalcIntent, language: Lang) -> list[str]:
    """Which day the calculation took as today, when the learner did not give the date."""
    if intent.assumed_today:
        day = day_text(intent.on, language)
        if language == "fr":
            return [
                f"Calcul fait pour aujourd'hui, le {day} ; précisez la date si vous pensez "
                "à un autre jour."
            ]
        return [f"Worked out for today, {day}; give the date if you mean another day."]
    if intent.today is not None:
        day = day_text(intent.today, language)
        if language == "fr":
            return [f"Date du jour retenue : le {day}, celle que vous avez indiquée."]
        return [f"Date taken as today: {day}, the one you gave."]
    return []
