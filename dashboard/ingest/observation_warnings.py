"""Warnings on a quarterly observations upload: values that may be right but look wrong.

Errors say a row cannot be read; these say a readable row is suspicious next to the values in
force: a future period, a 50 % jump, a falling year-to-date series, a value three times off
its neighbours, a target achieved in one step. They judge whole rows against today's date,
the catalogue and the values in force, not a cell alone, so they run once the rows are read
and live apart from the rules that read them; staff confirm them with a tick and
``dashboard import --strict`` refuses them.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..core.changes import status_changes
from ..core.periods import PeriodError, current_quarter, parse_period, quarter_label
from ..core.plausibility import implausible_values
from .cell_values import written_number
from .problem_collector import ProblemCollector
from .problems import WARNING

__all__ = ["JUMP_WARNING", "warn_future_jump_falling_ytd", "warn_implausible"]

JUMP_WARNING = 0.5


def warn_implausible(
    found: ProblemCollector,
    rows: pd.DataFrame,
    checkable: np.ndarray,
    indicators: pd.DataFrame,
    current: pd.DataFrame,
) -> None:
    """Plausibility (DOMAIN.md): a value beyond 3x or 1/3 of the nearest comparable value in
    force, or one that makes a target achieved in one step: "check the unit". Warnings, so
    staff confirm them with a tick and ``dashboard import --strict`` refuses them."""
    candidates = rows[checkable]
    if candidates.empty:
        return
    columns = ["indicator_id", "period", "basis", "value"]
    positions = np.flatnonzero(checkable)
    far = np.zeros(len(rows), dtype=bool)
    compared = np.full(len(rows), "", dtype=object)
    compared_period = np.full(len(rows), "", dtype=object)
    for found_row in implausible_values(indicators, current[columns], candidates[columns]):
        position = positions[found_row.position]
        far[position] = True
        compared[position] = written_number(found_row.compared_value)
        compared_period[position] = found_row.compared_period
    found.flag(
        far,
        "value_implausible",
        "value",
        WARNING,
        compared=compared,
        compared_period=compared_period,
    )
    try:
        moved = status_changes(indicators, current, candidates)
    except (KeyError, ValueError):  # a catalogue without targets: nothing to judge
        return
    jumped = moved[(moved["new_status"] == "achieved") & (moved["old_status"] != "achieved")]
    achieved = np.zeros(len(rows), dtype=bool)
    if not jumped.empty:
        # The uploaded row that dates each new latest value, else the indicator's last row.
        own = pd.DataFrame(
            {
                "indicator_id": rows["indicator_id"].to_numpy()[checkable],
                "quarter": _quarter_labels_of(rows["period"][checkable]),
                "position": np.flatnonzero(checkable),
            }
        )
        own = own[own["indicator_id"].isin(jumped["indicator_id"])]
        dating = own.merge(
            jumped[["indicator_id", "new_period"]],
            left_on=["indicator_id", "quarter"],
            right_on=["indicator_id", "new_period"],
        )
        last = own.groupby("indicator_id")["position"].max()
        chosen = last.copy()
        chosen.update(dating.groupby("indicator_id")["position"].max())
        achieved[chosen.to_numpy(dtype="int64")] = True
    found.flag(achieved & ~far, "value_makes_achieved", "value", WARNING)


def _quarter_labels_of(periods: pd.Series) -> np.ndarray:
    """Each period as the quarter it ends in (a year is its Q4); distinct periods parsed once."""
    labels: dict[str, str] = {}
    for period in pd.unique(periods.astype(str)):
        try:
            labels[period] = quarter_label(parse_period(period).end_index)
        except PeriodError:
            labels[period] = ""
    return periods.astype(str).map(labels).to_numpy(dtype=object)


def warn_future_jump_falling_ytd(
    found: ProblemCollector,
    rows: pd.DataFrame,
    quarters: np.ndarray,
    current: pd.DataFrame | None,
    today: date | None,
) -> None:
    """Warnings: a future period, a 50 % jump from the value in force, a falling YTD series."""
    found.flag(quarters > current_quarter(today), "period_future", "period", WARNING)

    if current is not None and not current.empty:
        old = (
            rows[["indicator_id", "period"]]
            .merge(
                current[["indicator_id", "period", "value"]],
                how="left",
                on=["indicator_id", "period"],
            )["value"]
            .to_numpy(dtype="float64")
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            jump = np.abs(rows["value"].to_numpy() - old) / np.abs(old) > JUMP_WARNING
        found.flag(jump & (old != 0), "value_jump", "value", WARNING, old=old)

    ytd = (rows["basis"] == "ytd").to_numpy() & (quarters >= 0)
    if ytd.any():
        frame = pd.DataFrame(
            {
                "id": rows["indicator_id"].to_numpy()[ytd],
                "year": quarters[ytd] // 4,
                "q": quarters[ytd],
                "value": rows["value"].to_numpy()[ytd],
                "pos": np.flatnonzero(ytd),
            }
        ).sort_values(["id", "year", "q"])
        previous = frame.groupby(["id", "year"])["value"].shift(1)
        previous_q = frame.groupby(["id", "year"])["q"].shift(1)
        falling = (frame["value"] < previous).to_numpy()
        mask = np.zeros(len(rows), dtype=bool)
        mask[frame["pos"].to_numpy()[falling]] = True
        prev_full = np.full(len(rows), np.nan)
        prev_full[frame["pos"].to_numpy()] = previous.to_numpy()
        prevq_full = np.full(len(rows), -1)
        prevq_full[frame["pos"].to_numpy()] = previous_q.fillna(-1).to_numpy(dtype="int64")
        found.flag(
            mask,
            "ytd_decreasing",
            "value",
            WARNING,
            previous=prev_full,
            previous_period=lambda pos: quarter_label(int(prevq_full[pos])),
        )
