"""Which quarter stands in as an indicator's baseline when the planned one has no value.

A baseline figure is often published a quarter late or early; the method (DOMAIN.md) then takes
the nearest value within :data:`~.method.BASELINE_WINDOW` quarters, and every formula uses
that period. Kept apart so the rule of the look-up reads on its own.
"""

from __future__ import annotations

import numpy as np

from .method import BASELINE_WINDOW
from .series import Grid

__all__ = ["baseline_quarters"]


def baseline_quarters(
    value: np.ndarray, grid: Grid, planned_q: np.ndarray, as_of_q: int
) -> np.ndarray:
    """Per indicator, the quarter of its baseline (-1 where none is near enough).

    The planned ``b`` if it has a value; else the nearest quarter with a value within
    :data:`BASELINE_WINDOW` quarters of it, the earlier of two equally near; only quarters up
    to "as of" count.
    """
    rows = np.arange(value.shape[0])
    chosen = np.full(value.shape[0], -1, dtype="int64")
    offsets = [0]
    for distance in range(1, BASELINE_WINDOW + 1):
        offsets += [-distance, distance]  # earlier first: it wins a tie
    for offset in offsets:
        q = planned_q + offset
        column = grid.column(q)
        inside = (column >= 0) & (column < grid.width) & (q <= as_of_q)
        found = np.zeros(value.shape[0], dtype=bool)
        found[inside] = ~np.isnan(value[rows[inside], column[inside]])
        take = found & (chosen < 0)
        chosen[take] = q[take]
    return chosen
