"""The Slack door: a Bolt app whose listeners turn Slack's requests into calls on the core
(`bot.slack.exchange`) and its answers into Block Kit (`bot.slack.messages`).

    /terms <question>          an ephemeral answer: the lead first, sources, buttons
    /terms calc [words]        the calculator window (`bot.slack.calculator`)
    @termsbot … / a DM         an answer in the thread, the thread above read as the case
    message shortcut           the question asked about a message
    buttons                    post in channel, learner reply, full clause, calculator,
                               escalate, 👍/👎
    App Home                   what the bot does, with examples

Slack wants a 200 within 3 seconds: no listener calls the Web API or waits on the core
before acknowledging (the core's answer to `/terms` rides in the acknowledgement only when it
is ready within a short budget), and the bot's identity never needs a Web API call on the
way (bot/slack/identity.py)."""

from __future__ import annotations

import re

from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp

from bot.errors import TermsbotError
from bot.runtime import Runtime
from bot.settings import Settings
from bot.slack.buttons import AnswerButtons
from bot.slack.calculator import CalculatorWindow
from bot.slack.door import COMMAND
from bot.slack.escalation import CALLBACK_ID as ESCALATION_CALLBACK
from bot.slack.escalation import Escalation
from bot.slack.gate import EventMemory, StoredEvents, once_per_event, people_only
from bot.slack.identity import BotIdentity, authorizer, learning, verify_in_background, web_client
from bot.slack.messages import (
    ACTION_CALCULATOR,
    ACTION_CLAUSE,
    ACTION_ESCALATE,
    ACTION_POST,
)
from bot.slack.modal import CALLBACK_ID as CALCULATOR_CALLBACK
from bot.slack.modal import PICK_ACTION
from bot.slack.questions import SHORTCUT, Questions

__all__ = ["COMMAND", "SlackNotConfigured", "build_app", "secret_value", "web_api_url"]

SLACK_API_URL = "https://slack.com/api/"


class SlackNotConfigured(TermsbotError):
    code = "slack_not_configured"


def secret_value(secret: SecretStr | None) -> str | None:
    value = secret.get_secret_value() if secret is not None else ""
    return value or None


def web_api_url(settings: Settings) -> str:
    """TERMSBOT_SLACK_API_URL with the trailing slash slack_sdk joins method names to."""
    return (settings.slack_api_url or SLACK_API_URL).rstrip("/") + "/"


def build_app(
    runtime: Runtime, recent: EventMemory | None = None, *, verify_token: bool = True
) -> AsyncApp:
    """The Bolt app: signatures verified (v0 HMAC, 5-minute window), each event handled once
    (by every process sharing the conversation database, unless `recent` says otherwise),
    bots ignored, listeners registered; the token checked in the background."""
    settings = runtime.settings
    token = secret_value(settings.slack_bot_token)
    if token is None:
        raise SlackNotConfigured("TERMSBOT_SLACK_BOT_TOKEN is not set")
    identity = BotIdentity()
    base_url = web_api_url(settings)
    app = AsyncApp(
        name="termsbot",
        signing_secret=secret_value(settings.slack_signing_secret) or "",
        # No token on the app's own client: each request's client gets it from `authorize`.
        client=web_client(None, base_url),
        authorize=authorizer(token, identity),
        before_authorize=learning(identity),
        request_verification_enabled=True,
        process_before_response=False,
    )
    if recent is None:
        recent = StoredEvents(lambda: runtime.conversations.deliveries)
    app.use(once_per_event(recent))
    app.use(people_only)
    register(app, runtime, identity)
    if verify_token:
        verify_in_background(token, base_url, identity)
    return app


def register(app: AsyncApp, runtime: Runtime, identity: BotIdentity) -> None:
    calculators = CalculatorWindow(runtime, identity)
    questions = Questions(runtime, identity, calculators=calculators)
    buttons = AnswerButtons(runtime, identity, calculators=calculators)
    escalation = Escalation(runtime, identity)

    app.command(COMMAND)(questions.on_command)
    app.event("app_mention")(questions.on_mention)
    app.event("message")(questions.on_message)
    app.event("app_home_opened")(questions.on_home_opened)
    app.shortcut(SHORTCUT)(questions.on_shortcut)

    app.action(ACTION_POST)(buttons.on_post)
    app.action(re.compile(r"^terms_reply_(fr|en)$"))(buttons.on_learner_reply)
    app.action(ACTION_CLAUSE)(buttons.on_clause)
    app.action(ACTION_CALCULATOR)(buttons.on_calculator)
    app.action(re.compile(r"^terms_feedback_(up|down)$"))(buttons.on_feedback)
    app.action(ACTION_ESCALATE)(escalation.on_escalate)
    app.view(ESCALATION_CALLBACK)(escalation.on_submit)

    app.action(PICK_ACTION)(calculators.on_pick)
    app.view(CALCULATOR_CALLBACK)(calculators.on_submit)
