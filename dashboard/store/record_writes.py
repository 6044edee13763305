"""Writing uploaded rows as one revision: compare with the records in force, store the changes."""

from __future__ import annotations

import pandas as pd
from cachetools import LRUCache
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from ..core import changes
from .engine import write_transaction
from .revisions import DATASETS, CommitResult, RevisionMeta, insert_records, insert_revision
from .version import forget_token


class RecordWritesMixin:
    """The uploads of :class:`~dashboard.store.repository.Store` (one write transaction each)."""

    engine: Engine
    _cache: LRUCache

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
