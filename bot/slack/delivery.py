"""Getting a message to the agent, whatever fails on the way.

    respond(url, message)   a `response_url` (slash commands, buttons, shortcuts), retried on
                            429 and network errors; when it is dead or expired, the message
                            goes to the agent directly instead
    post(channel, message)  `chat.postMessage` (threads, DMs); a message Slack finds too long
                            is sent again in its short form (the lead, the sources, the
                            buttons); returns what went wrong, if anything
    post_or_tell(...)       post, and when that fails, the person who asked hears why
    tell(person, message)   ephemeral in the channel they work in, else a DM

The Web API client retries by itself (bot/slack/identity.py); what is left here are the
failures a retry does not fix. Each is logged once, without the message's text."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.slack.blocks import Block, clip, context, escape
from bot.slack.identity import WEB_API_TIMEOUT, retry_handlers
from bot.slack.texts import ui
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")

# What Slack answers when a message is too big to post as it is.
TOO_BIG = frozenset(["msg_too_long", "invalid_blocks", "too_many_attachments"])
SHORT_TEXT_MAX = 1500


@dataclass(frozen=True)
class Person:
    """Who should hear about it: a user, in the channel they work in (if any)."""

    user: str
    channel: str | None = None


class Courier:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def respond(
        self,
        url: str | None,
        message: dict[str, Any],
        person: Person,
        *,
        fallback: Callable[[], Awaitable[Any]] | None = None,
        **options: Any,
    ) -> bool:
        """`message` through `url` (`response_type`, `replace_original`… in `options`);
        when the URL does not take it, `fallback`, by default to `person` directly."""
        if url:
            try:
                sent = await _webhook(url).send_dict({**message, **options})
                if sent.status_code == 200:
                    return True
                log.warning("slack: response_url answered %s (%s)", sent.status_code, sent.body)
            except Exception as error:  # network, after retries: the agent still gets it
                log.warning("slack: response_url unreachable (%s)", type(error).__name__)
        if fallback is not None:
            await fallback()
            return False
        await self.tell(person, message)
        return False

    async def post(
        self, channel: str, message: dict[str, Any], *, thread_ts: str | None = None
    ) -> str | None:
        """`message` in `channel` (a thread of it): None when posted, else what went wrong
        (Slack's error code, or the network error's name). Too big: sent in short form."""
        error = await self._post(channel, thread_ts, message)
        if error in TOO_BIG:
            error = await self._post(channel, thread_ts, short_form(message))
        return error

    async def post_or_tell(
        self,
        channel: str,
        message: dict[str, Any],
        *,
        thread_ts: str | None,
        asker: Person,
        lang: Lang,
    ) -> bool:
        """`message` in the thread; when Slack will not take it, to the person who asked,
        with what went wrong."""
        error = await self.post(channel, message, thread_ts=thread_ts)
        if error is None:
            return True
        where = "DM" if channel.startswith("D") else f"<#{channel}>"
        heading = context(ui("delivery_failed", lang, where=where, error=escape(error)))
        blocks: list[Block] = [heading, *message.get("blocks", [])]
        await self.tell(asker, {**message, "blocks": blocks[:50]})
        return False

    async def _post(
        self, channel: str, thread_ts: str | None, message: dict[str, Any]
    ) -> str | None:
        try:
            await self.client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message)
            return None
        except Exception as error:  # Slack's refusal, or the network after retries
            code = error_code(error)
        log.warning("slack: chat.postMessage to %s failed: %s", channel, code)
        return code

    async def tell(self, person: Person, message: dict[str, Any]) -> bool:
        """Ephemeral in the person's channel; a DM when that is refused or there is none."""
        body = {k: v for k, v in message.items() if k not in ("replace_original", "response_type")}
        if person.channel and not person.channel.startswith("D"):
            try:
                await self.client.chat_postEphemeral(
                    channel=person.channel, user=person.user, **body
                )
                return True
            except Exception as error:
                log.info("slack: ephemeral message refused (%s); sending a DM", error_code(error))
        try:
            await self.client.chat_postMessage(channel=person.user, **body)
            return True
        except Exception as error:
            log.error("slack: could not reach user %s at all (%s)", person.user, error_code(error))
            return False


def short_form(message: dict[str, Any]) -> dict[str, Any]:
    """The lead, the one-line contexts (sources, status) and the buttons: what matters when
    Slack refuses the whole."""
    blocks: list[Block] = message.get("blocks", [])
    kept = [b for i, b in enumerate(blocks) if i == 0 or b["type"] in ("context", "actions")]
    return {"text": clip(str(message.get("text", "")), SHORT_TEXT_MAX), "blocks": kept[:50]}


def _webhook(url: str) -> AsyncWebhookClient:
    return AsyncWebhookClient(url, timeout=WEB_API_TIMEOUT, retry_handlers=retry_handlers())


def error_code(error: Exception) -> str:
    """Slack's error code ("not_in_channel"), the HTTP status of an answer that is not
    Slack's JSON ("http_503"), or the network error's name."""
    response = getattr(error, "response", None)
    data = getattr(response, "data", None)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    if isinstance(status, int):
        return f"http_{status}"
    return type(error).__name__
