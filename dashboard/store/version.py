"""The data token: one cheap read that says whether anything a page shows may have changed.

Every cached view, table and response is keyed by it. It is read from the database on each
request (one statement, about a third of a millisecond on SQLite), so an upload through any
worker, or on any host sharing the database, is seen by every other at once.

On a database server (PostgreSQL) it is read through a small pool of its own, in autocommit and
without a pre-ping or a rollback on return: one network round trip per read, where the store's
pool spends three (the pre-ping, ``BEGIN`` with the query, the rollback). A connection the
server dropped fails its one statement; it is then discarded and the read tried once more on a
new connection, which is what the pre-ping would have done.
"""

from __future__ import annotations

import hashlib
import threading
import weakref

from sqlalchemy import Engine, create_engine, event

from . import schema

#: One round trip: every catalogue row, each carrying the newest revision id (and one row of
#: nothing but that id when the catalogue is empty).
TOKEN_QUERY = (
    f"SELECT (SELECT max(revision_id) FROM {schema.revisions.name}) AS newest, i.* "
    f"FROM (SELECT 1 AS one) AS o LEFT JOIN {schema.indicators.name} AS i ON TRUE "
    "ORDER BY i.position"
)


#: The token's own engine, per store engine (SQLite reads through the store's: no network).
_TOKEN_ENGINES: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()
_TOKEN_ENGINES_LOCK = threading.Lock()


def _token_engine(engine: Engine) -> Engine:
    if engine.dialect.name == "sqlite":
        return engine
    with _TOKEN_ENGINES_LOCK:
        token_engine = _TOKEN_ENGINES.get(engine)
        if token_engine is None:
            token_engine = create_engine(
                engine.url,
                isolation_level="AUTOCOMMIT",
                pool_pre_ping=False,
                pool_reset_on_return=None,
                pool_size=2,
                max_overflow=6,
            )
            _TOKEN_ENGINES[engine] = token_engine
            # Disposing of the store's engine closes the token's connections too.
            event.listen(engine, "engine_disposed", lambda _engine: token_engine.dispose())
    return token_engine


def _read_token_rows(token_engine: Engine) -> list[tuple]:
    connection = token_engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(TOKEN_QUERY)
        rows = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
    except token_engine.dialect.loaded_dbapi.Error:
        connection.invalidate()  # never handed out again
        raise
    finally:
        connection.close()
    return rows


def data_token(engine: Engine) -> str:
    """``"<newest revision>-<catalogue digest>"``: any upload or rollback adds a revision,
    and ``init-db`` with a changed catalogue file changes the digest.

    One fixed statement through the driver's own cursor: nothing to compile, one round trip,
    since this runs on every cacheable request.
    """
    token_engine = _token_engine(engine)
    try:
        rows = _read_token_rows(token_engine)
    except token_engine.dialect.loaded_dbapi.Error:
        if token_engine is engine:
            raise
        rows = _read_token_rows(token_engine)  # once more, on a new connection
    newest = rows[0][0] if rows else None
    # repr of plain tuples is stable across processes (unlike hash() of str), so the token
    # could key a cache shared by several hosts.
    digest = hashlib.blake2b(repr([row[1:] for row in rows]).encode(), digest_size=8)
    return f"{newest or 0}-{digest.hexdigest()}"
