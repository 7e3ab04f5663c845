"""Extreme dates and datetimes never reach the calculators' arithmetic: 4xx naming the field,
never a 500 (bounds are the calculators' own: see issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

EXTREMES = ["0001-01-01T00:05:00", "9999-12-31T23:59:59+00:00"]


def _inputs(client: TestClient, name: str, moment: str) -> dict[str, Any]:
    """Valid inputs for `name` from its JSON Schema, with every date-time set to `moment`."""
    schema = next(
        c["input_schema"]
        for c in client.get("/v1/calculators").json()["calculators"]
        if c["name"] == name
    )
    inputs: dict[str, Any] = {}
    for key, spec in schema.get("properties", {}).items():
        kind = spec.get("format") or spec.get("type")
        if kind == "date-time":
            inputs[key] = moment
        elif kind == "date":
            inputs[key] = moment[:10]
        elif "enum" in spec:
            inputs[key] = spec["enum"][0]
        elif kind == "boolean":
            inputs[key] = False
        elif kind in ("integer", "number"):
            inputs[key] = spec.get("minimum", 1)
    return inputs


@pytest.mark.parametrize("moment", EXTREMES)
@pytest.mark.parametrize(
    "name", ["notification_deadline_48h", "absence_notice", "apprentice_mentoring_slot"]
)
def test_an_extreme_datetime_is_refused_with_a_4xx(
    client: TestClient, name: str, moment: str
) -> None:
    inputs = _inputs(client, name, moment)
    assert moment in inputs.values() or moment[:10] in inputs.values(), inputs
    response = client.post(f"/v1/calculators/{name}", json=inputs)
    assert 400 <= response.status_code < 500, response.text
    assert set(response.json()) == {"error"}
