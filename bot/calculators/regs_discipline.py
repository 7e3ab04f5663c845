"""Internal Regulations: certification deadlines (2.2) and discipline (5.1, 5.3, 5.4)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import AliasChoices, Field, model_validator

from bot.calculators import rules as R
from bot.calculators._types import CalculatorInput, IsoDate, Outcome, require_order
from bot.calculators.counting import (
    add_days,
    add_months,
    days_before,
    duration_in_months,
    elapsed_days,
    last_day_of_month,
    month_end_clamped,
)
from bot.calculators.explain import Narrative, date_en, date_fr

# --- jury_resubmission_deadline ---


class JuryResubmissionInput(CalculatorInput):
    jury_refusal_date: IsoDate = Field(description="Day the jury refused the diploma.")
    archiving_or_certifier_exception: bool = Field(
        False, description="The Path is archived or a third-party certifier sets other terms."
    )


def jury_resubmission_deadline(inp: JuryResubmissionInput) -> Outcome:
    used = (R.JURY_RESUBMISSION_PERIOD,)
    if inp.archiving_or_certifier_exception:
        result: dict[str, Any] = {
            "submission_last_day": None,
            "reason": "2.2 excepts Path archiving and third-party certifier requirements",
        }
        story = Narrative().add(
            "Exception de 2.2 (archivage du Parcours ou exigences du certificateur) : le délai "
            "de 6 mois ne s'applique pas tel quel.",
            "Exception of 2.2 (Path archiving or certifier requirements): the 6-month period "
            "does not apply as such.",
        )
        return Outcome(result, used, story.refer_to_student_success().build(used))
    last_day = add_months(inp.jury_refusal_date, R.JURY_RESUBMISSION_PERIOD.as_int())
    result = {"submission_last_day": last_day}
    story = Narrative().add(
        f"Refus du jury le {date_fr(inp.jury_refusal_date)} : 6 mois pour soumettre les "
        f"nouveaux projets, jusqu'au {date_fr(last_day)} inclus (même quantième, fin de mois "
        "si ce jour n'existe pas).",
        f"Jury refusal on {date_en(inp.jury_refusal_date)}: six months to submit the new "
        f"projects, until {date_en(last_day)} inclusive (same day of month, month end when "
        "that day does not exist).",
    )
    return Outcome(result, used, story.build(used))


# --- max_path_completion ---


class MaxPathInput(CalculatorInput):
    first_training_day: IsoDate
    training_interrupted: bool = Field(
        True, description="The 3-year maximum of 2.2 applies when training is interrupted."
    )


def max_path_completion(inp: MaxPathInput) -> Outcome:
    used = (R.MAX_PATH_DURATION,)
    if not inp.training_interrupted:
        result: dict[str, Any] = {
            "completion_last_day": None,
            "alt_completion_last_day": None,
            "reason": "without interruption the Path must be completed within the time frame "
            "specified by OpenClassrooms at admission, which the documents do not state",
        }
        story = Narrative().add(
            "Sans interruption, le délai est celui fixé par OpenClassrooms à l'admission, non "
            "indiqué dans les documents.",
            "Without interruption, the limit is the time frame set by OpenClassrooms at "
            "admission, which the documents do not state.",
        )
        return Outcome(result, used, story.refer_to_student_success().build(used))
    months = 12 * R.MAX_PATH_DURATION.as_int()
    deadline = add_months(inp.first_training_day, months)
    alt = duration_in_months(inp.first_training_day, months).last_day
    result = {"completion_last_day": deadline, "alt_completion_last_day": alt}
    story = Narrative().add(
        f"Premier jour de formation le {date_fr(inp.first_training_day)} : 3 ans au plus, "
        f"jusqu'au {date_fr(deadline)} (lecture « délai ») ; en comptant le premier jour comme "
        f"jour 1 (lecture « durée »), jusqu'au {date_fr(alt)}. Les durées adaptées aux "
        "personnes en situation de handicap ne sont pas chiffrées.",
        f"First training day {date_en(inp.first_training_day)}: at most 3 years, until "
        f"{date_en(deadline)} (deadline reading); counting the first day as day 1 (duration "
        f"reading), until {date_en(alt)}. Adjusted durations for disabilities are not "
        "quantified.",
    )
    return Outcome(result, used, story.build(used), ambiguous=True)


# --- disciplinary_grievance_notice ---


class GrievanceNoticeInput(CalculatorInput):
    council_date: IsoDate
    grievances_communicated_on: IsoDate | None = Field(
        None, description="Day the Learner received the grievances."
    )


def disciplinary_grievance_notice(inp: GrievanceNoticeInput) -> Outcome:
    notice = R.GRIEVANCE_NOTICE.as_int()
    result: dict[str, Any] = {
        "latest_communication_date": days_before(inp.council_date, notice),
        # Eight "clear" days (jours francs): neither the sending day nor the council counts.
        "alt_latest_if_clear_days": days_before(inp.council_date, notice + 1),
        "days_before_council": None,
        "compliant": None,
    }
    ambiguous = False
    if inp.grievances_communicated_on is not None:
        gap = elapsed_days(inp.grievances_communicated_on, inp.council_date)
        result["days_before_council"] = gap
        result["compliant"] = gap >= notice
        result["alt_compliant_if_clear_days"] = gap >= notice + 1
        ambiguous = gap == notice
    used = (R.GRIEVANCE_NOTICE,)
    return Outcome(result, used, _grievance_story(inp, result).build(used), ambiguous=ambiguous)


def _grievance_story(inp: GrievanceNoticeInput, res: dict[str, Any]) -> Narrative:
    story = Narrative().add(
        f"Conseil de discipline le {date_fr(inp.council_date)} : les griefs doivent être "
        f"communiqués 8 jours avant, soit au plus tard le "
        f"{date_fr(res['latest_communication_date'])} (le "
        f"{date_fr(res['alt_latest_if_clear_days'])} en jours francs).",
        f"Disciplinary Council on {date_en(inp.council_date)}: the grievances must be "
        f"communicated 8 days before, i.e. by {date_en(res['latest_communication_date'])} "
        f"({date_en(res['alt_latest_if_clear_days'])} with clear days).",
    )
    if res["compliant"] is not None:
        story.add(
            f"Communiqués {res['days_before_council']} jour(s) avant : "
            f"{'conforme' if res['compliant'] else 'non conforme'}.",
            f"Communicated {res['days_before_council']} day(s) before: "
            f"{'compliant' if res['compliant'] else 'not compliant'}.",
        )
    return story


# --- disciplinary_decision_window ---


class DecisionWindowInput(CalculatorInput):
    council_date: IsoDate
    interview_date: IsoDate | None = Field(
        None, description="Interview with the Learner; defaults to the council meeting day."
    )
    decision_sent_on: IsoDate | None = None


def disciplinary_decision_window(inp: DecisionWindowInput) -> Outcome:
    interview = inp.interview_date or inp.council_date
    earliest = add_days(inp.council_date, R.DECISION_EARLIEST.as_int())
    latest = add_days(interview, R.DECISION_LATEST.as_int())
    result: dict[str, Any] = {
        "earliest_notification_date": earliest,
        "latest_notification_date": latest,
        "window_feasible": earliest <= latest,
        "appeal_possible": False,
        "interview_date_assumed": inp.interview_date is None,
    }
    if inp.decision_sent_on is not None:
        result["within_window"] = earliest <= inp.decision_sent_on <= latest
    used = (R.DECISION_EARLIEST, R.DECISION_LATEST, R.DECISION_NO_APPEAL)
    story = Narrative().add(
        f"Conseil le {date_fr(inp.council_date)}, entretien le {date_fr(interview)} : la "
        f"décision est notifiée par lettre recommandée AR au plus tôt le {date_fr(earliest)} "
        f"(2 jours après le conseil) et au plus tard le {date_fr(latest)} (15 jours après "
        "l'entretien) ; elle n'est pas susceptible d'appel.",
        f"Council on {date_en(inp.council_date)}, interview on {date_en(interview)}: the "
        f"decision is sent by registered letter no earlier than {date_en(earliest)} (2 days "
        f"after the council) and no later than {date_en(latest)} (15 days after the "
        "interview); it is not subject to appeal.",
    )
    return Outcome(result, used, story.build(used))


# --- temporary_exclusion_period / permanent_exclusion_bar (K4) ---


def _month_end_alternative(start: date, months: int) -> tuple[date, date]:
    """Other K4 reading when the month end was clamped: the period runs to that month end."""
    if not month_end_clamped(start, months):
        span = duration_in_months(start, months)
        return span.last_day, span.free_from
    last = last_day_of_month(add_months(start, months))
    return last, last + timedelta(days=1)


class TemporaryExclusionInput(CalculatorInput):
    exclusion_start_date: IsoDate
    proposed_last_day: IsoDate | None = Field(
        None,
        description="Last excluded day proposed, to check against the one-month maximum.",
        # The first published name of this input.
        validation_alias=AliasChoices("proposed_last_day", "planned_end_date"),
    )

    @model_validator(mode="after")
    def _ordered(self) -> TemporaryExclusionInput:
        if self.proposed_last_day is not None:
            require_order(
                "exclusion_start_date",
                self.exclusion_start_date,
                "proposed_last_day",
                self.proposed_last_day,
            )
        return self


def temporary_exclusion_period(inp: TemporaryExclusionInput) -> Outcome:
    months = R.TEMPORARY_EXCLUSION_MAX.as_int()
    span = duration_in_months(inp.exclusion_start_date, months)
    alt_last, alt_resume = _month_end_alternative(inp.exclusion_start_date, months)
    result: dict[str, Any] = {
        "max_last_day": span.last_day,
        "resume_no_later_than": span.free_from,
        "alt_max_last_day": alt_last,
        "alt_resume_no_later_than": alt_resume,
        "months_financially_due": R.EXCLUSION_MONTH_DUE.as_int(),
        "mentoring_withdrawn": True,
        "proposed_compliant": None,
    }
    story = _exclusion_story(inp, span.last_day, span.free_from)
    ambiguous = alt_last != span.last_day
    if inp.proposed_last_day is not None:
        proposed = inp.proposed_last_day
        result["proposed_compliant"] = proposed <= span.last_day
        result["planned_within_maximum"] = result["proposed_compliant"]
        result["alt_proposed_compliant"] = proposed <= alt_last
        # Only a proposal that lands between the two month-end readings is in doubt.
        ambiguous = result["proposed_compliant"] != result["alt_proposed_compliant"]
        _situate_proposal(story, proposed, span.last_day, result["proposed_compliant"])
    used = (R.TEMPORARY_EXCLUSION_MAX, R.EXCLUSION_MONTH_DUE)
    if alt_last != span.last_day:
        story.add(
            f"Ambigu en fin de mois : jusqu'au {date_fr(alt_last)} selon une autre lecture.",
            f"Ambiguous at month end: until {date_en(alt_last)} under another reading.",
        )
    return Outcome(result, used, story.build(used), ambiguous=ambiguous)


def _exclusion_story(inp: TemporaryExclusionInput, last_day: date, free_from: date) -> Narrative:
    return Narrative().add(
        f"Exclusion temporaire à partir du {date_fr(inp.exclusion_start_date)} (jour 1) : "
        f"un mois au plus, dernier jour le {date_fr(last_day)}, reprise au plus tard le "
        f"{date_fr(free_from)}. Le mois d'exclusion reste dû, quel que soit le financement.",
        f"Temporary exclusion from {date_en(inp.exclusion_start_date)} (day 1): one month at "
        f"most, last day {date_en(last_day)}, resume no later than "
        f"{date_en(free_from)}. The month of exclusion remains due, whatever the funding.",
    )


def _situate_proposal(story: Narrative, proposed: date, last_day: date, compliant: bool) -> None:
    story.add(
        f"Fin proposée le {date_fr(proposed)} : "
        f"{'dans la limite' if compliant else 'au-delà de la limite'} d'un mois.",
        f"Proposed end on {date_en(proposed)}: "
        f"{'within' if compliant else 'beyond'} the one-month maximum.",
    )


class PermanentBarInput(CalculatorInput):
    sanction_date: IsoDate = Field(description="Day of the (immediate) permanent exclusion.")
    bar_applied: bool = Field(True, description="Whether the optional 1-year bar was imposed.")


def permanent_exclusion_bar(inp: PermanentBarInput) -> Outcome:
    used = (R.PERMANENT_EXCLUSION_BAR, R.PERMANENT_EXCLUSION_NO_REFUND)
    if not inp.bar_applied:
        result: dict[str, Any] = {
            "bar_last_day": None,
            "eligible_again_from": None,
            "costs_refundable": False,
        }
        story = Narrative().add(
            "Exclusion définitive sans interdiction d'un an (facultative) ; les frais engagés "
            "ne sont pas remboursables.",
            "Permanent exclusion without the optional 1-year bar; costs incurred are not "
            "refundable.",
        )
        return Outcome(result, used, story.build(used))
    months = 12 * R.PERMANENT_EXCLUSION_BAR.as_int()
    span = duration_in_months(inp.sanction_date, months)
    alt_last, alt_free = _month_end_alternative(inp.sanction_date, months)
    result = {
        "bar_last_day": span.last_day,
        "eligible_again_from": span.free_from,
        "alt_bar_last_day": alt_last,
        "alt_eligible_again_from": alt_free,
        "costs_refundable": False,
    }
    story = Narrative().add(
        f"Exclusion définitive le {date_fr(inp.sanction_date)} avec interdiction d'un an de "
        f"toute formation OpenClassrooms : dernier jour d'interdiction le "
        f"{date_fr(span.last_day)}, inscription possible à partir du {date_fr(span.free_from)}. "
        "Les frais engagés ne sont pas remboursables.",
        f"Permanent exclusion on {date_en(inp.sanction_date)} with a 1-year bar from any "
        f"OpenClassrooms training: last barred day {date_en(span.last_day)}, eligible again "
        f"from {date_en(span.free_from)}. Costs incurred are not refundable.",
    )
    return Outcome(result, used, story.build(used), ambiguous=alt_last != span.last_day)
