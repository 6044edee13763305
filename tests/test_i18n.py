"""Both languages complete; every key used in the code exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from dashboard.i18n import catalogue, normalise_language, t

EN, ZH = catalogue("en"), catalogue("zh")

CODE = Path(__file__).resolve().parent.parent / "dashboard"


def test_both_languages_have_the_same_keys():
    assert set(EN) == set(ZH)


@pytest.mark.parametrize("key", sorted(EN))
def test_every_message_is_translated_with_the_same_parameters(key):
    english, chinese = EN[key], ZH[key]
    assert english.strip() and chinese.strip()
    fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
    assert fields == {f for _, f, _, _ in string.Formatter().parse(chinese) if f}


def test_every_literal_key_in_the_code_exists():
    used = set()
    for path in CODE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - set(EN)) == []


def test_missing_key_is_an_error_not_a_fallback():
    with pytest.raises(KeyError):
        t("no.such.key", "zh")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("zh", "zh"), ("zh-CN", "zh"), ("ZH_hans", "zh"), ("en", "en"), (None, "en"), ("fr", "en")],
)
def test_language_codes(given, expected):
    assert normalise_language(given) == expected


def test_every_status_rule_of_the_engine_is_explained_in_both_languages():
    from dashboard.core.progress import RULES

    assert {f"rule.{code}" for code in RULES} <= set(EN) & set(ZH)


def test_the_engine_reports_only_known_rules(tmp_path):
    from dashboard.core.progress import RULES
    from dashboard.services.seed import init_db
    from dashboard.store.repository import Store

    store = Store.from_url(f"sqlite:///{tmp_path / 'demo.db'}")
    init_db(store, demo=True)
    for as_of in ("2023Q1", "2024Q2", "2025Q3"):
        assert set(store.progress(as_of=as_of)["rule"]) <= set(RULES)


def test_no_key_is_defined_in_two_message_modules():
    from collections import Counter

    from dashboard.i18n import MODULES

    for modules in MODULES.values():
        counts = Counter(key for module in modules for key in module.MESSAGES)
        assert sorted(key for key, n in counts.items() if n > 1) == []
