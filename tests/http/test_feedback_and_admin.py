"""Feedback and the admin endpoints, against SQLite and a real PostgreSQL."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tests.http.conftest import ADMIN_KEY, MakeClient, assert_error

ADMIN = {"authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture
def client(make_client: MakeClient, database_url: str) -> TestClient:
    return make_client(database_url=database_url, admin_key=SecretStr(ADMIN_KEY))


def ask(client: TestClient, message: str) -> dict[str, str]:
    response = client.post("/v1/chat", json={"message": message})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_feedback_is_recorded_and_shows_in_stats(client: TestClient) -> None:
    answered = ask(client, "How do I cancel my Premium Plus subscription?")
    declined = ask(client, "Quel temps fera-t-il demain à Paris ?")
    body = {"message_id": answered["message_id"], "rating": "up"}
    assert client.post("/v1/feedback", json=body).json() == {"status": "recorded"}
    down = {"message_id": declined["message_id"], "rating": "down", "comment": "=HYPERLINK(1)"}
    assert client.post("/v1/feedback", json=down).status_code == 200
    stats = client.get("/v1/admin/stats", headers=ADMIN).json()
    today = datetime.now(UTC).date().isoformat()
    assert stats["questions"] == 2 and stats["questions_per_day"] == {today: 2}
    assert stats["feedback"] == {"up": 1, "down": 1}
    assert stats["by_status"][answered["status"]] >= 1
    assert set(stats["by_status"]) >= {"answered", "calculated", "declined", "refused"}
    if declined["status"] == "declined":
        assert stats["top_declined"] == [
            {"text": "Quel temps fera-t-il demain à Paris ?", "count": 1}
        ]


def test_feedback_on_unknown_messages_and_bad_ratings(client: TestClient) -> None:
    assert_error(
        client.post("/v1/feedback", json={"message_id": "nope", "rating": "up"}), 404, "not_found"
    )
    answered = ask(client, "Premium Plus : délai de réflexion ?")
    for body, field in (
        ({"message_id": answered["message_id"], "rating": "meh"}, "rating"),
        ({"message_id": answered["message_id"]}, "rating"),
        ({"message_id": "a b", "rating": "up"}, "message_id"),
        ({"message_id": answered["message_id"], "rating": "up", "comment": "x" * 2001}, "comment"),
        ({"message_id": answered["message_id"], "rating": "up", "stars": 5}, "stars"),
    ):
        error = assert_error(client.post("/v1/feedback", json=body), 422, "invalid_request")
        assert error["field"] == field


def test_stats_and_export_validate_dates(client: TestClient) -> None:
    for params, field in (
        ({"since": "2026-02-30"}, "since"),
        ({"since": "2026-05-02", "until": "2026-05-01"}, "until"),
        ({"until": "9999-12-31"}, "until"),
        # the default since (29 days before) would fall before year 1: refused, not a 500
        ({"until": "0001-01-05"}, "until"),
        ({"since": "0001-01-01", "until": "0001-01-02"}, "since"),
    ):
        for path in ("/v1/admin/stats", "/v1/admin/export.csv"):
            error = assert_error(
                client.get(path, params=params, headers=ADMIN), 422, "invalid_request"
            )
            assert error["field"] == field
    old = client.get(
        "/v1/admin/stats", params={"since": "1900-01-01", "until": "1900-01-02"}, headers=ADMIN
    )
    assert old.status_code == 200 and old.json()["questions"] == 0


def test_export_is_csv_and_defuses_formulas(client: TestClient) -> None:
    first = ask(client, "=cmd|' /C calc'!A0 Premium Plus délai ?")
    client.post(
        "/v1/feedback",
        json={"message_id": first["message_id"], "rating": "down", "comment": "@SUM(A1)"},
    )
    ask(client, "How do I cancel my Premium Plus subscription?")
    response = client.get("/v1/admin/export.csv", headers=ADMIN)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2 and rows[0]["message_id"] == first["message_id"]
    assert rows[0]["question"].startswith("'=cmd") and rows[0]["comment"] == "'@SUM(A1)"
    assert rows[1]["rating"] == ""


def test_purge_deletes_old_conversations(client: TestClient) -> None:
    kept = ask(client, "Premium Plus : délai de réflexion ?")
    assert_error(client.post("/v1/admin/purge", headers=ADMIN), 409, "retention_not_configured")
    purged = client.post("/v1/admin/purge", params={"older_than_days": 1}, headers=ADMIN).json()
    assert purged["purged"] == 0
    cutoff = datetime.fromisoformat(purged["cutoff"])
    assert abs(cutoff - (datetime.now(UTC) - timedelta(days=1))) < timedelta(minutes=1)
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    assert runtime.conversations.purge_before(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert runtime.conversations.get_message(kept["message_id"]) is None


def test_retention_purges_at_startup(make_client: MakeClient, database_url: str) -> None:
    first = make_client(database_url=database_url)
    old = ask(first, "Premium Plus : délai de réflexion ?")
    runtime = first.app.state.runtime  # type: ignore[attr-defined]
    # Make it look 40 days old.
    from sqlalchemy import text

    with runtime.conversations._engine.begin() as connection:
        connection.execute(
            text("UPDATE conversations SET updated_at = :t"),
            {"t": (datetime.now(UTC) - timedelta(days=40)).replace(tzinfo=None)},
        )
    make_client(database_url=database_url, retention_days=30)
    deadline = time.monotonic() + 10
    while runtime.conversations.get_message(old["message_id"]) is not None:
        assert time.monotonic() < deadline, "the startup purge did not run"
        time.sleep(0.05)


def test_reindex_runs_in_the_background(client: TestClient) -> None:
    started = client.post("/v1/admin/reindex", headers=ADMIN)
    assert started.status_code == 202
    job = started.json()
    assert job["status"] in ("running", "succeeded")
    deadline = time.monotonic() + 120
    while job["status"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
        polled = client.get(f"/v1/admin/reindex/{job['job_id']}", headers=ADMIN)
        assert polled.status_code == 200, polled.text
        job = polled.json()
    assert job["status"] == "succeeded", job
    assert job["report"]["unchanged"] is True and job["finished_at"]
    assert_error(client.get("/v1/admin/reindex/nope", headers=ADMIN), 404, "not_found")
    assert client.post("/v1/chat", json={"message": "Premium Plus ?"}).status_code == 200


def test_reindex_jobs_are_shared_by_processes(make_client: MakeClient, database_url: str) -> None:
    """Two apps over one database, as two processes behind a load balancer."""
    a, b = (
        make_client(database_url=database_url, admin_key=SecretStr(ADMIN_KEY)) for _ in range(2)
    )
    job = a.post("/v1/admin/reindex", headers=ADMIN).json()
    seen = b.get(f"/v1/admin/reindex/{job['job_id']}", headers=ADMIN)
    assert seen.status_code == 200 and seen.json()["job_id"] == job["job_id"]
    other = b.post("/v1/admin/reindex", headers=ADMIN)
    assert other.status_code == 202
    if other.json()["job_id"] != job["job_id"]:  # only once the first build had ended
        first = a.get(f"/v1/admin/reindex/{job['job_id']}", headers=ADMIN).json()
        assert first["status"] == "succeeded"
        assert first["finished_at"] <= other.json()["started_at"]
    for started_by, ask_on in ((job, b), (other.json(), a)):
        deadline = time.monotonic() + 120
        status = started_by
        while status["status"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.2)
            status = ask_on.get(f"/v1/admin/reindex/{started_by['job_id']}", headers=ADMIN).json()
        assert status["status"] == "succeeded", status
        assert status["report"]["unchanged"] is True and status["finished_at"]
