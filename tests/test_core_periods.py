"""Independent tests of dashboard.core.periods, written from DOMAIN.md ("The quarterly data
file") and the interface description; every expectation is computed by hand below.

Quarter index = year*4 + quarter - 1, so:
    2025Q1 -> 2025*4 + 0 = 8100
    2025Q2 -> 8101, 2025Q3 -> 8102, 2025Q4 -> 8103
    2024Q4 -> 2024*4 + 3 = 8099
    2022Q4 -> 2022*4 + 3 = 8091
    2027Q4 -> 2027*4 + 3 = 8111
"""

import dataclasses

import pytest

from dashboard.core.periods import (
    Period,
    PeriodError,
    parse_period,
    parse_quarter,
    quarter_index,
    quarter_label,
)

# 2025*4 + 3 - 1 = 8102
IDX_2025Q3 = 8102
# 2024*4 + 4 - 1 = 8099 (a bare year ends at its Q4)
IDX_2024Q4 = 8099

ACCEPTED_2025Q3 = [
    "2025Q3",
    "2025-Q3",
    "2025 Q3",
    "Q3 2025",
    "2025年第三季度",
    "2025年Q3",
    "2025q3",
    "  2025Q3  ",
    "\t2025Q3\n",
    "２０２５Ｑ３",
    "2025年第3季度",
    "2025年三季度",
]

# other quarters in the same spellings: (text, year, quarter)
ACCEPTED_OTHER = [
    ("2025年第一季度", 2025, 1),
    ("2025年第二季度", 2025, 2),
    ("2026年第四季度", 2026, 4),
    ("2023年一季度", 2023, 1),
    ("Q1 2026", 2026, 1),
    ("2024-Q4", 2024, 4),
    ("2022 Q4", 2022, 4),
    ("2027q4", 2027, 4),
    ("2025年Q2", 2025, 2),
    ("2025年第4季度", 2025, 4),
]

REJECTED = ["", "   ", "2025Q5", "2025Q0", "Q3", "25Q3", "2025-07", "abc", "2025Q3x"]


# ---------------------------------------------------------------- quarter_index / label
@pytest.mark.parametrize(
    "year, quarter, index",
    [
        (2025, 1, 8100),  # 2025*4 + 1 - 1
        (2025, 2, 8101),  # 2025*4 + 2 - 1
        (2025, 3, 8102),  # 2025*4 + 3 - 1
        (2025, 4, 8103),  # 2025*4 + 4 - 1
        (2022, 4, 8091),  # 2022*4 + 3
        (2027, 4, 8111),  # 2027*4 + 3
        (2000, 1, 8000),  # 2000*4
    ],
)
def test_quarter_index_is_year_times_four_plus_quarter_minus_one(year, quarter, index):
    assert quarter_index(year, quarter) == index


@pytest.mark.parametrize(
    "index, label",
    [
        (8101, "2025Q2"),  # 8101 = 2025*4 + 1 -> Q2
        (8100, "2025Q1"),
        (8103, "2025Q4"),
        (8099, "2024Q4"),  # 8099 = 2024*4 + 3 -> Q4
        (8091, "2022Q4"),
        (8111, "2027Q4"),
    ],
)
def test_quarter_label_inverts_quarter_index(index, label):
    assert quarter_label(index) == label


def test_quarter_label_and_index_round_trip_over_years():
    for year in range(2018, 2031):
        for quarter in (1, 2, 3, 4):
            assert quarter_label(quarter_index(year, quarter)) == f"{year}Q{quarter}"


def test_consecutive_quarters_have_consecutive_indices_across_year_boundary():
    # 2024Q4 -> 8099, 2025Q1 -> 8100: the year boundary is one step
    assert quarter_index(2025, 1) - quarter_index(2024, 4) == 1
    # 2022Q4 .. 2027Q4 is 5 years = 20 quarters
    assert quarter_index(2027, 4) - quarter_index(2022, 4) == 20


# ---------------------------------------------------------------- Period
def test_period_quarter_label_and_end_index():
    p = Period(2025, 3)
    assert p.label == "2025Q3"
    assert p.end_index == IDX_2025Q3


def test_period_year_label_and_end_index_is_its_q4():
    p = Period(2024, None)
    assert p.label == "2024"
    assert p.end_index == IDX_2024Q4  # 2024*4 + 4 - 1


def test_period_is_frozen():
    p = Period(2025, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.year = 2026  # type: ignore[misc]


def test_periods_order_by_year_then_quarter():
    assert Period(2024, 4) < Period(2025, 1) < Period(2025, 2)
    assert sorted([Period(2025, 2), Period(2023, 4), Period(2025, 1)]) == [
        Period(2023, 4),
        Period(2025, 1),
        Period(2025, 2),
    ]


def test_period_error_is_a_value_error():
    assert issubclass(PeriodError, ValueError)


# ---------------------------------------------------------------- parse_period
@pytest.mark.parametrize("text", ACCEPTED_2025Q3)
def test_parse_period_accepts_spelling_of_2025q3(text):
    p = parse_period(text)
    assert p == Period(2025, 3)
    assert p.label == "2025Q3"
    assert p.end_index == IDX_2025Q3


@pytest.mark.parametrize("text, year, quarter", ACCEPTED_OTHER)
def test_parse_period_accepts_other_quarters(text, year, quarter):
    p = parse_period(text)
    assert (p.year, p.quarter) == (year, quarter)
    assert p.label == f"{year}Q{quarter}"


@pytest.mark.parametrize("text", ["2024", " 2024 ", "２０２４"])
def test_parse_period_bare_year_is_full_year(text):
    p = parse_period(text)
    assert p == Period(2024, None)
    assert p.quarter is None
    assert p.label == "2024"
    assert p.end_index == IDX_2024Q4


@pytest.mark.parametrize("text", REJECTED)
def test_parse_period_rejects_invalid_text_with_message(text):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert str(info.value).strip() != ""


# ---------------------------------------------------------------- parse_quarter
@pytest.mark.parametrize("text", ACCEPTED_2025Q3)
def test_parse_quarter_returns_index_for_every_spelling(text):
    assert parse_quarter(text) == IDX_2025Q3


@pytest.mark.parametrize(
    "text, index",
    [("2022Q4", 8091), ("2027Q4", 8111), ("Q1 2025", 8100), ("2024年第四季度", 8099)],
)
def test_parse_quarter_known_indices(text, index):
    assert parse_quarter(text) == index


@pytest.mark.parametrize("text", ["2024", "2025"])
def test_parse_quarter_rejects_bare_year(text):
    with pytest.raises(PeriodError):
        parse_quarter(text)


@pytest.mark.parametrize("text", REJECTED)
def test_parse_quarter_rejects_unparseable(text):
    with pytest.raises(PeriodError):
        parse_quarter(text)
