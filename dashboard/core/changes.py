"""What an upload would change: each incoming row is added, replaces a value, or is unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["ADDED", "REPLACED", "UNCHANGED", "KEY", "COMPARED", "diff_observations"]

ADDED = "added"
REPLACED = "replaced"
UNCHANGED = "unchanged"
KEY = ["indicator_id", "period"]
#: The columns whose change makes a new value; confidence and the illustrative flag are
#: metadata of the file, not of the figure, so a re-export without them changes nothing.
COMPARED = ["value", "basis", "source", "note"]


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def diff_observations(incoming: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """``incoming`` with a ``change`` column and the current row's values as ``old_*``.

    Rows are compared on value (exactly: exports write the shortest round-tripping repr),
    basis, source and note, with empty and missing text treated alike.
    """
    old = current[[*KEY, *COMPARED, "revision_id"]].rename(
        columns={c: f"old_{c}" for c in [*COMPARED, "revision_id"]}
    )
    merged = incoming.merge(old, on=KEY, how="left", validate="one_to_one")
    exists = merged["old_revision_id"].notna()
    same = merged["value"].to_numpy(dtype="float64") == merged["old_value"].to_numpy(
        dtype="float64"
    )
    for column in ("basis", "source", "note"):
        same &= (_text(merged[column]) == _text(merged[f"old_{column}"])).to_numpy()
    merged["change"] = np.select([~exists, same], [ADDED, UNCHANGED], default=REPLACED)
    return merged
