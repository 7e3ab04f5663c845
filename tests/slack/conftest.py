"""The Slack door under test: a real FastAPI app with `mount_slack`, requests signed with a
real signing secret, and the Web API client pointed at a local stand-in (`standin.py`)."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from bot.runtime import Runtime
from bot.settings import Settings
from ingest.embedders import Embedder
from tests.conftest import CORPUS_DIR, make_runtime
from tests.slack.blockkit import problems
from tests.slack.standin import TEAM_ID, SlackStandIn

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test"
AGENT = "UAGENT"
CHANNEL = "C1"
# Unique for the whole session: the event ids seen are kept in the shared runtime's database.
EVENT_IDS = itertools.count(1)


def slack_settings(data_dir: Path, database: Path, api_url: str, **extra: Any) -> Settings:
    return Settings(
        data_dir=data_dir,
        corpus_dir=CORPUS_DIR,
        database_url=f"sqlite:///{database}",
        slack_signing_secret=SIGNING_SECRET,
        slack_bot_token=BOT_TOKEN,
        slack_api_url=api_url,
        warm_up=False,
        _env_file=None,
        **extra,
    )


def signed(
    body: str, *, timestamp: int | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    """Slack's v0 signature headers for `body`."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


class HttpResponse(Protocol):
    """What the tests read of a TestClient response (httpx or httpx2, whichever starlette
    uses)."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def text(self) -> str: ...
    @property
    def content(self) -> bytes: ...
    def json(self) -> Any: ...


@pytest.fixture(scope="session")
def standin() -> Iterator[SlackStandIn]:
    server = SlackStandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def slack_runtime(
    built_runtime: Runtime,
    use_embedder: Embedder,
    standin: SlackStandIn,
    tmp_path_factory: pytest.TempPathFactory,
) -> Runtime:
    """A Runtime over the session's built index, with its own conversation store."""
    database = tmp_path_factory.mktemp("slack") / "conversations.sqlite3"
    settings = slack_settings(built_runtime.settings.data_dir, database, standin.api_url)
    runtime = make_runtime(settings, use_embedder)
    runtime.assistant.warm_up()
    return runtime


@dataclass
class Slack:
    """Signs and posts what Slack would send to POST /slack/events."""

    client: TestClient
    runtime: Runtime
    standin: SlackStandIn
    sequence: int = 0

    def post(self, body: str, content_type: str, **headers: str) -> HttpResponse:
        all_headers = {"Content-Type": content_type, **signed(body), **headers}
        return self.client.post("/slack/events", content=body.encode(), headers=all_headers)

    def next_id(self, prefix: str) -> str:
        self.sequence += 1
        return f"{prefix}{self.sequence}"

    def command(self, text: str, *, channel: str = CHANNEL, user: str = AGENT) -> HttpResponse:
        form = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "school",
            "channel_id": channel,
            "channel_name": "support",
            "user_id": user,
            "user_name": "agent",
            "command": "/terms",
            "text": text,
            "api_app_id": "A1",
            "response_url": self.standin.response_url(self.next_id("command")),
            "trigger_id": self.next_id("trigger."),
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, **headers: str
    ) -> HttpResponse:
        envelope = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(EVENT_IDS)}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": "UBOT", "is_bot": True}],
        }
        return self.post(json.dumps(envelope), "application/json", **headers)

    def interact(self, payload: dict[str, Any]) -> HttpResponse:
        base = {
            "team": {"id": TEAM_ID, "domain": "school"},
            "user": {"id": AGENT, "username": "agent", "team_id": TEAM_ID},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": self.next_id("trigger."),
        }
        return self.post(
            urlencode({"payload": json.dumps({**base, **payload})}),
            "application/x-www-form-urlencoded",
        )

    def click(
        self, action_id: str, value: str, *, ephemeral: bool = True, channel: str = CHANNEL
    ) -> HttpResponse:
        return self.interact(
            {
                "type": "block_actions",
                "container": {
                    "type": "message",
                    "message_ts": "1700000000.000100",
                    "channel_id": channel,
                    "is_ephemeral": ephemeral,
                },
                "channel": {"id": channel, "name": "support"},
                "response_url": self.standin.response_url(self.next_id("action")),
                "actions": [
                    {
                        "action_id": action_id,
                        "block_id": "terms_answer",
                        "value": value,
                        "type": "button",
                        "action_ts": "1700000001.000200",
                    }
                ],
            }
        )


def variant(runtime: Runtime, **settings: Any) -> Runtime:
    """`runtime` with other settings, sharing its index, models, assistant and database."""
    other = Runtime(runtime.settings.model_copy(update=settings))
    other.__dict__.update({k: v for k, v in runtime.__dict__.items() if k != "settings"})
    return other


@contextmanager
def slack_app(runtime: Runtime, standin: SlackStandIn, *, reset: bool = True) -> Iterator[Slack]:
    """A fresh app on `runtime` (the stand-in forgets earlier calls unless `reset` is False);
    afterwards, every payload the app sent must keep to Slack's Block Kit limits."""
    from api import create_app
    from bot.slack import mount_slack

    if reset:
        standin.reset()
    app = create_app(runtime=runtime)
    mount_slack(app, runtime)
    with TestClient(app) as client:
        yield Slack(client, runtime, standin)
    broken = [(c.method, p) for c in standin.calls for p in problems(c.method, c.body)]
    assert broken == []


@pytest.fixture
def slack(slack_runtime: Runtime, standin: SlackStandIn) -> Iterator[Slack]:
    """A fresh app on the shared runtime (whose database remembers the event ids seen)."""
    with slack_app(slack_runtime, standin) as opened:
        yield opened


class SlackWith(Protocol):
    def __call__(self, **settings: Any) -> Slack: ...


@pytest.fixture
def slack_with(slack_runtime: Runtime, standin: SlackStandIn) -> Iterator[SlackWith]:
    """`slack_with(slack_follow_threads="C8")`: the app with those settings."""
    with ExitStack() as stack:

        def open_with(**settings: Any) -> Slack:
            return stack.enter_context(slack_app(variant(slack_runtime, **settings), standin))

        yield open_with
