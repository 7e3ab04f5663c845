"""POST /slack/events: on only when configured, and only for requests Slack signed."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.runtime import Runtime
from bot.slack import mount_slack
from bot.slack.app import web_api_url
from ingest.embedders import Embedder
from tests.conftest import make_runtime
from tests.slack.conftest import BOT_TOKEN, SIGNING_SECRET, Slack, signed, slack_settings
from tests.slack.standin import SlackStandIn

CHALLENGE = json.dumps({"token": "legacy", "challenge": "c-123", "type": "url_verification"})


def test_without_credentials_the_path_answers_the_api_404(
    tmp_path: Path, use_embedder: Embedder
) -> None:
    from api import create_app

    settings = slack_settings(tmp_path, tmp_path / "db.sqlite3", "http://127.0.0.1:9/api/")
    settings = settings.model_copy(update={"slack_bot_token": None})
    runtime = make_runtime(settings, use_embedder)
    app = create_app(runtime=runtime)
    mount_slack(app, runtime)
    with TestClient(app) as client:
        response = client.post("/slack/events", content=CHALLENGE, headers=signed(CHALLENGE))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_url_verification_answers_the_challenge(slack: Slack) -> None:
    response = slack.post(CHALLENGE, "application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "c-123"}


def test_a_bad_signature_is_refused_with_401(slack: Slack) -> None:
    headers = {"Content-Type": "application/json", **signed(CHALLENGE, secret="not-the-secret")}
    response = slack.client.post("/slack/events", content=CHALLENGE, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_signature"


def test_an_unsigned_request_is_refused_with_401(slack: Slack) -> None:
    response = slack.client.post(
        "/slack/events", content=CHALLENGE, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401


def test_a_body_changed_after_signing_is_refused(slack: Slack) -> None:
    headers = {"Content-Type": "application/json", **signed(CHALLENGE)}
    tampered = CHALLENGE.replace("c-123", "c-999")
    response = slack.client.post("/slack/events", content=tampered, headers=headers)
    assert response.status_code == 401


def test_a_stale_timestamp_is_refused_even_when_correctly_signed(slack: Slack) -> None:
    six_minutes_ago = int(time.time()) - 6 * 60
    headers = {"Content-Type": "application/json", **signed(CHALLENGE, timestamp=six_minutes_ago)}
    response = slack.client.post("/slack/events", content=CHALLENGE, headers=headers)
    assert response.status_code == 401
    assert slack.standin.sent() == []


def test_secrets_are_secret_in_settings_and_never_logged(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    settings = slack.runtime.settings
    assert BOT_TOKEN not in repr(settings) and SIGNING_SECRET not in repr(settings)
    caplog.set_level(logging.DEBUG)
    slack.command("help")
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D1",
            "user": "U2",
            "text": "Quand puis-je résilier ?",
            "ts": "1700000000.000001",
        }
    )
    slack.standin.wait_for("chat.postMessage")
    assert BOT_TOKEN not in caplog.text
    assert SIGNING_SECRET not in caplog.text
    assert slack.standin.of("chat.postMessage")[0].headers["Authorization"] == f"Bearer {BOT_TOKEN}"


def test_the_web_api_url_comes_from_settings(slack_runtime: Runtime, standin: SlackStandIn) -> None:
    assert web_api_url(slack_runtime.settings) == standin.api_url
    unset = slack_runtime.settings.model_copy(update={"slack_api_url": None})
    assert web_api_url(unset) == "https://slack.com/api/"
    bare = slack_runtime.settings.model_copy(update={"slack_api_url": "http://proxy:8080/api"})
    assert web_api_url(bare) == "http://proxy:8080/api/"


def test_mounting_twice_registers_one_route(slack_runtime: Runtime) -> None:
    from api import create_app

    app = create_app(runtime=slack_runtime)
    mount_slack(app, slack_runtime)
    mount_slack(app, slack_runtime)
    paths = [getattr(route, "path", None) for route in app.router.routes]
    assert paths.count("/slack/events") == 1
