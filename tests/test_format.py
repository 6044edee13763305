"""Numbers as each language's statistics write them."""

from __future__ import annotations

import math

import pytest

from dashboard.ui.format import (
    format_percent,
    format_period,
    format_value,
    source_addresses,
)

CASES = [
    # value, unit, English, Chinese
    (800.68, "billion CNY", "800.7 bn CNY", "8006.8亿元"),
    (1100, "billion CNY", "1,100 bn CNY", "1.1万亿元"),
    (46.7, "billion CNY", "46.7 bn CNY", "467亿元"),
    (10.272, "billion USD", "10.27 bn USD", "102.72亿美元"),
    (251800, "TEU", "251,800 TEU", "25.18万标准箱"),
    (5000, "trains", "5,000 trains", "5000列"),
    (270, "million t", "270 million t", "2.7亿吨"),
    (5, "million people", "5 million people", "500万人次"),
    (230000, "entities", "230,000 entities", "23万户"),
    (65, "percent", "65% ", "65%"),
    (976.0624579771436, "billion CNY", "976.1 bn CNY", "9760.6亿元"),
    (322, "companies", "322 companies", "322家"),
]


@pytest.mark.parametrize(("value", "unit", "english", "chinese"), CASES)
def test_values_in_both_languages(value, unit, english, chinese):
    assert format_value(value, unit, "en") == english.strip()
    assert format_value(value, unit, "zh") == chinese


def test_missing_value_is_a_dash():
    assert format_value(math.nan, "TEU", "en") == "–"
    assert format_value(None, "TEU", "zh") == "–"


@pytest.mark.parametrize(
    ("fraction", "signed", "expected"),
    [(0.15, False, "15%"), (0.153, True, "+15.3%"), (-0.0062, True, "-0.6%"), (0.0, True, "0%")],
)
def test_percent(fraction, signed, expected):
    assert format_percent(fraction, "en", signed=signed) == expected


@pytest.mark.parametrize(
    ("label", "english", "chinese"),
    [("2025Q3", "2025Q3", "2025年第三季度"), ("2024", "2024", "2024年"), (None, "–", "–")],
)
def test_periods(label, english, chinese):
    assert format_period(label, "en") == english
    assert format_period(label, "zh") == chinese


def test_source_addresses_split_several():
    text = "https://163.com/a.html; https://en.dnyxxg.com/cq/3790.html"
    assert source_addresses(text) == [
        "https://163.com/a.html",
        "https://en.dnyxxg.com/cq/3790.html",
    ]
    assert source_addresses("https://echannel5.com (single.html, id=1826)") == [
        "https://echannel5.com"
    ]
    assert source_addresses("seeds/004_23db1aef8e1b3645.txt") == []


def test_every_icon_the_code_names_is_in_the_served_subset():
    """A new icon needs `scripts/subset_icons.py` run again, or it would show as a blank."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    used = set()
    for path in (root / "dashboard").rglob("*.py"):
        used |= set(re.findall(r"\bbi-([a-z0-9-]+)", path.read_text(encoding="utf-8")))
    css = (root / "assets/vendor/bootstrap-icons/bootstrap-icons-subset.css").read_text()
    served = set(re.findall(r"\.bi-([a-z0-9-]+)::before", css))
    assert used and used <= served, sorted(used - served)


def test_short_form_drops_the_currency_only_in_english():
    assert format_value(1100, "billion CNY", "en", short=True) == "1,100 bn"
    assert format_value(1100, "billion CNY", "zh", short=True) == "1.1万亿元"
    assert format_value(5000, "trains", "en", short=True) == "5,000 trains"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "shown"),
    [
        (324.69, "companies", "zh", "325家"),
        (324.69, "companies", "en", "325 companies"),
        (12.5, "routes", "en", "13 routes"),
        (229_999.6, "entities", "zh", "23万户"),
        (5_000.2, "trains", "en", "5,000 trains"),
        (147.4, "achievements", "zh", "147项"),
    ],
)
def test_counts_are_whole_numbers(value, unit, lang, shown):
    assert format_value(value, unit, lang) == shown
