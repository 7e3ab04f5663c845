"""The buttons under an answer: post in channel, learner reply FR/EN, full clause, 👍/👎."""

from __future__ import annotations

from typing import Any

from tests.slack.conftest import AGENT, Slack
from tests.slack.standin import Call

QUESTION_FR = "J'ai combien de temps pour changer d'avis ?"


def asked(slack: Slack, question: str = QUESTION_FR) -> tuple[str, Call]:
    """Ask through /terms; the answer's message id (the buttons' value) and its message."""
    slack.command(question)
    (answer,) = slack.standin.wait_for("response_url")
    values = {
        e["value"] for b in answer.body["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    (message_id,) = values
    slack.standin.reset()
    return message_id, answer


def preformatted_text(blocks: list[dict[str, Any]]) -> str:
    return "".join(
        piece["text"]
        for block in blocks
        if block["type"] == "rich_text"
        for part in block["elements"]
        for piece in part["elements"]
    )


def test_post_in_channel_shares_the_answer_without_the_agent_buttons(slack: Slack) -> None:
    message_id, private = asked(slack)
    assert slack.click("terms_post", message_id).status_code == 200
    (posted,) = slack.standin.wait_for("response_url")
    assert posted.body["response_type"] == "in_channel"
    assert posted.body["replace_original"] is False
    assert all(b["type"] != "actions" for b in posted.body["blocks"])
    assert f"<@{AGENT}>" in str(posted.body["blocks"])
    assert private.body["blocks"][0] == posted.body["blocks"][0]  # the same answer


def test_learner_reply_in_french_is_ready_to_paste(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_reply_fr", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    text = preformatted_text(reply.body["blocks"])
    assert text.startswith("Bonjour,")
    assert "CGS, article 6.2" in text
    assert "sept (7) jours de réflexion" in text  # the quote
    assert "traduction non officielle" in text  # the Regulations quoted in French
    assert text.rstrip().endswith("Bien cordialement,")
    assert "_" not in text.replace("_(", "")  # no markdown emphasis left


def test_learner_reply_in_english_answers_in_english(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_reply_en", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    text = preformatted_text(reply.body["blocks"])
    assert text.startswith("Hello,")
    assert "Terms of Service, section 6.2" in text
    assert "seven (7)" in text or "7 days" in text or "7-day" in text
    assert text.rstrip().endswith("Kind regards,")


def test_learner_reply_to_a_declined_question_hands_over_to_student_success(slack: Slack) -> None:
    message_id, _ = asked(slack, "What is the capital of Peru?")
    slack.click("terms_reply_en", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    text = preformatted_text(reply.body["blocks"])
    assert "Student Success" in text
    assert "+33 1 80 88 80 30" in text


def test_full_clause_opens_a_modal_with_official_text_and_translation(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_clause", message_id)
    (opened,) = slack.standin.wait_for("views.open")
    view = opened.body["view"]
    assert view["title"]["text"] == "Full clause"
    text = str(view["blocks"])
    assert "CGS 6.2" in text
    assert "En application de l'article L.444-8" in text  # official French
    assert "Non-official English translation" in text
    assert opened.body["trigger_id"].startswith("trigger.")


def test_thumbs_up_is_stored_and_the_buttons_give_way_to_a_thank_you(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_feedback_up", message_id)
    (updated,) = slack.standin.wait_for("response_url")
    assert updated.body["replace_original"] is True
    assert "Feedback recorded: 👍" in str(updated.body["blocks"])
    stored = slack.runtime.conversations.get_message(message_id)
    assert stored is not None and stored["feedback"]["rating"] == "up"


def test_thumbs_down_on_a_public_answer_thanks_privately(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_feedback_down", message_id, ephemeral=False)
    (thanks,) = slack.standin.wait_for("response_url")
    assert thanks.body["response_type"] == "ephemeral"
    assert thanks.body["replace_original"] is False
    stored = slack.runtime.conversations.get_message(message_id)
    assert stored is not None and stored["feedback"]["rating"] == "down"


def test_a_button_for_an_unknown_answer_apologises(slack: Slack) -> None:
    slack.click("terms_reply_fr", "0" * 32)
    (apology,) = slack.standin.wait_for("response_url")
    assert "can't find that answer" in apology.body["text"]
