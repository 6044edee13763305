"""Units in the upload file (DOMAIN.md): every listed unit converts exactly, others are refused
naming the units that fit."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dashboard.core.units import (
    CHINESE_SOURCE_UNIT,
    UnitError,
    accepted_units,
    convert,
    factor,
    normalise_unit,
)

INDICATOR_UNITS = ["billion CNY", "billion USD", "million t", "TEU", "million people", "trains",
                   "routes", "companies", "entities", "achievements", "percent"]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "unit", "indicator_unit", "expected"),
    [
        (0.81584, "万亿元", "billion CNY", 815.84),
        (3935, "亿元", "billion CNY", 393.5),
        (8158.4, "亿元", "billion CNY", 815.84),
        (815.84, "十亿元", "billion CNY", 815.84),
        (815.84, "bn CNY", "billion CNY", 815.84),
        (81584000, "万元", "billion CNY", 815.84),
        (467, "亿元", "billion CNY", 46.7),
        (25.18, "万标箱", "TEU", 251_800),
        (251800, "标箱", "TEU", 251_800),
        (19720, "万吨", "million t", 197.2),
        (1.972, "亿吨", "million t", 197.2),
        (386.5, "万人次", "million people", 3.865),
        (2.35, "亿美元", "billion USD", 0.235),
        (23, "万户", "entities", 230_000),
        (65.2, "%", "percent", 65.2),
        (319, "家", "companies", 319),
    ],
)
def test_listed_units_convert_exactly(value, unit, indicator_unit, expected):
    assert convert(value, unit, indicator_unit) == expected  # exact, not approximately


def test_no_unit_or_the_indicators_own_unit_means_no_conversion():
    assert convert(800.06, "", "billion CNY") == 800.06
    assert convert(800.06, "billion CNY", "billion CNY") == 800.06
    assert convert(5, "TRAINS", "trains") == 5


def test_conversion_matches_rational_arithmetic_for_every_unit():
    for indicator_unit in INDICATOR_UNITS:
        for unit in accepted_units(indicator_unit):
            for text in ("0.1", "3935", "0.81584", "12345.678"):
                exact = Fraction(text) * Fraction(str(factor(unit, indicator_unit)))
                assert convert(float(text), unit, indicator_unit) == float(exact), (unit, text)


def test_a_bilingual_unit_is_accepted_when_both_parts_agree():
    assert convert(815.84, "billion CNY / 十亿元", "billion CNY") == 815.84
    assert convert(3935, "亿元 / 亿元", "billion CNY") == 393.5
    with pytest.raises(UnitError):
        convert(1, "billion CNY / 亿元", "billion CNY")


def test_full_width_and_case_are_folded():
    assert normalise_unit("  BN   CNY ") == "bn cny"
    assert convert(1, "ＴＥＵ", "TEU") == 1


@pytest.mark.parametrize(
    ("unit", "indicator_unit"),
    [
        ("亿元", "trains"),
        ("万吨", "billion CNY"),
        ("亿美元", "billion CNY"),
        ("%", "TEU"),
        ("kg", "million t"),
        ("亿元", "percent"),
    ],  # fmt: skip
)
def test_a_unit_that_does_not_fit_is_refused_naming_the_ones_that_do(unit, indicator_unit):
    with pytest.raises(UnitError) as caught:
        convert(1, unit, indicator_unit)
    assert caught.value.accepted == accepted_units(indicator_unit)
    assert caught.value.accepted and unit not in caught.value.accepted


def test_the_chinese_template_unit_of_every_indicator_unit_is_accepted():
    for indicator_unit in INDICATOR_UNITS:
        assert CHINESE_SOURCE_UNIT[indicator_unit] in accepted_units(indicator_unit)
