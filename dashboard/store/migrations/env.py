"""Alembic's environment for the tracker's schema (there is no alembic.ini).

:mod:`dashboard.store.migrate` builds the Alembic ``Config`` in code and hands env.py the
connection to migrate through ``config.attributes["connection"]``: one connection and one
transaction that already hold the database's write lock (and, on SQLite, have foreign keys
off, as batch migrations need). Without one (Alembic's own command line), env.py opens such a
connection itself on ``sqlalchemy.url`` or the tracker's default database (but does not adopt
a database made before migrations: ``dashboard db upgrade`` does).

The target metadata is :data:`dashboard.store.schema.metadata`, so autogenerate compares the
database with the tables the code uses; ``render_as_batch`` lets the same migration ALTER
SQLite tables (by copying them) and PostgreSQL ones.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from dashboard.store.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from dashboard.store.engine import default_database_url, make_engine
    from dashboard.store.migrate import migrating

    url = context.config.get_main_option("sqlalchemy.url") or default_database_url()
    engine = make_engine(url)
    try:
        with migrating(engine) as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported: run `dashboard db upgrade`")
_run_online()
