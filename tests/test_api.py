"""The HTTP door, through the real app, index and corpus."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api import create_app
from bot.settings import Settings
from ingest.embedders import Embedder
from tests.conftest import CORPUS_DIR, make_runtime


def _assert_error(response: object, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert ready.json()["build_id"]


def test_not_ready_says_why(tmp_path: Path, use_embedder: Embedder) -> None:
    settings = Settings(data_dir=tmp_path / "var", corpus_dir=CORPUS_DIR, _env_file=None)  # type: ignore[call-arg]
    with TestClient(create_app(runtime=make_runtime(settings, use_embedder))) as fresh:
        response = fresh.get("/readyz")
        assert response.status_code == 503
        assert "no index has been built yet" in response.json()["reason"]
        assert fresh.get("/healthz").status_code == 200
        _assert_error(fresh.post("/v1/search", json={"query": "délai"}), 503, "index_missing")


def test_documents_list_versions_and_sections(client: TestClient) -> None:
    body = client.get("/v1/documents").json()
    docs = {d["doc_id"]: d for d in body["documents"]}
    assert set(docs) == {"cgs", "regulations"}
    assert docs["cgs"]["current_version"] == "B"
    assert [v["version"] for v in docs["cgs"]["versions"]] == ["A", "B"]
    assert docs["cgs"]["translations"] == ["en"]
    assert {"section": "6.2", "title": "6.2 Abonnés Premium Plus"} in docs["cgs"]["sections"]
    assert len(docs["regulations"]["sections"]) == 35


def test_section_with_its_marked_translation(client: TestClient) -> None:
    body = client.get("/v1/documents/cgs/sections/6.2").json()
    assert body["version"] == "B" and body["official"] is True and body["language"] == "fr"
    assert "sept (7) jours de réflexion" in body["text"]
    (translation,) = body["translations"]
    assert translation["official"] is False and translation["language"] == "en"
    assert "Non-official" in translation["notice"]
    assert "seven (7) days" in translation["text"]
    older = client.get("/v1/documents/cgs/sections/7.2", params={"version": "A"}).json()
    assert "nous ne pourrons être tenus" in older["text"]


def test_unknown_document_and_section(client: TestClient) -> None:
    _assert_error(client.get("/v1/documents/cgs/sections/99"), 404, "not_found")
    _assert_error(client.get("/v1/documents/nope/sections/1"), 404, "not_found")
    _assert_error(
        client.get("/v1/documents/cgs/sections/1", params={"version": "Z"}), 404, "not_found"
    )
    _assert_error(client.get("/v1/nowhere"), 404, "not_found")


def test_search_ranks_sections_with_scores(client: TestClient) -> None:
    response = client.post("/v1/search", json={"query": "médiateur AME Conso", "k": 3})
    results = response.json()["results"]
    assert len(results) == 3
    assert (results[0]["doc_id"], results[0]["section"], results[0]["version"]) == (
        "cgs",
        "10",
        "B",
    )
    assert results[0]["title"] == "Article 10 - Droit applicable - Médiation"
    assert results[0]["score"] >= results[1]["score"] >= results[2]["score"]


def test_search_filters(client: TestClient) -> None:
    results = client.post(
        "/v1/search", json={"query": "absence", "k": 5, "doc_id": "regulations", "language": "fr"}
    ).json()["results"]
    assert results and all(r["doc_id"] == "regulations" and r["language"] == "fr" for r in results)
    assert all(r["official"] is False for r in results)


def test_search_rejects_bad_input_naming_the_field(client: TestClient) -> None:
    assert (
        _assert_error(client.post("/v1/search", json={"query": "  "}), 422, "invalid_request")[
            "field"
        ]
        == "query"
    )
    assert (
        _assert_error(
            client.post("/v1/search", json={"query": "x", "k": 0}), 422, "invalid_request"
        )["field"]
        == "k"
    )
    assert (
        _assert_error(
            client.post("/v1/search", json={"query": "x", "zz": 1}), 422, "invalid_request"
        )["field"]
        == "zz"
    )
    _assert_error(
        client.post("/v1/search", content=b"{oops", headers={"content-type": "application/json"}),
        422,
        "invalid_request",
    )
    assert (
        _assert_error(
            client.post("/v1/search", json={"query": "x", "as_of": "2026-02-30"}),
            422,
            "invalid_request",
        )["field"]
        == "as_of"
    )


def test_openapi_has_stable_operation_ids(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"health", "readiness", "listDocuments", "getSection", "search"} <= ids


def test_chat_answers_with_citations_and_continues(client: TestClient) -> None:
    # A conversation is continued by the widget session (or API key) that started it.
    session = {"x-termsbot-session": "test-api-session-0001"}
    first = client.post(
        "/v1/chat",
        json={"message": "How do I cancel my Premium Plus subscription?"},
        headers=session,
    )
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["status"] == "answered" and body["language"] == "en"
    assert body["citations"] and body["conversation_id"] and body["message_id"]
    assert body["calculation"] is None and body["escalation"] is None
    follow = client.post(
        "/v1/chat",
        json={"message": "And for Solo?", "conversation_id": body["conversation_id"]},
        headers=session,
    )
    assert follow.json()["conversation_id"] == body["conversation_id"]


def test_chat_rejects_bad_input(client: TestClient) -> None:
    assert (
        _assert_error(client.post("/v1/chat", json={"message": " "}), 422, "invalid_request")[
            "field"
        ]
        == "message"
    )
    too_long = client.post("/v1/chat", json={"message": "a" * 4001})
    assert _assert_error(too_long, 422, "invalid_request")["field"] == "message"
    assert client.post("/v1/chat", json={"message": "ok " + " " * 5000}).status_code == 200
    unknown = client.post("/v1/chat", json={"message": "hello", "conversation_id": "nope"})
    _assert_error(unknown, 404, "conversation_not_found")
    assert (
        _assert_error(
            client.post("/v1/chat", json={"message": "x", "language": "de"}), 422, "invalid_request"
        )["field"]
        == "language"
    )
