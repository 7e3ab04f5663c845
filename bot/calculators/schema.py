"""JSON Schemas of a calculator's inputs and outputs, labelled for people and bounded.

    input_schema(spec)   the pydantic schema of the inputs, each property with `title`,
                         `description`, `x-labels`/`x-hints` ({"fr", "en"}), and every date
                         bounded to years 1900-2200 (`pattern`, `formatMinimum/Maximum`)
    output_schema(spec)  the result keys: `title`, `description`, `x-labels`

Only keys are added to pydantic's schema, so a client that reads the plain schema keeps
working. The bounds repeat what validation enforces, so a form can refuse a year 1 before
sending it.
"""

from __future__ import annotations

from typing import Any

from bot.calculators._types import EARLIEST_DATE, LATEST_DATE, CalculatorSpec
from bot.calculators.catalogue import CATALOGUE, Entry, Text

# Year 1900-2200 as text, checked by any JSON Schema validator (formats often are not).
_YEAR_PATTERN = r"^(19\d\d|2[01]\d\d|2200)-"
_BOUNDS = {
    "date": (EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat()),
    "date-time": (f"{EARLIEST_DATE.isoformat()}T00:00:00", f"{LATEST_DATE.isoformat()}T23:59:59"),
}


def input_schema(spec: CalculatorSpec[Any]) -> dict[str, Any]:
    schema: dict[str, Any] = spec.input_model.model_json_schema()
    entry = CATALOGUE[spec.name]
    schema["title"] = entry.title.en
    schema["description"] = spec.description["en"]
    schema["x-labels"] = entry.title.to_dict()
    schema["x-descriptions"] = dict(spec.description)
    schema["x-doc-id"] = entry.doc_id
    schema["x-sections"] = list(entry.sections)
    for key, prop in schema.get("properties", {}).items():
        _label_input(prop, entry, key)
        _bound_dates(prop)
    return schema


def _label_input(prop: dict[str, Any], entry: Entry, key: str) -> None:
    labelled = entry.inputs.get(key)
    if labelled is None:
        return
    prop["title"] = labelled.label.en
    prop["x-labels"] = labelled.label.to_dict()
    if labelled.hint is not None:
        prop["description"] = labelled.hint.en
        prop["x-hints"] = labelled.hint.to_dict()


def _bound_dates(node: Any) -> None:
    """Add the year bounds to every date or date-time string schema under `node`."""
    if isinstance(node, list):
        for item in node:
            _bound_dates(item)
        return
    if not isinstance(node, dict):
        return
    bounds = _BOUNDS.get(node.get("format", ""))
    if node.get("type") == "string" and bounds is not None:
        node.setdefault("pattern", _YEAR_PATTERN)
        node["formatMinimum"], node["formatMaximum"] = bounds
    for child in node.values():
        _bound_dates(child)


def output_schema(spec: CalculatorSpec[Any]) -> dict[str, Any]:
    entry = CATALOGUE[spec.name]
    return {
        "type": "object",
        "title": entry.title.en,
        "properties": {key: _output(text) for key, text in entry.outputs.items()},
    }


def _output(text: Text) -> dict[str, Any]:
    return {"title": text.en, "description": text.en, "x-labels": text.to_dict()}
