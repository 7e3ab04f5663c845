# ruff: noqa: E501
# (sentences read better unbroken)
"""The opening of an answer whose calculation still lacks a fact: what the documents decide
without it, computed from the facts already given when they allow.

    partial_answer(intent, language, today) -> (lead, whether it decides the yes or no)

"J'ai accepté les CGS le 1er mars, je résilie le 15 avril : combien serai-je remboursé ?"
lacks the monthly price, yet the 3-month window is known: "Votre demande du 15 avril 2026
est dans la fenêtre de 3 mois (jusqu'au 1er juin 2026) : … 30 % au plus du prix de
l'Abonnement". Only a calculator computes: the window comes from running the reflection
calculator on the dates known; with nothing computable, the rule is stated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.calcchat._answers import NO_VERDICT, Answer, Case, compose
from bot.calcchat._answers_cgs import BUILDERS as CGS_BUILDERS
from bot.calcchat._answers_cgs import REFUND_WORDS
from bot.calcchat._answers_regs import BUILDERS as REGS_BUILDERS
from bot.calcchat._format import Lang
from bot.calculators import run_calculator
from bot.errors import CalculatorInputError

if TYPE_CHECKING:
    from bot.calcchat import CalcIntent

# What the documents decide, per calculator, when no figure can be computed yet.
RULES: Mapping[str, tuple[str, str]] = {
    "premium_plus_reflection_period": ("En Premium Plus, vous disposez d'un délai de réflexion de 7 jours à compter de l'acceptation des CGS, et pendant 3 mois vous pouvez résilier avec une indemnité de 30 % au plus du prix de l'Abonnement.", "With Premium Plus you have a 7-day reflection period from the acceptance of the CGS, and for 3 months you can terminate with an indemnity of at most 30% of the subscription price."),
    "premium_plus_early_termination": ("Dans les 3 mois suivant l'acceptation des CGS, vous pouvez résilier votre abonnement Premium Plus avec une indemnité de 30 % au plus du prix de l'Abonnement ; ensuite, tout mois entamé est dû.", "Within 3 months of accepting the CGS you can terminate your Premium Plus subscription with an indemnity of at most 30% of the subscription price; after that, every started month is due."),
    "subscription_termination": ("Vous pouvez résilier à tout moment : l'accès dure jusqu'à la fin de la période mensuelle en cours, tout mois entamé est dû et rien n'est remboursé.", "You can cancel at any time: access lasts until the end of the current monthly period, every started month is due and nothing is refunded."),
    "premium_solo_withdrawal": ("Une fois vos codes d'accès utilisés, l'annulation de Premium Solo n'est plus possible (CGS 6.1) ; reste la résiliation ordinaire, où tout mois entamé est dû.", "Once your access codes have been used, Premium Solo can no longer be cancelled (CGS 6.1); an ordinary termination remains, where every started month is due."),
    "force_majeure_termination": ("En cas de force majeure ou de cas fortuit qui vous empêche de suivre l'enseignement, la résiliation se fait sans indemnité et sans limite de temps.", "When force majeure or a fortuitous event prevents you from following the course, termination carries no indemnity and no time limit."),
    "late_payment": ("Toute somme impayée à l'échéance produit des intérêts au taux légal, sans mise en demeure, et 40 € de frais forfaitaires de recouvrement.", "Any sum unpaid when due bears interest at the legal rate, without formal notice, plus a EUR 40 flat recovery fee."),
    "cgs_modification_termination_deadline": ("Après une modification de la durée, des caractéristiques ou du prix des Services, vous avez 30 jours pour résilier.", "After a change to the duration, characteristics or price of the Services, you have 30 days to terminate."),
    "absence_notice": ("Il faut prévenir votre mentor plus de 24 h avant la séance, avec un justificatif, pour qu'elle soit reportée dans les 4 jours ; sinon, c'est une absence non autorisée.", "Your mentor must be told more than 24 h before the session, with a justification, for it to be rescheduled within 4 days; otherwise it is an unauthorized absence."),
    "lateness_classification": ("Un retard de plus de 15 minutes compte comme une absence non autorisée.", "Being more than 15 minutes late counts as an unauthorized absence."),
    "consecutive_unauthorized_absences": ("Après 2 absences non autorisées consécutives, une sanction de niveau 1 est possible ; au-delà, des sanctions de niveau 2 à 3.", "After 2 consecutive unauthorized absences a level 1 sanction is possible; beyond that, level 2 to 3 sanctions."),
    "long_absence_reporting": ("Une absence de plus de 15 jours consécutifs doit être signalée sans délai aux services pédagogiques, avec un justificatif, ainsi qu'au mentor.", "An absence of more than 15 consecutive days must be reported promptly to the educational services, with a justification, and to the mentor."),
    "inactivity_advisor_contact": ("Après plus d'une semaine et jusqu'à 15 jours d'inactivité, votre conseiller vous contacte.", "After more than a week and up to 15 days of inactivity, your advisor contacts you."),
    "notification_deadline_48h": ("Ces notifications se font dans les 48 heures suivant l'événement, week-ends et jours fériés compris.", "These notices are due within 48 hours of the event, weekends and public holidays included."),
    "jury_resubmission_deadline": ("Après un refus du jury, vous avez 6 mois pour soumettre de nouveaux projets.", "After a jury refusal you have six months to submit new projects."),
    "max_path_completion": ("Avec une interruption, le parcours doit être terminé dans les 3 ans suivant le premier jour de formation.", "With an interruption, the Path must be completed within 3 years of the first training day."),
    "disciplinary_grievance_notice": ("Les griefs doivent être communiqués 8 jours avant le conseil de discipline.", "The grievances must be communicated 8 days before the Disciplinary Council."),
    "disciplinary_decision_window": ("La décision est notifiée au plus tôt 2 jours après le conseil et au plus tard 15 jours après l'entretien ; elle n'est pas susceptible d'appel.", "The decision is sent at least 2 days after the council and at most 15 days after the interview; it cannot be appealed."),
    "temporary_exclusion_period": ("Une exclusion temporaire dure un mois au plus, et ce mois reste dû.", "A temporary exclusion lasts one month at most, and that month remains due."),
    "permanent_exclusion_bar": ("Une exclusion définitive peut s'accompagner d'une interdiction d'un an de toute formation OpenClassrooms ; les frais engagés ne sont pas remboursés.", "A permanent exclusion may come with a one-year bar from any OpenClassrooms training; costs incurred are not refunded."),
    "apprentice_mentoring_slot": ("Pour les apprentis et alternants, les séances de mentorat ont lieu le jour dédié à la formation, entre 8 h et 19 h, jamais le week-end ni un jour férié.", "For apprentices and alternating learners, mentoring sessions take place on the training day, between 8 AM and 7 PM, never on weekends or public holidays."),
}  # fmt: skip


def partial_lead(intent: CalcIntent, language: Lang, today: date) -> str:
    return partial_answer(intent, language, today)[0]


def partial_answer(intent: CalcIntent, language: Lang, today: date) -> tuple[str, bool]:
    """The lead, and whether it already gives the yes or no the question asks (a slot on a
    Saturday is refused whatever its hour: the missing facts would change nothing)."""
    builder = _COMPUTED.get(intent.calculator)
    found = None if builder is None else builder(intent)
    if found is not None:
        answer, result, inputs = found
        case = Case(result, inputs, intent.question, today)
        decided = isinstance(answer.verdict, bool) and intent.question.wants_yes_or_no
        return compose(answer, case, language), decided
    rule = RULES.get(intent.calculator)
    return ("" if rule is None else rule[0 if language == "fr" else 1]), False


Found = tuple[Answer, Mapping[str, Any], Mapping[str, Any]] | None


def _run(name: str, inputs: Mapping[str, Any]) -> dict[str, Any] | None:
    try:
        return run_calculator(name, inputs).result
    except CalculatorInputError:
        return None


def _window(intent: CalcIntent) -> Found:
    """Premium Plus termination without the price: the 3-month window decides already."""
    inputs = intent.inputs
    accepted = inputs.get("acceptance_date") or inputs.get("subscription_start_date")
    if accepted is None or (inputs.get("plan") or "premium_plus") != "premium_plus":
        return None
    asked = inputs.get("termination_request_date") or inputs.get("cancellation_date")
    query = {"acceptance_date": accepted, "query_date": asked}
    result = _run("premium_plus_reflection_period", {k: v for k, v in query.items() if v})
    if result is None:
        return None
    return _window_answer(intent, result), result, query


def _window_answer(intent: CalcIntent, result: Mapping[str, Any]) -> Answer:
    within = result["query_in_three_month_window"]
    if within is None:
        return Answer(
            NO_VERDICT,
            "la fenêtre de 3 mois court jusqu'au {three_month_window_last_day} inclus (CGS acceptées le {i_acceptance_date}) : jusque-là, vous pouvez résilier avec une indemnité de 30 % au plus du prix de l'Abonnement ; ensuite, tout mois entamé est dû.",
            "the 3-month window runs until {three_month_window_last_day} inclusive (CGS accepted on {i_acceptance_date}): until then you can terminate with an indemnity of at most 30% of the subscription price; after that, every started month is due.",
        )
    if not within:
        return Answer(
            False,
            "plus dans la fenêtre de 3 mois, close le {three_month_window_last_day} : votre demande du {i_query_date} est une résiliation ordinaire, où tout mois entamé est dû, sans remboursement.",
            "no longer within the 3-month window, which closed on {three_month_window_last_day}: your request of {i_query_date} is an ordinary termination, where every started month is due, with no refund.",
        )
    if intent.question.kind == "amount" and intent.question.about(REFUND_WORDS):
        return Answer(
            NO_VERDICT,
            "cela dépend de votre prix mensuel : votre demande du {i_query_date} est dans la fenêtre de 3 mois (jusqu'au {three_month_window_last_day}), où seule une indemnité de 30 % au plus du prix de l'Abonnement peut être retenue sur ce que vous avez versé.",
            "it depends on your monthly price: your request of {i_query_date} is inside the 3-month window (until {three_month_window_last_day}), where only an indemnity of at most 30% of the subscription price may be retained from what you paid.",
        )
    if intent.question.kind == "amount":
        return Answer(
            NO_VERDICT,
            "au plus 30 % du prix de l'Abonnement (un mois d'abonnement) : votre demande du {i_query_date} est dans la fenêtre de 3 mois (jusqu'au {three_month_window_last_day}) ; le montant dépend de votre prix mensuel.",
            "at most 30% of the subscription price (one month of subscription): your request of {i_query_date} is inside the 3-month window (until {three_month_window_last_day}); the amount depends on your monthly price.",
        )
    return Answer(
        True,
        "votre demande du {i_query_date} est dans la fenêtre de 3 mois (jusqu'au {three_month_window_last_day}) : vous pouvez résilier, avec une indemnité plafonnée à 30 % du prix de l'Abonnement.",
        "your request of {i_query_date} is inside the 3-month window (until {three_month_window_last_day}): you can terminate, with an indemnity capped at 30% of the subscription price.",
    )


def _termination(intent: CalcIntent) -> Found:
    window = _window(intent)
    if window is not None or intent.inputs.get("plan") == "premium_plus":
        return window
    # Without the plan, the billing of "tout mois entamé est dû" is the same for both.
    inputs = {"plan": "premium_solo", **intent.inputs}
    result = _run("subscription_termination", inputs)
    if result is None:
        return None
    return (
        CGS_BUILDERS["subscription_termination"](Case(result, inputs, intent.question, date.min)),
        result,
        inputs,
    )


def _late_payment(intent: CalcIntent) -> Found:
    """The sum and its due date known: the fee and the interest formula, payment to come."""
    inputs = {k: v for k, v in intent.inputs.items() if k != "payment_date"}
    result = _run("late_payment", {**inputs, "payment_date": None})
    if result is None:
        return None
    case = Case(result, inputs, intent.question, date.min)
    return CGS_BUILDERS["late_payment"](case), result, inputs


def _session_notice(intent: CalcIntent) -> Found:
    """The session known, the notice not: by when the mentor must be told."""
    start = intent.inputs.get("session_start")
    if isinstance(start, str):
        bound = datetime.fromisoformat(start) - timedelta(hours=24)
        values = {"bound": bound.strftime("%Y-%m-%dT%H:%M"), "session": start}
        return (
            Answer(
                NO_VERDICT,
                "il faut prévenir votre mentor plus de 24 h avant la séance du {session}, soit avant le {bound}, avec un justificatif ; sinon, c'est une absence non autorisée.",
                "your mentor must be told more than 24 h before the session of {session}, i.e. before {bound}, with a justification; otherwise it is an unauthorized absence.",
            ),
            values,
            {},
        )
    day = intent.partial.get("session_start")
    if day is None:
        return None
    values = {"bound": (date.fromisoformat(day) - timedelta(days=1)).isoformat()}
    return (
        Answer(
            NO_VERDICT,
            "il faut prévenir votre mentor plus de 24 h avant la séance : avant le {bound}, à l'heure de la séance, avec un justificatif ; sinon, c'est une absence non autorisée.",
            "your mentor must be told more than 24 h before the session: before {bound}, at the time of the session, with a justification; otherwise it is an unauthorized absence.",
        ),
        values,
        {},
    )


def _notice_48h(intent: CalcIntent) -> Found:
    """Every 48-hour notice of the Regulations runs the same 48 hours from its event."""
    moment = intent.inputs.get("event_time")
    if isinstance(moment, str):
        deadline = datetime.fromisoformat(moment) + timedelta(hours=48)
        values = {"deadline": deadline.strftime("%Y-%m-%dT%H:%M")}
        text = (
            "au plus tard le {deadline} : les notifications du règlement intérieur se font dans les 48 heures suivant l'événement, week-ends et jours fériés compris.",
            "by {deadline} at the latest: the notices of the Regulations are due within 48 hours of the event, weekends and public holidays included.",
        )
    elif (day := intent.partial.get("event_time")) is not None:
        values = {"deadline": (date.fromisoformat(day) + timedelta(days=2)).isoformat()}
        text = (
            "au plus tard le {deadline}, à la même heure que l'événement : ces notifications se font dans les 48 heures, week-ends et jours fériés compris.",
            "by {deadline} at the latest, at the same time of day as the event: these notices are due within 48 hours, weekends and public holidays included.",
        )
    else:
        return None
    if intent.on is not None and values["deadline"][:10] < intent.on.isoformat():
        # Told about it only now ("they're only telling us today"): say the 48 hours are over.
        values["past"] = intent.on.isoformat()
        text = (
            f"{text[0]} Ce délai est dépassé (nous sommes le {{past}}) : prévenez sans attendre.",
            f"{text[1]} That deadline has passed (today is {{past}}): notify without delay.",
        )
    return Answer(NO_VERDICT, *text), values, {}


def _slot(intent: CalcIntent) -> Found:
    """The length unknown: a weekend, a holiday or an early start already decide."""
    inputs = {"duration_minutes": 1, **intent.inputs}
    day_only = "start" not in inputs and "start" in intent.partial
    if day_only:
        # "Samedi matin": the day alone decides a weekend or a holiday (any hour in range).
        inputs["start"] = f"{intent.partial['start']}T10:00"
    result = _run("apprentice_mentoring_slot", inputs)
    if result is None or "duration_minutes" in intent.inputs:
        return None
    case = Case(result, inputs, intent.question, date.min)
    by_day = [r for r in result["reasons"] if r.startswith(("weekend", "public holiday"))]
    if day_only:
        if result["allowed"] is False and by_day:
            return REGS_BUILDERS["apprentice_mentoring_slot"](case), result, inputs
        return None
    if result["allowed"] is False and "ends after 19:00" not in result["reasons"]:
        return REGS_BUILDERS["apprentice_mentoring_slot"](case), result, inputs
    if result["allowed"] is False or not result["restriction_applies"]:
        return None
    return (
        Answer(
            None,
            "seulement si la séance se termine au plus tard à 19 h : le jour et l'heure de début respectent l'article 2.4 (jour ouvré entre 8 h et 19 h, hors jours fériés, le jour dédié à la formation).",
            "only if the session ends by 7 PM: the day and start time meet Article 2.4 (a weekday between 8 AM and 7 PM, not a public holiday, on the training day).",
        ),
        result,
        inputs,
    )


_COMPUTED: Mapping[str, Callable[[CalcIntent], Found]] = {
    "apprentice_mentoring_slot": _slot,
    "premium_plus_early_termination": _window,
    "premium_plus_reflection_period": _window,
    "subscription_termination": _termination,
    "late_payment": _late_payment,
    "absence_notice": _session_notice,
    "notification_deadline_48h": _notice_48h,
}
