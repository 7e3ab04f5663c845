"""ASGI middleware of the door: body size limit, request timeout, CORS with JSON refusals."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.http.errors import error_response

log = logging.getLogger("termsbot.http")


class BodySizeLimit:
    """413 before parsing: at once when Content-Length says too much, else when the bytes
    received go past the limit (raised inside the app, answered by its error handler)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large()(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"request body larger than {self.max_bytes} bytes"

    def _too_large(self) -> Response:
        return error_response(
            413, "payload_too_large", self._message(), headers={"Connection": "close"}
        )


class RequestTimeout:
    """504 when no response has started within `seconds`.

    Route handlers run in threads, which cannot be interrupted: on a timeout the handler
    finishes in the background and what it sends is dropped. A stream, once started, is not
    cut (the limit is on the time to the first byte)."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self._orphans: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = asyncio.Event()
        timed_out = False

        async def guarded_send(message: Message) -> None:
            if timed_out:
                return
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        waiter = asyncio.ensure_future(started.wait())
        try:
            await asyncio.wait({task, waiter}, timeout=self.seconds, return_when="FIRST_COMPLETED")
        except asyncio.CancelledError:  # the client went away, or the server is stopping
            task.cancel()
            raise
        finally:
            waiter.cancel()
        if task.done() or started.is_set():
            await task
            return
        timed_out = True
        self._orphans.add(task)
        task.add_done_callback(self._forget)
        response = error_response(504, "timeout", f"no answer within {self.seconds:g} s")
        await response(scope, receive, send)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._orphans.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("request finished with an error after its timeout: %r", task.exception())


class JSONCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, whose refused preflights answer with the API's error body."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        failures = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        headers: dict[str, Any] = {
            k: v for k, v in response.headers.items() if k.lower().startswith("access-control")
        }
        if "origin" in failures:
            return error_response(
                403, "origin_not_allowed", "this origin may not call the API", headers=headers
            )
        return error_response(
            400, "cors_rejected", f"CORS preflight refused: {failures}", headers=headers
        )
