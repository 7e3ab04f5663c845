"""Calculators in the conversation: recognise one, gather its inputs, ask for the rest.

    detect_calculation(message, language=, today=, pending=)  -> CalcIntent | None
    ask_for_missing(intent, language)                         -> one question for the gaps
    describe_result(result, language)                         -> markdown: figures, table, caveat
    pending_state(intent)                                     -> JSON state for the next turn

A calculator is proposed only when the message calls for one (`_triggers`) *and* states a
fact of the learner's own case (a date, a sum, a count, a duration) or asks "until when /
how much / is it too late" about it; a plain question about a rule returns None and is
answered from the documents. Facts are read by `bot.understand`; dates resolve against the
`today` passed in, never the clock. A fact that cannot be read ("31 février") is listed in
`unreadable` and asked for again, never guessed.

With `pending` (the state of an incomplete turn) the message is read as the answer: "le 3
mars" or "300 €" fill the inputs that were asked for, even without any trigger word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from bot.calcchat import _cgs
from bot.calcchat._cues import CORRECTING, HYPOTHESIS, OWN_CASE, OWN_INTENT, OWN_WHEN
from bot.calcchat._describe import Described, describe_result, described
from bot.calcchat._engine import (
    Draft,
    Known,
    Spec,
    check_with_calculator,
    fill,
    follow_up_keys,
    merge,
    missing_keys,
)
from bot.calcchat._facts import Facts, fold, read_facts
from bot.calcchat._question import Question, asks_something, read_question
from bot.calcchat._regs import SPECS as REGS_SPECS
from bot.calcchat._reply import CalcParts, calculation_parts
from bot.calcchat._triggers import PLUS, SOLO, TERMINATION, recognise
from bot.calcchat._wording import ask_for_missing
from bot.understand.language import Lang

__all__ = [
    "PREMIUM_PLUS_ONLY",
    "CalcIntent",
    "CalcParts",
    "Described",
    "ask_for_missing",
    "calculation_parts",
    "describe_result",
    "described",
    "detect_calculation",
    "names_a_plan",
    "pending_state",
]

SPECS: Mapping[str, Spec] = {**_cgs.SPECS, **REGS_SPECS}
# Calculators of CGS 6.2, which the conversation also picks when a learner gives a CGS
# acceptance date without naming a plan (only Premium Plus has periods counted from it).
PREMIUM_PLUS_ONLY = frozenset(["premium_plus_reflection_period", "premium_plus_early_termination"])
_TERMINATION_FAMILY = frozenset(
    ["premium_plus_early_termination", "subscription_termination", TERMINATION]
)
# A reflection-period question followed by "300 €/mois, je veux arrêter" becomes a termination.
_LEAVING = _TERMINATION_FAMILY | {"premium_plus_reflection_period"}


@dataclass(frozen=True)
class CalcIntent:
    calculator: str
    inputs: dict[str, Any]  # JSON-able calculator inputs gathered so far
    missing: list[str]  # required input keys still unknown, in the order to ask
    unreadable: list[str]  # keys whose fact was given but could not be read ("31 février")
    unreadable_text: dict[str, str] = field(default_factory=dict)  # key -> what was written
    partial: dict[str, str] = field(default_factory=dict)  # datetime key -> day, hour missing
    question: Question = field(default_factory=lambda: Question("other"))  # what is asked
    today: date | None = None  # the learner's today, when they named it ("on est le 20 mai")
    assumed_today: list[str] = field(default_factory=list)  # inputs set to today by default
    on: date = date.min  # the day the learner speaks on: the one they named, else the caller's

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unreadable

    @property
    def facts_given(self) -> bool:
        """Whether the learner gave a fact of their own case: a date, a time or a figure (a
        plan or a kind of event alone decides no date; a today taken by default is not
        given)."""
        if self.partial or self.unreadable:
            return True
        for key, value in self.inputs.items():
            if key in self.assumed_today or isinstance(value, bool):
                continue
            if isinstance(value, int | float) or (isinstance(value, str) and _DATED.match(value)):
                return True
        return False


_DATED = re.compile(r"\d{4}-\d{2}-\d{2}")


def pending_state(intent: CalcIntent) -> dict[str, Any]:
    """What the conversation stores so that the next message can complete `intent`."""
    return {
        "calculator": intent.calculator,
        "inputs": dict(intent.inputs),
        "missing": list(intent.missing),
        "unreadable": list(intent.unreadable),
        "unreadable_text": dict(intent.unreadable_text),
        "partial": dict(intent.partial),
        "question": intent.question.to_state(),
        "today": None if intent.today is None else intent.today.isoformat(),
        "done": intent.complete,
    }


def detect_calculation(
    message: str,
    *,
    language: Literal["fr", "en"],
    today: date,
    pending: dict[str, Any] | None = None,
    previous: object = None,
) -> CalcIntent | None:
    """The calculation `message` calls for (merged with `pending`), or None. `previous`, the
    learner's previous message, is read with a message that only gives facts ("It was on 30
    April") when it asked about a situation a calculator handles."""
    known = _known(pending)
    named_today = _stored_day(pending, "today")
    anchor = None if known is None else _anchor(known[1].inputs)
    facts = read_facts(message, language, named_today or today, anchor)
    intent = _intent(facts, known)
    asked = message
    lacking = _states_facts(facts) if intent is None else not intent.complete
    if known is None and isinstance(previous, str) and lacking:
        both = f"{previous[:_PREVIOUS_CHARS]}\n{message}"
        together = _with_previous(previous, both, language, named_today or today)
        if _better(together, intent, facts):
            intent, asked = together, both
    if intent is None:
        return None
    question = read_question(message) if asks_something(message) else None
    if question is None and isinstance(pending, Mapping):
        question = Question.from_state(pending.get("question"))
    if question is None and asked != message:
        question = read_question(asked)
    named = facts.stated_today or named_today
    return replace(
        intent,
        question=question or read_question(message),
        today=named,
        assumed_today=_assumed_today(intent, today if named is None else None),
        on=named or today,
    )


def _states_facts(facts: Facts) -> bool:
    return bool(facts.mentions or facts.amounts or facts.durations or facts.counts)


def _with_previous(previous: str, both: str, language: Lang, today: date) -> CalcIntent | None:
    """The calculation the previous message and this one call for, read together."""
    facts = read_facts(both, language, today)
    recognised = recognise(facts)
    return None if recognised is None else _start(recognised, facts)


def _better(together: CalcIntent | None, alone: CalcIntent | None, facts: Facts) -> bool:
    """Read with the previous message: a message of facts alone ("It was on 30 April")
    finds its calculation, and a question ("puis-je encore me rétracter ?") the facts the
    learner gave just before, for the same calculation."""
    if together is None:
        return False
    if alone is None:
        return _states_facts(facts)
    family = {together.calculator, alone.calculator} <= _TERMINATION_FAMILY | _LEAVING
    if together.calculator != alone.calculator and not family:
        return False
    return len(together.missing) + len(together.unreadable) < len(alone.missing)


_PREVIOUS_CHARS = 1000


def _intent(facts: Facts, known: tuple[str, Known] | None) -> CalcIntent | None:
    recognised = recognise(facts)
    if known is not None and recognised is not None and not _same_family(recognised, known[0]):
        # The fact asked for wins over a word of another topic ("l'exclusion date du 1er
        # mars" answers the permanent exclusion's question, not a temporary one); so does a
        # short change to a calculation that ran, when the other topic could not run anyway.
        done = known[1].done
        answered = (
            _continue(known[0], known[1], facts, None) if not done or _amends(facts) else None
        )
        fresh = _start(recognised, facts)
        if answered is not None:
            fills = set(known[1].missing) - set(answered.missing)
            if (not done and fills) or (done and (fresh is None or not fresh.complete)):
                return answered
        if fresh is not None:
            return fresh
    if known is not None and (not known[1].done or _amends(facts)):
        continued = _continue(known[0], known[1], facts, recognised)
        if continued is not None or recognised is None:
            return continued
    return None if recognised is None else _start(recognised, facts)


# Dates that later turns count from ("deux mois plus tard"), most telling first.
_ANCHORS = (
    "acceptance_date",
    "subscription_start_date",
    "subscription_date",
    "first_training_day",
    "exclusion_start_date",
    "first_day",
    "due_date",
    "last_activity_date",
    "notification_date",
    "council_date",
    "jury_refusal_date",
    "sanction_date",
)


def _anchor(inputs: Mapping[str, Any]) -> date | None:
    for key in _ANCHORS:
        day = _stored_day(inputs, key)
        if day is not None:
            return day
    return None


def _stored_day(values: Mapping[str, Any] | None, key: str) -> date | None:
    if not isinstance(values, Mapping):
        return None
    value = values.get(key)
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _assumed_today(intent: CalcIntent, today: date | None) -> list[str]:
    """The input the calculation took to be today without the learner saying so."""
    spec = SPECS.get(intent.calculator)
    now_key = None if spec is None else spec.now_key
    if today is None or now_key is None:
        return []
    return [now_key] if intent.inputs.get(now_key) == today.isoformat() else []


def _same_family(recognised: str, pending_calculator: str) -> bool:
    if recognised == pending_calculator:
        return True
    return recognised in _TERMINATION_FAMILY and pending_calculator in _LEAVING


def _known(pending: Mapping[str, Any] | None) -> tuple[str, Known] | None:
    """The state saved by `pending_state`, or None when absent or not one of ours."""
    if not isinstance(pending, Mapping):
        return None
    calculator = pending.get("calculator")
    if not isinstance(calculator, str) or calculator not in SPECS:
        return None
    partial = {k: v for k, v in _mapping(pending.get("partial")).items() if _is_day(v)}
    asked = [*_strings(pending.get("missing")), *_strings(pending.get("unreadable"))]
    known = Known(
        _mapping(pending.get("inputs")),
        _mapping(pending.get("unreadable_text")),
        partial,
        asked,
        pending.get("done") is True,
    )
    return calculator, known


def _mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items()}


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _is_day(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _start(recognised: str, facts: Facts) -> CalcIntent | None:
    if recognised in _TERMINATION_FAMILY:
        return _termination(facts, None)
    spec = SPECS[recognised]
    draft = fill(spec, facts)
    if not draft.facts and not _about_own_case(facts):
        return None
    return _finish(spec, draft)


def _amends(facts: Facts) -> bool:
    """A short follow-up may change a fact of the calculation that just ran ("et si je paie
    300 € par mois ?"); a long message is a new question."""
    return len(facts.text.split()) <= _FOLLOW_UP_WORDS


_FOLLOW_UP_WORDS = 30


def _about_own_case(facts: Facts, *, intent_counts: bool = True) -> bool:
    """Without a fact yet, the message still speaks of the learner's own case. "Je veux
    résilier" alone asks how to cancel (the procedure), not what it costs: an intention
    does not start a termination."""
    own_when = facts.has(OWN_WHEN) and not facts.has(HYPOTHESIS)
    return facts.has(OWN_CASE) or own_when or (intent_counts and facts.has(OWN_INTENT))


def _continue(
    calculator: str, known: Known, facts: Facts, recognised: str | None
) -> CalcIntent | None:
    leaving_now = recognised in _TERMINATION_FAMILY and calculator in _LEAVING
    if calculator in _TERMINATION_FAMILY or leaving_now:
        return _termination(facts, (calculator, known))
    spec = SPECS[calculator]
    draft = fill(spec, facts, follow_up_keys(spec, known, facts.has(CORRECTING)))
    merged = merge(spec, known, draft, facts)
    if not draft.facts and not draft.context and merged.inputs == dict(known.inputs):
        return None
    return _finish(spec, merged)


def _termination(facts: Facts, pending: tuple[str, Known] | None) -> CalcIntent | None:
    """Gather the union of termination facts, then route to one calculator."""
    union = _cgs.TERMINATION
    if pending is None:
        draft = fill(union, facts)
        if not draft.facts and not _about_own_case(facts, intent_counts=False):
            return None
    else:
        calculator, known = pending
        as_union = Known(
            _cgs.to_union(calculator, known.inputs),
            _cgs.to_union(calculator, known.unreadable, inputs=False),
            {},
            list(_cgs.to_union(calculator, dict.fromkeys(known.missing), inputs=False)),
            known.done,
        )
        new = fill(union, facts, follow_up_keys(union, as_union, facts.has(CORRECTING)))
        if not new.facts and not new.context:
            return None
        draft = merge(union, as_union, new, facts)
    name = _cgs.route_termination(draft.inputs, facts)
    routed = Draft(
        inputs=_cgs.from_union(name, draft.inputs),
        unreadable=_cgs.from_union(name, draft.unreadable),
        facts=set(_cgs.from_union(name, dict.fromkeys(draft.facts, True))),
    )
    intent = _finish(SPECS[name], routed)
    if routed.inputs.get("plan") == "premium_plus":
        # For Premium Plus the subscription starts with the CGS acceptance (6.2): ask for that.
        renamed = [
            "acceptance_date" if k == "subscription_start_date" else k for k in intent.missing
        ]
        # A fact already asked for again as unreadable is not also listed as missing.
        missing = [k for k in dict.fromkeys(renamed) if k not in intent.unreadable]
        intent = replace(intent, missing=missing)
    return intent


def _finish(spec: Spec, draft: Draft) -> CalcIntent:
    missing = missing_keys(spec, draft)
    check_with_calculator(spec, draft, missing)
    # What could not be read is asked for again as such, not also as missing.
    missing = [k for k in missing if k not in draft.unreadable]
    return CalcIntent(
        calculator=spec.name,
        inputs=dict(draft.inputs),
        missing=missing,
        unreadable=list(draft.unreadable),
        unreadable_text=dict(draft.unreadable),
        partial={k: v for k, v in draft.partial.items() if k in missing},
    )


def names_a_plan(message: str) -> bool:
    """The message says which plan the learner has (Premium Plus or Premium Solo)."""
    folded = fold(message)
    return PLUS.search(folded) is not None or SOLO.search(folded) is not None
