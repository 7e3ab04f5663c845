"""GET /v1/documents/{doc_id}/diff over the real app: substance by default, typography on
request, one section for an inline view, clear errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

DIFF = "/v1/documents/cgs/diff"


def test_the_default_diff_lists_the_four_substantive_changes(client: TestClient) -> None:
    body = client.get(DIFF, params={"from": "A", "to": "B"}).json()
    assert [(c["section"], c["change"]) for c in body["changes"]] == [
        ("accessibilite", "substantive"),
        ("3", "substantive"),
        ("5", "substantive"),
        ("7.2", "substantive"),
    ]
    assert body["include"] == "substantive" and len(body["typographic_sections"]) == 21
    by_section = {c["section"]: c["edits"] for c in body["changes"]}
    assert by_section["5"][0]["removed"] == "usités" and by_section["5"][0]["added"] == "utilisés"
    assert by_section["7.2"][0]["meaning"] == "tense_mood"
    assert set(by_section["3"][0]["explanation"]) == {"fr", "en"}


def test_typography_on_request_and_one_section(client: TestClient) -> None:
    every = client.get(DIFF, params={"from": "A", "to": "B", "include": "typographic"}).json()
    assert len(every["changes"]) == 25 and every["include"] == "typographic"
    one = client.get(DIFF, params={"from": "A", "to": "B", "section": "7.2"}).json()
    (change,) = one["changes"]
    ops = [s["op"] for s in change["segments"]]
    assert ops.count("removed") == 1 and ops.count("added") == 1
    assert (
        "".join(s["text"] for s in change["segments"] if s["op"] != "removed") == change["to_text"]
    )


def test_bad_parameters_are_named(client: TestClient) -> None:
    bad = client.get(DIFF, params={"from": "A", "to": "B", "include": "everything"})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "include"
    missing = client.get(DIFF, params={"from": "A", "to": "B", "section": "99"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_the_schema_documents_the_classes(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["SectionChange"]["properties"]["change"]["enum"] == [
        "added",
        "removed",
        "substantive",
        "typographic",
    ]
    assert {"removed", "added", "meaning", "explanation"} <= set(schemas["WordEdit"]["properties"])
