"""Internal Regulations 2.4: when an apprentice's mentoring session may take place.

A slot is allowed only if the learner is an apprentice or alternating learner (otherwise
2.4 sets no restriction), it is the day dedicated to training, Monday-Friday, not a French
national public holiday, and the whole session lies within [08:00, 19:00] (eval K9).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Annotated, Any

from pydantic import Field

from bot.calculators import rules as R
from bot.calculators._types import CalculatorInput, LocalDateTime, Outcome, fold
from bot.calculators.counting import WEEKDAYS_EN, WEEKDAYS_FR, french_public_holiday
from bot.calculators.explain import Narrative, date_en, date_fr

_RESTRICTED = {
    "apprentice",
    "apprenti",
    "alternating",
    "alternating_learner",
    "alternant",
    "alternance",
    "work_study",
    "work_study_learner",
    "apprentice_or_alternating",
}
_UNRESTRICTED = {
    "intern",
    "intern_not_alternating",
    "professional_training_intern",
    "stagiaire",
    "non_alternating_intern",
    "other",
    "learner",
}
_NEGATIONS = {"not", "non", "no"}


def restriction_applies(learner_type: str) -> bool:
    """2.4's time rule covers "Apprentices and alternating learners" only."""
    key = fold(learner_type)
    if key in _RESTRICTED:
        return True
    if key in _UNRESTRICTED or _NEGATIONS & set(key.split("_")):
        return False
    return any(stem in key for stem in ("apprenti", "alternan", "alternat", "work_study"))


class MentoringSlotInput(CalculatorInput):
    learner_type: str = Field(
        min_length=1,
        max_length=100,
        description="apprentice, alternating_learner, intern_not_alternating...",
    )
    is_dedicated_training_day: bool | None = Field(
        None, description="Whether the day is the one dedicated to training (apprentices)."
    )
    start: LocalDateTime = Field(description="Session start, Europe/Paris wall-clock time.")
    duration_minutes: Annotated[int, Field(ge=1, le=24 * 60)]


def _failed_conditions(inp: MentoringSlotInput, end: datetime) -> list[tuple[str, str]]:
    """Conditions of 2.4 the slot breaks, in the order of eval K9, as (English, French)."""
    reasons: list[tuple[str, str]] = []
    if inp.is_dedicated_training_day is False:
        reasons.append(("not the day dedicated to training", "pas le jour dédié à la formation"))
    weekday = inp.start.weekday()
    if weekday >= 5:
        reasons.append((f"weekend ({WEEKDAYS_EN[weekday]})", f"week-end ({WEEKDAYS_FR[weekday]})"))
    holiday = french_public_holiday(inp.start.date())
    if holiday is not None:
        reasons.append((f"public holiday ({holiday})", f"jour férié ({holiday})"))
    earliest = time(R.MENTORING_EARLIEST_HOUR.as_int())
    latest = datetime.combine(inp.start.date(), time(R.MENTORING_LATEST_HOUR.as_int()))
    if inp.start.time() < earliest:
        reasons.append(("starts before 08:00", "commence avant 8 h"))
    if end > latest:
        reasons.append(("ends after 19:00", "finit après 19 h"))
    return reasons


def apprentice_mentoring_slot(inp: MentoringSlotInput) -> Outcome:
    end = inp.start + timedelta(minutes=inp.duration_minutes)
    weekday = WEEKDAYS_EN[inp.start.weekday()]
    used = (R.MENTORING_EARLIEST_HOUR, R.MENTORING_LATEST_HOUR)
    if not restriction_applies(inp.learner_type):
        result: dict[str, Any] = {
            "restriction_applies": False,
            "allowed": True,
            "reason": None,
            "reasons": [],
            "weekday": weekday,
            "end": end,
        }
        story = Narrative().add(
            f"Profil « {inp.learner_type} » : la règle horaire de 2.4 ne vise que les "
            "apprentis et alternants ; aucune restriction de créneau.",
            f'Learner type "{inp.learner_type}": the time rule of 2.4 covers apprentices and '
            "alternating learners only; no slot restriction.",
        )
        return Outcome(result, used, story.build(used))
    failed = _failed_conditions(inp, end)
    reasons = [english for english, _ in failed]
    allowed: bool | None = not reasons
    if allowed and inp.is_dedicated_training_day is None:
        allowed = None  # every other condition holds; the training day is unknown
    result = {
        "restriction_applies": True,
        "allowed": allowed,
        "reason": reasons[0] if reasons else None,
        "reasons": reasons,
        "weekday": weekday,
        "end": end,
    }
    if allowed is None:
        result["allowed_reason"] = "is_dedicated_training_day not given"
    why_fr = "; ".join(french for _, french in failed)
    return Outcome(result, used, _slot_story(inp, end, result, why_fr).build(used))


def _slot_story(
    inp: MentoringSlotInput, end: datetime, res: dict[str, Any], why_fr: str
) -> Narrative:
    day_fr = WEEKDAYS_FR[inp.start.weekday()]
    verdict_fr = {True: "autorisé", False: "non autorisé", None: "indéterminé"}[res["allowed"]]
    verdict_en = {True: "allowed", False: "not allowed", None: "undetermined"}[res["allowed"]]
    why_en = "; ".join(res["reasons"]) or "-"
    return Narrative().add(
        f"Séance d'apprenti/alternant le {day_fr} {date_fr(inp.start.date())} de "
        f"{inp.start:%H:%M} à {end:%H:%M} : il faut le jour dédié à la formation, du lundi au "
        f"vendredi hors jours fériés, entre 8 h et 19 h. Créneau {verdict_fr} "
        f"(motif : {why_fr or '-'}).",
        f"Apprentice/alternating session on {res['weekday']} {date_en(inp.start.date())} from "
        f"{inp.start:%H:%M} to {end:%H:%M}: it must be on the training day, Monday to Friday "
        f"except public holidays, between 8 AM and 7 PM. Slot {verdict_en} (reason: {why_en}).",
    )
