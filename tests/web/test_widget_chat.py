"""Conversations in the widget against the real server: the structured answer and its sources,
follow-ups, the interface's language, the section view and feedback stored in the database."""

from __future__ import annotations

import json
import time
from typing import Any

from playwright.sync_api import Locator, Page, Request, expect

from tests.web.conftest import PageFactory, WebServer
from tests.web.driver import ConsoleWatch, Widget

FR_QUESTION = "J'ai combien de temps pour changer d'avis après mon inscription Premium Plus ?"
EN_QUESTION = "How many unauthorized absences before I get excluded?"
EN_CGS_QUESTION = "How long is the reflection period for Premium Plus?"


def stored_reply(web_server: WebServer, answer: Locator) -> dict[str, Any]:
    """What the server stored for the answer shown in `answer` (the reply's parts)."""
    message_id = answer.get_attribute("data-message-id")
    assert message_id
    stored = web_server.runtime.conversations.get_message(message_id)
    assert stored is not None
    payload: dict[str, Any] = stored["payload"]
    return {**payload, "conversation_id": stored["conversation_id"]}


def shown_sources(answer: Locator) -> list[dict[str, str]]:
    found: list[dict[str, str]] = answer.locator("li.source").evaluate_all(
        "items => items.map(li => ({...li.dataset,"
        " num: li.querySelector('.cite-num').textContent,"
        " doc: li.querySelector('.cite-doc').textContent}))"
    )
    return found


def test_french_question_gets_its_lead_and_one_source_per_article(
    page: Page, web_server: WebServer
) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready()
    widget.open()
    expect(widget.input).to_be_focused()
    expect(widget.input).to_have_attribute("placeholder", "Posez votre question…")

    answer = widget.ask(FR_QUESTION)

    reply = stored_reply(web_server, answer)
    expect(answer).to_have_attribute("data-transport", "stream")
    expect(answer).to_have_attribute("data-status", "answered")
    expect(answer.locator(".answer")).to_have_attribute("lang", "fr")
    expect(answer.locator(".answer .lead")).to_have_text(reply["lead"])
    expect(answer.locator(".answer .points li")).to_have_count(len(reply["points"]))
    # One entry per article and version, in the order and with the numbers the answer's
    # [n] markers use.
    keys = [(c["doc_id"], c["section"], c["version"]) for c in reply["citations"]]
    assert len(set(keys)) == len(keys) and keys
    sources = shown_sources(answer)
    assert [(s["doc"], s["section"], s["version"]) for s in sources] == [
        (_doc_name(k[0], k[1]), k[1], k[2]) for k in keys
    ]
    assert [s["num"] for s in sources] == [str(n) for n in range(1, len(keys) + 1)]
    assert ("cgs", "6.2", "B") in keys
    first = answer.locator("li.source").first
    first.locator("summary").click()
    expect(first.locator(".cite-quote")).to_have_text(reply["citations"][0]["quote"])
    expect(first.locator(".cite-toggle")).to_have_count(0)  # French text, French reader
    # A screen reader hears the lead, and only the lead.
    expect(widget.host.locator("[role=status][aria-live=polite]")).to_have_text(reply["lead"])


def _doc_name(doc_id: str, section: str) -> str:
    doc = {"cgs": "CGS", "regulations": "Règlement intérieur"}[doc_id]
    named = {"definitions": "Définitions", "accessibilite": "Accessibilité", "annexe1": "Annexe 1"}
    return f"{doc}, {named.get(section, f'article {section}')}"


def test_english_reader_sees_the_french_terms_translated_with_a_toggle(
    page: Page, web_server: WebServer
) -> None:
    page.goto("/?lang=en")
    widget = Widget(page).wait_ready()
    expect(widget.launcher).to_have_attribute("aria-label", "Open the assistant")
    widget.open()
    expect(widget.host.locator(".title")).to_have_text("Terms assistant")

    answer = widget.ask(EN_CGS_QUESTION)

    reply = stored_reply(web_server, answer)
    expect(answer.locator(".answer")).to_have_attribute("lang", "en")
    citation = next(c for c in reply["citations"] if c["translation"])
    n = reply["citations"].index(citation) + 1
    source = answer.locator(f"li.source[data-n='{n}']")
    name = f"Terms of Service, section {citation['section']}"
    expect(source.locator(".cite-doc")).to_have_text(name)
    expect(source.locator(".cite-title")).to_have_attribute("lang", "en")
    source.locator("summary").click()
    # The learner's language first, marked as a translation; the official text one click away.
    quote = source.locator(".cite-quote")
    expect(quote).to_have_text(citation["translation"]["quote"])
    expect(quote).to_have_attribute("lang", "en")
    expect(source.locator(".cite-meta")).to_contain_text("Non-official translation")
    official = source.locator(".toggle-btn[data-form='official']")
    expect(official).to_have_attribute("aria-pressed", "false")
    official.click()
    expect(quote).to_have_text(citation["quote"])
    expect(quote).to_have_attribute("lang", "fr")
    expect(official).to_have_attribute("aria-pressed", "true")
    expect(source.locator(".cite-meta")).to_contain_text("Official text")


def test_the_interface_keeps_the_pages_language_across_messages(
    page: Page, web_server: WebServer
) -> None:
    page.goto("/")  # <html lang="fr">, no data-lang
    widget = Widget(page).wait_ready().open()
    french = widget.ask(FR_QUESTION)
    english = widget.ask(EN_QUESTION)

    # The answer follows the learner; the interface stays French, earlier answers included.
    expect(english.locator(".answer")).to_have_attribute("lang", "en")
    expect(widget.input).to_have_attribute("placeholder", "Posez votre question…")
    expect(widget.host.locator(".title")).to_have_text("Assistant CGS")
    for answer in (french, english):
        expect(answer.locator(".fb-ask")).to_have_text("Cette réponse vous a-t-elle aidé ?")
        expect(answer.locator(".sources-title")).to_have_text("Sources")
    # Sources are named in the conversation's language.
    expect(english.locator(".cite-doc").first).to_contain_text("Internal Regulations, section")
    expect(french.locator(".cite-doc").first).to_contain_text("CGS, article")
    widget.ask("Et pour l'abonnement Solo ?")
    expect(widget.input).to_have_attribute("aria-label", "Votre question")


HOST_PAGE = """<!doctype html><html lang="{html_lang}"><head><title>Help</title></head><body>
<main><h1>Help</h1></main>
<script src="/widget.js" {data_lang} async></script></body></html>"""


def test_the_interface_follows_data_lang_then_html_lang(new_page: PageFactory) -> None:
    cases = [('data-lang="fr"', "Posez votre question…"), ("", "Ask your question…")]
    for data_lang, placeholder in cases:
        page = new_page()
        html = HOST_PAGE.format(html_lang="en", data_lang=data_lang)
        _serve(page, "/host.html", html)
        page.goto("/host.html")
        widget = Widget(page).wait_ready().open()
        answer = widget.ask(FR_QUESTION)
        expect(widget.input).to_have_attribute("placeholder", placeholder)
        expect(answer.locator(".answer")).to_have_attribute("lang", "fr")


def _serve(page: Page, path: str, html: str) -> None:
    page.route(f"**{path}", lambda route: route.fulfill(body=html, content_type="text/html"))


def test_every_message_carries_the_widget_session(page: Page) -> None:
    sent: list[Request] = []
    page.on("request", lambda r: sent.append(r) if "/v1/" in r.url and r.method == "POST" else None)
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    answer = widget.ask(FR_QUESTION)
    widget.ask("Et pour l'abonnement Solo ?")
    answer.locator(".fb-up").click()
    expect(answer.locator(".fb-ask")).to_have_text("Merci pour votre retour !")
    page.wait_for_timeout(300)
    paths = [r.url.rsplit("/v1/", 1)[1] for r in sent]
    assert paths == ["chat/stream", "chat/stream", "feedback"]
    sessions = {r.headers.get("x-termsbot-session") for r in sent}
    assert len(sessions) == 1 and None not in sessions
    assert len(sessions.pop() or "") >= 32


def test_the_widget_loads_in_two_compressed_requests_and_ends_streams_cleanly(
    page: Page,
) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    widget_files: list[Any] = []
    page.on(
        "response",
        lambda r: widget_files.append(r) if "/widget" in r.url and "/v1/" not in r.url else None,
    )
    page.goto("/")
    widget = Widget(page).wait_ready()
    # The module builds the widget in a shadow root of its own.
    assert page.evaluate("document.querySelector('termsbot-widget').shadowRoot !== null")
    urls = [response.url for response in widget_files]
    assert len(urls) == 2, urls
    assert urls[0].endswith("/widget.js") and urls[1].endswith("/termsbot.js")
    for response in widget_files:
        assert response.all_headers().get("content-encoding") == "br", response.url
    widget.open()
    widget.ask(FR_QUESTION)
    widget.ask("Et pour l'abonnement Solo ?")
    page.wait_for_timeout(500)
    assert not failed, "a request showed as failed (a stream cancelled after done?)"


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
    expect(first.locator(".answer .lead")).not_to_be_empty()
    expect(first.locator("li.source[data-section='6.2']")).to_have_count(1)
    expect(second).to_have_attribute("data-transport", "json")
    assert len(streamed) == 1, "after a 404 the widget stops trying the stream"


def test_follow_ups_keep_the_conversation_across_a_reload(
    page: Page, web_server: WebServer
) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    first = widget.ask(FR_QUESTION)
    reply = stored_reply(web_server, first)

    page.reload()
    widget = Widget(page).wait_ready()
    expect(widget.panel).to_be_visible()  # it was open: it still is
    expect(widget.user_rows).to_have_count(1)
    expect(widget.bot_rows.first.locator(".answer .lead")).to_have_text(reply["lead"])

    with page.expect_request("**/v1/chat/stream") as request_info:
        follow_up = widget.ask("Et pour l'abonnement Solo ?")
    sent = json.loads(request_info.value.post_data or "{}")
    assert sent["conversation_id"] == reply["conversation_id"]
    assert stored_reply(web_server, follow_up)["conversation_id"] == reply["conversation_id"]


def test_a_citation_opens_the_full_section_inside_the_widget(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    answer = widget.ask(FR_QUESTION)
    source = answer.locator("li.source[data-section='6.2']")
    source.locator("summary").click()
    opener = source.locator(".open-section")

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


def test_a_calculation_shows_its_figures(page: Page, web_server: WebServer) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    answer = widget.ask(
        "J'ai accepté les CGS Premium Plus le 25 février 2027, "
        "jusqu'à quand ai-je mon délai de réflexion ?"
    )

    expect(answer).to_have_attribute("data-status", "calculated")
    calculation = stored_reply(web_server, answer)["calculation"]
    figures = calculation["figures"]
    assert figures, "the calculation has no figures"
    rows = answer.locator(".calc tr")
    expect(rows).to_have_count(len(figures))
    for row, figure in zip(rows.all(), figures, strict=True):
        expect(row.locator("th")).to_have_text(figure["label"])
        expect(row.locator("td")).to_have_text(figure["value"])
    expect(answer.locator(".calc-rules")).to_contain_text("CGS 6.2")


def test_the_demo_page_question_box_asks_the_widget(page: Page) -> None:
    page.goto("/?lang=en")
    widget = Widget(page).wait_ready()
    page.fill("#ask-input", EN_QUESTION)
    page.click(".ask-form button")
    expect(widget.panel).to_be_visible()
    widget.wait_settled(1)
    expect(widget.user_rows.first).to_contain_text(EN_QUESTION)
    expect(widget.bot_rows.first).to_have_attribute("data-status", "answered")


def test_a_new_conversation_is_confirmed_first(page: Page) -> None:
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    reset = widget.host.locator(".reset-ask")
    expect(reset).to_be_hidden()  # nothing to clear yet
    widget.ask(FR_QUESTION)
    suggestions = widget.host.locator(".suggestions")
    expect(suggestions).to_be_hidden()
    # Far from the close button: under the conversation, not in the header.
    expect(widget.host.locator(".head .reset-ask")).to_have_count(0)

    reset.click()
    confirm = widget.host.locator(".reset-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("Effacer cette conversation")
    expect(confirm.locator(".reset-no")).to_be_focused()
    confirm.locator(".reset-no").click()
    expect(confirm).to_be_hidden()
    expect(widget.bot_rows).to_have_count(1)  # nothing lost
    expect(reset).to_be_focused()

    reset.click()
    page.keyboard.press("Escape")  # undoes the question, not the panel
    expect(confirm).to_be_hidden()
    expect(widget.panel).to_be_visible()
    expect(widget.bot_rows).to_have_count(1)

    reset.click()
    confirm.locator(".reset-yes").click()
    expect(widget.bot_rows).to_have_count(0)
    expect(suggestions).to_be_visible()
    expect(widget.input).to_be_focused()
    with page.expect_request("**/v1/chat/stream") as request_info:
        suggestions.locator(".chip").first.click()
    assert json.loads(request_info.value.post_data or "{}")["conversation_id"] is None
    widget.wait_settled(1)


def test_embedding_on_another_site(page: Page, web_server: WebServer) -> None:
    """The widget served by the API and embedded by an allowed origin: the module loads
    across origins, chat and feedback pass the CORS preflight (the session header)."""
    page.goto(web_server.embedding_page)
    assert page.evaluate("location.origin") == web_server.embedding_origin != web_server.url
    widget = Widget(page).wait_ready().open()
    expect(widget.host.locator(".title")).to_have_text("Aide")

    answer = widget.ask(FR_QUESTION)

    expect(answer).to_have_attribute("data-transport", "stream")
    expect(answer.locator("li.source[data-section='6.2']")).to_have_count(1)
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
