"""One error body for every failure: `{"error": {"code", "message", "field"?}}`.

ApiError(status, code, message)   raised by the door itself (auth, limits, origin, …)
TermsbotError                     the core's tree, mapped by `status_of`
RequestValidationError            422 naming the field
HTTPException                     Starlette's own (404, 405, 413, …)
anything else                     500, with no detail (logged with the request id)
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.errors import (
    CalculatorInputError,
    CorpusError,
    EmbedderUnavailable,
    IndexCorrupt,
    IndexError_,
    NotFound,
    StorageUnavailable,
    StoreError,
    TermsbotError,
)
from bot.schemas import ErrorBody

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}

# What each status means in this API, for the OpenAPI document.
DESCRIPTIONS = {
    400: "Unreadable body (not UTF-8, too deeply nested).",
    401: "Missing, unknown or revoked key where one is needed (`WWW-Authenticate: Bearer`).",
    403: "Origin not allowed, or the admin endpoints are closed (no admin key set).",
    404: "Unknown document, section, calculator, conversation or message.",
    405: "Method not allowed (`Allow` lists the allowed ones).",
    409: "Not possible in the server's present configuration (e.g. no retention period).",
    413: "Request body larger than the limit (64 kB by default).",
    415: "Body is not `application/json`.",
    422: "Invalid input; `field` names it.",
    429: "Rate limited; retry after `Retry-After` seconds.",
    500: "Internal error; no detail is given (quote `X-Request-ID`).",
    503: "Not ready: index missing or stale, or database unavailable.",
    504: "The answer took longer than the request timeout.",
}

_EXAMPLES = {
    422: {"code": "invalid_request", "message": "message: must contain text", "field": "message"},
    429: {"code": "rate_limited", "message": "rate limit of 60/minute exceeded"},
    500: {"code": "internal_error", "message": "internal error (request 3f2a…)"},
}


class ApiError(Exception):
    """A refusal decided by the door itself."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    detail: dict[str, str] = {"code": code, "message": message}
    if field is not None:
        detail["field"] = field
    return {"error": detail}


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        status_code=status, content=error_body(code, message, field), headers=headers
    )


def status_of(exc: TermsbotError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, CalculatorInputError):
        return 422
    if isinstance(
        exc, CorpusError | IndexError_ | EmbedderUnavailable | StoreError | StorageUnavailable
    ):
        return 503
    return 500


def termsbot_error_response(exc: TermsbotError) -> JSONResponse:
    status = status_of(exc)
    if status == 500:
        return error_response(500, "internal_error", "internal error")
    if isinstance(exc, StoreError):
        # The store's messages are safe to show, but name database internals to no one's use.
        return error_response(503, exc.code, "the conversation store is unavailable")
    field = exc.field if isinstance(exc, CalculatorInputError) else None
    return error_response(status, exc.code, str(exc), field)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, each with the error body."""
    documented: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        example = _EXAMPLES.get(status) or {
            "code": _HTTP_CODES.get(status, "error"),
            "message": DESCRIPTIONS[status],
        }
        entry: dict[str, Any] = {
            "model": ErrorBody,
            "description": DESCRIPTIONS[status],
            "content": {"application/json": {"example": {"error": example}}},
        }
        if status == 429:
            entry["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before retrying.",
                    "schema": {"type": "integer"},
                }
            }
        documented[status] = entry
    return documented


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(TermsbotError, _termsbot_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.field, exc.headers)


async def _termsbot_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TermsbotError)
    doctor = getattr(request.app.state, "index_doctor", None)
    if isinstance(exc, IndexCorrupt) and doctor is not None:
        doctor.repair(str(exc))  # the index failed a query: rebuild it from the corpus
    return termsbot_error_response(exc)


async def _invalid_request(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first: dict[str, Any] = dict(errors[0]) if errors else {"loc": (), "msg": "invalid request"}
    if first.get("type") == "json_invalid":
        reason = dict(first.get("ctx") or {}).get("error", "")
        return error_response(422, "invalid_request", f"body is not valid JSON: {reason}", "body")
    loc = [str(part) for part in first.get("loc", ())]
    if loc and loc[0] in ("body", "query", "path", "header"):
        kind, loc = loc[0], loc[1:]
    else:
        kind = "body"
    field = ".".join(loc) or kind
    return error_response(422, "invalid_request", f"{field}: {first['msg']}", field)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    headers = dict(exc.headers) if exc.headers else None
    if status >= 500:
        return error_response(status, "internal_error", "internal error", headers=headers)
    return error_response(
        status, _HTTP_CODES.get(status, "http_error"), str(exc.detail), None, headers
    )


async def _internal_error(_: Request, exc: Exception) -> JSONResponse:
    # Last resort (the observability middleware normally answers first, with the request id).
    return error_response(500, "internal_error", "internal error")
