"""Origins, help-center keys and the admin key."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.store import ApiKeyStore
from tests.http.conftest import ADMIN_KEY, MakeClient, assert_error

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PUBLIC_GETS = ["/v1/documents", "/v1/documents/cgs/sections/6.2", "/v1/calculators"]


def keys_of(client: TestClient) -> ApiKeyStore:
    store: ApiKeyStore = client.app.state.runtime.conversations.api_keys  # type: ignore[attr-defined]
    return store


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def test_forged_origins_are_refused_on_widget_endpoints(make_client: MakeClient) -> None:
    client = make_client(allowed_origins="https://school.example, https://help.example/")
    for origin in (
        "https://evil.example",
        "null",
        "https://school.example.evil.example",
        "http://[::1",
    ):
        headers = {"origin": origin}
        for path in PUBLIC_GETS:
            assert_error(client.get(path, headers=headers), 403, "origin_not_allowed")
        response = client.post("/v1/chat", json={"message": "x"}, headers=headers)
        assert_error(response, 403, "origin_not_allowed")
    assert client.get("/healthz", headers={"origin": "https://evil.example"}).status_code == 200


def test_allowed_and_own_origins_get_cors_headers(make_client: MakeClient) -> None:
    client = make_client(allowed_origins="https://school.example")
    response = client.get("/v1/documents", headers={"origin": "https://school.example"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://school.example"
    assert "x-request-id" in response.headers["access-control-expose-headers"]
    same = client.get("/v1/documents", headers={"origin": "http://testserver"})
    assert same.status_code == 200  # the server's own pages: no CORS needed
    preflight = client.options(
        "/v1/chat",
        headers={
            "origin": "https://school.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, x-termsbot-session",
        },
    )
    assert preflight.status_code == 200
    refused = client.options(
        "/v1/chat",
        headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
    )
    assert_error(refused, 403, "origin_not_allowed")
    assert "access-control-allow-origin" not in refused.headers


def test_default_allows_only_the_servers_own_origin(make_client: MakeClient) -> None:
    client = make_client()
    assert client.get("/v1/documents", headers={"origin": "http://testserver"}).status_code == 200
    assert_error(
        client.get("/v1/documents", headers={"origin": "http://localhost:3000"}),
        403,
        "origin_not_allowed",
    )


def test_keys_identify_the_caller_and_revoked_or_unknown_keys_are_401(
    make_client: MakeClient,
) -> None:
    client = make_client(anonymous_rate_limit="1/minute")
    created = keys_of(client).create("help center", rate_limit="100/minute", now=NOW)
    assert created.secret.startswith("tb_") and created.key.prefix == created.secret[:10]
    for _ in range(3):  # beyond the anonymous limit
        assert client.get("/v1/calculators", headers=bearer(created.secret)).status_code == 200
    keys_of(client).revoke(created.key.id, now=NOW)
    for headers in (
        bearer(created.secret),
        bearer("tb_unknown"),
        bearer("not-even-a-key"),
        {"authorization": "Basic dXNlcjpwYXNz"},
        {"authorization": "Bearer "},
    ):
        response = client.get("/v1/documents", headers=headers)
        assert_error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"


def test_keys_are_stored_hashed(make_client: MakeClient) -> None:
    client = make_client()
    created = keys_of(client).create("crm", rate_limit="5/second", now=NOW)
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    from sqlalchemy import text

    engine = runtime.conversations._engine
    with engine.connect() as connection:
        dump = repr(connection.execute(text("SELECT * FROM api_keys")).all())
    assert created.secret not in dump and created.secret[:10] in dump


@pytest.mark.parametrize("path", ["/v1/admin/stats", "/v1/admin/export.csv"])
def test_admin_is_closed_without_an_admin_key(make_client: MakeClient, path: str) -> None:
    client = make_client()
    assert_error(client.get(path), 403, "admin_disabled")
    assert_error(client.get(path, headers=bearer("anything")), 403, "admin_disabled")


def test_admin_needs_the_admin_key(make_client: MakeClient) -> None:
    client = make_client(admin_key=SecretStr(ADMIN_KEY))
    created = keys_of(client).create("help center", rate_limit="100/minute", now=NOW)
    for headers in ({}, bearer("wrong"), bearer(created.secret)):
        assert_error(client.get("/v1/admin/stats", headers=headers), 401, "unauthorized")
    assert client.get("/v1/admin/stats", headers=bearer(ADMIN_KEY)).status_code == 200


def test_no_secret_in_the_openapi_document_or_pages(make_client: MakeClient) -> None:
    client = make_client(admin_key=SecretStr(ADMIN_KEY))
    assert ADMIN_KEY not in client.get("/openapi.json").text
    assert ADMIN_KEY not in client.get("/docs").text


def test_keys_command_line(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMSBOT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    created = runner.invoke(cli, ["keys", "create", "help center", "--rate-limit", "120/minute"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("tb_") and len(secret) > 30
    listed = runner.invoke(cli, ["keys", "list", "--json"])
    assert listed.exit_code == 0 and secret not in listed.stdout
    assert '"120/minute"' in listed.stdout and secret[:10] in listed.stdout
    key_id = listed.stdout.split('"id": "')[1].split('"')[0]
    assert runner.invoke(cli, ["keys", "revoke", key_id]).exit_code == 0
    assert '"revoked_at": null' not in runner.invoke(cli, ["keys", "list", "--json"]).stdout
    bad = runner.invoke(cli, ["keys", "create", "x", "--rate-limit", "lots"])
    assert bad.exit_code == 2
    assert runner.invoke(cli, ["keys", "revoke", "nope"]).exit_code == 2
