"""Who the bot is, without asking Slack on the acknowledgement path.

Bolt's default single-workspace authorization calls `auth.test` on the first request and
answers 500 until one succeeds: a Web API that is unreachable, slow or hanging then breaks or
delays every acknowledgement. Here the token is known from the settings; the bot's user id
comes from each event's `authorizations` (Slack sends it) or from `auth.test`, which runs once
at start-up in the background, retried, with a log line that says what is wrong.

The Web API client retries on 429 (after `Retry-After`), on network errors and on 5xx, a
bounded number of times, and gives up on a call after `WEB_API_TIMEOUT` seconds."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientOSError, ServerConnectionError, ServerDisconnectedError
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RateLimitErrorRetryHandler
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger("termsbot.slack")

WEB_API_TIMEOUT = 10  # seconds a Web API call may take before it is retried or given up
RATE_LIMIT_RETRIES = 3
NETWORK_RETRIES = 2
# When the token cannot be checked at start-up: try again after these many seconds.
VERIFY_DELAYS = (0.0, 2.0, 5.0, 15.0, 30.0, 60.0)

Next = Callable[[], Awaitable[BoltResponse]]


def retry_handlers() -> list[AsyncRetryHandler]:
    network_errors: list[type[Exception]] = [
        ServerConnectionError,
        ServerDisconnectedError,
        ClientOSError,  # connection refused or reset
        asyncio.TimeoutError,
    ]
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncConnectionErrorRetryHandler(
            max_retry_count=NETWORK_RETRIES, error_types=network_errors
        ),
        AsyncServerErrorRetryHandler(max_retry_count=NETWORK_RETRIES),
    ]


def web_client(token: str | None, base_url: str) -> AsyncWebClient:
    return AsyncWebClient(
        token=token, base_url=base_url, timeout=WEB_API_TIMEOUT, retry_handlers=retry_handlers()
    )


@dataclass
class BotIdentity:
    """The bot's user id and bot id, as far as they are known."""

    user_id: str | None = None
    bot_id: str | None = None
    verified: threading.Event = field(default_factory=threading.Event)

    def learn_from(self, body: dict[str, Any]) -> None:
        """An event names the app's bot user in `authorizations` (Events API)."""
        if self.user_id is not None:
            return
        for authorization in body.get("authorizations") or []:
            if isinstance(authorization, dict) and authorization.get("is_bot"):
                user = authorization.get("user_id")
                if isinstance(user, str) and user:
                    self.user_id = user
                    return


def learning(identity: BotIdentity) -> Callable[..., Awaitable[BoltResponse]]:
    """Bolt `before_authorize` middleware: learn the bot's user id from the event."""

    async def learn(body: dict[str, Any], next: Next) -> BoltResponse:
        identity.learn_from(body)
        return await next()

    return learn


def authorizer(token: str, identity: BotIdentity) -> Callable[..., Awaitable[AuthorizeResult]]:
    """Bolt `authorize`: the configured token, and what is known of the bot; no network."""

    async def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token=token,
            bot_user_id=identity.user_id,
            bot_id=identity.bot_id,
        )

    return authorize


_QUIET = logging.getLogger("termsbot.slack.token_check.client")
_QUIET.setLevel(logging.CRITICAL)


def verify_in_background(
    token: str, base_url: str, identity: BotIdentity, delays: tuple[float, ...] = VERIFY_DELAYS
) -> threading.Thread:
    """`auth.test` off every request's path: logs whether the token works, and the bot's ids."""
    thread = threading.Thread(
        target=verify_token,
        args=(token, base_url, identity, delays),
        name="slack-token-check",
        daemon=True,
    )
    thread.start()
    return thread


def verify_token(
    token: str, base_url: str, identity: BotIdentity, delays: tuple[float, ...]
) -> bool:
    client = WebClient(
        token=token,
        base_url=base_url,
        timeout=WEB_API_TIMEOUT,
        # slack_sdk logs each failed attempt as an error; this loop says it once, as what it
        # is (a check that will be tried again), so the client's own log is kept quiet.
        logger=_QUIET,
        # Network errors are retried by the loop below, with longer pauses.
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)],
    )
    for attempt, delay in enumerate(delays, start=1):
        time.sleep(delay)
        try:
            answer = client.auth_test()
        except SlackApiError as error:
            code = error.response.get("error", "unknown")
            log.error(
                "slack: Slack refuses the bot token (%s): check TERMSBOT_SLACK_BOT_TOKEN; "
                "requests are acknowledged but answers cannot be sent",
                code,
            )
            return False
        except Exception as error:  # network: the log says what, and when it tries again
            left = len(delays) - attempt
            log.warning(
                "slack: cannot reach Slack's Web API at %s to check the bot token (%s); "
                "requests are still acknowledged; %s",
                base_url,
                type(error).__name__,
                f"{left} more tries" if left else "giving up the check",
            )
            continue
        identity.user_id = identity.user_id or answer.get("user_id")
        identity.bot_id = answer.get("bot_id")
        identity.verified.set()
        log.info("slack: bot token works: @%s in %s", answer.get("user"), answer.get("team"))
        return True
    return False
