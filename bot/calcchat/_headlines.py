# ruff: noqa: E501
# (a table of sentences reads better unbroken)
"""The first sentences of a calculated answer: the learner's key dates and sums, in words.

Per calculator, a list of (condition, French, English) sentences. `{key}` is a result value
and `{i_key}` an input value, both formatted by `value_text`; a sentence is said only when
its condition holds on the result, and only with values the calculator returned. A value
the documents leave open (None) reads "not set by the documents", never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from bot.calcchat._format import Lang, value_text

Result = dict[str, Any]
Condition = Callable[[Result, Result], bool]
Sentence = tuple[Condition, str, str]


class _Values(Mapping[str, str]):
    """Result and input values, formatted for the learner when a template names them."""

    def __init__(self, result: Result, inputs: Result, lang: Lang) -> None:
        self._result, self._inputs, self._lang = result, inputs, lang

    def __getitem__(self, name: str) -> str:
        source = self._inputs if name.startswith("i_") else self._result
        key = name.removeprefix("i_")
        return value_text(key, source[key], self._lang)

    def __iter__(self) -> Iterator[str]:
        return iter(self._result)

    def __len__(self) -> int:
        return len(self._result)


def _always(r: Result, i: Result) -> bool:
    return True


def _is(key: str, value: object) -> Condition:
    return lambda r, i: key in r and r[key] is value


def _has(key: str) -> Condition:
    return lambda r, i: r.get(key) is not None


def _paid_counted(r: Result, i: Result) -> bool:
    """The amount paid was counted from the months started, not given by the learner."""
    return i.get("total_paid_eur") is None and i.get("months_paid") is None


_WITHIN: Condition = _is("within_3_month_window", True)
_AFTER: Condition = _is("within_3_month_window", False)
_BILLING_FR = "Votre accès dure jusqu'au {access_last_day} inclus ; {months_due} mois entamé(s) sont dus, sans remboursement, et aucun prélèvement n'aura lieu le {next_billing_cancelled}."
_BILLING_EN = "Your access lasts until {access_last_day} inclusive; {months_due} started month(s) are due, with no refund, and no charge will be taken on {next_billing_cancelled}."

# fmt: off
_SENTENCES: Mapping[str, tuple[Sentence, ...]] = {
    "premium_plus_reflection_period": (
        (_always, "Votre délai de réflexion de 7 jours, compté à partir de l'acceptation des CGS, se termine le {reflection_ends_at}.",
         "Your 7-day reflection period, counted from the acceptance of the CGS, ends on {reflection_ends_at}."),
        (_always, "La fenêtre de résiliation de 3 mois court jusqu'au {three_month_window_last_day} inclus.",
         "The 3-month termination window runs until {three_month_window_last_day} inclusive."),
        (_is("query_in_reflection_period", True), "Au {i_query_date}, vous êtes encore dans le délai de réflexion.",
         "On {i_query_date} you are still within the reflection period."),
        (_is("query_in_reflection_period", False), "Au {i_query_date}, le délai de réflexion est passé.",
         "On {i_query_date} the reflection period is over."),
        (_is("query_in_three_month_window", True), "Vous êtes encore dans la fenêtre de 3 mois.",
         "You are still inside the 3-month window."),
        (_is("query_in_three_month_window", False), "La fenêtre de 3 mois est close.",
         "The 3-month window is closed."),
    ),
    "premium_plus_early_termination": (
        (_AFTER, "Votre demande du {i_termination_request_date} arrive après la fenêtre de 3 mois (close le {window_last_day}) : c'est une résiliation ordinaire.",
         "Your request of {i_termination_request_date} comes after the 3-month window (closed on {window_last_day}): this is an ordinary termination."),
        (_AFTER, _BILLING_FR, _BILLING_EN),
        (_WITHIN, "Votre demande du {i_termination_request_date} est dans la fenêtre de 3 mois (jusqu'au {window_last_day}) : vous pouvez résilier, avec une indemnité plafonnée à 30 % de {indemnity_base_eur}, soit {max_indemnity_eur} au plus.",
         "Your request of {i_termination_request_date} is inside the 3-month window (until {window_last_day}): you can terminate, with an indemnity capped at 30% of {indemnity_base_eur}, i.e. {max_indemnity_eur} at most."),
        (lambda r, i: _WITHIN(r, i) and _paid_counted(r, i), "Déjà versé, en comptant les mois entamés : {total_paid_eur}.",
         "Already paid, counting the months started: {total_paid_eur}."),
        (lambda r, i: _WITHIN(r, i) and not _paid_counted(r, i), "Déjà versé : {total_paid_eur}.",
         "Already paid: {total_paid_eur}."),
        (_WITHIN, "Selon la lecture littérale de L444-8, {refund_due_literal_L444_8_eur} vous seraient remboursés.",
         "Under the literal reading of L444-8, {refund_due_literal_L444_8_eur} would be refunded to you."),
    ),
    "subscription_termination": (
        (_always, _BILLING_FR, _BILLING_EN),
        (_has("total_due_eur"), "Total dû : {total_due_eur}.", "Total due: {total_due_eur}."),
        (_WITHIN, "Vous êtes encore dans la fenêtre de 3 mois de l'article 6.2 (jusqu'au {three_month_window_last_day}).",
         "You are still inside the 3-month window of Article 6.2 (until {three_month_window_last_day})."),
    ),
    "premium_solo_withdrawal": (
        (_is("withdrawal_possible", False), "Vos codes d'accès ont été utilisés : l'annulation n'est plus possible (CGS 6.1).",
         "Your access codes were used: cancellation is no longer possible (CGS 6.1)."),
        (_is("withdrawal_possible", None), "Les CGS n'excluent l'annulation qu'une fois les codes d'accès utilisés ; elles ne fixent rien d'autre pour votre cas.",
         "The CGS only exclude cancellation once the access codes have been used; they set nothing else for your case."),
    ),
    "force_majeure_termination": (
        (_always, "En cas de force majeure ou de cas fortuit vous empêchant de suivre l'enseignement, la résiliation se fait sans indemnité ({indemnity_eur}) et sans limite de temps.",
         "For force majeure or a fortuitous event preventing you from following the course, termination carries no indemnity ({indemnity_eur}) and no time limit."),
        (_is("cause_qualifies", None), "Les documents ne disent pas si votre situation en est un.",
         "The documents do not say whether your situation is one."),
    ),
    "late_payment": (
        (_always, "Votre paiement a {days_late} jour(s) de retard ; les frais forfaitaires de recouvrement sont de {flat_recovery_fee_eur}.",
         "Your payment is {days_late} day(s) late; the flat recovery fee is {flat_recovery_fee_eur}."),
        (_is("interest_eur", None), "Les intérêts au taux légal ne peuvent pas être chiffrés : les documents ne donnent pas ce taux. Hors intérêts : {total_excluding_interest_eur}.",
         "Interest at the legal rate cannot be computed: the documents do not give that rate. Excluding interest: {total_excluding_interest_eur}."),
        (_has("interest_eur"), "Intérêts : {interest_eur} ; total réclamable : {total_claimable_eur}.",
         "Interest: {interest_eur}; total claimable: {total_claimable_eur}."),
    ),
    "cgs_modification_termination_deadline": (
        (_is("right_applies", True), "Vous pouvez résilier jusqu'au {termination_last_day} inclus ; utiliser la Plateforme après cette date vaut acceptation des nouvelles CGS.",
         "You can terminate until {termination_last_day} inclusive; using the Platform after that date counts as accepting the new CGS."),
        (_is("right_applies", False), "Ce changement ne porte ni sur la durée, ni sur les caractéristiques, ni sur le prix des Services : le délai de 30 jours de l'article 1 ne s'applique pas.",
         "This change concerns neither the duration, the characteristics nor the price of the Services: Article 1's 30-day period does not apply."),
    ),
    "absence_notice": (
        (_always, "Vous avez prévenu votre mentor {lead_time_hours} h avant la séance (il faut plus de 24 h, avec justificatif).",
         "You told your mentor {lead_time_hours} h before the session (more than 24 h is required, with justification)."),
        (_is("unauthorized_absence", True), "C'est une absence non autorisée.", "This is an unauthorized absence."),
        (_is("unauthorized_absence", False), "L'absence est justifiée et prévenue à temps.", "The absence is justified and was notified in time."),
        (lambda r, i: r.get("unauthorized_absence_reason") == "depends on whether the justification is accepted",
         "Tout dépend de l'acceptation de votre justificatif.", "It depends on whether your justification is accepted."),
        (lambda r, i: str(r.get("unauthorized_absence_reason", "")).startswith("exactly 24 hours"),
         "Exactement 24 h, ce n'est ni plus ni moins de 24 h : les documents ne tranchent pas.",
         "Exactly 24 h is neither more nor less than 24 h: the documents do not settle it."),
        (_has("reschedule_by"), "La séance est à reporter au plus tard le {reschedule_by}.", "The session is to be rescheduled by {reschedule_by}."),
    ),
    "lateness_classification": (
        (_is("unauthorized_absence", True), "Un retard de {i_minutes_late} minutes compte comme une absence non autorisée (plus de 15 minutes).",
         "Being {i_minutes_late} minutes late counts as an unauthorized absence (more than 15 minutes)."),
        (_is("unauthorized_absence", False), "Un retard de {i_minutes_late} minutes n'est pas une absence non autorisée (le seuil est de plus de 15 minutes).",
         "Being {i_minutes_late} minutes late is not an unauthorized absence (the threshold is more than 15 minutes)."),
    ),
    "consecutive_unauthorized_absences": (
        (_is("threshold_reached", False), "Avec {i_consecutive_unauthorized_absences} absence(s) non autorisée(s) consécutive(s), le seuil de 2 n'est pas atteint : aucune sanction n'est prévue à ce titre.",
         "With {i_consecutive_unauthorized_absences} consecutive unauthorized absence(s), the threshold of 2 is not reached: no sanction is provided for on that ground."),
        (_is("threshold_reached", True), "Avec {i_consecutive_unauthorized_absences} absences non autorisées consécutives, OpenClassrooms peut, sans que ce soit automatique, prononcer une sanction de niveau {possible_sanction_levels} (échelle de l'article 5.1).",
         "With {i_consecutive_unauthorized_absences} consecutive unauthorized absences, OpenClassrooms may (it is not automatic) impose a level {possible_sanction_levels} sanction (scale in Article 5.1)."),
    ),
    "long_absence_reporting": (
        (_is("must_report_under_2_6_1", True), "Votre absence dure {consecutive_days} jours consécutifs, plus de 15 : vous devez en informer sans délai les services pédagogiques (avec justificatif et durée) ainsi que votre mentor.",
         "Your absence lasts {consecutive_days} consecutive days, more than 15: you must promptly inform the educational services (with justification and duration) and your mentor."),
        (_is("must_report_under_2_6_1", False), "Votre absence dure {consecutive_days} jours consécutifs, pas plus de 15 : l'obligation de signalement de l'article 2.6.1 ne s'applique pas.",
         "Your absence lasts {consecutive_days} consecutive days, not more than 15: the reporting duty of Article 2.6.1 does not apply."),
    ),
    "inactivity_advisor_contact": (
        (_always, "Au {i_check_date}, vous êtes inactif depuis {days_inactive} jours. Votre conseiller vous contacte entre le {window_first_day} et le {window_last_day}.",
         "On {i_check_date} you have been inactive for {days_inactive} days. Your advisor contacts you between {window_first_day} and {window_last_day}."),
        (_is("prolonged_inactivity", True), "Au-delà de 15 jours, une inactivité prolongée peut conduire à des sanctions.",
         "Beyond 15 days, prolonged inactivity may lead to sanctions."),
    ),
    "notification_deadline_48h": (
        (_has("channel"), "Vous devez prévenir {notify} {channel} au plus tard le {deadline} (48 heures, week-ends compris).",
         "You must notify {notify} {channel} by {deadline} (48 hours, weekends included)."),
        (_is("channel", None), "Vous devez prévenir {notify} au plus tard le {deadline} (48 heures, week-ends compris).",
         "You must notify {notify} by {deadline} (48 hours, weekends included)."),
    ),
    "jury_resubmission_deadline": (
        (_has("submission_last_day"), "Vous avez 6 mois, jusqu'au {submission_last_day} inclus, pour soumettre vos nouveaux projets.",
         "You have six months, until {submission_last_day} inclusive, to submit your new projects."),
    ),
    "max_path_completion": (
        (_has("completion_last_day"), "Avec une interruption, la durée maximale est de 3 ans : vous devez terminer votre parcours au plus tard le {completion_last_day}.",
         "With an interruption, the maximum is 3 years: you must complete your Path by {completion_last_day} at the latest."),
    ),
    "disciplinary_grievance_notice": (
        (_always, "Les griefs doivent vous être communiqués 8 jours avant le conseil, soit au plus tard le {latest_communication_date}.",
         "The grievances must be communicated to you 8 days before the council, i.e. by {latest_communication_date}."),
        (_is("compliant", True), "Ils vous ont été communiqués {days_before_council} jours avant : le délai est respecté.",
         "They reached you {days_before_council} days before: the notice was respected."),
        (_is("compliant", False), "Ils vous ont été communiqués {days_before_council} jours avant : le délai n'est pas respecté.",
         "They reached you {days_before_council} days before: the notice was not respected."),
    ),
    "disciplinary_decision_window": (
        (_always, "La décision doit vous être notifiée par lettre recommandée entre le {earliest_notification_date} et le {latest_notification_date} ; elle n'est pas susceptible d'appel.",
         "The decision must be sent to you by registered letter between {earliest_notification_date} and {latest_notification_date}; it cannot be appealed."),
    ),
    "temporary_exclusion_period": (
        (_always, "Votre exclusion dure au plus un mois, jusqu'au {max_last_day} inclus ; vous reprenez au plus tard le {resume_no_later_than}. Le mois d'exclusion reste dû.",
         "Your exclusion lasts at most one month, until {max_last_day} inclusive; you resume no later than {resume_no_later_than}. The month of exclusion remains due."),
        (_is("planned_within_maximum", False), "La fin prévue, le {i_planned_end_date}, dépasse ce maximum d'un mois.",
         "The planned end, {i_planned_end_date}, goes beyond that one-month maximum."),
        (_is("planned_within_maximum", True), "La fin prévue, le {i_planned_end_date}, reste dans ce maximum.",
         "The planned end, {i_planned_end_date}, stays within that maximum."),
    ),
    "permanent_exclusion_bar": (
        (_has("eligible_again_from"), "L'interdiction d'un an dure jusqu'au {bar_last_day} inclus : vous pourrez de nouveau suivre une formation OpenClassrooms à partir du {eligible_again_from}.",
         "The one-year bar lasts until {bar_last_day} inclusive: you can enrol in OpenClassrooms training again from {eligible_again_from}."),
        (_always, "Les frais engagés ne sont pas remboursables.", "Costs incurred are not refundable."),
    ),
    "apprentice_mentoring_slot": (
        (_is("restriction_applies", False), "La règle horaire de l'article 2.4 ne vise que les apprentis et alternants : ce créneau n'est pas restreint.",
         "The time rule of Article 2.4 covers apprentices and alternating learners only: this slot is not restricted."),
        (lambda r, i: r["restriction_applies"] and r["allowed"] is True, "Ce créneau est autorisé : jour ouvré, entre 8 h et 19 h (fin le {end}).",
         "This slot is allowed: a weekday, between 8 AM and 7 PM (ending {end})."),
        (lambda r, i: r["restriction_applies"] and r["allowed"] is False, "Ce créneau n'est pas autorisé : {reasons}.",
         "This slot is not allowed: {reasons}."),
        (lambda r, i: r["restriction_applies"] and r["allowed"] is None, "Le créneau respecte les horaires, les jours ouvrés et les jours fériés ; il doit aussi tomber votre jour dédié à la formation.",
         "The slot meets the hours, weekday and holiday rules; it must also fall on your day dedicated to training."),
    ),
}
# fmt: on


def headline(calculator: str, result: Result, inputs: Result, lang: Lang) -> list[str]:
    """The sentences whose condition holds, with the values filled in."""
    values = _Values(result, inputs, lang)
    out = []
    for condition, fr, en in _SENTENCES.get(calculator, ()):
        if condition(result, inputs):
            out.append((fr if lang == "fr" else en).format_map(values))
    return out
