"""Socket Mode: Slack over an outbound WebSocket, for workspaces without a public URL.

The same Bolt app as `POST /slack/events`; Slack authenticates the connection with the
app-level token (TERMSBOT_SLACK_APP_TOKEN, `xapp-…`, scope `connections:write`), so there
is no request signature to check."""

from __future__ import annotations

import asyncio
import logging

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.runtime import Runtime
from bot.slack.app import SlackNotConfigured, build_app, secret_value

log = logging.getLogger("termsbot.slack")


def app_token(runtime: Runtime) -> str:
    token = secret_value(runtime.settings.slack_app_token)
    if token is None:
        raise SlackNotConfigured("TERMSBOT_SLACK_APP_TOKEN is not set (Socket Mode needs it)")
    return token


def socket_handler(runtime: Runtime) -> AsyncSocketModeHandler:
    """The Socket Mode handler; build it inside the event loop that will run it (its
    aiohttp session belongs to that loop)."""
    return AsyncSocketModeHandler(build_app(runtime), app_token(runtime))


async def serve_socket_mode(runtime: Runtime) -> None:
    handler = socket_handler(runtime)
    log.info("slack: connecting in Socket Mode")
    await handler.start_async()  # type: ignore[no-untyped-call]


def run_socket_mode(runtime: Runtime) -> None:
    """Connect to Slack and answer until interrupted (`termsbot slack-socket`)."""
    app_token(runtime)  # refuse a missing token before loading anything
    runtime.assistant.warm_up()
    asyncio.run(serve_socket_mode(runtime))
