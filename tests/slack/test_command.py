"""`/terms <question>`: acknowledged at once, answered later, only to the agent."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from bot.errors import IndexMissing
from tests.slack.blockkit import problems_of_message
from tests.slack.conftest import HttpResponse, Slack

QUESTION_FR = "J'ai combien de temps pour changer d'avis ?"


def _texts(blocks: list[dict[str, Any]]) -> str:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []) + block.get("fields", []):
            out.append(str(element.get("text", "")))
    return "\n".join(out)


def ack_body(response: HttpResponse) -> dict[str, Any]:
    """Bolt answers a text-only ack as plain text, anything richer as JSON."""
    if response.headers.get("content-type", "").startswith("application/json"):
        body: dict[str, Any] = response.json()
        return body
    return {"text": response.text}


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        element["action_id"]: element["value"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


def test_the_ack_returns_within_3_seconds_and_the_answer_follows(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    assistant = slack.runtime.assistant
    real_ask = assistant.ask
    started, release = threading.Event(), threading.Event()

    def slow_ask(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(timeout=60)  # slower than Slack's 3 seconds until the test says so
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(assistant, "ask", slow_ask)
    begun = time.monotonic()
    response = slack.command(QUESTION_FR)
    elapsed = time.monotonic() - begun

    assert response.status_code == 200
    assert elapsed < 3.0
    assert "Looking it up" in ack_body(response)["text"]
    assert problems_of_message(ack_body(response)) == []
    assert started.wait(timeout=10), "the question never reached the core"
    assert slack.standin.of("response_url") == []  # the answer is still being computed
    release.set()
    (answer,) = slack.standin.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert "6.2" in _texts(answer.body["blocks"])


def test_the_answer_shows_sources_translation_marks_and_buttons(slack: Slack) -> None:
    slack.command(QUESTION_FR)
    (answer,) = slack.standin.wait_for("response_url")
    blocks = answer.body["blocks"]
    text = _texts(blocks)
    assert "Sources" in text
    assert "*CGS 6.2*" in text
    assert "non-official translation" in text  # the Regulations quoted in French
    assert set(_buttons(blocks)) == {
        "terms_post",
        "terms_reply_fr",
        "terms_reply_en",
        "terms_clause",
        "terms_feedback_up",
        "terms_feedback_down",
    }
    message_id = _buttons(blocks)["terms_post"]
    stored = slack.runtime.conversations.get_message(message_id)
    assert stored is not None and stored["role"] == "assistant"


def test_help_and_an_empty_command_explain_themselves(slack: Slack) -> None:
    for text in ("", "help"):
        response = slack.command(text)
        assert response.status_code == 200
        assert "/terms calc" in _texts(ack_body(response)["blocks"])
    assert slack.standin.sent() == []


def test_a_question_too_long_is_refused_politely(slack: Slack) -> None:
    response = slack.command("a" * 4001)
    assert response.status_code == 200
    assert "4,000" in ack_body(response)["text"]


def test_a_declined_question_names_student_success(slack: Slack) -> None:
    slack.command("What is the capital of Peru?")
    (answer,) = slack.standin.wait_for("response_url")
    text = _texts(answer.body["blocks"])
    assert "Not covered by the documents" in text
    assert "Student Success" in text


def test_a_core_failure_becomes_a_polite_message(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args: Any, **kwargs: Any) -> Any:
        raise IndexMissing("no index has been built")

    monkeypatch.setattr(slack.runtime.assistant, "ask", unavailable)
    assert slack.command(QUESTION_FR).status_code == 200
    (reply,) = slack.standin.wait_for("response_url")
    assert reply.body["response_type"] == "ephemeral"
    assert "index is being rebuilt" in reply.body["text"]


def test_an_unexpected_failure_is_logged_and_the_agent_told(
    slack: Slack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(slack.runtime.assistant, "ask", broken)
    slack.command(QUESTION_FR)
    (reply,) = slack.standin.wait_for("response_url")
    assert "Something went wrong" in reply.body["text"]
    assert "ZeroDivisionError" in caplog.text
