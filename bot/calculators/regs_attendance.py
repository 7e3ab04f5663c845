"""Internal Regulations: attendance, absences, inactivity and 48-hour notices.

Sources: Regulations 2.1, 2.6.1, 2.6.3, 2.8, 3.1.1, 3.1.2 and 5.1 (sanction scale).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import Field, model_validator

from bot.calculators import rules as R
from bot.calculators._types import (
    CalculatorInput,
    IsoDate,
    LocalDateTime,
    Outcome,
    fold,
    require_order,
)
from bot.calculators.counting import (
    add_days,
    add_hours,
    elapsed_days,
    hours_between,
    inclusive_day_count,
)
from bot.calculators.explain import (
    Narrative,
    date_en,
    date_fr,
    datetime_en,
    datetime_fr,
    number_en,
    number_fr,
)
from bot.errors import CalculatorInputError

# --- absence_notice ---


class AbsenceNoticeInput(CalculatorInput):
    session_start: LocalDateTime = Field(description="Europe/Paris wall-clock time.")
    notification_time: LocalDateTime = Field(description="When the mentor was notified.")
    justified: bool | None = Field(None, description="Justification accepted (3.1.1 list).")
    reason: str | None = Field(None, max_length=500)


def absence_notice(inp: AbsenceNoticeInput) -> Outcome:
    lead = hours_between(inp.notification_time, inp.session_start)
    limit = R.ABSENCE_NOTICE_HOURS.as_int()
    result: dict[str, Any] = {
        "lead_time_hours": float(lead.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
        "more_than_24h": lead > limit,
        "less_than_24h": lead < limit,
        "unauthorized_absence": None,
        "rescheduling": None,
        "reschedule_by": None,
    }
    if lead < limit:
        result["unauthorized_absence"] = True
        result["rescheduling"] = _EXCEPTIONAL_ONLY
    elif lead == limit:
        result["unauthorized_absence_reason"] = (
            "exactly 24 hours is neither more nor less than 24 hours"
        )
    else:
        result.update(_in_time_notice(inp))
    used: tuple[R.Rule, ...] = (
        R.ABSENCE_NOTICE_HOURS,
        R.RESCHEDULE_DAYS,
        R.UNJUSTIFIED_IS_UNAUTHORIZED,
    )
    story = _absence_story(inp, result)
    if result["unauthorized_absence"] is None:
        used += (R.STUDENT_SUCCESS_CONTACT,)
        story.refer_to_student_success()
    return Outcome(result, used, story.build(used), ambiguous=lead >= limit)


_EXCEPTIONAL_ONLY = "only in exceptional cases with prior authorization"
_WITHIN_4_DAYS = "within 4 days"


def _in_time_notice(inp: AbsenceNoticeInput) -> dict[str, Any]:
    """More than 24 h ahead: justification decides; the 4-day reference point is unstated."""
    days = R.RESCHEDULE_DAYS.as_int()
    reschedule = {
        "reschedule_by": add_days(inp.session_start.date(), days),
        "alt_reschedule_by": add_days(inp.notification_time.date(), days),
    }
    if inp.justified:
        return {"unauthorized_absence": False, "rescheduling": _WITHIN_4_DAYS, **reschedule}
    if inp.justified is None:
        return {
            "unauthorized_absence_reason": "depends on whether the justification is accepted",
            "rescheduling_reason": "within 4 days if the justification is accepted",
            "reschedule_by_if_justified": reschedule["reschedule_by"],
        }
    # "Any other unjustified absence will be considered an unauthorized absence", though the
    # formal definition (< 24 h, > 15 min late) does not cover it.
    return {
        "unauthorized_absence": True,
        "alt_unauthorized_absence": False,
        "rescheduling": _EXCEPTIONAL_ONLY,
    }


def _absence_story(inp: AbsenceNoticeInput, res: dict[str, Any]) -> Narrative:
    story = Narrative().add(
        f"Séance le {datetime_fr(inp.session_start)}, mentor prévenu le "
        f"{datetime_fr(inp.notification_time)} : préavis de {number_fr(res['lead_time_hours'])} h "
        f"(plus de 24 h requis, avec justificatif).",
        f"Session on {datetime_en(inp.session_start)}, mentor notified on "
        f"{datetime_en(inp.notification_time)}: {number_en(res['lead_time_hours'])} h "
        "notice (more than 24 h required, with justification).",
    )
    status = res["unauthorized_absence"]
    if status is None:
        story.add(
            "Qualification non déterminée par les documents (exactement 24 h ou justificatif "
            "inconnu).",
            "Classification not determined by the documents (exactly 24 h or justification "
            "unknown).",
        )
    else:
        story.add(
            f"Absence {'non autorisée' if status else 'justifiée et prévenue à temps'}.",
            f"{'Unauthorized absence' if status else 'Justified absence notified in time'}.",
        )
    if res["reschedule_by"] is not None:
        story.add(
            f"Report de la séance au plus tard le {date_fr(res['reschedule_by'])} (4 jours "
            f"après la séance ; ambigu : {date_fr(res['alt_reschedule_by'])} si l'on compte "
            "depuis la notification).",
            f"Reschedule by {date_en(res['reschedule_by'])} (4 days after the session; "
            f"ambiguous: {date_en(res['alt_reschedule_by'])} if counted from the notification).",
        )
    return story


# --- lateness_classification ---


class LatenessInput(CalculatorInput):
    minutes_late: Annotated[float, Field(ge=0, le=24 * 60, allow_inf_nan=False)]


def lateness_classification(inp: LatenessInput) -> Outcome:
    threshold = R.LATENESS_THRESHOLD.as_int()
    unauthorized = inp.minutes_late > threshold
    result = {"unauthorized_absence": unauthorized, "threshold_minutes": threshold}
    used = (R.LATENESS_THRESHOLD,)
    verdict_fr = "absence non autorisée" if unauthorized else "pas une absence non autorisée"
    verdict_en = "an unauthorized absence" if unauthorized else "not an unauthorized absence"
    late_fr, late_en = number_fr(inp.minutes_late), number_en(inp.minutes_late)
    story = Narrative().add(
        f"Retard de {late_fr} min : {'plus' if unauthorized else 'pas plus'} de 15 minutes, "
        f"donc {verdict_fr}.",
        f"{late_en} minutes late: {'more' if unauthorized else 'not more'} than 15 minutes, "
        f"so {verdict_en}.",
    )
    return Outcome(result, used, story.build(used))


# --- consecutive_unauthorized_absences ---


class ConsecutiveAbsencesInput(CalculatorInput):
    consecutive_unauthorized_absences: Annotated[int, Field(ge=0, le=1000)]


def consecutive_unauthorized_absences(inp: ConsecutiveAbsencesInput) -> Outcome:
    count = inp.consecutive_unauthorized_absences
    threshold = R.CONSECUTIVE_ABSENCES_LEVEL_1.as_int()
    levels = [] if count < threshold else [1] if count == threshold else [2, 3]
    result: dict[str, Any] = {
        "threshold_reached": count >= threshold,
        "possible_sanction_levels": levels,
        "discretionary": True,
        "sanction_scale_article": "5.1",
        "sanction_scale_section": "5.1",
        # 3.1.1 sends levels 2-3 to "Article 6.1", which does not exist; the scale is in 5.1.
        "cross_reference_error": count > threshold,
    }
    used: tuple[R.Rule, ...] = (R.UNJUSTIFIED_IS_UNAUTHORIZED,)
    if count > threshold:
        result["cited_article_defect"] = "3.1.1 cites Article 6.1, which does not exist"
        used += (R.CONSECUTIVE_ABSENCES_LEVELS_2_3, R.SANCTION_SCALE)
    elif count == threshold:
        used += (R.CONSECUTIVE_ABSENCES_LEVEL_1, R.SANCTION_SCALE)
    story = Narrative().add(
        f"{count} absence(s) non autorisée(s) consécutive(s). Après 2 : sanction de niveau 1 "
        "possible ; au-delà de 2 : niveaux 2 à 3 possibles (échelle à l'article 5.1 ; le "
        "renvoi à l'article 6.1 est erroné). OpenClassrooms « peut » sanctionner : rien "
        f"d'automatique. Niveaux possibles ici : {levels or 'aucun niveau précis'}.",
        f"{count} consecutive unauthorized absence(s). After 2: a level 1 sanction is "
        "possible; beyond 2: levels 2 to 3 (scale in Article 5.1; the reference to Article "
        '6.1 is wrong). OpenClassrooms "may" sanction: nothing is automatic. Possible '
        f"levels here: {levels or 'no specific level'}.",
    )
    return Outcome(result, used, story.build(used))


# --- long_absence_reporting ---


class LongAbsenceInput(CalculatorInput):
    first_day: IsoDate = Field(description="First day the Learner cannot follow the training.")
    last_day: IsoDate = Field(description="Last such day (inclusive).")
    reason: str | None = Field(None, max_length=500, description="e.g. maternity leave.")

    @model_validator(mode="after")
    def _ordered(self) -> LongAbsenceInput:
        require_order("first_day", self.first_day, "last_day", self.last_day)
        return self


# 2.6.1: "inform the OpenClassrooms educational services ... They must also inform their Mentor."
_INFORM = ("educational_services", "mentor")


def long_absence_reporting(inp: LongAbsenceInput) -> Outcome:
    days = inclusive_day_count(inp.first_day, inp.last_day)
    must_report = days > R.LONG_ABSENCE_THRESHOLD.as_int()
    result = {
        "consecutive_days": days,
        "must_report_under_2_6_1": must_report,
        "must_inform_mentor": must_report,
        "inform": list(_INFORM) if must_report else None,
        "report_timing": "promptly" if must_report else None,
    }
    used = (R.LONG_ABSENCE_THRESHOLD,)
    duty_fr = "obligation" if must_report else "pas d'obligation"
    story = Narrative().add(
        f"Du {date_fr(inp.first_day)} au {date_fr(inp.last_day)} inclus : {days} jours "
        f"consécutifs ; {'plus' if must_report else 'pas plus'} de 15, donc "
        f"{duty_fr} d'informer sans délai les "
        "services pédagogiques (justificatif, durée) et le mentor (2.6.1).",
        f"From {date_en(inp.first_day)} to {date_en(inp.last_day)} inclusive: {days} "
        f"consecutive days; {'more' if must_report else 'not more'} than 15, so the Learner "
        f"{'must' if must_report else 'need not'} promptly inform the educational services "
        "(with justification and duration) and the mentor under 2.6.1.",
    )
    return Outcome(result, used, story.build(used))


# --- inactivity_advisor_contact ---


class InactivityInput(CalculatorInput):
    last_activity_date: IsoDate
    check_date: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> InactivityInput:
        require_order("last_activity_date", self.last_activity_date, "check_date", self.check_date)
        return self


def inactivity_advisor_contact(inp: InactivityInput) -> Outcome:
    days = elapsed_days(inp.last_activity_date, inp.check_date)
    lower, upper = R.INACTIVITY_LOWER_BOUND.as_int(), R.INACTIVITY_UPPER_BOUND.as_int()
    first_day = add_days(inp.last_activity_date, lower + 1)
    last_day = add_days(inp.last_activity_date, upper)
    result = {
        "days_inactive": days,
        "in_advisor_contact_window": lower < days <= upper,
        "window_first_day": first_day,
        "window_last_day": last_day,
        "beyond_window": days > upper,
        "prolonged_inactivity": days > upper,
    }
    used: tuple[R.Rule, ...] = (R.INACTIVITY_LOWER_BOUND, R.INACTIVITY_UPPER_BOUND)
    story = Narrative().add(
        f"Dernière activité le {date_fr(inp.last_activity_date)}, contrôle le "
        f"{date_fr(inp.check_date)} : {days} jours d'inactivité. Le conseiller contacte "
        f"l'apprenant au-delà d'une semaine et jusqu'à 15 jours calendaires, soit du "
        f"{date_fr(first_day)} au {date_fr(last_day)}.",
        f"Last activity on {date_en(inp.last_activity_date)}, checked on "
        f"{date_en(inp.check_date)}: {days} days inactive. The advisor contacts the Learner "
        f"after more than one week and up to 15 calendar days, i.e. from "
        f"{date_en(first_day)} to {date_en(last_day)}.",
    )
    if days > upper:
        used += (R.PROLONGED_INACTIVITY,)
        story.add(
            "Au-delà de 15 jours, les documents ne fixent rien de précis : une inactivité "
            "prolongée peut conduire à des sanctions.",
            "Beyond 15 days the documents set nothing precise: prolonged inactivity may lead "
            "to sanctions.",
        )
    return Outcome(result, used, story.build(used))


# --- notification_deadline_48h ---

_NOTICES: dict[str, tuple[R.Rule, str | None, str]] = {
    "fraudulent_access": (R.FRAUDULENT_ACCESS_NOTICE, None, "OpenClassrooms"),
    "employment_contract_termination": (R.EMPLOYMENT_TERMINATION_NOTICE, "email", "OpenClassrooms"),
    "sick_leave_cfa_training_period": (R.SICK_LEAVE_COPY_NOTICE, None, "CFA"),
}
# What else the same clause requires, beside the 48-hour notice.
_ALSO: dict[str, str | None] = {
    "fraudulent_access": None,
    "employment_contract_termination": "the termination may lead to an early stop in "
    "training (2.6.3)",
    "sick_leave_cfa_training_period": "immediately inform the employer and OpenClassrooms by "
    "email, with justification and the duration of the interruption (2.8)",
}
# Stems matched against the folded event label (free text from the chat or a form).
_EVENT_STEMS = {
    "fraudulent_access": "fraud identifier credential password compromis unauthorized_access hack",
    "employment_contract_termination": "employment work_contract contrat_de_travail "
    "contract_termination rupture licenciement dismissal resignation",
    "sick_leave_cfa_training_period": "sick illness maladie accident disease occupational "
    "arret work_stoppage",
}


def _event_kind(event: str) -> str:
    key = fold(event)
    for kind, stems in _EVENT_STEMS.items():
        if any(stem in key for stem in stems.split()):
            return kind
    raise CalculatorInputError(
        "event",
        "unknown event; expected fraudulent_access (2.1), employment_contract_termination "
        "(2.6.3) or sick_leave_cfa_training_period (2.8)",
    )


class NotificationInput(CalculatorInput):
    event: str = Field(min_length=1, max_length=200)
    event_time: LocalDateTime = Field(description="Start of the 48 h, Europe/Paris time.")

    @model_validator(mode="after")
    def _known_event(self) -> NotificationInput:
        _event_kind(self.event)
        return self


def notification_deadline_48h(inp: NotificationInput) -> Outcome:
    kind = _event_kind(inp.event)
    rule, channel, recipient = _NOTICES[kind]
    deadline = add_hours(inp.event_time, rule.as_int())
    result: dict[str, Any] = {
        "event_kind": kind,
        "deadline": deadline,
        "channel": channel,
        "notify": recipient,
        "also": _ALSO[kind],
    }
    if channel is None:
        result["channel_reason"] = "the Regulations do not specify the channel"
    used = (rule,)
    story = Narrative().add(
        f"Événement « {inp.event} » le {datetime_fr(inp.event_time)} : à notifier à "
        f"{recipient} dans les 48 heures (article {rule.section}), au plus tard le "
        f"{datetime_fr(deadline.replace(tzinfo=None))}"
        f"{' par email' if channel else ''} ; les week-ends et jours fériés ne suspendent pas "
        "ce délai en heures.",
        f'Event "{inp.event}" on {datetime_en(inp.event_time)}: notify {recipient} within '
        f"48 hours (Article {rule.section}), by {datetime_en(deadline.replace(tzinfo=None))}"
        f"{' by email' if channel else ''}; weekends and public holidays do not pause an "
        "hour-based deadline.",
    )
    return Outcome(result, used, story.build(used))
