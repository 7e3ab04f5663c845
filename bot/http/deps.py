"""FastAPI dependencies: route signatures read as a list of needs.

Dependencies that only read the app's state or a header are `async def`: FastAPI runs a
plain `def` dependency in the thread pool, one hop there and back per dependency and
request, which cost more than the work itself. Those that may wait on the database or a
shared rate-limit storage (`public_caller`, `admin_caller`) stay plain functions, off the
event loop."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bot.http.auth import Caller, Gatekeeper
from bot.http.errors import ApiError
from bot.http.observability import Metrics
from bot.runtime import Runtime


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_gatekeeper(request: Request) -> Gatekeeper:
    gatekeeper: Gatekeeper = request.app.state.gatekeeper
    return gatekeeper


async def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
GatekeeperDep = Annotated[Gatekeeper, Depends(get_gatekeeper)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]


def public_caller(request: Request, gatekeeper: GatekeeperDep) -> Caller:
    caller = gatekeeper.identify(request)
    request.state.caller_kind = caller.kind  # for the access log, even when limited
    gatekeeper.admit(caller, request)
    return caller


def admin_caller(request: Request, gatekeeper: GatekeeperDep) -> Caller:
    caller = gatekeeper.admin(request)
    request.state.caller_kind = caller.kind
    return caller


PublicCaller = Annotated[Caller, Depends(public_caller)]
AdminCaller = Annotated[Caller, Depends(admin_caller)]


async def require_json(request: Request) -> None:
    """Bodies are JSON: anything else is 415 (a form post is not a chat message)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    ):
        return
    raise ApiError(415, "unsupported_media_type", "send the body as application/json")
