"""Every development calculator case, through the HTTP API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.calculators import CALCULATORS

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "calc_dev.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            _same(v, actual.get(k)) for k, v in expected.items()
        )
    if isinstance(expected, float) and isinstance(actual, int | float):
        return round(expected, 2) == round(actual, 2)
    return bool(expected == actual)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dev_case_over_http(client: TestClient, case: dict[str, Any]) -> None:
    response = client.post(f"/v1/calculators/{case['calculator']}", json=case["inputs"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["calculator"] == case["calculator"]
    for key, value in case["expected"].items():
        assert _same(value, body["result"].get(key)), (key, value, body["result"].get(key))
    assert body["rules"] and all({"doc_id", "section"} == set(r) for r in body["rules"])
    assert body["explanation"]["fr"] and body["explanation"]["en"]


def test_list_with_input_schemas(client: TestClient) -> None:
    body = client.get("/v1/calculators").json()
    names = [c["name"] for c in body["calculators"]]
    assert names == list(CALCULATORS) and len(names) == 20
    reflection = next(
        c for c in body["calculators"] if c["name"] == "premium_plus_reflection_period"
    )
    assert "acceptance_date" in reflection["input_schema"]["properties"]


def test_bad_inputs_name_the_field(client: TestClient) -> None:
    unknown = client.post("/v1/calculators/nope", json={})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    bad = client.post(
        "/v1/calculators/premium_plus_reflection_period", json={"acceptance_date": "2026-02-30"}
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "acceptance_date"
    extra = client.post(
        "/v1/calculators/premium_plus_reflection_period",
        json={"acceptance_date": "2026-02-03", "color": "red"},
    )
    assert extra.status_code == 422 and extra.json()["error"]["field"] == "color"
    negative = client.post(
        "/v1/calculators/late_payment",
        json={
            "amount_due_eur": -5,
            "due_date": "2026-04-05",
            "payment_date": "2026-05-05",
            "unpaid_sums": 1,
        },
    )
    assert negative.status_code == 422 and negative.json()["error"]["field"] == "amount_due_eur"
    not_object = client.post("/v1/calculators/late_payment", json=[1, 2])
    assert not_object.status_code == 422
