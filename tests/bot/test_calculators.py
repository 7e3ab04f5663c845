"""Calculators: the dev cases of eval/calc_dev.jsonl, input errors, rules-as-data, properties."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calculators import ALL_RULES, CALCULATORS, input_schema, output_schema, run_calculator
from bot.calculators.counting import (
    add_days,
    add_months,
    billing_period_containing,
    duration_in_months,
    french_public_holiday,
    inclusive_day_count,
    to_cents,
)
from bot.errors import CalculatorInputError, NotFound

ROOT = Path(__file__).resolve().parents[2]
CASES = [
    json.loads(line)
    for line in (ROOT / "tests" / "data" / "calc_dev.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]

CONTRACT_NAMES = {
    "premium_plus_reflection_period",
    "premium_plus_early_termination",
    "subscription_termination",
    "premium_solo_withdrawal",
    "force_majeure_termination",
    "late_payment",
    "cgs_modification_termination_deadline",
    "absence_notice",
    "lateness_classification",
    "consecutive_unauthorized_absences",
    "long_absence_reporting",
    "inactivity_advisor_contact",
    "notification_deadline_48h",
    "jury_resubmission_deadline",
    "max_path_completion",
    "disciplinary_grievance_notice",
    "disciplinary_decision_window",
    "temporary_exclusion_period",
    "permanent_exclusion_bar",
    "apprentice_mentoring_slot",
}
SECTIONS = {
    "cgs": {
        "definitions",
        "1",
        "accessibilite",
        "2.1.a",
        "2.1.b",
        "2.1.c",
        "2.1.d",
        "2.2.a",
        "2.2.b",
        "2.2.c",
        "2.2.d",
        "2.2.e",
        "2.2.f",
        "2.2.g",
        "3",
        "3.1",
        "3.2",
        "3.3",
        "4",
        "5",
        "6.1",
        "6.2",
        "7.1",
        "7.2",
        "8",
        "9",
        "10",
        "annexe1",
    },
    "regulations": {
        "preamble",
        "1",
        *(f"2.{n}" for n in range(1, 10)),
        "2.6.1",
        "2.6.2",
        "2.6.3",
        "3.1",
        "3.1.1",
        "3.1.2",
        "3.1.3",
        "3.1.4",
        *(f"3.{n}" for n in range(2, 9)),
        "4",
        "5",
        *(f"5.{n}" for n in range(1, 6)),
        "6",
        "7",
    },
}


def assert_matches(expected: Any, actual: Any, path: str) -> None:
    """Exact equality, except that floats (money, hours) compare to 2 decimals."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        assert set(actual) == set(expected), f"{path}: keys {sorted(actual)}"
        for key, value in expected.items():
            assert_matches(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, float):
        assert isinstance(actual, int | float) and not isinstance(actual, bool), path
        assert round(actual, 2) == round(expected, 2), f"{path}: {actual} != {expected}"
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


# --- the dev cases, table-driven ---


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_dev_case(case: dict[str, Any]) -> None:
    outcome = run_calculator(case["calculator"], case["inputs"])
    for key, expected in case["expected"].items():
        assert key in outcome.result, f"missing key {key}"
        assert_matches(expected, outcome.result[key], key)
    assert outcome.ambiguous is case["ambiguous"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_result_body_follows_the_contract(case: dict[str, Any]) -> None:
    body = run_calculator(case["calculator"], case["inputs"]).to_dict()
    assert set(body) == {"calculator", "inputs", "result", "rules", "explanation", "ambiguous"}
    assert body["calculator"] == case["calculator"]
    assert json.loads(json.dumps(body)) == body  # JSON-able as it stands
    assert body["rules"], "every result names the rules it applied"
    for ref in body["rules"]:
        assert ref["section"] in SECTIONS[ref["doc_id"]]
    for language in ("fr", "en"):
        text = body["explanation"][language]
        assert all(ref["section"].replace("annexe1", "Annexe 1") in text for ref in body["rules"])


def test_every_contract_calculator_is_registered_with_a_schema() -> None:
    assert set(CALCULATORS) == CONTRACT_NAMES
    assert {case["calculator"] for case in CASES} == CONTRACT_NAMES
    for name, spec in CALCULATORS.items():
        assert spec.description["fr"] and spec.description["en"]
        assert input_schema(name)["additionalProperties"] is False


# --- rules as data ---


def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return re.sub(r"\s+", " ", text)


def test_every_rule_quote_is_verbatim_in_its_document() -> None:
    corpus = {
        "cgs": [
            _normalised((ROOT / "corpus" / name).read_text("utf-8"))
            for name in ("cgs_A.txt", "cgs_B.md")
        ],
        "regulations": [_normalised((ROOT / "corpus" / "regulations.txt").read_text("utf-8"))],
    }
    for rule in ALL_RULES:
        assert rule.section in SECTIONS[rule.doc_id], rule.id
        for text in corpus[rule.doc_id]:
            assert _normalised(rule.quote) in text, rule.id


def test_rule_ids_are_unique() -> None:
    assert len({rule.id for rule in ALL_RULES}) == len(ALL_RULES)


# --- counting conventions (eval/README.md §3 examples) ---


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_k2_months_clamp_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_k1_k4_k7_examples() -> None:
    assert add_days(date(2026, 3, 3), 7) == date(2026, 3, 10)
    exclusion = duration_in_months(date(2026, 3, 10), 1)
    assert (exclusion.last_day, exclusion.free_from) == (date(2026, 4, 9), date(2026, 4, 10))
    assert inclusive_day_count(date(2028, 2, 15), date(2028, 2, 29)) == 15


def test_k5_anniversaries_come_from_the_original_start_day() -> None:
    # start 01-31: 02-28, 03-31, 04-30 (never drifting to the 28th)
    starts = [
        billing_period_containing(date(2026, 1, 31), day).start
        for day in (date(2026, 3, 1), date(2026, 4, 5), date(2026, 5, 2))
    ]
    assert starts == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_k6_rounds_half_up() -> None:
    assert to_cents(Decimal("1.005")) == Decimal("1.01")
    assert to_cents(Decimal("1.2329")) == Decimal("1.23")


def test_french_holidays_are_those_of_k9() -> None:
    expected = {
        (1, 1),
        (4, 6),
        (5, 1),
        (5, 8),
        (5, 14),
        (5, 25),
        (7, 14),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    }
    found = {
        (day.month, day.day)
        for day in (date(2026, 1, 1) + timedelta(days=n) for n in range(365))
        if french_public_holiday(day)
    }
    assert found == expected


# --- readings the dev set does not show ---


def _result(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    return run_calculator(name, inputs).result


def test_early_termination_inside_window_with_monthly_base() -> None:
    # 300 x 30 % = 90.00; paid 2 x 300 = 600.00 -> retained 90.00, literal refund 510.00
    res = _result(
        "premium_plus_early_termination",
        {
            "acceptance_date": "2026-03-03",
            "termination_request_date": "2026-04-10",
            "monthly_price_eur": 300,
            "months_paid": 2,
            "price_basis": "monthly_instalment",
        },
    )
    assert res["max_indemnity_eur"] == 90.0
    assert res["refund_due_literal_L444_8_eur"] == 510.0
    assert res["max_additional_indemnity_claimable_eur"] == 0.0
    assert res["alt_reading_cgs_2_2_g"] == {
        "refund_eur": 0.0,
        "access_last_day": "2026-05-02",
        "months_due": 2,
    }


def test_cancellation_on_an_anniversary_starts_a_new_month_and_is_ambiguous() -> None:
    outcome = run_calculator(
        "subscription_termination",
        {
            "plan": "premium_solo",
            "subscription_start_date": "2026-01-31",
            "cancellation_date": "2026-02-28",
            "monthly_price_eur": 10,
        },
    )
    assert outcome.ambiguous
    assert outcome.result["months_due"] == 2
    assert outcome.result["access_last_day"] == "2026-03-30"
    assert outcome.result["alt_months_due"] == 1


def test_absence_notice_at_exactly_24_hours_is_undetermined() -> None:
    outcome = run_calculator(
        "absence_notice",
        {
            "session_start": "2026-03-12T14:00",
            "notification_time": "2026-03-11T14:00",
            "justified": True,
        },
    )
    assert outcome.result["unauthorized_absence"] is None
    assert not outcome.result["more_than_24h"] and not outcome.result["less_than_24h"]
    assert outcome.ambiguous


def test_consecutive_absences_levels() -> None:
    levels = [
        _result("consecutive_unauthorized_absences", {"consecutive_unauthorized_absences": n})[
            "possible_sanction_levels"
        ]
        for n in (1, 2, 3)
    ]
    assert levels == [[], [1], [2, 3]]


@pytest.mark.parametrize(
    ("event", "channel", "section"),
    [
        ("employment_contract_termination", "email", "2.6.3"),
        ("fraudulent_access", None, "2.1"),
        ("sick_leave", None, "2.8"),
    ],
)
def test_48h_events(event: str, channel: str | None, section: str) -> None:
    outcome = run_calculator(
        "notification_deadline_48h", {"event": event, "event_time": "2026-04-30T17:00"}
    )
    assert outcome.result["deadline"] == "2026-05-02T17:00"
    assert outcome.result["channel"] == channel
    assert [ref.section for ref in outcome.rules] == [section]


@pytest.mark.parametrize(
    ("provision", "applies"),
    [("prix", True), ("caractéristiques", True), ("durée", True), ("médiation", False)],
)
def test_cgs_modification_right_covers_duration_characteristics_price(
    provision: str, applies: bool
) -> None:
    res = _result(
        "cgs_modification_termination_deadline",
        {"notification_date": "2026-01-15", "modified_provision": provision},
    )
    assert res["right_applies"] is applies
    assert res["termination_last_day"] == ("2026-02-14" if applies else None)


@pytest.mark.parametrize(
    ("start", "minutes", "allowed", "reason"),
    [
        ("2026-03-10T18:00", 60, True, None),  # ends exactly at 19:00
        ("2026-03-10T18:30", 60, False, "ends after 19:00"),
        ("2026-03-10T07:30", 60, False, "starts before 08:00"),
        ("2026-05-14T10:00", 60, False, "public holiday (Ascension)"),
        ("2026-03-15T10:00", 60, False, "weekend (Sunday)"),
    ],
)
def test_apprentice_slots(start: str, minutes: int, allowed: bool, reason: str | None) -> None:
    res = _result(
        "apprentice_mentoring_slot",
        {
            "learner_type": "apprentice",
            "is_dedicated_training_day": True,
            "start": start,
            "duration_minutes": minutes,
        },
    )
    assert (res["allowed"], res["reason"]) == (allowed, reason)


def test_late_payment_fee_per_unpaid_sum_with_per_claim_alternative() -> None:
    outcome = run_calculator(
        "late_payment",
        {
            "amount_due_eur": 600,
            "due_date": "2026-04-05",
            "payment_date": "2026-05-05",
            "unpaid_sums": 2,
            "legal_rate_percent": 5,
            "legal_rate_is_hypothetical": True,
        },
    )
    assert outcome.result["flat_recovery_fee_eur"] == 80.0
    assert outcome.result["alt_flat_recovery_fee_eur"] == 40.0
    assert outcome.ambiguous


def test_undetermined_values_are_null_with_a_reason_and_student_success() -> None:
    outcome = run_calculator(
        "late_payment",
        {
            "amount_due_eur": 300,
            "due_date": "2026-04-05",
            "payment_date": "2026-05-05",
        },
    )
    assert outcome.result["interest_eur"] is None
    assert outcome.result["interest_reason"]
    assert "Student Success" in outcome.explanation["fr"]
    assert "Student Success" in outcome.explanation["en"]


# --- input errors name the field ---


@pytest.mark.parametrize(
    ("name", "inputs", "field"),
    [
        ("premium_plus_reflection_period", {}, "acceptance_date"),
        ("premium_plus_reflection_period", {"acceptance_date": "2026-02-30"}, "acceptance_date"),
        ("premium_plus_reflection_period", {"acceptance_date": 20260303}, "acceptance_date"),
        (
            "premium_plus_reflection_period",
            {"acceptance_date": "2026-03-03", "when": "now"},
            "when",
        ),
        (
            "premium_plus_reflection_period",
            {"acceptance_date": "2026-03-03", "query_date": "2026-03-01"},
            "query_date",
        ),
        (
            "premium_plus_early_termination",
            {
                "acceptance_date": "2026-03-03",
                "termination_request_date": "2026-03-10",
                "monthly_price_eur": -1,
            },
            "monthly_price_eur",
        ),
        (
            "premium_plus_early_termination",
            {
                "acceptance_date": "2026-03-03",
                "termination_request_date": "2026-03-10",
                "monthly_price_eur": 2_000_000,
            },
            "monthly_price_eur",
        ),
        (
            "premium_plus_early_termination",
            {
                "acceptance_date": "2026-03-03",
                "termination_request_date": "2026-03-10",
                "monthly_price_eur": 300,
                "price_basis": "contract_total",
            },
            "planned_duration_months",
        ),
        (
            "premium_plus_early_termination",
            {
                "acceptance_date": "2026-03-03",
                "termination_request_date": "2026-03-10",
                "monthly_price_eur": 300,
                "price_basis": "weekly",
            },
            "price_basis",
        ),
        (
            "subscription_termination",
            {"plan": "premium_solo", "cancellation_date": "2026-03-10"},
            "subscription_start_date",
        ),
        (
            "subscription_termination",
            {
                "plan": "premium_gold",
                "subscription_start_date": "2026-03-01",
                "cancellation_date": "2026-03-10",
            },
            "plan",
        ),
        (
            "subscription_termination",
            {
                "plan": "premium_solo",
                "subscription_start_date": "2026-03-11",
                "cancellation_date": "2026-03-10",
            },
            "cancellation_date",
        ),
        ("late_payment", {"amount_due_eur": 10}, "due_date"),
        ("late_payment", {"due_dates": ["2026-01-01"]}, "amounts_due_eur"),
        (
            "late_payment",
            {"amounts_due_eur": [10, 20], "due_dates": ["2026-01-01"]},
            "due_dates",
        ),
        (
            "late_payment",
            {"amounts_due_eur": [10, -20], "due_dates": ["2026-01-01", "2026-02-01"]},
            "amounts_due_eur.1",
        ),
        (
            "late_payment",
            {"amounts_due_eur": [10], "due_dates": ["2026-02-30"]},
            "due_dates.0",
        ),
        (
            "late_payment",
            {"amount_due_eur": 10, "due_date": "2026-01-01", "amounts_due_eur": [10]},
            "amounts_due_eur",
        ),
        (
            "temporary_exclusion_period",
            {"exclusion_start_date": "2026-03-10", "proposed_last_day": "2026-03-09"},
            "proposed_last_day",
        ),
        (
            "late_payment",
            {
                "amount_due_eur": 10,
                "due_date": "2026-01-01",
                "payment_date": "2026-02-01",
                "unpaid_sums": 0,
            },
            "unpaid_sums",
        ),
        (
            "absence_notice",
            {"session_start": "2026-03-29T02:30", "notification_time": "2026-03-20T10:00"},
            "session_start",
        ),
        ("lateness_classification", {"minutes_late": -5}, "minutes_late"),
        (
            "long_absence_reporting",
            {"first_day": "2026-03-10", "last_day": "2026-03-01"},
            "last_day",
        ),
        (
            "inactivity_advisor_contact",
            {"last_activity_date": "2026-03-10", "check_date": "2026-03-01"},
            "check_date",
        ),
        (
            "notification_deadline_48h",
            {"event": "birthday", "event_time": "2026-03-10T10:00"},
            "event",
        ),
        (
            "apprentice_mentoring_slot",
            {"learner_type": "apprentice", "start": "2026-03-10T10:00", "duration_minutes": 0},
            "duration_minutes",
        ),
        ("permanent_exclusion_bar", {"sanction_date": "0001-01-01"}, "sanction_date"),
    ],
)
def test_bad_input_names_the_field(name: str, inputs: dict[str, Any], field: str) -> None:
    with pytest.raises(CalculatorInputError) as caught:
        run_calculator(name, inputs)
    assert caught.value.field == field
    assert caught.value.reason


def test_unknown_calculator_is_not_found() -> None:
    with pytest.raises(NotFound):
        run_calculator("refund_everything", {})
    with pytest.raises(NotFound):
        input_schema("refund_everything")


# --- properties ---

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2150, 12, 31))
PRICES = st.decimals(min_value=0, max_value=5000, places=2)


@given(DAYS)
def test_day_and_month_deadlines_never_precede_their_event(event: date) -> None:
    iso = event.isoformat()
    checks = [
        ("premium_plus_reflection_period", {"acceptance_date": iso}, "reflection_last_day"),
        ("jury_resubmission_deadline", {"jury_refusal_date": iso}, "submission_last_day"),
        ("max_path_completion", {"first_training_day": iso}, "alt_completion_last_day"),
        ("temporary_exclusion_period", {"exclusion_start_date": iso}, "max_last_day"),
        ("permanent_exclusion_bar", {"sanction_date": iso}, "bar_last_day"),
        ("disciplinary_decision_window", {"council_date": iso}, "earliest_notification_date"),
        (
            "cgs_modification_termination_deadline",
            {"notification_date": iso, "modified_provision": "prix"},
            "termination_last_day",
        ),
    ]
    for name, inputs, key in checks:
        assert date.fromisoformat(_result(name, inputs)[key]) >= event, name


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2150, 12, 31)))
def test_48h_deadline_follows_its_event(event: datetime) -> None:
    try:
        res = _result(
            "notification_deadline_48h",
            {
                "event": "employment_contract_termination",
                "event_time": event.isoformat(timespec="minutes"),
            },
        )
    except CalculatorInputError:
        return  # a wall-clock time skipped by a DST change
    assert datetime.fromisoformat(res["deadline"]) > event


@given(DAYS, st.integers(min_value=0, max_value=400), PRICES)
def test_termination_months_due_and_refund(start: date, offset: int, price: Any) -> None:
    cancellation = start + timedelta(days=offset)
    res = _result(
        "subscription_termination",
        {
            "plan": "premium_plus",
            "acceptance_date": start.isoformat(),
            "cancellation_date": cancellation.isoformat(),
            "monthly_price_eur": str(price),
        },
    )
    assert res["months_due"] >= 1
    assert res["refund_eur"] == 0.0
    assert res["current_period_start"] <= cancellation.isoformat() <= res["access_last_day"]
    assert res["next_billing_cancelled"] > cancellation.isoformat()


@settings(max_examples=200)
@given(
    DAYS,
    st.integers(min_value=0, max_value=200),
    PRICES,
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=1, max_value=36),
    st.sampled_from(["monthly_instalment", "contract_total"]),
)
def test_indemnity_retention_and_refund_bounds(
    acceptance: date, offset: int, price: Any, paid_months: int, planned: int, basis: str
) -> None:
    res = _result(
        "premium_plus_early_termination",
        {
            "acceptance_date": acceptance.isoformat(),
            "termination_request_date": (acceptance + timedelta(days=offset)).isoformat(),
            "monthly_price_eur": str(price),
            "months_paid": paid_months,
            "price_basis": basis,
            "planned_duration_months": planned,
        },
    )
    paid = res["total_paid_eur"]
    if res["within_3_month_window"]:
        # Half-up rounding of the cap (K6) can add at most half a cent.
        assert res["max_indemnity_eur"] <= 0.30 * res["indemnity_base_eur"] + 0.005 + 1e-9
        assert res["max_retained_as_indemnity_eur"] <= paid
        assert 0 <= res["refund_due_literal_L444_8_eur"] <= paid
    else:
        assert res["months_due"] >= 1
    assert 0 <= res["refund_eur"] <= paid


# --- titles, labels and schemas (what a calculator form is built from) ---

# eval/README.md §2: every output key of each calculator (the hidden cases use no other).
OUTPUT_KEYS = {
    "premium_plus_reflection_period": "reflection_last_day reflection_ends_at "
    "query_in_reflection_period three_month_window_last_day query_in_three_month_window",
    "premium_plus_early_termination": "window_last_day within_3_month_window regime "
    "reflection_last_day in_reflection_period indemnity_base_eur max_indemnity_eur "
    "total_paid_eur max_retained_as_indemnity_eur refund_due_literal_L444_8_eur "
    "max_additional_indemnity_claimable_eur access_last_day months_due total_due_eur "
    "refund_eur alt_reading_cgs_2_2_g alt_first_year_base",
    "subscription_termination": "current_period_start access_last_day months_due "
    "total_due_eur refund_eur next_billing_cancelled within_3_month_window "
    "three_month_window_last_day sick_leave_refund_eur alt_if_cancelled_before_renewal",
    "premium_solo_withdrawal": "withdrawal_possible status redirect fallback access_last_day "
    "months_due",
    "force_majeure_termination": "within_3_month_window indemnity_eur refund_of_paid_months",
    "late_payment": "principal_eur days_late interest_eur interest_formula interest_note "
    "flat_recovery_fee_eur alt_flat_recovery_fee_eur extra_recovery_costs total_claimable_eur",
    "cgs_modification_termination_deadline": "right_applies termination_last_day "
    "deemed_accepted_if_platform_used_after",
    "absence_notice": "lead_time_hours more_than_24h less_than_24h unauthorized_absence "
    "rescheduling reschedule_by",
    "lateness_classification": "unauthorized_absence",
    "consecutive_unauthorized_absences": "threshold_reached possible_sanction_levels "
    "discretionary sanction_scale_article cross_reference_error",
    "long_absence_reporting": "consecutive_days must_report_under_2_6_1 inform",
    "inactivity_advisor_contact": "days_inactive in_advisor_contact_window beyond_window "
    "window_first_day window_last_day",
    "notification_deadline_48h": "deadline channel also",
    "jury_resubmission_deadline": "submission_last_day",
    "max_path_completion": "completion_last_day alt_completion_last_day",
    "disciplinary_grievance_notice": "latest_communication_date days_before_council compliant "
    "alt_latest_if_clear_days",
    "disciplinary_decision_window": "earliest_notification_date latest_notification_date "
    "appeal_possible",
    "temporary_exclusion_period": "max_last_day alt_max_last_day resume_no_later_than "
    "proposed_compliant months_financially_due",
    "permanent_exclusion_bar": "bar_last_day eligible_again_from costs_refundable",
    "apprentice_mentoring_slot": "allowed restriction_applies weekday reason",
}


@pytest.mark.parametrize("name", sorted(CONTRACT_NAMES))
def test_every_calculator_has_a_title_a_document_and_labelled_inputs(name: str) -> None:
    spec = CALCULATORS[name]
    assert spec.title["fr"] and spec.title["en"] and spec.title["fr"] != spec.title["en"]
    assert spec.doc_id in SECTIONS and set(spec.sections) <= SECTIONS[spec.doc_id]
    schema = input_schema(name)
    assert schema["x-labels"] == dict(spec.title) and schema["x-doc-id"] == spec.doc_id
    for key, prop in schema["properties"].items():
        assert prop["title"] and prop["x-labels"]["fr"] and prop["x-labels"]["en"], key
        if "x-hints" in prop:
            assert prop["description"] == prop["x-hints"]["en"] and prop["x-hints"]["fr"]


@pytest.mark.parametrize("name", sorted(CONTRACT_NAMES))
def test_every_output_key_of_the_interface_is_described(name: str) -> None:
    described = output_schema(name)["properties"]
    for key in OUTPUT_KEYS[name].split():
        assert described[key]["x-labels"]["fr"] and described[key]["x-labels"]["en"], key


def _string_schemas(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [found for item in node for found in _string_schemas(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if node.get("format") in {"date", "date-time"} else []
    return own + [found for child in node.values() for found in _string_schemas(child)]


@pytest.mark.parametrize("name", sorted(CONTRACT_NAMES))
def test_every_date_input_is_bounded_in_its_schema(name: str) -> None:
    for prop in _string_schemas(input_schema(name)["properties"]):
        assert prop["formatMinimum"].startswith("1900-01-01")
        assert prop["formatMaximum"].startswith("2200-12-31")
        assert re.match(prop["pattern"], "2026-03-03") and re.match(prop["pattern"], "2200-01-01")
        assert not re.match(prop["pattern"], "0001-01-01")
        assert not re.match(prop["pattern"], "9999-12-31T23:59:59+00:00")


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_every_output_key_of_the_interface_is_answered(case: dict[str, Any]) -> None:
    """Each key is in the result: its value, or null when the inputs do not determine it."""
    result = run_calculator(case["calculator"], case["inputs"]).result
    missing = set(OUTPUT_KEYS[case["calculator"]].split()) - set(result)
    assert not missing


# Hand-computed cases for the keys beyond the dev set (arithmetic in the comments).
EXTRA_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        # Accepted 03-03: reflection ends 03-10 (K1), window 06-03 (K2). Request 03-08 is in
        # both. Base 1 month = 300, cap 30 % = 90; paid 1 x 300; retained min(300, 90) = 90;
        # literal refund 300 - 90 = 210; nothing more claimable.
        "premium_plus_early_termination",
        {
            "acceptance_date": "2026-03-03",
            "termination_request_date": "2026-03-08",
            "monthly_price_eur": 300,
            "months_paid": 1,
        },
        {
            "reflection_last_day": "2026-03-10",
            "in_reflection_period": True,
            "within_3_month_window": True,
            "max_indemnity_eur": 90.0,
            "max_retained_as_indemnity_eur": 90.0,
            "refund_due_literal_L444_8_eur": 210.0,
            "max_additional_indemnity_claimable_eur": 0.0,
        },
    ),
    (
        # Request 06-04 is after the window (06-03), so long after the reflection period.
        "premium_plus_early_termination",
        {
            "acceptance_date": "2026-03-03",
            "termination_request_date": "2026-06-04",
            "monthly_price_eur": 300,
        },
        {"reflection_last_day": "2026-03-10", "in_reflection_period": False, "months_due": 4},
    ),
    (
        # Start 01-05, cancel on the anniversary 04-05: the 4th month has begun (K5), 4 x 100.
        # Other reading: cancelled before the renewal, 3 months, access to 04-04. The window
        # (01-05 + 3 months = 04-05) is still open that day.
        "subscription_termination",
        {
            "plan": "premium_plus",
            "acceptance_date": "2026-01-05",
            "cancellation_date": "2026-04-05",
            "monthly_price_eur": 100,
        },
        {
            "months_due": 4,
            "total_due_eur": 400.0,
            "access_last_day": "2026-05-04",
            "within_3_month_window": True,
            "alt_if_cancelled_before_renewal": {
                "months_due": 3,
                "total_due_eur": 300.0,
                "access_last_day": "2026-04-04",
                "next_billing_cancelled": "2026-04-05",
                "refund_eur": 0.0,
            },
        },
    ),
    (
        "subscription_termination",
        {
            "plan": "premium_solo",
            "subscription_start_date": "2026-01-05",
            "cancellation_date": "2026-02-10",
        },
        {
            "within_3_month_window": None,
            "alt_if_cancelled_before_renewal": None,
            "total_due_eur": None,
            "months_due": 2,
        },
    ),
    (
        # Codes used: no withdrawal; ordinary termination instead. Anniversaries from 01-31:
        # 02-28, 03-31; 03-05 is in period 2 (02-28..03-30): 2 months due, access to 03-30.
        "premium_solo_withdrawal",
        {
            "subscription_date": "2026-01-31",
            "access_codes_used": True,
            "request_date": "2026-03-05",
        },
        {
            "withdrawal_possible": False,
            "fallback": "standard_termination_2.1.d",
            "access_last_day": "2026-03-30",
            "months_due": 2,
        },
    ),
    (
        "premium_solo_withdrawal",
        {"subscription_date": "2026-01-31", "access_codes_used": True},
        {"withdrawal_possible": False, "access_last_day": None, "months_due": None},
    ),
    (
        # Still unpaid, no rate: the fee is known (40), the interest is not.
        "late_payment",
        {"amount_due_eur": 300, "due_date": "2026-04-05", "legal_rate_percent": None},
        {
            "principal_eur": 300.0,
            "days_late": None,
            "interest_eur": None,
            "flat_recovery_fee_eur": 40.0,
            "alt_flat_recovery_fee_eur": 40.0,
            "total_claimable_eur": None,
        },
    ),
    (
        # Two sums paid 05-05: 61 and 30 days late. 300 x 5 % x 61/365 = 2.50685 and
        # 300 x 5 % x 30/365 = 1.23288 -> 3.73973 -> 3.74 (rounded once). Fee 2 x 40 = 80
        # (alt 40). Total 600 + 3.74 + 80 = 683.74.
        "late_payment",
        {
            "amounts_due_eur": [300, 300],
            "due_dates": ["2026-03-05", "2026-04-05"],
            "payment_date": "2026-05-05",
            "legal_rate_percent": 5,
            "legal_rate_is_hypothetical": True,
        },
        {
            "principal_eur": 600.0,
            "days_late": [61, 30],
            "interest_eur": 3.74,
            "flat_recovery_fee_eur": 80.0,
            "alt_flat_recovery_fee_eur": 40.0,
            "total_claimable_eur": 683.74,
        },
    ),
    (
        # 03-01 -> 03-20: 19 days, past day 15 (window 03-09..03-16).
        "inactivity_advisor_contact",
        {"last_activity_date": "2026-03-01", "check_date": "2026-03-20"},
        {
            "days_inactive": 19,
            "in_advisor_contact_window": False,
            "beyond_window": True,
            "window_first_day": "2026-03-09",
            "window_last_day": "2026-03-16",
        },
    ),
    (
        "inactivity_advisor_contact",
        {"last_activity_date": "2026-03-01", "check_date": "2026-03-09"},
        {"days_inactive": 8, "in_advisor_contact_window": True, "beyond_window": False},
    ),
    (
        # Start 03-10 is day 1; last day 04-09 (K4): a proposal of 04-09 is within, 04-10 not.
        "temporary_exclusion_period",
        {"exclusion_start_date": "2026-03-10", "proposed_last_day": "2026-04-09"},
        {"max_last_day": "2026-04-09", "proposed_compliant": True},
    ),
    (
        "temporary_exclusion_period",
        {"exclusion_start_date": "2026-03-10", "proposed_last_day": "2026-04-10"},
        {"proposed_compliant": False, "resume_no_later_than": "2026-04-10"},
    ),
    (
        "temporary_exclusion_period",
        {"exclusion_start_date": "2026-03-10"},
        {"proposed_compliant": None},
    ),
    (
        "consecutive_unauthorized_absences",
        {"consecutive_unauthorized_absences": 3},
        {
            "threshold_reached": True,
            "possible_sanction_levels": [2, 3],
            "discretionary": True,
            "sanction_scale_article": "5.1",
            "cross_reference_error": True,
        },
    ),
    (
        # 03-01..03-16 inclusive = 16 days > 15.
        "long_absence_reporting",
        {"first_day": "2026-03-01", "last_day": "2026-03-16"},
        {
            "consecutive_days": 16,
            "must_report_under_2_6_1": True,
            "inform": ["educational_services", "mentor"],
        },
    ),
    (
        "absence_notice",
        {"session_start": "2026-03-12T14:00", "notification_time": "2026-03-12T09:00"},
        {
            "lead_time_hours": 5.0,
            "less_than_24h": True,
            "unauthorized_absence": True,
            "rescheduling": "only in exceptional cases with prior authorization",
            "reschedule_by": None,
        },
    ),
    (
        "notification_deadline_48h",
        {"event": "sick_leave_cfa_training_period", "event_time": "2026-03-12T09:30"},
        {"deadline": "2026-03-14T09:30", "channel": None},
    ),
]


@pytest.mark.parametrize(
    ("name", "inputs", "expected"), EXTRA_CASES, ids=[case[0] for case in EXTRA_CASES]
)
def test_extra_case(name: str, inputs: dict[str, Any], expected: dict[str, Any]) -> None:
    result = run_calculator(name, inputs).result
    for key, value in expected.items():
        assert key in result, key
        assert_matches(value, result[key], key)
    assert not set(OUTPUT_KEYS[name].split()) - set(result)


# --- properties of the new inputs ---

SUMS = st.lists(
    st.tuples(st.decimals(min_value=0, max_value=5000, places=2), DAYS), min_size=1, max_size=6
)


@given(
    SUMS, st.integers(min_value=0, max_value=400), st.decimals(min_value=0, max_value=20, places=2)
)
def test_several_unpaid_sums_add_up(
    sums: list[tuple[Decimal, date]], extra_days: int, rate: Decimal
) -> None:
    payment = max(due for _, due in sums) + timedelta(days=extra_days)
    result = run_calculator(
        "late_payment",
        {
            "amounts_due_eur": [float(amount) for amount, _ in sums],
            "due_dates": [due.isoformat() for _, due in sums],
            "payment_date": payment.isoformat(),
            "legal_rate_percent": float(rate),
        },
    ).result
    principal = sum((amount for amount, _ in sums), Decimal(0))
    assert result["principal_eur"] == float(principal)
    assert result["days_late"] == [(payment - due).days for _, due in sums]
    late = any(result["days_late"])
    assert result["flat_recovery_fee_eur"] == (40.0 * len(sums) if late else 0.0)
    # K6: simple interest per sum, actual/365, rounded once at the end.
    interest = sum(
        (amount * rate / 100 * (payment - due).days / 365 for amount, due in sums), Decimal(0)
    )
    assert result["interest_eur"] == float(to_cents(interest))
    fee = Decimal(str(result["flat_recovery_fee_eur"]))
    assert result["total_claimable_eur"] == float(to_cents(principal + interest + fee))


@given(st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=5))
def test_lists_of_different_lengths_are_refused(amounts: int, dates: int) -> None:
    inputs = {
        "amounts_due_eur": [100] * amounts,
        "due_dates": ["2026-03-05"] * dates,
        "payment_date": "2026-05-05",
    }
    if amounts == dates and amounts > 0:
        assert run_calculator("late_payment", inputs).result["principal_eur"] == 100.0 * amounts
        return
    with pytest.raises(CalculatorInputError) as caught:
        run_calculator("late_payment", inputs)
    assert caught.value.field.split(".")[0] in ("amounts_due_eur", "due_dates")


@given(DAYS, st.integers(min_value=0, max_value=70))
def test_a_proposed_end_is_compliant_exactly_up_to_the_maximum(start: date, offset: int) -> None:
    proposed = start + timedelta(days=offset)
    result = run_calculator(
        "temporary_exclusion_period",
        {"exclusion_start_date": start.isoformat(), "proposed_last_day": proposed.isoformat()},
    ).result
    assert result["proposed_compliant"] is (proposed.isoformat() <= result["max_last_day"])
    assert result["max_last_day"] < result["resume_no_later_than"]


@given(DAYS, st.integers(min_value=0, max_value=120), PRICES)
def test_a_request_in_the_reflection_period_is_in_the_window(
    accepted: date, offset: int, price: Any
) -> None:
    result = run_calculator(
        "premium_plus_early_termination",
        {
            "acceptance_date": accepted.isoformat(),
            "termination_request_date": (accepted + timedelta(days=offset)).isoformat(),
            "monthly_price_eur": float(price),
        },
    ).result
    assert result["in_reflection_period"] is (offset <= 7)
    assert not result["in_reflection_period"] or result["within_3_month_window"]


_DATE_FIELDS = [
    (name, key, fmt)
    for name in sorted(CONTRACT_NAMES)
    for key, prop in input_schema(name)["properties"].items()
    for fmt in [next((o.get("format") for o in prop.get("anyOf", [prop]) if o.get("format")), None)]
    if fmt in ("date", "date-time")
]


@settings(max_examples=200)
@given(
    st.sampled_from(_DATE_FIELDS),
    st.one_of(
        st.integers(min_value=1, max_value=1899), st.integers(min_value=2201, max_value=9999)
    ),
    st.sampled_from(["", "+00:00", "-12:00", "+14:00", "Z"]),
)
def test_any_year_out_of_range_is_refused_naming_the_field(
    field: tuple[str, str, str], year: int, zone: str
) -> None:
    name, key, fmt = field
    value = f"{year:04d}-12-31" if fmt == "date" else f"{year:04d}-12-31T23:59:59{zone}"
    base = next(case["inputs"] for case in CASES if case["calculator"] == name)
    with pytest.raises(CalculatorInputError) as caught:
        run_calculator(name, {**base, key: value})
    assert caught.value.field == key and str(year) in caught.value.reason
