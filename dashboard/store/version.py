"""The data token: one cheap read that says whether anything a page shows may have changed.

Every cached view, table and response is keyed by it. It is read from the database on each
request (one connection, two small queries, about half a millisecond on SQLite), so an upload
through any worker, or on any host sharing the database, is seen by every other at once.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine

from . import schema

#: One round trip: every catalogue row, each carrying the newest revision id (and one row of
#: nothing but that id when the catalogue is empty).
TOKEN_QUERY = (
    f"SELECT (SELECT max(revision_id) FROM {schema.revisions.name}) AS newest, i.* "
    f"FROM (SELECT 1 AS one) AS o LEFT JOIN {schema.indicators.name} AS i ON TRUE "
    "ORDER BY i.position"
)


def data_token(engine: Engine) -> str:
    """``"<newest revision>-<catalogue digest>"``: any upload or rollback adds a revision,
    and ``init-db`` with a changed catalogue file changes the digest.

    One fixed statement through the driver's own cursor (from SQLAlchemy's pool): nothing to
    compile, one round trip, since this runs on every cacheable request.
    """
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(TOKEN_QUERY)
        rows = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
    finally:
        connection.close()
    newest = rows[0][0] if rows else None
    # repr of plain tuples is stable across processes (unlike hash() of str), so the token
    # could key a cache shared by several hosts.
    digest = hashlib.blake2b(repr([row[1:] for row in rows]).encode(), digest_size=8)
    return f"{newest or 0}-{digest.hexdigest()}"
