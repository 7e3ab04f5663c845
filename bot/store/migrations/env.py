"""Alembic environment of the conversation store.

Run through `bot.store.migrate` (no alembic.ini): it passes either an open connection in
`config.attributes["connection"]` or a URL in the `sqlalchemy.url` option.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bot.store.engine import make_engine
from bot.store.models import Base


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url", ""))
    try:
        with engine.begin() as own_connection:
            _configure(own_connection)
    finally:
        engine.dispose()


def run_offline() -> None:
    """Print the SQL (`alembic upgrade --sql`), e.g. for a DBA to apply on PostgreSQL."""
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
