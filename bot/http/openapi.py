"""The OpenAPI document: the app's own, plus how callers authenticate, and examples; and
its reader, Swagger UI at `/docs`, whose files the server serves itself (from the
`fastapi-offline` package): the page loads nothing from another host, so it works offline and
behind strict firewalls. (There is no `/redoc`: ReDoc fetches its logo from its own CDN.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

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

**Streaming.** `POST /v1/chat/stream` answers with server-sent events: `meta` (ids,
language, status and the answer's parts: `lead`, `points`, `notes`, `ask`), `delta` (the
answer in pieces; concatenated, they are the `answer` of `/v1/chat`), `citations`,
`calculation`, `done`, or `error`.

**Compression.** Responses are compressed (zstd, br or gzip) when the request's
`Accept-Encoding` allows it, the event stream included.
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


DOCS_ASSETS = "/docs/assets"
_ASSET_DIR = Path(fastapi_offline.__file__).parent / "static"
# The page may load from its own origin only; its one inline script starts the reader.
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)


def install_openapi(app: FastAPI) -> None:
    """The OpenAPI document at /openapi.json, and the page that reads it (the app is built
    with `docs_url=None, redoc_url=None`: FastAPI's own pages load from a CDN)."""
    _install_document(app)
    _install_docs(app)


def _install_docs(app: FastAPI) -> None:
    app.mount(DOCS_ASSETS, StaticFiles(directory=_ASSET_DIR), name="docs-assets")
    redirect = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            oauth2_redirect_url=redirect,
            # No badge from the public validator: it would send the document elsewhere.
            swagger_ui_parameters={**(app.swagger_ui_parameters or {}), "validatorUrl": None},
        )
        page.headers["Content-Security-Policy"] = _DOCS_CSP
        return page

    app.add_api_route("/docs", docs, methods=["GET"], include_in_schema=False)
    app.add_api_route(
        redirect, get_swagger_ui_oauth2_redirect_html, methods=["GET"], include_in_schema=False
    )


def _install_document(app: FastAPI) -> None:
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
