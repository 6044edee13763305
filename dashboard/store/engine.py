"""Engines: SQLite (the default, one file) and PostgreSQL (when scaled out), behaving alike.

SQLite with several gunicorn workers needs three things: WAL (readers never block the writer),
a busy timeout (a second writer waits instead of failing with "database is locked"), and write
transactions that take the write lock when they *begin* (``BEGIN IMMEDIATE``). Without the last,
two read-then-write transactions can deadlock and one fails at once, whatever the timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from .. import config

DEFAULT_DB_FILE = "tracker.db"
BUSY_TIMEOUT_MS = 30_000
#: Any constant: PostgreSQL writers serialise on this advisory lock, as SQLite's do on the file.
WRITE_LOCK_KEY = 2027_0001


def default_database_url(instance_dir: str | os.PathLike | None = None) -> str:
    """``DASHBOARD_DATABASE_URL``, else a SQLite file in ``instance/`` (created on first use)."""
    configured = config.value("DATABASE_URL")
    if configured:
        return configured
    folder = Path(instance_dir or config.value("INSTANCE_DIR", "instance"))
    return f"sqlite:///{(folder / DEFAULT_DB_FILE).resolve()}"


def make_engine(url: str) -> Engine:
    """Create an engine with the pragmas and begin-mode that concurrent writers need."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial wiring
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):  # pragma: no cover - trivial wiring
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the database's write lock from its first statement.

    Writers are serialised (SQLite: ``BEGIN IMMEDIATE`` waiting up to the busy timeout;
    PostgreSQL: a transaction-scoped advisory lock), so a read-compare-write inside it sees no
    concurrent change. Commits on success, rolls back on any exception.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield conn
