"""What each revision changed, and undoing one by writing another (nothing is deleted)."""

from __future__ import annotations

import pandas as pd
from cachetools import LRUCache
from sqlalchemy import Engine, func, select, update

from ..core.changes import OBSERVATIONS
from ..core.rollback import changes_of, later_changes, restoring_rows
from . import schema
from .engine import write_transaction
from .revisions import (
    DATASETS,
    CommitResult,
    RevisionMeta,
    RollbackConflict,
    dataset_of,
    insert_records,
    insert_revision,
    key_history,
    rolled_back_by,
)
from .version import forget_token


class RevisionLogMixin:
    """The audit trail of :class:`~dashboard.store.repository.Store`: diffs and rollbacks."""

    engine: Engine
    _cache: LRUCache

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
