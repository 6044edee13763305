"""The only place that reads and writes the database. Everything above it sees DataFrames."""

from __future__ import annotations

from pathlib import Path
from threading import Lock

import numpy as np
import pandas as pd
from cachetools import LRUCache
from sqlalchemy import Boolean, Engine, func, insert, inspect, select, update
from sqlalchemy.engine import Connection, make_url

from ..core import changes
from ..core.catalogue import CATALOGUE_COLUMNS
from ..core.changes import OBSERVATIONS
from ..core.corridors import DESTINATION, REACH
from ..core.periods import parse_period, quarter_label
from ..core.progress import compute_progress, value_series
from ..core.rollback import changes_of, later_changes, restoring_rows
from . import schema
from .engine import default_database_url, make_engine, write_transaction
from .revisions import (
    DATASETS,
    CommitResult,
    Dataset,
    RevisionMeta,
    RollbackConflict,
    dataset_of,
    insert_records,
    insert_revision,
    key_history,
    read_frame,
    rolled_back_by,
)
from .version import data_token, forget_token

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

#: Catalogue columns that :meth:`Store.progress` adds to each row for display.
PROGRESS_WORDING = ["name_en", "name_zh", "target_qualifier", "target_text", "target_source"]

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


class Store:
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

    # ----- reading records ------------------------------------------------------------------

    def current_records(self, dataset: str, conn: Connection | None = None) -> pd.DataFrame:
        """The record in force for every key of ``dataset``, with the revision that wrote it.

        Typed alike whether or not there is any: numbers as float64, flags as bool, the
        revision as int64, the rest as text (``object``).
        """
        spec = DATASETS[dataset]
        table = spec.table
        row_id = table.c[spec.row_id]
        key = [table.c[k] for k in spec.kind.key]
        newest = select(func.max(row_id).label("row_id")).group_by(*key).subquery()
        statement = (
            select(*[table.c[c] for c in spec.kind.columns], table.c.revision_id)
            .join(newest, newest.c.row_id == row_id)
            .where(table.c.withdrawn.is_(False))
            .order_by(*key)
        )
        if conn is not None:
            frame = read_frame(conn, statement)
        else:
            with self.engine.connect() as own:
                frame = read_frame(own, statement)
        flags = [c for c in spec.kind.columns if isinstance(table.c[c].type, Boolean)]
        if frame.empty:
            dtypes = {
                c: "float64" if c in spec.kind.numeric else bool if c in flags else object
                for c in spec.kind.columns
            }
            dtypes["revision_id"] = "int64"
            return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})
        for column in spec.kind.numeric:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        for column in flags:
            frame[column] = frame[column].astype(bool)
        return frame

    def reach_snapshots(self) -> pd.DataFrame:
        """Corridor reach snapshots in force, oldest first (counts as floats, NaN if unknown)."""
        key = ("records", self.data_version(), REACH.name)
        frame = self._cached(key, lambda: self.current_records(REACH.name))
        return frame.sort_values(["as_of", "corridor"]).reset_index(drop=True)

    def destinations(self) -> pd.DataFrame:
        """Destinations in force, by id."""
        key = ("records", self.data_version(), DESTINATION.name)
        return self._cached(key, lambda: self.current_records(DESTINATION.name)).copy()

    # ----- reading observations -------------------------------------------------------------

    def current_observations(self, conn: Connection | None = None) -> pd.DataFrame:
        """The value in force for every (indicator, period), with the revision that wrote it."""
        return self.current_records(OBSERVATIONS.name, conn)

    def observation_history(self, indicator_id: str | None = None) -> pd.DataFrame:
        """Every row ever written (oldest first), withdrawn ones included."""
        obs, rev = schema.observations, schema.revisions
        statement = (
            select(obs, rev.c.created_at, rev.c.user_name, rev.c.file_name, rev.c.action)
            .join(rev, rev.c.revision_id == obs.c.revision_id)
            .order_by(obs.c.observation_id)
        )
        if indicator_id is not None:
            statement = statement.where(obs.c.indicator_id == indicator_id)
        with self.engine.connect() as conn:
            return read_frame(conn, statement)

    def revisions(self) -> pd.DataFrame:
        """Every revision, newest first, without the raw file bytes."""
        rev = schema.revisions
        columns = [c for c in rev.c if c.name != "raw_file"]
        with self.engine.connect() as conn:
            return read_frame(conn, select(*columns).order_by(rev.c.revision_id.desc()))

    def raw_file(self, revision_id: int) -> bytes | None:
        rev = schema.revisions
        with self.engine.connect() as conn:
            return conn.execute(
                select(rev.c.raw_file).where(rev.c.revision_id == revision_id)
            ).scalar_one_or_none()

    def has_revisions(self, dataset: str) -> bool:
        """Whether any revision (rolled back or not) ever wrote ``dataset``."""
        rev = schema.revisions
        with self.engine.connect() as conn:
            found = conn.execute(
                select(rev.c.revision_id).where(rev.c.dataset == dataset).limit(1)
            ).first()
        return found is not None

    def data_version(self) -> int:
        """The newest revision id: any write changes it, so it keys every cache."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(schema.revisions.c.revision_id))).scalar() or 0)

    def revision_with_sha(self, sha256: str, conn: Connection | None = None) -> int | None:
        rev = schema.revisions
        statement = (
            select(func.max(rev.c.revision_id))
            .where(rev.c.sha256 == sha256)
            .where(rev.c.status == "committed")
        )
        if conn is not None:
            return conn.execute(statement).scalar()
        with self.engine.connect() as own:
            return own.execute(statement).scalar()

    # ----- progress (cached per data version) ----------------------------------------------

    def cache_token(self) -> str:
        """What every derived value depends on: the data version and the catalogue's content
        (one cheap read, :func:`.version.data_token`)."""
        return data_token(self.engine)

    def memoize(self, key: tuple, compute):
        """Compute a value derived from the data once per process, until the data changes.

        For views (a page's component tree for one set of parameters): any revision or a
        changed catalogue gives a new token, so nothing stale is ever served. The value must
        be treated as read-only by its users.
        """
        return self._cached(("memo", self.cache_token(), *key), compute)

    def progress(self, as_of: str | None = None, pillar: str | None = None) -> pd.DataFrame:
        """The progress table for a quarter; recomputed only when data or catalogue change.

        The cache is per process and keyed by the newest revision id and the catalogue's
        content, so each gunicorn worker sees another worker's upload (or an ``init-db`` that
        changed a target) on its next request. The returned frame is a copy.
        """
        key = ("progress", self.cache_token(), as_of)
        cached = self._cached(key, lambda: self._compute_progress(self.indicators(), as_of))
        result = cached if pillar is None else cached[cached["pillar"] == pillar]
        out = result.copy()
        out.attrs = dict(cached.attrs)
        return out

    def _compute_progress(self, catalogue: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
        """Progress plus the catalogue's wording (names, qualifier), so pages need no join."""
        observations = self.current_observations()
        result = compute_progress(catalogue, observations, as_of)
        wording = catalogue[["indicator_id", *PROGRESS_WORDING]]
        merged = result.merge(wording, on="indicator_id", how="left", validate="one_to_one")
        merged.attrs = dict(result.attrs)
        merged.attrs["illustrative"] = bool(observations["illustrative"].any())
        return merged

    def quarters_with_data(self) -> list[str]:
        """Every quarter at which some observation is dated, newest first (years at Q4)."""
        key = ("quarters", self.data_version())

        def compute() -> list[str]:
            periods = self.current_observations()["period"].unique()
            quarters = {parse_period(p).end_index for p in periods}
            return [quarter_label(q) for q in sorted(quarters, reverse=True)]

        return list(self._cached(key, compute))

    def series(self, indicator_id: str) -> pd.DataFrame:
        """One indicator's value at every quarter it has one (flows as trailing twelve months)."""
        key = ("series", self.cache_token(), indicator_id)

        def compute() -> pd.DataFrame:
            catalogue = self.indicators()
            catalogue = catalogue[catalogue["indicator_id"] == indicator_id]
            observations = self.current_observations()
            observations = observations[observations["indicator_id"] == indicator_id]
            return value_series(catalogue, observations)

        return self._cached(key, compute).copy()

    def _cached(self, key: tuple, compute):
        with self._cache_lock:
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._cache_lock:
            self._cache[key] = value
        return value

    # ----- writing --------------------------------------------------------------------------

    def apply(
        self, rows: pd.DataFrame, meta: RevisionMeta, *, dry_run: bool = False
    ) -> CommitResult:
        """Compare ``rows`` with the records in force and write the changes as one revision.

        ``meta.dataset`` says which kind of record the rows are. The comparison happens inside
        the write transaction, so two uploads at once are applied one after the other, each
        against the other's result. Nothing is written when nothing changes (an identical
        file, or a re-imported export).
        """
        rows = rows[list(DATASETS[meta.dataset].kind.columns)].reset_index(drop=True)
        if dry_run:
            with self.engine.connect() as conn:
                return self._plan(conn, rows, meta)
        with write_transaction(self.engine) as conn:
            plan = self._plan(conn, rows, meta)
            if not plan.changed:
                return plan
            plan.revision_id = self._write(conn, plan, meta)
        self._cache.clear()
        forget_token(self.engine)
        return plan

    def _plan(self, conn: Connection, rows: pd.DataFrame, meta: RevisionMeta) -> CommitResult:
        kind = DATASETS[meta.dataset].kind
        diff = changes.diff_rows(rows, self.current_records(meta.dataset, conn), kind)
        counts = diff["change"].value_counts()
        return CommitResult(
            revision_id=None,
            added=int(counts.get(changes.ADDED, 0)),
            replaced=int(counts.get(changes.REPLACED, 0)),
            unchanged=int(counts.get(changes.UNCHANGED, 0)),
            rows_total=len(rows),
            diff=diff,
            same_file_revision=self.revision_with_sha(meta.sha256, conn) if meta.sha256 else None,
        )

    def _write(self, conn: Connection, plan: CommitResult, meta: RevisionMeta) -> int:
        revision_id = insert_revision(conn, plan, meta)
        written = plan.diff[plan.diff["change"] != changes.UNCHANGED]
        insert_records(conn, DATASETS[meta.dataset], written, revision_id)
        return int(revision_id)

    # ----- revisions: what each changed, and rolling one back -------------------------------

    def revision(self, revision_id: int) -> dict | None:
        rev = schema.revisions
        columns = [c for c in rev.c if c.name != "raw_file"]
        with self.engine.connect() as conn:
            row = conn.execute(select(*columns).where(rev.c.revision_id == revision_id)).mappings()
            found = row.first()
        return dict(found) if found else None

    def revision_changes(
        self, revision_id: int, *, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        """Each row a revision wrote beside the value in force just before it (the diff).

        Columns: the record's key (indicator_id and period for observations), change
        (added | replaced | withdrawn), new_* and old_* for each compared column (value, basis,
        source and note for observations). In the order the revision wrote them; ``limit`` and
        ``offset`` read one page of them (the database reads only that page's records).
        """
        with self.engine.connect() as conn:
            spec = dataset_of(conn, revision_id) or DATASETS[OBSERVATIONS.name]
            history = key_history(conn, spec, revision_id, limit=limit, offset=offset)
        return changes_of(history, revision_id, spec.kind)

    def revision_change_count(self, revision_id: int) -> int:
        """How many records a revision wrote (the rows of :meth:`revision_changes`)."""
        with self.engine.connect() as conn:
            spec = dataset_of(conn, revision_id) or DATASETS[OBSERVATIONS.name]
            table = spec.table
            statement = (
                select(func.count()).select_from(table).where(table.c.revision_id == revision_id)
            )
            return int(conn.execute(statement).scalar_one())

    def rollback(self, revision_id: int, user_name: str) -> CommitResult:
        """Undo one revision by writing a new one; nothing is deleted.

        Each value the revision wrote goes back to the value in force before it, or is
        withdrawn if there was none. If a later revision changed one of those values, nothing
        is written and :class:`RollbackConflict` names the later revisions to undo first; if a
        rollback of this revision is in force already (two administrators pressed the button
        at once, say), it names that rollback.
        """
        with write_transaction(self.engine) as conn:
            spec = dataset_of(conn, revision_id)
            if spec is None:
                raise RollbackConflict("no_revision", revision=revision_id)
            undone_by = rolled_back_by(conn, revision_id)
            if undone_by is not None:
                raise RollbackConflict("already_rolled_back", revision=revision_id, by=undone_by)
            history = key_history(conn, spec, revision_id)
            if history.empty:
                raise RollbackConflict("no_values", revision=revision_id)
            later = later_changes(history, revision_id, spec.kind)
            if later:
                raise RollbackConflict(
                    "later_changes", revision=revision_id, later=", ".join(map(str, later))
                )
            restored = restoring_rows(history, revision_id, spec.kind)
            meta = RevisionMeta(
                user_name=user_name, action="rollback", rolls_back=revision_id,
                comment=f"rollback of revision {revision_id}", dataset=spec.name,
            )  # fmt: skip
            withdrawn = int(restored["withdrawn"].sum())
            plan = CommitResult(
                revision_id=None, added=0, replaced=len(restored) - withdrawn, unchanged=0,
                rows_total=len(restored), diff=restored,
            )  # fmt: skip
            new_id = insert_revision(conn, plan, meta, withdrawn=withdrawn)
            insert_records(conn, spec, restored, new_id)
            conn.execute(
                update(schema.revisions)
                .where(schema.revisions.c.revision_id == revision_id)
                .values(status="rolled_back")
            )
            plan.revision_id = new_id
        self._cache.clear()
        forget_token(self.engine)
        return plan


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
