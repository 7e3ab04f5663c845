"""How a calculator's inputs are gathered from a message, and merged with an earlier turn.

A `Spec` says, for one calculator, which inputs the conversation must obtain (in the order
to ask for them), which cue words point a date at each date input, and how the other inputs
(sums, counts, plans, yes/no answers) are read. `fill` applies it to one message; `merge`
adds what an earlier turn already gave; `finish` lists what is still missing and checks the
inputs with the calculator itself, so that an impossible combination ("cancelled before
subscribing") is asked again instead of reaching the learner as an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.calcchat._assign import NOW, assign
from bot.calcchat._facts import Facts, Mention
from bot.calculators import run_calculator
from bot.errors import CalculatorInputError

ISO_MINUTE = "%Y-%m-%dT%H:%M"


@dataclass
class Draft:
    """Inputs being gathered. `facts` names the inputs the learner stated in this message
    (dates, sums, counts, durations); `context` those read from words (plan, yes/no)."""

    inputs: dict[str, Any] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # key -> what was written
    partial: dict[str, str] = field(default_factory=dict)  # datetime key -> known day
    facts: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)

    def put(self, key: str, value: Any, *, fact: bool = True) -> None:
        self.inputs[key] = value
        self.unreadable.pop(key, None)
        self.partial.pop(key, None)
        (self.facts if fact else self.context).add(key)


Extras = Callable[[Facts, Draft, Sequence[str]], None]


@dataclass(frozen=True)
class Spec:
    name: str
    required: tuple[str, ...]
    cues: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    datetime_keys: frozenset[str] = frozenset()
    range_keys: tuple[str, str] | None = None
    now_key: str | None = None  # the input an explicit "on est le 20 mai" fills
    today_if: re.Pattern[str] | None = None  # fill now_key with today when this matches
    satisfied_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extras: Extras | None = None

    @property
    def date_keys(self) -> tuple[str, ...]:
        keys = list(self.cues)
        if self.range_keys is not None:
            keys += [k for k in self.range_keys if k not in keys]
        if self.now_key is not None and self.now_key not in keys:
            keys.append(self.now_key)
        return tuple(keys)


def fill(spec: Spec, facts: Facts, asking: Sequence[str] = ()) -> Draft:
    """The inputs one message gives; `asking` lists the keys the previous turn asked for."""
    draft = Draft()
    date_keys = spec.date_keys
    if asking:
        order = [k for k in asking if k in date_keys]
    else:
        order = [k for k in spec.required if k in date_keys]
        # A date left over once the facts are placed is the day asked about ("want out on
        # 6 March"), before the default of today.
        if spec.now_key is not None and spec.now_key not in order:
            order.append(spec.now_key)
    chosen = assign(
        facts,
        spec.cues,
        range_keys=spec.range_keys,
        fallback_order=order,
        with_now=spec.now_key is not None,
    )
    for key, mention in chosen.items():
        target = spec.now_key if key == NOW else key
        # Keys starting with "_" claim dates that belong to no input ("interrompu du … au …").
        if target is not None and not target.startswith("_"):
            _put_date(draft, spec, target, mention)
    if (
        spec.now_key is not None
        and spec.now_key not in draft.inputs
        and spec.today_if is not None
        and facts.has(spec.today_if)
    ):
        draft.inputs[spec.now_key] = facts.today.isoformat()
    if not asking and len(facts.clocks) == 1 and len(draft.partial) == 1:
        # "à 19h le jeudi 21 mai": the only clock time of the message goes with the only day.
        _complete_with_clock(spec, draft, facts)
    if spec.extras is not None:
        spec.extras(facts, draft, asking)
    return draft


def _put_date(draft: Draft, spec: Spec, key: str, mention: Mention) -> None:
    value = mention.value
    if value is None:
        draft.unreadable[key] = mention.text
        draft.facts.add(key)
    elif key in spec.datetime_keys:
        if isinstance(value, datetime):
            draft.put(key, value.replace(tzinfo=None).strftime(ISO_MINUTE))
        else:
            draft.partial[key] = value.isoformat()
            draft.facts.add(key)
    else:
        day = value.date() if isinstance(value, datetime) else value
        draft.put(key, day.isoformat())


@dataclass(frozen=True)
class Known:
    """What an earlier turn gathered (see `pending_state`)."""

    inputs: Mapping[str, Any] = field(default_factory=dict)
    unreadable: Mapping[str, str] = field(default_factory=dict)
    partial: Mapping[str, str] = field(default_factory=dict)
    missing: Sequence[str] = ()
    done: bool = False  # the calculation ran; a follow-up may change one of its facts


def follow_up_keys(spec: Spec, known: Known, correcting: bool) -> Sequence[str]:
    """The inputs a date of the next message is meant for, when no word points it. After a
    calculation ran, a bare date is the new day asked about ("et le 10 juin ?"), unless the
    learner corrects themselves ("en fait, c'était le 5"): then the facts come first."""
    if not known.done:
        return known.missing
    if correcting:
        return [*spec.required, *([spec.now_key] if spec.now_key else [])]
    return [spec.now_key] if spec.now_key else []


def merge(spec: Spec, known: Known, draft: Draft, facts: Facts) -> Draft:
    """This message's values over the earlier ones; a bare clock completes a known day."""
    merged = Draft(
        inputs={**known.inputs},
        unreadable={**known.unreadable},
        partial={**known.partial},
        facts=set(draft.facts),
        context=set(draft.context),
    )
    for key, value in draft.inputs.items():
        merged.inputs[key] = value
        merged.unreadable.pop(key, None)
        merged.partial.pop(key, None)
    for key, text in draft.unreadable.items():
        merged.inputs.pop(key, None)
        merged.unreadable[key] = text
    for key, day in draft.partial.items():
        merged.inputs.pop(key, None)
        merged.partial[key] = day
    _complete_with_clock(spec, merged, facts)
    return merged


def _complete_with_clock(spec: Spec, draft: Draft, facts: Facts) -> None:
    waiting = [k for k in spec.required if k in draft.partial and k not in draft.inputs]
    for key, clock in zip(waiting, facts.clocks, strict=False):
        day = date.fromisoformat(draft.partial[key])
        draft.put(key, datetime.combine(day, clock.value).strftime(ISO_MINUTE))
        draft.facts.add(key)


def missing_keys(spec: Spec, draft: Draft) -> list[str]:
    def satisfied(key: str) -> bool:
        return any(k in draft.inputs for k in (key, *spec.satisfied_by.get(key, ())))

    return [k for k in spec.required if not satisfied(k) and k not in draft.unreadable]


def check_with_calculator(spec: Spec, draft: Draft, missing: list[str]) -> None:
    """Run the calculator on complete inputs; an input it refuses is asked again, or dropped
    when it was a default (today) rather than something the learner said."""
    for _ in range(len(draft.inputs)):
        if missing or draft.unreadable:
            return
        try:
            run_calculator(spec.name, draft.inputs)
        except CalculatorInputError as error:
            if error.field not in draft.inputs:
                missing.append(error.field)
            elif error.field in draft.facts:
                draft.unreadable[error.field] = str(draft.inputs.pop(error.field))
            else:
                draft.inputs.pop(error.field)
                missing.extend(k for k in missing_keys(spec, draft) if k not in missing)
            continue
        return
