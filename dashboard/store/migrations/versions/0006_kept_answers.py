"""Answers of read-only requests shared by every worker and host (issue 13).

Revision ID: 0006_kept_answers
Revises: 0005_sessions_and_limits
Create Date: 2026-11-30

As ``dashboard/store/schema.py`` stands with ``kept_answers``: serialised views keyed by a
digest of their request and the data token, so that a view built by one worker (or warmed
after an upload) is not built again by the others. Nothing in it is data of record.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_kept_answers"
down_revision: str | Sequence[str] | None = "0005_sessions_and_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kept_answers",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("gzipped", sa.LargeBinary(), nullable=False),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("kept_answers")
