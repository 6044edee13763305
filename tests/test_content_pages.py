"""Methodology and Plan pages without a browser: the worked example and the data-to-text helpers.

Every value in the shipped context figures (topic, scope, unit, confidence, date form) must have
words in both languages, so that a new row cannot put untranslated text on the Chinese page.
"""

from __future__ import annotations

import re

import pytest

from dashboard.core.catalogue import PILLAR_IDS
from dashboard.core.progress import STATUSES
from dashboard.i18n import catalogue
from dashboard.services.seed import load_catalogue
from dashboard.store.reference import context_figures
from dashboard.ui import worked_example
from dashboard.ui.pages import methodology, plan

EN, ZH = catalogue("en"), catalogue("zh")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def test_worked_example_is_computed_by_the_progress_code():
    example = worked_example.worked_example()
    assert (example.x0, example.xt, example.target) == (815.84, 800.68, 1100.0)
    assert (example.n, example.big_n) == (12, 20)
    assert example.a == pytest.approx((800.68 / 815.84) ** (4 / 12) - 1)
    assert example.r == pytest.approx((1100 / 815.84) ** (4 / 20) - 1)
    assert example.ratio == pytest.approx(example.a / example.r)
    assert example.status == "regressing"


@pytest.mark.parametrize(
    ("lang", "a", "r", "ratio"),
    [("en", "−0.62%", "6.16%", "−0.10"), ("zh", "−0.62%", "6.16%", "−0.10")],
)
def test_worked_example_numbers_as_shown(lang, a, r, ratio):
    example = worked_example.worked_example()
    assert worked_example.percent(example.a, lang) == a
    assert worked_example.percent(example.r, lang) == r
    assert worked_example.number(example.ratio, lang, 2, trim=False) == ratio


def test_the_status_table_lists_the_six_statuses_of_the_method():
    assert sorted(methodology.STATUS_ORDER) == sorted(STATUSES)


def test_every_message_symbol_is_a_known_formula_symbol():
    fields = set()
    for key, text in EN.items():
        if key.startswith("method."):
            fields |= set(re.findall(r"\{(\w+)\}", text))
    parameters = {"target", "baseline", "latest", "n_value", "big_n_value", "unit", "ratio"}
    parameters |= {"change", "required", "yoy", "projected", "expected"}
    assert fields - parameters <= methodology.SYMBOL_NAMES


def test_chinese_quotations_translate_the_catalogue_sentence_of_each_pillar():
    indicators = load_catalogue()
    for pillar in PILLAR_IDS:
        texts = set(indicators.loc[indicators["pillar"] == pillar, "target_text"])
        assert texts == {EN[f"plan.quote.{pillar}"]}, pillar


@pytest.mark.parametrize("column", ["topic", "unit", "scope", "confidence"])
def test_every_context_value_has_words_in_both_languages(column):
    prefix = {"topic": "plan.topic", "unit": "plan.unit", "scope": "plan.scope"}.get(
        column, "plan.confidence"
    )
    values = set(context_figures()[column]) - {"", "percent", plan.DEFAULT_SCOPE}
    if column == "topic":
        keys = {f"{prefix}.{v}" for v in values}
    else:
        keys = {f"{prefix}.{plan.slug(v)}" for v in values}
    assert keys - set(EN) == set()
    assert keys - set(ZH) == set()


def test_every_context_figure_renders_without_latin_words_in_chinese():
    for _, row in context_figures().iterrows():
        value = plan.context_number(row["value"], row["unit"], "zh")
        as_of = plan.format_as_of(row["as_of"], "zh")
        leftovers = re.sub(r"\b(TEU|CNY|USD)\b", "", f"{value} {as_of}")
        assert LATIN_WORD.findall(leftovers) == [], row["figure_id"]


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (4800, "trains", "en", "4,800 trains"),
        (4800, "trains", "zh", "4800列"),
        (14000, "trains", "zh", "1.4万列"),
        (25.65, "billion USD", "en", "25.65 bn USD"),
        (25.65, "billion USD", "zh", "256.5亿美元"),
        (390, "million USD", "zh", "3.9亿美元"),
        (1.289, "million TEU", "en", "1.289 million TEU"),
        (1.289, "million TEU", "zh", "128.9万标准箱"),
        (418.75, "billion CNY", "en", "418.75 bn CNY"),
        (50000, "enterprises", "zh", "5万家"),
        (50.3, "percent", "zh", "50.3%"),
        (12, "consulates", "zh", "12个"),
    ],
)
def test_context_numbers_keep_their_published_digits(value, unit, lang, expected):
    assert plan.context_number(value, unit, lang) == expected


@pytest.mark.parametrize(
    ("text", "english", "chinese"),
    [
        ("2023", "2023", "2023年"),
        ("2020-03", "Mar 2020", "2020年3月"),
        ("2022-06-23", "23 Jun 2022", "2022年6月23日"),
        ("2023-01 to 2023-09", "Jan–Sep 2023", "2023年1—9月"),
        ("2021 to 2025", "2021–2025", "2021—2025年"),
        ("cumulative to 2023", "cumulative to 2023", "截至2023年累计"),
        ("cumulative to 2023-10", "cumulative to Oct 2023", "截至2023年10月累计"),
    ],
)
def test_dates_of_context_figures(text, english, chinese):
    assert plan.format_as_of(text, "en") == english
    assert plan.format_as_of(text, "zh") == chinese


def test_flag_columns_mark_lower_bounds_and_related_targets():
    figures = context_figures().set_index("figure_id")
    flags = {fid: plan.figure_flags(row) for fid, row in figures.iterrows()}
    assert flags["ceb-cdcq-trains-2021"].qualifier == "over"
    assert flags["ceb-cdcq-cumulative-2023"].qualifier == "nearly"
    assert flags["cci-financial-projects-amount"].qualifier == "about"
    assert flags["eco-foreign-invested-firms"].date_approximate
    assert flags["corridor-railsea-trains-2020"].related == ("LOG-TRAINS",)
    assert flags["ceb-cq-trains-2020"].year_on_year == "+72"
    lower_bounds = {f for f, note in figures["note"].items() if "lower bound" in note}
    assert lower_bounds == {f for f, flag in flags.items() if flag.qualifier == "over"}
    known = set(load_catalogue()["indicator_id"])
    assert {i for flag in flags.values() for i in flag.related} <= known
