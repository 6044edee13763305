"""Reviewing a quarter: which targets changed status since the quarter before, and why.

Presenters are asked "what changed since last quarter?". The answer compares two progress
tables of :func:`~dashboard.core.progress.compute_progress` (one "as of" the previous quarter,
one "as of" the quarter shown) and keeps the targets whose status moved, with the figures
that explain the move: the latest value and its period, the progress ratio ``R`` and the
progress ``p`` on each side. Column names follow :func:`dashboard.core.changes.status_changes`
(``old_status``, ``new_status``, ``old_value`` ...), so both lists read alike.
"""

from __future__ import annotations

import pandas as pd

from .periods import parse_quarter, quarter_label
from .progress import (
    ACHIEVED,
    INSUFFICIENT,
    LIMITED,
    NEEDS_ACCELERATION,
    ON_TRACK,
    REGRESSING,
)

__all__ = [
    "BEHIND",
    "CHANGE_KINDS",
    "FINE",
    "UNJUDGED",
    "triage",
    "REVIEW_COLUMNS",
    "STATUS_RANK",
    "previous_quarter",
    "status_changes_between",
]

#: How good a judged status is (higher is better); insufficient data is not on this scale.
STATUS_RANK = {REGRESSING: 1, LIMITED: 2, NEEDS_ACCELERATION: 3, ON_TRACK: 4, ACHIEVED: 5}

#: The kinds of move, in the order a reviewer reads them.
IMPROVED, WORSENED, NEWLY_JUDGED, NO_LONGER_JUDGED = (
    "improved",
    "worsened",
    "newly_judged",
    "no_longer_judged",
)
CHANGE_KINDS = (IMPROVED, WORSENED, NEWLY_JUDGED, NO_LONGER_JUDGED)

#: Figures compared on both sides, published as ``old_<name>`` and ``new_<name>``.
_COMPARED = {
    "status": "status",
    "latest_value": "value",
    "latest_period": "period",
    "latest_is_year": "is_year",
    "ratio": "ratio",
    "progress": "progress",
    "cagr_observed": "cagr_observed",
    "rule": "rule",
}
#: Columns taken from the newer table as they are (to name and format the row).
_CARRIED = ("pillar", "kind", "unit", "name_en", "name_zh", "target_value", "target_growth")

REVIEW_COLUMNS = [
    "indicator_id",
    *_CARRIED,
    *(f"{side}_{name}" for name in _COMPARED.values() for side in ("old", "new")),
    "change",
]


def previous_quarter(label: str) -> str:
    """The quarter before ``label`` (``2025Q1`` -> ``2024Q4``); any spelling of a quarter."""
    return quarter_label(parse_quarter(label) - 1)


def _change_kind(old: str, new: str) -> str:
    if old == INSUFFICIENT:
        return NEWLY_JUDGED
    if new == INSUFFICIENT:
        return NO_LONGER_JUDGED
    return IMPROVED if STATUS_RANK[new] > STATUS_RANK[old] else WORSENED


def status_changes_between(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The targets whose status differs between two progress tables, in ``after``'s order.

    ``before`` and ``after`` are progress tables of the same catalogue (``after`` usually the
    later quarter). A target present on one side only is left out: there is nothing to
    compare it with. Columns: :data:`REVIEW_COLUMNS` (those of ``_CARRIED`` that ``after``
    lacks are left out); ``change`` is ``improved`` or ``worsened`` between two judged
    statuses, ``newly_judged`` from insufficient data, ``no_longer_judged`` to it.
    """
    present = [c for c in _COMPARED if c in before.columns and c in after.columns]
    carried = [c for c in _CARRIED if c in after.columns]
    old = before[["indicator_id", *present]].rename(
        columns={c: f"old_{_COMPARED[c]}" for c in present}
    )
    new = after[["indicator_id", *carried, *present]].rename(
        columns={c: f"new_{_COMPARED[c]}" for c in present}
    )
    both = new.merge(old, on="indicator_id", how="inner", validate="one_to_one", sort=False)
    moved = both[both["old_status"] != both["new_status"]].reset_index(drop=True)
    moved["change"] = [
        _change_kind(o, n) for o, n in zip(moved["old_status"], moved["new_status"], strict=True)
    ]
    columns = [c for c in REVIEW_COLUMNS if c in moved.columns]
    result = moved[columns]
    result.attrs = {
        "old_as_of": before.attrs.get("as_of"),
        "new_as_of": after.attrs.get("as_of"),
    }
    return result


#: The three groups of the overview's first list, in the order it shows them.
BEHIND, FINE, UNJUDGED = "behind", "fine", "unjudged"
_GROUP = {
    REGRESSING: BEHIND,
    LIMITED: BEHIND,
    NEEDS_ACCELERATION: BEHIND,
    ACHIEVED: FINE,
    ON_TRACK: FINE,
    INSUFFICIENT: UNJUDGED,
}
#: Why a target cannot be judged, from the rule that decided it (a translation key's tail).
_UNJUDGED_REASON = {
    "no_baseline": "baseline_needed",
    "no_latest": "no_data",
    "short_history": "short_history",
    "growth_undefined": "growth_undefined",
    "ratio_undefined": "ratio_undefined",
}


def triage(progress: pd.DataFrame) -> pd.DataFrame:
    """The targets in the order an official asks about them: behind first, worst first.

    ``group`` is ``behind`` (regressing, limited progress, needs acceleration: worst status
    first, then the lowest ratio), ``fine`` (achieved, then on track) or ``unjudged``
    (insufficient data, with ``reason``: ``baseline_needed``, ``no_data``, ``short_history``
    ...). Within a tie the catalogue's order stays.
    """
    frame = progress.reset_index(drop=True).copy()
    frame["group"] = frame["status"].map(_GROUP)
    has_value = pd.to_numeric(frame["latest_value"], errors="coerce").notna()
    frame["reason"] = [
        ("" if status != INSUFFICIENT else _UNJUDGED_REASON.get(rule, "no_data") if known
         else "no_data")
        for status, rule, known in zip(frame["status"], frame["rule"], has_value, strict=True)
    ]  # fmt: skip
    frame["_group_order"] = frame["group"].map({BEHIND: 0, FINE: 1, UNJUDGED: 2})
    frame["_rank"] = frame["status"].map(STATUS_RANK).fillna(0)
    # Behind: worst status, then lowest ratio. Fine: achieved before on track.
    frame["_key"] = [
        rank if group == BEHIND else -rank if group == FINE else 0
        for rank, group in zip(frame["_rank"], frame["group"], strict=True)
    ]
    frame["_ratio"] = pd.to_numeric(frame["ratio"], errors="coerce").fillna(0.0)
    frame["_ratio"] = frame["_ratio"].where(frame["group"] == BEHIND, 0.0)
    frame["_position"] = range(len(frame))
    ordered = frame.sort_values(["_group_order", "_key", "_ratio", "_position"], kind="stable")
    return ordered.drop(
        columns=["_group_order", "_rank", "_key", "_ratio", "_position"]
    ).reset_index(drop=True)
