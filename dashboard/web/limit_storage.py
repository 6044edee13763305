"""Where the limits' counters live when no Redis is configured: a table of the tracker's database.

``limits`` has no SQL storage; :class:`DatabaseStorage` registers the ``trackerdb://`` scheme
with ``limits``' storage registry, and :func:`limits_engine` chooses the database it writes to.
"""

from __future__ import annotations

import random
import time
from typing import Any

from limits.storage import Storage
from sqlalchemy import Engine, case, delete, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from ..store import schema
from ..store.engine import make_engine

#: The share of counted requests that also delete expired counters.
_PRUNE_CHANCE = 0.01


class DatabaseStorage(Storage):
    """Fixed-window counters in a SQL table (``schema.rate_limits``), for ``limits``.

    ``storage_from_string("trackerdb://", engine=engine)``. Only the fixed-window strategy
    (``incr``/``get``/``get_expiry``) is supported.
    """

    STORAGE_SCHEME = ["trackerdb"]

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        engine: Engine | None = None,
        **options: Any,
    ) -> None:
        super().__init__(uri, wrap_exceptions, **options)
        if engine is None:
            raise ValueError("trackerdb:// needs engine=<SQLAlchemy engine>")
        self.engine = engine

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def _upsert(self):
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        table = schema.rate_limits
        now = time.time()
        expired = table.c.expires_at <= now
        statement = (
            self._upsert()(table)
            .values(key=key, hits=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "hits": case((expired, amount), else_=table.c.hits + amount),
                    "expires_at": case((expired, now + expiry), else_=table.c.expires_at),
                },
            )
            .returning(table.c.hits)
        )
        with self.engine.begin() as conn:
            hits = int(conn.execute(statement).scalar_one())
            if random.random() < _PRUNE_CHANCE:
                conn.execute(delete(table).where(table.c.expires_at < now))
        return hits

    def get(self, key: str) -> int:
        table = schema.rate_limits
        with self.engine.connect() as conn:
            hits = conn.execute(
                select(table.c.hits).where(table.c.key == key, table.c.expires_at > time.time())
            ).scalar()
        return int(hits or 0)

    def get_expiry(self, key: str) -> float:
        table = schema.rate_limits
        with self.engine.connect() as conn:
            expires = conn.execute(select(table.c.expires_at).where(table.c.key == key)).scalar()
        return float(expires) if expires is not None else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(delete(schema.rate_limits)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(schema.rate_limits).where(schema.rate_limits.c.key == key))


def limits_engine(store_engine: Engine) -> Engine:
    """Where the counters live: the database itself (PostgreSQL), or for SQLite a file beside
    it (its own write lock), with the table made on first use."""
    url = make_url(str(store_engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return store_engine
    database = str(url.database)
    stem = database[: -len(".db")] if database.endswith(".db") else database
    engine = make_engine(str(url.set(database=f"{stem}.limits.db")))
    try:
        schema.rate_limits.create(engine, checkfirst=True)
    except SQLAlchemyError:  # another worker made it in between
        if not engine.dialect.has_table(engine.connect(), "rate_limits"):
            raise
    return engine
