"""The whole-file steps the validators take: before, around and after the rows.

Every upload is checked alike as a file: a missing column stops validation at the header, and
the outcome sorts every problem by row (quarterly figures, reach and destinations files). The
two corridor files also share the rest: a file that would bring the records in force over the
spec's limit is refused as a whole, with that alone, and a key given twice points at its first
row. Kept once here so the files answer alike.
"""

from __future__ import annotations

import pandas as pd

from .file_spec import FileSpec
from .problem_collector import ProblemCollector, Validation
from .problems import ERROR, WARNING, Problem
from .reader import RawTable

__all__ = ["finish_validation", "flag_duplicates", "header_failure", "over_the_limit"]


def finish_validation(found: ProblemCollector, raw: RawTable, rows: pd.DataFrame) -> Validation:
    """The outcome: problems in row order, and the rows only if there is no error at all."""
    ordered = [p for _, p in sorted(found.found, key=lambda item: item[0])]
    errors = raw.problems + [p for p in ordered if p.severity == ERROR]
    error_count = found.counts[ERROR] + len(raw.problems)
    return Validation(
        rows=rows if error_count == 0 else rows.iloc[0:0],
        errors=errors,
        warnings=[p for p in ordered if p.severity == WARNING],
        error_count=error_count,
        warning_count=found.counts[WARNING],
    )


def over_the_limit(new_keys, current_keys, spec: FileSpec) -> Validation | None:
    """One file-level problem if the records in force would number more than the spec's limit."""
    count = len(set(current_keys) | set(new_keys))
    if count <= spec.max_rows:
        return None
    problem = Problem(
        "records_in_force_too_many",
        params={"count": count, "limit": spec.max_rows, "dataset": spec.name},
    )
    return Validation(rows=pd.DataFrame(), errors=[problem], error_count=1)


def header_failure(raw: RawTable) -> Validation | None:
    """The header's problems alone if a required column is missing: no row can be read."""
    if any(p.code == "column_missing" for p in raw.problems):
        return Validation(
            rows=pd.DataFrame(), errors=list(raw.problems), error_count=len(raw.problems)
        )
    return None


def flag_duplicates(
    found: ProblemCollector, raw: RawTable, keys: pd.DataFrame, usable, column: str
) -> None:
    """Flag each usable row whose key an earlier row has, naming that first row."""
    duplicated = keys.duplicated(keep="first").to_numpy() & usable
    if duplicated.any():
        first_row = (
            pd.Series(raw.row_numbers)
            .groupby([keys[c] for c in keys.columns])
            .transform("first")
            .to_numpy()
        )
        found.flag(duplicated, "record_duplicate", column, first_row=first_row)


def cells_and_collector(raw: RawTable, columns) -> tuple[pd.DataFrame, ProblemCollector]:
    """The file's cells with every one of ``columns`` (a missing optional one empty), and the
    collector that gathers the problems found in them."""
    cells = raw.frame.copy()
    for column in columns:
        if column not in cells:
            cells[column] = ""
    return cells, ProblemCollector(raw.row_numbers, cells)
