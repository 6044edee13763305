"""Corridor data: revisions.dataset, reach snapshots and destinations.

Revision ID: 0003_corridors
Revises: 0002_accounts
Create Date: 2026-11-23

As ``dashboard/store/schema.py`` stood at commit 5ddd311. Every revision written before it
wrote observations, so ``dataset`` is added NOT NULL with the server default 'observations'
(the default stays: it is what ``Store.create_schema`` added by hand since then, and a plain
ALTER, with no copy of the table, on both SQLite and PostgreSQL).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_corridors"
down_revision: str | Sequence[str] | None = "0002_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch_op:
        batch_op.add_column(
            sa.Column(
                "dataset", sa.String(length=16), nullable=False, server_default="observations"
            )
        )
    op.create_table(
        "reach_snapshots",
        sa.Column("row_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.String(length=7), nullable=False),
        sa.Column("corridor", sa.String(length=20), nullable=False),
        sa.Column("ports", sa.Integer(), nullable=True),
        sa.Column("countries_regions", sa.Integer(), nullable=True),
        sa.Column("provinces", sa.Integer(), nullable=True),
        sa.Column("cities", sa.Integer(), nullable=True),
        sa.Column("stations", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("confidence", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.revision_id"]),
        sa.PrimaryKeyConstraint("row_id"),
        sa.UniqueConstraint("revision_id", "as_of", "corridor", name="uq_reach_per_revision"),
    )
    op.create_index(
        "ix_reach_key", "reach_snapshots", ["as_of", "corridor", "row_id"], unique=False
    )
    op.create_table(
        "destinations",
        sa.Column("row_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("destination_id", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("name_zh", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("corridor", sa.String(length=80), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("first_service", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("confidence", sa.String(length=8), nullable=True),
        sa.Column("coordinates_source", sa.Text(), nullable=True),
        sa.Column("coordinates_note", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.revision_id"]),
        sa.PrimaryKeyConstraint("row_id"),
        sa.UniqueConstraint("revision_id", "destination_id", name="uq_destination_per_revision"),
    )
    op.create_index(
        "ix_destinations_key", "destinations", ["destination_id", "row_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_destinations_key", table_name="destinations")
    op.drop_table("destinations")
    op.drop_index("ix_reach_key", table_name="reach_snapshots")
    op.drop_table("reach_snapshots")
    with op.batch_alter_table("revisions") as batch_op:
        batch_op.drop_column("dataset")
