"""Conversation specs of the CGS calculators, and the choice between the termination ones.

Leaving a subscription has three calculators, chosen from the facts once they are read:

* Premium Solo, or a plan not named without a CGS acceptance date → `subscription_termination`
  ("tout mois entamé est dû", CGS 2.1.d / 2.2.g);
* Premium Plus (or a CGS acceptance date, which opens the 6.2 periods) with the request inside
  the 3 months from acceptance, or with the monthly price the 30 % cap needs →
  `premium_plus_early_termination` (CGS 6.2, L444-8);
* the same, but asking whether it is still possible without a price → the reflection
  calculator, which gives both the 7-day and the 3-month ends;
* Premium Plus with the request after the 3-month window → `subscription_termination`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from bot.calcchat import _cues as C
from bot.calcchat._engine import Draft, Spec
from bot.calcchat._facts import Facts
from bot.calcchat._readers import (
    amount_kinds,
    bare_amount,
    first_label,
    json_number,
    suspicious_amount,
    yes_no,
)
from bot.calcchat._triggers import MISFORTUNE, PLUS, SOLO
from bot.calculators.cgs_common import unilateral_window_last_day

_ALWAYS = re.compile("")
_SUBSCRIBED = re.compile(f"{C.ACCEPT.pattern}|{C.SUBSCRIBE.pattern}")
# Using the access codes is reaching the Platform: logging in, or following any content.
_CODES_USED = C.cue(
    r"(?:ai|j'ai|have|i've|i have|already) (?:deja )?(?:utilise|used|logged|connecte|accessed)"
    r"|me suis (?:deja )?connecte|s'est (?:deja )?connecte|(?:has|have) (?:already )?(?:logged"
    r"|used|accessed)|a (?:deja )?utilise|(?:used|utilise) (?:my|mes|ses|his|her|their|les|the)"
    r" (?:codes?|identifiants)"
    r"|logged in|suis alle sur la plateforme|(?:suivi|ouvert|commence|regarde|fait|lu|termine)"
    r" (?:\w+ ){0,4}(?:cours|chapitres?|lecons?|modules?|projets?|videos?)|(?:opened|started"
    r"|took|watched|followed|did|read|completed|finished) (?:\w+ ){0,4}(?:courses?|chapters?"
    r"|lessons?|modules?|projects?|videos?)"
)
_CODES_UNUSED = C.cue(
    r"(?:pas|jamais|not|never) (?:encore |yet )?(?:utilise|used|logged|connecte|accessed)"
    r"|haven'?t (?:yet )?(?:used|logged|accessed)|me suis (?:pas|jamais) connecte"
    r"|ne me suis (?:pas|jamais)|not (?:yet )?logged"
)
_PROVISIONS = (
    (C.cue(r"prix|tarif\w*|price\w*|pricing|cout\w*|cost\w*"), ("prix", "price")),
    (C.cue(r"duree|duration|length"), ("durée", "duration")),
    (
        C.cue(r"caracteristiques?|characteristics?|features?|contenu|content"),
        ("caractéristiques", "characteristics"),
    ),
)
_OTHER_CHANGE = C.cue(
    r"(?:seule?s?|seulement|uniquement|only|just) (?P<what>(?:l'|la |le |les |the |a |un |une )?"
    r"[\w' -]{3,60}?) (?:change\w*|est modifie\w*|sont modifie\w*|a change|was changed"
    r"|is changed|changed|evolue\w*)"
)
_PLAN_ANSWER = (
    (C.cue(r"plus\b"), "premium_plus"),
    (C.cue(r"solo\b"), "premium_solo"),
)
_MONTHS_PAID = C.cue(r"paye\w*|paid|regle\w*|verse\w*")
_CAUSES = (
    (C.cue(r"cas fortuit|fortuitous"), "cas_fortuit"),
    (C.cue(r"force majeure|act of god"), "force_majeure"),
)


def _amount(facts: Facts, draft: Draft, asking: Sequence[str], key: str) -> None:
    kinds = amount_kinds(facts)
    value = kinds.get("monthly") or kinds.get("other")
    if value is None and key in asking:
        value = bare_amount(facts)
    if value is not None:
        draft.put(key, json_number(value))
    elif (written := suspicious_amount(facts)) is not None:
        draft.unreadable[key] = written
        draft.facts.add(key)


def _solo_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    used = None
    if facts.has(_CODES_UNUSED):
        used = False
    elif facts.has(_CODES_USED):
        used = True
    if used is None:
        used = yes_no(facts, "access_codes_used" in asking)
    if used is not None:
        draft.put("access_codes_used", used, fact=False)


def _late_payment_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    kinds = amount_kinds(facts)
    value = kinds.get("other") or kinds.get("monthly") or kinds.get("paid")
    if value is None and "amount_due_eur" in asking:
        value = bare_amount(facts)
    if value is not None:
        draft.put("amount_due_eur", json_number(value))
    elif (written := suspicious_amount(facts)) is not None:
        draft.unreadable["amount_due_eur"] = written
        draft.facts.add("amount_due_eur")
    if facts.has(C.UNPAID) and "payment_date" not in draft.inputs:
        # Still unpaid: the calculator gives the fee and the formula, interest to come.
        draft.put("payment_date", None, fact=False)
    _several_sums(facts, draft)


def _several_sums(facts: Facts, draft: Draft) -> None:
    """ "deux mensualités de 300 €, dues le 5 mars et le 5 avril": one sum per due date (the
    EUR 40 fee of 3.2 is owed per unpaid sum); one amount stated goes with every date."""
    dues = [
        m
        for m in facts.mentions
        if isinstance(m.value, date)
        and not isinstance(m.value, datetime)
        and C.DUE.search(facts.folded, max(0, m.start - _DUE_REACH), m.start)
    ]
    if len(dues) < 2 or "amount_due_eur" not in draft.inputs:
        return
    days = [m.value.isoformat() for m in dues if isinstance(m.value, date)]
    amounts = [json_number(a.value) for a in facts.amounts if not a.suspicious]
    if len(amounts) != len(days):
        amounts = [draft.inputs["amount_due_eur"]] * len(days)
    for key in ("amount_due_eur", "due_date"):
        draft.inputs.pop(key, None)
    for key in ("payment_date", "as_of_date"):  # a due date taken for another day
        if draft.inputs.get(key) in days:
            draft.inputs.pop(key)
    if "payment_date" not in draft.inputs and facts.has(C.UNPAID):
        draft.put("payment_date", None, fact=False)
    draft.put("amounts_due_eur", amounts)
    draft.put("due_dates", days)


_DUE_REACH = 25


def _modification_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    labels = first_label(facts, _PROVISIONS)
    if labels is None and (found := _OTHER_CHANGE.search(facts.folded)):
        # "seule l'adresse du siège change": a change the 30-day right does not cover.
        draft.put("modified_provision", facts.text[found.start("what") : found.end("what")])
        return
    if labels is not None:
        draft.put("modified_provision", labels[0 if facts.language == "fr" else 1], fact=False)


def _force_majeure_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    cause = first_label(facts, _CAUSES)
    if cause is None:
        found = MISFORTUNE.search(facts.folded)
        # Named in the learner's words; the calculator says the documents do not decide it.
        cause = facts.text[found.start() : found.end()] if found else "force_majeure"
    draft.put("cause", cause, fact=False)
    if facts.has(SOLO) and not facts.has(PLUS):
        draft.put("plan", "premium_solo", fact=False)
    _amount(facts, draft, asking, "monthly_price_eur")


def _termination_extras(facts: Facts, draft: Draft, asking: Sequence[str]) -> None:
    plan = first_label(facts, ((PLUS, "premium_plus"), (SOLO, "premium_solo")))
    if plan is None and "plan" in asking:
        plan = first_label(facts, _PLAN_ANSWER)
    if plan is not None:
        draft.put("plan", plan, fact=False)
    kinds = amount_kinds(facts)
    _amount(facts, draft, asking, "monthly_price_eur")
    if "paid" in kinds:
        draft.put("total_paid_eur", json_number(kinds["paid"]))
    for duration in facts.durations:
        before = facts.folded[max(0, duration.start - 25) : duration.start]
        if duration.unit == "months" and _MONTHS_PAID.search(before):
            draft.put("months_paid", int(duration.value))
            break


# The union of what the termination calculators read; routed afterwards.
TERMINATION = Spec(
    "termination",
    required=("acceptance_date", "subscription_start_date", "cancellation_date"),
    cues={
        "acceptance_date": C.ACCEPT,
        "subscription_start_date": C.SUBSCRIBE,
        "cancellation_date": C.CANCEL,
    },
    now_key="cancellation_date",
    today_if=C.WANTS_NOW,
    extras=_termination_extras,
)

SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        Spec(
            "premium_plus_reflection_period",
            ("acceptance_date",),
            cues={"acceptance_date": _SUBSCRIBED, "query_date": C.CANCEL},
            now_key="query_date",
            today_if=C.WANTS_NOW,
        ),
        Spec(
            "premium_plus_early_termination",
            ("acceptance_date", "monthly_price_eur", "termination_request_date"),
            cues={"acceptance_date": _SUBSCRIBED, "termination_request_date": C.CANCEL},
            now_key="termination_request_date",
            today_if=C.WANTS_NOW,
            extras=_termination_extras,
        ),
        Spec(
            "subscription_termination",
            ("plan", "subscription_start_date", "cancellation_date"),
            cues={"subscription_start_date": _SUBSCRIBED, "cancellation_date": C.CANCEL},
            now_key="cancellation_date",
            today_if=C.WANTS_NOW,
            satisfied_by={"subscription_start_date": ("acceptance_date",)},
            extras=_termination_extras,
        ),
        Spec(
            "premium_solo_withdrawal",
            ("subscription_date", "access_codes_used"),
            cues={"subscription_date": _SUBSCRIBED, "request_date": C.CANCEL},
            now_key="request_date",
            today_if=C.WANTS_NOW,
            extras=_solo_extras,
        ),
        Spec(
            "late_payment",
            ("amount_due_eur", "due_date", "payment_date"),
            cues={"due_date": C.DUE, "payment_date": C.PAID},
            now_key="as_of_date",
            satisfied_by={
                "payment_date": ("as_of_date",),
                "amount_due_eur": ("amounts_due_eur",),
                "due_date": ("due_dates",),
            },
            extras=_late_payment_extras,
        ),
        Spec(
            "cgs_modification_termination_deadline",
            ("notification_date", "modified_provision"),
            cues={"notification_date": C.CGS_NOTICE, "effective_date": C.EFFECTIVE},
            extras=_modification_extras,
        ),
        Spec(
            "force_majeure_termination",
            ("termination_request_date",),
            cues={"acceptance_date": _SUBSCRIBED, "termination_request_date": C.CANCEL},
            now_key="termination_request_date",
            today_if=C.WANTS_NOW,
            extras=_force_majeure_extras,
        ),
    )
}

# Termination inputs under the union's names, per calculator (union name -> input name).
_RENAME: Mapping[str, Mapping[str, str]] = {
    "premium_plus_early_termination": {"cancellation_date": "termination_request_date"},
    "premium_plus_reflection_period": {"cancellation_date": "query_date"},
    "subscription_termination": {},
}
_EARLY_KEYS = frozenset(
    [
        "acceptance_date",
        "termination_request_date",
        "monthly_price_eur",
        "total_paid_eur",
        "months_paid",
    ]
)
_SUBSCRIPTION_KEYS = frozenset(
    ["plan", "subscription_start_date", "acceptance_date", "cancellation_date", "monthly_price_eur"]
)


def to_union(calculator: str, keys: Mapping[str, Any], *, inputs: bool = True) -> dict[str, Any]:
    """A termination calculator's inputs (or, `inputs=False`, other state keyed by input)
    under the union's names; the Premium Plus calculators imply their plan."""
    back = {v: k for k, v in _RENAME.get(calculator, {}).items()}
    union = {back.get(key, key): value for key, value in keys.items()}
    plus = calculator in ("premium_plus_early_termination", "premium_plus_reflection_period")
    if inputs and plus:
        union.setdefault("plan", "premium_plus")
    return union


def route_termination(values: Mapping[str, Any], facts: Facts) -> str:
    """Which termination calculator the gathered facts call for (see the module docstring)."""
    plan = values.get("plan")
    if plan == "premium_solo":
        return "subscription_termination"
    accepted = values.get("acceptance_date")
    if plan != "premium_plus" and accepted is None:
        return "subscription_termination"
    start = _day(accepted or values.get("subscription_start_date"))
    cancel = _day(values.get("cancellation_date"))
    price = values.get("monthly_price_eur")
    within = None
    if start is not None and cancel is not None:
        try:
            within = cancel <= unilateral_window_last_day(start)
        except (ValueError, OverflowError):  # a stored year near 9999
            within = None
    if within is False:
        return "subscription_termination"
    if price is None and start is not None and facts.has(C.STILL):
        return "premium_plus_reflection_period"
    if price is not None or within:
        return "premium_plus_early_termination"
    return "subscription_termination"


def _day(value: object) -> date | None:
    """An ISO day from the gathered inputs (a stored state may hold anything)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def from_union(calculator: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The union's values renamed and restricted to `calculator`'s inputs."""
    rename = _RENAME[calculator]
    if calculator == "premium_plus_reflection_period":
        start = values.get("acceptance_date") or values.get("subscription_start_date")
        out = {"acceptance_date": start, "query_date": values.get("cancellation_date")}
        return {k: v for k, v in out.items() if v is not None}
    if calculator == "premium_plus_early_termination":
        renamed = {rename.get(k, k): v for k, v in values.items()}
        if "acceptance_date" not in renamed and "subscription_start_date" in values:
            renamed["acceptance_date"] = values["subscription_start_date"]
        return {k: v for k, v in renamed.items() if k in _EARLY_KEYS}
    out = {k: v for k, v in values.items() if k in _SUBSCRIPTION_KEYS}
    if out.get("plan") != "premium_plus" and "acceptance_date" in out:
        out.setdefault("subscription_start_date", out.pop("acceptance_date"))
        out.pop("acceptance_date", None)
    return out
