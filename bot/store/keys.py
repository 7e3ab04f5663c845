"""Help-center API keys, kept beside the conversations.

A key is `tb_` followed by 32 random URL-safe characters. It is shown once, when created; the
database keeps its SHA-256 (a lookup by hash: a random 190-bit secret needs no slow hash) and
its first characters, so that an operator can tell keys apart without seeing them.

    keys = store.api_keys
    created = keys.create("help center", rate_limit="600/minute", now=now)
    created.secret                       # "tb_…": give it to the caller, it is not kept
    keys.authenticate(created.secret)    # the ApiKey, or None when unknown or revoked
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import NotFound
from bot.store.columns import require_aware
from bot.store.models import ApiKeyRow

KEY_PREFIX = "tb_"
_SHOWN = 10  # characters of the secret kept in clear: "tb_" and 7 random ones
_SECRET_BYTES = 24  # 32 URL-safe characters


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
    def __init__(self, session: SessionFactory) -> None:
        self._session = session

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
            return _key(row)

    def authenticate(self, secret: str) -> ApiKey | None:
        """The active key with this secret, or None."""
        if not secret.startswith(KEY_PREFIX) or len(secret) > 100:
            return None
        with self._session("check an API key") as session:
            row = session.scalar(
                select(ApiKeyRow).where(ApiKeyRow.secret_sha256 == hash_secret(secret))
            )
            return None if row is None or row.revoked_at is not None else _key(row)


def _key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(row.id, row.name, row.prefix, row.rate_limit, row.created_at, row.revoked_at)
