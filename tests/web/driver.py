"""A small driver for the widget in a page: what a learner does, in test vocabulary."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import ConsoleMessage, Locator, Page

HOST = "termsbot-widget"
ANSWER_TIMEOUT_MS = 90_000

# The widget's shadow root, for page.evaluate snippets.
ROOT_JS = "document.querySelector('termsbot-widget').shadowRoot"


@dataclass
class ConsoleWatch:
    """Console errors and uncaught exceptions of one page."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def attach(cls, page: Page) -> ConsoleWatch:
        watch = cls()
        page.on("console", watch._console)
        page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
        _WATCHES[id(page)] = watch
        return watch

    @classmethod
    def of(cls, page: Page) -> ConsoleWatch:
        return _WATCHES[id(page)]

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def allow(self, pattern: str) -> None:
        """An error the test provokes on purpose (e.g. the browser's note of an HTTP 429)."""
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


_WATCHES: dict[int, ConsoleWatch] = {}


class Widget:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.host = page.locator(HOST)
        self.launcher = self.host.locator(".launcher")
        self.panel = self.host.locator(".panel")
        self.input = self.host.locator("textarea.input")
        self.bot_rows = self.host.locator(".row.bot")
        self.user_rows = self.host.locator(".row.user")

    def wait_ready(self) -> Widget:
        self.launcher.wait_for(state="visible")
        # Styled: the constructed stylesheet is adopted (the launcher is a fixed circle).
        self.page.wait_for_function(
            f"() => {{ const b = {ROOT_JS}?.querySelector('.launcher');"
            " return b && getComputedStyle(b).position === 'fixed'; }"
        )
        return self

    def open(self) -> Widget:
        self.launcher.click()
        self.panel.wait_for(state="visible")
        return self

    def ask(self, question: str) -> Locator:
        """Type a question, send it with Enter and wait for the whole answer."""
        before = self.bot_rows.count()
        self.input.fill(question)
        self.input.press("Enter")
        self.wait_settled(before + 1)
        return self.bot_rows.nth(before)

    def send(self, question: str) -> None:
        """Type and send, without waiting for anything."""
        self.input.fill(question)
        self.input.press("Enter")

    def wait_settled(self, bot_count: int | None = None) -> None:
        """Until no answer is in flight (and, if given, `bot_count` answers are shown)."""
        expected = "true" if bot_count is None else f"bots.length >= {bot_count}"
        self.page.wait_for_function(
            f"() => {{ const root = {ROOT_JS};"
            " const bots = root.querySelectorAll('.row.bot:not(.pending)');"
            " const failed = root.querySelector('.row.user.failed');"
            " const pending = root.querySelector('.row.bot.pending');"
            f" return !pending && (failed || ({expected})); }}",
            timeout=ANSWER_TIMEOUT_MS,
        )

    def error_card(self) -> Locator:
        return self.host.locator(".row.user.failed .error-card")

    def js(self, body: str, arg: Any = None) -> Any:
        """Evaluate `body` (an expression using `root`, the shadow root, and `arg`)."""
        return self.page.evaluate(f"(arg) => {{ const root = {ROOT_JS}; return {body}; }}", arg)


def sse(events: Iterable[tuple[str, Any]]) -> str:
    """A text/event-stream body."""
    return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)


def answer_events(
    answer: str,
    *,
    lead: str | None = None,
    points: list[str] | None = None,
    notes: list[str] | None = None,
    ask: str | None = None,
    citations: list[dict[str, Any]] | None = None,
    calculation: dict[str, Any] | None = None,
    status: str = "answered",
    escalation: dict[str, str] | None = None,
    language: str = "fr",
    message_id: str = "m-test",
    conversation_id: str = "c-test",
) -> list[tuple[str, Any]]:
    """The events of one answer, as /v1/chat/stream sends them: the parts in `meta` (the lead
    is the answer's first paragraph unless given), then the markdown in pieces."""
    ids = {"message_id": message_id, "conversation_id": conversation_id}
    parts = {
        "lead": answer.split("\n\n")[0] if lead is None else lead,
        "points": points or [],
        "notes": notes or [],
        "ask": ask,
    }
    pieces = [answer[i : i + 40] for i in range(0, len(answer), 40)] or [""]
    return [
        ("meta", {**ids, "language": language, "status": status, **parts}),
        *[("delta", {"text": piece}) for piece in pieces],
        ("citations", {"citations": citations or []}),
        ("calculation", {"calculation": calculation}),
        ("done", {**ids, "status": status, "escalation": escalation}),
    ]
