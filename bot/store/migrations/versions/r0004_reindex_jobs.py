"""Reindex jobs: shared by every process, one build at a time.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Plain SQL types only (see r0001): `UTCDateTime` is TIMESTAMP WITH TIME ZONE, `StoredText` is
TEXT.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reindex_jobs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", _TIMESTAMP, nullable=False),
        sa.Column("finished_at", _TIMESTAMP, nullable=True),
        sa.Column("heartbeat_at", _TIMESTAMP, nullable=False),
        sa.Column("report", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reindex_jobs")),
    )


def downgrade() -> None:
    op.drop_table("reindex_jobs")
