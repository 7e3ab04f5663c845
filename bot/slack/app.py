"""The Slack door: a Bolt app whose listeners turn Slack's requests into calls on the core
(`bot.slack.exchange`) and its answers into Block Kit (`bot.slack.messages`).

    /terms <question>     an ephemeral answer with its sources and the agent's buttons
    /terms calc [name]    the calculator modal (`bot.slack.modal`)
    @termsbot … / a DM    an answer in the thread; the thread is the conversation
    buttons               post in channel, learner reply FR/EN, full clause, 👍/👎

Slack wants a 200 within 3 seconds: every listener acknowledges first and only then calls
the core, in a worker thread; the answer leaves through `response_url` or the Web API.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from pydantic import SecretStr
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.calculators import CALCULATORS, run_calculator
from bot.errors import CalculatorInputError, TermsbotError
from bot.runtime import Runtime
from bot.schemas import CalculatorResponse, ChatResponse, SectionResponse
from bot.settings import Settings
from bot.slack import exchange
from bot.slack.gate import EventMemory, StoredEvents, once_per_event, people_only
from bot.slack.messages import (
    ACTION_CLAUSE,
    ACTION_POST,
    Rating,
    answer_message,
    calculator_result_message,
    clause_view,
    help_message,
    learner_reply_message,
    notice,
)
from bot.slack.modal import (
    CALLBACK_ID,
    PICK_ACTION,
    ModalContext,
    calculator_view,
    error_blocks,
    read_inputs,
)
from bot.slack.replies import EMPTY, THINKING, TOO_LONG, UNEXPECTED, apology, learner_reply
from bot.wording import Lang

log = logging.getLogger("termsbot.slack")

SLACK_API_URL = "https://slack.com/api/"
COMMAND = "/terms"
MAX_QUESTION = 4000
DM_THREAD = "dm"  # a DM's top-level messages form one conversation: `D123:dm`

Reply = Callable[[dict[str, Any]], Awaitable[Any]]
P = ParamSpec("P")
T = TypeVar("T")


class SlackNotConfigured(TermsbotError):
    code = "slack_not_configured"


def secret_value(secret: SecretStr | None) -> str | None:
    value = secret.get_secret_value() if secret is not None else ""
    return value or None


def web_api_url(settings: Settings) -> str:
    """TERMSBOT_SLACK_API_URL with the trailing slash slack_sdk joins method names to."""
    return (settings.slack_api_url or SLACK_API_URL).rstrip("/") + "/"


def build_app(runtime: Runtime, recent: EventMemory | None = None) -> AsyncApp:
    """The Bolt app: signatures verified (v0 HMAC, 5-minute window), each event handled once
    (by every process sharing the conversation database, unless `recent` says otherwise),
    bots ignored, listeners registered."""
    settings = runtime.settings
    token = secret_value(settings.slack_bot_token)
    if token is None:
        raise SlackNotConfigured("TERMSBOT_SLACK_BOT_TOKEN is not set")
    app = AsyncApp(
        name="termsbot",
        signing_secret=secret_value(settings.slack_signing_secret) or "",
        client=AsyncWebClient(token=token, base_url=web_api_url(settings)),
        request_verification_enabled=True,
        process_before_response=False,
    )
    if recent is None:
        recent = StoredEvents(lambda: runtime.conversations.deliveries)
    app.use(once_per_event(recent))
    app.use(people_only)
    SlackDoor(runtime).register(app)
    return app


def now() -> datetime:
    return datetime.now(UTC)


def incoming_text(text: str, bot_user_id: str | None) -> str:
    """A message's text as the learner wrote it: without the bot's mention, unescaped."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def mentions(text: str, bot_user_id: str | None) -> bool:
    return bool(bot_user_id) and f"<@{bot_user_id}" in text


class SlackDoor:
    """The listeners, around one Runtime."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def register(self, app: AsyncApp) -> None:
        app.command(COMMAND)(self.on_command)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.action(ACTION_POST)(self.on_post)
        app.action(re.compile(r"^terms_reply_(fr|en)$"))(self.on_learner_reply)
        app.action(ACTION_CLAUSE)(self.on_clause)
        app.action(re.compile(r"^terms_feedback_(up|down)$"))(self.on_feedback)
        app.action(PICK_ACTION)(self.on_pick)
        app.view(CALLBACK_ID)(self.on_calculator_submit)

    async def core(
        self, reply: Reply, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        """`call` in a worker thread; on failure, a polite reply and None."""
        name = getattr(call, "__name__", "call")
        try:
            return await asyncio.to_thread(call, *args, **kwargs)
        except TermsbotError as error:
            log.warning("slack: %s failed: %s", name, error.code)
            await reply(notice(apology(error)))
        except Exception:
            # A bug, not a refusal: logged in full, and the agent is not left waiting.
            log.exception("slack: %s failed", name)
            await reply(notice(UNEXPECTED))
        return None

    # -- /terms --------------------------------------------------------------------------

    async def on_command(
        self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        text = incoming_text(command.get("text") or "", None)
        word, _, rest = text.partition(" ")
        if text.lower() in ("", "help"):
            await ack(**help_message())
        elif word.lower() == "calc":
            await ack()
            chosen = rest.strip() if rest.strip() in CALCULATORS else None
            state = ModalContext(command.get("channel_id"), chosen)
            await client.views_open(trigger_id=command["trigger_id"], view=calculator_view(state))
        elif len(text) > MAX_QUESTION:
            await ack(text=TOO_LONG)
        else:
            await ack(text=THINKING)
            await self._answer_command(text, respond)

    async def _answer_command(self, text: str, respond: AsyncRespond) -> None:
        async def reply(message: dict[str, Any]) -> Any:
            return await respond(response_type="ephemeral", **message)

        response = await self.core(reply, exchange.ask, self.runtime, text, now=now())
        if response is not None:
            await reply(answer_message(response, audience="agent"))

    # -- mentions, DMs, threads ------------------------------------------------------------

    async def on_mention(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        thread_ts = event.get("thread_ts") or event["ts"]
        text = incoming_text(event.get("text", ""), context.bot_user_id)
        await self._answer_in(client, event["channel"], thread_ts, thread_ts, text)

    async def on_message(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        channel, thread_ts = event["channel"], event.get("thread_ts")
        raw = event.get("text", "")
        if event.get("channel_type") == "im":
            text = incoming_text(raw, context.bot_user_id)
            await self._answer_in(client, channel, thread_ts, thread_ts or DM_THREAD, text)
            return
        # Mentions are the app_mention listener's; a thread the bot is not part of is not ours.
        if thread_ts is None or mentions(raw, context.bot_user_id):
            return
        key = exchange.thread_key(channel, thread_ts)
        if await asyncio.to_thread(exchange.has_conversation, self.runtime, key):
            text = incoming_text(raw, context.bot_user_id)
            await self._answer_in(client, channel, thread_ts, thread_ts, text)

    async def _answer_in(
        self,
        client: AsyncWebClient,
        channel: str,
        reply_ts: str | None,
        conversation_ts: str,
        text: str,
    ) -> None:
        async def reply(message: dict[str, Any]) -> Any:
            return await client.chat_postMessage(channel=channel, thread_ts=reply_ts, **message)

        if not text or len(text) > MAX_QUESTION:
            await reply(notice(EMPTY if not text else TOO_LONG))
            return
        thread = exchange.thread_key(channel, conversation_ts)
        response = await self.core(
            reply, exchange.ask, self.runtime, text, now=now(), thread=thread
        )
        if response is not None:
            await reply(answer_message(response, audience="thread"))

    # -- the answer's buttons ----------------------------------------------------------------

    async def on_post(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        reply = _ephemeral(respond)
        response = await self.core(reply, exchange.stored_answer, self.runtime, action["value"])
        if response is not None:
            message = answer_message(response, audience="channel", shared_by=body["user"]["id"])
            await respond(response_type="in_channel", replace_original=False, **message)

    async def on_learner_reply(
        self, ack: AsyncAck, action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        language: Lang = "fr" if action["action_id"].endswith("_fr") else "en"
        reply = _ephemeral(respond)
        response = await self.core(
            reply, exchange.answer_in, self.runtime, action["value"], language, now()
        )
        if response is not None:
            await reply(learner_reply_message(language, learner_reply(response)))

    async def on_clause(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        found = await self.core(_ephemeral(respond), self._clauses, action["value"])
        if found is not None:
            await client.views_open(trigger_id=body["trigger_id"], view=clause_view(found))

    def _clauses(self, message_id: str) -> list[SectionResponse]:
        answer = exchange.stored_answer(self.runtime, message_id)
        return exchange.cited_sections(self.runtime, answer)

    async def on_feedback(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        rating: Rating = "up" if action["action_id"].endswith("_up") else "down"
        message_id, reply = action["value"], _ephemeral(respond)
        rated = await self.core(reply, self._rate, message_id, rating)
        if rated is None:
            return
        if body.get("container", {}).get("is_ephemeral"):
            updated = answer_message(rated, audience="agent", rated=rating)
            await respond(replace_original=True, **updated)
        else:
            await reply(notice(f"Thank you: your {'👍' if rating == 'up' else '👎'} is recorded."))

    def _rate(self, message_id: str, rating: Rating) -> ChatResponse:
        exchange.rate(self.runtime, message_id, rating, now())
        return exchange.stored_answer(self.runtime, message_id)

    # -- calculators -------------------------------------------------------------------------

    async def on_pick(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        view = body["view"]
        chosen = (action.get("selected_option") or {}).get("value")
        state = replace(
            ModalContext.load(view.get("private_metadata")),
            calculator=chosen if chosen in CALCULATORS else None,
        )
        updated = calculator_view(state)
        await client.views_update(view_id=view["id"], hash=view["hash"], view=updated)

    async def on_calculator_submit(
        self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        state = ModalContext.load(view.get("private_metadata"))
        if state.calculator is None:
            await ack()
            return
        try:
            inputs = read_inputs(state.calculator, view["state"]["values"])
            result = run_calculator(state.calculator, inputs)
        except CalculatorInputError as error:
            await ack(response_action="errors", errors=error_blocks(state.calculator, error))
            return
        await ack()
        calculation = CalculatorResponse.model_validate(result.to_dict())
        titles = await asyncio.to_thread(exchange.rule_titles, self.runtime, calculation.rules)
        message = calculator_result_message(
            calculation.calculator,
            calculation.result,
            calculation.rules,
            calculation.explanation,
            ambiguous=calculation.ambiguous,
            rule_titles=titles,
        )
        await _tell_agent(client, body["user"]["id"], state.channel, message)


def _ephemeral(respond: AsyncRespond) -> Reply:
    async def reply(message: dict[str, Any]) -> Any:
        return await respond(response_type="ephemeral", replace_original=False, **message)

    return reply


async def _tell_agent(
    client: AsyncWebClient, user: str, channel: str | None, message: dict[str, Any]
) -> None:
    """Ephemeral in the channel the agent worked in; a DM when that is not possible (the bot
    is not in that channel, or the modal was opened elsewhere)."""
    if channel:
        try:
            await client.chat_postEphemeral(channel=channel, user=user, **message)
            return
        except SlackApiError as error:
            log.info("slack: ephemeral result refused (%s); sending a DM", error.response["error"])
    await client.chat_postMessage(channel=user, **message)
