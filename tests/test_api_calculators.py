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


# --- every date input is bounded before any arithmetic (never a 500) ---

_BASE = {case["calculator"]: case["inputs"] for case in reversed(CASES)}
_OUT_OF_RANGE = {
    "date": ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"],
    "date-time": [
        "0001-01-01T00:05:00",
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00-12:00",
        "2201-01-01T00:00",
    ],
}


def _date_fields(name: str) -> list[tuple[str, str, bool]]:
    """(field, format, is_list) of every date or date-time input of calculator `name`."""
    from bot.calculators import input_schema

    found = []
    for key, prop in input_schema(name)["properties"].items():
        options = prop.get("anyOf", [prop])
        for option in options:
            if option.get("format") in _OUT_OF_RANGE:
                found.append((key, option["format"], False))
            elif option.get("items", {}).get("format") in _OUT_OF_RANGE:
                found.append((key, option["items"]["format"], True))
    return found


_DATE_FIELDS = [
    (name, key, fmt, is_list) for name in CALCULATORS for key, fmt, is_list in _date_fields(name)
]


@pytest.mark.parametrize(("name", "key", "fmt", "is_list"), _DATE_FIELDS)
def test_out_of_range_dates_are_422_naming_the_field(
    client: TestClient, name: str, key: str, fmt: str, is_list: bool
) -> None:
    for bad in _OUT_OF_RANGE[fmt]:
        inputs = dict(_BASE[name])
        if is_list:
            count = len(inputs.get(key) or [None])
            inputs[key] = [bad] * count
        else:
            inputs[key] = bad
        response = client.post(f"/v1/calculators/{name}", json=inputs)
        assert response.status_code == 422, (bad, response.text)
        error = response.json()["error"]
        assert error["field"].split(".")[0] == key and "year" in error["message"], error


def test_the_dates_of_issue_14_answer_422(client: TestClient) -> None:
    for bad in ("0001-01-01T00:05:00", "9999-12-31T23:59:59+00:00"):
        for name, body, field in [
            (
                "notification_deadline_48h",
                {"event": "fraudulent_access", "event_time": bad},
                "event_time",
            ),
            ("absence_notice", {"session_start": bad, "notification_time": bad}, "session_start"),
            (
                "apprentice_mentoring_slot",
                {"learner_type": "apprentice", "duration_minutes": 60, "start": bad},
                "start",
            ),
        ]:
            response = client.post(f"/v1/calculators/{name}", json=body)
            assert response.status_code == 422, response.text
            assert response.json()["error"]["field"] == field


def test_listing_gives_titles_documents_and_labels(client: TestClient) -> None:
    for info in client.get("/v1/calculators").json()["calculators"]:
        assert info["title"]["fr"] and info["title"]["en"]
        assert info["doc_id"] in {"cgs", "regulations"} and info["sections"]
        assert info["description"]["fr"] and info["input_schema"]["properties"]
        for prop in info["input_schema"]["properties"].values():
            assert set(prop["x-labels"]) == {"fr", "en"}
        assert info["output_schema"]["properties"]
