"""Observations turned into one value per indicator and quarter, the input of the method.

Figures arrive as quarter amounts, year-to-date sums, full years or end-of-quarter levels;
the method compares like with like, so flows become trailing twelve months and year-to-date
figures become quarters here, once, on an (indicator x quarter) grid of floats that
:func:`~dashboard.core.progress.compute_progress` and the charts both read.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .method import FLOW_KINDS
from .periods import parse_period, quarter_label

__all__ = [
    "Grid",
    "default_as_of",
    "observation_positions",
    "period_table",
    "quarter_labels",
    "shift",
    "value_grid",
    "value_series",
]


def quarter_labels(quarters: np.ndarray) -> np.ndarray:
    """Vectorised :func:`quarter_label`."""
    quarters = np.asarray(quarters, dtype="int64")
    years = (quarters // 4).astype(str)
    return np.char.add(np.char.add(years, "Q"), (quarters % 4 + 1).astype(str))


def period_table(labels: Iterable[str]) -> pd.DataFrame:
    """Parse each distinct period label once: (end quarter index, is a full year)."""
    rows = {}
    for label in pd.unique(pd.Series(list(labels), dtype=object)):
        period = parse_period(label)
        rows[label] = (period.end_index, period.is_year)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["q", "is_year"])


def observation_positions(observations: pd.DataFrame) -> pd.DataFrame:
    """Observation rows with their quarter index (``q``) and whether they are full-year."""
    if observations.empty:
        return observations.assign(q=pd.Series(dtype="int64"), is_year=pd.Series(dtype=bool))
    table = period_table(observations["period"].astype(str))
    labels = observations["period"].astype(str)
    return observations.assign(
        q=labels.map(table["q"]).astype("int64").to_numpy(),
        is_year=labels.map(table["is_year"]).astype(bool).to_numpy(),
    )


def default_as_of(observations: pd.DataFrame) -> str | None:
    """The newest quarter with any observation (a full year counts at its Q4)."""
    if observations.empty:
        return None
    return quarter_label(int(observation_positions(observations)["q"].max()))


class Grid:
    """Values on an (indicator x quarter) grid; column ``j`` is quarter ``q0 + j``."""

    def __init__(self, n_indicators: int, q0: int, q1: int) -> None:
        self.q0 = q0
        self.width = q1 - q0 + 1
        self.shape = (n_indicators, self.width)

    def empty(self) -> np.ndarray:
        return np.full(self.shape, np.nan)

    def place(self, rows: np.ndarray, q: np.ndarray, values: np.ndarray) -> np.ndarray:
        grid = self.empty()
        grid[rows, q - self.q0] = values
        return grid

    def column(self, q: np.ndarray) -> np.ndarray:
        return np.asarray(q, dtype="int64") - self.q0

    def quarters(self) -> np.ndarray:
        return np.arange(self.q0, self.q0 + self.width)


def shift(matrix: np.ndarray, by: int) -> np.ndarray:
    """Move columns right by ``by`` (value at j comes from j - by), NaN-filling the start."""
    out = np.full_like(matrix, np.nan)
    if by < matrix.shape[1]:
        out[:, by:] = matrix[:, : matrix.shape[1] - by]
    return out


def value_grid(
    indicators: pd.DataFrame, positioned: pd.DataFrame, grid: Grid, row_of: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """The indicator's value at every quarter, and the observation row that dates it.

    Stocks and shares: the end-of-quarter level. Flows and growth series: the trailing twelve
    months, from quarter amounts or year-to-date figures; a full-year figure (``annual``, or a
    year-to-date figure at Q4) is the value at that Q4 and wins over a derived sum.
    """
    obs = positioned[positioned["indicator_id"].isin(row_of.index)]
    rows = obs["indicator_id"].map(row_of).to_numpy(dtype="int64")
    q = obs["q"].to_numpy(dtype="int64")
    values = obs["value"].to_numpy(dtype="float64")
    basis = obs["basis"].astype(str).to_numpy()
    position = np.arange(len(obs))

    def on_grid(mask: np.ndarray, what: np.ndarray) -> np.ndarray:
        return grid.place(rows[mask], q[mask], what[mask])

    quarter_vals = on_grid(basis == "quarter", values)
    ytd_vals = on_grid(basis == "ytd", values)
    annual_vals = on_grid(basis == "annual", values)

    is_q1 = (grid.quarters() % 4 == 0)[np.newaxis, :]
    is_q4 = (grid.quarters() % 4 == 3)[np.newaxis, :]
    own_from_ytd = np.where(is_q1, ytd_vals, ytd_vals - shift(ytd_vals, 1))
    own = np.where(np.isnan(quarter_vals), own_from_ytd, quarter_vals)
    ttm = own + shift(own, 1) + shift(own, 2) + shift(own, 3)
    flow_value = np.where(is_q4 & ~np.isnan(ytd_vals), ytd_vals, ttm)

    is_flow = indicators["kind"].isin(FLOW_KINDS).to_numpy()[:, np.newaxis]
    value = np.where(is_flow, flow_value, quarter_vals)
    value = np.where(np.isnan(annual_vals), value, annual_vals)

    # Which observation dates each cell: the annual row if any, else the row at that quarter.
    dating = grid.place(rows, q, position.astype("float64"))
    annual_pos = on_grid(basis == "annual", position.astype("float64"))
    dating = np.where(np.isnan(annual_pos), dating, annual_pos)
    return value, dating


def value_series(indicators: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Every quarter at which an indicator has a value (flows as trailing twelve months).

    Long format: indicator_id, quarter (index), period (label), value. For charts.
    """
    indicators = indicators.reset_index(drop=True)
    positioned = observation_positions(observations.reset_index(drop=True))
    columns = ["indicator_id", "quarter", "period", "value"]
    if positioned.empty:
        return pd.DataFrame(columns=columns)
    row_of = pd.Series(np.arange(len(indicators)), index=indicators["indicator_id"].astype(str))
    grid = Grid(len(indicators), int(positioned["q"].min()) - 4, int(positioned["q"].max()))
    value, _ = value_grid(indicators, positioned, grid, row_of)
    rows, cols = np.nonzero(~np.isnan(value))
    quarters = cols + grid.q0
    return pd.DataFrame(
        {
            "indicator_id": indicators["indicator_id"].astype(str).to_numpy()[rows],
            "quarter": quarters,
            "period": quarter_labels(quarters),
            "value": value[rows, cols],
        },
        columns=columns,
    )
