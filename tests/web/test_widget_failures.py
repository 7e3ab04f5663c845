"""When the server is away, slow, failing or limiting: a clear message, a retry button, and
the learner's question is never lost."""

from __future__ import annotations

import json
from collections.abc import Callable

from playwright.sync_api import Page, Route, expect

from tests.web.conftest import PageFactory
from tests.web.driver import ConsoleWatch, Widget, answer_events, sse

QUESTION = "Combien de temps dure le délai de réflexion Premium Plus ?"
CHAT_ROUTES = "**/v1/chat**"


def _refuse(
    status: int, code: str, headers: dict[str, str] | None = None
) -> Callable[[Route], None]:
    def handler(route: Route) -> None:
        route.fulfill(
            status=status,
            headers=headers or {},
            json={"error": {"code": code, "message": f"{code} (test)"}},
        )

    return handler


def _expect_question_kept(widget: Widget) -> None:
    expect(widget.input).to_have_value(QUESTION)
    expect(widget.user_rows.last.locator(".user-bubble")).to_have_text(QUESTION)


def test_rate_limited_counts_down_then_retries(page: Page) -> None:
    ConsoleWatch.of(page).allow(r"status of 429")
    page.route(CHAT_ROUTES, _refuse(429, "rate_limited", {"Retry-After": "2"}))
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    widget.send(QUESTION)
    widget.wait_settled()

    card = widget.error_card()
    expect(card).to_have_attribute("data-kind", "rate_limited")
    expect(card).to_contain_text("Vous pourrez réessayer dans")
    retry = card.locator("button.retry")
    expect(retry).to_be_disabled()
    expect(retry).to_contain_text("Réessayer dans")
    _expect_question_kept(widget)
    page.unroute(CHAT_ROUTES)
    expect(retry).to_be_enabled(timeout=5_000)
    expect(retry).to_have_text("Réessayer")

    retry.click()
    widget.wait_settled(1)
    expect(widget.error_card()).to_have_count(0)
    expect(widget.bot_rows).to_have_count(1)
    expect(widget.user_rows).to_have_count(1)
    expect(widget.input).to_have_value("")


def test_a_server_error_offers_a_retry(page: Page) -> None:
    ConsoleWatch.of(page).allow(r"status of 500")
    page.route(CHAT_ROUTES, _refuse(500, "internal_error"))
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    widget.send(QUESTION)
    widget.wait_settled()

    card = widget.error_card()
    expect(card).to_have_attribute("data-kind", "server")
    expect(card).to_contain_text("votre question est conservée")
    _expect_question_kept(widget)
    expect(widget.host.locator("[role=status]")).to_contain_text("Une erreur est survenue")
    page.unroute(CHAT_ROUTES)
    card.locator("button.retry").click()
    widget.wait_settled(1)
    expect(widget.bot_rows.first).to_have_attribute("data-status", "answered")


def test_offline_then_back_online(page: Page) -> None:
    ConsoleWatch.of(page).allow(r"ERR_INTERNET_DISCONNECTED")
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    page.context.set_offline(True)

    widget.send(QUESTION)
    widget.wait_settled()

    expect(widget.error_card()).to_have_attribute("data-kind", "offline")
    expect(widget.error_card()).to_contain_text("hors ligne")
    _expect_question_kept(widget)
    page.context.set_offline(False)
    # Sending the kept question again from the input replaces the failed attempt.
    widget.input.press("Enter")
    widget.wait_settled(1)
    expect(widget.user_rows).to_have_count(1)
    expect(widget.bot_rows).to_have_count(1)
    expect(widget.error_card()).to_have_count(0)


SLOW_HOST = """<!doctype html><html lang="fr"><head><title>Lent</title></head><body>
<h1>Aide</h1><script src="/widget.js" data-timeout="3" async></script></body></html>"""


def test_a_server_that_never_answers_times_out(page: Page) -> None:
    held: list[Route] = []
    page.route("**/slow.html", lambda r: r.fulfill(body=SLOW_HOST, content_type="text/html"))
    page.route(CHAT_ROUTES, lambda route: held.append(route))  # never answered
    page.goto("/slow.html")
    widget = Widget(page).wait_ready().open()

    widget.send(QUESTION)

    pending = widget.host.locator(".row.bot.pending")
    expect(pending.locator(".typing")).to_be_visible()
    expect(pending.locator(".slow")).to_contain_text("Je cherche encore", timeout=5_000)
    widget.wait_settled()
    expect(widget.error_card()).to_have_attribute("data-kind", "timeout")
    _expect_question_kept(widget)
    assert len(held) == 1


def test_a_stream_cut_short_can_be_retried(page: Page) -> None:
    # The cut stream named a conversation the server does not know: the retry finds out
    # (404 from both endpoints) and starts a new conversation.
    ConsoleWatch.of(page).allow(r"status of 404")
    cut = sse(answer_events("Une réponse qui ne finira jamais.")[:3])
    page.route(
        "**/v1/chat/stream",
        lambda route: route.fulfill(status=200, content_type="text/event-stream", body=cut),
    )
    page.goto("/")
    widget = Widget(page).wait_ready().open()

    widget.send(QUESTION)
    widget.wait_settled()

    expect(widget.error_card()).to_have_attribute("data-kind", "interrupted")
    expect(widget.bot_rows).to_have_count(0)  # the partial answer is not kept
    _expect_question_kept(widget)
    page.unroute("**/v1/chat/stream")
    with page.expect_request("**/v1/chat/stream") as first_try:
        widget.error_card().locator("button.retry").click()
    assert json.loads(first_try.value.post_data or "{}")["conversation_id"] == "c-test"
    widget.wait_settled(1)
    expect(widget.bot_rows.first).to_have_attribute("data-transport", "stream")
    expect(widget.bot_rows.first).to_have_attribute("data-status", "answered")


def test_an_error_event_in_the_stream_is_shown(page: Page) -> None:
    events = [
        *answer_events("Début")[:2],
        ("error", {"error": {"code": "internal_error", "message": "internal error"}}),
    ]
    page.route(
        "**/v1/chat/stream",
        lambda route: route.fulfill(status=200, content_type="text/event-stream", body=sse(events)),
    )
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.send(QUESTION)
    widget.wait_settled()
    expect(widget.error_card()).to_have_attribute("data-kind", "server")
    _expect_question_kept(widget)


def test_a_draft_survives_a_reload(new_page: PageFactory) -> None:
    page = new_page()
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.input.fill("Une question pas encore envoyée")
    page.reload()
    widget = Widget(page).wait_ready()
    expect(widget.input).to_have_value("Une question pas encore envoyée")


def test_a_reload_while_an_answer_is_on_its_way_keeps_the_question(page: Page) -> None:
    held: list[Route] = []
    page.route(CHAT_ROUTES, lambda route: held.append(route))
    page.goto("/")
    widget = Widget(page).wait_ready().open()
    widget.send(QUESTION)
    expect(widget.host.locator(".row.bot.pending")).to_be_visible()
    # Reload only once the tab's session holds the question (the state the reload restores).
    page.wait_for_function(
        "q => Object.values(sessionStorage).some(v => v.includes(q))", arg=QUESTION
    )

    # The held request dies with the page: released before the reload, it could be answered
    # (at once for a question answered before) and the answer kept, and nothing interrupted.
    page.reload()
    page.unroute(CHAT_ROUTES)

    widget = Widget(page).wait_ready()
    expect(widget.error_card()).to_have_attribute("data-kind", "interrupted")
    expect(widget.user_rows.first.locator(".user-bubble")).to_have_text(QUESTION)
    widget.error_card().locator("button.retry").click()
    widget.wait_settled(1)
    expect(widget.bot_rows.first).to_have_attribute("data-status", "answered")
