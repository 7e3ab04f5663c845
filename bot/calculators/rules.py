"""The rules the calculators apply, as data.

Every duration, rate, amount and threshold lives here once, next to the document and
section that state it and a short verbatim quote of that clause (CGS quotes follow
version A; they read the same in version B once apostrophes are normalised). Calculators
import these constants instead of writing numbers inline, and every result lists the
`RuleRef`s of the rules it applied, so that any figure can be traced back to its clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

DocId = Literal["cgs", "regulations"]


@dataclass(frozen=True, slots=True)
class RuleRef:
    """Where a rule is written: a document and a section id of eval/README.md §1."""

    doc_id: DocId
    section: str

    def to_dict(self) -> dict[str, str]:
        return {"doc_id": self.doc_id, "section": self.section}


@dataclass(frozen=True, slots=True)
class Rule:
    """One clause of the documents; `value` is None for rules without a number."""

    id: str
    value: int | Decimal | None
    unit: str
    doc_id: DocId
    section: str
    quote: str

    @property
    def ref(self) -> RuleRef:
        return RuleRef(self.doc_id, self.section)

    def as_int(self) -> int:
        """The value of a count rule (days, months, hours...)."""
        if not isinstance(self.value, int):
            raise TypeError(f"rule {self.id} has no integer value")
        return self.value

    def as_decimal(self) -> Decimal:
        """The value of a rate or amount rule."""
        if not isinstance(self.value, Decimal):
            raise TypeError(f"rule {self.id} has no decimal value")
        return self.value


# --- CGS: Premium Plus (6.2) and Article L444-8 of the Code de l'éducation (Annexe 1) ---

REFLECTION_PERIOD = Rule(
    "reflection_period_days",
    7,
    "days",
    "cgs",
    "6.2",
    "délai de sept (7) jours de réflexion",
)
UNILATERAL_TERMINATION_WINDOW = Rule(
    "unilateral_termination_window_months",
    3,
    "months",
    "cgs",
    "6.2",
    "Jusqu’à l’expiration d’un délai de trois mois à compter de l’acceptation des "
    "Conditions Générales de Services",
)
INDEMNITY_CAP_CGS = Rule(
    "indemnity_cap_rate_subscription",
    Decimal("0.30"),
    "rate",
    "cgs",
    "6.2",
    "ne saurait excéder 30% du prix de l’Abonnement",
)
INDEMNITY_CAP_L444_8 = Rule(
    "indemnity_cap_rate_contract",
    Decimal("0.30"),
    "rate",
    "cgs",
    "annexe1",
    "ne saurait excéder 30 % du prix du contrat, fournitures non comprises",
)
SUMS_PAID_RETAINED = Rule(
    "sums_paid_retained_up_to_indemnity",
    None,
    "rule",
    "cgs",
    "annexe1",
    "Les sommes déjà versées peuvent être retenues à due concurrence.",
)
FIRST_YEAR_BASE = Rule(
    "advance_payment_first_year_months",
    12,
    "months",
    "cgs",
    "annexe1",
    "Pour les cours dont la durée totale est supérieure à douze mois, les 30 % sont "
    "calculés sur le prix de la première année pédagogique",
)
FORCE_MAJEURE_NO_INDEMNITY = Rule(
    "force_majeure_indemnity_eur",
    Decimal("0"),
    "EUR",
    "cgs",
    "annexe1",
    "par suite d’un cas fortuit ou d’une force majeure, il est empêché de suivre "
    "l’enseignement correspondant. Dans ce cas, la résiliation ne donne lieu à aucune indemnité.",
)

# --- CGS: monthly subscriptions (2.1.d, 2.2.g, Article 3) ---

BILLING_PERIOD_SOLO = Rule(
    "billing_period_months_solo",
    1,
    "months",
    "cgs",
    "2.1.d",
    "Le Service Premium Solo est un engagement mensuel qui est reconduit tacitement à la fin "
    "de chaque mois.",
)
BILLING_PERIOD_PLUS = Rule(
    "billing_period_months_plus",
    1,
    "months",
    "cgs",
    "2.2.g",
    "Le Service Premium Plus est un engagement mensuel qui est reconduit tacitement à la fin "
    "de chaque mois.",
)
STARTED_MONTH_DUE_SOLO = Rule(
    "started_month_due_solo",
    None,
    "rule",
    "cgs",
    "2.1.d",
    "sera résilié à la fin de la période en cours. Tout mois entamé est dû.",
)
STARTED_MONTH_DUE_PLUS = Rule(
    "started_month_due_plus",
    None,
    "rule",
    "cgs",
    "2.2.g",
    "sera résilié à la fin de la période en cours. Tout mois entamé est dû.",
)
STARTED_MONTH_DUE_REMINDER = Rule(
    "started_month_due_reminder",
    None,
    "rule",
    "cgs",
    "3",
    "Pour rappel, tout mois entamé est dû.",
)
SICK_LEAVE_NO_REFUND = Rule(
    "sick_leave_refund_eur",
    Decimal("0"),
    "EUR",
    "cgs",
    "2.2.g",
    "un arrêt maladie n'entraîne pas la mise en pause automatique de la formation ni son "
    "remboursement",
)

# --- CGS: payment default (3.2), modification (1), Premium Solo (6.1), contact (10) ---

LATE_INTEREST_LEGAL_RATE = Rule(
    "late_payment_interest_rate",
    None,
    "legal rate (not stated)",
    "cgs",
    "3.2",
    "Toute somme non payée à l'échéance est productive d'intérêts au taux légal, sans mise "
    "en demeure préalable",
)
RECOVERY_FEE = Rule(
    "flat_recovery_fee_eur",
    Decimal("40"),
    "EUR",
    "cgs",
    "3.2",
    "somme forfaitaire de 40 euros pour frais de recouvrement",
)
INTEREST_DAY_COUNT = Rule(
    "interest_day_count_basis",
    365,
    "days per year",
    "cgs",
    "3.2",
    "productive d'intérêts au taux légal",
)
CGS_MODIFICATION_PERIOD = Rule(
    "cgs_modification_termination_days",
    30,
    "days",
    "cgs",
    "1",
    "En cas de modification des dispositions relatives à la durée, aux caractéristiques ou "
    "au prix des Services, vous disposerez d’une période de 30 jours pour résilier votre "
    "Abonnement",
)
SOLO_NO_WITHDRAWAL_AFTER_ACCESS = Rule(
    "solo_no_cancellation_after_access_codes",
    None,
    "rule",
    "cgs",
    "6.1",
    "aucune annulation ne sera possible à partir du moment où vous aurez fait usage de vos "
    "codes d’accès pour accéder à la Plateforme",
)
STUDENT_SUCCESS_CONTACT = Rule(
    "student_success_contact",
    None,
    "contact",
    "cgs",
    "10",
    "Toute demande d’information ou réclamation relative aux Conditions Générales de Services "
    "doit être adressée au service Student Success",
)

# --- Regulations: registration, training and certification (2.1, 2.2, 2.4, 2.6, 2.8) ---

FRAUDULENT_ACCESS_NOTICE = Rule(
    "fraudulent_access_notice_hours",
    48,
    "hours",
    "regulations",
    "2.1",
    "The Learner agrees to inform OpenClassrooms within 48 hours if they have reason to "
    "believe that fraudulent access may have occurred.",
)
JURY_RESUBMISSION_PERIOD = Rule(
    "jury_resubmission_months",
    6,
    "months",
    "regulations",
    "2.2",
    "the Learner then has a period of six (6) months to submit the new projects",
)
MAX_PATH_DURATION = Rule(
    "max_path_completion_years",
    3,
    "years",
    "regulations",
    "2.2",
    "the maximum duration for completing a Path is set at 3 years from the first day of training",
)
MENTORING_EARLIEST_HOUR = Rule(
    "apprentice_mentoring_earliest_hour",
    8,
    "hour of day",
    "regulations",
    "2.4",
    "mentoring sessions must take place on the day dedicated to their training between 8 AM "
    "and 7 PM",
)
MENTORING_LATEST_HOUR = Rule(
    "apprentice_mentoring_latest_hour",
    19,
    "hour of day",
    "regulations",
    "2.4",
    "between 8 AM and 7 PM and cannot be held on weekends or public holidays",
)
LONG_ABSENCE_THRESHOLD = Rule(
    "long_absence_threshold_days",
    15,
    "consecutive days (more than)",
    "regulations",
    "2.6.1",
    "unable to follow the training (maternity/paternity leave, stoppage, and suspension) for "
    "more than 15 consecutive days",
)
EMPLOYMENT_TERMINATION_NOTICE = Rule(
    "employment_termination_notice_hours",
    48,
    "hours",
    "regulations",
    "2.6.3",
    "Any termination of the employment contract must be notified to OpenClassrooms by email "
    "at the initiative of the host company or the Learner within 48 hours of the "
    "notification of the termination.",
)
SICK_LEAVE_COPY_NOTICE = Rule(
    "cfa_sick_leave_copy_hours",
    48,
    "hours",
    "regulations",
    "2.8",
    "If the sick leave concerns a training period at the CFA, a copy must also be sent to the "
    "CFA within 48 hours of the occurrence of the event.",
)

# --- Regulations: attendance (3.1.1, 3.1.2) ---

ABSENCE_NOTICE_HOURS = Rule(
    "absence_notice_hours",
    24,
    "hours",
    "regulations",
    "3.1.1",
    "The Learner must notify their mentor more than 24 hours in advance with justification "
    "for their absence",
)
RESCHEDULE_DAYS = Rule(
    "absence_reschedule_days",
    4,
    "days",
    "regulations",
    "3.1.1",
    "to reschedule the session within 4 days at the latest",
)
UNJUSTIFIED_IS_UNAUTHORIZED = Rule(
    "unjustified_absence_is_unauthorized",
    None,
    "rule",
    "regulations",
    "3.1.1",
    "Any other unjustified absence will be considered an unauthorized absence and subject to "
    "penalties.",
)
LATENESS_THRESHOLD = Rule(
    "lateness_threshold_minutes",
    15,
    "minutes (more than)",
    "regulations",
    "3.1.1",
    "a delay of more than 15 minutes during a session",
)
CONSECUTIVE_ABSENCES_LEVEL_1 = Rule(
    "consecutive_absences_level_1",
    2,
    "absences",
    "regulations",
    "3.1.1",
    "After two (2) consecutive unauthorized absences, OpenClassrooms may impose a level 1 sanction",
)
CONSECUTIVE_ABSENCES_LEVELS_2_3 = Rule(
    "consecutive_absences_levels_2_3",
    2,
    "absences (beyond)",
    "regulations",
    "3.1.1",
    "Beyond two (2) consecutive unauthorized absences, OpenClassrooms may impose sanctions of "
    "levels 2 to 3",
)
INACTIVITY_LOWER_BOUND = Rule(
    "inactivity_contact_more_than_days",
    7,
    "days (more than)",
    "regulations",
    "3.1.2",
    "for a period exceeding one week and not exceeding 15 calendar days",
)
INACTIVITY_UPPER_BOUND = Rule(
    "inactivity_contact_at_most_days",
    15,
    "calendar days (at most)",
    "regulations",
    "3.1.2",
    "the OpenClassrooms advisor will contact the Learner to identify the causes of this "
    "inactivity or abandonment",
)
PROLONGED_INACTIVITY = Rule(
    "prolonged_inactivity_sanctions",
    None,
    "rule",
    "regulations",
    "3.1.2",
    "In the case of prolonged inactivity: such a lack of response is considered a "
    "non-compliance with the provisions of the Regulations",
)

# --- Regulations: discipline (5.1, 5.3, 5.4) ---

SANCTION_SCALE = Rule(
    "sanction_levels",
    3,
    "levels",
    "regulations",
    "5.1",
    "Any action considered faulty may, depending on its nature and severity, lead to one of "
    "the following sanctions",
)
TEMPORARY_EXCLUSION_MAX = Rule(
    "temporary_exclusion_max_months",
    1,
    "months",
    "regulations",
    "5.1",
    "temporary suspension of training for a maximum duration of one (1) month",
)
EXCLUSION_MONTH_DUE = Rule(
    "temporary_exclusion_months_due",
    1,
    "months",
    "regulations",
    "5.1",
    "The month of exclusion is due financially, regardless of the Learner's funding arrangement",
)
PERMANENT_EXCLUSION_BAR = Rule(
    "permanent_exclusion_bar_years",
    1,
    "years",
    "regulations",
    "5.1",
    "This exclusion may also include the exclusion from any OpenClassrooms training for 1 year.",
)
PERMANENT_EXCLUSION_NO_REFUND = Rule(
    "permanent_exclusion_costs_refundable",
    None,
    "rule",
    "regulations",
    "5.1",
    "Costs incurred are not refundable.",
)
GRIEVANCE_NOTICE = Rule(
    "grievance_notice_days",
    8,
    "days",
    "regulations",
    "5.3",
    "will receive communication of the grievances held against them eight (8) days before "
    "the holding of the said Disciplinary Council",
)
DECISION_EARLIEST = Rule(
    "decision_earliest_days",
    2,
    "days",
    "regulations",
    "5.4",
    "no earlier than two days following the meeting of the Disciplinary Council",
)
DECISION_LATEST = Rule(
    "decision_latest_days",
    15,
    "days",
    "regulations",
    "5.4",
    "no later than fifteen (15) days following the interview with the concerned Learner",
)
DECISION_NO_APPEAL = Rule(
    "decision_not_appealable",
    None,
    "rule",
    "regulations",
    "5.4",
    "The decision of the Disciplinary Council is not subject to appeal.",
)

ALL_RULES: tuple[Rule, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, Rule)
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}
