"""Reading the records in force and the revision table: what every view is built from."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Boolean, Engine, func, select
from sqlalchemy.engine import Connection

from ..core.changes import OBSERVATIONS
from ..core.corridors import DESTINATION, REACH
from . import schema
from .revisions import DATASETS, read_frame


class RecordReadsMixin:
    """The reads of :class:`~dashboard.store.repository.Store` (one query each, no cache)."""

    engine: Engine

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
