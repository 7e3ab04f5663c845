"""The app manifest an admin pastes into Slack agrees with what the app listens to, and asks
for the scopes the code uses — no more — each one explained in docs/slack.md."""

from __future__ import annotations

from typing import Any

import yaml

from bot.settings import PROJECT_ROOT
from bot.slack.door import COMMAND
from bot.slack.mount import EVENTS_PATH
from bot.slack.questions import SHORTCUT

MANIFEST = PROJECT_ROOT / "slack" / "manifest.yml"
GUIDE = PROJECT_ROOT / "docs" / "slack.md"

# Each scope, and what in the code needs it.
USED_SCOPES = {
    "commands": "/terms and the message shortcut",
    "chat:write": "chat.postMessage, chat.postEphemeral, DMs to the agent",
    "app_mentions:read": "app_mention events",
    "im:history": "message.im events (DMs)",
    "channels:history": "conversations.replies (the thread above a mention), message.channels",
    "groups:history": "the same in private channels",
    "users:read": "users.info for the agent's language",
}


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


def test_the_scopes_are_exactly_those_the_code_uses() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    assert scopes == set(USED_SCOPES)
    assert not scopes & {"chat:write.public", "im:read", "im:write", "mpim:history"}


def test_events_match_the_listeners_and_their_scopes() -> None:
    m = manifest()
    scopes = set(m["oauth_config"]["scopes"]["bot"])
    events = set(m["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "app_home_opened", "message.im"} <= events
    assert "message.channels" not in events or "channels:history" in scopes
    assert "message.groups" not in events or "groups:history" in scopes
    assert "message.mpim" not in events
    assert m["features"]["app_home"]["home_tab_enabled"] is True


def test_the_message_shortcut_is_the_one_the_app_listens_to() -> None:
    (shortcut,) = manifest()["features"]["shortcuts"]
    assert shortcut["type"] == "message"
    assert shortcut["callback_id"] == SHORTCUT
    assert len(shortcut["name"]) <= 25 and len(shortcut["description"]) <= 150


def test_the_guide_says_which_feature_needs_which_scope() -> None:
    guide = GUIDE.read_text("utf-8")
    for scope in USED_SCOPES:
        assert f"`{scope}`" in guide


def test_texts_fit_slack_manifest_limits() -> None:
    info = manifest()["display_information"]
    assert len(info["name"]) <= 35
    assert len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
