"""Deterministic calculators: pure functions that apply the CGS and Regulations exactly.

    run_calculator(name, inputs)  validate -> compute -> CalculationResult (JSON-ready)
    CALCULATORS                   name -> CalculatorSpec (title, description, document,
                                  input model, function)
    input_schema(name)            JSON Schema of its inputs, labelled in French and English
    output_schema(name)           what each result key means, in French and English

The rules live in `rules.py`, the counting conventions in `counting.py`. Unknown names raise
`NotFound`; unusable inputs raise `CalculatorInputError(field, reason)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from bot.calculators import cgs_premium_plus as plus
from bot.calculators import cgs_subscription as subscription
from bot.calculators import regs_attendance as attendance
from bot.calculators import regs_discipline as discipline
from bot.calculators import regs_mentoring as mentoring
from bot.calculators import schema
from bot.calculators._types import (
    EARLIEST_DATE,
    LATEST_DATE,
    CalculationResult,
    CalculatorSpec,
    InputT,
    Outcome,
    to_jsonable,
    unique_refs,
)
from bot.calculators.catalogue import CATALOGUE
from bot.calculators.rules import ALL_RULES, Rule, RuleRef
from bot.errors import CalculatorInputError, NotFound

__all__ = [
    "ALL_RULES",
    "CALCULATORS",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "CalculationResult",
    "CalculatorSpec",
    "Rule",
    "RuleRef",
    "input_schema",
    "output_schema",
    "run_calculator",
]


def _spec(
    name: str, fr: str, en: str, model: type[InputT], function: Callable[[InputT], Outcome]
) -> CalculatorSpec[Any]:
    entry = CATALOGUE[name]
    return CalculatorSpec(
        name,
        MappingProxyType({"fr": fr, "en": en}),
        model,
        function,
        title=MappingProxyType(entry.title.to_dict()),
        doc_id=entry.doc_id,
        sections=entry.sections,
    )


_SPECS: tuple[CalculatorSpec[Any], ...] = (
    _spec(
        "premium_plus_reflection_period",
        "Fin du délai de réflexion de 7 jours et de la fenêtre de 3 mois (CGS 6.2).",
        "End of the 7-day reflection period and of the 3-month window (CGS 6.2).",
        plus.ReflectionInput,
        plus.premium_plus_reflection_period,
    ),
    _spec(
        "premium_plus_early_termination",
        "Résiliation Premium Plus : fenêtre de 3 mois et indemnité plafonnée à 30 %.",
        "Premium Plus termination: 3-month window and indemnity capped at 30%.",
        plus.EarlyTerminationInput,
        plus.premium_plus_early_termination,
    ),
    _spec(
        "subscription_termination",
        "Résiliation d'un abonnement mensuel : tout mois entamé est dû.",
        "Cancelling a monthly subscription: every started month is due.",
        subscription.SubscriptionTerminationInput,
        subscription.subscription_termination,
    ),
    _spec(
        "premium_solo_withdrawal",
        "Rétractation Premium Solo selon l'usage des codes d'accès (CGS 6.1).",
        "Premium Solo withdrawal depending on use of the access codes (CGS 6.1).",
        subscription.SoloWithdrawalInput,
        subscription.premium_solo_withdrawal,
    ),
    _spec(
        "force_majeure_termination",
        "Résiliation pour cas fortuit ou force majeure, sans indemnité (L444-8).",
        "Termination for a fortuitous event or force majeure, no indemnity (L444-8).",
        plus.ForceMajeureInput,
        plus.force_majeure_termination,
    ),
    _spec(
        "late_payment",
        "Intérêts au taux légal et frais forfaitaires de 40 € (CGS 3.2).",
        "Legal-rate interest and the EUR 40 flat recovery fee (CGS 3.2).",
        subscription.LatePaymentInput,
        subscription.late_payment,
    ),
    _spec(
        "cgs_modification_termination_deadline",
        "Délai de 30 jours pour résilier après une modification des CGS (article 1).",
        "30 days to terminate after a change to the CGS (Article 1).",
        subscription.CgsModificationInput,
        subscription.cgs_modification_termination_deadline,
    ),
    _spec(
        "absence_notice",
        "Absence à une séance : préavis de 24 h et report sous 4 jours (RI 3.1.1).",
        "Missing a session: 24-hour notice and rescheduling within 4 days (Regs 3.1.1).",
        attendance.AbsenceNoticeInput,
        attendance.absence_notice,
    ),
    _spec(
        "lateness_classification",
        "Un retard de plus de 15 minutes est une absence non autorisée (RI 3.1.1).",
        "Lateness of more than 15 minutes is an unauthorized absence (Regs 3.1.1).",
        attendance.LatenessInput,
        attendance.lateness_classification,
    ),
    _spec(
        "consecutive_unauthorized_absences",
        "Sanctions possibles après des absences non autorisées consécutives (RI 3.1.1, 5.1).",
        "Possible sanctions after consecutive unauthorized absences (Regs 3.1.1, 5.1).",
        attendance.ConsecutiveAbsencesInput,
        attendance.consecutive_unauthorized_absences,
    ),
    _spec(
        "long_absence_reporting",
        "Absence de plus de 15 jours consécutifs à signaler (RI 2.6.1).",
        "Absence of more than 15 consecutive days to report (Regs 2.6.1).",
        attendance.LongAbsenceInput,
        attendance.long_absence_reporting,
    ),
    _spec(
        "inactivity_advisor_contact",
        "Contact du conseiller après plus d'une semaine et jusqu'à 15 jours d'inactivité.",
        "Advisor contact after more than one week and up to 15 days of inactivity.",
        attendance.InactivityInput,
        attendance.inactivity_advisor_contact,
    ),
    _spec(
        "notification_deadline_48h",
        "Échéance des notifications à faire sous 48 heures (RI 2.1, 2.6.3, 2.8).",
        "Deadline of the 48-hour notifications (Regs 2.1, 2.6.3, 2.8).",
        attendance.NotificationInput,
        attendance.notification_deadline_48h,
    ),
    _spec(
        "jury_resubmission_deadline",
        "Six mois pour soumettre de nouveaux projets après un refus du jury (RI 2.2).",
        "Six months to submit new projects after a jury refusal (Regs 2.2).",
        discipline.JuryResubmissionInput,
        discipline.jury_resubmission_deadline,
    ),
    _spec(
        "max_path_completion",
        "Durée maximale de 3 ans pour terminer un parcours interrompu (RI 2.2).",
        "Three-year maximum to complete an interrupted Path (Regs 2.2).",
        discipline.MaxPathInput,
        discipline.max_path_completion,
    ),
    _spec(
        "disciplinary_grievance_notice",
        "Griefs communiqués 8 jours avant le conseil de discipline (RI 5.3).",
        "Grievances communicated 8 days before the Disciplinary Council (Regs 5.3).",
        discipline.GrievanceNoticeInput,
        discipline.disciplinary_grievance_notice,
    ),
    _spec(
        "disciplinary_decision_window",
        "Notification de la décision entre J+2 du conseil et J+15 de l'entretien (RI 5.4).",
        "Decision sent between council + 2 days and interview + 15 days (Regs 5.4).",
        discipline.DecisionWindowInput,
        discipline.disciplinary_decision_window,
    ),
    _spec(
        "temporary_exclusion_period",
        "Exclusion temporaire d'un mois au plus, mois dû (RI 5.1).",
        "Temporary exclusion of at most one month, month due (Regs 5.1).",
        discipline.TemporaryExclusionInput,
        discipline.temporary_exclusion_period,
    ),
    _spec(
        "permanent_exclusion_bar",
        "Interdiction d'un an après une exclusion définitive (RI 5.1).",
        "One-year bar after a permanent exclusion (Regs 5.1).",
        discipline.PermanentBarInput,
        discipline.permanent_exclusion_bar,
    ),
    _spec(
        "apprentice_mentoring_slot",
        "Créneau de mentorat d'un apprenti : jour dédié, 8 h-19 h, hors week-end et fériés.",
        "Apprentice mentoring slot: training day, 8 AM-7 PM, no weekend or holiday.",
        mentoring.MentoringSlotInput,
        mentoring.apprentice_mentoring_slot,
    ),
)

CALCULATORS: Mapping[str, CalculatorSpec[Any]] = MappingProxyType(
    {spec.name: spec for spec in _SPECS}
)


def _spec_named(name: str) -> CalculatorSpec[Any]:
    try:
        return CALCULATORS[name]
    except KeyError:
        raise NotFound(f"unknown calculator: {name}") from None


def _input_error(error: ValidationError) -> CalculatorInputError:
    """The first pydantic error as CalculatorInputError(field, reason)."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "inputs"
    if first["type"] == "extra_forbidden":
        return CalculatorInputError(field, "unknown field")
    if first["type"] == "missing":
        return CalculatorInputError(field, "required")
    return CalculatorInputError(field, first["msg"].removeprefix("Value error, "))


def run_calculator(name: str, inputs: Mapping[str, Any]) -> CalculationResult:
    """Validate `inputs`, run the calculator `name`, return its JSON-ready result."""
    spec = _spec_named(name)
    if not isinstance(inputs, Mapping):
        raise CalculatorInputError("inputs", "must be a JSON object")
    try:
        model = spec.input_model.model_validate(dict(inputs))
    except ValidationError as error:
        raise _input_error(error) from None
    outcome: Outcome = spec.function(model)
    return CalculationResult(
        calculator=name,
        inputs=to_jsonable(model.model_dump()),
        result=to_jsonable(outcome.result),
        rules=unique_refs(outcome.rules),
        explanation={"fr": outcome.explanation.fr, "en": outcome.explanation.en},
        ambiguous=outcome.ambiguous,
    )


def input_schema(name: str) -> dict[str, Any]:
    """JSON Schema of the inputs of calculator `name`, labelled in French and English."""
    return schema.input_schema(_spec_named(name))


def output_schema(name: str) -> dict[str, Any]:
    """What each result key of calculator `name` means, in French and English."""
    return schema.output_schema(_spec_named(name))
