"""The calculator window: pick a calculator by its title (grouped by document), fill its inputs
(labels, hints and choices in the agent's language, pre-filled with what a conversation
already said), read the submission back.

Inputs are built from the calculator's JSON Schema (`input_schema(name)`): a date becomes a
datepicker, a date-time a datepicker and a timepicker (Europe/Paris wall-clock time, as the
calculators read it), a number a number_input, a boolean radio buttons, an enum a
static_select, free text a plain_text_input. Each input block's `block_id` is the field's
name, so a `CalculatorInputError(field, reason)` lands on its block."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.calculators import CALCULATORS, input_schema
from bot.errors import CalculatorInputError
from bot.slack.blocks import (
    LABEL_MAX,
    OPTIONS_MAX,
    Block,
    actions,
    context,
    escape,
    modal,
    option,
    plain,
    sections,
)
from bot.slack.labels import (
    calculator_document,
    calculator_title,
    choice_label,
    input_hint,
    input_label,
)
from bot.slack.texts import ui
from bot.textnorm import tokens
from bot.wording import SHORT_DOC, Lang

CALLBACK_ID = "terms_calc"
PICK_ACTION = "terms_calc_pick"
PICK_BLOCK = "terms_calc_pick"
VALUE = "value"
TIME_SUFFIX = "__time"
ERROR_MAX = 300
DOCUMENTS = ("cgs", "regulations")

_YES_NO = {"true": True, "false": False, "unknown": None}
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")


@dataclass(frozen=True)
class ModalContext:
    """What the window carries between Slack calls (its `private_metadata`)."""

    channel: str | None
    calculator: str | None = None
    language: Lang = "fr"
    matches: tuple[str, ...] = field(default=())  # calculators the agent's words named

    def dump(self) -> str:
        return json.dumps(
            {
                "channel": self.channel,
                "calculator": self.calculator,
                "language": self.language,
                "matches": list(self.matches),
            }
        )

    @classmethod
    def load(cls, text: str | None) -> ModalContext:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        calculator = data.get("calculator")
        language: Lang = "en" if data.get("language") == "en" else "fr"
        matches = tuple(m for m in data.get("matches") or [] if m in CALCULATORS)
        return cls(
            data.get("channel") if isinstance(data.get("channel"), str) else None,
            calculator if calculator in CALCULATORS else None,
            language,
            matches,
        )


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # date, datetime, number, integer, boolean, enum, text
    required: bool
    nullable: bool
    schema: dict[str, Any]

    @property
    def default(self) -> Any:
        return self.schema.get("default")


def calculator_view(
    state: ModalContext, initial: Mapping[str, Any] | None = None, note: str | None = None
) -> Block:
    """The picker, and the chosen calculator's inputs (pre-filled from `initial`)."""
    lang = state.language
    blocks: list[Block] = [_picker(state)]
    if note:
        blocks.append(context(escape(note)))
    if state.calculator is None:
        blocks.append(context(ui("pick_first", lang)))
    else:
        spec = CALCULATORS[state.calculator]
        blocks += sections(escape(spec.description[lang]))
        values = initial or {}
        if values:
            blocks.append(context(ui("prefilled", lang)))
        for item in fields_of(state.calculator):
            blocks += _input_blocks(state.calculator, item, values.get(item.name), lang)
    return modal(
        ui("calculators", lang),
        blocks,
        callback_id=CALLBACK_ID,
        submit=None if state.calculator is None else ui("compute", lang),
        close=ui("cancel", lang),
        private_metadata=state.dump(),
    )


def _picker(state: ModalContext) -> Block:
    lang = state.language
    groups = []
    if len(state.matches) > 1:
        label = "Correspondances" if lang == "fr" else "Matches"
        groups.append((label, list(state.matches)))
    for doc_id in DOCUMENTS:
        names = [n for n in CALCULATORS if calculator_document(n) == doc_id]
        groups.append((SHORT_DOC[doc_id][lang], names))
    select: Block = {
        "type": "static_select",
        "action_id": PICK_ACTION,
        "placeholder": plain(ui("choose_calculator", lang), 150),
        "option_groups": [
            {"label": plain(label, 75), "options": [_calculator_option(n, lang) for n in names]}
            for label, names in groups
            if names
        ],
    }
    if state.calculator is not None:
        select["initial_option"] = _calculator_option(state.calculator, lang)
    return actions([select], block_id=PICK_BLOCK)


def _calculator_option(name: str, lang: Lang) -> dict[str, Any]:
    return option(calculator_title(name, lang), name)


def named_calculators(words: str) -> list[str]:
    """The calculators `words` name best ("résiliation", "late payment", "retard"): every
    calculator with the highest share of the words in its title, description or name."""
    wanted = _stems(words)
    if not wanted:
        return []
    scores: dict[str, int] = {}
    for name, spec in CALCULATORS.items():
        said = " ".join(
            [name.replace("_", " "), *spec.description.values()]
            + [calculator_title(name, lang) for lang in ("fr", "en")]
        )
        known = _stems(said)
        scores[name] = sum(1 for stem in wanted if stem in known)
    best = max(scores.values())
    return [] if best == 0 else [name for name, score in scores.items() if score == best]


def _stems(text: str) -> set[str]:
    # A 5-letter prefix: "résiliation" and "résilier", "terminate" and "termination" meet.
    return {token[:5] for token in tokens(text) if len(token) > 2}


def fields_of(calculator: str) -> list[Field]:
    schema = input_schema(calculator)
    required = set(schema.get("required", []))
    return [
        _field(name, prop, name in required) for name, prop in schema.get("properties", {}).items()
    ]


def _field(name: str, prop: dict[str, Any], required: bool) -> Field:
    variants = prop.get("anyOf", [prop])
    nullable = any(v.get("type") == "null" for v in variants)
    concrete = [v for v in variants if v.get("type") != "null"]
    merged = {**prop, **concrete[0]} if concrete else prop
    types = {v.get("type") for v in concrete}
    if "enum" in merged:
        kind = "enum"
    elif merged.get("format") == "date":
        kind = "date"
    elif merged.get("format") == "date-time":
        kind = "datetime"
    elif "boolean" in types:
        kind = "boolean"
    elif "integer" in types:
        kind = "integer"
    elif "number" in types:
        kind = "number"
    else:
        kind = "text"
    return Field(name, kind, required, nullable, merged)


def _input_blocks(calculator: str, item: Field, initial: Any, lang: Lang) -> list[Block]:
    label = input_label(calculator, item.name, lang)
    hint = input_hint(calculator, item.name, lang)
    value = item.default if initial is None else initial
    if item.kind == "datetime":
        day, clock = _split_datetime(value)
        time_element: Block = {"type": "timepicker", "action_id": VALUE, "timezone": "Europe/Paris"}
        if clock:
            time_element["initial_time"] = clock
        return [
            _input(
                item.name, ui("date_part", lang, label=label), _datepicker(day), item.required, hint
            ),
            _input(
                item.name + TIME_SUFFIX,
                ui("time_part", lang, label=label),
                time_element,
                item.required,
                None,
            ),
        ]
    return [_input(item.name, label, _element(item, value, lang), item.required, hint)]


def _split_datetime(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, str):
        matched = _DATETIME.match(value)
        if matched:
            return matched.group(1), matched.group(2)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            return value, None
    return None, None


def _input(block_id: str, label: str, element: Block, required: bool, hint: str | None) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, LABEL_MAX),
        "element": element,
        "optional": not required,
    }
    if hint:
        block["hint"] = plain(hint, LABEL_MAX)
    return block


def _element(item: Field, value: Any, lang: Lang) -> Block:
    if item.kind == "date":
        return _datepicker(value if isinstance(value, str) else None)
    if item.kind in ("number", "integer"):
        return _number(item, value)
    if item.kind == "boolean":
        return _radio(item, value, lang)
    if item.kind == "enum":
        return _select(item, value, lang)
    element: Block = {"type": "plain_text_input", "action_id": VALUE}
    if "maxLength" in item.schema:
        element["max_length"] = min(int(item.schema["maxLength"]), 3000)
    if isinstance(value, str) and value:
        element["initial_value"] = value
    return element


def _select(item: Field, value: Any, lang: Lang) -> Block:
    choices = [option(choice_label(item.name, str(v), lang), str(v)) for v in item.schema["enum"]][
        :OPTIONS_MAX
    ]
    element: Block = {"type": "static_select", "action_id": VALUE, "options": choices}
    chosen = [c for c in choices if value is not None and c["value"] == str(value)]
    if chosen:
        element["initial_option"] = chosen[0]
    return element


def _datepicker(value: str | None) -> Block:
    element: Block = {"type": "datepicker", "action_id": VALUE}
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        element["initial_date"] = value
    return element


def _number(item: Field, value: Any) -> Block:
    element: Block = {
        "type": "number_input",
        "action_id": VALUE,
        "is_decimal_allowed": item.kind == "number",
    }
    for key, slack_key in (("minimum", "min_value"), ("maximum", "max_value")):
        if key in item.schema:
            element[slack_key] = _number_text(item.schema[key])
    if isinstance(value, int | float) and not isinstance(value, bool):
        element["initial_value"] = _number_text(value)
    return element


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _radio(item: Field, value: Any, lang: Lang) -> Block:
    choices = [option(ui("yes", lang), "true"), option(ui("no", lang), "false")]
    if item.nullable and item.required:
        choices.append(option(ui("unknown", lang), "unknown"))
    element: Block = {"type": "radio_buttons", "action_id": VALUE, "options": choices}
    if isinstance(value, bool):
        element["initial_option"] = choices[0] if value else choices[1]
    return element


def read_inputs(
    calculator: str, values: dict[str, dict[str, Any]], lang: Lang = "en"
) -> dict[str, Any]:
    """The calculator's inputs from a submission's `view.state.values`; blank optional fields
    are left out so that the calculator's defaults apply."""
    inputs: dict[str, Any] = {}
    for item in fields_of(calculator):
        state = _state(values, item.name)
        if item.kind == "datetime":
            time_state = _state(values, item.name + TIME_SUFFIX)
            value = _datetime(item.name, state.get("selected_date"), time_state, lang)
        else:
            value = _value(state)
        if value is _MISSING:
            continue
        inputs[item.name] = _boolean(item.name, value) if item.kind == "boolean" else value
    return inputs


_MISSING: Any = object()


def _state(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    """The state of one input block, {} when the submission has none (or not as Slack sends)."""
    block = values.get(block_id)
    state = block.get(VALUE) if isinstance(block, dict) else None
    return state if isinstance(state, dict) else {}


def _value(state: dict[str, Any]) -> Any:
    for key in ("selected_date", "value"):
        if state.get(key) not in (None, ""):
            return state[key]
    selected = state.get("selected_option")
    if isinstance(selected, dict):
        return selected.get("value")
    return _MISSING


def _boolean(name: str, value: Any) -> bool | None:
    if not isinstance(value, str) or value not in _YES_NO:
        raise CalculatorInputError(name, "must be yes, no or unknown")
    return _YES_NO[value]


def _datetime(name: str, day: str | None, time_state: dict[str, Any], lang: Lang) -> Any:
    clock = time_state.get("selected_time")
    if not day and not clock:
        return _MISSING
    if not day or not clock:
        raise CalculatorInputError(name, ui("needs_date_and_time", lang))
    return f"{day}T{clock}"


def error_blocks(calculator: str, error: CalculatorInputError) -> dict[str, str]:
    """`response_action: errors` for `error`: on the field's block, else on the first input."""
    name = error.field.split(".")[0]
    names = [f.name for f in fields_of(calculator)]
    block_id = name if name in names else (names[0] if names else PICK_BLOCK)
    return {block_id: error.reason[:ERROR_MAX]}
