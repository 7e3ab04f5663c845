"""The OpenAPI document: the app's own, plus how callers authenticate, and examples."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

DESCRIPTION = """\
Cited answers about the school's Terms of Service (CGS) and Internal Regulations.

**Access.** The widget endpoints (`/v1/chat`, `/v1/chat/stream`, `/v1/search`,
`/v1/calculators*`, `/v1/documents*`, `/v1/feedback`) are open to anonymous callers from an
allowed origin (`TERMSBOT_ALLOWED_ORIGINS`; the server's own host always) within the anonymous
rate limits, per IP and per widget session (`X-Termsbot-Session` or the `conversation_id`).
A conversation belongs to the caller that started it (the API key, else the widget session
`X-Termsbot-Session`: 16 to 128 letters, digits, `-` or `_`); anyone else's
`conversation_id` is 404 `conversation_not_found`, exactly as an unknown one.
A help-center key (`Authorization: Bearer tb_…`, created with `termsbot keys create`)
identifies the caller and lifts it to the key's own limit; an unknown or revoked key is 401.
`/v1/admin/*` needs the admin key (`TERMSBOT_ADMIN_KEY`); with none set they answer 403.

**Errors.** Every error has the body `{"error": {"code", "message"}}`, plus `field` on 422.
Bodies must be `application/json` (else 415) of at most 64 kB (else 413); malformed JSON,
lone surrogates, unknown fields and out-of-range values are 422. 429 carries `Retry-After`.
Every response carries `X-Request-ID` (yours, if you send one).

**Streaming.** `POST /v1/chat/stream` answers with server-sent events: `meta`, `delta`
(the answer in pieces; concatenated, they are the `answer` of `/v1/chat`), `citations`,
`calculation`, `done`, or `error`.
"""

TAGS = [
    {"name": "chat", "description": "Answers with citations, whole or streamed."},
    {"name": "search", "description": "Ranked sections for a query."},
    {"name": "calculators", "description": "Deterministic deadlines, refunds and notices."},
    {"name": "documents", "description": "The documents, their sections and versions."},
    {"name": "feedback", "description": "Learners' ratings of answers."},
    {"name": "admin", "description": "Statistics, export, reindex, purge (admin key)."},
    {"name": "operations", "description": "Health, readiness, metrics."},
]

_SCHEMES = {
    "helpCenterKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "A help-center API key (`tb_…`); optional on widget endpoints.",
    },
    "adminKey": {"type": "http", "scheme": "bearer", "description": "TERMSBOT_ADMIN_KEY."},
}


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            schema.setdefault("components", {})["securitySchemes"] = _SCHEMES
            for path, operations in schema["paths"].items():
                for operation in operations.values():
                    _secure(path, operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _secure(path: str, operation: dict[str, Any]) -> None:
    if path.startswith("/v1/admin/"):
        operation["security"] = [{"adminKey": []}]
    elif path.startswith("/v1/"):
        operation["security"] = [{}, {"helpCenterKey": []}]
