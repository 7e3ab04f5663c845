"""Getting the answer to the agent whatever the Web API does: retried on 429 after
`Retry-After` and on server errors, sent short when Slack finds it too long, and told to the
agent (ephemeral, else DM) when it cannot be posted."""

from __future__ import annotations

from bot.slack.texts import ui
from tests.slack.conftest import AGENT, Slack
from tests.slack.standin import BOT_USER_ID
from tests.slack.test_buttons import asked, preformatted_text
from tests.slack.test_events import QUESTION, in_channel, mention

RATE_LIMITED = (429, {"Retry-After": "1"}, '{"ok": false, "error": "ratelimited"}')
SERVER_ERROR = (503, {}, "upstream unavailable")


def test_a_rate_limited_post_is_retried_after_retry_after(slack: Slack) -> None:
    slack.standin.statuses["chat.postMessage"] = [RATE_LIMITED]
    slack.event(mention(QUESTION, ts="1700001000.000100", channel="C40"))
    first, second = slack.standin.wait_for("chat.postMessage", in_channel("C40"), count=2)
    assert first.body == second.body  # the same answer, sent again
    assert slack.standin.of("chat.postEphemeral") == []  # and it got through


def test_a_rate_limited_response_url_is_retried(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.standin.statuses["response_url"] = [RATE_LIMITED]
    slack.click("terms_reply_fr", message_id)
    first, second = slack.standin.wait_for("response_url", count=2)
    assert first.body == second.body  # the same reply, sent again after Retry-After
    assert preformatted_text(second.body["blocks"]).startswith("Bonjour [Prénom],")
    assert slack.standin.of("chat.postEphemeral") == []


def test_server_errors_are_retried_a_bounded_number_of_times_then_the_agent_is_told(
    slack: Slack,
) -> None:
    slack.standin.statuses["chat.postMessage"] = [SERVER_ERROR] * 10
    slack.event(mention(QUESTION, ts="1700001100.000100", channel="C41"))
    (told,) = slack.standin.wait_for("chat.postEphemeral")
    attempts = slack.standin.of("chat.postMessage")
    assert 2 <= len(attempts) <= 4  # retried, but not forever
    assert told.body["channel"] == "C41" and told.body["user"] == "U2"
    assert "C41" in told.body["blocks"][0]["elements"][0]["text"]
    assert "3.1.1" in str(told.body["blocks"])  # the answer itself reaches the agent


def test_a_message_slack_finds_too_long_is_sent_short(slack: Slack) -> None:
    slack.standin.statuses["chat.postMessage"] = [
        (200, {}, '{"ok": false, "error": "msg_too_long"}')
    ]
    slack.event(mention(QUESTION, ts="1700001200.000100", channel="C42"))
    full, short = slack.standin.wait_for("chat.postMessage", in_channel("C42"), count=2)
    kinds = {b["type"] for b in short.body["blocks"][1:]}
    assert kinds <= {"context", "actions"}  # points, figures and quotes left out
    assert len(short.body["text"]) <= 1500
    assert short.body["blocks"][0] == full.body["blocks"][0]  # the lead stays
    assert short.body["blocks"][-1]["type"] == "actions"  # and the buttons
    assert slack.standin.of("chat.postEphemeral") == []


def test_an_answer_that_cannot_be_posted_reaches_the_asker(slack: Slack) -> None:
    slack.standin.failures["chat.postMessage"] = "not_in_channel"
    slack.event(mention(QUESTION, ts="1700001300.000100", channel="C43"))
    (told,) = slack.standin.wait_for("chat.postEphemeral")
    heading = told.body["blocks"][0]["elements"][0]["text"]
    assert heading == ui("delivery_failed", "en", where="<#C43>", error="not_in_channel")
    assert "3.1.1" in str(told.body["blocks"])


def test_when_the_channel_refuses_even_an_ephemeral_the_agent_gets_a_dm(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.standin.statuses["response_url"] = [(404, {}, "expired_url")]
    slack.standin.failures["chat.postEphemeral"] = "channel_not_found"
    slack.click("terms_reply_fr", message_id)
    (dm,) = slack.standin.wait_for("chat.postMessage")
    assert dm.body["channel"] == AGENT
    assert preformatted_text(dm.body["blocks"]).startswith("Bonjour [Prénom],")


def test_the_bots_identity_comes_from_the_event_not_from_the_web_api(slack: Slack) -> None:
    slack.standin.failures["auth.test"] = "invalid_auth"
    text = f"<@{BOT_USER_ID}> {QUESTION}"
    slack.event({**mention(QUESTION, ts="1700001400.000100", channel="C44"), "text": text})
    (post,) = slack.standin.wait_for("chat.postMessage", in_channel("C44"))
    assert "3.1.1" in str(post.body["blocks"])
