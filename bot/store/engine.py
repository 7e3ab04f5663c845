"""Engines for the store: SQLite (WAL, foreign keys on) or PostgreSQL, from one URL."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from bot.errors import StoreError

SUPPORTED_BACKENDS = ("sqlite", "postgresql")

# How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
# PostgreSQL connection attempts, unless the URL says otherwise: a readiness probe's ping must
# not hang on an unreachable host.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
_WAL_RETRY_SECONDS = 0.05


def make_engine(url: str | URL) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise ValueError(f"unsupported database {backend!r}: use one of {SUPPORTED_BACKENDS}")
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    connect_args = {}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_SECONDS
    # hide_parameters: error messages and logs must not carry what users typed.
    return create_engine(
        parsed,
        connect_args=connect_args,
        json_serializer=_json_dumps,
        pool_pre_ping=True,
        hide_parameters=True,
    )


def _json_dumps(value: Any) -> str:
    # NaN/Infinity are not JSON: PostgreSQL refuses them, so SQLite must not accept them either.
    # Raised as StoreError here because psycopg calls this outside SQLAlchemy's error wrapping.
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"a value cannot be stored as JSON: {exc}") from exc


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def _sqlite_engine(url: URL) -> Engine:
    options: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}}
    if _is_memory(url):
        # One shared connection, or every thread (and the migration) would see its own database.
        options["connect_args"]["check_same_thread"] = False
        options["poolclass"] = StaticPool
    elif url.database is not None and not url.database.startswith("file:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, json_serializer=_json_dumps, hide_parameters=True, **options)
    event.listen(engine, "connect", _configure_sqlite_connection)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        _use_wal(cursor)
        # WAL's recommended durability. A commit is in the WAL file before COMMIT returns, so
        # it survives the process crashing or being killed: a reply sent is stored. Only the
        # fsync is left to checkpoints, so an OS crash or a power cut may lose the last
        # commits, never corrupt the database.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """WAL lets readers proceed while one writer commits. The mode is stored in the file."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    # Switching a new file fails at once, ignoring the busy timeout, while another connection
    # holds a lock: processes creating the database together must retry.
    for _ in range(int(SQLITE_BUSY_TIMEOUT_SECONDS / _WAL_RETRY_SECONDS)):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(_WAL_RETRY_SECONDS)
    cursor.execute("PRAGMA journal_mode=WAL")
