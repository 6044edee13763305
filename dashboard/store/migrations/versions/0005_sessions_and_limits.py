"""Sessions that end on the server, the sign-in back-off and the abuse limits' counters.

Revision ID: 0005_sessions_and_limits
Revises: 0004_as_written
Create Date: 2026-12-07

As ``dashboard/store/schema.py`` stands with issue 4 (``users.session_version``, bumped by
sign-out, a new password or disabling) and issue 2 (``login_throttle``: failed sign-ins per
client address and name; ``rate_limits``: fixed-window counters shared by the workers).
Existing users get session version 0: their current sessions stay valid until they sign out.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_sessions_and_limits"
down_revision: str | Sequence[str] | None = "0004_as_written"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "login_throttle",
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("address", "name"),
    )
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
    op.drop_table("login_throttle")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("session_version")
