"""`POST /slack/events`: events, slash commands and interactivity, through Bolt's adapter.

Before Bolt sees a request, it is checked here: the signature (with slack_sdk's verifier),
then the body's shape. Bolt parses the body before it verifies the signature and answers 500
with a traceback for a body it cannot parse or a timestamp that is not a number; here such
requests get the API's error body instead — 401 for a missing or wrong signature, 400 for a
signed body that is not what Slack sends — and nothing is logged as an error."""

from __future__ import annotations

import json
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from bot.runtime import Runtime
from bot.slack.app import build_app, secret_value
from bot.slack.payloads import malformed

EVENTS_PATH = "/slack/events"

_SIGNATURE_REFUSED = (
    "the request is not signed with the Slack signing secret, "
    "or its timestamp is more than 5 minutes away"
)


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
    verifier = SignatureVerifier(secret_value(runtime.settings.slack_signing_secret) or "")

    @app.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        refusal = refused(await request.body(), request.headers, verifier)
        if refusal is not None:
            return refusal
        return _contract_error(await handler.handle(request))


def _mounted(app: FastAPI) -> bool:
    return any(getattr(route, "path", None) == EVENTS_PATH for route in app.router.routes)


def refused(
    body: bytes, headers: Mapping[str, str], verifier: SignatureVerifier
) -> Response | None:
    """The API's error for a request Slack did not sign, or whose body Slack would not send;
    None for a request to hand to Bolt."""
    timestamp = headers.get("x-slack-request-timestamp") or ""
    signature = headers.get("x-slack-signature") or ""
    if not (timestamp.isascii() and timestamp.isdigit()) or not signature:
        return error(401, "invalid_signature", _SIGNATURE_REFUSED)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:  # Slack sends UTF-8; the verifier cannot even read this
        return error(400, "invalid_body", "body: not UTF-8")
    if not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        return error(401, "invalid_signature", _SIGNATURE_REFUSED)
    problem = malformed(body, headers)
    if problem is not None:
        return error(400, "invalid_body", f"body: {problem}")
    return None


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _contract_error(response: Response) -> Response:
    """Bolt's own refusals (401, 404 for a request no listener handles) in the API's shape."""
    if response.status_code == 401:
        return error(401, "invalid_signature", _SIGNATURE_REFUSED)
    if response.status_code == 404:
        return error(404, "unhandled", "no listener handles this Slack request")
    if response.status_code >= 400 and not _is_json_error(response):
        return error(response.status_code, "slack_error", "the Slack request was not handled")
    return response


def _is_json_error(response: Response) -> bool:
    try:
        body = json.loads(bytes(response.body))
    except (ValueError, TypeError):
        return False
    return isinstance(body, dict) and isinstance(body.get("error"), dict)
