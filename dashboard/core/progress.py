"""The progress method of DOMAIN.md, vectorised over all indicators at once.

Observations are laid out on an (indicator x quarter) grid of floats; every step of the method
(year-to-date differencing, trailing twelve months, baseline and latest look-up, rates, status)
is then a whole-array numpy operation. There is no Python loop per observation or per indicator,
so 1,000 indicators x 40 quarters cost about what 15 do.

The method, in short (see DOMAIN.md and the Methodology page):
    a = (xt / x0) ** (4 / n) - 1          observed CAGR
    r = (x* / x0) ** (4 / N) - 1          required CAGR (level target), or g* (growth target)
    R = a / r                             thresholds 0.95 / 0.60 / 0
with a straight-line fallback R = p / (n / N) for a level target when x0 <= 0 or xt <= 0.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .periods import current_quarter, parse_period, parse_quarter, quarter_label

__all__ = [
    "ON_TRACK",
    "PUBLIC_COLUMNS",
    "NEEDS_ACCELERATION",
    "THRESHOLD_ON_TRACK",
    "THRESHOLD_ACCELERATE",
    "STATUSES",
    "RULES",
    "compute_progress",
    "default_as_of",
    "value_series",
]

ACHIEVED = "achieved"
INSUFFICIENT = "insufficient_data"
ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
LIMITED = "limited_progress"
REGRESSING = "regressing"
STATUSES = (ACHIEVED, INSUFFICIENT, ON_TRACK, NEEDS_ACCELERATION, LIMITED, REGRESSING)

THRESHOLD_ON_TRACK = 0.95
THRESHOLD_ACCELERATE = 0.60
#: Comparisons allow this much float error, so that an exact hit (100 -> 115 against 15 %)
#: is not turned into a miss by rounding (a = 0.1499999999999999).
TOLERANCE = 1e-9

#: Which rule of the method decided the status (shown on the indicator page).
RULES = {
    "achieved_level": "The latest value meets or passes the target.",
    "achieved_growth": "The target period is reached and the observed growth meets the target.",
    "no_baseline": "There is no value at the baseline period.",
    "no_latest": "There is no value up to the chosen quarter.",
    "short_history": "Less than four quarters (n < 4) separate baseline and latest value.",
    "growth_undefined": "Growth rates are undefined because a value is zero or negative.",
    "baseline_met_then_fell": "The baseline already met the target and the value fell below it.",
    "ratio": "The ratio R = a / r of observed to required growth.",
    "straight_line": "The straight-line ratio R = p / (n / N), as a value is zero or negative.",
    "ratio_undefined": "The required growth is zero, so the ratio is undefined.",
}

LEVEL_KINDS = ("flow", "stock", "share")
FLOW_KINDS = ("flow", "growth")

#: The columns every consumer may rely on (the JSON API publishes exactly these, in order);
#: the result has more (n, N, method, rule, latest_* details) for the pages.
PUBLIC_COLUMNS = [
    "indicator_id",
    "pillar",
    "kind",
    "unit",
    "status",
    "baseline_period",
    "baseline_value",
    "latest_period",
    "latest_value",
    "target_period",
    "target_value",
    "target_growth",
    "progress",
    "cagr_observed",
    "cagr_required",
    "ratio",
    "expected_value",
    "projected_value",
    "yoy_growth",
    "source",
    "latest_age_quarters",
    "stale",
    "target_share",
]

#: How far (in quarters, either side) a baseline may stand in for a missing value at ``b``.
BASELINE_WINDOW = 4
#: A latest value more than this many quarters before "as of" is stale.
STALE_AFTER_QUARTERS = 4


def quarter_labels(quarters: np.ndarray) -> np.ndarray:
    """Vectorised :func:`quarter_label`."""
    quarters = np.asarray(quarters, dtype="int64")
    years = (quarters // 4).astype(str)
    return np.char.add(np.char.add(years, "Q"), (quarters % 4 + 1).astype(str))


def _period_table(labels: Iterable[str]) -> pd.DataFrame:
    """Parse each distinct period label once: (end quarter index, is a full year)."""
    rows = {}
    for label in pd.unique(pd.Series(list(labels), dtype=object)):
        period = parse_period(label)
        rows[label] = (period.end_index, period.is_year)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["q", "is_year"])


def _observation_positions(observations: pd.DataFrame) -> pd.DataFrame:
    """Observation rows with their quarter index (``q``) and whether they are full-year."""
    if observations.empty:
        return observations.assign(q=pd.Series(dtype="int64"), is_year=pd.Series(dtype=bool))
    table = _period_table(observations["period"].astype(str))
    labels = observations["period"].astype(str)
    return observations.assign(
        q=labels.map(table["q"]).astype("int64").to_numpy(),
        is_year=labels.map(table["is_year"]).astype(bool).to_numpy(),
    )


def default_as_of(observations: pd.DataFrame) -> str | None:
    """The newest quarter with any observation (a full year counts at its Q4)."""
    if observations.empty:
        return None
    return quarter_label(int(_observation_positions(observations)["q"].max()))


def _resolve_as_of(as_of: str | int | None, positioned: pd.DataFrame) -> int:
    if as_of is None:
        if positioned.empty:
            return current_quarter()
        return int(positioned["q"].max())
    if isinstance(as_of, (int, np.integer)):
        return int(as_of)
    return parse_quarter(as_of)


class _Grid:
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


def _shift(matrix: np.ndarray, by: int) -> np.ndarray:
    """Move columns right by ``by`` (value at j comes from j - by), NaN-filling the start."""
    out = np.full_like(matrix, np.nan)
    if by < matrix.shape[1]:
        out[:, by:] = matrix[:, : matrix.shape[1] - by]
    return out


def _value_grid(
    indicators: pd.DataFrame, positioned: pd.DataFrame, grid: _Grid, row_of: pd.Series
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
    own_from_ytd = np.where(is_q1, ytd_vals, ytd_vals - _shift(ytd_vals, 1))
    own = np.where(np.isnan(quarter_vals), own_from_ytd, quarter_vals)
    ttm = own + _shift(own, 1) + _shift(own, 2) + _shift(own, 3)
    flow_value = np.where(is_q4 & ~np.isnan(ytd_vals), ytd_vals, ttm)

    is_flow = indicators["kind"].isin(FLOW_KINDS).to_numpy()[:, np.newaxis]
    value = np.where(is_flow, flow_value, quarter_vals)
    value = np.where(np.isnan(annual_vals), value, annual_vals)

    # Which observation dates each cell: the annual row if any, else the row at that quarter.
    dating = grid.place(rows, q, position.astype("float64"))
    annual_pos = on_grid(basis == "annual", position.astype("float64"))
    dating = np.where(np.isnan(annual_pos), dating, annual_pos)
    return value, dating


def compute_progress(
    indicators: pd.DataFrame,
    observations: pd.DataFrame,
    as_of: str | int | None = None,
) -> pd.DataFrame:
    """Status, rates, expected and projected values of every indicator "as of" a quarter.

    ``indicators``: indicator_id, kind, direction, target_value, target_growth, target_period,
    baseline_period (pillar, unit and other columns pass through). ``observations``:
    indicator_id, period (``2025Q3`` or ``2024``), basis, value, source (other columns such as
    revision_id, illustrative or confidence are reported for the latest observation as
    ``latest_<column>``). Returns one row per indicator in catalogue order; undefined numbers
    are NaN; ``result.attrs["as_of"]`` is the quarter used.
    """
    indicators = indicators.reset_index(drop=True)
    in_catalogue = observations["indicator_id"].isin(indicators["indicator_id"])
    positioned = _observation_positions(observations[in_catalogue].reset_index(drop=True))
    as_of_q = _resolve_as_of(as_of, positioned)

    k = len(indicators)
    row_of = pd.Series(np.arange(k), index=indicators["indicator_id"].astype(str))
    baseline_q = np.array([parse_quarter(p) for p in indicators["baseline_period"]], dtype="int64")
    target_q = np.array([parse_quarter(p) for p in indicators["target_period"]], dtype="int64")

    known = positioned["q"].to_numpy(dtype="int64")
    lows = [as_of_q, *baseline_q.tolist(), *([known.min()] if len(known) else [])]
    highs = [
        as_of_q,
        *(baseline_q + BASELINE_WINDOW).tolist(),
        *([known.max()] if len(known) else []),
    ]
    grid = _Grid(k, min(lows) - 4 - BASELINE_WINDOW, max(highs))

    value, dating = _value_grid(indicators, positioned, grid, row_of)
    all_rows = np.arange(k)

    # Latest: the last column up to "as of" with a value.
    upto = value[:, : grid.column(as_of_q) + 1]
    has_value = ~np.isnan(upto)
    has_latest = has_value.any(axis=1)
    t_col = np.where(has_latest, upto.shape[1] - 1 - np.argmax(has_value[:, ::-1], axis=1), 0)
    xt = np.where(has_latest, value[all_rows, t_col], np.nan)
    t_q = np.where(has_latest, t_col + grid.q0, -1)

    # Baseline: the value at b, else the nearest within four quarters (the earlier on a tie),
    # counting only values up to "as of"; b then becomes that period for every formula.
    planned_q = baseline_q
    baseline_q = _baseline_quarters(value, grid, planned_q, as_of_q)
    b_col = grid.column(np.where(baseline_q >= 0, baseline_q, planned_q))
    x0 = np.where(baseline_q >= 0, value[all_rows, b_col], np.nan)
    baseline_q = np.where(baseline_q >= 0, baseline_q, planned_q)

    ago_col = t_col - 4
    x_ago = np.where(has_latest & (ago_col >= 0), value[all_rows, np.maximum(ago_col, 0)], np.nan)

    n = np.where(has_latest, t_q - baseline_q, np.nan).astype("float64")
    big_n = (target_q - baseline_q).astype("float64")

    kind = indicators["kind"].astype(str).to_numpy()
    level = np.isin(kind, LEVEL_KINDS)
    sign = np.where(indicators["direction"].astype(str).to_numpy() == "lower", -1.0, 1.0)
    x_star = pd.to_numeric(indicators["target_value"], errors="coerce").to_numpy(dtype="float64")
    g_star = pd.to_numeric(indicators["target_growth"], errors="coerce").to_numpy(dtype="float64")

    has_x0 = ~np.isnan(x0)
    has_xt = ~np.isnan(xt)
    positive = (x0 > 0) & (xt > 0)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        a = np.where(positive & (n > 0), (xt / x0) ** (4.0 / n) - 1.0, np.nan)
        r_level = np.where(x0 > 0, (x_star / x0) ** (4.0 / big_n) - 1.0, np.nan)
        r = np.where(level, r_level, g_star)
        p = np.where(level & (x_star != x0), (xt - x0) / (x_star - x0), np.nan)
        straight = level & has_x0 & has_xt & ~positive
        ratio = np.where(straight, p / (n / big_n), a / r)
        ratio = np.where(np.isfinite(ratio), ratio, np.nan)

        expected = np.where(n >= 0, x0 * (1.0 + r) ** (n / 4.0), np.nan)
        expected_line = x0 + (x_star - x0) * n / big_n
        expected = np.where(level & (x0 <= 0) & (n >= 0), expected_line, expected)

        projected = xt * (1.0 + a) ** ((big_n - n) / 4.0)
        projected_line = xt + (xt - x0) * (big_n - n) / n
        projected = np.where(np.isnan(a) & straight & (n > 0), projected_line, projected)
        yoy = np.where(x_ago > 0, xt / x_ago - 1.0, np.nan)
        target_share = np.where(level & (x_star != 0), xt / x_star, np.nan)
    age = np.where(has_latest, as_of_q - t_q, -1)

    achieved_level = level & has_xt & (sign * (xt - x_star) >= -TOLERANCE * np.abs(x_star))
    achieved_growth = ~level & (t_q == target_q) & (sign * (a - g_star) >= -TOLERANCE)
    baseline_met = level & (sign * (x0 - x_star) >= -TOLERANCE * np.abs(x_star))
    conditions = [
        achieved_level,
        achieved_growth,
        ~has_x0,
        ~has_xt,
        n < 4,
        ~level & ~positive,
        baseline_met,
        np.isnan(ratio),
    ]
    rules = [
        "achieved_level",
        "achieved_growth",
        "no_baseline",
        "no_latest",
        "short_history",
        "growth_undefined",
        "baseline_met_then_fell",
        "ratio_undefined",
    ]
    rule = np.select(conditions, rules, default=np.where(straight, "straight_line", "ratio"))
    from_ratio = np.select(
        [
            ratio >= THRESHOLD_ON_TRACK - TOLERANCE,
            ratio >= THRESHOLD_ACCELERATE - TOLERANCE,
            ratio >= -TOLERANCE,
        ],
        [ON_TRACK, NEEDS_ACCELERATION, LIMITED],
        default=REGRESSING,
    )
    by_rule = {
        "achieved_level": ACHIEVED,
        "achieved_growth": ACHIEVED,
        "no_baseline": INSUFFICIENT,
        "no_latest": INSUFFICIENT,
        "short_history": INSUFFICIENT,
        "growth_undefined": INSUFFICIENT,
        "ratio_undefined": INSUFFICIENT,
        "baseline_met_then_fell": REGRESSING,
    }
    status = np.array([by_rule.get(x, "") for x in rule], dtype=object)
    status = np.where(status == "", from_ratio, status)

    # The latest observation's own columns (source, basis, revision, ...).
    latest_pos = np.where(has_latest, dating[all_rows, t_col], np.nan)
    latest_obs = _latest_observation_columns(positioned, latest_pos)

    result = pd.DataFrame(
        {
            "indicator_id": indicators["indicator_id"].astype(str),
            "pillar": indicators.get("pillar", pd.Series([None] * k)),
            "kind": kind,
            "unit": indicators.get("unit", pd.Series([None] * k)),
            "status": status,
            "baseline_period": quarter_labels(baseline_q),
            "baseline_value": x0,
            "latest_period": [quarter_label(q) if q >= 0 else None for q in t_q],
            "latest_value": xt,
            "target_period": indicators["target_period"].astype(str),
            "target_value": np.where(level, x_star, np.nan),
            "target_growth": np.where(level, np.nan, g_star),
            "progress": p,
            "cagr_observed": a,
            "cagr_required": r,
            "ratio": ratio,
            "expected_value": expected,
            "projected_value": projected,
            "yoy_growth": yoy,
            "latest_age_quarters": pd.array(
                [int(x) if ok else None for x, ok in zip(age, has_latest, strict=True)],
                dtype="Int64",
            ),
            "stale": pd.array(
                [
                    bool(x > STALE_AFTER_QUARTERS) if ok else None
                    for x, ok in zip(age, has_latest, strict=True)
                ],
                dtype="boolean",
            ),
            "target_share": target_share,
            "planned_baseline_period": quarter_labels(planned_q),
            "baseline_substituted": has_x0 & (baseline_q != planned_q),
            "n": n,
            "N": big_n,
            "method": np.where(straight, "straight_line", "cagr"),
            "rule": rule,
        }
    )
    for column, values in latest_obs.items():
        result[column] = values
    result.attrs["as_of"] = quarter_label(as_of_q)
    return result


def _baseline_quarters(
    value: np.ndarray, grid: _Grid, planned_q: np.ndarray, as_of_q: int
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


def _latest_observation_columns(positioned: pd.DataFrame, latest_pos: np.ndarray) -> dict:
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


def value_series(indicators: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Every quarter at which an indicator has a value (flows as trailing twelve months).

    Long format: indicator_id, quarter (index), period (label), value. For charts.
    """
    indicators = indicators.reset_index(drop=True)
    positioned = _observation_positions(observations.reset_index(drop=True))
    columns = ["indicator_id", "quarter", "period", "value"]
    if positioned.empty:
        return pd.DataFrame(columns=columns)
    row_of = pd.Series(np.arange(len(indicators)), index=indicators["indicator_id"].astype(str))
    grid = _Grid(len(indicators), int(positioned["q"].min()) - 4, int(positioned["q"].max()))
    value, _ = _value_grid(indicators, positioned, grid, row_of)
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


def pending_figures(
    indicators: pd.DataFrame, observations: pd.DataFrame, as_of: str | int | None = None
) -> pd.DataFrame:
    """Figures in force that give their flow no value yet, and the quarters still missing.

    A flow's value at a quarter is the sum of the four quarters ending there; a figure for a
    later quarter than the latest value (a 2026Q1 year-to-date trade figure, say) changes
    nothing until the quarters before it are known. Staff and officials are told which.
    Columns: indicator_id, period, basis, missing (quarter labels, oldest first).
    """
    columns = ["indicator_id", "period", "basis", "missing"]
    flows = indicators[indicators["kind"].isin(FLOW_KINDS)]
    if flows.empty or observations.empty:
        return pd.DataFrame(columns=columns)
    progress = compute_progress(flows, observations, as_of)
    as_of_q = parse_quarter(progress.attrs["as_of"])
    positioned = _observation_positions(
        observations[observations["indicator_id"].isin(flows["indicator_id"])].reset_index(
            drop=True
        )
    )
    found = []
    for row in progress.itertuples(index=False):
        latest_q = parse_quarter(row.latest_period) if isinstance(row.latest_period, str) else -1
        own = positioned[positioned["indicator_id"] == row.indicator_id]
        later = own[(own["q"] > latest_q) & (own["q"] <= as_of_q)]
        if later.empty:
            continue
        quarter_of = {int(q): v for q, v, b in zip(own["q"], own["value"], own["basis"],
                      strict=True) if b == "quarter"}  # fmt: skip
        ytd_of = {int(q): v for q, v, b in zip(own["q"], own["value"], own["basis"],
                  strict=True) if b == "ytd"}  # fmt: skip

        def known(q: int, quarter_of=quarter_of, ytd_of=ytd_of) -> bool:
            if q in quarter_of:
                return True
            return q in ytd_of and (q % 4 == 0 or (q - 1) in ytd_of)

        for record in later.sort_values("q").itertuples(index=False):
            q = int(record.q)
            missing = [quarter_label(p) for p in range(q - 3, q + 1) if not known(p)]
            found.append((row.indicator_id, record.period, record.basis, missing))
    return pd.DataFrame(found, columns=columns)
