"""Help-center API keys, kept beside the conversations.

A key is `tb_` followed by 32 random URL-safe characters. It is shown once, when created; the
database keeps its SHA-256 (a lookup by hash: a random 190-bit secret needs no slow hash) and
its first characters, so that an operator can tell keys apart without seeing them.

    keys = store.api_keys
    created = keys.create("help center", rate_limit="600/minute", now=now)
    created.secret                       # "tb_…": give it to the caller, it is not kept
    keys.authenticate(created.secret)    # the ApiKey, or None when unknown or revoked

A key found active is trusted for `VERIFIED_KEY_SECONDS` without asking the database again:
every keyed request carries it, and its lookup showed in the profile of a reply served from
memory. Revoking a key through this store takes effect at once; revoking it from another
process (`termsbot keys revoke`, another worker) within that many seconds. Unknown and
revoked keys are never kept: a key created elsewhere works at once, and guessing fills no
memory.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from uuid import uuid4

from cachetools import TTLCache
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import NotFound
from bot.store.columns import require_aware
from bot.store.models import ApiKeyRow

KEY_PREFIX = "tb_"
_SHOWN = 10  # characters of the secret kept in clear: "tb_" and 7 random ones
_SECRET_BYTES = 24  # 32 URL-safe characters
# How long a key found active is trusted without the database: the bound on how late another
# process sees a revocation.
VERIFIED_KEY_SECONDS = 5.0
_VERIFIED_KEYS_KEPT = 1024


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    prefix: str
    rate_limit: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKey
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


# One transaction, database failures raised as StoreError (`ConversationStore._session`).
SessionFactory = Callable[[str], AbstractContextManager[Session]]


class ApiKeyStore:
    def __init__(
        self,
        session: SessionFactory,
        *,
        trust_seconds: float = VERIFIED_KEY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`trust_seconds` 0: every check asks the database. `clock` (monotonic seconds)
        times the trust."""
        self._session = session
        self._trust_seconds = trust_seconds
        # Keyed by the secret's SHA-256 (what the database is searched by), never the secret.
        self._verified: TTLCache[str, ApiKey] = TTLCache(
            maxsize=_VERIFIED_KEYS_KEPT, ttl=trust_seconds, timer=clock
        )
        self._lock = threading.Lock()
        # Bumped by every revocation here: a check that began before it keeps nothing.
        self._revocations = 0

    def create(self, name: str, *, rate_limit: str, now: datetime) -> CreatedKey:
        require_aware(now)
        if not name.strip() or len(name) > 100:
            raise ValueError("a key's name must be 1 to 100 characters")
        secret = KEY_PREFIX + secrets.token_urlsafe(_SECRET_BYTES)
        row = ApiKeyRow(
            id=uuid4().hex[:12],
            name=name.strip(),
            prefix=secret[:_SHOWN],
            secret_sha256=hash_secret(secret),
            rate_limit=rate_limit,
            created_at=now,
            revoked_at=None,
        )
        with self._session("create an API key") as session:
            session.add(row)
        return CreatedKey(_key(row), secret)

    def list(self) -> list[ApiKey]:
        with self._session("list API keys") as session:
            rows = session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.created_at, ApiKeyRow.id))
            return [_key(row) for row in rows]

    def revoke(self, key_id: str, *, now: datetime) -> ApiKey:
        """Revoke a key (revoking twice keeps the first time); NotFound for an unknown id."""
        require_aware(now)
        with self._session("revoke an API key") as session:
            row = session.get(ApiKeyRow, key_id)
            if row is None:
                raise NotFound(f"no API key {key_id!r}")
            if row.revoked_at is None:
                row.revoked_at = now
            key = _key(row)
        with self._lock:
            self._revocations += 1
            for digest in [d for d, known in self._verified.items() if known.id == key_id]:
                del self._verified[digest]
        return key

    def authenticate(self, secret: str) -> ApiKey | None:
        """The active key with this secret, or None."""
        if not secret.startswith(KEY_PREFIX) or len(secret) > 100:
            return None
        digest = hash_secret(secret)
        with self._lock:
            known = self._verified.get(digest)
            revocations = self._revocations
        if known is not None:
            return known
        with self._session("check an API key") as session:
            row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.secret_sha256 == digest))
            key = None if row is None or row.revoked_at is not None else _key(row)
        if key is not None and self._trust_seconds > 0:
            with self._lock:
                if revocations == self._revocations:
                    self._verified[digest] = key
        return key


def _key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(row.id, row.name, row.prefix, row.rate_limit, row.created_at, row.revoked_at)
