"""Conversation owners: the caller that started a conversation is the only one to continue it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Existing conversations get an owner from what was stored: a Slack thread's conversation
belongs to its thread, a command-line one to the command line; the others (widget and API)
recorded no caller, so they get an owner no caller holds (`legacy:<id>`) and can no longer be
continued. The column is added NOT NULL with a default, which both databases do in place (a
SQLite table rebuild would cascade-delete the messages).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "conversations",
        sa.Column("owner", sa.String(320), nullable=False, server_default="legacy:unknown"),
    )
    op.execute(
        """
        UPDATE conversations SET owner = CASE
            WHEN channel = 'slack' AND external_key IS NOT NULL THEN 'slack:' || external_key
            WHEN channel = 'cli' THEN 'cli:local'
            ELSE 'legacy:' || id
        END
        """
    )


def downgrade() -> None:
    # In place on both (SQLite 3.35+ drops a column without rebuilding the table).
    op.drop_column("conversations", "owner")
