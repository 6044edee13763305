"""Revisions at the level of one connection: the records a revision writes, what it wrote, and
who rolled it back. :class:`~dashboard.store.repository.Store` runs these inside its
transactions; nothing here opens one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Boolean, Integer, Table, func, insert, select
from sqlalchemy.engine import Connection

from ..core.changes import OBSERVATIONS, RecordKind
from ..core.corridors import DESTINATION, REACH
from . import schema

__all__ = [
    "DATASETS",
    "CommitResult",
    "Dataset",
    "RevisionMeta",
    "RollbackConflict",
    "dataset_of",
    "insert_records",
    "insert_revision",
    "key_history",
    "read_frame",
    "rolled_back_by",
]


@dataclass(frozen=True)
class Dataset:
    """A kind of record (core) and the append-only table that keeps it."""

    kind: RecordKind
    table: Table
    row_id: str

    @property
    def name(self) -> str:
        return self.kind.name


#: Every kind of record a revision can write, by name (the revision's ``dataset`` column).
DATASETS: dict[str, Dataset] = {
    OBSERVATIONS.name: Dataset(OBSERVATIONS, schema.observations, "observation_id"),
    REACH.name: Dataset(REACH, schema.reach_snapshots, "row_id"),
    DESTINATION.name: Dataset(DESTINATION, schema.destinations, "row_id"),
}


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
    dataset: str = OBSERVATIONS.name


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


def read_frame(conn: Connection, statement) -> pd.DataFrame:
    result = conn.execute(statement)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


class RollbackConflict(RuntimeError):
    """A rollback that cannot be done as asked; nothing was written.

    ``code`` says why (``no_revision``, ``no_values``, ``later_changes``,
    ``already_rolled_back``) and ``params`` name the revisions; :meth:`message` says it in
    either language (``str()`` is the English).
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        from ..i18n import t

        return t(f"rollback.{self.code}", lang, **self.params)


def rolled_back_by(conn: Connection, revision_id: int) -> int | None:
    """The rollback of ``revision_id`` in force (itself not rolled back), if there is one.

    A rollback records the revision it undoes (``rolls_back``); a rollback that was rolled back
    in turn put the revision's values back, so it no longer counts.
    """
    rev = schema.revisions
    found = conn.execute(
        select(func.max(rev.c.revision_id))
        .where(rev.c.rolls_back == revision_id)
        .where(rev.c.action == "rollback")
        .where(rev.c.status == "committed")
    ).scalar()
    return None if found is None else int(found)


def insert_revision(
    conn: Connection, plan: CommitResult, meta: RevisionMeta, withdrawn: int = 0
) -> int:
    return conn.execute(
        insert(schema.revisions)
        .values(
            created_at=datetime.now(UTC),
            user_name=meta.user_name,
            action=meta.action,
            dataset=meta.dataset,
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


def key_history(
    conn: Connection,
    spec: Dataset,
    revision_id: int,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Every row ever written for the keys that ``revision_id`` wrote, oldest first.

    With ``limit`` (and ``offset``), only for one page of those keys, in the order the
    revision wrote them (a revision writes each key once).
    """
    table = spec.table
    key = [table.c[k] for k in spec.kind.key]
    if limit is None and not offset:
        keys = select(*key).where(table.c.revision_id == revision_id).distinct().subquery()
    else:
        keys = (
            select(*key)
            .where(table.c.revision_id == revision_id)
            .order_by(table.c[spec.row_id])
            .limit(limit)
            .offset(offset)
            .subquery()
        )
    joined = keys.c[key[0].name] == key[0]
    for column in key[1:]:
        joined &= keys.c[column.name] == column
    statement = select(table).join(keys, joined).order_by(table.c[spec.row_id])
    frame = read_frame(conn, statement)
    return frame.rename(columns={spec.row_id: "row_id"})


def dataset_of(conn: Connection, revision_id: int) -> Dataset | None:
    rev = schema.revisions
    name = conn.execute(
        select(rev.c.dataset).where(rev.c.revision_id == revision_id)
    ).scalar_one_or_none()
    return DATASETS[name] if name else None


def _python_values(series: pd.Series, column_type) -> list:
    """A column as plain Python values for the driver, None for every missing cell."""
    if isinstance(column_type, Boolean):
        return series.fillna(False).astype(bool).tolist()
    values = series.astype(object).where(series.notna(), None).tolist()
    if isinstance(column_type, Integer):  # small corridor tables only: counts arrive as floats
        return [None if v is None else int(v) for v in values]
    return values


def insert_records(conn: Connection, spec: Dataset, frame: pd.DataFrame, revision_id: int):
    """One bulk insert through the driver's ``executemany`` (no per-row ORM work).

    Rows become plain tuples of Python values, with None for every missing cell.
    """
    if frame.empty:
        return
    names = [*spec.kind.columns, "withdrawn", "revision_id"]
    columns = [_python_values(frame[name], spec.table.c[name].type) for name in spec.kind.columns]
    withdrawn = frame["withdrawn"].tolist() if "withdrawn" in frame else [False] * len(frame)
    columns.append([bool(w) for w in withdrawn])
    columns.append([revision_id] * len(frame))
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {spec.table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    conn.exec_driver_sql(statement, list(zip(*columns, strict=True)))
