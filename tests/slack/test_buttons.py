"""The buttons under an answer: post in channel (once, with the question), learner reply,
full clause (both CGS versions where they differ), open in calculator, escalate, 👍/👎."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.reply import Passage, Reply
from bot.runtime import Runtime
from bot.schemas import ChatResponse, PendingCalculation
from bot.slack.exchange import stored_alone
from bot.slack.texts import ui
from tests.slack.conftest import AGENT, Slack, SlackWith
from tests.slack.conftest import CHANNEL as SLACK_CHANNEL
from tests.slack.test_command import ack_body, buttons

QUESTION_FR = "J'ai combien de temps pour changer d'avis ?"


def asked(slack: Slack, question: str = QUESTION_FR) -> tuple[str, dict[str, Any]]:
    """Ask through /terms; the answer's message id (the buttons' value) and its message."""
    answer = ack_body(slack.command(question))
    if not buttons(answer.get("blocks", [])):
        # A slow core (a busy machine) acknowledges with the placeholder and replaces it.
        (replaced,) = slack.standin.wait_for("response_url")
        answer = replaced.body
    values = set(buttons(answer["blocks"]).values())
    (message_id,) = values
    slack.standin.reset()
    return message_id, answer


def stored(runtime: Runtime, reply: Reply, question: str) -> ChatResponse:
    """An answer stored as the assistant would store it."""
    return stored_alone(runtime, reply, question, datetime.now(UTC))


def preformatted_text(blocks: list[dict[str, Any]]) -> str:
    return "".join(
        piece["text"]
        for block in blocks
        if block["type"] == "rich_text"
        for part in block["elements"]
        for piece in part["elements"]
    )


def test_post_in_channel_shares_the_question_and_the_answer_once(slack: Slack) -> None:
    message_id, private = asked(slack)
    assert slack.click("terms_post", message_id).status_code == 200
    posted, copy = slack.standin.wait_for("response_url", count=2)
    assert posted.body["response_type"] == "in_channel"
    assert posted.body["replace_original"] is False
    shown = str(posted.body["blocks"])
    assert all(b["type"] != "actions" for b in posted.body["blocks"])
    assert f"<@{AGENT}>" in shown
    assert QUESTION_FR.replace("'", "") in shown.replace("'", "").replace("\\", "")  # the question
    assert private["blocks"][0] in posted.body["blocks"]  # the same lead
    assert "sept (7) jours" in shown  # the deciding quote, for readers with no button
    # The agent's copy gives way to one without the button, saying it was posted.
    assert copy.body["replace_original"] is True
    assert "terms_post" not in buttons(copy.body["blocks"])
    assert ui("posted", "fr") in str(copy.body["blocks"])

    slack.standin.reset()
    slack.click("terms_post", message_id)
    (again,) = slack.standin.wait_for("response_url")
    assert again.body["response_type"] == "ephemeral"
    assert again.body["text"] == ui("already_posted", "fr")


def test_learner_reply_in_french_is_short_and_ready_to_paste(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_reply_fr", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    text = preformatted_text(reply.body["blocks"])
    assert text.startswith("Bonjour [Prénom],")
    assert "l'article 6.2 des CGS (« Abonnés Premium Plus »)" in text  # one citation
    assert "sept (7) jours de réflexion" in text  # its quote
    assert "Règlement intérieur" not in text and "Regulations" not in text  # nothing unrelated
    assert "https://openclassrooms.com/fr/policies/terms-of-sale" in text  # the public link
    assert "\n>" not in text and "**" not in text and " _" not in text  # no markup
    assert text.rstrip().endswith("Bien cordialement,")
    assert len(text) < 1500


def test_learner_reply_in_english_answers_in_english_only(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_reply_en", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    text = preformatted_text(reply.body["blocks"])
    assert text.startswith("Hello [First name],")
    assert "section 6.2 of the Terms of Service" in text
    assert "(non-official translation)" in text  # the CGS are French: the quote is translated
    assert "seven (7)" in text or "7 days" in text or "7-day" in text
    assert "jours" not in text
    assert text.rstrip().endswith("Kind regards,")


def test_learner_reply_to_a_declined_question_hands_over_to_student_success(
    slack: Slack,
) -> None:
    message_id, _ = asked(slack, "What is the capital of Peru?")
    slack.click("terms_reply_en", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    text = preformatted_text(reply.body["blocks"])
    assert "Student Success" in text
    assert "+33 1 80 88 80 30" in text
    assert "This is set out in" not in text  # no clause quoted for what they do not cover


def test_learner_reply_uses_the_operators_links(slack_with: SlackWith) -> None:
    slack = slack_with(slack_document_links={"cgs:fr": "https://example.org/cgs-fr"})
    message_id, _ = asked(slack)
    slack.click("terms_reply_fr", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    assert "https://example.org/cgs-fr" in preformatted_text(reply.body["blocks"])


def test_a_calculation_has_a_learner_reply(slack: Slack) -> None:
    question = "J'ai accepté les CGS le 1er mars 2024, jusqu'à quand puis-je me rétracter ?"
    message_id, answer = asked(slack, question)
    assert any("fields" in b for b in answer["blocks"])  # the figures as fields
    assert "Règle appliquée" in str(answer["blocks"])
    slack.click("terms_reply_fr", message_id)
    (reply,) = slack.standin.wait_for("response_url")
    text = preformatted_text(reply.body["blocks"])
    assert text.startswith("Bonjour [Prénom],")
    assert "8 mars 2024" in text
    assert "6.2" in text


def test_full_clause_opens_the_deciding_passage_and_the_whole_section(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_clause", message_id)
    (opened,) = slack.standin.wait_for("views.open")
    view = opened.body["view"]
    assert view["title"]["text"] == "Clause complète"
    blocks = view["blocks"]
    assert blocks[0]["type"] == "header" and "article 6.2" in blocks[0]["text"]["text"]
    assert "Passage déterminant" in str(blocks[1])
    assert "En application de l'article L.444-8" in str(blocks)  # official French
    assert "Même texte dans la version A" in str(blocks)  # 6.2 differs only in typography
    assert opened.body["trigger_id"].startswith("trigger.")


def test_full_clause_shows_both_versions_where_a_section_differs(slack: Slack) -> None:
    corpus = slack.runtime.corpus
    section_b = corpus.parsed("cgs", "B").get("3")
    section_a = corpus.parsed("cgs", "A").get("3")
    assert section_a is not None and section_b is not None
    passage = Passage("cgs", "3", "B", section_b.title, section_b.text[:80], "fr")
    answer = stored(slack.runtime, Reply("fr", "answered", "Une réponse.", passages=[passage]), "?")
    slack.click("terms_clause", answer.message_id)
    (opened,) = slack.standin.wait_for("views.open")
    shown = json.dumps(opened.body["view"]["blocks"], ensure_ascii=False)
    assert "diffère entre les versions" in shown and "version A" in shown
    assert "sans autorisation de vos représentants légaux" in section_a.text
    assert "représentants légaux" in shown  # version A's own wording is there
    assert "La version B déplace" in shown  # what changed, in a sentence (bot/diff.py)


def test_open_in_calculator_fills_in_what_the_conversation_said(slack: Slack) -> None:
    pending = PendingCalculation(
        calculator="subscription_termination",
        inputs={"plan": "premium_plus", "cancellation_date": "2024-05-10"},
        missing=["subscription_start_date"],
    )
    reply = Reply("fr", "answered", "Il me faut une date.", ask="Quand ?", pending=pending)
    answer = stored(slack.runtime, reply, "Je veux résilier")
    blocks = ack_body_of(slack, answer)
    assert "terms_calculator" in buttons(blocks)
    slack.click("terms_calculator", answer.message_id)
    (opened,) = slack.standin.wait_for("views.open")
    view = opened.body["view"]
    assert json.loads(view["private_metadata"])["calculator"] == "subscription_termination"
    inputs = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert inputs["cancellation_date"]["initial_date"] == "2024-05-10"
    assert inputs["plan"]["initial_option"]["value"] == "premium_plus"
    assert "initial_date" not in inputs["subscription_start_date"]


def ack_body_of(slack: Slack, answer: ChatResponse) -> list[dict[str, Any]]:
    from bot.slack.messages import AnswerView, answer_message

    blocks: list[dict[str, Any]] = answer_message(answer, AnswerView("agent"))["blocks"]
    return blocks


def test_escalate_posts_the_case_to_the_teams_channel(slack_with: SlackWith) -> None:
    slack = slack_with(slack_escalation_channel="CESC", slack_escalation_usergroup="S123")
    message_id, answer = asked(slack, "What is the capital of Peru?")
    assert "terms_escalate" in buttons(answer["blocks"])
    slack.click("terms_escalate", message_id)
    (opened,) = slack.standin.wait_for("views.open")
    window = opened.body["view"]
    assert window["callback_id"] == "terms_escalate" and "<#CESC>" in str(window["blocks"])
    note = {
        "note": {"value": {"type": "plain_text_input", "value": "Learner insists, please call."}}
    }
    submitted = {**window, "id": "V9", "state": {"values": note}}
    response = slack.interact({"type": "view_submission", "view": submitted})
    assert response.status_code == 200
    (post,) = slack.standin.wait_for("chat.postMessage", lambda c: c.body["channel"] == "CESC")
    shown = str(post.body["blocks"])
    assert "<!subteam^S123>" in shown and f"<@{AGENT}>" in shown
    assert "capital of Peru" in shown and "Learner insists, please call." in shown
    (told,) = slack.standin.wait_for("chat.postEphemeral")
    assert told.body["user"] == AGENT and told.body["text"] == ui(
        "escalated", "en", where="<#CESC>"
    )


def test_an_escalation_that_cannot_be_posted_says_why(slack_with: SlackWith) -> None:
    slack = slack_with(slack_escalation_channel="CESC")
    message_id, _ = asked(slack, "What is the capital of Peru?")
    slack.standin.failures["chat.postMessage"] = "not_in_channel"
    metadata = json.dumps({"message_id": message_id, "channel": SLACK_CHANNEL})
    view = {
        "id": "V9",
        "type": "modal",
        "callback_id": "terms_escalate",
        "private_metadata": metadata,
        "state": {"values": {}},
    }
    slack.interact({"type": "view_submission", "view": view})
    (told,) = slack.standin.wait_for("chat.postEphemeral")
    assert "not_in_channel" in told.body["text"] and "/invite @termsbot" in told.body["text"]


def test_no_escalate_button_without_a_destination(slack: Slack) -> None:
    _, answer = asked(slack, "What is the capital of Peru?")
    assert "terms_escalate" not in buttons(answer["blocks"])


def test_thumbs_up_is_stored_and_the_buttons_give_way_to_a_thank_you(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_feedback_up", message_id)
    (updated,) = slack.standin.wait_for("response_url")
    assert updated.body["replace_original"] is True
    assert ui("feedback", "fr", rating="👍") in str(updated.body["blocks"])
    stored_message = slack.runtime.conversations.get_message(message_id)
    assert stored_message is not None and stored_message["feedback"]["rating"] == "up"


def test_thumbs_down_on_a_public_answer_thanks_privately(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.click("terms_feedback_down", message_id, ephemeral=False)
    (thanks,) = slack.standin.wait_for("response_url")
    assert thanks.body["response_type"] == "ephemeral"
    assert thanks.body["replace_original"] is False
    stored_message = slack.runtime.conversations.get_message(message_id)
    assert stored_message is not None and stored_message["feedback"]["rating"] == "down"


def test_a_button_for_an_unknown_answer_apologises(slack: Slack) -> None:
    slack.click("terms_reply_fr", "0" * 32)
    (apology,) = slack.standin.wait_for("response_url")
    assert apology.body["text"] == ui("not_found", "fr")


def test_a_dead_response_url_still_reaches_the_agent(slack: Slack) -> None:
    message_id, _ = asked(slack)
    slack.standin.statuses["response_url"] = [(404, {}, "expired_url")]
    slack.click("terms_reply_fr", message_id)
    (told,) = slack.standin.wait_for("chat.postEphemeral")
    assert told.body["user"] == AGENT and told.body["channel"] == SLACK_CHANNEL
    assert preformatted_text(told.body["blocks"]).startswith("Bonjour [Prénom],")
