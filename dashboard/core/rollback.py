"""Undoing a revision, worked out on its keys' history (pandas only, no database).

The store reads the history of every key a revision touched (each version, oldest first, with
the revision that wrote it and whether it withdrew the key) and asks these functions what the
revision changed, whether a later revision has changed it since, and which rows put back what
was in force before it; it then writes those rows as a new revision. Nothing is deleted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .changes import OBSERVATIONS, RecordKind

__all__ = ["changes_of", "later_changes", "restoring_rows"]


def changes_of(
    history: pd.DataFrame, revision_id: int, kind: RecordKind = OBSERVATIONS
) -> pd.DataFrame:
    """The rows of ``revision_id`` with the values in force before it."""
    key, shown = list(kind.key), list(kind.compared)
    columns = [*key, "change"] + [f"{w}_{c}" for w in ("new", "old") for c in shown]
    if history.empty:
        return pd.DataFrame(columns=columns)
    new = history[history["revision_id"] == revision_id]
    before = history[history["revision_id"] < revision_id].groupby(key).tail(1)
    before = before[~before["withdrawn"].astype(bool)]
    merged = new.merge(
        before[[*key, *shown]].assign(_existed=True), on=key, how="left", suffixes=("", "_old")
    )
    existed = merged["_existed"].eq(True).to_numpy()
    merged["change"] = np.where(
        merged["withdrawn"].astype(bool), "withdrawn", np.where(existed, "replaced", "added")
    )
    renamed = merged.rename(columns={c: f"new_{c}" for c in shown}).rename(
        columns={f"{c}_old": f"old_{c}" for c in shown}
    )
    return renamed[columns].reset_index(drop=True)


def later_changes(
    history: pd.DataFrame, revision_id: int, kind: RecordKind = OBSERVATIONS
) -> list[int]:
    """Revisions after ``revision_id`` whose values are now in force instead of its own.

    A later revision that wrote the same value back (the rollback of a later upload, say)
    is no conflict: what is in force is what ``revision_id`` wrote.
    """
    key = list(kind.key)
    own = history[history["revision_id"] == revision_id].set_index(key)
    newest = history.groupby(key).tail(1).set_index(key).loc[own.index]
    same = pd.Series(True, index=own.index)
    for column in ["withdrawn", *kind.compared]:
        a, b = own[column].astype(object), newest[column].astype(object)
        same &= (a == b) | (a.isna() & b.isna())
    return sorted(set(newest.loc[~same, "revision_id"]))


def restoring_rows(
    history: pd.DataFrame, revision_id: int, kind: RecordKind = OBSERVATIONS
) -> pd.DataFrame:
    """Rows that put back what was in force before ``revision_id`` (or withdraw the key)."""
    key = list(kind.key)
    touched = history[history["revision_id"] == revision_id][key]
    before = history[history["revision_id"] < revision_id].groupby(key).tail(1)
    rows = touched.merge(before, on=key, how="left")
    gone = rows["row_id"].isna() | rows["withdrawn"].fillna(True).astype(bool)
    rows["withdrawn"] = gone.to_numpy()
    for column in kind.columns:
        if column in key or column == "illustrative":
            continue
        rows[column] = rows[column].astype(object).where(~gone, None)
    if "illustrative" in rows:
        rows["illustrative"] = rows["illustrative"].fillna(False).astype(bool)
    return rows[[*kind.columns, "withdrawn"]].reset_index(drop=True)
