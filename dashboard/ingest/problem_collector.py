"""Where a validator's problems gather, and the outcome it hands back.

Every upload (the quarterly figures, reach snapshots, destinations) is checked whole: each rule
is a vectorised test over a column that may fail on thousands of rows at once. The collector
turns such a mask into problems at their spreadsheet rows, counting all of them but keeping
only :data:`MAX_PROBLEMS` for display, so one rule broken on a million rows cannot exhaust
memory or the page; all validators share it so they report and cap problems alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .problems import ERROR, WARNING, Problem

__all__ = ["MAX_PROBLEMS", "ProblemCollector", "Validation"]

#: Problems kept for display; the count of all problems is kept too.
MAX_PROBLEMS = 5000


@dataclass
class Validation:
    """The outcome: clean rows (if no errors) plus every error and warning found."""

    rows: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class ProblemCollector:
    """The problems flagged so far, with the rows they concern and a count per severity."""

    def __init__(self, row_numbers: np.ndarray, cells: pd.DataFrame) -> None:
        self.row_numbers = row_numbers
        self.cells = cells
        self.found: list[tuple[int, Problem]] = []
        self.counts = {ERROR: 0, WARNING: 0}

    def flag(self, mask, code: str, column: str, severity: str = ERROR, **params_of) -> None:
        """Record ``code`` for every row where ``mask`` holds; ``params_of`` are arrays/values."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        self.counts[severity] += len(positions)
        room = MAX_PROBLEMS - len(self.found)
        shown = self.cells[column] if column in self.cells else None
        for pos in positions[: max(room, 0)]:
            params = {k: _param_at(v, pos) for k, v in params_of.items()}
            params = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in params.items()}
            value = "" if shown is None else str(shown.iloc[pos])
            problem = Problem(code, int(self.row_numbers[pos]), column, value, severity, params)
            self.found.append((int(self.row_numbers[pos]), problem))


def _param_at(value, pos: int):
    """A problem's parameter for one row: arrays are indexed, callables called (lazily)."""
    if callable(value):
        return value(pos)
    if isinstance(value, (np.ndarray, pd.Series, list)):
        return value[pos]
    return value
