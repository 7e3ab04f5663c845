"""A calculator result for the learner: the key figures in sentences, a table, the caveat.

Every figure comes from the result (or the inputs it was computed from); the ambiguity note
repeats the calculator's own wording of the other reading and its `alt_*` values. Nothing
is added that the calculator did not compute.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.calcchat._answers import answer_lead
from bot.calcchat._format import Lang, value_text
from bot.calcchat._labels import RESULTS
from bot.calcchat._question import Question
from bot.calculators import CalculationResult
from bot.schemas import Figure

_TABLE_KEYS: Mapping[str, tuple[str, ...]] = {
    "premium_plus_reflection_period": (
        "reflection_ends_at", "three_month_window_last_day", "query_in_reflection_period",
        "query_in_three_month_window",
    ),
    "premium_plus_early_termination": (
        "within_3_month_window", "window_last_day", "indemnity_base_eur", "max_indemnity_eur",
        "total_paid_eur", "max_retained_as_indemnity_eur", "refund_due_literal_L444_8_eur",
        "max_additional_indemnity_claimable_eur", "in_reflection_period", "access_last_day",
        "months_due", "total_due_eur", "next_billing_cancelled", "refund_eur",
    ),
    "subscription_termination": (
        "access_last_day", "months_due", "total_due_eur", "next_billing_cancelled", "refund_eur",
        "three_month_window_last_day", "within_3_month_window",
    ),
    "premium_solo_withdrawal": ("withdrawal_possible", "status", "access_last_day", "months_due"),
    "force_majeure_termination": (
        "indemnity_eur", "time_limit", "window_last_day", "within_3_month_window",
        "refund_of_paid_months", "cause_qualifies",
    ),
    "late_payment": (
        "principal_eur", "days_late", "flat_recovery_fee_eur", "interest_eur",
        "total_excluding_interest_eur", "total_claimable_eur",
    ),
    "cgs_modification_termination_deadline": ("right_applies", "termination_last_day"),
    "absence_notice": (
        "lead_time_hours", "more_than_24h", "unauthorized_absence", "reschedule_by",
        "reschedule_by_if_justified",
    ),
    "lateness_classification": ("unauthorized_absence", "threshold_minutes"),
    "consecutive_unauthorized_absences": ("threshold_reached", "possible_sanction_levels"),
    "long_absence_reporting": ("consecutive_days", "must_report_under_2_6_1", "must_inform_mentor"),
    "inactivity_advisor_contact": (
        "days_inactive", "in_advisor_contact_window", "window_first_day", "window_last_day",
        "prolonged_inactivity",
    ),
    "notification_deadline_48h": ("deadline", "notify", "channel"),
    "jury_resubmission_deadline": ("submission_last_day",),
    "max_path_completion": ("completion_last_day",),
    "disciplinary_grievance_notice": (
        "latest_communication_date", "days_before_council", "compliant",
    ),
    "disciplinary_decision_window": (
        "earliest_notification_date", "latest_notification_date", "within_window",
        "appeal_possible",
    ),
    "temporary_exclusion_period": (
        "max_last_day", "resume_no_later_than", "proposed_compliant", "months_financially_due",
    ),
    "permanent_exclusion_bar": ("bar_last_day", "eligible_again_from", "costs_refundable"),
    "apprentice_mentoring_slot": ("allowed", "reasons", "weekday", "end"),
}  # fmt: skip
# Not applicable rather than left open by the documents: no row.
_HIDDEN_WHEN_NONE = frozenset(
    [
        "indemnity_base_eur", "max_indemnity_eur", "reschedule_by", "access_last_day",
        "months_due", "total_due_eur", "proposed_compliant", "three_month_window_last_day",
        "within_3_month_window", "days_late", "query_in_reflection_period",
        "query_in_three_month_window",
    ]
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?)])\s+(?=[A-ZÀ-Ý«(\"])")
_CAVEAT = re.compile(
    r"ambigu|non déterminé|not determined|ne tranch|not settle|not decided|autre lecture"
    r"|other reading|another reading|n'est pas tranchée|ne fixent|set no|n'est pas fixée"
    r"|is not fixed|non précisé|not specified|ne précisent pas|do not state",
    re.IGNORECASE,
)
_STUDENT_SUCCESS = re.compile(r"Student Success")
# Alternatives named after a condition rather than after the value they replace.
_ALT_BASES: Mapping[str, str] = {
    "alt_latest_if_clear_days": "latest_communication_date",
    "alt_compliant_if_clear_days": "compliant",
}
# Where one result key means something else in one calculator.
_LABELS_BY_CALCULATOR: Mapping[tuple[str, str], tuple[str, str]] = {
    ("inactivity_advisor_contact", "window_last_day"): (
        "Dernier jour de la période de contact",
        "Last day of the contact window",
    ),
    ("disciplinary_decision_window", "within_window"): (
        "Décision envoyée dans le délai",
        "Decision sent within the window",
    ),
}
_ALT_LABELS: Mapping[str, tuple[str, str]] = {
    "alt_reading_cgs_2_2_g": (
        "selon « tout mois entamé est dû » (CGS 2.2.g)",
        'under "every started month is due" (CGS 2.2.g)',
    ),
    "alt_price_basis": ("avec l'autre base d'indemnité", "with the other indemnity base"),
    "alt_first_year_base": ("sur la base de la première année", "on the first-year base"),
}


@dataclass(frozen=True)
class Described:
    """A result as the parts of a reply: the lead sentences, the figures, the caveats."""

    lead: str
    figures: list[Figure]
    caveats: list[str]
    rules: str


def described(
    result: CalculationResult,
    language: Lang,
    question: Question | None = None,
    today: date | None = None,
) -> Described:
    """The parts of a reply; the lead answers `question`, asked on the learner's `today`."""
    lead = answer_lead(
        result.calculator,
        result.result,
        result.inputs,
        question or Question("other"),
        language,
        today or date.min,
    )
    caveats = _ambiguity_notes(result, language) if result.ambiguous else []
    about, referral = _referral(result.explanation.get(language, ""))
    if referral:
        said = about in caveats or not about
        caveats.append(referral if said else f"{about} {referral}")
    return Described(
        lead=lead,
        figures=figures(result, language),
        caveats=caveats,
        rules=_rules_line(result, language),
    )


def describe_result(result: CalculationResult, language: Lang) -> str:
    """Markdown: sentences with the key figures, a table, then the caveat when ambiguous."""
    parts = described(result, language)
    out = [parts.lead] if parts.lead else []
    if parts.figures:
        header = "| Élément | Valeur |" if language == "fr" else "| Item | Value |"
        rows = [header, "|---|---|"] + [f"| {f.label} | {f.value} |" for f in parts.figures]
        out.append("\n".join(rows))
    out += [f"- {caveat}" for caveat in parts.caveats]
    out.append(parts.rules)
    return "\n\n".join(out)


def figures(result: CalculationResult, language: Lang) -> list[Figure]:
    keys = [k for k in _TABLE_KEYS.get(result.calculator, ()) if k in result.result]
    if "refund_due_literal_L444_8_eur" in keys:
        keys.remove("refund_eur")  # the same figure, already shown with its reading
    keys = [k for k in keys if not (k in _HIDDEN_WHEN_NONE and result.result[k] is None)]
    return [
        Figure(
            label=result_label(result.calculator, key, language),
            value=value_text(key, result.result[key], language),
        )
        for key in keys
    ]


def result_label(calculator: str, key: str, language: Lang) -> str:
    labels = _LABELS_BY_CALCULATOR.get((calculator, key)) or RESULTS.get(key, (key, key))
    return labels[0 if language == "fr" else 1]


def _ambiguity_notes(result: CalculationResult, language: Lang) -> list[str]:
    """Short sentences, one per other reading the documents allow."""
    fr = language == "fr"
    explanation = result.explanation.get(language, "")
    said = [s for s in _sentences_matching(explanation, _CAVEAT) if not _STUDENT_SUCCESS.search(s)]
    notes = list(said)
    # An alternative the calculator's own sentence already gives is not repeated.
    notes += [
        line
        for line, other in _alternatives(result.calculator, result.result, language)
        if not any(other in sentence for sentence in said)
    ]
    if not notes:
        notes.append(
            "Les documents admettent une autre lecture sur ce point."
            if fr
            else "The documents allow another reading on this point."
        )
    return notes


def _alternatives(
    calculator: str, values: Mapping[str, Any], language: Lang
) -> list[tuple[str, str]]:
    """(sentence, alternative value as shown) for each `alt_*` value that differs."""
    fr = language == "fr"
    index = 0 if fr else 1
    out: list[tuple[str, str]] = []
    for key, alt in values.items():
        if not key.startswith("alt_"):
            continue
        if isinstance(alt, Mapping):
            shown = [
                f"{_lower_first(RESULTS[k][index])}{' : ' if fr else ': '}"
                f"{value_text(k, v, language)}"
                for k, v in alt.items()
                if k in RESULTS
            ]
            intro = _ALT_LABELS.get(key, (key, key))[index]
            joined = (" ; " if fr else "; ").join(shown)
            lead = "Autre lecture" if fr else "Other reading"
            out.append((f"{lead} {intro} — {joined}.", joined))
            continue
        base = _ALT_BASES.get(key, key.removeprefix("alt_"))
        if base not in values or values[base] == alt or base not in RESULTS:
            continue
        label = result_label(calculator, base, language)
        primary, other = value_text(base, values[base], language), value_text(base, alt, language)
        sentence = (
            f"{label} : {primary} (lecture retenue) ; autre lecture : {other}."
            if fr
            else f"{label}: {primary} (reading used); other reading: {other}."
        )
        out.append((sentence, other))
    return out


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _referral(explanation: str) -> tuple[str, str]:
    """The hand-over to Student Success, and the sentence before it saying what the
    documents leave open (empty when there is none)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(explanation)]
    for index, sentence in enumerate(sentences):
        if _STUDENT_SUCCESS.search(sentence):
            before = sentences[index - 1] if index else ""
            return (before if _CAVEAT.search(before) else ""), sentence
    return "", ""


def _sentences_matching(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if pattern.search(s)]


def _rules_line(result: CalculationResult, language: Lang) -> str:
    names = []
    for ref in result.rules:
        section = "Annexe 1 (L444-8)" if ref.section == "annexe1" else ref.section
        regulations = "Règlement intérieur" if language == "fr" else "Regulations"
        names.append(f"{'CGS' if ref.doc_id == 'cgs' else regulations} {section}")
    lead = "Règles appliquées" if language == "fr" else "Rules applied"
    separator = " : " if language == "fr" else ": "
    return f"_{lead}{separator}{', '.join(names)}._"
