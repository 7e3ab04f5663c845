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
        "total_due_eur": None,  # without the monthly price
        **terms,
        "refund_eur": ZERO,
        # 2.2.g: sick leave neither pauses nor refunds the subscription.
        "sick_leave_refund_eur": ZERO,
        **_plus_window(inp),
        "alt_if_cancelled_before_renewal": _before_renewal(terms) if on_anniversary else None,
    }
    used = _termination_rules(inp)
    in_window = bool(result.get("within_3_month_window"))
    story = _termination_story(inp, result, on_anniversary, in_window)
    return Outcome(result, used, story.build(used), ambiguous=on_anniversary or in_window)


def _before_renewal(terms: dict[str, Any]) -> dict[str, Any]:
    """Other reading of a cancellation on an anniversary: it stops the renewal, so the month
    that would begin that day is neither started nor due."""
    alternative = {
        "months_due": terms["alt_months_due"],
        "access_last_day": terms["alt_access_last_day"],
        "next_billing_cancelled": terms["alt_next_billing_cancelled"],
        "refund_eur": ZERO,
    }
    if "alt_total_due_eur" in terms:
        alternative["total_due_eur"] = terms["alt_total_due_eur"]
    return alternative


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
        return {"three_month_window_last_day": None, "within_3_month_window": None}
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
    if res["total_due_eur"] is not None:
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

MAX_SUMS = 120
_FORMULA = "principal_eur × legal_rate_percent / 100 × days_late / 365"


class LatePaymentInput(CalculatorInput):
    """One unpaid sum (amount_due_eur + due_date) or several (two lists of equal length)."""

    amount_due_eur: Money | None = Field(None, description="One unpaid sum.")
    due_date: IsoDate | None = None
    amounts_due_eur: Annotated[list[Money], Field(min_length=1, max_length=MAX_SUMS)] | None = None
    due_dates: Annotated[list[IsoDate], Field(min_length=1, max_length=MAX_SUMS)] | None = None
    payment_date: IsoDate | None = Field(None, description="Absent: the sums are still unpaid.")
    as_of_date: IsoDate | None = Field(None, description="Day to compute to if still unpaid.")
    unpaid_sums: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        None, description="Sums the EUR 40 fee applies to; default: the number of sums given."
    )
    legal_rate_percent: Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)] | None = Field(
        None, description="Taux légal: never given by the documents, always an input."
    )
    legal_rate_is_hypothetical: bool = False

    @model_validator(mode="after")
    def _one_shape(self) -> LatePaymentInput:
        single = self.amount_due_eur is not None or self.due_date is not None
        several = self.amounts_due_eur is not None or self.due_dates is not None
        if single and several:
            raise CalculatorInputError(
                "amounts_due_eur", "give either amount_due_eur + due_date or the two lists"
            )
        if several:
            _require_pair("amounts_due_eur", self.amounts_due_eur, "due_dates", self.due_dates)
            assert self.amounts_due_eur is not None and self.due_dates is not None
            if len(self.amounts_due_eur) != len(self.due_dates):
                raise CalculatorInputError(
                    "due_dates",
                    f"must have one date per amount ({len(self.amounts_due_eur)} amounts, "
                    f"{len(self.due_dates)} dates)",
                )
        else:
            _require_pair("amount_due_eur", self.amount_due_eur, "due_date", self.due_date)
        return self

    @property
    def sums(self) -> list[tuple[Decimal, date]]:
        if self.amounts_due_eur is not None and self.due_dates is not None:
            return list(zip(self.amounts_due_eur, self.due_dates, strict=True))
        assert self.amount_due_eur is not None and self.due_date is not None
        return [(self.amount_due_eur, self.due_date)]

    @property
    def until(self) -> date | None:
        """The day interest is counted to: payment, else the day asked for, else unknown."""
        return self.payment_date or self.as_of_date


def _require_pair(first: str, first_value: object, second: str, second_value: object) -> None:
    if first_value is None:
        raise CalculatorInputError(first, "required")
    if second_value is None:
        raise CalculatorInputError(second, "required")


def late_payment(inp: LatePaymentInput) -> Outcome:
    sums = inp.sums
    principal = sum((amount for amount, _ in sums), ZERO)
    count = inp.unpaid_sums or len(sums)
    until = inp.until
    days = None if until is None else [max(0, elapsed_days(due, until)) for _, due in sums]
    late = days is None or any(days)
    fee_per_sum = R.RECOVERY_FEE.as_decimal()
    fee = fee_per_sum * count if late else ZERO
    alt_fee = fee_per_sum if late else ZERO
    result: dict[str, Any] = {
        "principal_eur": to_cents(principal),
        "days_late": days if days is None or inp.amounts_due_eur is not None else days[0],
        "late": late,
        "unpaid_sums": count,
        "interest_formula": _FORMULA,
        "flat_recovery_fee_eur": to_cents(fee),
        "alt_flat_recovery_fee_eur": to_cents(alt_fee),
        "extra_recovery_costs": "claimable on detailed receipts if the recovery costs exceed "
        "the flat fee",
        # The first published name of extra_recovery_costs.
        "additional_recovery_costs": "claimable on receipts if costs exceed the flat fee",
        **_interest(inp, sums, days, principal + fee, principal + alt_fee),
    }
    used: tuple[R.Rule, ...] = (R.LATE_INTEREST_LEGAL_RATE, R.INTEREST_DAY_COUNT, R.RECOVERY_FEE)
    if result["interest_eur"] is None:
        used += (R.STUDENT_SUCCESS_CONTACT,)
    story = _late_payment_story(inp, result, principal, until)
    return Outcome(result, used, story.build(used), ambiguous=count > 1 and late)


def _interest(
    inp: LatePaymentInput,
    sums: list[tuple[Decimal, date]],
    days: list[int] | None,
    total_without_interest: Decimal,
    alt_total_without_interest: Decimal,
) -> dict[str, Any]:
    """Simple interest at the legal rate (K6), or null with the reason it cannot be computed."""
    rate = inp.legal_rate_percent
    if days is None or rate is None:
        note = (
            "still unpaid: interest runs at the legal rate from each due date until payment, "
            "with no formal notice; it can be computed once the payment date is known"
            if days is None
            else "the legal interest rate (taux légal) is not given by the documents; it "
            "must be supplied"
        )
        return {
            "interest_eur": None,
            "interest_note": note,
            "interest_reason": note,
            "total_claimable_eur": None,
            "total_excluding_interest_eur": to_cents(total_without_interest),
            "alt_total_excluding_interest_eur": to_cents(alt_total_without_interest),
        }
    interest = sum(
        (simple_interest(amount, rate, late) for (amount, _), late in zip(sums, days, strict=True)),
        ZERO,
    )
    source = "hypothetical input" if inp.legal_rate_is_hypothetical else "input"
    return {
        "interest_eur": to_cents(interest),
        "interest_note": f"legal rate {rate} % ({source}); simple interest, actual/365",
        "legal_rate_source": source,
        # The parts are cent-exact except the interest, so rounding the sum once equals
        # adding the rounded interest.
        "total_claimable_eur": to_cents(total_without_interest + interest),
        "alt_total_claimable_eur": to_cents(alt_total_without_interest + interest),
    }


def _late_payment_story(
    inp: LatePaymentInput, res: dict[str, Any], principal: Decimal, until: date | None
) -> Narrative:
    count = res["unpaid_sums"]
    dues_fr = ", ".join(date_fr(due) for _, due in inp.sums)
    dues_en = ", ".join(date_en(due) for _, due in inp.sums)
    counted_fr = "toujours impayée" if until is None else f"réglée ou comptée au {date_fr(until)}"
    counted_en = "still unpaid" if until is None else f"paid or counted to {date_en(until)}"
    story = Narrative().add(
        f"Somme de {eur_fr(principal)} due le {dues_fr}, {counted_fr}. Intérêts simples au "
        f"taux légal, sans mise en demeure, base 365 jours (montant × taux × jours de retard / "
        f"365) ; frais forfaitaires de recouvrement de 40 € par somme impayée ({count}) = "
        f"{eur_fr(res['flat_recovery_fee_eur'])} ; au-delà, des frais supplémentaires sur "
        "reçus détaillés.",
        f"Sum of {eur_en(principal)} due on {dues_en}, {counted_en}. Simple interest at the "
        f"legal rate, with no formal notice, 365-day basis (amount × rate × days late / 365); "
        f"flat recovery fee of EUR 40 per unpaid sum ({count}) = "
        f"{eur_en(res['flat_recovery_fee_eur'])}; beyond it, further costs on detailed receipts.",
    )
    if res["interest_eur"] is None:
        missing_fr = (
            "la date de paiement"
            if until is None
            else "le taux légal, que les documents ne donnent pas"
        )
        missing_en = (
            "the payment date"
            if until is None
            else "the legal rate, which the documents do not give"
        )
        story.add(
            f"Les intérêts ne sont pas calculables sans {missing_fr}.",
            f"The interest cannot be computed without {missing_en}.",
        ).refer_to_student_success()
        return story
    rate = inp.legal_rate_percent
    assert rate is not None
    hypothetical_fr = " (taux hypothétique)" if inp.legal_rate_is_hypothetical else ""
    hypothetical_en = " (hypothetical rate)" if inp.legal_rate_is_hypothetical else ""
    story.add(
        f"{_days_fr(res['days_late'])} de retard ; intérêts à {number_fr(rate)} %"
        f"{hypothetical_fr} : {eur_fr(res['interest_eur'])} ; total réclamable : "
        f"{eur_fr(res['total_claimable_eur'])}.",
        f"{_days_en(res['days_late'])} late; interest at {number_en(rate)}%{hypothetical_en}: "
        f"{eur_en(res['interest_eur'])}; total claimable: {eur_en(res['total_claimable_eur'])}.",
    )
    if count > 1:
        story.add(
            "Ambigu : si les 40 € s'entendent par réclamation, total = "
            f"{eur_fr(res['alt_total_claimable_eur'])}.",
            "Ambiguous: if the EUR 40 applies per claim, total = "
            f"{eur_en(res['alt_total_claimable_eur'])}.",
        )
    return story


def _days_fr(days: int | list[int]) -> str:
    listed = days if isinstance(days, list) else [days]
    return " + ".join(f"{day} jour(s)" for day in listed)


def _days_en(days: int | list[int]) -> str:
    listed = days if isinstance(days, list) else [days]
    return " + ".join(f"{day} day(s)" for day in listed)


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


_FALLBACK = "standard_termination_2.1.d"


def premium_solo_withdrawal(inp: SoloWithdrawalInput) -> Outcome:
    fallback = _solo_fallback(inp)
    if inp.access_codes_used:
        result: dict[str, Any] = {
            "withdrawal_possible": False,
            "status": "excluded_access_codes_used",
            "redirect": None,
            **fallback,
        }
        used: tuple[R.Rule, ...] = (
            R.SOLO_NO_WITHDRAWAL_AFTER_ACCESS,
            R.BILLING_PERIOD_SOLO,
            R.STARTED_MONTH_DUE_SOLO,
        )
        story = Narrative().add(
            "Les codes d'accès ont été utilisés : cela vaut début d'exécution et renoncement "
            "exprès au droit de rétractation ; aucune annulation n'est possible (6.1).",
            "The access codes were used: this counts as the start of performance and an "
            "express waiver of the withdrawal right; no cancellation is possible (6.1).",
        )
        return Outcome(result, used, _fallback_story(story, inp, fallback).build(used))
    result = {
        "withdrawal_possible": None,
        "status": "not_determined_by_documents",
        "reason": "CGS 6.1 only excludes withdrawal once the access codes have been used",
        "redirect": "Student Success",
        **fallback,
    }
    used = (
        R.SOLO_NO_WITHDRAWAL_AFTER_ACCESS,
        R.BILLING_PERIOD_SOLO,
        R.STARTED_MONTH_DUE_SOLO,
        R.STUDENT_SUCCESS_CONTACT,
    )
    story = Narrative().add(
        "L'article 6.1 exclut seulement l'annulation une fois les codes d'accès utilisés ; "
        "les documents ne fixent ni durée ni modalités de rétractation autrement.",
        "Article 6.1 only excludes cancellation once the access codes have been used; the "
        "documents set no withdrawal period or terms otherwise.",
    )
    story = _fallback_story(story, inp, fallback).refer_to_student_success()
    return Outcome(result, used, story.build(used), ambiguous=True)


def _solo_fallback(inp: SoloWithdrawalInput) -> dict[str, Any]:
    """What the learner can do instead: an ordinary termination (2.1.d), counted (K5) from
    the subscription to the request when the request date is known."""
    result: dict[str, Any] = {
        "fallback": _FALLBACK,
        "fallback_description": "ordinary termination: access until the end of the current "
        "monthly period, every started month due, no refund",
        "access_last_day": None,
        "months_due": None,
    }
    if inp.request_date is not None:
        terms, _ = monthly_terms(inp.subscription_date, inp.request_date, None)
        result["access_last_day"] = terms["access_last_day"]
        result["months_due"] = terms["months_due"]
        result["next_billing_cancelled"] = terms["next_billing_cancelled"]
    return result


def _fallback_story(
    story: Narrative, inp: SoloWithdrawalInput, fallback: dict[str, Any]
) -> Narrative:
    if inp.request_date is None:
        return story.add(
            "Reste la résiliation ordinaire (2.1.d) : accès jusqu'à la fin de la période "
            "mensuelle en cours, tout mois entamé est dû.",
            "What remains is ordinary termination (2.1.d): access until the end of the current "
            "monthly period, every started month is due.",
        )
    return story.add(
        f"Reste la résiliation ordinaire (2.1.d) : demandée le {date_fr(inp.request_date)}, "
        f"accès jusqu'au {date_fr(fallback['access_last_day'])} inclus, "
        f"{fallback['months_due']} mois entamé(s) dû(s), aucun remboursement.",
        f"What remains is ordinary termination (2.1.d): requested on "
        f"{date_en(inp.request_date)}, access until {date_en(fallback['access_last_day'])} "
        f"inclusive, {fallback['months_due']} started month(s) due, no refund.",
    )


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
