"""Plausibility warnings (DOMAIN.md) against the real published series shipped in data/."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA_DIR

from dashboard.core.plausibility import implausible_values

COLUMNS = ["indicator_id", "period", "basis", "value"]


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "indicators.csv")


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / "observations.csv", dtype={"period": str})
    return frame[COLUMNS]


def _without(published, indicator_id, period) -> pd.DataFrame:
    keep = ~((published["indicator_id"] == indicator_id) & (published["period"] == period))
    return published[keep]


def _rows(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def test_the_real_2025_freight_figures_are_plausible(catalogue, published):
    # 2024: 251,800 TEU and 46.7 bn CNY; 2025 as published: 327,700 TEU and 58.31 bn (+30 %, +25 %)
    current = _without(
        _without(published, "LOG-FREIGHT-VOLUME", "2025"), "LOG-FREIGHT-VALUE", "2025"
    )
    incoming = _rows(
        ("LOG-FREIGHT-VOLUME", "2025", "annual", 327_700),
        ("LOG-FREIGHT-VALUE", "2025", "annual", 58.31),
    )
    assert implausible_values(catalogue, current, incoming) == []


def test_a_genuine_40_percent_year_is_not_flagged(catalogue, published):
    current = _without(published, "LOG-FREIGHT-VOLUME", "2025")
    incoming = _rows(("LOG-FREIGHT-VOLUME", "2025", "annual", 251_800 * 1.4))
    assert implausible_values(catalogue, current, incoming) == []


@pytest.mark.parametrize(
    ("value", "why"),
    [(583.1, "亿元 typed into the bn CNY column"), (5.831, "a hundred times too small")],
)
def test_a_unit_slip_in_the_real_2025_freight_value_is_flagged(catalogue, published, value, why):
    current = _without(published, "LOG-FREIGHT-VALUE", "2025")
    [found] = implausible_values(
        catalogue, current, _rows(("LOG-FREIGHT-VALUE", "2025", "annual", value))
    )
    assert (found.position, found.value) == (0, value), why
    assert (found.compared_value, found.compared_period) == (46.7, "2024")


def test_freight_volume_in_wan_teu_typed_as_teu_is_flagged(catalogue, published):
    current = _without(published, "LOG-FREIGHT-VOLUME", "2025")
    [found] = implausible_values(
        catalogue, current, _rows(("LOG-FREIGHT-VOLUME", "2025", "annual", 32.77))
    )
    assert found.compared_value == 251_800


def test_year_to_date_compares_with_the_same_months_or_the_annualised_year(catalogue, published):
    # 2023 January-September freight value was 19.33 bn; 2025 Q1 quarter value 11.587 bn.
    # A January-March 2026 year-to-date of 15 is a normal quarter (x4 = 60 against 58.31).
    incoming = _rows(("LOG-FREIGHT-VALUE", "2026Q1", "ytd", 15.0))
    assert implausible_values(catalogue, published, incoming) == []
    # 150 (亿元 typed as bn) for the same quarter: x4 = 600 against 58.31: flagged.
    [found] = implausible_values(
        catalogue, published, _rows(("LOG-FREIGHT-VALUE", "2026Q1", "ytd", 150.0))
    )
    assert found.annualised and found.compared_period == "2025"
    # January-September 2026 against January-September 2023 (the same months): 25 is fine.
    assert (
        implausible_values(
            catalogue, published, _rows(("LOG-FREIGHT-VALUE", "2026Q3", "ytd", 25.0))
        )
        == []
    )


def test_stocks_compare_levels_whatever_the_basis(catalogue):
    current = _rows(("ECO-FORTUNE500", "2023Q3", "quarter", 319))
    assert (
        implausible_values(catalogue, current, _rows(("ECO-FORTUNE500", "2025", "annual", 331)))
        == []
    )
    [found] = implausible_values(
        catalogue, current, _rows(("ECO-FORTUNE500", "2025", "annual", 3.31))
    )
    assert found.compared_value == 319


def test_nothing_to_compare_with_is_no_warning(catalogue):
    empty = _rows()
    assert implausible_values(catalogue, empty, _rows(("ECO-TRADE", "2025", "annual", 9e9))) == []
