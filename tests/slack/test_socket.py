"""Socket Mode: the same app over a WebSocket (a local stand-in for Slack's socket server)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from aiohttp import WSMsgType, web
from pydantic import SecretStr

from bot.runtime import Runtime
from bot.slack.app import SlackNotConfigured
from bot.slack.socket import run_socket_mode, socket_handler
from ingest.embedders import Embedder
from tests.conftest import make_runtime
from tests.slack.blockkit import problems_of_message
from tests.slack.standin import SlackStandIn


def test_socket_mode_needs_the_app_token(slack_runtime: Runtime) -> None:
    with pytest.raises(SlackNotConfigured, match="TERMSBOT_SLACK_APP_TOKEN"):
        run_socket_mode(slack_runtime)


def test_a_slash_command_over_the_socket_is_acknowledged_and_answered(
    slack_runtime: Runtime, use_embedder: Embedder, standin: SlackStandIn
) -> None:
    standin.reset()
    settings = slack_runtime.settings.model_copy(update={"slack_app_token": SecretStr("xapp-test")})
    runtime = make_runtime(settings, use_embedder)
    runtime.__dict__["assistant"] = slack_runtime.assistant  # already warm
    acks = asyncio.run(_serve_one_command(runtime, standin))
    (ack,) = acks
    assert ack["envelope_id"] == "env-1"
    answer = ack["payload"]  # a quick answer rides in the acknowledgement
    assert "6.2" in str(answer["blocks"])
    assert problems_of_message(answer) == []
    (opened,) = standin.wait_for("apps.connections.open")
    assert opened.headers["Authorization"] == "Bearer xapp-test"


async def _serve_one_command(runtime: Runtime, standin: SlackStandIn) -> list[dict[str, Any]]:
    acks: list[dict[str, Any]] = []
    received = asyncio.Event()

    async def socket(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        await ws.send_str(json.dumps(_envelope(standin)))
        async for message in ws:
            if message.type == WSMsgType.TEXT and "envelope_id" in message.data:
                acks.append(json.loads(message.data))
                received.set()
        return ws

    server = web.Application()
    server.router.add_get("/link", socket)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    standin.replies["apps.connections.open"] = {"ok": True, "url": f"ws://127.0.0.1:{port}/link"}
    handler = socket_handler(runtime)
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]
        await asyncio.wait_for(received.wait(), timeout=30)
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
        await runner.cleanup()
    return acks


def _envelope(standin: SlackStandIn) -> dict[str, Any]:
    return {
        "envelope_id": "env-1",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": {
            "token": "legacy",
            "team_id": "T1",
            "team_domain": "school",
            "channel_id": "C1",
            "channel_name": "support",
            "user_id": "UAGENT",
            "user_name": "agent",
            "command": "/terms",
            "text": "J'ai combien de temps pour changer d'avis ?",
            "api_app_id": "A1",
            "response_url": standin.response_url("socket"),
            "trigger_id": "trigger.socket",
        },
    }
