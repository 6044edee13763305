"""The one transaction, holding the write lock, that every migration runs in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

from .engine import WRITE_LOCK_KEY
from .migration_results import MigrationError


def _raw_execute(conn: Connection, sql: str) -> None:
    """Run ``sql`` on the driver's connection, outside any transaction SQLAlchemy began."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction holding the write lock, for a whole migration.

    SQLite: ``BEGIN IMMEDIATE``, with foreign keys off (the pragma only takes effect outside a
    transaction, so it is set first, and set back on afterwards); before committing,
    ``PRAGMA foreign_key_check`` must find nothing. PostgreSQL: the writers' advisory lock
    (DDL is transactional there too). Commits on success, rolls back on any exception.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            _raw_execute(conn, "PRAGMA foreign_keys=OFF")
            conn.execution_options(sqlite_begin="IMMEDIATE")
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY}
                    )
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(
                            f"the migration would break {len(broken)} foreign key(s), first: "
                            f"{tuple(broken[0])}; nothing was changed"
                        )
        finally:
            if sqlite and not conn.invalidated:
                _raw_execute(conn, "PRAGMA foreign_keys=ON")
