"""PostgreSQL tells every listening worker when the data changes (issue 13).

Revision ID: 0007_data_change_notices
Revises: 0006_kept_answers
Create Date: 2026-11-30

A statement trigger on ``revisions`` and ``indicators`` sends ``NOTIFY tracker_data_changed``
(delivered when its transaction commits) whatever wrote to them: an upload, a rollback,
``init-db``, or SQL typed by hand. Each worker listens (``dashboard/store/version.py``) and
reads the data token again only then, instead of on every request. SQLite has no such notices:
there the token stays a read per request, and this revision does nothing.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007_data_change_notices"
down_revision: str | Sequence[str] | None = "0006_kept_answers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "tracker_data_changed"
TABLES = ("revisions", "indicators")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION tracker_notify_data_changed() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); "
        "RETURN NULL; END $$"
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_data_changed "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION tracker_notify_data_changed()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_data_changed ON {table}")
    op.execute("DROP FUNCTION IF EXISTS tracker_notify_data_changed()")
