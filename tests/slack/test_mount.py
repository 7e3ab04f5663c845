"""POST /slack/events: on only when configured, and only for requests Slack signed."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# Bad bodies: refused with the API's error body, never a 500, never a traceback.

MALFORMED_SIGNED = [
    ("application/json", "not json at all"),
    ("application/json", "[1, 2, 3]"),
    ("application/json", '{"type": "event_callback", "event": "a string"}'),
    ("application/json", '{"type": "event_callback", "event": {"type": "message"}}'),
    ("application/x-www-form-urlencoded", "payload=%7Bnot-json"),
    ("application/x-www-form-urlencoded", "payload=%5B%5D"),
    (
        "application/x-www-form-urlencoded",
        "payload="
        + quote(
            json.dumps(
                {"type": "view_submission", "view": {"id": "V1", "callback_id": "terms_calc"}}
            )
        ),
    ),
    (
        "application/x-www-form-urlencoded",
        "payload=" + quote(json.dumps({"type": "block_actions", "actions": "none"})),
    ),
]


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> bool:
    return not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize(("content_type", "body"), MALFORMED_SIGNED)
def test_a_signed_but_malformed_body_is_refused_with_400(
    slack: Slack, caplog: pytest.LogCaptureFixture, content_type: str, body: str
) -> None:
    response = slack.post(body, content_type)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"
    assert response.json()["error"]["message"].startswith("body")
    assert no_errors_logged(caplog)
    assert slack.standin.sent() == []


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "yesterday", "X-Slack-Signature": "v0=abc"},
        {"X-Slack-Request-Timestamp": "１２３".encode(), "X-Slack-Signature": "v0=abc"},
        {"X-Slack-Request-Timestamp": b"\xb2", "X-Slack-Signature": "v0=abc"},  # "²" in latin-1
        {"X-Slack-Signature": "v0=abc"},
        {"X-Slack-Request-Timestamp": str(int(time.time()))},
        {},
    ],
)
def test_a_bad_timestamp_or_missing_signature_is_401_not_500(
    slack: Slack, caplog: pytest.LogCaptureFixture, headers: dict[str, Any]
) -> None:
    for body in (b"{not json", CHALLENGE.encode()):
        response = slack.client.post(
            "/slack/events",
            content=body,
            headers={"Content-Type": "application/json", **headers},
        )
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_signature"
    assert no_errors_logged(caplog)


def test_a_signed_body_that_is_not_utf8_is_400(slack: Slack) -> None:
    body = b"\xff\xfe{}"
    stamp = str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
    }
    response = slack.client.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 400


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "event",
                    "view",
                    "actions",
                    "channel",
                    "user",
                    "ts",
                    "payload",
                    "text",
                    "id",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    payload=JSON,
    kind=st.sampled_from(["event_callback", "block_actions", "view_submission", "shortcut", None]),
    form=st.booleans(),
)
def test_no_signed_body_gets_a_500(
    slack: Slack, caplog: pytest.LogCaptureFixture, payload: Any, kind: str | None, form: bool
) -> None:
    if isinstance(payload, dict) and kind is not None:
        payload = {**payload, "type": kind}
    text = json.dumps(payload)
    if form:
        response = slack.post(f"payload={quote(text)}", "application/x-www-form-urlencoded")
    else:
        response = slack.post(text, "application/json")
    assert response.status_code < 500
    assert no_errors_logged(caplog)
