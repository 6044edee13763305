"""Independent tests of dashboard.core.progress.compute_progress, written from DOMAIN.md
("How progress is judged", "The quarterly data file") and the lead engineer's reading of it.
Every expected number is worked out by hand in the comments; nothing here calls the code
under test to obtain an expectation.

Conventions used throughout:
    b = 2022Q4 (default baseline), T = 2027Q4 (default target)  ->  N = T - b = 20 quarters
    t = 2024Q4                                                  ->  n = t - b = 8 quarters
    a = (xt/x0)^(4/n) - 1, r = (x*/x0)^(4/N) - 1 (level) or g* (growth), R = a/r
    With x0 = 100 and x* = 161.051 = 100 * 1.1^5:  r = 1.61051^(4/20) - 1 = 1.1 - 1 = 0.1
"""

import time

import pandas as pd
import pytest

from dashboard.core.progress import STATUSES, compute_progress

NAN = float("nan")

IND_COLUMNS = [
    "indicator_id",
    "pillar",
    "kind",
    "unit",
    "direction",
    "target_value",
    "target_growth",
    "target_period",
    "baseline_period",
]
OBS_COLUMNS = ["indicator_id", "period", "basis", "value", "source"]

REQUIRED_OUTPUT_COLUMNS = [
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
    "n",
    "N",
]

# x* with r = 0.1 exactly over N = 20 quarters: 100 * 1.1^5 = 161.051
TARGET_R10 = 161.051


# ====================================================================== helpers
def _qidx(label):
    """'2025Q3' -> 2025*4 + 3 - 1 (test-local helper, independent of the code under test)."""
    year, quarter = label.split("Q")
    return int(year) * 4 + int(quarter) - 1


def _qlabel(index):
    return f"{index // 4}Q{index % 4 + 1}"


def ind(
    indicator_id,
    kind="stock",
    target_value=NAN,
    target_growth=NAN,
    target_period="2027Q4",
    baseline_period="2022Q4",
    direction="higher",
    pillar="economy",
    unit="units",
):
    return {
        "indicator_id": indicator_id,
        "pillar": pillar,
        "kind": kind,
        "unit": unit,
        "direction": direction,
        "target_value": float(target_value),
        "target_growth": float(target_growth),
        "target_period": target_period,
        "baseline_period": baseline_period,
    }


def ob(indicator_id, period, value, basis="quarter", source="test source"):
    return {
        "indicator_id": indicator_id,
        "period": period,
        "basis": basis,
        "value": float(value),
        "source": source,
    }


def series(indicator_id, start, values, basis="quarter", source="test source"):
    """Consecutive quarterly rows starting at quarter label `start`; None skips a quarter."""
    rows = []
    first = _qidx(start)
    for offset, value in enumerate(values):
        if value is None:
            continue
        rows.append(ob(indicator_id, _qlabel(first + offset), value, basis, source))
    return rows


def catalogue(*rows):
    return pd.DataFrame(list(rows), columns=IND_COLUMNS)


def observations(rows):
    frame = pd.DataFrame(list(rows), columns=OBS_COLUMNS)
    return frame.astype({"value": float})


def run(ind_rows, obs_rows, as_of=None):
    if isinstance(ind_rows, dict):
        ind_rows = [ind_rows]
    return compute_progress(catalogue(*ind_rows), observations(obs_rows), as_of=as_of)


def one(ind_row, obs_rows, as_of=None):
    """Compute for a single indicator and return its output row as a Series."""
    out = run([ind_row], obs_rows, as_of=as_of)
    assert len(out) == 1
    return out.iloc[0]


def stock_points(indicator_id, points, source="test source"):
    """points: {quarter label: value} for a stock/share (quarter basis)."""
    return [ob(indicator_id, p, v, "quarter", source) for p, v in points.items()]


def annual(indicator_id, points, source="yearbook"):
    """points: {year: value}, annual basis, bare-year period."""
    return [ob(indicator_id, str(y), v, "annual", source) for y, v in points.items()]


def nan(x):
    return x is None or bool(pd.isna(x))


# ====================================================================== shape and contract
def test_statuses_constant_lists_the_six_statuses_in_order():
    assert tuple(STATUSES) == (
        "achieved",
        "insufficient_data",
        "on_track",
        "needs_acceleration",
        "limited_progress",
        "regressing",
    )


def test_output_has_required_columns_and_one_row_per_indicator():
    out = run(
        [ind("A", target_value=TARGET_R10)],
        stock_points("A", {"2022Q4": 100, "2024Q4": 121}),
    )
    for column in REQUIRED_OUTPUT_COLUMNS:
        assert column in out.columns, column
    assert len(out) == 1
    assert out.iloc[0]["pillar"] == "economy"
    assert out.iloc[0]["unit"] == "units"
    assert out.iloc[0]["kind"] == "stock"
    assert out.iloc[0]["target_period"] == "2027Q4"
    assert out.iloc[0]["baseline_period"] == "2022Q4"


def test_output_row_order_equals_catalogue_order():
    # deliberately not alphabetical, and one indicator without any data in the middle
    ids = ["Z-LAST", "A-FIRST", "M-NODATA", "B-SECOND", "Y-FLOW"]
    inds = [
        ind("Z-LAST", target_value=TARGET_R10),
        ind("A-FIRST", target_value=TARGET_R10),
        ind("M-NODATA", target_value=TARGET_R10),
        ind("B-SECOND", target_value=TARGET_R10),
        ind("Y-FLOW", kind="flow", target_value=TARGET_R10),
    ]
    # observations deliberately given in a different order
    rows = (
        stock_points("B-SECOND", {"2022Q4": 100, "2024Q4": 121})
        + annual("Y-FLOW", {2022: 100, 2024: 121})
        + stock_points("A-FIRST", {"2024Q4": 121, "2022Q4": 100})
        + stock_points("Z-LAST", {"2022Q4": 100, "2024Q4": 121})
    )
    out = run(inds, rows)
    assert list(out["indicator_id"]) == ids


def test_statuses_are_always_from_the_statuses_list():
    inds = [ind(f"I{i}", target_value=TARGET_R10) for i in range(4)]
    rows = stock_points("I0", {"2022Q4": 100, "2024Q4": 121}) + stock_points(
        "I1", {"2022Q4": 100, "2024Q4": 81}
    )
    out = run(inds, rows)
    assert set(out["status"]) <= set(STATUSES)


# ====================================================================== statuses
def test_on_track_stock_full_numbers():
    # x0 = 100 (2022Q4), value at 2023Q4 = 110, xt = 121 (2024Q4), x* = 161.051
    # n = 8, N = 20
    # a = (121/100)^(4/8) - 1 = 1.1 - 1 = 0.1
    # r = (161.051/100)^(4/20) - 1 = 1.1 - 1 = 0.1
    # R = 0.1/0.1 = 1.0 >= 0.95 -> on_track
    # p = (121 - 100)/(161.051 - 100) = 21/61.051
    # expected = 100 * 1.1^(8/4) = 121
    # projected = 121 * 1.1^((20 - 8)/4) = 121 * 1.331 = 161.051
    # yoy = 121/110 - 1 = 0.1
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2023Q4": 110, "2024Q4": 121}, source="S-2024"),
    )
    assert r["status"] == "on_track"
    assert r["baseline_value"] == pytest.approx(100)
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(121)
    assert r["n"] == 8
    assert r["N"] == 20
    assert r["cagr_observed"] == pytest.approx(0.1)
    assert r["cagr_required"] == pytest.approx(0.1)
    assert r["ratio"] == pytest.approx(1.0)
    assert r["progress"] == pytest.approx(21 / 61.051)
    assert r["expected_value"] == pytest.approx(121)
    assert r["projected_value"] == pytest.approx(161.051)
    assert r["yoy_growth"] == pytest.approx(0.1)
    assert r["source"] == "S-2024"
    assert r["target_value"] == pytest.approx(161.051)
    assert nan(r["target_growth"])


def test_needs_acceleration_stock_with_expected_projected_and_yoy():
    # x0 = 100, 2023Q4 = 108, xt = 116.64 = 100*1.08^2, x* = 161.051 (r = 0.1)
    # a = (1.1664)^(1/2) - 1 = 1.08 - 1 = 0.08
    # R = 0.08/0.1 = 0.8 -> needs_acceleration
    # p = 16.64/61.051
    # expected = 100 * 1.1^2 = 121   (on the required path, not the observed one)
    # projected = 116.64 * 1.08^3 = 100 * 1.08^5 = 146.9328077
    # yoy = 116.64/108 - 1 = 0.08
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2023Q4": 108, "2024Q4": 116.64}),
    )
    assert r["status"] == "needs_acceleration"
    assert r["cagr_observed"] == pytest.approx(0.08)
    assert r["cagr_required"] == pytest.approx(0.1)
    assert r["ratio"] == pytest.approx(0.8)
    assert r["progress"] == pytest.approx(16.64 / 61.051)
    assert r["expected_value"] == pytest.approx(121)
    assert r["projected_value"] == pytest.approx(146.9328077)
    assert r["yoy_growth"] == pytest.approx(0.08)


def test_limited_progress_stock():
    # xt = 110.25 = 100*1.05^2 -> a = 0.05; R = 0.05/0.1 = 0.5 -> limited_progress
    # projected = 110.25 * 1.05^3 = 100 * 1.05^5 = 127.62815625
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2024Q4": 110.25}),
    )
    assert r["status"] == "limited_progress"
    assert r["cagr_observed"] == pytest.approx(0.05)
    assert r["ratio"] == pytest.approx(0.5)
    assert r["projected_value"] == pytest.approx(127.62815625)


def test_regressing_via_negative_ratio():
    # xt = 81 = 100*0.9^2 -> a = 0.9 - 1 = -0.1; R = -0.1/0.1 = -1 < 0 -> regressing
    # p = (81 - 100)/61.051 = -19/61.051
    # projected = 81 * 0.9^3 = 59.049
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2024Q4": 81}),
    )
    assert r["status"] == "regressing"
    assert r["cagr_observed"] == pytest.approx(-0.1)
    assert r["ratio"] == pytest.approx(-1.0)
    assert r["progress"] == pytest.approx(-19 / 61.051)
    assert r["projected_value"] == pytest.approx(59.049)


def test_achieved_level_target_when_latest_meets_target():
    # x* = 150, xt = 150 -> xt >= x* -> achieved (meets counts)
    r = one(
        ind("A", target_value=150),
        stock_points("A", {"2022Q4": 100, "2024Q4": 150}),
    )
    assert r["status"] == "achieved"
    # p = (150 - 100)/(150 - 100) = 1
    assert r["progress"] == pytest.approx(1.0)


def test_achieved_level_target_even_without_baseline():
    # no value at 2022Q4; xt = 200 >= x* = 150 -> rule 1 applies before rule 2
    r = one(
        ind("A", target_value=150),
        stock_points("A", {"2024Q2": 180, "2024Q4": 200}),
    )
    assert r["status"] == "achieved"
    assert nan(r["baseline_value"])
    assert r["latest_value"] == pytest.approx(200)


def test_achieved_level_target_even_with_n_below_four():
    # x0 = 100 (2022Q4), xt = 170 (2023Q2): n = 2 < 4 but xt >= 161.051 -> achieved first
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2023Q2": 170}),
    )
    assert r["status"] == "achieved"


def test_achieved_growth_target_at_target_period():
    # growth flow, annual data: 2022 = 100 (baseline at 2022Q4), 2023 = 120, 2024 = 144
    # target period T = 2024Q4, so N = 8; t = 2024Q4 = T, n = 8
    # a = (144/100)^(4/8) - 1 = 1.2 - 1 = 0.2 >= g* = 0.15 -> achieved
    # R = 0.2/0.15 = 4/3
    r = one(
        ind("G", kind="growth", target_growth=0.15, target_period="2024Q4"),
        annual("G", {2022: 100, 2023: 120, 2024: 144}),
    )
    assert r["status"] == "achieved"
    assert r["n"] == 8
    assert r["N"] == 8
    assert r["cagr_observed"] == pytest.approx(0.2)
    assert r["cagr_required"] == pytest.approx(0.15)
    assert r["ratio"] == pytest.approx(0.2 / 0.15)
    assert nan(r["progress"])
    assert nan(r["target_value"])
    assert r["target_growth"] == pytest.approx(0.15)


def test_growth_target_before_target_period_is_not_achieved_but_on_track():
    # same data, as_of 2023Q4: t = 2023Q4 != T = 2024Q4, n = 4
    # a = (120/100)^(4/4) - 1 = 0.2; R = 0.2/0.15 = 1.333 >= 0.95 -> on_track (not achieved)
    r = one(
        ind("G", kind="growth", target_growth=0.15, target_period="2024Q4"),
        annual("G", {2022: 100, 2023: 120, 2024: 144}),
        as_of="2023Q4",
    )
    assert r["status"] == "on_track"
    assert r["n"] == 4
    assert r["ratio"] == pytest.approx(0.2 / 0.15)


def test_growth_target_at_target_period_below_goal_uses_ratio():
    # 2022 = 100, 2024 = 121, T = 2024Q4 = t, n = N = 8
    # a = 1.21^(1/2) - 1 = 0.1 < g* = 0.15 -> not achieved; R = 0.1/0.15 = 0.667
    # -> needs_acceleration
    r = one(
        ind("G", kind="growth", target_growth=0.15, target_period="2024Q4"),
        annual("G", {2022: 100, 2024: 121}),
    )
    assert r["status"] == "needs_acceleration"
    assert r["ratio"] == pytest.approx(0.1 / 0.15)


def test_growth_target_quarterly_flow_full_numbers():
    # growth indicator uploaded as quarterly amounts (summed like a flow):
    #   2022Q1..Q4 = 25 each -> TTM(2022Q4) = 100 = x0
    #   2023Q1..Q4 = 27.5 each -> TTM(2023Q4) = 110
    #   2024Q1..Q4 = 30.25 each -> TTM(2024Q4) = 121 = xt
    # n = 8, N = 20, g* = 0.125
    # a = (121/100)^(4/8) - 1 = 0.1; r = 0.125; R = 0.1/0.125 = 0.8 -> needs_acceleration
    # progress: NaN for a growth target
    # expected = 100 * 1.125^(8/4) = 126.5625
    # projected = 121 * 1.1^((20-8)/4) = 121 * 1.331 = 161.051
    # yoy = 121/110 - 1 = 0.1
    rows = series("G", "2022Q1", [25] * 4 + [27.5] * 4 + [30.25] * 4)
    r = one(ind("G", kind="growth", target_growth=0.125), rows)
    assert r["status"] == "needs_acceleration"
    assert r["baseline_value"] == pytest.approx(100)
    assert r["latest_value"] == pytest.approx(121)
    assert r["cagr_observed"] == pytest.approx(0.1)
    assert r["cagr_required"] == pytest.approx(0.125)
    assert r["ratio"] == pytest.approx(0.8)
    assert nan(r["progress"])
    assert r["expected_value"] == pytest.approx(126.5625)
    assert r["projected_value"] == pytest.approx(161.051)
    assert r["yoy_growth"] == pytest.approx(0.1)


# ---------------------------------------------------------------- insufficient data
def test_insufficient_data_without_baseline():
    # no value at 2022Q4 nor within four quarters of it (data starts 2024Q1, five quarters
    # later); xt = 121 < x* -> insufficient_data
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2024Q1": 110, "2024Q4": 121}),
    )
    assert r["status"] == "insufficient_data"
    assert nan(r["baseline_value"])
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(121)
    assert nan(r["cagr_observed"])
    assert nan(r["ratio"])


def test_insufficient_data_when_indicator_has_no_data_at_all():
    # "B" has no rows; "A" has data so as_of can be derived (2024Q4)
    out = run(
        [ind("A", target_value=TARGET_R10), ind("B", target_value=TARGET_R10)],
        stock_points("A", {"2022Q4": 100, "2024Q4": 121}),
    )
    r = out.iloc[1]
    assert r["indicator_id"] == "B"
    assert r["status"] == "insufficient_data"
    assert nan(r["baseline_value"])
    assert nan(r["latest_period"])
    assert nan(r["latest_value"])
    assert nan(r["cagr_observed"])
    assert nan(r["ratio"])
    assert nan(r["progress"])
    assert nan(r["projected_value"])
    assert nan(r["yoy_growth"])


def test_insufficient_data_when_less_than_a_year_of_history():
    # x0 = 100 (2022Q4), xt = 150 (2023Q3): n = 3 < 4; 150 < 161.051 -> insufficient_data
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2023Q3": 150}),
    )
    assert r["status"] == "insufficient_data"
    assert r["n"] == 3
    assert r["latest_period"] == "2023Q3"


def test_n_equal_four_is_enough_history():
    # x0 = 100 (2022Q4), xt = 110 (2023Q4): n = 4
    # a = 1.1^(4/4) - 1 = 0.1; r = 0.1; R = 1 -> on_track
    r = one(
        ind("A", target_value=TARGET_R10),
        stock_points("A", {"2022Q4": 100, "2023Q4": 110}),
    )
    assert r["n"] == 4
    assert r["status"] == "on_track"
    assert r["cagr_observed"] == pytest.approx(0.1)


# ---------------------------------------------------------------- thresholds
# Level target with b = 2022Q4, T = 2023Q4 (N = 4), x0 = 1, x* = 2:
#   r = (2/1)^(4/4) - 1 = 1.0 exactly, and with t = T (n = 4) a = xt^1 - 1 = xt - 1,
#   so R = (xt - 1)/1.0 = xt - 1.
#   xt = 1.95: in binary floating point 1.95 - 1 == 0.95 exactly -> R = 0.95 -> on_track
#   xt = 1.6:  1.6 - 1 = 0.6000000000000001 (>= 0.6, one ulp above) -> needs_acceleration
#   xt = 1.0:  R = 0.0 exactly -> limited_progress (0 <= R)
THRESHOLD_CASES = [
    (1.95, 0.95, "on_track"),  # exactly at 0.95
    (1.9501, 0.9501, "on_track"),  # just above
    (1.9499, 0.9499, "needs_acceleration"),  # just below 0.95
    (1.6, 0.6, "needs_acceleration"),  # at 0.60
    (1.6001, 0.6001, "needs_acceleration"),
    (1.5999, 0.5999, "limited_progress"),  # just below 0.60
    (1.0, 0.0, "limited_progress"),  # exactly 0
    (0.9999, -0.0001, "regressing"),  # just below 0
]


@pytest.mark.parametrize("xt, ratio, status", THRESHOLD_CASES)
def test_ratio_thresholds_level_target(xt, ratio, status):
    r = one(
        ind("A", target_value=2, target_period="2023Q4"),
        stock_points("A", {"2022Q4": 1, "2023Q4": xt}),
    )
    assert r["N"] == 4
    assert r["n"] == 4
    assert r["cagr_required"] == pytest.approx(1.0)
    assert r["ratio"] == pytest.approx(ratio, abs=1e-12)
    assert r["status"] == status


# Growth target, annual 2022 = x0 = 100 (b = 2022Q4), 2023 = xt, T = 2024Q4, as_of 2023Q4:
#   t = 2023Q4 != T (never "achieved" here), n = 4, a = (xt/100)^(4/4) - 1 = xt/100 - 1, R = a/g*.
#   g* = 1.0:  xt = 195   -> a = 1.95 - 1 == 0.95 exactly in floating point -> R = 0.95
#   g* = 0.4:  xt = 124   -> a = 1.24 - 1 = 0.24 and 0.24/0.4 == 0.6 exactly in floating point
#              xt = 123.99 -> a = 0.2399, R = 0.59975 -> limited_progress
#              xt = 100   -> a = 0, R = 0 -> limited_progress ; xt = 99 -> a = -0.01 -> regressing
GROWTH_THRESHOLD_CASES = [
    (195, 1.0, 0.95, "on_track"),  # exactly 0.95
    (194.99, 1.0, 0.9499, "needs_acceleration"),  # just below 0.95
    (124, 0.4, 0.6, "needs_acceleration"),  # exactly 0.60
    (123.99, 0.4, 0.59975, "limited_progress"),  # just below 0.60
    (100, 0.4, 0.0, "limited_progress"),  # exactly 0
    (99, 0.4, -0.025, "regressing"),  # -0.01/0.4
]


@pytest.mark.parametrize("xt, g_star, ratio, status", GROWTH_THRESHOLD_CASES)
def test_ratio_thresholds_growth_target(xt, g_star, ratio, status):
    r = one(
        ind("G", kind="growth", target_growth=g_star, target_period="2024Q4"),
        annual("G", {2022: 100, 2023: xt}),
        as_of="2023Q4",
    )
    assert r["n"] == 4
    assert r["cagr_required"] == pytest.approx(g_star)
    assert r["ratio"] == pytest.approx(ratio, abs=1e-12)
    assert r["status"] == status


# ---------------------------------------------------------------- baseline already met (r <= 0)
def test_baseline_above_target_still_above_is_achieved():
    # x0 = 120 >= x* = 100; xt = 110 >= 100 -> achieved
    r = one(ind("A", target_value=100), stock_points("A", {"2022Q4": 120, "2024Q4": 110}))
    assert r["status"] == "achieved"


def test_baseline_above_target_fallen_below_is_regressing_by_rule_three():
    # x0 = 120, x* = 100, xt = 90 (2024Q4)
    # r = (100/120)^(4/20) - 1 < 0 ; a = (90/120)^(4/8) - 1 = sqrt(0.75) - 1 < 0
    # R = a/r would be positive (about 3.74, "on_track"), but rule 3 says regressing
    r = one(ind("A", target_value=100), stock_points("A", {"2022Q4": 120, "2024Q4": 90}))
    assert r["status"] == "regressing"
    assert r["cagr_required"] == pytest.approx((100 / 120) ** 0.2 - 1)
    assert r["cagr_required"] < 0
    assert r["cagr_observed"] == pytest.approx(0.75**0.5 - 1)


def test_baseline_equal_to_target_fallen_below_is_regressing():
    # x0 = x* = 100 -> r = 1^(0.2) - 1 = 0; xt = 90 < 100 -> regressing (rule 3)
    r = one(ind("A", target_value=100), stock_points("A", {"2022Q4": 100, "2024Q4": 90}))
    assert r["status"] == "regressing"
    assert r["cagr_required"] == pytest.approx(0.0, abs=1e-12)


def test_baseline_equal_to_target_still_there_is_achieved():
    r = one(ind("A", target_value=100), stock_points("A", {"2022Q4": 100, "2024Q4": 100}))
    assert r["status"] == "achieved"


# ---------------------------------------------------------------- x0 <= 0 / xt <= 0
def test_level_target_nonpositive_baseline_uses_straight_line():
    # x0 = -10 (2022Q4), xt = 20 (2024Q4), x* = 90; n = 8, N = 20
    # a, r undefined (x0 <= 0) -> NaN
    # p = (20 - (-10))/(90 - (-10)) = 30/100 = 0.3
    # R = p/(n/N) = 0.3/0.4 = 0.75 -> needs_acceleration
    # expected (straight line) = -10 + (90 + 10) * 8/20 = -10 + 40 = 30
    # projected (straight line) = 20 + (20 + 10) * (20 - 8)/8 = 20 + 45 = 65
    r = one(ind("A", target_value=90), stock_points("A", {"2022Q4": -10, "2024Q4": 20}))
    assert nan(r["cagr_observed"])
    assert nan(r["cagr_required"])
    assert r["progress"] == pytest.approx(0.3)
    assert r["ratio"] == pytest.approx(0.75)
    assert r["status"] == "needs_acceleration"
    assert r["expected_value"] == pytest.approx(30)
    assert r["projected_value"] == pytest.approx(65)


def test_level_target_zero_baseline_on_straight_line_is_on_track():
    # x0 = 0, xt = 40, x* = 100: p = 0.4, n/N = 0.4, R = 1.0 -> on_track
    # expected = 0 + 100 * 8/20 = 40 ; projected = 40 + 40 * 12/8 = 100
    r = one(ind("A", target_value=100), stock_points("A", {"2022Q4": 0, "2024Q4": 40}))
    assert r["ratio"] == pytest.approx(1.0)
    assert r["status"] == "on_track"
    assert r["expected_value"] == pytest.approx(40)
    assert r["projected_value"] == pytest.approx(100)


def test_level_target_nonpositive_latest_uses_straight_line_ratio():
    # x0 = 50, xt = 0, x* = 100: a undefined (xt <= 0)
    # p = (0 - 50)/(100 - 50) = -1; R = -1/(8/20) = -2.5 -> regressing
    # r = (100/50)^(4/20) - 1 = 2^0.2 - 1 (defined, x0 > 0)
    # expected = 50 * 2^(0.2 * 8/4) = 50 * 2^0.4
    # projected: a undefined, n > 0 -> straight line 0 + (0 - 50) * 12/8 = -75
    r = one(ind("A", target_value=100), stock_points("A", {"2022Q4": 50, "2024Q4": 0}))
    assert nan(r["cagr_observed"])
    assert r["cagr_required"] == pytest.approx(2**0.2 - 1)
    assert r["progress"] == pytest.approx(-1.0)
    assert r["ratio"] == pytest.approx(-2.5)
    assert r["status"] == "regressing"
    assert r["expected_value"] == pytest.approx(50 * 2**0.4)
    assert r["projected_value"] == pytest.approx(-75)


@pytest.mark.parametrize(
    "points",
    [
        {2022: 0, 2024: 10},  # x0 = 0
        {2022: -5, 2024: 10},  # x0 < 0
        {2022: 10, 2024: -5},  # xt < 0
    ],
    ids=["x0-zero", "x0-negative", "xt-negative"],
)
def test_growth_target_with_nonpositive_value_is_insufficient_data(points):
    r = one(ind("G", kind="growth", target_growth=0.15), annual("G", points))
    assert r["status"] == "insufficient_data"
    assert nan(r["cagr_observed"])


# ====================================================================== values: flows, YTD, annual
def test_ytd_first_quarter_is_not_minus_previous_year_q4():
    # YTD 2022: Q1 20, Q2 45, Q3 75, Q4 100 -> own amounts 20, 25, 30, 25
    # YTD 2023: Q1 30, Q2 60, Q3 90, Q4 120 -> own amounts 30, 30, 30, 30
    #   (own 2023Q1 = YTD(2023Q1) = 30, NOT 30 - 100 = -70)
    # TTM(2023Q1) = 30 + 25 + 30 + 25 = 110   (wrong subtraction would give 10)
    # TTM(2023Q2) = 30 + 30 + 30 + 25 = 115
    rows = series("F", "2022Q1", [20, 45, 75, 100, 30, 60, 90, 120], basis="ytd")
    indicator = ind("F", kind="flow", target_value=TARGET_R10)

    r1 = one(indicator, rows, as_of="2023Q1")
    assert r1["latest_period"] == "2023Q1"
    assert r1["latest_value"] == pytest.approx(110)
    assert r1["baseline_value"] == pytest.approx(100)  # YTD at 2022Q4 = full year

    r2 = one(indicator, rows, as_of="2023Q2")
    assert r2["latest_value"] == pytest.approx(115)

    # as_of 2023Q4: xt = 120 (= 30*4 and = YTD Q4), n = 4
    # a = 120/100 - 1 = 0.2; yoy = 120/100 - 1 = 0.2
    r4 = one(indicator, rows, as_of="2023Q4")
    assert r4["latest_period"] == "2023Q4"
    assert r4["latest_value"] == pytest.approx(120)
    assert r4["cagr_observed"] == pytest.approx(0.2)
    assert r4["yoy_growth"] == pytest.approx(0.2)


def test_ytd_missing_q2_breaks_flow_until_q4_full_year():
    # YTD 2022: 20, 45, 75, 100 (own 20, 25, 30, 25)
    # YTD 2023: Q1 30, Q2 missing, Q3 90, Q4 120
    #   own 2023Q1 = 30; own 2023Q2 undefined (no YTD Q2);
    #   own 2023Q3 = undefined (needs YTD Q2); own 2023Q4 = 120 - 90 = 30
    # TTM(2023Q1) = 30 + 25 + 30 + 25 = 110 (defined)
    # TTM(2023Q2), TTM(2023Q3): undefined -> t falls back to 2023Q1
    # value(2023Q4) = YTD at Q4 = full year = 120 (directly)
    # YTD 2024: Q1 40 -> own 2024Q1 = 40; TTM(2024Q1) needs own 2023Q2, 2023Q3 -> undefined
    rows = series("F", "2022Q1", [20, 45, 75, 100, 30, None, 90, 120, 40], basis="ytd")
    indicator = ind("F", kind="flow", target_value=TARGET_R10)

    r = one(indicator, rows, as_of="2023Q3")
    assert r["latest_period"] == "2023Q1"
    assert r["latest_value"] == pytest.approx(110)
    assert r["n"] == 1  # n = 2023Q1 - 2022Q4 = 8092 - 8091 = 1
    assert r["status"] == "insufficient_data"  # n < 4

    r = one(indicator, rows, as_of="2023Q4")
    assert r["latest_period"] == "2023Q4"
    assert r["latest_value"] == pytest.approx(120)

    r = one(indicator, rows, as_of="2024Q1")
    assert r["latest_period"] == "2023Q4"
    assert r["latest_value"] == pytest.approx(120)
    assert r["n"] == 4


def test_missing_quarter_breaks_trailing_twelve_months():
    # quarter basis: 2022Q1..Q4 = 25 each; 2023Q1 = 30; 2023Q2 missing;
    #                2023Q3 = 30, 2023Q4 = 30, 2024Q1 = 30
    # TTM(2022Q4) = 100 (baseline); TTM(2023Q1) = 30 + 25*3 = 105
    # TTM(2023Q2) .. TTM(2024Q1) all contain 2023Q2 -> undefined
    # as_of (None) = newest observed quarter = 2024Q1; t falls back to 2023Q1
    # n = 2023Q1 - 2022Q4 = 1 -> insufficient_data
    # yoy: TTM(2022Q1) needs 2021Q2..Q4 -> undefined -> NaN
    rows = series("F", "2022Q1", [25, 25, 25, 25, 30, None, 30, 30, 30])
    out = run([ind("F", kind="flow", target_value=TARGET_R10)], rows)
    r = out.iloc[0]
    assert out.attrs["as_of"] == "2024Q1"
    assert r["latest_period"] == "2023Q1"
    assert r["latest_value"] == pytest.approx(105)
    assert r["baseline_value"] == pytest.approx(100)
    assert r["n"] == 1
    assert r["status"] == "insufficient_data"
    assert nan(r["yoy_growth"])


def test_flow_without_four_quarters_before_baseline_has_no_baseline():
    # quarter rows start 2023Q3: the first TTM is at 2024Q2, six quarters after b = 2022Q4,
    # too far to stand in for it -> no baseline
    # TTM(2025Q2) = 4 * 30 = 120 < 161.051 -> insufficient_data
    rows = series("F", "2023Q3", [25, 25, 25] + [27.5] * 4 + [30] * 4)
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows)
    assert nan(r["baseline_value"])
    assert r["latest_value"] == pytest.approx(120)
    assert r["status"] == "insufficient_data"


def test_annual_only_flow_values_at_q4():
    # annual 2022 = 100, 2023 = 110, 2024 = 121; x* = 161.051
    # values only at Q4 of each year; as_of None -> 2024Q4 (annual counts at its Q4)
    # t = 2024Q4, n = 8; a = 0.1; r = 0.1; R = 1 -> on_track
    # yoy = 121/110 - 1 = 0.1 (previous annual value)
    # expected = 100 * 1.1^2 = 121; projected = 121 * 1.1^3 = 161.051
    rows = annual("F", {2022: 100, 2023: 110, 2024: 121}, source="Statistical Yearbook")
    out = run([ind("F", kind="flow", target_value=TARGET_R10)], rows)
    r = out.iloc[0]
    assert out.attrs["as_of"] == "2024Q4"
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(121)
    assert r["baseline_value"] == pytest.approx(100)
    assert r["n"] == 8
    assert r["cagr_observed"] == pytest.approx(0.1)
    assert r["ratio"] == pytest.approx(1.0)
    assert r["status"] == "on_track"
    assert r["yoy_growth"] == pytest.approx(0.1)
    assert r["expected_value"] == pytest.approx(121)
    assert r["projected_value"] == pytest.approx(161.051)
    assert r["source"] == "Statistical Yearbook"


def test_annual_only_latest_falls_on_last_annual_q4_when_as_of_is_mid_year():
    # as_of 2025Q2: no value at 2025Q1/Q2 (annual data only) -> t = 2024Q4
    rows = annual("F", {2022: 100, 2023: 110, 2024: 121})
    out = run([ind("F", kind="flow", target_value=TARGET_R10)], rows, as_of="2025Q2")
    r = out.iloc[0]
    assert out.attrs["as_of"] == "2025Q2"
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(121)
    assert r["n"] == 8


@pytest.mark.parametrize("kind", ["stock", "share"])
def test_annual_only_stock_or_share(kind):
    # annual rows count at Q4 for any kind: 2022 = 100, 2024 = 121 -> a = 0.1, R = 1
    r = one(ind("S", kind=kind, target_value=TARGET_R10), annual("S", {2022: 100, 2024: 121}))
    assert r["baseline_value"] == pytest.approx(100)
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(121)
    assert r["status"] == "on_track"


def test_annual_row_overrides_quarterly_ttm_at_q4():
    # quarter rows 2022Q1..2024Q4 = 25 each -> TTM(2024Q4) = 100 from quarters
    # annual 2024 = 110 -> value at 2024Q4 = 110 (annual wins), source from the annual row
    # annual 2022 = 90 -> x0 = 90 (annual wins over TTM 100 at 2022Q4)
    # a = (110/90)^(1/2) - 1
    rows = series("F", "2022Q1", [25] * 12, source="quarterly bulletin") + annual(
        "F", {2022: 90, 2024: 110}, source="yearbook"
    )
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows, as_of="2024Q4")
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(110)
    assert r["baseline_value"] == pytest.approx(90)
    assert r["cagr_observed"] == pytest.approx((110 / 90) ** 0.5 - 1)
    assert r["source"] == "yearbook"
    # yoy: value(2023Q4) = TTM of 2023 quarters = 100 (no annual 2023) -> 110/100 - 1 = 0.1
    assert r["yoy_growth"] == pytest.approx(0.1)


def test_annual_row_does_not_change_non_q4_quarters():
    # same data, as_of 2024Q3: TTM(2024Q3) = 2023Q4 + 2024Q1..Q3 = 4 * 25 = 100
    rows = series("F", "2022Q1", [25] * 12) + annual("F", {2022: 90, 2024: 110})
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows, as_of="2024Q3")
    assert r["latest_period"] == "2024Q3"
    assert r["latest_value"] == pytest.approx(100)


def test_stock_annual_row_overrides_quarter_row_at_q4():
    # stock: quarter 2024Q4 = 50 and annual 2024 = 55 -> value at 2024Q4 = 55
    rows = stock_points("S", {"2022Q4": 40, "2024Q4": 50}, source="quarter") + annual(
        "S", {2024: 55}, source="annual"
    )
    r = one(ind("S", target_value=100), rows)
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(55)
    assert r["source"] == "annual"


def test_ytd_q4_row_gives_full_year_for_flow_without_earlier_quarters():
    # only YTD Q4 rows (no Q1..Q3): each Q4 YTD is the full-year value
    # 2022Q4 YTD = 100, 2024Q4 YTD = 121 -> x0 = 100, xt = 121, a = 0.1
    rows = [ob("F", "2022Q4", 100, "ytd"), ob("F", "2024Q4", 121, "ytd")]
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows)
    assert r["baseline_value"] == pytest.approx(100)
    assert r["latest_value"] == pytest.approx(121)
    assert r["latest_period"] == "2024Q4"
    assert r["cagr_observed"] == pytest.approx(0.1)


def test_source_is_that_of_the_latest_period():
    rows = [
        ob("S", "2022Q4", 100, source="old"),
        ob("S", "2024Q4", 121, source="new"),
        ob("S", "2025Q2", 130, source="later"),
    ]
    r = one(ind("S", target_value=TARGET_R10), rows, as_of="2024Q4")
    assert r["source"] == "new"


# ====================================================================== as_of
def test_as_of_earlier_than_newest_data_ignores_later_data():
    # data up to 2025Q4 (200 would be "achieved"); as_of 2024Q4 -> t = 2024Q4, xt = 121
    rows = stock_points("S", {"2022Q4": 100, "2023Q4": 110, "2024Q4": 121, "2025Q4": 200})
    out = run([ind("S", target_value=TARGET_R10)], rows, as_of="2024Q4")
    r = out.iloc[0]
    assert out.attrs["as_of"] == "2024Q4"
    assert r["latest_period"] == "2024Q4"
    assert r["latest_value"] == pytest.approx(121)
    assert r["status"] == "on_track"


def test_as_of_as_quarter_index():
    # 2024Q4 -> 2024*4 + 3 = 8099
    rows = stock_points("S", {"2022Q4": 100, "2024Q4": 121, "2025Q4": 200})
    out = run([ind("S", target_value=TARGET_R10)], rows, as_of=8099)
    assert out.attrs["as_of"] == "2024Q4"
    assert out.iloc[0]["latest_value"] == pytest.approx(121)


def test_as_of_between_observations_takes_last_one_before():
    # observations 2022Q4, 2024Q4, 2025Q4; as_of 2025Q3 -> t = 2024Q4
    rows = stock_points("S", {"2022Q4": 100, "2024Q4": 121, "2025Q4": 200})
    out = run([ind("S", target_value=TARGET_R10)], rows, as_of="2025Q3")
    assert out.attrs["as_of"] == "2025Q3"
    assert out.iloc[0]["latest_period"] == "2024Q4"


def test_baseline_after_as_of_is_not_counted():
    # baseline period 2023Q4 with a value, but as_of = 2023Q2: the 2023Q4 value does not
    # count; the nearest value up to "as of" within four quarters is 2023Q2 (95)
    # latest = 2023Q2 too -> n = 0 -> insufficient_data
    rows = stock_points("S", {"2023Q1": 90, "2023Q2": 95, "2023Q4": 100, "2025Q4": 121})
    r = one(
        ind("S", target_value=TARGET_R10, baseline_period="2023Q4"),
        rows,
        as_of="2023Q2",
    )
    assert r["baseline_period"] == "2023Q2"
    assert r["baseline_value"] == pytest.approx(95)
    assert r["rule"] == "short_history"
    assert r["latest_period"] == "2023Q2"
    assert r["latest_value"] == pytest.approx(95)
    assert r["status"] == "insufficient_data"


def test_custom_baseline_period():
    # b = 2023Q3 (a seed baseline such as 319 in 2023), T = 2027Q4 -> N = 8111 - 8094 = 17
    # latest 2025Q3 -> n = 8102 - 8094 = 8
    # x0 = 319, xt = 330, x* = 335
    # a = (330/319)^(4/8) - 1 ; r = (335/319)^(4/17) - 1
    rows = stock_points("S", {"2023Q3": 319, "2025Q3": 330})
    r = one(ind("S", target_value=335, baseline_period="2023Q3"), rows)
    assert r["N"] == 17
    assert r["n"] == 8
    a = (330 / 319) ** 0.5 - 1
    req = (335 / 319) ** (4 / 17) - 1
    assert r["cagr_observed"] == pytest.approx(a)
    assert r["cagr_required"] == pytest.approx(req)
    assert r["ratio"] == pytest.approx(a / req)
    # p = (330 - 319)/(335 - 319) = 11/16
    assert r["progress"] == pytest.approx(11 / 16)
    # a = sqrt(1.03448) - 1 = 0.0171, r = 1.05016^(4/17) - 1 = 0.0116 -> R = 1.47 -> on_track
    assert r["status"] == "on_track"


def test_as_of_none_picks_newest_observed_quarter():
    # A: quarter rows up to 2025Q2; B: annual up to 2024 (= 2024Q4) -> newest is 2025Q2
    rows = stock_points("A", {"2022Q4": 100, "2025Q2": 130}) + annual("B", {2022: 1, 2024: 2})
    out = run([ind("A", target_value=TARGET_R10), ind("B", kind="flow", target_value=5)], rows)
    assert out.attrs["as_of"] == "2025Q2"
    assert out.iloc[0]["latest_period"] == "2025Q2"
    assert out.iloc[1]["latest_period"] == "2024Q4"


def test_as_of_none_counts_annual_row_at_its_q4():
    # A: quarter rows up to 2025Q2; B: annual 2025 -> counts at 2025Q4 -> as_of 2025Q4
    rows = stock_points("A", {"2022Q4": 100, "2025Q2": 130}) + annual("B", {2022: 1, 2025: 2})
    out = run([ind("A", target_value=TARGET_R10), ind("B", kind="flow", target_value=5)], rows)
    assert out.attrs["as_of"] == "2025Q4"
    assert out.iloc[0]["latest_period"] == "2025Q2"
    assert out.iloc[1]["latest_period"] == "2025Q4"


# ====================================================================== yoy
def test_yoy_nan_when_value_four_quarters_earlier_missing():
    # 2022Q4 and 2024Q4 only: value(2023Q4) missing -> yoy NaN
    r = one(ind("S", target_value=TARGET_R10), stock_points("S", {"2022Q4": 100, "2024Q4": 121}))
    assert nan(r["yoy_growth"])


def test_yoy_nan_when_value_four_quarters_earlier_is_zero():
    r = one(
        ind("S", target_value=TARGET_R10),
        stock_points("S", {"2022Q4": 100, "2023Q4": 0, "2024Q4": 121}),
    )
    assert nan(r["yoy_growth"])


def test_yoy_uses_quarter_four_earlier_not_previous_observation():
    # stock 2024Q1 = 80, 2024Q4 = 100, 2025Q1 = 90, as_of 2025Q1
    # yoy = value(2025Q1)/value(2024Q1) - 1 = 90/80 - 1 = 0.125
    rows = stock_points("S", {"2022Q4": 50, "2024Q1": 80, "2024Q4": 100, "2025Q1": 90})
    r = one(ind("S", target_value=TARGET_R10), rows, as_of="2025Q1")
    assert r["yoy_growth"] == pytest.approx(0.125)


def test_yoy_for_quarterly_flow_uses_ttm():
    # quarter amounts: 2023Q1..Q4 = 10 each, 2024Q1 = 20, 2024Q2..Q4 = 10, 2025Q1 = 30
    # TTM(2024Q1) = 20 + 10*3 = 50 ; TTM(2025Q1) = 30 + 10*3 = 60
    # yoy at 2025Q1 = 60/50 - 1 = 0.2
    rows = series("F", "2023Q1", [10, 10, 10, 10, 20, 10, 10, 10, 30])
    r = one(ind("F", kind="flow", target_value=1000), rows, as_of="2025Q1")
    assert r["latest_value"] == pytest.approx(60)
    assert r["yoy_growth"] == pytest.approx(0.2)


# ====================================================================== direction lower
LOWER_CASES = [
    # x0 = 100, x* = 59.049 = 100*0.9^5 -> r = 0.9 - 1 = -0.1
    # xt = 81 -> a = 0.9 - 1 = -0.1, R = -0.1/-0.1 = 1 -> on_track
    (81, "on_track", 1.0),
    # xt = 50 <= 59.049 -> achieved
    (50, "achieved", None),
    # xt = 121 -> a = 0.1, R = 0.1/-0.1 = -1 -> regressing
    (121, "regressing", -1.0),
    # xt = 90.25 = 100*0.95^2 -> a = -0.05, R = 0.5 -> limited_progress
    (90.25, "limited_progress", 0.5),
]


@pytest.mark.parametrize("xt, status, ratio", LOWER_CASES)
def test_direction_lower_mirrors(xt, status, ratio):
    r = one(
        ind("L", target_value=59.049, direction="lower"),
        stock_points("L", {"2022Q4": 100, "2024Q4": xt}),
    )
    assert r["status"] == status
    if ratio is not None:
        assert r["ratio"] == pytest.approx(ratio)


def test_direction_lower_baseline_already_met_then_worse_is_regressing():
    # lower is better: x0 = 40 <= x* = 50 (already met); xt = 60 > 50 -> regressing (rule 3)
    r = one(
        ind("L", target_value=50, direction="lower"),
        stock_points("L", {"2022Q4": 40, "2024Q4": 60}),
    )
    assert r["status"] == "regressing"


# ====================================================================== empty observations
def test_empty_observations_all_insufficient_with_as_of_given():
    inds = [ind("A", target_value=TARGET_R10), ind("G", kind="growth", target_growth=0.15)]
    out = run(inds, [], as_of="2025Q3")
    assert list(out["indicator_id"]) == ["A", "G"]
    assert list(out["status"]) == ["insufficient_data", "insufficient_data"]
    assert out.attrs["as_of"] == "2025Q3"
    assert out["latest_value"].isna().all()
    assert out["baseline_value"].isna().all()


def test_empty_observations_as_of_none_does_not_crash():
    inds = [ind("A", target_value=TARGET_R10), ind("B", kind="flow", target_value=5)]
    out = run(inds, [])
    assert len(out) == 2
    assert list(out["status"]) == ["insufficient_data", "insufficient_data"]


# ====================================================================== vectorisation
N_IND = 300
# 40 quarters: 2018Q1 .. 2027Q4
VEC_START = "2018Q1"
VEC_QUARTERS = 40
# required CAGR pattern by (i // 3) % 3, observed CAGR always 0.1 over 2022Q4 -> 2024Q4
VEC_R = (0.1, 0.125, 0.2)
# R = 0.1/0.1 = 1.0, 0.1/0.125 = 0.8, 0.1/0.2 = 0.5
VEC_RATIO = (1.0, 0.8, 0.5)
VEC_STATUS = ("on_track", "needs_acceleration", "limited_progress")


def _vector_data():
    """300 indicators x 40 quarters; every series grows 10 % a year.

    kind by i % 3: 0 stock (quarter), 1 flow (quarter amounts), 2 flow (ytd).
    base_i = 100 + i is the value at 2022Q4 (x0); at 2024Q4 the value is 1.21 * base_i.
      stock: value(q) = base * 1.1^((q - 2022Q4)/4)
      flow:  each quarter of year y = base/4 * 1.1^(y - 2022)
             -> TTM at Q4 of y = base * 1.1^(y - 2022)
      ytd:   YTD at quarter k of year y = k * base/4 * 1.1^(y - 2022) (same own amounts)
    x* = base * (1 + r)^5 with r from VEC_R[(i // 3) % 3], so r is exactly that.
    """
    inds, rows = [], []
    b_idx = _qidx("2022Q4")
    for i in range(N_IND):
        iid = f"V{i:03d}"
        base = 100.0 + i
        r = VEC_R[(i // 3) % 3]
        mode = i % 3
        kind = "stock" if mode == 0 else "flow"
        inds.append(ind(iid, kind=kind, target_value=base * (1 + r) ** 5, pillar="logistics"))
        for k in range(VEC_QUARTERS):
            q = _qidx(VEC_START) + k
            year, quarter = q // 4, q % 4 + 1
            if mode == 0:
                value, basis = base * 1.1 ** ((q - b_idx) / 4), "quarter"
            elif mode == 1:
                value, basis = base / 4 * 1.1 ** (year - 2022), "quarter"
            else:
                value, basis = quarter * base / 4 * 1.1 ** (year - 2022), "ytd"
            rows.append(ob(iid, _qlabel(q), value, basis, source=f"src-{iid}"))
    return inds, rows


def test_vectorised_300_indicators_40_quarters():
    inds, rows = _vector_data()
    assert len(rows) == N_IND * VEC_QUARTERS
    started = time.perf_counter()
    out = run(inds, rows, as_of="2024Q4")
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"compute_progress took {elapsed:.1f}s for 300 x 40"

    assert len(out) == N_IND
    assert list(out["indicator_id"]) == [f"V{i:03d}" for i in range(N_IND)]
    assert out.attrs["as_of"] == "2024Q4"
    assert (out["latest_period"] == "2024Q4").all()
    assert (out["n"] == 8).all()
    assert (out["N"] == 20).all()

    # hand-checked rows:
    # V000: stock, base 100, r = 0.1 -> x0 = 100, xt = 121, a = 0.1, R = 1.0, on_track
    # V004: flow (quarter), base 104, (4//3)%3 = 1 -> r = 0.125, R = 0.8, needs_acceleration
    #       x0 = 104, xt = 104 * 1.21 = 125.84
    # V008: flow (ytd), base 108, (8//3)%3 = 2 -> r = 0.2, R = 0.5, limited_progress
    #       x0 = 108, xt = 108 * 1.21 = 130.68; yoy = 1.1 - 1 = 0.1
    hand = {
        "V000": (100, 121, 0.1, 1.0, "on_track"),
        "V004": (104, 125.84, 0.125, 0.8, "needs_acceleration"),
        "V008": (108, 130.68, 0.2, 0.5, "limited_progress"),
    }
    by_id = out.set_index("indicator_id")
    for iid, (x0, xt, req, ratio, status) in hand.items():
        row = by_id.loc[iid]
        assert row["baseline_value"] == pytest.approx(x0), iid
        assert row["latest_value"] == pytest.approx(xt), iid
        assert row["cagr_observed"] == pytest.approx(0.1), iid
        assert row["cagr_required"] == pytest.approx(req), iid
        assert row["ratio"] == pytest.approx(ratio), iid
        assert row["yoy_growth"] == pytest.approx(0.1), iid
        assert row["status"] == status, iid
        assert row["source"] == f"src-{iid}", iid

    # every row follows the pattern
    for i in range(N_IND):
        row = out.iloc[i]
        base = 100.0 + i
        j = (i // 3) % 3
        assert row["baseline_value"] == pytest.approx(base), row["indicator_id"]
        assert row["latest_value"] == pytest.approx(1.21 * base), row["indicator_id"]
        assert row["ratio"] == pytest.approx(VEC_RATIO[j]), row["indicator_id"]
        assert row["status"] == VEC_STATUS[j], row["indicator_id"]


# ====================================================================== baseline rule
# DOMAIN.md: where b has no value, the nearest value within four quarters of b (up to "as of")
# stands in for it, the earlier of two equally near; b then becomes that period.


def test_a_missing_2022_baseline_takes_2021_over_2023_on_a_tie():
    # annual 2021 = 100 and 2023 = 110, no 2022: both four quarters from 2022Q4 -> 2021Q4
    # t = 2024Q4 (121), b = 2021Q4: n = 12, N = 24
    # a = (121/100)^(4/12) - 1 ; r = (161.051/100)^(4/24) - 1
    rows = annual("F", {2021: 100, 2023: 110, 2024: 121})
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows)
    assert r["baseline_period"] == "2021Q4"
    assert r["planned_baseline_period"] == "2022Q4"
    assert bool(r["baseline_substituted"]) is True
    assert r["baseline_value"] == pytest.approx(100)
    assert r["n"] == 12 and r["N"] == 24
    a = (121 / 100) ** (4 / 12) - 1
    required = (TARGET_R10 / 100) ** (4 / 24) - 1
    assert r["cagr_observed"] == pytest.approx(a)
    assert r["ratio"] == pytest.approx(a / required)


def test_a_later_figure_stands_in_when_it_is_the_only_one_near():
    # only 2023 and 2025: 2023Q4 is four quarters after b -> baseline 2023Q4
    rows = annual("F", {2023: 110, 2025: 133.1})
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows)
    assert r["baseline_period"] == "2023Q4"
    assert r["baseline_value"] == pytest.approx(110)
    assert r["n"] == 8 and r["N"] == 16
    assert r["status"] != "insufficient_data"


def test_nothing_within_four_quarters_means_no_baseline():
    rows = annual("F", {2020: 90, 2024: 121})  # 2020Q4 and 2024Q4: eight quarters away
    r = one(ind("F", kind="flow", target_value=TARGET_R10), rows)
    assert nan(r["baseline_value"])
    assert r["baseline_period"] == "2022Q4"  # the planned period, as before
    assert bool(r["baseline_substituted"]) is False
    assert r["status"] == "insufficient_data" and r["rule"] == "no_baseline"


def test_the_value_at_b_wins_over_nearer_looking_neighbours():
    rows = stock_points("S", {"2022Q3": 99, "2022Q4": 100, "2023Q1": 101, "2024Q4": 121})
    r = one(ind("S", target_value=TARGET_R10), rows)
    assert r["baseline_period"] == "2022Q4"
    assert bool(r["baseline_substituted"]) is False
    assert r["baseline_value"] == pytest.approx(100)


def test_a_stand_in_after_as_of_is_not_used():
    # only 2023Q2 would stand in for b = 2022Q4, but "as of" is 2023Q1 -> no baseline
    rows = stock_points("S", {"2021Q1": 80, "2023Q2": 100})
    r = one(ind("S", target_value=TARGET_R10), rows, as_of="2023Q1")
    assert nan(r["baseline_value"])


# ====================================================================== age, stale, share


def test_age_of_the_latest_value_and_stale_after_four_quarters():
    rows = stock_points("S", {"2022Q4": 100, "2024Q1": 110})
    fresh = one(ind("S", target_value=TARGET_R10), rows, as_of="2025Q1")
    assert fresh["latest_age_quarters"] == 4 and bool(fresh["stale"]) is False
    old = one(ind("S", target_value=TARGET_R10), rows, as_of="2025Q2")
    assert old["latest_age_quarters"] == 5 and bool(old["stale"]) is True
    none = one(ind("S", target_value=TARGET_R10), [], as_of="2025Q2")
    assert nan(none["latest_age_quarters"]) and nan(none["stale"])


def test_target_share_is_latest_over_target_for_level_targets_only():
    level = one(ind("S", target_value=270), stock_points("S", {"2017Q4": 197.2}))
    assert level["target_share"] == pytest.approx(197.2 / 270)
    assert level["status"] == "insufficient_data"  # no baseline near 2022Q4
    growth = one(ind("G", kind="growth", target_growth=0.15), annual("G", {2022: 100, 2024: 130}))
    assert nan(growth["target_share"])


# ====================================================================== pending figures


def test_a_year_to_date_figure_after_the_latest_value_is_pending_with_the_missing_quarters():
    from dashboard.core.progress import pending_figures

    # Annual 2024 and 2025, then January-March 2026: no trailing twelve months at 2026Q1
    # without 2025Q2-Q4 as quarters; the latest value stays 2025.
    rows = annual("F", {2024: 100, 2025: 110}) + [ob("F", "2026Q1", 30, "ytd", "s")]
    out = pending_figures(catalogue(ind("F", kind="flow", target_value=TARGET_R10)),
                          observations(rows), as_of="2026Q1")  # fmt: skip
    assert out.to_dict("records") == [
        {
            "indicator_id": "F",
            "period": "2026Q1",
            "basis": "ytd",
            "missing": ["2025Q2", "2025Q3", "2025Q4"],
        }  # fmt: skip
    ]
    latest = run([ind("F", kind="flow", target_value=TARGET_R10)], rows, as_of="2026Q1")
    assert latest.iloc[0]["latest_period"] == "2025Q4"


def test_nothing_is_pending_once_the_four_quarters_are_known_and_stocks_never_are():
    from dashboard.core.progress import pending_figures

    rows = series("F", "2025Q1", [20, 25, 30, 35, 40])  # five quarters: 2026Q1 has its TTM
    out = pending_figures(catalogue(ind("F", kind="flow", target_value=TARGET_R10)),
                          observations(rows))  # fmt: skip
    assert out.empty
    stock = stock_points("S", {"2024Q4": 100, "2026Q1": 120})
    assert pending_figures(catalogue(ind("S", target_value=TARGET_R10)), observations(stock)).empty
