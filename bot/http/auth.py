"""Who is calling, and may they.

- The widget's public endpoints: anyone, from an allowed origin (a browser says where it is:
  `Origin`; the server's own host is always allowed), within the anonymous limits per IP and
  per widget session. `Authorization: Bearer tb_…` (a help-center key) identifies the caller
  and lifts it to the key's own limit; an unknown or revoked key is refused (401), never
  downgraded to anonymous.
- `/v1/admin/*`: the admin key only; with none configured they are closed (403).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from starlette.requests import Request

from bot.http.errors import ApiError
from bot.http.limits import RateLimiter
from bot.settings import Settings
from bot.store import ApiKeyStore, Owner

CallerKind = Literal["anonymous", "key", "admin"]
SESSION_HEADER = "x-termsbot-session"
# A widget session id is the key to its conversations: random, and long enough not to be
# guessed (the widget sends 32 hex digits).
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


@dataclass(frozen=True)
class Caller:
    kind: CallerKind
    identity: str  # "ip:…", "key:<id>" or "admin": what the limits count
    rate_limit: str | None  # None: not limited


def allowed_origins(setting: str | None) -> frozenset[str]:
    if not setting:
        return frozenset()
    return frozenset(origin.strip().rstrip("/") for origin in setting.split(",") if origin.strip())


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "use Authorization: Bearer <key>", headers=_CHALLENGE)
    return token.strip()


def session_id(request: Request) -> str | None:
    """The widget session (`X-Termsbot-Session`), checked: 16 to 128 letters, digits, `-`, `_`."""
    value = request.headers.get(SESSION_HEADER)
    if value is None:
        return None
    if not _SESSION_ID.match(value):
        raise ApiError(
            422,
            "invalid_request",
            "X-Termsbot-Session: must be 16 to 128 letters, digits, '-' or '_'",
            field="X-Termsbot-Session",
        )
    return value


def owner_of(caller: Caller, request: Request) -> Owner:
    """Who a conversation started by this request belongs to, and who may continue one: the
    API key, else the widget session, else — a plain HTTP client that sends neither — the
    client's address, as the anonymous rate limit knows it (behind a proxy, the address
    `--forwarded-allow-ips` lets through). A key's or a session's conversation is never
    continued by an address alone."""
    if caller.kind == "key":
        return Owner("key", caller.identity.removeprefix("key:"))
    if caller.kind == "admin":
        return Owner("admin", "admin")
    session = session_id(request)
    if session:
        return Owner.session(session)
    return Owner.address(client_ip(request))


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class Gatekeeper:
    def __init__(
        self, settings: Settings, keys: Callable[[], ApiKeyStore], limiter: RateLimiter
    ) -> None:
        self._settings = settings
        self._keys = keys
        self._limiter = limiter
        self._origins = allowed_origins(settings.allowed_origins)
        self._admin_key = settings.admin_key.get_secret_value() if settings.admin_key else None

    @property
    def origins(self) -> frozenset[str]:
        return self._origins

    def identify(self, request: Request) -> Caller:
        """The caller of a widget endpoint, from an allowed origin with a valid key (or none)."""
        self.check_origin(request)
        return self._identify(bearer_token(request), request)

    def admit(self, caller: Caller, request: Request) -> None:
        """Count the request against the caller's limits (429 when over)."""
        if caller.rate_limit is not None:
            self._limiter.hit(caller.rate_limit, caller.identity)
        session = session_id(request)
        if session:
            self.session(caller, session)

    def session(self, caller: Caller, session: str) -> None:
        """Count one message against a widget session (anonymous callers only)."""
        if caller.kind == "anonymous":
            self._limiter.hit(self._settings.session_rate_limit, f"session:{session[:128]}")

    def admin(self, request: Request) -> Caller:
        if self._admin_key is None:
            raise ApiError(403, "admin_disabled", "admin endpoints are closed: no admin key set")
        token = bearer_token(request)
        if token is None or not hmac.compare_digest(token.encode(), self._admin_key.encode()):
            raise ApiError(401, "unauthorized", "the admin key is required", headers=_CHALLENGE)
        return Caller("admin", "admin", None)

    def check_origin(self, request: Request) -> None:
        origin = request.headers.get("origin")
        if origin is None or "*" in self._origins or origin.rstrip("/") in self._origins:
            return
        if _host_of(origin) == request.headers.get("host", "").lower():
            return  # the server's own pages (the demo page) call it from its own origin
        raise ApiError(403, "origin_not_allowed", "this origin may not call the API")

    def _identify(self, token: str | None, request: Request) -> Caller:
        if token is None:
            return Caller(
                "anonymous", f"ip:{client_ip(request)}", self._settings.anonymous_rate_limit
            )
        if self._admin_key is not None and hmac.compare_digest(
            token.encode(), self._admin_key.encode()
        ):
            return Caller("admin", "admin", None)
        key = self._keys().authenticate(token)
        if key is None:
            raise ApiError(401, "unauthorized", "unknown or revoked API key", headers=_CHALLENGE)
        return Caller("key", f"key:{key.id}", key.rate_limit)


def _host_of(origin: str) -> str | None:
    try:
        return urlsplit(origin).netloc.lower() or None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
