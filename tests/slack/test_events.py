"""Mentions, DMs and threads: answered when mentioned (reading the thread above as the case),
every DM message answered, unmentioned thread replies left alone unless the channel follows
its threads, one conversation per thread, each event handled once, bots ignored."""

from __future__ import annotations

from typing import Any

from bot.slack.exchange import CHANNEL, thread_key
from bot.slack.texts import ui
from tests.slack.conftest import Slack, SlackWith
from tests.slack.standin import BOT_ID, BOT_USER_ID, Call

QUESTION = "How late can I be to a mentoring session?"


def mention(
    text: str, ts: str, channel: str = "C7", thread_ts: str | None = None, **extra: Any
) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": "U2",
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **extra,
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


def block_text(call: Call) -> str:
    return str(call.body.get("blocks"))


def action_ids(call: Call) -> list[str]:
    return [
        e["action_id"] for b in call.body["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]


def test_a_mention_is_answered_in_its_thread(slack: Slack) -> None:
    response = slack.event(mention(QUESTION, ts="1700000100.000100"))
    assert response.status_code == 200
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C7"))
    assert post.body["thread_ts"] == "1700000100.000100"
    assert "3.1.1" in block_text(post)
    assert post.body["blocks"][0]["type"] == "section"  # the lead first
    assert "terms_post" not in action_ids(post)  # already public
    assert "terms_reply_fr" in action_ids(post)
    assert slack.standin.of("conversations.replies") == []  # a new thread: nothing above


def test_a_mention_under_a_learners_message_reads_it_and_says_so(slack: Slack) -> None:
    root = "1700000150.000100"
    slack.standin.threads[f"C17:{root}"] = [
        {"ts": root, "user": "U3", "text": "Bonjour, j'ai souscrit à Premium Plus hier."},
        {"ts": "1700000150.000200", "user": "U3", "text": "Puis-je encore annuler sans frais ?"},
        {"ts": "1700000150.000300", "user": "U2", "text": f"<@{BOT_USER_ID}> que disent les CGS ?"},
    ]
    slack.event(mention("que disent les CGS ?", "1700000150.000300", "C17", thread_ts=root))
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C17"))
    (read,) = slack.standin.of("conversations.replies")
    assert read.body["channel"] == "C17" and read.body["ts"] == root
    assert post.body["thread_ts"] == root
    assert ui("context_many", "fr", count=2) in block_text(post)
    assert "6.2" in block_text(post)  # the case (Premium Plus, cancelling) was read
    assert "Hors des documents" not in block_text(post)


def test_the_thread_is_read_only_after_the_bots_last_answer(slack: Slack) -> None:
    root = "1700000160.000100"
    slack.standin.threads[f"C18:{root}"] = [
        {"ts": root, "user": "U3", "text": "Premium Plus, acceptation le 3 mars."},
        {"ts": "1700000160.000200", "bot_id": BOT_ID, "text": "an earlier answer"},
        {"ts": "1700000160.000300", "user": "U3", "text": "Et combien de minutes de retard ?"},
    ]
    slack.event(mention("et là ?", "1700000160.000400", "C18", thread_ts=root))
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C18"))
    assert ui("context_one", "fr") in block_text(post)


def test_a_thread_slack_will_not_show_is_answered_without_it(slack: Slack) -> None:
    slack.standin.failures["conversations.replies"] = "missing_scope"
    slack.event(mention(QUESTION, "1700000170.000300", "C19", thread_ts="1700000170.000100"))
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C19"))
    assert "3.1.1" in block_text(post)
    assert ":thread:" not in block_text(post)


def test_a_dm_is_answered_in_the_dm(slack: Slack) -> None:
    dm = message(
        "Quand puis-je résilier mon abonnement ?", "1700000200.000100", "D9", channel_type="im"
    )
    assert slack.event(dm).status_code == 200
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("D9"))
    assert post.body.get("thread_ts") is None
    assert slack.runtime.conversations.find_by_external_key(CHANNEL, "D9:dm") is not None


def test_help_in_a_dm_explains_the_bot(slack: Slack) -> None:
    slack.event(message("help", "1700000210.000100", "D10", channel_type="im"))
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("D10"))
    assert "/terms calc" in block_text(post)
    assert slack.runtime.conversations.find_by_external_key(CHANNEL, "D10:dm") is None


def test_a_dm_with_a_file_is_answered_from_its_text(slack: Slack) -> None:
    files = [{"id": "F1", "name": "contrat.pdf"}]
    dm = message(QUESTION, "1700000220.000100", "D11", channel_type="im", subtype="file_share")
    slack.event({**dm, "files": files})
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("D11"))
    assert "3.1.1" in block_text(post)
    assert ui("files_ignored", "en") in block_text(post)
    only_a_file = message("", "1700000220.000200", "D12", channel_type="im", subtype="file_share")
    slack.event({**only_a_file, "files": files})
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("D12"))
    assert post.body["text"] == ui("files_only", "fr")


def test_a_thread_reply_also_sent_to_the_channel_is_answered(slack: Slack) -> None:
    root = "1700000230.000100"
    broadcast = mention(QUESTION, "1700000230.000200", "C20", thread_ts=root)
    slack.event({**broadcast, "subtype": "thread_broadcast"})
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C20"))
    assert post.body["thread_ts"] == root


def test_unmentioned_replies_in_a_thread_the_bot_answered_are_left_alone(slack: Slack) -> None:
    root = "1700000300.000100"
    slack.event(mention("Premium Plus: how long is the reflection period?", ts=root, channel="C8"))
    slack.standin.wait_for("chat.postMessage", in_channel("C8"))
    for i, text in enumerate(["merci, je m'en occupe 👍", "and for Solo?", "ok"]):
        slack.event(message(text, f"1700000300.00090{i}", "C8", thread_ts=root))
    _answered_after_a_dm(slack)
    assert len(slack.standin.of("chat.postMessage")) == 2  # the mention, then the DM


def test_a_followed_channel_continues_the_conversation(slack_with: SlackWith) -> None:
    slack = slack_with(slack_follow_threads="C28, C29")
    root = "1700000310.000100"
    slack.event(mention("Premium Plus: how long is the reflection period?", ts=root, channel="C28"))
    slack.standin.wait_for("chat.postMessage", in_channel("C28"))
    slack.event(message("merci, je m'en occupe 👍", "1700000310.000800", "C28", thread_ts=root))
    slack.event(message("<@U5> tu peux regarder ?", "1700000310.000850", "C28", thread_ts=root))
    slack.event(message("and for Solo?", "1700000310.000900", "C28", thread_ts=root))
    first, second = slack.standin.wait_for("chat.postMessage", in_channel("C28"), count=2)
    assert first.body["thread_ts"] == second.body["thread_ts"] == root
    _answered_after_a_dm(slack)
    assert len(slack.standin.of("chat.postMessage")) == 3  # thanks and a colleague: no answer

    conversation = slack.runtime.conversations.find_by_external_key(
        CHANNEL, thread_key("C28", root)
    )
    assert conversation is not None
    history = slack.runtime.conversations.history(conversation.id)
    assert [turn.user_text for turn in history] == [
        "Premium Plus: how long is the reflection period?",
        "and for Solo?",
    ]


def test_a_thread_the_bot_is_not_part_of_is_left_alone(slack_with: SlackWith) -> None:
    slack = slack_with(slack_follow_threads="*")
    slack.event(
        message("unrelated chat?", "1700000400.000500", "C9", thread_ts="1700000400.000100")
    )
    slack.event(message("a top-level message?", "1700000400.000600", "C9"))
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
    assert post.body["text"] == ui("empty", "fr")


def test_a_bare_mention_under_a_message_answers_that_message(slack: Slack) -> None:
    root = "1700000610.000100"
    slack.standin.threads[f"C14:{root}"] = [{"ts": root, "user": "U3", "text": QUESTION}]
    slack.event(mention("", ts="1700000610.000200", channel="C14", thread_ts=root))
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C14"))
    assert "3.1.1" in block_text(post)
    assert ui("context_one", "en") in block_text(post)


def test_app_home_says_what_the_bot_does(slack: Slack) -> None:
    slack.standin.locale = "en-GB"
    slack.event({"type": "app_home_opened", "user": "U2", "channel": "D2", "tab": "home"})
    (published,) = slack.standin.wait_for("views.publish")
    assert published.body["user_id"] == "U2"
    assert published.body["view"]["type"] == "home"
    assert "/terms calc" in str(published.body["view"]["blocks"])
    assert "What you can do" in str(published.body["view"]["blocks"])
    slack.event({"type": "app_home_opened", "user": "U2", "channel": "D2", "tab": "messages"})
    _answered_after_a_dm(slack)
    assert len(slack.standin.of("views.publish")) == 1


def test_the_message_shortcut_answers_the_message_privately(slack: Slack) -> None:
    slack.interact(
        {
            "type": "message_action",
            "callback_id": "terms_ask_message",
            "channel": {"id": "C30", "name": "support"},
            "message": {"type": "message", "user": "U3", "ts": "1700000700.1", "text": QUESTION},
            "response_url": slack.standin.response_url("shortcut"),
        }
    )
    (answer,) = slack.standin.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert "3.1.1" in block_text(answer)
    assert "<@U3>" in block_text(answer)  # says whose message was read
    assert "terms_post" in action_ids(answer)


def _answered_after_a_dm(slack: Slack) -> None:
    """A later event, waited for: what came before it has been handled (or ignored)."""
    slack.event(message(QUESTION, "1700000900.000100", "D6", channel_type="im"))
    slack.standin.wait_for("chat.postMessage", in_channel("D6"))
