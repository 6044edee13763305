"""Validation of a corridor reach snapshot file: the counts each corridor reached, by month.

One row per (month, corridor) with the counts as published. Reach seldom shrinks, so besides
the errors that make a row unreadable, a count below the corridor's latest earlier snapshot in
force is a warning (a typo is likelier than a corridor losing ports).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..core.corridors import CORRIDORS, COUNT_COLUMNS, REACH
from .cell_values import fold_width_and_trim, none_where_empty
from .corridor_cells import (
    CORRIDOR_ALIASES,
    checked_confidence,
    checked_texts,
    months_of,
    numbers_of,
)
from .corridor_file_specs import REACH_FILE
from .file_checks import (
    cells_and_collector,
    finish_validation,
    flag_duplicates,
    header_failure,
    over_the_limit,
)
from .problem_collector import ProblemCollector, Validation
from .problems import WARNING
from .reader import RawTable

__all__ = ["validate_reach"]


def validate_reach(
    raw: RawTable, current: pd.DataFrame | None = None, *, today: date | None = None
) -> Validation:
    """A reach snapshot file: one row per (month, corridor) with the counts as published.

    Errors: a month that is not one, an unknown corridor, a count that is not a whole number
    of zero or more, a row with no count, no source, the same month and corridor twice.
    Warnings: a month in the future; a count lower than the corridor's latest earlier snapshot
    (reach seldom shrinks: a typo is likelier). A file that would bring the snapshots in force
    (``current``) over :data:`MAX_REACH_SNAPSHOTS` is refused as a whole, with that alone.
    """
    failed = header_failure(raw)
    if failed:
        return failed
    cells, found = cells_and_collector(raw, REACH.columns)

    month_text = fold_width_and_trim(cells["as_of"])
    months = months_of(month_text)
    empty_month = (month_text == "").to_numpy()
    found.flag(empty_month, "as_of_empty", "as_of")
    found.flag(~empty_month & (months == ""), "as_of_invalid", "as_of")
    this_month = (today or date.today()).strftime("%Y-%m")
    found.flag((months != "") & (months > this_month), "as_of_future", "as_of", WARNING)

    corridor_text = fold_width_and_trim(cells["corridor"]).str.lower()
    corridors = corridor_text.map(CORRIDOR_ALIASES).to_numpy(dtype=object)
    unknown = pd.isna(corridors)
    found.flag(unknown, "corridor_unknown", "corridor", allowed=", ".join(CORRIDORS))

    counts = {}
    any_count = np.zeros(len(cells), dtype=bool)
    for column in COUNT_COLUMNS:
        values, not_number = numbers_of(cells[column])
        whole = np.isnan(values) | ((values >= 0) & (values == np.floor(values)))
        found.flag(not_number | ~whole, "count_invalid", column)
        counts[column] = np.where(not_number | ~whole, np.nan, values)
        any_count |= ~np.isnan(values)
    found.flag(~any_count, "counts_empty", "ports")

    texts = checked_texts(found, cells, ("source", "note"))
    found.flag((texts["source"] == "").to_numpy(), "source_empty", "source")
    confidence = checked_confidence(found, cells)

    keys = pd.DataFrame({"as_of": months, "corridor": corridors})
    usable = (months != "") & ~unknown
    current_keys = (
        zip(current["as_of"], current["corridor"], strict=True) if current is not None else ()
    )
    over = over_the_limit(
        zip(months[usable], corridors[usable], strict=True), current_keys, REACH_FILE
    )
    if over:
        return over
    flag_duplicates(found, raw, keys, usable, "as_of")

    rows = pd.DataFrame(
        {
            "as_of": months,
            "corridor": np.where(unknown, "", corridors).astype(object),
            **counts,
            "source": none_where_empty(texts["source"]),
            "confidence": none_where_empty(confidence),
            "note": none_where_empty(texts["note"]),
        }
    )
    if current is not None and not current.empty:
        _warn_shrinking(found, rows, current)
    return finish_validation(found, raw, rows)


def _warn_shrinking(found: ProblemCollector, rows: pd.DataFrame, current: pd.DataFrame) -> None:
    """Warn where a count is below the same corridor's latest earlier snapshot in force."""
    earlier = current.sort_values("as_of")
    for column in COUNT_COLUMNS:
        previous = np.full(len(rows), np.nan)
        previous_month = np.empty(len(rows), dtype=object)
        for position, row in enumerate(rows.itertuples(index=False)):
            same = earlier[
                (earlier["corridor"] == row.corridor)
                & (earlier["as_of"] < row.as_of)
                & earlier[column].notna()
            ]
            if not same.empty:
                previous[position] = same[column].iloc[-1]
                previous_month[position] = same["as_of"].iloc[-1]
        lower = rows[column].to_numpy(dtype="float64") < previous
        found.flag(
            lower,
            "count_decreased",
            column,
            WARNING,
            previous=lambda pos, counts=previous: int(counts[pos]),
            previous_as_of=previous_month,
        )
