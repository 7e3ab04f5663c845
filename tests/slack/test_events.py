"""Mentions, DMs and threads: answers in the thread, one conversation per thread, each
event handled once, bots (this one included) ignored."""

from __future__ import annotations

from typing import Any

from bot.slack.exchange import CHANNEL, thread_key
from tests.slack.conftest import Slack
from tests.slack.standin import BOT_ID, BOT_USER_ID

QUESTION = "How late can I be to a mentoring session?"


def mention(
    text: str, ts: str, channel: str = "C7", thread_ts: str | None = None
) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": "U2",
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    return event


def message(text: str, ts: str, channel: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "user": "U2",
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "channel_type": "channel",
        **extra,
    }


def in_channel(channel: str) -> Any:
    return lambda call: call.body.get("channel") == channel


def test_a_mention_is_answered_in_its_thread(slack: Slack) -> None:
    response = slack.event(mention(QUESTION, ts="1700000100.000100"))
    assert response.status_code == 200
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C7"))
    assert post.body["thread_ts"] == "1700000100.000100"
    assert "3.1.1" in str(post.body["blocks"])
    buttons = [
        e["action_id"] for b in post.body["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert "terms_post" not in buttons  # already public
    assert "terms_reply_fr" in buttons


def test_a_dm_is_answered_in_the_dm(slack: Slack) -> None:
    dm = message(
        "Quand puis-je résilier mon abonnement ?", "1700000200.000100", "D9", channel_type="im"
    )
    assert slack.event(dm).status_code == 200
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("D9"))
    assert post.body.get("thread_ts") is None
    assert slack.runtime.conversations.find_by_external_key(CHANNEL, "D9:dm") is not None


def test_a_reply_in_the_thread_continues_the_same_conversation(slack: Slack) -> None:
    root = "1700000300.000100"
    slack.event(mention("Premium Plus: how long is the reflection period?", ts=root, channel="C8"))
    slack.standin.wait_for("chat.postMessage", in_channel("C8"))
    slack.event(message("and for Solo?", "1700000300.000900", "C8", thread_ts=root))
    first, second = slack.standin.wait_for("chat.postMessage", in_channel("C8"), count=2)
    assert first.body["thread_ts"] == second.body["thread_ts"] == root

    conversation = slack.runtime.conversations.find_by_external_key(CHANNEL, thread_key("C8", root))
    assert conversation is not None
    history = slack.runtime.conversations.history(conversation.id)
    assert [turn.user_text for turn in history] == [
        "Premium Plus: how long is the reflection period?",
        "and for Solo?",
    ]


def test_a_thread_the_bot_is_not_part_of_is_left_alone(slack: Slack) -> None:
    slack.event(message("unrelated chat", "1700000400.000500", "C9", thread_ts="1700000400.000100"))
    slack.event(message("a top-level message", "1700000400.000600", "C9"))
    _answered_after_a_dm(slack)
    assert [p.body["channel"] for p in slack.standin.of("chat.postMessage")] == ["D6"]


def test_bots_and_the_bot_itself_are_ignored(slack: Slack) -> None:
    ignored = [
        message("I am a bot", "1.1", "D5", channel_type="im", bot_id="B999"),
        message("legacy bot", "1.2", "D5", channel_type="im", subtype="bot_message"),
        message(QUESTION, "1.3", "D5", channel_type="im", user=BOT_USER_ID),
        message(QUESTION, "1.4", "D5", channel_type="im", bot_id=BOT_ID),
        message("edited", "1.5", "D5", channel_type="im", subtype="message_changed"),
        {**mention(QUESTION, ts="1.6", channel="C5"), "bot_id": "B999"},
    ]
    for event in ignored:
        assert slack.event(event).status_code == 200
    _answered_after_a_dm(slack)
    posts = slack.standin.of("chat.postMessage")
    assert [p.body["channel"] for p in posts] == ["D6"]


def test_a_retry_of_the_same_event_is_answered_once(slack: Slack) -> None:
    dm = message(QUESTION, "1700000500.000100", "D7", channel_type="im")
    assert slack.event(dm, event_id="EvSAME").status_code == 200
    slack.standin.wait_for("chat.postMessage", in_channel("D7"))
    retry = slack.event(
        dm, event_id="EvSAME", **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert retry.status_code == 200
    _answered_after_a_dm(slack)
    assert len(slack.standin.of("chat.postMessage")) == 2  # D7 once, then D6

    conversation = slack.runtime.conversations.find_by_external_key(CHANNEL, "D7:dm")
    assert conversation is not None
    assert len(slack.runtime.conversations.history(conversation.id)) == 1


def test_an_empty_mention_gets_a_hint(slack: Slack) -> None:
    slack.event(mention("", ts="1700000600.000100", channel="C4"))
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C4"))
    assert "Ask me a question" in post.body["text"]


def _answered_after_a_dm(slack: Slack) -> None:
    """A later event, waited for: what came before it has been handled (or ignored)."""
    slack.event(message(QUESTION, "1700000900.000100", "D6", channel_type="im"))
    slack.standin.wait_for("chat.postMessage", in_channel("D6"))
