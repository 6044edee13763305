"""The latest observation's own columns (source, basis, revision, ...) on its progress row.

The method needs only the latest value; pages and exports also say where it came from. Kept
apart from the arithmetic, which never reads these columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["latest_observation_columns"]


def latest_observation_columns(positioned: pd.DataFrame, latest_pos: np.ndarray) -> dict:
    """``source`` plus ``latest_<column>`` for each extra column of the dating observation."""
    found = ~np.isnan(latest_pos)
    take = np.where(found, latest_pos, 0).astype("int64")
    extras = [c for c in positioned.columns if c not in ("indicator_id", "period", "value", "q")]
    out: dict[str, list] = {}
    for column in extras:
        if positioned.empty:
            values = [None] * len(latest_pos)
        else:
            picked = positioned[column].to_numpy(dtype=object)[take]
            values = [v if ok else None for v, ok in zip(picked, found, strict=True)]
        out["source" if column == "source" else f"latest_{column}"] = values
    out.setdefault("source", [None] * len(latest_pos))
    return out
