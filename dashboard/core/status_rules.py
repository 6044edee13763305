"""Which rule of the method decides each indicator's status, and the status that rule gives.

The first rule that holds wins; only where none does is the ratio ``R`` read against the
thresholds of :mod:`.method`. Kept apart from the arithmetic so the order of the rules and the
status each gives read in one place.
"""

from __future__ import annotations

import numpy as np

from .method import (
    ACHIEVED,
    INSUFFICIENT,
    LIMITED,
    NEEDS_ACCELERATION,
    ON_TRACK,
    REGRESSING,
    THRESHOLD_ACCELERATE,
    THRESHOLD_ON_TRACK,
    TOLERANCE,
)

__all__ = ["decide_status"]


def decide_status(
    conditions: dict[str, np.ndarray], ratio: np.ndarray, straight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The rule and the status of every indicator.

    ``conditions`` maps each rule (a key of :data:`~.method.RULES`) to where it holds, in the
    order they are tried; where none holds the rule is ``straight_line`` or ``ratio``.
    """
    rules = list(conditions)
    rule = np.select(
        list(conditions.values()), rules, default=np.where(straight, "straight_line", "ratio")
    )
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
    return rule, status
