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

The statuses and thresholds live in :mod:`.method`, the value per quarter in :mod:`.series`
and the figures still waiting for earlier quarters in :mod:`.pending`; all are importable here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .baseline import baseline_quarters
from .latest_details import latest_observation_columns
from .method import (
    ACHIEVED,
    BASELINE_WINDOW,
    FLOW_KINDS,
    INSUFFICIENT,
    LEVEL_KINDS,
    LIMITED,
    NEEDS_ACCELERATION,
    ON_TRACK,
    PUBLIC_COLUMNS,
    REGRESSING,
    RULES,
    STALE_AFTER_QUARTERS,
    STATUSES,
    THRESHOLD_ACCELERATE,
    THRESHOLD_ON_TRACK,
    TOLERANCE,
)
from .pending import pending_figures
from .periods import current_quarter, parse_quarter, quarter_label
from .series import (
    Grid,
    default_as_of,
    observation_positions,
    period_table,
    quarter_labels,
    shift,
    value_grid,
    value_series,
)
from .status_rules import decide_status

# Statuses, thresholds and the series helpers are re-exported: many modules import them here.
__all__ = [
    "ACHIEVED",
    "FLOW_KINDS",
    "INSUFFICIENT",
    "LIMITED",
    "NEEDS_ACCELERATION",
    "ON_TRACK",
    "PUBLIC_COLUMNS",
    "REGRESSING",
    "RULES",
    "STATUSES",
    "THRESHOLD_ACCELERATE",
    "THRESHOLD_ON_TRACK",
    "compute_progress",
    "default_as_of",
    "pending_figures",
    "value_series",
]

#: The names these helpers had before they moved to :mod:`.series`.
_Grid, _observation_positions, _period_table = Grid, observation_positions, period_table
_shift, _value_grid = shift, value_grid


def _resolve_as_of(as_of: str | int | None, positioned: pd.DataFrame) -> int:
    if as_of is None:
        if positioned.empty:
            return current_quarter()
        return int(positioned["q"].max())
    if isinstance(as_of, (int, np.integer)):
        return int(as_of)
    return parse_quarter(as_of)


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
    positioned = observation_positions(observations[in_catalogue].reset_index(drop=True))
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
    grid = Grid(k, min(lows) - 4 - BASELINE_WINDOW, max(highs))

    value, dating = value_grid(indicators, positioned, grid, row_of)
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
    baseline_q = baseline_quarters(value, grid, planned_q, as_of_q)
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
    conditions = {
        "achieved_level": achieved_level,
        "achieved_growth": achieved_growth,
        "no_baseline": ~has_x0,
        "no_latest": ~has_xt,
        "short_history": n < 4,
        "growth_undefined": ~level & ~positive,
        "baseline_met_then_fell": baseline_met,
        "ratio_undefined": np.isnan(ratio),
    }
    rule, status = decide_status(conditions, ratio, straight)

    # The latest observation's own columns (source, basis, revision, ...).
    latest_pos = np.where(has_latest, dating[all_rows, t_col], np.nan)
    latest_obs = latest_observation_columns(positioned, latest_pos)

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
