"""The only place that reads and writes the database. Everything above it sees DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from threading import Lock

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.engine import Connection

from ..core import changes
from ..core.catalogue import CATALOGUE_COLUMNS
from ..core.periods import parse_period, quarter_label
from ..core.progress import compute_progress, value_series
from . import schema
from .engine import default_database_url, make_engine, write_transaction

__all__ = ["CommitResult", "RevisionMeta", "RollbackConflict", "Store", "OBSERVATION_COLUMNS"]

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
]


@dataclass(frozen=True)
class RevisionMeta:
    """Who and what a revision records."""

    user_name: str
    action: str = "import"
    file_name: str | None = None
    sha256: str | None = None
    raw_file: bytes | None = None
    comment: str | None = None
    rolls_back: int | None = None


@dataclass
class CommitResult:
    """The outcome of applying rows: counts, and the revision written (None if nothing was)."""

    revision_id: int | None
    added: int
    replaced: int
    unchanged: int
    rows_total: int
    diff: pd.DataFrame = field(repr=False)
    same_file_revision: int | None = None

    @property
    def changed(self) -> bool:
        return self.added + self.replaced > 0

    @property
    def counts(self) -> dict[str, int]:
        """added, replaced, unchanged: the figures every message about a result shows."""
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged}


def _fingerprint(frame: pd.DataFrame) -> int:
    """A cheap content hash of a small frame (the catalogue's 15 rows), for cache keys.

    Missing values become None first: ``hash(float("nan"))`` depends on the object's identity,
    so the same catalogue would hash differently on every read.
    """
    plain = frame.astype(object).where(frame.notna(), None)
    return hash(tuple(plain.itertuples(index=False, name=None)))


def _frame(conn: Connection, statement) -> pd.DataFrame:
    result = conn.execute(statement)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


class Store:
    """Repository over one engine. Cheap to build; create it after a worker forks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: dict[tuple, object] = {}
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
        schema.metadata.create_all(self.engine)

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
        return len(records)

    def indicators(self) -> pd.DataFrame:
        """The catalogue, in catalogue order."""
        table = schema.indicators
        with self.engine.connect() as conn:
            frame = _frame(conn, select(table).order_by(table.c.position))
        return frame.drop(columns=["position"])

    # ----- reading observations -------------------------------------------------------------

    def _current_statement(self):
        obs = schema.observations
        newest = (
            select(func.max(obs.c.observation_id).label("observation_id"))
            .group_by(obs.c.indicator_id, obs.c.period)
            .subquery()
        )
        return (
            select(
                obs.c.indicator_id,
                obs.c.period,
                obs.c.basis,
                obs.c.value,
                obs.c.source,
                obs.c.note,
                obs.c.confidence,
                obs.c.illustrative,
                obs.c.revision_id,
            )
            .join(newest, newest.c.observation_id == obs.c.observation_id)
            .where(obs.c.withdrawn.is_(False))
            .order_by(obs.c.indicator_id, obs.c.period)
        )

    def current_observations(self, conn: Connection | None = None) -> pd.DataFrame:
        """The value in force for every (indicator, period), with the revision that wrote it."""
        if conn is not None:
            return self._typed(_frame(conn, self._current_statement()))
        with self.engine.connect() as own:
            return self._typed(_frame(own, self._current_statement()))

    @staticmethod
    def _typed(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return pd.DataFrame(
                {
                    "indicator_id": pd.Series(dtype=object),
                    "period": pd.Series(dtype=object),
                    "basis": pd.Series(dtype=object),
                    "value": pd.Series(dtype="float64"),
                    "source": pd.Series(dtype=object),
                    "note": pd.Series(dtype=object),
                    "confidence": pd.Series(dtype=object),
                    "illustrative": pd.Series(dtype=bool),
                    "revision_id": pd.Series(dtype="int64"),
                }
            )
        frame["value"] = frame["value"].astype("float64")
        frame["illustrative"] = frame["illustrative"].astype(bool)
        return frame

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
            return _frame(conn, statement)

    def revisions(self) -> pd.DataFrame:
        """Every revision, newest first, without the raw file bytes."""
        rev = schema.revisions
        columns = [c for c in rev.c if c.name != "raw_file"]
        with self.engine.connect() as conn:
            return _frame(conn, select(*columns).order_by(rev.c.revision_id.desc()))

    def raw_file(self, revision_id: int) -> bytes | None:
        rev = schema.revisions
        with self.engine.connect() as conn:
            return conn.execute(
                select(rev.c.raw_file).where(rev.c.revision_id == revision_id)
            ).scalar_one_or_none()

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

    def cache_token(self) -> tuple[int, int]:
        """What every derived value depends on: the data version and the catalogue's content."""
        return self.data_version(), _fingerprint(self.indicators())

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
        catalogue = self.indicators()
        key = ("progress", self.data_version(), _fingerprint(catalogue), as_of)
        cached = self._cached(key, lambda: self._compute_progress(catalogue, as_of))
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
        key = ("series", self.data_version(), indicator_id)

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
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[key] = value
        return value

    # ----- writing --------------------------------------------------------------------------

    def apply(
        self, rows: pd.DataFrame, meta: RevisionMeta, *, dry_run: bool = False
    ) -> CommitResult:
        """Compare ``rows`` with the values in force and write the changes as one revision.

        The comparison happens inside the write transaction, so two uploads at once are applied
        one after the other, each against the other's result. Nothing is written when nothing
        changes (an identical file, or a re-imported export).
        """
        rows = rows[OBSERVATION_COLUMNS].reset_index(drop=True)
        if dry_run:
            with self.engine.connect() as conn:
                return self._plan(conn, rows, meta)
        with write_transaction(self.engine) as conn:
            plan = self._plan(conn, rows, meta)
            if not plan.changed:
                return plan
            plan.revision_id = self._write(conn, plan, meta)
        self._cache.clear()
        return plan

    def _plan(self, conn: Connection, rows: pd.DataFrame, meta: RevisionMeta) -> CommitResult:
        diff = changes.diff_observations(rows, self.current_observations(conn))
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
        revision_id = self._insert_revision(conn, plan, meta)
        written = plan.diff[plan.diff["change"] != changes.UNCHANGED]
        _insert_observations(conn, written[OBSERVATION_COLUMNS], revision_id)
        return int(revision_id)

    def _insert_revision(
        self, conn: Connection, plan: CommitResult, meta: RevisionMeta, withdrawn: int = 0
    ) -> int:
        return conn.execute(
            insert(schema.revisions)
            .values(
                created_at=datetime.now(UTC),
                user_name=meta.user_name,
                action=meta.action,
                file_name=meta.file_name,
                sha256=meta.sha256,
                rows_total=plan.rows_total,
                added=plan.added,
                replaced=plan.replaced,
                unchanged=plan.unchanged,
                withdrawn=withdrawn,
                status="committed",
                rolls_back=meta.rolls_back,
                raw_file=meta.raw_file,
                comment=meta.comment,
            )
            .returning(schema.revisions.c.revision_id)
        ).scalar_one()

    # ----- revisions: what each changed, and rolling one back -------------------------------

    def _key_history(self, conn: Connection, revision_id: int) -> pd.DataFrame:
        """Every row ever written for the keys that ``revision_id`` wrote, oldest first."""
        obs = schema.observations
        keys = (
            select(obs.c.indicator_id, obs.c.period)
            .where(obs.c.revision_id == revision_id)
            .distinct()
            .subquery()
        )
        statement = (
            select(obs)
            .join(
                keys, (keys.c.indicator_id == obs.c.indicator_id) & (keys.c.period == obs.c.period)
            )
            .order_by(obs.c.observation_id)
        )
        return _frame(conn, statement)

    def revision(self, revision_id: int) -> dict | None:
        rev = schema.revisions
        columns = [c for c in rev.c if c.name != "raw_file"]
        with self.engine.connect() as conn:
            row = conn.execute(select(*columns).where(rev.c.revision_id == revision_id)).mappings()
            found = row.first()
        return dict(found) if found else None

    def revision_changes(self, revision_id: int) -> pd.DataFrame:
        """Each row a revision wrote beside the value in force just before it (the diff).

        Columns: indicator_id, period, change (added | replaced | withdrawn), new_* and old_*
        for value, basis, source and note.
        """
        with self.engine.connect() as conn:
            history = self._key_history(conn, revision_id)
        return _changes_of(history, revision_id)

    def rollback(self, revision_id: int, user_name: str) -> CommitResult:
        """Undo one revision by writing a new one; nothing is deleted.

        Each value the revision wrote goes back to the value in force before it, or is
        withdrawn if there was none. If a later revision changed one of those values, nothing
        is written and :class:`RollbackConflict` names the later revisions to undo first.
        """
        with write_transaction(self.engine) as conn:
            target = conn.execute(
                select(schema.revisions.c.revision_id).where(
                    schema.revisions.c.revision_id == revision_id
                )
            ).first()
            if target is None:
                raise RollbackConflict(f"there is no revision {revision_id}")
            history = self._key_history(conn, revision_id)
            if history.empty:
                raise RollbackConflict(f"revision {revision_id} wrote no values")
            later = _later_changes(history, revision_id)
            if later:
                raise RollbackConflict(
                    f"revision {revision_id} cannot be undone alone: revision(s) "
                    f"{', '.join(map(str, later))} changed the same values later; undo them first"
                )
            restored = _restoring_rows(history, revision_id)
            meta = RevisionMeta(
                user_name=user_name, action="rollback", rolls_back=revision_id,
                comment=f"rollback of revision {revision_id}",
            )  # fmt: skip
            withdrawn = int(restored["withdrawn"].sum())
            plan = CommitResult(
                revision_id=None, added=0, replaced=len(restored) - withdrawn, unchanged=0,
                rows_total=len(restored), diff=restored,
            )  # fmt: skip
            new_id = self._insert_revision(conn, plan, meta, withdrawn=withdrawn)
            _insert_observations(conn, restored[[*OBSERVATION_COLUMNS, "withdrawn"]], new_id)
            conn.execute(
                update(schema.revisions)
                .where(schema.revisions.c.revision_id == revision_id)
                .values(status="rolled_back")
            )
            plan.revision_id = new_id
        self._cache.clear()
        return plan


_INSERTED = [*OBSERVATION_COLUMNS, "withdrawn", "revision_id"]
KEY_COLUMNS = ["indicator_id", "period"]
_SHOWN = ["value", "basis", "source", "note"]


class RollbackConflict(RuntimeError):
    """A rollback that cannot be done as asked; nothing was written."""


def _changes_of(history: pd.DataFrame, revision_id: int) -> pd.DataFrame:
    """The rows of ``revision_id`` with the values in force before it (pure, for tests too)."""
    columns = ["indicator_id", "period", "change"] + [
        f"{w}_{c}" for w in ("new", "old") for c in _SHOWN
    ]
    if history.empty:
        return pd.DataFrame(columns=columns)
    new = history[history["revision_id"] == revision_id]
    before = history[history["revision_id"] < revision_id].groupby(KEY_COLUMNS).tail(1)
    before = before[~before["withdrawn"].astype(bool)]
    merged = new.merge(before[[*KEY_COLUMNS, *_SHOWN]], on=KEY_COLUMNS, how="left",
                       suffixes=("", "_old"))  # fmt: skip
    merged["change"] = np.where(
        merged["withdrawn"].astype(bool),
        "withdrawn",
        np.where(merged["value_old"].isna(), "added", "replaced"),
    )
    renamed = merged.rename(columns={c: f"new_{c}" for c in _SHOWN}).rename(
        columns={f"{c}_old": f"old_{c}" for c in _SHOWN}
    )
    return renamed[columns].reset_index(drop=True)


def _later_changes(history: pd.DataFrame, revision_id: int) -> list[int]:
    """Revisions after ``revision_id`` whose values are now in force instead of its own.

    A later revision that wrote the same value back (the rollback of a later upload, say)
    is no conflict: what is in force is what ``revision_id`` wrote.
    """
    own = history[history["revision_id"] == revision_id].set_index(KEY_COLUMNS)
    newest = history.groupby(KEY_COLUMNS).tail(1).set_index(KEY_COLUMNS).loc[own.index]
    compared = ["withdrawn", *_SHOWN]
    same = pd.Series(True, index=own.index)
    for column in compared:
        a, b = own[column].astype(object), newest[column].astype(object)
        same &= (a == b) | (a.isna() & b.isna())
    return sorted(set(newest.loc[~same, "revision_id"]))


def _restoring_rows(history: pd.DataFrame, revision_id: int) -> pd.DataFrame:
    """Rows that put back what was in force before ``revision_id`` (or withdraw the key)."""
    touched = history[history["revision_id"] == revision_id][KEY_COLUMNS]
    before = history[history["revision_id"] < revision_id].groupby(KEY_COLUMNS).tail(1)
    rows = touched.merge(before, on=KEY_COLUMNS, how="left")
    gone = rows["observation_id"].isna() | rows["withdrawn"].fillna(True).astype(bool)
    rows["withdrawn"] = gone.to_numpy()
    for column in ("basis", "value", "source", "note", "confidence"):
        rows[column] = rows[column].astype(object).where(~gone, None)
    rows["illustrative"] = rows["illustrative"].fillna(False).astype(bool)
    return rows[[*OBSERVATION_COLUMNS, "withdrawn"]].reset_index(drop=True)


def _insert_observations(conn: Connection, frame: pd.DataFrame, revision_id: int) -> None:
    """One bulk insert through the driver's ``executemany`` (no per-row ORM work).

    Rows become plain tuples of Python values, with None for every missing cell.
    """
    if frame.empty:
        return
    columns = []
    for name in OBSERVATION_COLUMNS:
        series = frame[name]
        if name == "illustrative":
            columns.append(series.fillna(False).astype(bool).tolist())
        else:
            columns.append(series.astype(object).where(series.notna(), None).tolist())
    withdrawn = frame["withdrawn"].tolist() if "withdrawn" in frame else [False] * len(frame)
    columns.append(withdrawn)
    columns.append([revision_id] * len(frame))
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {schema.observations.name} ({', '.join(_INSERTED)}) "
        f"VALUES ({', '.join([mark] * len(_INSERTED))})"
    )
    conn.exec_driver_sql(statement, list(zip(*columns, strict=True)))
