"""Questions reaching the bot: `/terms`, mentions, DMs, followed threads, the message shortcut,
App Home.

`/terms <question>` is answered in the acknowledgement itself when the core answers within
`ACK_BUDGET` seconds (it usually takes tens of milliseconds): the first thing the agent reads
is the answer. A slower answer is acknowledged with a placeholder that the answer (or an
apology) then replaces through the command's `response_url`; nothing is left behind."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import exchange
from bot.slack.blocks import context as context_block
from bot.slack.calculator import CalculatorWindow
from bot.slack.delivery import Person
from bot.slack.door import MAX_QUESTION, Door, now
from bot.slack.home import HELP_WORDS, help_message, home_view
from bot.slack.messages import answer_message, notice
from bot.slack.texts import ui
from bot.slack.threads import asks_the_bot, earlier_messages, follows, mentions, readable
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")

# Slack wants the acknowledgement within 3 seconds; what is left covers the network.
ACK_BUDGET = 1.5
DM_THREAD = "dm"  # a DM's top-level messages form one conversation: `D123:dm`
SHORTCUT = "terms_ask_message"
HELP_LANGUAGE: dict[str, Lang] = {"help": "en", "aide": "fr"}


class Questions(Door):
    def __init__(self, *args: Any, calculators: CalculatorWindow, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calculators = calculators

    # -- /terms --------------------------------------------------------------------------

    async def on_command(
        self, ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient
    ) -> None:
        text = readable(command.get("text") or "", None)
        word, _, rest = text.partition(" ")
        if text.lower() in HELP_WORDS or not text:
            # No Web API call before the acknowledgement: the locale only if already known.
            lang = self.known_locale(command.get("user_id", "")) or HELP_LANGUAGE.get(
                text.lower(), self.settings.slack_language
            )
            await ack(response_type="ephemeral", **help_message(lang))
        elif word.lower() == "calc":
            await ack()
            await self.calculators.open_for_command(command, client, rest.strip())
        elif len(text) > MAX_QUESTION:
            await ack(response_type="ephemeral", text=ui("too_long", self.language_of(text[:500])))
        else:
            await self._answer_command(ack, command, client, text)

    async def _answer_command(
        self, ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient, text: str
    ) -> None:
        lang = self.language_of(text)
        answer = asyncio.ensure_future(self._answer(text, lang))
        done, _ = await asyncio.wait({answer}, timeout=ACK_BUDGET)
        if answer in done:
            await ack(response_type="ephemeral", **answer.result())
            return
        await ack(response_type="ephemeral", **notice(ui("thinking", lang)))
        person = Person(command.get("user_id", ""), command.get("channel_id"))
        await self.courier(client).respond(
            command.get("response_url"),
            await answer,
            person,
            response_type="ephemeral",
            replace_original=True,
        )

    async def _answer(self, text: str, lang: Lang) -> dict[str, Any]:
        """The answer's message, or the apology that replaces it."""
        said: list[dict[str, Any]] = []

        async def keep(message: dict[str, Any]) -> None:
            said.append(message)

        response = await self.attempt(lang, keep, exchange.ask, self.runtime, text, now=now())
        if response is None:
            return said[0]
        return answer_message(response, self.view("agent"))

    # -- mentions, DMs, threads ----------------------------------------------------------------

    async def on_mention(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts") or ts
        earlier: list[str] = []
        if thread_ts != ts:
            earlier = await earlier_messages(client, channel, thread_ts, ts, context.bot_user_id)
        await self._answer_in(client, event, context, thread_ts, thread_ts, earlier)

    async def on_message(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        channel, thread_ts = event["channel"], event.get("thread_ts")
        raw = str(event.get("text") or "")
        bot = context.bot_user_id
        if event.get("channel_type") == "im":
            if readable(raw, bot).lower().strip(" !.") in HELP_WORDS:
                lang = await self.locale_of(client, event.get("user", ""))
                await self.courier(client).post(channel, help_message(lang), thread_ts=thread_ts)
                return
            await self._answer_in(client, event, context, thread_ts, thread_ts or DM_THREAD, [])
            return
        # A mention is the app_mention listener's; outside threads nothing is the bot's.
        if thread_ts is None or mentions(raw, bot):
            return
        if not follows(self.settings.slack_follow_threads, channel) or not asks_the_bot(raw, bot):
            return
        key = exchange.thread_key(channel, thread_ts)
        if await asyncio.to_thread(exchange.has_conversation, self.runtime, key):
            await self._answer_in(client, event, context, thread_ts, thread_ts, [])

    async def _answer_in(
        self,
        client: AsyncWebClient,
        event: dict[str, Any],
        context: AsyncBoltContext,
        reply_ts: str | None,
        conversation_ts: str,
        earlier: list[str],
    ) -> None:
        channel = event["channel"]
        text = readable(str(event.get("text") or ""), context.bot_user_id)
        lang = self.language_of(text or " ".join(earlier))
        courier = self.courier(client)
        asker = Person(event.get("user", ""), channel)

        async def say(message: dict[str, Any]) -> None:
            await courier.post_or_tell(channel, message, thread_ts=reply_ts, asker=asker, lang=lang)

        if not text and not earlier:
            await say(notice(ui("files_only" if event.get("files") else "empty", lang)))
            return
        if len(text) > MAX_QUESTION:
            await say(notice(ui("too_long", lang)))
            return
        if text:
            question, case = text, "\n\n".join(earlier) or None
        else:  # a bare mention under a message: that message is the question
            question, case = earlier[-1], "\n\n".join(earlier[:-1]) or None
        thread = exchange.thread_key(channel, conversation_ts)
        response = await self.attempt(
            lang, say, exchange.ask, self.runtime, question, now=now(), thread=thread, context=case
        )
        if response is None:
            return
        message = answer_message(response, self.view("thread", context_messages=len(earlier)))
        if event.get("files"):
            message["blocks"].insert(1, context_block(ui("files_ignored", response.language)))
        await say(message)

    # -- the message shortcut, App Home ----------------------------------------------------------

    async def on_shortcut(
        self, ack: AsyncAck, shortcut: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        message = shortcut.get("message") or {}
        user = (shortcut.get("user") or {}).get("id", "")
        channel = (shortcut.get("channel") or {}).get("id")
        text = readable(str(message.get("text") or ""), self.identity.user_id)
        lang = self.language_of(text)
        courier, person = self.courier(client), Person(user, channel)

        async def say(reply: dict[str, Any]) -> None:
            url = shortcut.get("response_url")
            await courier.respond(url, reply, person, response_type="ephemeral")

        if not text:
            await say(notice(ui("files_only" if message.get("files") else "empty", lang)))
            return
        question = text[:MAX_QUESTION]
        response = await self.attempt(lang, say, exchange.ask, self.runtime, question, now=now())
        if response is not None:
            about = message.get("user") or message.get("bot_id") or "?"
            await say(answer_message(response, self.view("agent", about=about)))

    async def on_home_opened(self, event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user = event.get("user", "")
        lang = await self.locale_of(client, user)
        try:
            await client.views_publish(user_id=user, view=home_view(lang))
        except Exception as error:
            log.warning("slack: App Home not published for %s (%s)", user, type(error).__name__)
