"""The OpenAPI document (stable operation ids, documented errors, examples) and the
version diff of the documents."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.http.conftest import MakeClient, assert_error

OPERATIONS = {
    ("get", "/healthz"): "health",
    ("get", "/readyz"): "readiness",
    ("get", "/metrics"): "metrics",
    ("get", "/v1/documents"): "listDocuments",
    ("get", "/v1/documents/{doc_id}/sections/{section}"): "getSection",
    ("get", "/v1/documents/{doc_id}/diff"): "diffVersions",
    ("get", "/v1/calculators"): "listCalculators",
    ("post", "/v1/calculators/{name}"): "runCalculator",
    ("post", "/v1/chat"): "chat",
    ("post", "/v1/chat/stream"): "chatStream",
    ("post", "/v1/search"): "search",
    ("post", "/v1/feedback"): "feedback",
    ("get", "/v1/admin/stats"): "adminStats",
    ("get", "/v1/admin/export.csv"): "adminExport",
    ("post", "/v1/admin/reindex"): "adminReindex",
    ("get", "/v1/admin/reindex/{job_id}"): "adminReindexStatus",
    ("post", "/v1/admin/purge"): "adminPurge",
}


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def test_operations_have_stable_ids_and_documented_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    found = {
        (method, path): operation["operationId"]
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert {k: v for k, v in found.items() if k in OPERATIONS} == OPERATIONS
    error_ref = "#/components/schemas/ErrorBody"
    for (method, path), _ in OPERATIONS.items():
        operation = spec["paths"][path][method]
        if not path.startswith("/v1/"):
            continue
        for status in ("401", "403", "422", "500"):
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": error_ref}, (path, status)
        assert "429" in operation["responses"] or path.startswith("/v1/admin/")
    chat = spec["paths"]["/v1/chat"]["post"]
    assert chat["requestBody"]["content"]["application/json"]["examples"]
    assert chat["responses"]["200"]["content"]["application/json"]["example"]["citations"]
    assert chat["responses"]["429"]["headers"]["Retry-After"]
    assert set(chat["responses"]) >= {"200", "400", "401", "403", "413", "415", "422", "429"}
    assert spec["components"]["securitySchemes"]["adminKey"]["scheme"] == "bearer"
    assert spec["paths"]["/v1/admin/stats"]["get"]["security"] == [{"adminKey": []}]
    stream = spec["paths"]["/v1/chat/stream"]["post"]["responses"]["200"]["content"]
    assert "text/event-stream" in stream


def test_version_diff(client: TestClient) -> None:
    diff = client.get("/v1/documents/cgs/diff", params={"from": "A", "to": "B"}).json()
    assert (diff["doc_id"], diff["from_version"], diff["to_version"]) == ("cgs", "A", "B")
    assert diff["changes"] and {c["change"] for c in diff["changes"]} <= {
        "added",
        "removed",
        "substantive",
    }
    changed = [c for c in diff["changes"] if c["change"] == "substantive"]
    assert all(c["from_text"] != c["to_text"] for c in changed)
    same = client.get("/v1/documents/cgs/diff", params={"from": "B", "to": "B"}).json()
    assert same["changes"] == []
    assert_error(
        client.get("/v1/documents/cgs/diff", params={"from": "A", "to": "Z"}), 404, "not_found"
    )
    missing = client.get("/v1/documents/cgs/diff", params={"from": "A"})
    assert assert_error(missing, 422, "invalid_request")["field"] == "to"
