"""The app manifest an admin pastes into Slack agrees with what the app listens to."""

from __future__ import annotations

from typing import Any

import yaml

from bot.settings import PROJECT_ROOT
from bot.slack.app import COMMAND
from bot.slack.mount import EVENTS_PATH

MANIFEST = PROJECT_ROOT / "slack" / "manifest.yml"


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(MANIFEST.read_text("utf-8"))
    return loaded


def test_every_url_points_at_the_events_path() -> None:
    m = manifest()
    url = f"https://YOUR-HOST{EVENTS_PATH}"
    (command,) = m["features"]["slash_commands"]
    assert command["command"] == COMMAND
    assert command["url"] == url
    assert m["settings"]["event_subscriptions"]["request_url"] == url
    assert m["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}


def test_scopes_cover_the_events_and_calls_the_app_uses() -> None:
    m = manifest()
    scopes = set(m["oauth_config"]["scopes"]["bot"])
    events = set(m["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels"} <= events
    needed = {
        "commands",
        "chat:write",
        "app_mentions:read",
        "im:history",
        "im:read",
        "im:write",
        "channels:history",
        "groups:history",
    }
    assert needed <= scopes
    assert "message.groups" not in events or "groups:history" in scopes
    assert "message.mpim" not in events or "mpim:history" in scopes


def test_texts_fit_slack_manifest_limits() -> None:
    info = manifest()["display_information"]
    assert len(info["name"]) <= 35
    assert len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
