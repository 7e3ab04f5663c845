"""Pieces the CGS calculators share: plan ids, Premium Plus periods, monthly billing terms."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from bot.calculators import rules as R
from bot.calculators.counting import add_days, add_months, billing_period_containing, to_cents

NOT_SPECIFIED = "not specified by the documents"
ZERO = Decimal("0.00")


def normalise_plan(value: object) -> object:
    """Accept "Premium Plus", "plus", "premium-plus"... as the plan ids."""
    if not isinstance(value, str):
        return value
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    return {"plus": "premium_plus", "solo": "premium_solo"}.get(key, key)


Plan = Annotated[Literal["premium_plus", "premium_solo"], BeforeValidator(normalise_plan)]


def reflection_last_day(acceptance: date) -> date:
    """K1: seven days from the CGS acceptance, acceptance day not counted (CGS 6.2)."""
    return add_days(acceptance, R.REFLECTION_PERIOD.as_int())


def unilateral_window_last_day(acceptance: date) -> date:
    """K2: three months from the CGS acceptance (CGS 6.2)."""
    return add_months(acceptance, R.UNILATERAL_TERMINATION_WINDOW.as_int())


def monthly_terms(
    start: date, cancellation: date, monthly_price: Decimal | None
) -> tuple[dict[str, Any], bool]:
    """K5 effects of a cancellation ("tout mois entamé est dû"), and whether it fell on an
    anniversary A_k (k >= 1), the one case the documents leave open."""
    period = billing_period_containing(start, cancellation)
    terms: dict[str, Any] = {
        "current_period_start": period.start,
        "access_last_day": period.last_day,
        "months_due": period.months_started,
        "next_billing_cancelled": period.next_anniversary,
    }
    if monthly_price is not None:
        terms["total_due_eur"] = to_cents(monthly_price * period.months_started)
    on_anniversary = period.index > 0 and period.start == cancellation
    if on_anniversary:
        terms.update(_anniversary_alternative(period.start, period.index, monthly_price))
    return terms, on_anniversary


def _anniversary_alternative(
    anniversary: date, months: int, monthly_price: Decimal | None
) -> dict[str, Any]:
    """Other reading: a cancellation on the anniversary stops the new month before it begins."""
    alt: dict[str, Any] = {
        "alt_months_due": months,
        # The period in progress before the renewal ended the day before the anniversary.
        "alt_access_last_day": anniversary - timedelta(days=1),
        "alt_next_billing_cancelled": anniversary,
    }
    if monthly_price is not None:
        alt["alt_total_due_eur"] = to_cents(monthly_price * months)
    return alt
