"""The only place that reads and writes the database. Everything above it sees DataFrames."""

from __future__ import annotations

from pathlib import Path
from threading import Lock

import numpy as np
import pandas as pd
from cachetools import LRUCache
from sqlalchemy import Engine, func, insert, inspect, select, update
from sqlalchemy.engine import make_url

from ..core.catalogue import CATALOGUE_COLUMNS
from . import schema
from .derived_cache import DerivedCacheMixin
from .engine import default_database_url, make_engine, write_transaction
from .record_reads import RecordReadsMixin
from .record_writes import RecordWritesMixin
from .revision_log import RevisionLogMixin
from .revisions import (
    DATASETS,
    CommitResult,
    Dataset,
    RevisionMeta,
    RollbackConflict,
    read_frame,
)
from .version import forget_token

__all__ = [
    "CommitResult",
    "DATASETS",
    "Dataset",
    "RevisionMeta",
    "RollbackConflict",
    "Store",
    "OBSERVATION_COLUMNS",
    "is_initialised",
]

#: The columns of an incoming observation row (the ingest layer's output).
OBSERVATION_COLUMNS = [
    "indicator_id",
    "period",
    "basis",
    "value",
    "source",
    "note",
    "confidence",
    "illustrative",
    "as_written",
]


#: Views, progress tables and series kept per worker.
CACHED_VALUES = 512


# Reads, derived values, uploads and the revision log are mixins, one module each.
class Store(RecordReadsMixin, DerivedCacheMixin, RecordWritesMixin, RevisionLogMixin):
    """Repository over one engine. Cheap to build; create it after a worker forks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Least recently used views and tables go first (entries of older data versions
        # are never asked for again and age out).
        self._cache: LRUCache = LRUCache(maxsize=CACHED_VALUES)
        self._cache_lock = Lock()

    @property
    def accounts(self):
        from .accounts import Accounts

        return Accounts(self.engine)

    @classmethod
    def from_url(cls, url: str | None = None) -> Store:
        return cls(make_engine(url or default_database_url()))

    # ----- schema and catalogue -------------------------------------------------------------

    def create_schema(self) -> None:
        """Bring the schema to the newest revision by its migrations (:mod:`.migrate`): an empty
        database gets every table, an older one the tables and columns added since; one made
        before migrations is recognised and stamped first. No row is deleted or rewritten."""
        from . import migrate  # Alembic is loaded by the commands that migrate, not by workers

        migrate.upgrade(self.engine)

    def upsert_catalogue(self, catalogue: pd.DataFrame) -> int:
        """Insert or update every indicator (the catalogue file is the source of truth)."""
        records = []
        for position, row in enumerate(catalogue[CATALOGUE_COLUMNS].to_dict("records")):
            clean = {
                k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in row.items()
            }
            clean["target_qualifier"] = clean.get("target_qualifier") or ""
            records.append({**clean, "position": position})
        with write_transaction(self.engine) as conn:
            existing = set(conn.execute(select(schema.indicators.c.indicator_id)).scalars())
            for record in records:
                if record["indicator_id"] in existing:
                    conn.execute(
                        update(schema.indicators)
                        .where(schema.indicators.c.indicator_id == record["indicator_id"])
                        .values(**record)
                    )
                else:
                    conn.execute(insert(schema.indicators).values(**record))
        self._cache.clear()
        forget_token(self.engine)
        return len(records)

    def indicators(self) -> pd.DataFrame:
        """The catalogue, in catalogue order."""
        table = schema.indicators
        with self.engine.connect() as conn:
            frame = read_frame(conn, select(table).order_by(table.c.position))
        return frame.drop(columns=["position"])


def is_initialised(url: str) -> bool:
    """Whether ``dashboard init-db`` made the database at ``url``: every table, the columns
    added since (``revisions.dataset``, ``observations.as_written``) and the catalogue.
    Creates nothing: a SQLite file that does not exist is not opened (it would be created)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.is_file() or path.stat().st_size == 0:
            return False
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            tables = set(found.get_table_names())
            if not set(schema.metadata.tables) <= tables:
                return False
            if "dataset" not in {c["name"] for c in found.get_columns("revisions")}:
                return False
            if "as_written" not in {c["name"] for c in found.get_columns("observations")}:
                return False
            return bool(conn.execute(select(func.count()).select_from(schema.indicators)).scalar())
    finally:
        engine.dispose()
