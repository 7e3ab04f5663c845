"""The calculator modal: pick a calculator, fill its inputs, read the submission back.

Inputs are built from the calculator's JSON Schema (`input_schema(name)`): a date becomes a
datepicker, a date-time a datepicker and a timepicker (Europe/Paris wall-clock time, as the
calculators read it), a number a number_input, a boolean radio buttons, an enum a
static_select, free text a plain_text_input. Each input block's `block_id` is the field's
name, so a `CalculatorInputError(field, reason)` lands on its block.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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

CALLBACK_ID = "terms_calc"
PICK_ACTION = "terms_calc_pick"
PICK_BLOCK = "terms_calc_pick"
VALUE = "value"
TIME_SUFFIX = "__time"
ERROR_MAX = 300

_YES_NO = {"true": True, "false": False, "unknown": None}


@dataclass(frozen=True)
class ModalContext:
    """What the modal carries between Slack calls (its `private_metadata`)."""

    channel: str | None
    calculator: str | None = None

    def dump(self) -> str:
        return json.dumps({"channel": self.channel, "calculator": self.calculator})

    @classmethod
    def load(cls, text: str | None) -> ModalContext:
        data = json.loads(text) if text else {}
        calculator = data.get("calculator")
        return cls(data.get("channel"), calculator if calculator in CALCULATORS else None)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # date, datetime, number, integer, boolean, enum, text
    required: bool
    nullable: bool
    schema: dict[str, Any]

    @property
    def label(self) -> str:
        return str(self.schema.get("title") or self.name)

    @property
    def default(self) -> Any:
        return self.schema.get("default")


def calculator_view(state: ModalContext) -> Block:
    """The picker, and the chosen calculator's inputs with a Compute button."""
    blocks: list[Block] = [_picker(state.calculator)]
    if state.calculator is None:
        blocks.append(context("Pick a calculator: its inputs appear below."))
    else:
        spec = CALCULATORS[state.calculator]
        blocks += sections(escape(spec.description["en"]))
        blocks.append(context(escape(spec.description["fr"])))
        for field in fields_of(state.calculator):
            blocks += _input_blocks(field)
    return modal(
        "Calculators",
        blocks,
        callback_id=CALLBACK_ID,
        submit=None if state.calculator is None else "Compute",
        close="Cancel",
        private_metadata=state.dump(),
    )


def _picker(chosen: str | None) -> Block:
    options = [option(name, name) for name in list(CALCULATORS)[:OPTIONS_MAX]]
    select: Block = {
        "type": "static_select",
        "action_id": PICK_ACTION,
        "placeholder": plain("Choose a calculator", 150),
        "options": options,
    }
    if chosen is not None:
        select["initial_option"] = option(chosen, chosen)
    return actions([select], block_id=PICK_BLOCK)


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


def _input_blocks(field: Field) -> list[Block]:
    hint = str(field.schema.get("description") or "")
    if field.kind == "datetime":
        return [
            _input(field.name, f"{field.label} — date", _datepicker(None), field.required, hint),
            _input(
                field.name + TIME_SUFFIX,
                f"{field.label} — time (Europe/Paris)",
                {"type": "timepicker", "action_id": VALUE, "timezone": "Europe/Paris"},
                field.required,
                "",
            ),
        ]
    return [_input(field.name, field.label, _element(field), field.required, hint)]


def _input(block_id: str, label: str, element: Block, required: bool, hint: str) -> Block:
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


def _element(field: Field) -> Block:
    default = field.default
    if field.kind == "date":
        return _datepicker(default)
    if field.kind in ("number", "integer"):
        return _number(field)
    if field.kind == "boolean":
        return _radio(field)
    if field.kind == "enum":
        choices = [option(str(v), str(v)) for v in field.schema["enum"]][:OPTIONS_MAX]
        element: Block = {"type": "static_select", "action_id": VALUE, "options": choices}
        if default is not None:
            element["initial_option"] = option(str(default), str(default))
        return element
    element = {"type": "plain_text_input", "action_id": VALUE}
    if "maxLength" in field.schema:
        element["max_length"] = min(int(field.schema["maxLength"]), 3000)
    if isinstance(default, str):
        element["initial_value"] = default
    return element


def _datepicker(default: Any) -> Block:
    element: Block = {"type": "datepicker", "action_id": VALUE}
    if isinstance(default, str):
        element["initial_date"] = default
    return element


def _number(field: Field) -> Block:
    element: Block = {
        "type": "number_input",
        "action_id": VALUE,
        "is_decimal_allowed": field.kind == "number",
    }
    for key, slack_key in (("minimum", "min_value"), ("maximum", "max_value")):
        if key in field.schema:
            element[slack_key] = _number_text(field.schema[key])
    if isinstance(field.default, int | float) and not isinstance(field.default, bool):
        element["initial_value"] = _number_text(field.default)
    return element


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _radio(field: Field) -> Block:
    choices = [option("Yes", "true"), option("No", "false")]
    if field.nullable and field.required:
        choices.append(option("Unknown", "unknown"))
    element: Block = {"type": "radio_buttons", "action_id": VALUE, "options": choices}
    if isinstance(field.default, bool):
        value = "true" if field.default else "false"
        element["initial_option"] = option("Yes" if field.default else "No", value)
    return element


def read_inputs(calculator: str, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The calculator's inputs from a submission's `view.state.values`; blank optional fields
    are left out so that the calculator's defaults apply."""
    inputs: dict[str, Any] = {}
    for field in fields_of(calculator):
        state = values.get(field.name, {}).get(VALUE, {})
        if field.kind == "datetime":
            time_state = values.get(field.name + TIME_SUFFIX, {}).get(VALUE, {})
            value = _datetime(field.name, state.get("selected_date"), time_state)
        else:
            value = _value(state)
        if value is _MISSING:
            continue
        inputs[field.name] = _boolean(field.name, value) if field.kind == "boolean" else value
    return inputs


_MISSING: Any = object()


def _value(state: dict[str, Any]) -> Any:
    for key in ("selected_date", "value"):
        if state.get(key) not in (None, ""):
            return state[key]
    selected = state.get("selected_option")
    if isinstance(selected, dict):
        return selected.get("value")
    return _MISSING


def _boolean(name: str, value: Any) -> bool | None:
    if value not in _YES_NO:
        raise CalculatorInputError(name, "must be yes, no or unknown")
    return _YES_NO[value]


def _datetime(name: str, day: str | None, time_state: dict[str, Any]) -> Any:
    clock = time_state.get("selected_time")
    if not day and not clock:
        return _MISSING
    if not day or not clock:
        raise CalculatorInputError(name, "needs both a date and a time")
    return f"{day}T{clock}"


def error_blocks(calculator: str, error: CalculatorInputError) -> dict[str, str]:
    """`response_action: errors` for `error`: on the field's block, else on the first input."""
    field = error.field.split(".")[0]
    names = [f.name for f in fields_of(calculator)]
    block_id = field if field in names else (names[0] if names else PICK_BLOCK)
    return {block_id: error.reason[:ERROR_MAX]}
