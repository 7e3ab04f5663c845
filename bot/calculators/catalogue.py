# ruff: noqa: E501
# (tables of labels read better unbroken)
"""What people see of each calculator: its title, its document, and every input and output
named in French and English (a form's labels and hints, a result table's row names).

    CATALOGUE[name] -> Entry(title, doc_id, sections, inputs, outputs)

`bot.calculators.input_schema` and `output_schema` put these into the JSON Schemas served by
`GET /v1/calculators` (`title`, `description`, `x-labels`, `x-hints`); a door builds its
calculator form from them. Labels are short nouns ("Date d'acceptation des CGS"); hints say
what to enter and what happens when the field is left empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.calculators.rules import DocId


@dataclass(frozen=True, slots=True)
class Text:
    fr: str
    en: str

    def to_dict(self) -> dict[str, str]:
        return {"fr": self.fr, "en": self.en}


@dataclass(frozen=True, slots=True)
class Field:
    """One input: a label, and optionally a hint (what to enter, what empty means)."""

    label: Text
    hint: Text | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    title: Text
    doc_id: DocId
    sections: tuple[str, ...]
    inputs: Mapping[str, Field]
    outputs: Mapping[str, Text] = field(default_factory=dict)


def _f(fr: str, en: str, hint_fr: str | None = None, hint_en: str | None = None) -> Field:
    hint = None if hint_fr is None or hint_en is None else Text(hint_fr, hint_en)
    return Field(Text(fr, en), hint)


def _t(fr: str, en: str) -> Text:
    return Text(fr, en)


# --- inputs shared by several calculators ---

_ACCEPTANCE = _f(
    "Date d'acceptation des CGS",
    "CGS acceptance date",
    "Jour où la case d'acceptation des CGS a été cochée ; pour Premium Plus, c'est aussi le début de l'abonnement.",
    "Day the CGS acceptance box was ticked; for Premium Plus it is also the subscription start.",
)
_MONTHLY_PRICE = _f(
    "Prix mensuel (€)",
    "Monthly price (EUR)",
    "Prix de l'abonnement mensuel affiché sur la page du parcours.",
    "Price of the monthly subscription shown on the path page.",
)
_PLAN = _f("Offre", "Plan", "premium_plus ou premium_solo.", "premium_plus or premium_solo.")
_TERMINATION_REQUEST = _f(
    "Date de la demande de résiliation",
    "Termination request date",
    "Jour où la demande de résiliation est faite (ou le sera).",
    "Day the termination is (or will be) requested.",
)
_COUNCIL = _f("Date du conseil de discipline", "Disciplinary Council date")

# --- outputs shared by several calculators ---

_O_ACCESS_LAST_DAY = _t(
    "Dernier jour d'accès (fin de la période en cours)",
    "Last day of access (end of the current period)",
)
_O_MONTHS_DUE = _t("Mois dus (tout mois entamé est dû)", "Months due (every started month is due)")
_O_TOTAL_DUE = _t(
    "Total dû sur la vie de l'abonnement (€)", "Total due over the life of the subscription (EUR)"
)
_O_REFUND = _t("Remboursement (€)", "Refund (EUR)")
_O_NEXT_BILLING = _t("Prélèvement qui n'aura pas lieu", "Charge that will not be taken")
_O_WINDOW_LAST_DAY = _t(
    "Dernier jour de la fenêtre de 3 mois (6.2)", "Last day of the 3-month window (6.2)"
)
_O_WITHIN_WINDOW = _t("Dans la fenêtre de 3 mois", "Within the 3-month window")
_O_REGIME = _t("Régime appliqué", "Regime applied")

_ENTRIES: dict[str, Entry] = {
    "premium_plus_reflection_period": Entry(
        _t("Délai de réflexion Premium Plus (7 jours)", "Premium Plus reflection period (7 days)"),
        "cgs",
        ("6.2",),
        {
            "acceptance_date": _ACCEPTANCE,
            "query_date": _f("Date à vérifier", "Date to check", "Facultatif : le jour à situer (par exemple aujourd'hui).", "Optional: the day to situate (today, for example)."),
        },
        {
            "reflection_last_day": _t("Dernier jour du délai de réflexion", "Last day of the reflection period"),
            "reflection_ends_at": _t("Fin du délai de réflexion (date et heure)", "End of the reflection period (date and time)"),
            "query_in_reflection_period": _t("La date vérifiée est dans le délai de réflexion", "The date checked is within the reflection period"),
            "three_month_window_last_day": _O_WINDOW_LAST_DAY,
            "query_in_three_month_window": _t("La date vérifiée est dans la fenêtre de 3 mois", "The date checked is within the 3-month window"),
        },
    ),
    "premium_plus_early_termination": Entry(
        _t("Résiliation Premium Plus dans les 3 mois (indemnité de 30 % au plus)", "Premium Plus termination within 3 months (indemnity of at most 30%)"),
        "cgs",
        ("6.2", "annexe1", "2.2.g"),
        {
            "acceptance_date": _ACCEPTANCE,
            "termination_request_date": _TERMINATION_REQUEST,
            "monthly_price_eur": _MONTHLY_PRICE,
            "months_paid": _f("Mensualités déjà payées", "Monthly instalments paid", "Facultatif : par défaut, les mois entamés.", "Optional: by default, the months started."),
            "total_paid_eur": _f("Montant déjà payé (€)", "Amount already paid (EUR)", "Facultatif : remplace mensualités × prix.", "Optional: replaces instalments × price."),
            "price_basis": _f("Base de l'indemnité", "Indemnity base", "monthly_instalment : un mois (lecture principale) ; contract_total : prix × durée prévue.", "monthly_instalment: one month (primary reading); contract_total: price × planned duration."),
            "planned_duration_months": _f("Durée prévue du parcours (mois)", "Planned path duration (months)", "Nécessaire avec la base contract_total.", "Needed with the contract_total basis."),
        },
        {
            "window_last_day": _O_WINDOW_LAST_DAY,
            "within_3_month_window": _O_WITHIN_WINDOW,
            "regime": _O_REGIME,
            "reflection_last_day": _t("Dernier jour du délai de réflexion", "Last day of the reflection period"),
            "in_reflection_period": _t("Demande faite dans le délai de réflexion de 7 jours", "Request made within the 7-day reflection period"),
            "indemnity_base_eur": _t("Base de l'indemnité (€)", "Indemnity base (EUR)"),
            "max_indemnity_eur": _t("Indemnité maximale, 30 % (€)", "Maximum indemnity, 30% (EUR)"),
            "total_paid_eur": _t("Déjà versé (€)", "Already paid (EUR)"),
            "max_retained_as_indemnity_eur": _t("Retenue maximale sur le déjà-versé (€)", "Maximum retained from what was paid (EUR)"),
            "refund_due_literal_L444_8_eur": _t("Remboursement selon la lecture littérale de L444-8 (€)", "Refund under the literal reading of L444-8 (EUR)"),
            "max_additional_indemnity_claimable_eur": _t("Indemnité supplémentaire réclamable au plus (€)", "Additional indemnity claimable at most (EUR)"),
            "access_last_day": _O_ACCESS_LAST_DAY,
            "months_due": _O_MONTHS_DUE,
            "total_due_eur": _O_TOTAL_DUE,
            "refund_eur": _O_REFUND,
            "alt_reading_cgs_2_2_g": _t("Autre lecture : tout mois entamé est dû (2.2.g)", "Other reading: every started month is due (2.2.g)"),
            "alt_first_year_base": _t("Autre lecture : base limitée à la première année", "Other reading: base limited to the first year"),
        },
    ),
    "subscription_termination": Entry(
        _t("Résiliation d'un abonnement mensuel", "Cancelling a monthly subscription"),
        "cgs",
        ("2.1.d", "2.2.g", "3"),
        {
            "plan": _PLAN,
            "subscription_start_date": _f("Début de l'abonnement", "Subscription start date", "Facultatif pour Premium Plus (par défaut : date d'acceptation des CGS).", "Optional for Premium Plus (default: CGS acceptance date)."),
            "acceptance_date": _f("Date d'acceptation des CGS", "CGS acceptance date", "Premium Plus : ouvre la fenêtre de 3 mois.", "Premium Plus: opens the 3-month window."),
            "cancellation_date": _f("Date de résiliation", "Cancellation date", "Jour où la résiliation est validée.", "Day the cancellation is confirmed."),
            "monthly_price_eur": _f("Prix mensuel (€)", "Monthly price (EUR)", "Facultatif : pour le total dû.", "Optional: for the total due."),
            "reason": _f("Motif", "Reason", "Facultatif, par exemple un arrêt maladie.", "Optional, e.g. sick leave."),
        },
        {
            "current_period_start": _t("Début de la période en cours", "Start of the current period"),
            "access_last_day": _O_ACCESS_LAST_DAY,
            "months_due": _O_MONTHS_DUE,
            "total_due_eur": _O_TOTAL_DUE,
            "refund_eur": _O_REFUND,
            "next_billing_cancelled": _O_NEXT_BILLING,
            "within_3_month_window": _t("Dans la fenêtre de 3 mois (Premium Plus)", "Within the 3-month window (Premium Plus)"),
            "three_month_window_last_day": _O_WINDOW_LAST_DAY,
            "sick_leave_refund_eur": _t("Remboursement pour arrêt maladie (€)", "Refund for sick leave (EUR)"),
            "alt_if_cancelled_before_renewal": _t("Autre lecture : résiliation avant le renouvellement du jour anniversaire", "Other reading: cancellation before the renewal on the anniversary day"),
        },
    ),
    "premium_solo_withdrawal": Entry(
        _t("Rétractation Premium Solo", "Premium Solo withdrawal"),
        "cgs",
        ("6.1", "2.1.d"),
        {
            "subscription_date": _f("Date d'abonnement", "Subscription date"),
            "access_codes_used": _f("Codes d'accès déjà utilisés", "Access codes already used", "Oui si vous vous êtes déjà connecté à la Plateforme avec vos codes.", "Yes if you already logged in to the Platform with your codes."),
            "request_date": _f("Date de la demande", "Request date", "Facultatif : pour calculer la résiliation ordinaire.", "Optional: to compute the ordinary termination."),
        },
        {
            "withdrawal_possible": _t("Rétractation possible", "Withdrawal possible"),
            "status": _t("Statut", "Status"),
            "redirect": _t("À qui s'adresser", "Whom to contact"),
            "fallback": _t("Ce qui reste possible", "What remains possible"),
            "access_last_day": _O_ACCESS_LAST_DAY,
            "months_due": _O_MONTHS_DUE,
        },
    ),
    "force_majeure_termination": Entry(
        _t("Résiliation pour force majeure", "Termination for force majeure"),
        "cgs",
        ("annexe1",),
        {
            "plan": _PLAN,
            "acceptance_date": _f("Date d'acceptation des CGS", "CGS acceptance date", "Facultatif.", "Optional."),
            "termination_request_date": _TERMINATION_REQUEST,
            "cause": _f("Cause", "Cause", "cas_fortuit ou force_majeure, ou l'événement en quelques mots.", "cas_fortuit or force_majeure, or the event in a few words."),
            "monthly_price_eur": _f("Prix mensuel (€)", "Monthly price (EUR)", "Facultatif.", "Optional."),
        },
        {
            "within_3_month_window": _O_WITHIN_WINDOW,
            "indemnity_eur": _t("Indemnité (€)", "Indemnity (EUR)"),
            "refund_of_paid_months": _t("Sort des mois déjà payés", "What happens to months already paid"),
        },
    ),
    "late_payment": Entry(
        _t("Retard de paiement : intérêts et frais de recouvrement", "Late payment: interest and recovery fee"),
        "cgs",
        ("3.2",),
        {
            "amount_due_eur": _f("Montant impayé (€)", "Unpaid amount (EUR)", "Une seule somme ; pour plusieurs, utilisez amounts_due_eur.", "One sum; for several, use amounts_due_eur."),
            "due_date": _f("Date d'échéance", "Due date"),
            "amounts_due_eur": _f("Montants impayés (€)", "Unpaid amounts (EUR)", "Plusieurs sommes, dans le même ordre que leurs échéances.", "Several sums, in the same order as their due dates."),
            "due_dates": _f("Dates d'échéance", "Due dates", "Une date par montant impayé.", "One date per unpaid amount."),
            "payment_date": _f("Date de paiement", "Payment date", "Vide si la somme n'est toujours pas payée.", "Empty if the sum is still unpaid."),
            "as_of_date": _f("Calculer au", "Compute as of", "Facultatif, si c'est encore impayé : le jour jusqu'auquel compter les intérêts.", "Optional, if still unpaid: the day to count interest to."),
            "unpaid_sums": _f("Nombre de sommes impayées", "Number of unpaid sums", "40 € de frais par somme impayée.", "EUR 40 fee per unpaid sum."),
            "legal_rate_percent": _f("Taux d'intérêt légal (%)", "Legal interest rate (%)", "Les documents ne le donnent pas : à fournir (publié chaque semestre).", "The documents do not give it: to be supplied (published every half-year)."),
            "legal_rate_is_hypothetical": _f("Taux hypothétique", "Hypothetical rate", "Cochez si le taux est une hypothèse de calcul.", "Tick if the rate is an assumption."),
        },
        {
            "principal_eur": _t("Somme impayée (€)", "Unpaid principal (EUR)"),
            "days_late": _t("Jours de retard", "Days late"),
            "interest_eur": _t("Intérêts au taux légal (€)", "Interest at the legal rate (EUR)"),
            "interest_formula": _t("Formule des intérêts", "Interest formula"),
            "interest_note": _t("Remarque sur les intérêts", "Note on the interest"),
            "flat_recovery_fee_eur": _t("Frais forfaitaires de recouvrement (€)", "Flat recovery fee (EUR)"),
            "alt_flat_recovery_fee_eur": _t("Autre lecture : 40 € par réclamation (€)", "Other reading: EUR 40 per claim (EUR)"),
            "extra_recovery_costs": _t("Frais de recouvrement supplémentaires", "Additional recovery costs"),
            "total_claimable_eur": _t("Total réclamable (€)", "Total claimable (EUR)"),
        },
    ),
    "cgs_modification_termination_deadline": Entry(
        _t("Résiliation après une modification des CGS (30 jours)", "Terminating after a change to the CGS (30 days)"),
        "cgs",
        ("1",),
        {
            "notification_date": _f("Date de notification des nouvelles CGS", "Date the new CGS were notified"),
            "modified_provision": _f("Ce qui change", "What changes", "La durée, les caractéristiques ou le prix des Services ouvrent le droit de résilier.", "The duration, characteristics or price of the Services open the right to terminate."),
            "effective_date": _f("Date d'entrée en vigueur", "Effective date", "Facultatif : pour l'autre lecture du point de départ.", "Optional: for the other reading of the starting point."),
        },
        {
            "right_applies": _t("Droit de résiliation de l'article 1", "Article 1 termination right"),
            "termination_last_day": _t("Dernier jour pour résilier", "Last day to terminate"),
            "deemed_accepted_if_platform_used_after": _t("Acceptation réputée si la Plateforme est utilisée après le", "Deemed accepted if the Platform is used after"),
        },
    ),
    "absence_notice": Entry(
        _t("Absence à une séance : prévenir 24 h avant", "Missing a session: 24-hour notice"),
        "regulations",
        ("3.1.1",),
        {
            "session_start": _f("Date et heure de la séance", "Session date and time", "Heure de Paris.", "Paris time."),
            "notification_time": _f("Date et heure où le mentor a été prévenu", "When the mentor was notified", "Heure de Paris.", "Paris time."),
            "justified": _f("Absence justifiée", "Absence justified", "Facultatif : justificatif accepté (examen médical, maladie…).", "Optional: justification accepted (medical exam, illness…)."),
            "reason": _f("Motif", "Reason", "Facultatif.", "Optional."),
        },
        {
            "lead_time_hours": _t("Préavis (heures)", "Notice (hours)"),
            "more_than_24h": _t("Prévenu plus de 24 h avant", "Notified more than 24 h ahead"),
            "less_than_24h": _t("Prévenu moins de 24 h avant", "Notified less than 24 h ahead"),
            "unauthorized_absence": _t("Absence non autorisée", "Unauthorized absence"),
            "rescheduling": _t("Report de la séance", "Rescheduling"),
            "reschedule_by": _t("Séance à reporter au plus tard le", "Session to be rescheduled by"),
        },
    ),
    "lateness_classification": Entry(
        _t("Retard à une séance (15 minutes)", "Lateness to a session (15 minutes)"),
        "regulations",
        ("3.1.1",),
        {"minutes_late": _f("Minutes de retard", "Minutes late")},
        {"unauthorized_absence": _t("Compte comme une absence non autorisée", "Counts as an unauthorized absence")},
    ),
    "consecutive_unauthorized_absences": Entry(
        _t("Absences non autorisées consécutives", "Consecutive unauthorized absences"),
        "regulations",
        ("3.1.1", "5.1"),
        {"consecutive_unauthorized_absences": _f("Absences non autorisées consécutives", "Consecutive unauthorized absences")},
        {
            "threshold_reached": _t("Seuil de 2 absences atteint", "Two-absence threshold reached"),
            "possible_sanction_levels": _t("Niveaux de sanction possibles", "Possible sanction levels"),
            "discretionary": _t("Sanction laissée à l'appréciation d'OpenClassrooms", "Sanction at OpenClassrooms' discretion"),
            "sanction_scale_article": _t("Article de l'échelle des sanctions", "Article of the sanction scale"),
            "cross_reference_error": _t("Renvoi erroné à l'article 6.1", "Wrong reference to Article 6.1"),
        },
    ),
    "long_absence_reporting": Entry(
        _t("Absence de plus de 15 jours", "Absence of more than 15 days"),
        "regulations",
        ("2.6.1",),
        {
            "first_day": _f("Premier jour d'absence", "First day of absence"),
            "last_day": _f("Dernier jour d'absence", "Last day of absence", "Inclus.", "Inclusive."),
            "reason": _f("Motif", "Reason", "Facultatif : congé maternité, arrêt…", "Optional: maternity leave, sick leave…"),
        },
        {
            "consecutive_days": _t("Jours consécutifs", "Consecutive days"),
            "must_report_under_2_6_1": _t("À signaler (2.6.1)", "Must be reported (2.6.1)"),
            "inform": _t("À informer", "Whom to inform"),
        },
    ),
    "inactivity_advisor_contact": Entry(
        _t("Inactivité : contact du conseiller", "Inactivity: advisor contact"),
        "regulations",
        ("3.1.2",),
        {
            "last_activity_date": _f("Date de la dernière activité", "Last activity date"),
            "check_date": _f("Date à vérifier", "Date to check", "Par exemple aujourd'hui.", "Today, for example."),
        },
        {
            "days_inactive": _t("Jours d'inactivité", "Days inactive"),
            "in_advisor_contact_window": _t("Dans la période de contact du conseiller", "Within the advisor-contact window"),
            "beyond_window": _t("Au-delà du 15e jour", "Past day 15"),
            "window_first_day": _t("Premier jour de la période de contact", "First day of the contact window"),
            "window_last_day": _t("Dernier jour de la période de contact", "Last day of the contact window"),
        },
    ),
    "notification_deadline_48h": Entry(
        _t("Notification sous 48 heures", "Notice within 48 hours"),
        "regulations",
        ("2.1", "2.6.3", "2.8"),
        {
            "event": _f("Événement", "Event", "fraudulent_access, employment_contract_termination ou sick_leave_cfa_training_period.", "fraudulent_access, employment_contract_termination or sick_leave_cfa_training_period."),
            "event_time": _f("Date et heure de l'événement", "Event date and time", "Heure de Paris.", "Paris time."),
        },
        {
            "deadline": _t("À notifier au plus tard le", "Notify by"),
            "channel": _t("Moyen", "Channel"),
            "also": _t("À faire aussi", "Also required"),
        },
    ),
    "jury_resubmission_deadline": Entry(
        _t("Nouveaux projets après un refus du jury (6 mois)", "New projects after a jury refusal (6 months)"),
        "regulations",
        ("2.2",),
        {
            "jury_refusal_date": _f("Date du refus du jury", "Jury refusal date"),
            "archiving_or_certifier_exception": _f("Parcours archivé ou exigence du certificateur", "Path archived or certifier requirement", "Exception de 2.2.", "Exception of 2.2."),
        },
        {"submission_last_day": _t("Dernier jour pour soumettre", "Last day to submit")},
    ),
    "max_path_completion": Entry(
        _t("Durée maximale d'un parcours interrompu (3 ans)", "Maximum duration of an interrupted path (3 years)"),
        "regulations",
        ("2.2",),
        {
            "first_training_day": _f("Premier jour de formation", "First training day"),
            "training_interrupted": _f("Formation interrompue", "Training interrupted"),
        },
        {
            "completion_last_day": _t("Parcours à terminer au plus tard le", "Path to complete by"),
            "alt_completion_last_day": _t("Autre lecture (durée, premier jour compté)", "Other reading (duration, first day counted)"),
        },
    ),
    "disciplinary_grievance_notice": Entry(
        _t("Griefs communiqués avant le conseil de discipline (8 jours)", "Grievances before the Disciplinary Council (8 days)"),
        "regulations",
        ("5.3",),
        {
            "council_date": _COUNCIL,
            "grievances_communicated_on": _f("Date de communication des griefs", "Date the grievances were communicated", "Facultatif : pour vérifier le délai.", "Optional: to check the notice."),
        },
        {
            "latest_communication_date": _t("Griefs à communiquer au plus tard le", "Grievances to be communicated by"),
            "days_before_council": _t("Jours avant le conseil", "Days before the council"),
            "compliant": _t("Délai respecté", "Notice respected"),
            "alt_latest_if_clear_days": _t("Autre lecture (jours francs)", "Other reading (clear days)"),
        },
    ),
    "disciplinary_decision_window": Entry(
        _t("Notification de la décision disciplinaire", "Sending the disciplinary decision"),
        "regulations",
        ("5.4",),
        {
            "council_date": _COUNCIL,
            "interview_date": _f("Date de l'entretien", "Interview date", "Facultatif : par défaut, le jour du conseil.", "Optional: by default, the council day."),
            "decision_sent_on": _f("Date d'envoi de la décision", "Date the decision was sent", "Facultatif : pour vérifier la fenêtre.", "Optional: to check the window."),
        },
        {
            "earliest_notification_date": _t("Décision notifiée au plus tôt le", "Decision sent no earlier than"),
            "latest_notification_date": _t("Décision notifiée au plus tard le", "Decision sent no later than"),
            "appeal_possible": _t("Appel possible", "Appeal possible"),
        },
    ),
    "temporary_exclusion_period": Entry(
        _t("Exclusion temporaire (un mois au plus)", "Temporary exclusion (one month at most)"),
        "regulations",
        ("5.1",),
        {
            "exclusion_start_date": _f("Premier jour d'exclusion", "First day of exclusion"),
            "proposed_last_day": _f("Dernier jour d'exclusion proposé", "Proposed last day of exclusion", "Facultatif : pour vérifier la limite d'un mois.", "Optional: to check the one-month maximum."),
        },
        {
            "max_last_day": _t("Dernier jour d'exclusion au plus", "Last excluded day at most"),
            "alt_max_last_day": _t("Autre lecture en fin de mois", "Other reading at month end"),
            "resume_no_later_than": _t("Reprise au plus tard le", "Resume no later than"),
            "proposed_compliant": _t("Fin proposée dans la limite d'un mois", "Proposed end within the one-month maximum"),
            "months_financially_due": _t("Mois d'exclusion dus", "Months of exclusion due"),
        },
    ),
    "permanent_exclusion_bar": Entry(
        _t("Exclusion définitive : interdiction d'un an", "Permanent exclusion: one-year bar"),
        "regulations",
        ("5.1",),
        {
            "sanction_date": _f("Date de l'exclusion définitive", "Permanent exclusion date"),
            "bar_applied": _f("Interdiction d'un an prononcée", "One-year bar imposed"),
        },
        {
            "bar_last_day": _t("Dernier jour d'interdiction", "Last barred day"),
            "eligible_again_from": _t("Inscription possible à partir du", "Eligible again from"),
            "costs_refundable": _t("Frais remboursables", "Costs refundable"),
        },
    ),
    "apprentice_mentoring_slot": Entry(
        _t("Créneau de mentorat d'un apprenti", "Apprentice mentoring slot"),
        "regulations",
        ("2.4",),
        {
            "start": _f("Début de la séance", "Session start", "Date et heure, heure de Paris.", "Date and time, Paris time."),
            "duration_minutes": _f("Durée (minutes)", "Duration (minutes)"),
            "learner_type": _f("Profil", "Learner type", "apprentice, alternating_learner ou intern_not_alternating.", "apprentice, alternating_learner or intern_not_alternating."),
            "is_dedicated_training_day": _f("Jour dédié à la formation", "Day dedicated to training"),
        },
        {
            "allowed": _t("Créneau autorisé", "Slot allowed"),
            "restriction_applies": _t("Règle des apprentis applicable", "Apprentice rule applies"),
            "weekday": _t("Jour de la semaine", "Weekday"),
            "reason": _t("Motif", "Reason"),
        },
    ),
}  # fmt: skip

CATALOGUE: Mapping[str, Entry] = MappingProxyType(_ENTRIES)
