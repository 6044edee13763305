"""dashboard.core.review: the quarter before, and which targets changed status between two
progress tables. Expected statuses and ratios are worked out by hand in the comments.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.core.periods import PeriodError
from dashboard.core.progress import compute_progress
from dashboard.core.review import REVIEW_COLUMNS, previous_quarter, status_changes_between

NAN = float("nan")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025Q3", "2025Q2"),
        ("2025Q1", "2024Q4"),
        ("2025-Q2", "2025Q1"),
        ("Q1 2000", "1999Q4"),
        ("2025年第三季度", "2025Q2"),
    ],
)
def test_previous_quarter(label, expected):
    assert previous_quarter(label) == expected


@pytest.mark.parametrize("label", ["2024", "2025Q5", "", "soon"])
def test_previous_quarter_needs_a_quarter(label):
    with pytest.raises(PeriodError):
        previous_quarter(label)


def table(rows: list[tuple], as_of: str) -> pd.DataFrame:
    """A progress table with the columns the review reads (and one it must carry)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "indicator_id",
            "pillar",
            "kind",
            "unit",
            "status",
            "latest_value",
            "latest_period",
            "ratio",
            "progress",
            "cagr_observed",
            "rule",
        ],
    )
    frame.attrs["as_of"] = as_of
    return frame


BEFORE = table(
    [
        ("A", "logistics", "stock", "routes", "on_track", 90.0, "2025Q2", 1.1, 0.5, 0.1, "ratio"),
        ("B", "logistics", "flow", "trains", "needs_acceleration", 10.0, "2025Q2", 0.7, 0.2, 0.05,
         "ratio"),
        ("C", "economy", "stock", "companies", "insufficient_data", NAN, None, NAN, NAN, NAN,
         "no_latest"),
        ("D", "economy", "growth", "TEU", "limited_progress", 5.0, "2025Q2", 0.3, NAN, 0.045,
         "ratio"),
        ("E", "platform", "stock", "entities", "regressing", 3.0, "2025Q2", -0.2, -0.1, -0.02,
         "ratio"),
    ],
    "2025Q2",
)  # fmt: skip
AFTER = table(
    [
        # A: on track -> needs acceleration (worse)
        ("A", "logistics", "stock", "routes", "needs_acceleration", 91.0, "2025Q3", 0.8, 0.52,
         0.08, "ratio"),
        # B: unchanged status, different figures: not listed
        ("B", "logistics", "flow", "trains", "needs_acceleration", 11.0, "2025Q3", 0.75, 0.25,
         0.06, "ratio"),
        # C: first judged
        ("C", "economy", "stock", "companies", "on_track", 322.0, "2025Q3", 1.2, 0.3, 0.02,
         "ratio"),
        # D: limited progress -> achieved (better)
        ("D", "economy", "growth", "TEU", "achieved", 7.0, "2025Q3", 1.5, NAN, 0.2,
         "achieved_growth"),
        # E: no longer judged (its value was withdrawn)
        ("E", "platform", "stock", "entities", "insufficient_data", NAN, None, NAN, NAN, NAN,
         "no_latest"),
    ],
    "2025Q3",
)  # fmt: skip


def test_only_the_targets_whose_status_moved_are_listed_in_the_newer_tables_order():
    changes = status_changes_between(BEFORE, AFTER)
    assert list(changes["indicator_id"]) == ["A", "C", "D", "E"]
    assert list(changes["old_status"]) == [
        "on_track",
        "insufficient_data",
        "limited_progress",
        "regressing",
    ]
    assert list(changes["new_status"]) == [
        "needs_acceleration",
        "on_track",
        "achieved",
        "insufficient_data",
    ]
    assert list(changes["change"]) == ["worsened", "newly_judged", "improved", "no_longer_judged"]


def test_the_figures_behind_each_change_are_kept_side_by_side():
    changes = status_changes_between(BEFORE, AFTER).set_index("indicator_id")
    a = changes.loc["A"]
    assert (a["old_value"], a["new_value"]) == (90.0, 91.0)
    assert (a["old_period"], a["new_period"]) == ("2025Q2", "2025Q3")
    assert (a["old_ratio"], a["new_ratio"]) == (1.1, 0.8)
    assert (a["old_progress"], a["new_progress"]) == (0.5, 0.52)
    assert (a["old_rule"], a["new_rule"]) == ("ratio", "ratio")
    assert (a["pillar"], a["kind"], a["unit"]) == ("logistics", "stock", "routes")
    c = changes.loc["C"]
    assert math.isnan(c["old_value"]) and pd.isna(c["old_period"])
    assert c["new_value"] == 322.0


def test_columns_follow_the_upload_diff_naming_and_the_quarters_are_recorded():
    changes = status_changes_between(BEFORE, AFTER)
    assert list(changes.columns) == [c for c in REVIEW_COLUMNS if c in changes.columns]
    assert {"old_status", "new_status", "old_value", "new_value", "old_period", "new_period"} <= (
        set(changes.columns)
    )
    assert changes.attrs == {"old_as_of": "2025Q2", "new_as_of": "2025Q3"}


def test_identical_tables_give_an_empty_list_with_the_same_columns():
    changes = status_changes_between(AFTER, AFTER)
    assert changes.empty
    assert "old_status" in changes.columns and "change" in changes.columns


def test_a_target_on_one_side_only_is_not_compared():
    changes = status_changes_between(BEFORE[BEFORE["indicator_id"] != "A"], AFTER)
    assert "A" not in set(changes["indicator_id"])
    assert list(changes["indicator_id"]) == ["C", "D", "E"]


# ----- through the progress method: two quarters of prepared observations --------------------

INDICATORS = pd.DataFrame(
    [
        # level targets from a 2022Q4 baseline to 2027Q4 (N = 20 quarters)
        ("ROUTES", "logistics", "stock", "routes", "higher", 120.0, NAN, "2027Q4", "2022Q4"),
        ("ENTITIES", "platform", "stock", "entities", "higher", 230000.0, NAN, "2027Q4", "2022Q4"),
        ("SHARE", "economy", "share", "percent", "higher", 65.0, NAN, "2027Q4", "2022Q4"),
        ("STEADY", "platform", "stock", "achievements", "higher", 168.0, NAN, "2027Q4", "2023Q3"),
    ],
    columns=[
        "indicator_id",
        "pillar",
        "kind",
        "unit",
        "direction",
        "target_value",
        "target_growth",
        "target_period",
        "baseline_period",
    ],
)
OBSERVATIONS = pd.DataFrame(
    [
        # ROUTES, r = 2^(1/5) - 1 = 0.1487.
        #   2025Q2 (n = 10): a = (70/60)^0.4 - 1 = 0.0636, R = 0.43 -> limited progress
        #   2025Q3 (n = 11): a = (100/60)^(4/11) - 1 = 0.2041, R = 1.37 -> on track
        ("ROUTES", "2022Q4", "quarter", 60.0, "s"),
        ("ROUTES", "2025Q2", "quarter", 70.0, "s"),
        ("ROUTES", "2025Q3", "quarter", 100.0, "s"),
        # ENTITIES, r = 2.3^(1/5) - 1 = 0.1813.
        #   2025Q2: a = 1.5^0.4 - 1 = 0.1761, R = 0.971 -> on track
        #   2025Q3: a = 1.4^(4/11) - 1 = 0.1302, R = 0.718 -> needs acceleration
        ("ENTITIES", "2022Q4", "quarter", 100000.0, "s"),
        ("ENTITIES", "2025Q2", "quarter", 150000.0, "s"),
        ("ENTITIES", "2025Q3", "quarter", 140000.0, "s"),
        # SHARE: as of 2025Q2 only the baseline (n = 0) -> insufficient data;
        #   2025Q3: a = 1.1^(4/11) - 1 = 0.0353, r = 1.3^(1/5) - 1 = 0.0539, R = 0.655
        ("SHARE", "2022Q4", "quarter", 50.0, "s"),
        ("SHARE", "2025Q3", "quarter", 55.0, "s"),
        # STEADY from 2023Q3 (N = 17): r = (168/147)^(4/17) - 1 = 0.0319.
        #   2025Q2 (n = 7): a = (160/147)^(4/7) - 1 = 0.0496, R = 1.55 -> on track
        #   2025Q3 (n = 8): a = (161/147)^(1/2) - 1 = 0.0465, R = 1.46 -> on track
        ("STEADY", "2023Q3", "quarter", 147.0, "s"),
        ("STEADY", "2025Q2", "quarter", 160.0, "s"),
        ("STEADY", "2025Q3", "quarter", 161.0, "s"),
    ],
    columns=["indicator_id", "period", "basis", "value", "source"],
)


def test_two_quarters_of_the_progress_method():
    before = compute_progress(INDICATORS, OBSERVATIONS, as_of=previous_quarter("2025Q3"))
    after = compute_progress(INDICATORS, OBSERVATIONS, as_of="2025Q3")
    changes = status_changes_between(before, after)
    got = {
        row.indicator_id: (row.old_status, row.new_status, row.change)
        for row in changes.itertuples()
    }
    assert got == {
        "ROUTES": ("limited_progress", "on_track", "improved"),
        "ENTITIES": ("on_track", "needs_acceleration", "worsened"),
        "SHARE": ("insufficient_data", "needs_acceleration", "newly_judged"),
    }
    routes = changes.set_index("indicator_id").loc["ROUTES"]
    assert routes["old_ratio"] == pytest.approx(0.0636 / 0.1487, abs=0.01)
    assert routes["new_ratio"] == pytest.approx(0.2041 / 0.1487, abs=0.01)
    assert (routes["old_value"], routes["new_value"]) == (70.0, 100.0)
    share = changes.set_index("indicator_id").loc["SHARE"]
    assert share["old_rule"] == "short_history" and share["new_ratio"] == pytest.approx(
        0.655, abs=0.01
    )
    assert changes.attrs == {"old_as_of": "2025Q2", "new_as_of": "2025Q3"}


# ----- triage: the overview's first list --------------------------------------------------


def test_triage_puts_targets_behind_first_worst_first_then_fine_then_unjudged():
    from dashboard.core.review import triage

    frame = pd.DataFrame(
        {
            "indicator_id": list("ABCDEFGH"),
            "status": [
                "on_track",
                "needs_acceleration",
                "insufficient_data",
                "regressing",
                "achieved",
                "limited_progress",
                "needs_acceleration",
                "insufficient_data",
            ],  # fmt: skip
            "rule": [
                "ratio",
                "ratio",
                "no_baseline",
                "ratio",
                "achieved_level",
                "ratio",
                "ratio",
                "no_latest",
            ],  # fmt: skip
            "ratio": [1.2, 0.9, float("nan"), -0.5, float("nan"), 0.3, 0.7, float("nan")],
            "latest_value": [1, 1, 1, 1, 1, 1, 1, float("nan")],
        }
    )
    out = triage(frame)
    assert out["indicator_id"].tolist() == ["D", "F", "G", "B", "E", "A", "C", "H"]
    assert out["group"].tolist() == ["behind"] * 4 + ["fine"] * 2 + ["unjudged"] * 2
    assert out["reason"].tolist()[-2:] == ["baseline_needed", "no_data"]
    # No value at all is "no data yet", whichever rule came first (no baseline either).
    frame.loc[2, "latest_value"] = float("nan")
    assert triage(frame).set_index("indicator_id").loc["C", "reason"] == "no_data"
    assert set(out["reason"].tolist()[:6]) == {""}
