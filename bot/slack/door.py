"""What every group of listeners shares: the runtime, calls into the core off the event loop
(with an apology the agent can act on when they fail), the agent's language, the courier."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import TermsbotError
from bot.runtime import Runtime
from bot.slack.delivery import Courier
from bot.slack.identity import BotIdentity
from bot.slack.messages import AnswerView, Audience, notice
from bot.slack.replies import Links, apology
from bot.slack.texts import ui
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")

COMMAND = "/terms"
MAX_QUESTION = 4000
LOCALE_TIMEOUT = 1.0  # users.info before a window opens: Slack's trigger lasts 3 seconds

Say = Callable[[dict[str, Any]], Awaitable[Any]]
P = ParamSpec("P")
T = TypeVar("T")


def now() -> datetime:
    return datetime.now(UTC)


class Door:
    def __init__(self, runtime: Runtime, identity: BotIdentity) -> None:
        self.runtime = runtime
        self.settings = runtime.settings
        self.identity = identity
        self._locales: dict[str, Lang] = {}

    @property
    def escalation_on(self) -> bool:
        return bool(
            self.settings.slack_escalation_channel or self.settings.slack_escalation_usergroup
        )

    def view(self, audience: Audience, **options: Any) -> AnswerView:
        return AnswerView(audience, escalation=self.escalation_on, **options)

    def language_of(self, text: str) -> Lang:
        from bot.understand.language import detect_language

        return (
            detect_language(text, fallback=self.settings.slack_language)
            if text
            else (self.settings.slack_language)
        )

    def courier(self, client: AsyncWebClient) -> Courier:
        return Courier(client)

    async def attempt(
        self, lang: Lang, say: Say, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        """`call` in a worker thread; when it fails, the agent reads why and None is returned."""
        name = getattr(call, "__name__", "call")
        try:
            return await asyncio.to_thread(call, *args, **kwargs)
        except TermsbotError as error:
            log.warning("slack: %s failed: %s", name, error.code)
            await say(notice(apology(error, lang)))
        except Exception:
            # A bug, not a refusal: logged in full, and the agent is not left waiting.
            log.exception("slack: %s failed", name)
            await say(notice(ui("unexpected", lang)))
        return None

    def links(self) -> Links:
        """The operator's public links, over the corpus manifest's."""
        links = {doc.doc_id: doc.url for doc in self.runtime.corpus.manifest.documents}
        return Links({**links, **self.settings.slack_document_links})

    def known_locale(self, user: str) -> Lang | None:
        return self._locales.get(user)

    async def locale_of(self, client: AsyncWebClient, user: str) -> Lang:
        """The agent's Slack language (users.info, remembered), or the configured default."""
        if user in self._locales:
            return self._locales[user]
        lang = self.settings.slack_language
        try:
            answer = await asyncio.wait_for(
                client.users_info(user=user, include_locale=True), LOCALE_TIMEOUT
            )
            locale = str((answer.get("user") or {}).get("locale") or "")
            lang = "en" if locale.startswith("en") else "fr" if locale.startswith("fr") else lang
        except Exception as error:  # no users:read, slow or unreachable Web API: the default
            log.info("slack: no locale for %s (%s)", user, type(error).__name__)
        self._locales[user] = lang
        return lang
