# ruff: noqa: E501
# (sentences read better unbroken)
"""Answers of the Internal Regulations calculators: absences, lateness, inactivity, 48-hour
notices, certification deadlines, discipline and apprentices' mentoring slots."""

from __future__ import annotations

import re

from bot.calcchat._answers import NO_VERDICT, Answer, Builder, Case, still_open
from bot.calcchat._answers_cgs import STILL_WORDS
from bot.calcchat._cues import cue

_IN_TIME = cue(
    r"a temps|in time|assez tot|early enough|suffisamment|soon enough|24 ?h|24 heures"
    r"|24 hours|preavis|notice|delai de prevenance"
)
_APPEAL = cue(r"appel|appeal|contest\w*|recours")


def _absence(c: Case) -> Answer:
    if c.question.about(_IN_TIME) and c.r("unauthorized_absence") is not None:
        return _notice_in_time(c)
    unauthorized = c.r("unauthorized_absence")
    if unauthorized and c.r("less_than_24h"):
        return Answer(
            True,
            "c'est une absence non autorisée : vous avez prévenu votre mentor {lead_time_hours} h avant la séance, moins de 24 h ; elle ne sera reportée qu'à titre exceptionnel, avec l'autorisation préalable des services pédagogiques.",
            "it is an unauthorized absence: you told your mentor {lead_time_hours} h before the session, less than 24 h; it will only be rescheduled in exceptional cases, with the prior authorization of the Educational Services.",
        )
    if unauthorized:
        return Answer(
            True,
            "sans justificatif, c'est une absence non autorisée, même prévenue {lead_time_hours} h à l'avance.",
            "without a justification it is an unauthorized absence, even notified {lead_time_hours} h ahead.",
        )
    if unauthorized is False:
        return Answer(
            False,
            "vous avez prévenu votre mentor {lead_time_hours} h avant la séance, plus de 24 h, avec un justificatif : la séance est à reporter au plus tard le {reschedule_by}.",
            "you told your mentor {lead_time_hours} h before the session, more than 24 h, with a justification: the session is to be rescheduled by {reschedule_by}.",
        )
    if c.r("more_than_24h"):
        return Answer(
            None,
            "cela dépend de votre justificatif : vous avez prévenu votre mentor {lead_time_hours} h avant la séance, plus de 24 h ; s'il est accepté, l'absence n'est pas non autorisée et la séance est à reporter au plus tard le {reschedule_by_if_justified}.",
            "it depends on your justification: you told your mentor {lead_time_hours} h before the session, more than 24 h; if it is accepted, the absence is not unauthorized and the session is to be rescheduled by {reschedule_by_if_justified}.",
        )
    return Answer(
        None,
        "les documents ne tranchent pas : vous avez prévenu exactement 24 h avant la séance, ce qui n'est ni plus ni moins de 24 h.",
        "the documents do not settle it: you gave exactly 24 h notice, which is neither more nor less than 24 h.",
    )


def _notice_in_time(c: Case) -> Answer:
    if c.r("more_than_24h"):
        return Answer(
            True,
            "vous avez prévenu votre mentor {lead_time_hours} h avant la séance, plus de 24 h ; avec un justificatif accepté, la séance est à reporter dans les 4 jours.",
            "you told your mentor {lead_time_hours} h before the session, more than 24 h; with an accepted justification the session is to be rescheduled within 4 days.",
        )
    return Answer(
        False,
        "vous avez prévenu votre mentor {lead_time_hours} h avant la séance, moins de 24 h : c'est une absence non autorisée.",
        "you told your mentor {lead_time_hours} h before the session, less than 24 h: it is an unauthorized absence.",
    )


def _lateness(c: Case) -> Answer:
    if c.r("unauthorized_absence"):
        return Answer(
            True,
            "un retard de {i_minutes_late} minutes compte comme une absence non autorisée : le seuil est de plus de 15 minutes.",
            "being {i_minutes_late} minutes late counts as an unauthorized absence: the threshold is more than 15 minutes.",
        )
    return Answer(
        False,
        "un retard de {i_minutes_late} minutes n'est pas une absence non autorisée : il faut plus de 15 minutes de retard.",
        "being {i_minutes_late} minutes late is not an unauthorized absence: it takes more than 15 minutes.",
    )


# "On a droit à 3 absences avant d'être sanctionné ?", "3 absences allowed without a
# sanction, right?": the question asks whether that many go unsanctioned, the opposite of
# whether a sanction is possible.
_TOLERATED = re.compile(
    r"\b(avant (d'etre|qu'on (me|te|nous|vous) )?sanction\w*|sans (etre )?sanction\w*"
    r"|avant (une|la|toute) sanction|before (getting |being |a |any )*(sanction|punish|penal)\w*"
    r"|without (a |any |being |getting )*(sanction|punish|penal)\w*|droit a \d+|allowed \d+"
    r"|\d+ (free|allowed)\b|tolere\w*|tolerated)"
)


def _consecutive(c: Case) -> Answer:
    if c.question.about(_TOLERATED):
        reached = bool(c.r("threshold_reached"))
        return Answer(
            not reached,
            "après 2 absences non autorisées consécutives, une sanction de niveau 1 est déjà possible ; au-delà, des sanctions de niveau 2 à 3 (échelle de l'article 5.1).",
            "after 2 consecutive unauthorized absences a level 1 sanction is already possible; beyond that, level 2 to 3 sanctions (scale in Article 5.1).",
        )
    if c.r("threshold_reached"):
        return Answer(
            True,
            "avec {i_consecutive_unauthorized_absences} absences non autorisées consécutives, OpenClassrooms peut prononcer une sanction de niveau {possible_sanction_levels} (échelle de l'article 5.1) ; ce n'est pas automatique.",
            "with {i_consecutive_unauthorized_absences} consecutive unauthorized absences, OpenClassrooms may impose a level {possible_sanction_levels} sanction (scale in Article 5.1); it is not automatic.",
        )
    return Answer(
        False,
        "avec {i_consecutive_unauthorized_absences} absence(s) non autorisée(s) consécutive(s), le seuil de 2 n'est pas atteint : aucune sanction n'est prévue à ce titre.",
        "with {i_consecutive_unauthorized_absences} consecutive unauthorized absence(s), the threshold of 2 is not reached: no sanction is provided for on that ground.",
    )


def _long_absence(c: Case) -> Answer:
    if c.r("must_report_under_2_6_1"):
        return Answer(
            True,
            "{consecutive_days} jours consécutifs, c'est plus de 15 : vous devez informer sans délai les services pédagogiques (avec un justificatif et la durée) ainsi que votre mentor.",
            "{consecutive_days} consecutive days is more than 15: you must promptly inform the educational services (with a justification and the duration) and your mentor.",
        )
    return Answer(
        False,
        "{consecutive_days} jours consécutifs, ce n'est pas plus de 15 : l'obligation de signalement de l'article 2.6.1 ne s'applique pas.",
        "{consecutive_days} consecutive days is not more than 15: the reporting duty of Article 2.6.1 does not apply.",
    )


def _inactivity(c: Case) -> Answer:
    if c.r("in_advisor_contact_window"):
        return Answer(
            True,
            "au {i_check_date}, {days_inactive} jours d'inactivité, plus d'une semaine et pas plus de 15 jours : votre conseiller vous contacte (du {window_first_day} au {window_last_day}).",
            "on {i_check_date}, {days_inactive} days inactive, more than a week and not more than 15 days: your advisor contacts you (from {window_first_day} to {window_last_day}).",
        )
    if c.r("beyond_window"):
        return Answer(
            False,
            "au {i_check_date}, {days_inactive} jours d'inactivité, au-delà de 15 jours : la période de contact du conseiller (du {window_first_day} au {window_last_day}) est passée, et une inactivité prolongée peut conduire à des sanctions.",
            "on {i_check_date}, {days_inactive} days inactive, beyond 15 days: the advisor-contact window (from {window_first_day} to {window_last_day}) has passed, and prolonged inactivity may lead to sanctions.",
        )
    return Answer(
        False,
        "pas encore : au {i_check_date}, {days_inactive} jour(s) d'inactivité seulement ; le conseiller contacte l'apprenant du {window_first_day} au {window_last_day}.",
        "not yet: on {i_check_date}, only {days_inactive} day(s) inactive; the advisor contacts the learner from {window_first_day} to {window_last_day}.",
    )


def _notification(c: Case) -> Answer:
    channel_fr = " {channel}" if c.r("channel") else ""
    channel_en = " {channel}" if c.r("channel") else ""
    return Answer(
        NO_VERDICT,
        f"au plus tard le {{deadline}} : {{notify}} doit être prévenu{channel_fr} dans les 48 heures suivant l'événement du {{i_event_time}}, week-ends et jours fériés compris.",
        f"by {{deadline}} at the latest: {{notify}} must be notified{channel_en} within 48 hours of the event of {{i_event_time}}, weekends and public holidays included.",
    )


def _jury(c: Case) -> Answer:
    if c.r("submission_last_day") is None:
        return Answer(
            None,
            "le délai de 6 mois ne s'applique pas tel quel : l'archivage du parcours ou les exigences du certificateur font exception (2.2).",
            "the 6-month period does not apply as such: Path archiving or the certifier's requirements are exceptions (2.2).",
        )
    verdict = still_open(c, "submission_last_day") if c.question.about(STILL_WORDS) else True
    return Answer(
        verdict,
        "jusqu'au {submission_last_day} inclus : vous avez 6 mois après le refus du jury du {i_jury_refusal_date} pour soumettre vos nouveaux projets.",
        "until {submission_last_day} inclusive: you have six months after the jury's refusal of {i_jury_refusal_date} to submit your new projects.",
    )


def _max_path(c: Case) -> Answer:
    if c.r("completion_last_day") is None:
        return Answer(
            None,
            "sans interruption, le parcours se termine dans le délai fixé par OpenClassrooms à l'admission, que les documents n'indiquent pas.",
            "without interruption, the Path ends within the time frame set by OpenClassrooms at admission, which the documents do not state.",
        )
    verdict = still_open(c, "completion_last_day") if c.question.about(STILL_WORDS) else True
    return Answer(
        verdict,
        "au plus tard le {completion_last_day} : avec une interruption, le parcours doit être terminé dans les 3 ans suivant le premier jour de formation ({i_first_training_day}).",
        "by {completion_last_day} at the latest: with an interruption, the Path must be completed within 3 years of the first training day ({i_first_training_day}).",
    )


def _grievance(c: Case) -> Answer:
    compliant = c.r("compliant")
    if compliant is None:
        return Answer(
            NO_VERDICT,
            "au plus tard le {latest_communication_date} : les griefs doivent être communiqués 8 jours avant le conseil de discipline du {i_council_date}.",
            "by {latest_communication_date} at the latest: the grievances must be communicated 8 days before the Disciplinary Council of {i_council_date}.",
        )
    if compliant:
        return Answer(
            True,
            "les griefs vous ont été communiqués {days_before_council} jours avant le conseil du {i_council_date}, au moins 8 : le délai est respecté (au plus tard le {latest_communication_date}).",
            "the grievances reached you {days_before_council} days before the council of {i_council_date}, at least 8: the notice was respected (by {latest_communication_date}).",
        )
    return Answer(
        False,
        "les griefs devaient vous être communiqués au plus tard le {latest_communication_date}, 8 jours avant le conseil du {i_council_date} ; ils l'ont été {days_before_council} jours avant seulement.",
        "the grievances had to reach you by {latest_communication_date}, 8 days before the council of {i_council_date}; they reached you only {days_before_council} days before.",
    )


def _decision(c: Case) -> Answer:
    window_fr = "la décision est notifiée par lettre recommandée entre le {earliest_notification_date} et le {latest_notification_date} (2 jours au plus tôt après le conseil, 15 jours au plus tard après l'entretien)"
    window_en = "the decision is sent by registered letter between {earliest_notification_date} and {latest_notification_date} (at least 2 days after the council, at most 15 days after the interview)"
    if c.question.about(_APPEAL):
        return Answer(
            False,
            f"la décision n'est pas susceptible d'appel ; {window_fr}.",
            f"the decision cannot be appealed; {window_en}.",
        )
    within = c.r("within_window")
    if isinstance(within, bool):
        return Answer(
            within,
            f"{'dans' if within else 'hors de'} la fenêtre : {window_fr} ; elle n'est pas susceptible d'appel.",
            f"{'within' if within else 'outside'} the window: {window_en}; it cannot be appealed.",
        )
    return Answer(
        NO_VERDICT,
        "entre le {earliest_notification_date} et le {latest_notification_date} : la décision est notifiée par lettre recommandée 2 jours au plus tôt après le conseil et 15 jours au plus tard après l'entretien ; elle n'est pas susceptible d'appel.",
        "between {earliest_notification_date} and {latest_notification_date}: the decision is sent by registered letter at least 2 days after the council and at most 15 days after the interview; it cannot be appealed.",
    )


def _temporary_exclusion(c: Case) -> Answer:
    compliant = c.r("proposed_compliant")
    if compliant is True:
        return Answer(
            True,
            "la fin prévue du {i_proposed_last_day} reste dans le maximum d'un mois, qui court jusqu'au {max_last_day} inclus ; le mois d'exclusion reste dû.",
            "the planned end of {i_proposed_last_day} stays within the one-month maximum, which runs until {max_last_day} inclusive; the month of exclusion remains due.",
        )
    if compliant is False:
        return Answer(
            False,
            "une exclusion temporaire dure un mois au plus : à partir du {i_exclusion_start_date}, jusqu'au {max_last_day} inclus ; la fin prévue du {i_proposed_last_day} dépasse ce maximum.",
            "a temporary exclusion lasts one month at most: from {i_exclusion_start_date}, until {max_last_day} inclusive; the planned end of {i_proposed_last_day} goes beyond that maximum.",
        )
    return Answer(
        NO_VERDICT,
        "un mois au plus : à partir du {i_exclusion_start_date}, jusqu'au {max_last_day} inclus, avec une reprise au plus tard le {resume_no_later_than} ; le mois d'exclusion reste dû.",
        "one month at most: from {i_exclusion_start_date}, until {max_last_day} inclusive, resuming no later than {resume_no_later_than}; the month of exclusion remains due.",
    )


def _permanent_bar(c: Case) -> Answer:
    if c.r("eligible_again_from") is None:
        return Answer(
            NO_VERDICT,
            "sans l'interdiction d'un an (facultative), aucune date n'est fixée ; les frais engagés ne sont pas remboursables.",
            "without the optional one-year bar no date is set; costs incurred are not refundable.",
        )
    return Answer(
        NO_VERDICT,
        "à partir du {eligible_again_from} : l'interdiction d'un an de toute formation OpenClassrooms court jusqu'au {bar_last_day} inclus ; les frais engagés ne sont pas remboursables.",
        "from {eligible_again_from}: the one-year bar from any OpenClassrooms training runs until {bar_last_day} inclusive; costs incurred are not refundable.",
    )


def _mentoring_slot(c: Case) -> Answer:
    if not c.r("restriction_applies"):
        return Answer(
            True,
            "la règle horaire de l'article 2.4 ne vise que les apprentis et alternants : ce créneau n'est pas restreint.",
            "the time rule of Article 2.4 covers apprentices and alternating learners only: this slot is not restricted.",
        )
    allowed = c.r("allowed")
    if allowed:
        return Answer(
            True,
            "ce créneau est autorisé : {weekday}, entre 8 h et 19 h (fin à {end}), hors jour férié, le jour dédié à la formation.",
            "this slot is allowed: {weekday}, between 8 AM and 7 PM (ending {end}), not a public holiday, on the training day.",
        )
    if allowed is False:
        return Answer(
            False,
            "ce créneau n'est pas autorisé : {reasons} ; pour un apprenti ou un alternant, le mentorat a lieu le jour dédié à la formation, du lundi au vendredi entre 8 h et 19 h, hors jours fériés.",
            "this slot is not allowed: {reasons}; for an apprentice or alternating learner, mentoring takes place on the training day, Monday to Friday between 8 AM and 7 PM, except public holidays.",
        )
    return Answer(
        None,
        "seulement si c'est votre jour dédié à la formation : le créneau respecte les horaires (8 h-19 h), les jours ouvrés et les jours fériés.",
        "only if it is your day dedicated to training: the slot meets the hours (8 AM-7 PM), weekday and holiday rules.",
    )


BUILDERS: dict[str, Builder] = {
    "absence_notice": _absence,
    "lateness_classification": _lateness,
    "consecutive_unauthorized_absences": _consecutive,
    "long_absence_reporting": _long_absence,
    "inactivity_advisor_contact": _inactivity,
    "notification_deadline_48h": _notification,
    "jury_resubmission_deadline": _jury,
    "max_path_completion": _max_path,
    "disciplinary_grievance_notice": _grievance,
    "disciplinary_decision_window": _decision,
    "temporary_exclusion_period": _temporary_exclusion,
    "permanent_exclusion_bar": _permanent_bar,
    "apprentice_mentoring_slot": _mentoring_slot,
}
