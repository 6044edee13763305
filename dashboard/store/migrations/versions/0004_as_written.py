"""observations.as_written: the value and unit as the uploaded file wrote them.

Revision ID: 0004_as_written
Revises: 0003_corridors
Create Date: 2026-11-30

As ``dashboard/store/schema.py`` stood at commit 60dff34 (the unit column, issue 11). Older
rows gave no unit: they keep NULL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_as_written"
down_revision: str | Sequence[str] | None = "0003_corridors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch_op:
        batch_op.add_column(sa.Column("as_written", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch_op:
        batch_op.drop_column("as_written")
