"""What an upload would change: each incoming row is added, replaces a value, or is unchanged.

The same rules serve every kind of uploaded record (quarterly observations, corridor reach
snapshots, destinations): a :class:`RecordKind` names the columns that identify a record and
those whose change makes a new version.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ADDED",
    "REPLACED",
    "UNCHANGED",
    "KEY",
    "COMPARED",
    "OBSERVATIONS",
    "RecordKind",
    "diff_rows",
]

ADDED = "added"
REPLACED = "replaced"
UNCHANGED = "unchanged"
KEY = ["indicator_id", "period"]
#: The columns whose change makes a new value; confidence and the illustrative flag are
#: metadata of the file, not of the figure, so a re-export without them changes nothing.
COMPARED = ["value", "basis", "source", "note"]


@dataclass(frozen=True)
class RecordKind:
    """One kind of uploaded record: its columns, which of them identify a record, and which
    of them make a new version when they change (the rest is metadata of the file)."""

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    compared: tuple[str, ...]
    numeric: tuple[str, ...] = ()


OBSERVATIONS = RecordKind(
    name="observations",
    key=tuple(KEY),
    # ``as_written``: the value and unit as the file wrote them ("3,935 亿元"), when it said one.
    columns=(*KEY, "basis", "value", "source", "note", "confidence", "illustrative", "as_written"),
    compared=tuple(COMPARED),
    numeric=("value",),
)


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def diff_rows(incoming: pd.DataFrame, current: pd.DataFrame, kind: RecordKind) -> pd.DataFrame:
    """``incoming`` with a ``change`` column and the current row's values as ``old_*``.

    Rows are compared on ``kind``'s compared columns: numbers exactly (exports write the
    shortest round-tripping repr; two missing numbers are equal), text with empty and
    missing alike."""
    key, compared = list(kind.key), list(kind.compared)
    old = current[[*key, *compared, "revision_id"]].rename(
        columns={c: f"old_{c}" for c in [*compared, "revision_id"]}
    )
    merged = incoming.merge(old, on=key, how="left", validate="one_to_one")
    exists = merged["old_revision_id"].notna()
    same = np.ones(len(merged), dtype=bool)
    for column in compared:
        if column in kind.numeric:
            new = merged[column].to_numpy(dtype="float64")
            was = merged[f"old_{column}"].to_numpy(dtype="float64")
            same &= (new == was) | (np.isnan(new) & np.isnan(was))
        else:
            same &= (_text(merged[column]) == _text(merged[f"old_{column}"])).to_numpy()
    merged["change"] = np.select([~exists, same], [ADDED, UNCHANGED], default=REPLACED)
    return merged


def apply_rows(current: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """The observations that would be in force after ``incoming`` replaced its keys."""
    kept = current.merge(incoming[KEY], on=KEY, how="left", indicator=True)
    kept = current[(kept["_merge"] == "left_only").to_numpy()]
    return pd.concat([kept, incoming], ignore_index=True)


def status_changes(
    indicators: pd.DataFrame, current: pd.DataFrame, incoming: pd.DataFrame
) -> pd.DataFrame:
    """Indicators whose status on the overview's default view would change with ``incoming``.

    Each side is judged "as of" its own newest quarter, as the overview shows it.
    Columns: indicator_id, old_status, new_status, old_value, new_value, old_period,
    new_period.
    """
    from .progress import compute_progress  # local: progress imports nothing from here

    columns = ["indicator_id", "value", "period", "basis", "source"]
    before = compute_progress(indicators, current[columns])
    after = compute_progress(indicators, apply_rows(current[columns], incoming[columns]))
    both = before[["indicator_id", "status", "latest_value", "latest_period"]].merge(
        after[["indicator_id", "status", "latest_value", "latest_period"]],
        on="indicator_id",
        suffixes=("_old", "_new"),
    )
    moved = both[both["status_old"] != both["status_new"]]
    return moved.rename(
        columns={
            "status_old": "old_status",
            "status_new": "new_status",
            "latest_value_old": "old_value",
            "latest_value_new": "new_value",
            "latest_period_old": "old_period",
            "latest_period_new": "new_period",
        }
    ).reset_index(drop=True)
