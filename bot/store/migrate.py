"""Migrations of the conversation store, run from code: no alembic.ini at the project root.

`upgrade(url)` brings a database to the newest schema; it is idempotent and safe when several
processes start together. After changing `models.py`, write the next revision with

    command.revision(alembic_config(url), "add x", autogenerate=True, rev_id="0002")

against a database at head, then review it: revisions use plain SQL types, not `bot.store`'s.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from bot.errors import StoreError
from bot.store.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# PostgreSQL advisory lock held while migrating: "termsbot" read as a 64-bit integer.
_MIGRATION_LOCK_KEY = int.from_bytes(b"termsbot", "big")


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade_engine(engine)
    finally:
        engine.dispose()


def upgrade_engine(engine: Engine) -> None:
    """Migrate to head; processes starting together (several workers) take turns."""
    try:
        with engine.begin() as connection:
            _lock_for_migration(connection)
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the conversation store: {exc}") from exc


def _lock_for_migration(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # Takes the write lock before alembic reads its version table (pysqlite has not begun
        # a transaction yet): a second process waits, then finds the schema at head.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
