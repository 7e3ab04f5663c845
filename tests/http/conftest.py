"""Fixtures of the HTTP door: the real app over the session's built index, on SQLite or on a
real PostgreSQL (TERMSBOT_TEST_POSTGRES_URL; `scripts/start_test_postgres.sh` starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api import create_app
from bot.runtime import Runtime
from bot.settings import Settings

POSTGRES_URL = os.environ.get("TERMSBOT_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "TERMSBOT_TEST_POSTGRES_URL is not set; start a server with "
    "scripts/start_test_postgres.sh and export the URL it prints"
)
ADMIN_KEY = "admin-secret-for-tests"

MakeClient = Callable[..., TestClient]


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped on exit."""
    schema = f"http_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'door.sqlite3'}"
        return
    assert POSTGRES_URL is not None
    with postgres_schema(POSTGRES_URL) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'door.sqlite3'}"


def runtime_sharing(built: Runtime, **overrides: Any) -> Runtime:
    """A runtime over `built`'s index, corpus and models, with other settings (a database)."""
    runtime = Runtime(built.settings.model_copy(update=overrides))
    # Everything built from the corpus and the models is the same: computed once (the fact
    # index embeds some 1,400 questions).
    for part in ("corpus", "embedder", "sentences", "facts"):
        runtime.__dict__[part] = getattr(built, part)
    return runtime


@pytest.fixture
def make_client(built_runtime: Runtime, sqlite_url: str) -> Iterator[MakeClient]:
    """`make_client(database_url=..., **door_settings)`: a started app with those settings."""
    stack: list[TestClient] = []

    def make(
        database_url: str | None = None, client_ip: str = "203.0.113.7", **door: Any
    ) -> TestClient:
        runtime = runtime_sharing(built_runtime, database_url=database_url or sqlite_url)
        settings = runtime.settings.model_copy(update={"warm_up": False, **door})
        client = TestClient(create_app(settings, runtime), client=(client_ip, 50000))
        client.__enter__()
        stack.append(client)
        return client

    yield make
    for client in reversed(stack):
        client.__exit__(None, None, None)
        opened = client.app.state.runtime.__dict__.get("conversations")  # type: ignore[attr-defined]
        if opened is not None:
            opened.dispose()


def door_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def assert_error(response: Any, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]
