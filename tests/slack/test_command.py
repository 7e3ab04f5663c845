"""`/terms <question>`: the answer first — in the acknowledgement itself when the core is
quick, otherwise replacing a placeholder — only to the agent, whatever the Web API does."""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from typing import Any

import pytest

from bot.errors import IndexMissing
from bot.runtime import Runtime
from bot.slack.texts import ui
from tests.slack.blockkit import problems_of_message
from tests.slack.conftest import HttpResponse, Slack, SlackWith, slack_app
from tests.slack.standin import SlackStandIn

QUESTION_FR = "J'ai combien de temps pour changer d'avis ?"
# The fact this question asks for: the 7-day reflection period (CGS 6.2), in any wording.
SEVEN_DAYS = re.compile(r"\b(7|sept)\b[^.]{0,40}\bjours?\b", re.IGNORECASE)


def texts(blocks: list[dict[str, Any]]) -> str:
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


def buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        element["action_id"]: element["value"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


def slow_core(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> tuple[threading.Event, threading.Event]:
    """The core waits (slower than Slack's 3 seconds) until the test releases it."""
    assistant = slack.runtime.assistant
    real_ask = assistant.ask
    started, release = threading.Event(), threading.Event()

    def slow_ask(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(timeout=60)
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(assistant, "ask", slow_ask)
    return started, release


def test_a_quick_answer_is_the_acknowledgement_itself(slack: Slack) -> None:
    begun = time.monotonic()
    response = slack.command(QUESTION_FR)
    assert time.monotonic() - begun < 3.0
    body = ack_body(response)
    assert body["response_type"] == "ephemeral"
    assert problems_of_message(body) == []
    # The first text the agent reads states the fact asked for.
    assert SEVEN_DAYS.search(body["text"][:300])
    assert SEVEN_DAYS.search(body["blocks"][0]["text"]["text"][:300])
    assert "terms_post" in buttons(body["blocks"])
    assert slack.standin.of("response_url") == []  # nothing else is sent, nothing left behind


def test_a_slow_answer_replaces_its_placeholder(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = slow_core(slack, monkeypatch)
    begun = time.monotonic()
    response = slack.command(QUESTION_FR)
    assert response.status_code == 200
    assert time.monotonic() - begun < 3.0
    assert ack_body(response)["text"] == ui("thinking", "fr")
    assert started.wait(timeout=10), "the question never reached the core"
    assert slack.standin.of("response_url") == []  # the answer is still being computed
    release.set()
    (answer,) = slack.standin.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["replace_original"] is True  # the placeholder gives way to the answer
    assert SEVEN_DAYS.search(answer.body["text"][:300])


def test_a_slow_failure_replaces_the_placeholder_with_an_apology(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_and_broken(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=60)
        raise IndexMissing("no index has been built")

    monkeypatch.setattr(slack.runtime.assistant, "ask", slow_and_broken)
    assert ack_body(slack.command(QUESTION_FR))["text"] == ui("thinking", "fr")
    release.set()
    (reply,) = slack.standin.wait_for("response_url")
    assert reply.body["replace_original"] is True
    assert reply.body["text"] == ui("index_rebuilding", "fr")


def test_a_translated_source_is_titled_in_the_language_of_the_line(slack: Slack) -> None:
    blocks = ack_body(
        slack.command("Le conseil de discipline : les griefs, combien de jours avant ?")
    )["blocks"]
    (sources,) = [t for t in texts(blocks).split("\n") if t.startswith("*Sources* :")]
    assert "article 5.3 (« Procédure disciplinaire »), traduction non officielle" in sources
    assert "Disciplinary Procedure" not in sources


def test_the_answer_shows_sources_translation_marks_and_buttons(slack: Slack) -> None:
    blocks = ack_body(slack.command(QUESTION_FR))["blocks"]
    message_id = buttons(blocks)["terms_post"]
    stored = slack.runtime.conversations.get_message(message_id)
    assert stored is not None and stored["role"] == "assistant"
    (sources,) = [t for t in texts(blocks).split("\n") if t.startswith("*Sources* :")]
    for citation in stored["payload"]["citations"][:4]:
        assert f"article {citation['section']}" in sources
        translated = citation["language"] != "fr" and citation["translation"] is not None
        mark = "traduction non officielle" if translated else "officiel"
        assert mark in sources
    assert "version B" in sources  # the CGS name their version
    assert "\n>" not in texts(blocks)  # no quote: it is behind Full clause
    assert set(buttons(blocks)) == {
        "terms_post",
        "terms_reply_fr",
        "terms_reply_en",
        "terms_clause",
        "terms_feedback_up",
        "terms_feedback_down",
    }
    labels = [e["text"]["text"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert "Publier dans le canal" in labels and "Clause complète" in labels  # French around French


def test_an_english_question_gets_an_english_interface(slack: Slack) -> None:
    blocks = ack_body(slack.command("How long is the reflection period for Premium Plus?"))[
        "blocks"
    ]
    labels = [e["text"]["text"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert "Post in channel" in labels and "Full clause" in labels
    assert "*Sources:*" in texts(blocks)


def test_help_and_an_empty_command_explain_themselves(slack: Slack) -> None:
    for text in ("", "help", "aide"):
        response = slack.command(text)
        assert response.status_code == 200
        assert "/terms calc" in texts(ack_body(response)["blocks"])
    assert slack.standin.sent() == []  # no Web API call before the acknowledgement


def test_a_question_too_long_is_refused_politely(slack: Slack) -> None:
    response = slack.command("a" * 4001)
    assert response.status_code == 200
    assert ack_body(response)["text"] in (ui("too_long", "fr"), ui("too_long", "en"))


def test_a_declined_question_says_so_without_quoting_unrelated_clauses(slack: Slack) -> None:
    blocks = ack_body(slack.command("What is the capital of Peru?"))["blocks"]
    assert "Not covered by the documents" in texts(blocks)
    assert "Sources" not in texts(blocks)
    assert "terms_clause" in buttons(blocks) or "terms_reply_en" in buttons(blocks)


def test_a_decline_with_the_closest_rule_names_its_source_as_such(slack: Slack) -> None:
    # Not stated by the documents; the closest rule (CGS 4's promotional offers) is named.
    blocks = ack_body(slack.command("Vous faites des réductions pour les étudiants ?"))["blocks"]
    shown = texts(blocks)
    assert "la règle la plus proche, pas une réponse" in shown and "rien à citer" not in shown
    (sources,) = [t for t in shown.split("\n") if t.startswith("*Sources* :")]
    assert "CGS, article 4" in sources


def test_a_core_failure_becomes_a_polite_message(
    slack: Slack, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args: Any, **kwargs: Any) -> Any:
        raise IndexMissing("no index has been built")

    monkeypatch.setattr(slack.runtime.assistant, "ask", unavailable)
    response = slack.command(QUESTION_FR)
    assert response.status_code == 200
    assert ack_body(response)["text"] == ui("index_rebuilding", "fr")


def test_an_unexpected_failure_is_logged_and_the_agent_told(
    slack: Slack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(slack.runtime.assistant, "ask", broken)
    response = slack.command(QUESTION_FR)
    assert ack_body(response)["text"] == ui("unexpected", "fr")
    assert "ZeroDivisionError" in caplog.text


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_an_unreachable_web_api_from_start_up_does_not_delay_the_answer(
    slack_with: SlackWith, caplog: pytest.LogCaptureFixture
) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/api/"
    with caplog.at_level(logging.WARNING, logger="termsbot.slack"):
        slack = slack_with(slack_api_url=dead)
        begun = time.monotonic()
        response = slack.command(QUESTION_FR)
        assert time.monotonic() - begun < 3.0
        assert response.status_code == 200
        assert SEVEN_DAYS.search(ack_body(response)["text"][:300])
        dm = {"type": "message", "channel_type": "im", "channel": "D3", "user": "U2"}
        event = slack.event({**dm, "text": QUESTION_FR, "ts": "1700002000.000100"})
        assert event.status_code == 200
        assert time.monotonic() - begun < 3.0
        deadline = time.monotonic() + 10
        while "cannot reach Slack's Web API" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "cannot reach Slack's Web API" in caplog.text  # the start-up check says what is wrong


def test_a_hanging_web_api_does_not_hold_the_acknowledgement(
    slack_runtime: Runtime, standin: SlackStandIn
) -> None:
    standin.reset()
    standin.delays["auth.test"] = 5.0  # the start-up check hangs
    standin.delays["users.info"] = 5.0
    with slack_app(slack_runtime, standin, reset=False) as slack:
        begun = time.monotonic()
        assert slack.command(QUESTION_FR).status_code == 200
        assert slack.command("help").status_code == 200
        assert time.monotonic() - begun < 3.0
