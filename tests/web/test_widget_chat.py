"""Conversations in the widget against the real server: answers, citations, follow-ups,
hand-off, the section view and feedback stored in the database."""

from __future__ import annotations

import json
import time
from typing import Any

from playwright.sync_api import Page, Request, expect

from tests.web.conftest import PageFactory, WebServer
from tests.web.driver import ConsoleWatch, Widget

FR_QUESTION = "J'ai combien de temps pour changer d'avis après mon inscription Premium Plus ?"
EN_QUESTION = "How many unauthorized absences before I get excluded?"
DECLINED_QUESTION = "Do you have a student discount on Premium Plus? I'm 19 and broke"


def test_french_question_gets_a_streamed_answer_with_citations(
    page: Page, web_server: WebServer
) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready()
    widget.open()
    expect(widget.input).to_be_focused()
    expect(widget.input).to_have_attribute("placeholder", "Posez votre question…")

    answer = widget.ask(FR_QUESTION)

    expect(answer).to_have_attribute("data-transport", "stream")
    expect(answer).to_have_attribute("data-status", "answered")
    expect(answer).to_have_attribute("lang", "fr")
    expect(answer.locator(".md")).to_contain_text("sept (7) jours")
    citations = answer.locator("details.cite")
    expect(citations.first).to_have_attribute("data-doc", "cgs")
    expect(citations.first).to_have_attribute("data-section", "6.2")
    expect(citations.first.locator("summary")).to_contain_text("CGS")
    # A citation opens into its verbatim quote.
    citations.first.locator("summary").click()
    expect(citations.first.locator(".cite-quote")).to_contain_text("sept (7) jours de réflexion")
    # The answer is announced to screen readers once complete.
    live = widget.host.locator("[role=status][aria-live=polite]")
    expect(live).to_contain_text("Réponse de l'assistant")
    message_id = answer.get_attribute("data-message-id")
    assert message_id
    stored = web_server.runtime.conversations.get_message(message_id)
    assert stored is not None and stored["status"] == "answered"


def test_english_page_and_question_answer_in_english(page: Page) -> None:
    page.goto("/?lang=en")
    widget = Widget(page).wait_ready()
    expect(widget.launcher).to_have_attribute("aria-label", "Open the assistant")
    widget.open()
    expect(widget.host.locator(".title")).to_have_text("Terms assistant")

    answer = widget.ask(EN_QUESTION)

    expect(answer).to_have_attribute("lang", "en")
    expect(answer).to_have_attribute("data-status", "answered")
    expect(answer.locator(".md")).to_contain_text("Internal Regulations")
    cited = answer.locator("details.cite").evaluate_all(
        "nodes => nodes.map(n => n.dataset.doc + ' ' + n.dataset.section)"
    )
    assert "regulations 3.1.1" in cited
    expect(answer.locator(".feedback")).to_contain_text("Was this answer helpful?")


def test_the_interface_follows_the_learners_language_unless_pinned(new_page: PageFactory) -> None:
    page = new_page()
    page.goto("/")  # <html lang="fr">, no data-lang
    widget = Widget(page).wait_ready().open()
    widget.ask(EN_QUESTION)
    expect(widget.input).to_have_attribute("placeholder", "Ask your question…")

    pinned = new_page()
    pinned.route(
        "**/pinned.html", lambda route: route.fulfill(body=_HOST_PAGE, content_type="text/html")
    )
    pinned.goto("/pinned.html")
    widget = Widget(pinned).wait_ready().open()
    widget.ask(EN_QUESTION)
    expect(widget.input).to_have_attribute("placeholder", "Posez votre question…")


_HOST_PAGE = """<!doctype html><html lang="en"><head><title>Pinned</title></head><body>
<main><h1>Help</h1></main>
<script src="/widget.js" data-lang="fr" async></script></body></html>"""


def test_without_a_streaming_endpoint_the_widget_falls_back_to_json(page: Page) -> None:
    ConsoleWatch.of(page).allow(r"status of 404")
    streamed: list[Request] = []
    page.on("request", lambda r: streamed.append(r) if r.url.endswith("/v1/chat/stream") else None)
    page.route(
        "**/v1/chat/stream",
        lambda route: route.fulfill(
            status=404, json={"error": {"code": "not_found", "message": "Not Found"}}
        ),
    )
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    first = widget.ask(FR_QUESTION)
    second = widget.ask("Et pour l'abonnement Solo ?")

    expect(first).to_have_attribute("data-transport", "json")
    expect(first.locator("details.cite").first).to_have_attribute("data-section", "6.2")
    expect(second).to_have_attribute("data-transport", "json")
    assert len(streamed) == 1, "after a 404 the widget stops trying the stream"


def test_follow_ups_keep_the_conversation_across_a_reload(
    page: Page, web_server: WebServer
) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    first = widget.ask(FR_QUESTION)
    first_id = first.get_attribute("data-message-id")
    assert first_id
    conversation = web_server.runtime.conversations.get_message(first_id)
    assert conversation is not None

    page.reload()
    widget = Widget(page).wait_ready()
    expect(widget.panel).to_be_visible()  # it was open: it still is
    expect(widget.user_rows).to_have_count(1)
    expect(widget.bot_rows.first.locator(".md")).to_contain_text("sept (7) jours")

    with page.expect_request("**/v1/chat/stream") as request_info:
        follow_up = widget.ask("Et pour l'abonnement Solo ?")
    sent = json.loads(request_info.value.post_data or "{}")
    assert sent["conversation_id"] == conversation["conversation_id"]
    follow_id = follow_up.get_attribute("data-message-id")
    assert follow_id
    stored = web_server.runtime.conversations.get_message(follow_id)
    assert stored is not None
    assert stored["conversation_id"] == conversation["conversation_id"]


def test_a_declined_question_hands_over_to_student_success(page: Page) -> None:
    page.goto("/?lang=en")
    widget = Widget(page).wait_ready().open()

    answer = widget.ask(DECLINED_QUESTION)

    expect(answer).to_have_attribute("data-status", "declined")
    handoff = answer.locator(".handoff")
    expect(handoff).to_be_visible()
    expect(handoff).to_contain_text("Talk to Student Success")
    expect(handoff).to_contain_text("+33 1 80 88 80 30")
    expect(handoff.locator("a[href^='tel:']")).to_have_attribute("href", "tel:+33180888030")
    expect(answer.locator(".chip-status")).to_have_text("Not covered by the documents")
    # The details are given once, in the card, not again in the answer's text above it.
    expect(answer.locator(".md")).not_to_contain_text("+33 1 80 88 80 30")
    expect(answer.locator(".md")).to_contain_text("not covered")


def test_a_citation_opens_the_full_section_inside_the_widget(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    answer = widget.ask(FR_QUESTION)
    citation = answer.locator("details.cite").first
    citation.locator("summary").click()
    opener = citation.locator(".open-section")

    opener.click()

    view = widget.host.locator(".section-view")
    expect(view).to_be_visible()
    expect(view.locator(".sv-title")).to_have_text("6.2 Abonnés Premium Plus")
    expect(view.locator(".sv-meta")).to_contain_text("Version B")
    expect(view.locator(".sv-text").first).to_contain_text("sept (7) jours de réflexion")
    expect(view.locator(".sv-translation summary")).to_contain_text("Traduction non officielle")
    page.keyboard.press("Escape")  # back to the chat, not closed
    expect(view).to_be_hidden()
    expect(widget.panel).to_be_visible()
    expect(opener).to_be_focused()


def test_feedback_is_stored_with_the_answer(page: Page, web_server: WebServer) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    answer = widget.ask(FR_QUESTION)
    message_id = answer.get_attribute("data-message-id")
    assert message_id

    answer.locator(".fb-up").click()
    expect(answer.locator(".fb-up")).to_have_attribute("aria-pressed", "true")
    expect(answer.locator(".fb-ask")).to_have_text("Merci pour votre retour !")
    assert _stored_feedback(web_server, message_id)["rating"] == "up"

    answer.locator(".fb-down").click()
    comment = answer.locator("textarea.fb-text")
    expect(comment).to_be_focused()
    comment.fill("Il manque le cas de l'abonnement Solo.")
    answer.locator(".fb-comment button[type=submit]").click()
    expect(answer.locator(".fb-note")).to_have_text("Commentaire envoyé. Merci !")
    feedback = _stored_feedback(web_server, message_id, with_comment=True)
    assert feedback["rating"] == "down"
    assert feedback["comment"] == "Il manque le cas de l'abonnement Solo."


def _stored_feedback(
    web_server: WebServer, message_id: str, *, with_comment: bool = False
) -> dict[str, Any]:
    """The answer's feedback once the store has it (the widget posts in the background)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        message = web_server.runtime.conversations.get_message(message_id) or {}
        feedback: dict[str, Any] | None = message.get("feedback")
        if feedback and (feedback.get("comment") or not with_comment):
            return feedback
        time.sleep(0.1)
    raise AssertionError("the feedback never reached the database")


def test_a_calculation_is_shown_as_a_table(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    answer = widget.ask(
        "J'ai accepté les CGS Premium Plus le 25 février 2027, "
        "jusqu'à quand ai-je mon délai de réflexion ?"
    )

    expect(answer).to_have_attribute("data-status", "calculated")
    expect(answer.locator(".chip-status")).to_have_text("Calcul")
    details = answer.locator(".calc")
    if answer.locator(".calc-details").count():  # the answer has its own table
        answer.locator(".calc-details summary").click()
    expect(details.locator("figcaption")).to_contain_text("Premium plus reflection period")
    expect(details.locator("tr", has_text="Reflection last day")).to_contain_text("4 mars 2027")
    expect(details.locator(".calc-rules")).to_contain_text("CGS 6.2")


def test_the_demo_page_question_box_asks_the_widget(page: Page) -> None:
    page.goto("/?lang=en")
    widget = Widget(page).wait_ready()
    page.fill("#ask-input", EN_QUESTION)
    page.click(".ask-form button")
    expect(widget.panel).to_be_visible()
    widget.wait_settled(1)
    expect(widget.user_rows.first).to_contain_text(EN_QUESTION)
    expect(widget.bot_rows.first).to_have_attribute("data-status", "answered")


def test_a_new_conversation_starts_afresh(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.ask(FR_QUESTION)
    suggestions = widget.host.locator(".suggestions")
    expect(suggestions).to_be_hidden()

    widget.host.locator(".head-reset").click()

    expect(widget.bot_rows).to_have_count(0)
    expect(suggestions).to_be_visible()
    expect(widget.input).to_be_focused()
    with page.expect_request("**/v1/chat/stream") as request_info:
        suggestions.locator(".chip").first.click()
    assert json.loads(request_info.value.post_data or "{}")["conversation_id"] is None
    widget.wait_settled(1)


def test_embedding_on_another_site(page: Page, web_server: WebServer) -> None:
    """The widget served by the API and embedded by an allowed origin: modules load across
    origins, chat and feedback pass the CORS preflight (the session header)."""
    page.goto(web_server.embedding_page)
    assert page.evaluate("location.origin") == web_server.embedding_origin != web_server.url
    widget = Widget(page).wait_ready().open()
    expect(widget.host.locator(".title")).to_have_text("Aide")

    answer = widget.ask(FR_QUESTION)

    expect(answer).to_have_attribute("data-transport", "stream")
    expect(answer.locator("details.cite").first).to_have_attribute("data-section", "6.2")
    answer.locator(".fb-up").click()
    message_id = answer.get_attribute("data-message-id")
    assert message_id
    assert _stored_feedback(web_server, message_id)["rating"] == "up"


HEAD_LOADER_PAGE = """<!doctype html><html lang="en"><head><title>Early</title>
<script src="/widget.js" data-lang="en"></script>
<script>window.Termsbot.open();</script></head>
<body><h1>Help</h1></body></html>"""


def test_calls_made_before_the_widget_has_loaded_are_replayed(page: Page) -> None:
    # The loader in <head>, before <body> exists, and a call on window.Termsbot right away.
    page.route(
        "**/early.html",
        lambda route: route.fulfill(body=HEAD_LOADER_PAGE, content_type="text/html"),
    )
    page.goto("/early.html")
    widget = Widget(page).wait_ready()
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_have_attribute("placeholder", "Ask your question…")
    page.evaluate("window.Termsbot.close()")
    expect(widget.panel).to_be_hidden()
