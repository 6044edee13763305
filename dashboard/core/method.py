"""The vocabulary of the progress method (DOMAIN.md): statuses, thresholds, rules and columns.

Kept apart from the arithmetic so that pages, the API and the review tables can name a status
or a threshold without reading how it is computed, and so there is one place to change them.
"""

from __future__ import annotations

__all__ = [
    "ACHIEVED",
    "BASELINE_WINDOW",
    "FLOW_KINDS",
    "INSUFFICIENT",
    "LEVEL_KINDS",
    "LIMITED",
    "NEEDS_ACCELERATION",
    "ON_TRACK",
    "PUBLIC_COLUMNS",
    "REGRESSING",
    "RULES",
    "STALE_AFTER_QUARTERS",
    "STATUSES",
    "THRESHOLD_ACCELERATE",
    "THRESHOLD_ON_TRACK",
    "TOLERANCE",
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
