"""Monthly subscriptions: termination, late payment, Solo withdrawal, CGS modification.

Sources: CGS 2.1.d and 2.2.g ("tout mois entamé est dû"), Article 3, 3.2, 6.1 and Article 1.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, model_validator

from bot.calculators import rules as R
from bot.calculators._types import (
    CalculatorInput,
    IsoDate,
    Money,
    Outcome,
    fold,
    require_order,
)
from bot.calculators.cgs_common import ZERO, Plan, monthly_terms, unilateral_window_last_day
from bot.calculators.counting import add_days, elapsed_days, simple_interest, to_cents
from bot.calculators.explain import (
    Narrative,
    date_en,
    date_fr,
    eur_en,
    eur_fr,
    number_en,
    number_fr,
)
from bot.errors import CalculatorInputError

# --- subscription_termination ---


class SubscriptionTerminationInput(CalculatorInput):
    plan: Plan
    subscription_start_date: IsoDate | None = Field(
        None,
        description="First day of the subscription; for Premium Plus, defaults to the "
        "CGS acceptance date.",
    )
    acceptance_date: IsoDate | None = Field(None, description="CGS acceptance (Premium Plus).")
    cancellation_date: IsoDate
    monthly_price_eur: Money | None = None
    reason: str | None = Field(None, max_length=500, description="Free text, e.g. sick leave.")

    @model_validator(mode="after")
    def _consistent(self) -> SubscriptionTerminationInput:
        start = self.subscription_start_date or self.acceptance_date
        if start is None:
            raise CalculatorInputError("subscription_start_date", "required")
        field = "subscription_start_date" if self.subscription_start_date else "acceptance_date"
        require_order(field, start, "cancellation_date", self.cancellation_date)
        return self

    @property
    def start(self) -> date:
        start = self.subscription_start_date or self.acceptance_date
        assert start is not None  # guaranteed by the validator
        return start


def subscription_termination(inp: SubscriptionTerminationInput) -> Outcome:
    terms, on_anniversary = monthly_terms(inp.start, inp.cancellation_date, inp.monthly_price_eur)
    regime = "2.2.g" if inp.plan == "premium_plus" else "2.1.d"
    result: dict[str, Any] = {
        "plan": inp.plan,
        "regime": f"standard_termination_{regime}",
        **terms,
        "refund_eur": ZERO,
        # 2.2.g: sick leave neither pauses nor refunds the subscription.
        "sick_leave_refund_eur": ZERO,
        **_plus_window(inp),
    }
    used = _termination_rules(inp)
    in_window = bool(result.get("within_3_month_window"))
    story = _termination_story(inp, result, on_anniversary, in_window)
    return Outcome(result, used, story.build(used), ambiguous=on_anniversary or in_window)


def _termination_rules(inp: SubscriptionTerminationInput) -> tuple[R.Rule, ...]:
    if inp.plan == "premium_solo":
        return (R.BILLING_PERIOD_SOLO, R.STARTED_MONTH_DUE_SOLO, R.STARTED_MONTH_DUE_REMINDER)
    return (
        R.BILLING_PERIOD_PLUS,
        R.STARTED_MONTH_DUE_PLUS,
        R.STARTED_MONTH_DUE_REMINDER,
        R.SICK_LEAVE_NO_REFUND,
        R.UNILATERAL_TERMINATION_WINDOW,
    )


def _plus_window(inp: SubscriptionTerminationInput) -> dict[str, Any]:
    """Premium Plus: the 3-month L444-8 window, opened by the CGS acceptance (6.2)."""
    if inp.plan != "premium_plus":
        return {}
    window_end = unilateral_window_last_day(inp.acceptance_date or inp.start)
    within = inp.cancellation_date <= window_end
    terms: dict[str, Any] = {
        "three_month_window_last_day": window_end,
        "within_3_month_window": within,
    }
    if within:
        terms["alt_regime"] = "L444-8_unilateral_termination"
    return terms


def _termination_story(
    inp: SubscriptionTerminationInput, res: dict[str, Any], on_anniversary: bool, in_window: bool
) -> Narrative:
    story = Narrative().add(
        f"Abonnement commencé le {date_fr(inp.start)}, résiliation validée le "
        f"{date_fr(inp.cancellation_date)}. Les échéances mensuelles tombent le même jour que "
        f"le début (fin de mois si ce jour n'existe pas) ; la résiliation tombe dans la période "
        f"commencée le {date_fr(res['current_period_start'])}, donc {res['months_due']} mois "
        f"entamés sont dus, l'accès dure jusqu'au {date_fr(res['access_last_day'])} inclus, "
        f"aucun prélèvement le {date_fr(res['next_billing_cancelled'])}, aucun remboursement.",
        f"Subscription started on {date_en(inp.start)}, cancellation confirmed on "
        f"{date_en(inp.cancellation_date)}. Monthly anniversaries fall on the start day (month "
        f"end when that day does not exist); the cancellation falls in the period that began on "
        f"{date_en(res['current_period_start'])}, so {res['months_due']} started months are due, "
        f"access lasts until {date_en(res['access_last_day'])} inclusive, no charge on "
        f"{date_en(res['next_billing_cancelled'])}, no refund.",
    )
    if "total_due_eur" in res:
        story.add(
            f"Total dû sur la vie de l'abonnement : {eur_fr(res['total_due_eur'])}.",
            f"Total due over the life of the subscription: {eur_en(res['total_due_eur'])}.",
        )
    if inp.plan == "premium_plus":
        story.add(
            "Un arrêt maladie ne met pas l'abonnement en pause et n'ouvre aucun remboursement.",
            "Sick leave neither pauses the subscription nor gives a refund.",
        )
    if on_anniversary:
        story.add(
            "Ambigu : la résiliation tombe le jour anniversaire ; on considère le nouveau mois "
            "entamé (autre lecture : un mois de moins).",
            "Ambiguous: the cancellation falls on an anniversary day; the new month is taken as "
            "started (other reading: one month fewer).",
        )
    if in_window:
        story.add(
            "Ambigu : la fenêtre de 3 mois de 6.2 est encore ouverte ; la résiliation "
            "unilatérale L444-8 (indemnité plafonnée à 30 %) est une autre lecture.",
            "Ambiguous: the 3-month window of 6.2 is still open; L444-8 unilateral termination "
            "(indemnity capped at 30%) is another reading.",
        )
    return story


# --- late_payment ---


class LatePaymentInput(CalculatorInput):
    amount_due_eur: Money = Field(description="Total of the unpaid sums, all due on due_date.")
    due_date: IsoDate
    payment_date: IsoDate | None = None
    as_of_date: IsoDate | None = Field(None, description="Day to compute to if still unpaid.")
    unpaid_sums: Annotated[int, Field(ge=1, le=1000)] = 1
    legal_rate_percent: Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)] | None = Field(
        None, description="Taux légal: never given by the documents, always an input."
    )
    legal_rate_is_hypothetical: bool = False

    @model_validator(mode="after")
    def _has_end(self) -> LatePaymentInput:
        if self.payment_date is None and self.as_of_date is None:
            raise CalculatorInputError("payment_date", "required (or as_of_date if unpaid)")
        return self

    @property
    def until(self) -> date:
        until = self.payment_date or self.as_of_date
        assert until is not None  # guaranteed by the validator
        return until


def late_payment(inp: LatePaymentInput) -> Outcome:
    days_late = max(0, elapsed_days(inp.due_date, inp.until))
    fee_per_sum = R.RECOVERY_FEE.as_decimal()
    fee = fee_per_sum * inp.unpaid_sums if days_late else ZERO
    alt_fee = fee_per_sum if days_late else ZERO
    result: dict[str, Any] = {
        "days_late": days_late,
        "late": days_late > 0,
        "flat_recovery_fee_eur": to_cents(fee),
        "alt_flat_recovery_fee_eur": to_cents(alt_fee),
        "additional_recovery_costs": "claimable on receipts if costs exceed the flat fee",
    }
    used: tuple[R.Rule, ...] = (R.LATE_INTEREST_LEGAL_RATE, R.INTEREST_DAY_COUNT, R.RECOVERY_FEE)
    if inp.legal_rate_percent is None:
        result.update(_without_rate(inp.amount_due_eur, fee, alt_fee))
        used += (R.STUDENT_SUCCESS_CONTACT,)
    else:
        interest = simple_interest(inp.amount_due_eur, inp.legal_rate_percent, days_late)
        result["interest_eur"] = to_cents(interest)
        result["legal_rate_source"] = (
            "hypothetical input" if inp.legal_rate_is_hypothetical else ("input")
        )
        # The parts are cent-exact except the interest, so rounding the sum once equals
        # adding the rounded interest.
        result["total_claimable_eur"] = to_cents(inp.amount_due_eur + interest + fee)
        result["alt_total_claimable_eur"] = to_cents(inp.amount_due_eur + interest + alt_fee)
    story = _late_payment_story(inp, result)
    return Outcome(result, used, story.build(used), ambiguous=inp.unpaid_sums > 1 and days_late > 0)


def _without_rate(amount: Decimal, fee: Decimal, alt_fee: Decimal) -> dict[str, Any]:
    return {
        "interest_eur": None,
        "interest_reason": "the legal interest rate (taux légal) is not given by the documents",
        "total_claimable_eur": None,
        "total_excluding_interest_eur": to_cents(amount + fee),
        "alt_total_excluding_interest_eur": to_cents(amount + alt_fee),
    }


def _late_payment_story(inp: LatePaymentInput, res: dict[str, Any]) -> Narrative:
    story = Narrative().add(
        f"Somme de {eur_fr(inp.amount_due_eur)} due le {date_fr(inp.due_date)}, réglée ou "
        f"comptée au {date_fr(inp.until)} : {res['days_late']} jour(s) de retard. Intérêts "
        f"simples au taux légal, base 365 jours ; frais forfaitaires de recouvrement de 40 € "
        f"par somme impayée ({inp.unpaid_sums}) = {eur_fr(res['flat_recovery_fee_eur'])}.",
        f"Sum of {eur_en(inp.amount_due_eur)} due on {date_en(inp.due_date)}, paid or counted "
        f"to {date_en(inp.until)}: {res['days_late']} day(s) late. Simple interest at the legal "
        f"rate, 365-day basis; flat recovery fee of EUR 40 per unpaid sum ({inp.unpaid_sums}) "
        f"= {eur_en(res['flat_recovery_fee_eur'])}.",
    )
    if inp.legal_rate_percent is None:
        story.add(
            "Le taux légal n'est pas indiqué par les documents : il doit être fourni.",
            "The legal rate is not given by the documents: it must be supplied.",
        ).refer_to_student_success()
        return story
    hypothetical_fr = " (taux hypothétique)" if inp.legal_rate_is_hypothetical else ""
    hypothetical_en = " (hypothetical rate)" if inp.legal_rate_is_hypothetical else ""
    story.add(
        f"Intérêts à {number_fr(inp.legal_rate_percent)} %{hypothetical_fr} : "
        f"{eur_fr(res['interest_eur'])} ; total réclamable : "
        f"{eur_fr(res['total_claimable_eur'])}.",
        f"Interest at {number_en(inp.legal_rate_percent)}%{hypothetical_en}: "
        f"{eur_en(res['interest_eur'])}; total claimable: {eur_en(res['total_claimable_eur'])}.",
    )
    if inp.unpaid_sums > 1:
        story.add(
            "Ambigu : si les 40 € s'entendent par réclamation, total = "
            f"{eur_fr(res['alt_total_claimable_eur'])}.",
            "Ambiguous: if the EUR 40 applies per claim, total = "
            f"{eur_en(res['alt_total_claimable_eur'])}.",
        )
    return story


# --- premium_solo_withdrawal ---


class SoloWithdrawalInput(CalculatorInput):
    subscription_date: IsoDate
    access_codes_used: bool | None = Field(
        description="Whether the access codes were used to reach the Platform (null: unknown)."
    )
    request_date: IsoDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SoloWithdrawalInput:
        if self.request_date is not None:
            require_order(
                "subscription_date", self.subscription_date, "request_date", self.request_date
            )
        return self


def premium_solo_withdrawal(inp: SoloWithdrawalInput) -> Outcome:
    if inp.access_codes_used:
        result: dict[str, Any] = {
            "withdrawal_possible": False,
            "status": "excluded_access_codes_used",
            "redirect": None,
        }
        used: tuple[R.Rule, ...] = (R.SOLO_NO_WITHDRAWAL_AFTER_ACCESS,)
        story = Narrative().add(
            "Les codes d'accès ont été utilisés : cela vaut début d'exécution et renoncement "
            "exprès au droit de rétractation ; aucune annulation n'est possible (6.1).",
            "The access codes were used: this counts as the start of performance and an "
            "express waiver of the withdrawal right; no cancellation is possible (6.1).",
        )
        return Outcome(result, used, story.build(used))
    result = {
        "withdrawal_possible": None,
        "status": "not_determined_by_documents",
        "reason": "CGS 6.1 only excludes withdrawal once the access codes have been used",
        "redirect": "Student Success",
    }
    used = (R.SOLO_NO_WITHDRAWAL_AFTER_ACCESS, R.STUDENT_SUCCESS_CONTACT)
    story = (
        Narrative()
        .add(
            "L'article 6.1 exclut seulement l'annulation une fois les codes d'accès utilisés ; "
            "les documents ne fixent ni durée ni modalités de rétractation autrement.",
            "Article 6.1 only excludes cancellation once the access codes have been used; the "
            "documents set no withdrawal period or terms otherwise.",
        )
        .refer_to_student_success()
    )
    return Outcome(result, used, story.build(used), ambiguous=True)


# --- cgs_modification_termination_deadline ---

# Article 1 gives the 30-day right only for changes to "la durée, [les] caractéristiques
# ou [le] prix des Services".
_PROVISION_KEYS = {
    "duration": ("duree", "duration", "length"),
    "characteristics": ("caracteristique", "characteristic", "feature"),
    "price": ("prix", "price", "pricing", "tarif"),
}


_CATEGORY_FR = {"duration": "durée", "characteristics": "caractéristiques", "price": "prix"}


def _provision_category(text: str) -> str | None:
    folded = fold(text)
    for category, stems in _PROVISION_KEYS.items():
        if any(stem in folded for stem in stems):
            return category
    return None


class CgsModificationInput(CalculatorInput):
    notification_date: IsoDate = Field(description="Day the new CGS were notified.")
    modified_provision: str = Field(min_length=1, max_length=200)
    effective_date: IsoDate | None = Field(None, description="Day the new CGS take effect.")


def cgs_modification_termination_deadline(inp: CgsModificationInput) -> Outcome:
    category = _provision_category(inp.modified_provision)
    used: tuple[R.Rule, ...] = (R.CGS_MODIFICATION_PERIOD,)
    if category is None:
        result: dict[str, Any] = {
            "right_applies": False,
            "provision_category": None,
            "termination_last_day": None,
            "deemed_accepted_if_platform_used_after": None,
            "reason": "Article 1 gives the 30-day right only for changes to the duration, "
            "characteristics or price of the Services",
        }
        story = Narrative().add(
            f"La modification porte sur « {inp.modified_provision} », ni la durée, ni les "
            "caractéristiques, ni le prix des Services : le délai de 30 jours de l'article 1 "
            "ne s'applique pas.",
            f'The change concerns "{inp.modified_provision}", not the duration, '
            "characteristics or price of the Services: Article 1's 30-day period does not apply.",
        )
        return Outcome(result, used, story.build(used))
    last_day = add_days(inp.notification_date, R.CGS_MODIFICATION_PERIOD.as_int())
    result = {
        "right_applies": True,
        "provision_category": category,
        "termination_last_day": last_day,
        "deemed_accepted_if_platform_used_after": last_day,
    }
    if inp.effective_date is not None:
        result["alt_termination_last_day"] = add_days(
            inp.effective_date, R.CGS_MODIFICATION_PERIOD.as_int()
        )
    story = (
        Narrative()
        .add(
            f"Modification ({_CATEGORY_FR[category]}) notifiée le "
            f"{date_fr(inp.notification_date)} : 30 jours pour résilier, jusqu'au "
            f"{date_fr(last_day)} inclus ; utiliser la Plateforme après cette date vaut "
            "acceptation sans réserve.",
            f"Change ({category}) notified on {date_en(inp.notification_date)}: 30 days to "
            f"terminate, until {date_en(last_day)} inclusive; using the Platform after that date "
            f"counts as acceptance without reservation.",
        )
        .add(
            "Ambigu : l'article 1 ne dit pas d'où part le délai ; on le compte depuis la "
            "notification (autre lecture : depuis l'entrée en vigueur).",
            "Ambiguous: Article 1 does not say when the period starts; it is counted from the "
            "notification (other reading: from the entry into force).",
        )
    )
    return Outcome(result, used, story.build(used), ambiguous=True)
