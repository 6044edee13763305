"""The first schema: the catalogue, revisions and append-only observations.

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-23

As ``dashboard/store/schema.py`` stood at commit 8c5215a (commit 30b9b9a also had the index
``ix_observations_revision``, dropped the same day; see ``legacy_adoption.LEGACY_INDEX``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_foundation"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicators",
        sa.Column("indicator_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pillar", sa.String(length=20), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_zh", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("unit_zh", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("target_qualifier", sa.String(length=10), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_growth", sa.Float(), nullable=True),
        sa.Column("target_period", sa.String(length=8), nullable=False),
        sa.Column("baseline_period", sa.String(length=8), nullable=False),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("target_source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("indicator_id"),
    )
    op.create_table(
        "revisions",
        sa.Column("revision_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("replaced", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("withdrawn", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rolls_back", sa.Integer(), nullable=True),
        sa.Column("raw_file", sa.LargeBinary(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["rolls_back"], ["revisions.revision_id"]),
        sa.PrimaryKeyConstraint("revision_id"),
    )
    op.create_index("ix_revisions_sha256", "revisions", ["sha256"], unique=False)
    op.create_table(
        "observations",
        sa.Column("observation_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=40), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("basis", sa.String(length=8), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("confidence", sa.String(length=8), nullable=True),
        sa.Column("illustrative", sa.Boolean(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.indicator_id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["revisions.revision_id"]),
        sa.PrimaryKeyConstraint("observation_id"),
        sa.UniqueConstraint(
            "revision_id", "indicator_id", "period", name="uq_observation_per_revision"
        ),
    )
    op.create_index(
        "ix_observations_key",
        "observations",
        ["indicator_id", "period", "observation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_observations_key", table_name="observations")
    op.drop_table("observations")
    op.drop_index("ix_revisions_sha256", table_name="revisions")
    op.drop_table("revisions")
    op.drop_table("indicators")
