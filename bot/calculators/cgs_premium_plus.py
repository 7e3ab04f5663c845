"""Premium Plus: reflection period, 3-month unilateral termination, force majeure.

Sources: CGS 6.2 and Article L444-8 of the Code de l'éducation reproduced in Annexe 1.
Both 7-day and 3-month periods run from the CGS acceptance date (6.2), which for Premium
Plus is also taken as the subscription start (eval/README.md K5).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from bot.calculators import rules as R
from bot.calculators._types import (
    CalculatorInput,
    IsoDate,
    Money,
    MonthCount,
    Outcome,
    fold,
    require_order,
)
from bot.calculators.cgs_common import (
    NOT_SPECIFIED,
    ZERO,
    Plan,
    monthly_terms,
    reflection_last_day,
    unilateral_window_last_day,
)
from bot.calculators.counting import end_of_day, to_cents
from bot.calculators.explain import Narrative, date_en, date_fr, eur_en, eur_fr
from bot.errors import CalculatorInputError

PriceBasis = Literal["monthly_instalment", "contract_total"]


# --- premium_plus_reflection_period ---


class ReflectionInput(CalculatorInput):
    acceptance_date: IsoDate = Field(description="Date the CGS were accepted (box ticked).")
    query_date: IsoDate | None = Field(None, description="Optional day to situate.")

    @model_validator(mode="after")
    def _ordered(self) -> ReflectionInput:
        if self.query_date is not None:
            require_order("acceptance_date", self.acceptance_date, "query_date", self.query_date)
        return self


def premium_plus_reflection_period(inp: ReflectionInput) -> Outcome:
    last_day = reflection_last_day(inp.acceptance_date)
    window_end = unilateral_window_last_day(inp.acceptance_date)
    result: dict[str, Any] = {
        "reflection_last_day": last_day,
        "reflection_ends_at": end_of_day(last_day),
        "three_month_window_last_day": window_end,
        "query_in_reflection_period": None,
        "query_in_three_month_window": None,
    }
    story = Narrative().add(
        f"CGS acceptées le {date_fr(inp.acceptance_date)}. Le délai de réflexion de 7 jours "
        f"court à compter de cette date (jour de l'acceptation non compté) et se termine le "
        f"{date_fr(last_day)} à 23:59:59 ; le délai de résiliation unilatérale de 3 mois "
        f"court jusqu'au {date_fr(window_end)} inclus.",
        f"CGS accepted on {date_en(inp.acceptance_date)}. The 7-day reflection period runs "
        f"from that date (acceptance day not counted) and ends on {date_en(last_day)} at "
        f"23:59:59; the 3-month unilateral termination window runs until "
        f"{date_en(window_end)} inclusive.",
    )
    if inp.query_date is not None:
        _situate_query(inp.query_date, last_day, window_end, result, story)
    used: tuple[R.Rule, ...] = (R.REFLECTION_PERIOD, R.UNILATERAL_TERMINATION_WINDOW)
    if result.get("query_in_reflection_period"):
        story.add(
            "Les CGS ne précisent pas les effets d'une rétractation dans ce délai "
            "(remboursement, nullité).",
            "The CGS do not state what withdrawing within this period entails (refund, nullity).",
        ).refer_to_student_success()
        used += (R.STUDENT_SUCCESS_CONTACT,)
    return Outcome(result, used, story.build(used))


def _situate_query(
    query: date, last_day: date, window_end: date, result: dict[str, Any], story: Narrative
) -> None:
    in_reflection = query <= last_day
    result["query_in_reflection_period"] = in_reflection
    result["query_in_three_month_window"] = query <= window_end
    if in_reflection:
        # 6.2 grants the period "à peine de nullité" but never says what withdrawing does.
        result["withdrawal_consequence"] = None
        result["withdrawal_consequence_reason"] = NOT_SPECIFIED
    story.add(
        f"Le {date_fr(query)} est {'dans' if in_reflection else 'hors du'} délai de réflexion "
        f"et {'dans' if query <= window_end else 'hors de'} la fenêtre de 3 mois.",
        f"{date_en(query)} is {'inside' if in_reflection else 'outside'} the reflection "
        f"period and {'inside' if query <= window_end else 'outside'} the 3-month window.",
    )


# --- premium_plus_early_termination ---


class EarlyTerminationInput(CalculatorInput):
    acceptance_date: IsoDate = Field(description="CGS acceptance = subscription start.")
    termination_request_date: IsoDate
    monthly_price_eur: Money
    months_paid: MonthCount | None = Field(
        None, description="Monthly instalments already paid; default: months started (K5)."
    )
    total_paid_eur: Money | None = Field(
        None, description="Amount already paid, if known; overrides months_paid x price."
    )
    price_basis: PriceBasis = Field(
        "monthly_instalment",
        description="Indemnity base: one monthly price (CGS 6.2) or price x planned months.",
    )
    planned_duration_months: Annotated[int, Field(ge=1, le=600)] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EarlyTerminationInput:
        require_order(
            "acceptance_date",
            self.acceptance_date,
            "termination_request_date",
            self.termination_request_date,
        )
        if self.price_basis == "contract_total" and self.planned_duration_months is None:
            raise CalculatorInputError(
                "planned_duration_months", "required when price_basis is contract_total"
            )
        return self


def premium_plus_early_termination(inp: EarlyTerminationInput) -> Outcome:
    window_end = unilateral_window_last_day(inp.acceptance_date)
    if inp.termination_request_date <= window_end:
        outcome = _unilateral_termination(inp, window_end)
    else:
        outcome = _standard_termination(inp, window_end)
    reflection_end = reflection_last_day(inp.acceptance_date)
    outcome.result["reflection_last_day"] = reflection_end
    outcome.result["in_reflection_period"] = inp.termination_request_date <= reflection_end
    # The first published name of in_reflection_period.
    outcome.result["within_reflection_period"] = outcome.result["in_reflection_period"]
    return outcome


def _paid(inp: EarlyTerminationInput, months_started: int) -> Decimal:
    """What was paid: as given, else months paid (default: months started) x price."""
    if inp.total_paid_eur is not None:
        return to_cents(inp.total_paid_eur)
    months = months_started if inp.months_paid is None else inp.months_paid
    return to_cents(inp.monthly_price_eur * months)


def _standard_termination(inp: EarlyTerminationInput, window_end: date) -> Outcome:
    terms, on_anniversary = monthly_terms(
        inp.acceptance_date, inp.termination_request_date, inp.monthly_price_eur
    )
    paid = _paid(inp, terms["months_due"])
    result: dict[str, Any] = {
        "window_last_day": window_end,
        "within_3_month_window": False,
        "regime": "standard_termination_2.2.g",
        "indemnity_base_eur": None,
        "max_indemnity_eur": None,
        "max_retained_as_indemnity_eur": None,
        "refund_due_literal_L444_8_eur": None,
        "max_additional_indemnity_claimable_eur": None,
        **terms,
        "total_paid_eur": paid,
        "refund_eur": ZERO,
        "alt_reading_cgs_2_2_g": None,
        "alt_first_year_base": None,
    }
    used = (
        R.UNILATERAL_TERMINATION_WINDOW,
        R.BILLING_PERIOD_PLUS,
        R.STARTED_MONTH_DUE_PLUS,
        R.STARTED_MONTH_DUE_REMINDER,
    )
    story = Narrative().add(
        f"Demande du {date_fr(inp.termination_request_date)} : la fenêtre de 3 mois ouverte "
        f"par l'acceptation du {date_fr(inp.acceptance_date)} a expiré le "
        f"{date_fr(window_end)}. Résiliation ordinaire (2.2.g) : l'abonnement prend fin le "
        f"{date_fr(terms['access_last_day'])}, {terms['months_due']} mois entamés sont dus "
        f"({eur_fr(terms['total_due_eur'])}), aucun remboursement, pas de prélèvement le "
        f"{date_fr(terms['next_billing_cancelled'])}.",
        f"Request of {date_en(inp.termination_request_date)}: the 3-month window opened by "
        f"the acceptance of {date_en(inp.acceptance_date)} expired on {date_en(window_end)}. "
        f"Ordinary termination (2.2.g): access ends on {date_en(terms['access_last_day'])}, "
        f"{terms['months_due']} started months are due ({eur_en(terms['total_due_eur'])}), "
        f"no refund, no charge on {date_en(terms['next_billing_cancelled'])}.",
    )
    return Outcome(result, used, story.build(used), ambiguous=on_anniversary)


# 6.2 caps the indemnity at 30 % of "le prix de l'Abonnement", Annexe 1 at 30 % of "le prix
# du contrat": each basis applies the clause that names it.
_CAP_RULE: dict[PriceBasis, R.Rule] = {
    "monthly_instalment": R.INDEMNITY_CAP_CGS,
    "contract_total": R.INDEMNITY_CAP_L444_8,
}


def _indemnity_terms(base: Decimal, paid: Decimal, basis: PriceBasis) -> dict[str, Decimal]:
    """30 % cap on `base` and the literal L444-8 reading of "retenues à due concurrence"."""
    cap = to_cents(base * _CAP_RULE[basis].as_decimal())
    retained = min(paid, cap)
    return {
        "indemnity_base_eur": to_cents(base),
        "max_indemnity_eur": cap,
        "max_retained_as_indemnity_eur": retained,
        "refund_due_literal_L444_8_eur": paid - retained,
        "max_additional_indemnity_claimable_eur": max(ZERO, cap - paid),
    }


def _indemnity_base(inp: EarlyTerminationInput, basis: PriceBasis) -> Decimal:
    if basis == "monthly_instalment":
        return inp.monthly_price_eur
    assert inp.planned_duration_months is not None
    return inp.monthly_price_eur * inp.planned_duration_months


def _unilateral_termination(inp: EarlyTerminationInput, window_end: date) -> Outcome:
    terms, _ = monthly_terms(inp.acceptance_date, inp.termination_request_date, None)
    paid = _paid(inp, terms["months_due"])
    indemnity = _indemnity_terms(_indemnity_base(inp, inp.price_basis), paid, inp.price_basis)
    result: dict[str, Any] = {
        "window_last_day": window_end,
        "within_3_month_window": True,
        "regime": "L444-8_unilateral_termination",
        "price_basis": inp.price_basis,
        "total_paid_eur": paid,
        **indemnity,
        "refund_eur": indemnity["refund_due_literal_L444_8_eur"],
        # Under L444-8 the contract ends on the request: "tout mois entamé est dû" and the
        # access it buys are the other reading, below.
        "access_last_day": None,
        "months_due": None,
        "total_due_eur": None,
        "alt_reading_cgs_2_2_g": {
            "refund_eur": ZERO,
            "access_last_day": terms["access_last_day"],
            "months_due": terms["months_due"],
        },
    }
    used: tuple[R.Rule, ...] = (
        R.UNILATERAL_TERMINATION_WINDOW,
        R.INDEMNITY_CAP_CGS,
        R.INDEMNITY_CAP_L444_8,
        R.SUMS_PAID_RETAINED,
    )
    result["alt_first_year_base"] = None
    result.update(_alternative_bases(inp, paid))
    if result["alt_first_year_base"] is not None:
        used += (R.FIRST_YEAR_BASE,)
    used += (R.BILLING_PERIOD_PLUS, R.STARTED_MONTH_DUE_PLUS, R.STARTED_MONTH_DUE_REMINDER)
    story = _unilateral_story(inp, window_end, result)
    if inp.termination_request_date <= reflection_last_day(inp.acceptance_date):
        used += (R.REFLECTION_PERIOD, R.STUDENT_SUCCESS_CONTACT)
        story.add(
            "La demande tombe aussi dans le délai de réflexion de 7 jours, dont les CGS ne "
            "précisent pas les effets.",
            "The request also falls within the 7-day reflection period, whose effects the CGS "
            "do not state.",
        ).refer_to_student_success()
    return Outcome(result, used, story.build(used), ambiguous=True)


def _alternative_bases(inp: EarlyTerminationInput, paid: Decimal) -> dict[str, Any]:
    """The other price basis, and L444-8's first-year base for paths over twelve months."""
    alternatives: dict[str, Any] = {}
    other: PriceBasis = (
        "contract_total" if inp.price_basis == "monthly_instalment" else "monthly_instalment"
    )
    if other == "monthly_instalment" or inp.planned_duration_months is not None:
        alternatives["alt_price_basis"] = {
            "price_basis": other,
            **_indemnity_terms(_indemnity_base(inp, other), paid, other),
        }
    first_year = R.FIRST_YEAR_BASE.as_int()
    planned = inp.planned_duration_months
    if inp.price_basis == "contract_total" and planned is not None and planned > first_year:
        terms = _indemnity_terms(inp.monthly_price_eur * first_year, paid, inp.price_basis)
        alternatives["alt_first_year_base"] = {
            key: terms[key]
            for key in (
                "indemnity_base_eur",
                "max_indemnity_eur",
                "max_additional_indemnity_claimable_eur",
            )
        }
    return alternatives


def _unilateral_story(
    inp: EarlyTerminationInput, window_end: date, res: dict[str, Any]
) -> Narrative:
    monthly = inp.price_basis == "monthly_instalment"
    basis_fr = "un mois d'abonnement" if monthly else f"{inp.planned_duration_months} mois"
    basis_en = "one monthly price" if monthly else f"{inp.planned_duration_months} months"
    alt = res["alt_reading_cgs_2_2_g"]
    story = Narrative().add(
        f"Demande du {date_fr(inp.termination_request_date)}, dans la fenêtre de 3 mois "
        f"(jusqu'au {date_fr(window_end)}) : résiliation unilatérale (6.2, L444-8). "
        f"Base de l'indemnité : {basis_fr} = {eur_fr(res['indemnity_base_eur'])} ; plafond "
        f"30 % = {eur_fr(res['max_indemnity_eur'])}. Déjà versé : "
        f"{eur_fr(res['total_paid_eur'])}, dont {eur_fr(res['max_retained_as_indemnity_eur'])} "
        f"au plus peuvent être retenus ; à rembourser selon la lecture littérale : "
        f"{eur_fr(res['refund_due_literal_L444_8_eur'])} ; indemnité supplémentaire "
        f"réclamable au plus : {eur_fr(res['max_additional_indemnity_claimable_eur'])}.",
        f"Request of {date_en(inp.termination_request_date)}, inside the 3-month window "
        f"(until {date_en(window_end)}): unilateral termination (6.2, L444-8). Indemnity "
        f"base: {basis_en} = {eur_en(res['indemnity_base_eur'])}; 30% cap = "
        f"{eur_en(res['max_indemnity_eur'])}. Already paid: {eur_en(res['total_paid_eur'])}, "
        f"of which at most {eur_en(res['max_retained_as_indemnity_eur'])} may be retained; "
        f"refund under the literal reading: {eur_en(res['refund_due_literal_L444_8_eur'])}; "
        f"additional indemnity claimable at most: "
        f"{eur_en(res['max_additional_indemnity_claimable_eur'])}.",
    )
    return story.add(
        f"Lecture ambiguë : la base (« prix de l'Abonnement » ou « prix du contrat ») n'est pas "
        f"fixée, et selon « tout mois entamé est dû » (2.2.g) rien n'est remboursé : "
        f"{alt['months_due']} mois {'dû' if alt['months_due'] == 1 else 'dus'}, "
        f"accès jusqu'au {date_fr(alt['access_last_day'])}.",
        f'Ambiguous: the base ("prix de l\'Abonnement" or "prix du contrat") is not fixed, '
        f'and under "every started month is due" (2.2.g) nothing is refunded: '
        f"{alt['months_due']} month{'' if alt['months_due'] == 1 else 's'} due, "
        f"access until {date_en(alt['access_last_day'])}.",
    )


# --- force_majeure_termination ---

_RECOGNISED_CAUSES = {"cas_fortuit", "force_majeure", "fortuitous_event", "act_of_god"}


class ForceMajeureInput(CalculatorInput):
    plan: Plan = "premium_plus"
    acceptance_date: IsoDate | None = None
    termination_request_date: IsoDate
    cause: str = Field("force_majeure", min_length=1, max_length=200)
    monthly_price_eur: Money | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ForceMajeureInput:
        if self.acceptance_date is not None:
            require_order(
                "acceptance_date",
                self.acceptance_date,
                "termination_request_date",
                self.termination_request_date,
            )
        return self


def force_majeure_termination(inp: ForceMajeureInput) -> Outcome:
    recognised = fold(inp.cause) in _RECOGNISED_CAUSES
    window_end = (
        None if inp.acceptance_date is None else unilateral_window_last_day(inp.acceptance_date)
    )
    result: dict[str, Any] = {
        "regime": "L444-8_force_majeure_termination",
        "indemnity_eur": ZERO,
        "time_limit": None,
        "window_last_day": window_end,
        "within_3_month_window": (
            None if window_end is None else inp.termination_request_date <= window_end
        ),
        "refund_of_paid_months": NOT_SPECIFIED,
        "cause_qualifies": True if recognised else None,
    }
    if not recognised:
        result["cause_qualifies_reason"] = (
            "whether this event is a cas fortuit or force majeure is not decided by the documents"
        )
    used = (R.FORCE_MAJEURE_NO_INDEMNITY, R.STUDENT_SUCCESS_CONTACT)
    story = _force_majeure_story(inp, window_end, recognised)
    # Annexe 1 is invoked by 6.2 for Premium Plus only; for Solo its reach is unclear.
    ambiguous = not recognised or inp.plan == "premium_solo"
    return Outcome(result, used, story.build(used), ambiguous=ambiguous)


def _force_majeure_story(
    inp: ForceMajeureInput, window_end: date | None, recognised: bool
) -> Narrative:
    story = Narrative().add(
        f"Résiliation demandée le {date_fr(inp.termination_request_date)} pour « {inp.cause} ». "
        "L'article L444-8 (Annexe 1) permet de résilier en cas de cas fortuit ou de force "
        "majeure empêchant de suivre l'enseignement, sans aucune indemnité et sans limite de "
        "temps : indemnité = 0,00 €.",
        f"Termination requested on {date_en(inp.termination_request_date)} for "
        f'"{inp.cause}". Article L444-8 (Annexe 1) allows termination when a fortuitous '
        "event or force majeure prevents following the course, with no indemnity and no time "
        "limit: indemnity = EUR 0.00.",
    )
    if window_end is not None:
        story.add(
            f"(La fenêtre de 3 mois de 6.2 se termine le {date_fr(window_end)} ; elle ne "
            "conditionne pas ce cas.)",
            f"(The 3-month window of 6.2 ends on {date_en(window_end)}; it does not govern "
            "this case.)",
        )
    if not recognised:
        story.add(
            "La qualification de l'événement n'est pas tranchée par les documents.",
            "Whether the event qualifies is not decided by the documents.",
        )
    story.add(
        "Le sort des mois déjà payés n'est pas précisé par les documents.",
        "What happens to months already paid is not specified by the documents.",
    )
    return story.refer_to_student_success()
