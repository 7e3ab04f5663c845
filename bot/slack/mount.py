"""`POST /slack/events`: events, slash commands and interactivity, through Bolt's adapter."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler

from bot.runtime import Runtime
from bot.slack.app import build_app, secret_value

EVENTS_PATH = "/slack/events"


def slack_enabled(runtime: Runtime) -> bool:
    settings = runtime.settings
    return bool(secret_value(settings.slack_signing_secret)) and bool(
        secret_value(settings.slack_bot_token)
    )


def mount_slack(app: FastAPI, runtime: Runtime) -> None:
    """Register `POST /slack/events` when the signing secret and the bot token are set;
    otherwise register nothing (the path then answers the API's 404). Mounting twice is a
    no-op."""
    if not slack_enabled(runtime) or _mounted(app):
        return
    handler = AsyncSlackRequestHandler(build_app(runtime))

    @app.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        return _contract_error(await handler.handle(request))


def _mounted(app: FastAPI) -> bool:
    return any(getattr(route, "path", None) == EVENTS_PATH for route in app.router.routes)


def _contract_error(response: Response) -> Response:
    """Bolt's refusal of a bad signature, in the API's error shape."""
    if response.status_code != 401:
        return response
    return JSONResponse(
        status_code=401,
        content={
            "error": {
                "code": "invalid_signature",
                "message": "the request is not signed with the Slack signing secret, "
                "or its timestamp is more than 5 minutes away",
            }
        },
    )
