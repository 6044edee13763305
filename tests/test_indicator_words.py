"""What the indicator pages say, in words officials use (issues 11 and 12), read from the exact
response Dash's router sends the browser for each page, over the shipped published data."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import DATA_DIR
from test_hostile_input import _router_body
from test_security import strings_in

from dashboard.services.imports import commit_import, prepare_import

INDICATOR_IDS = [
    row["indicator_id"] for row in csv.DictReader((DATA_DIR / "indicators.csv").open())
]
INTERNAL = re.compile(r"\bundefined\b|无定义|\bNaN\b|\bnan\b|R\s*[=≥<]|ratio R|比值 R")


@pytest.fixture
def client(make_app):
    client = make_app().server.test_client()
    client.get("/")
    return client


def page_text(client, path: str, search: str = "") -> str:
    response = client.post("/_dash-update-component", json=_router_body(path, search))
    assert response.status_code == 200
    return " ".join(strings_in(response.get_json()["response"]["_pages_content"]["children"]))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_indicator_page_shows_internal_words(client, lang):
    for indicator_id in INDICATOR_IDS:
        text = page_text(client, f"/indicator/{indicator_id}", f"?lang={lang}")
        assert not INTERNAL.search(text), (indicator_id, INTERNAL.search(text).group(0))


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "no 2022 figure published"), ("zh", "2022年无公开数据")],
)
def test_a_baseline_that_stands_in_for_a_missing_year_says_so(client, lang, said):
    # Inbound and outbound personnel: no 2022 figure; 2023 stands in (DOMAIN.md baseline rule).
    text = page_text(client, "/indicator/ENV-PERSONNEL", f"?lang={lang}")
    assert said in text
    assert "2023" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_growing_at_a_share_of_the_pace_needed_is_said_in_words(client, lang):
    text = page_text(client, "/indicator/ECO-FORTUNE500", f"?lang={lang}")
    words = {"en": "% of the pace needed", "zh": "增速为所需速度的"}[lang]
    assert words in text


def test_an_accepted_figure_that_changes_nothing_says_why_and_what_is_missing(make_app, sqlite_url):
    from dashboard.store.repository import Store

    app = make_app()
    store = Store.from_url(sqlite_url)
    data = (
        b"indicator_id,period,value,basis,source\n"
        b"ECO-TRADE,2026Q1,193.5,ytd,https://example.gov.cn/customs\n"
    )
    prepared = prepare_import(store, data, "q1.csv")
    assert prepared.ok and commit_import(store, prepared, "tester").revision_id
    client = app.server.test_client()
    client.get("/")
    text = page_text(client, "/indicator/ECO-TRADE", "?lang=en&as_of=2026Q1")
    assert "2026Q1 figure (year to date) does not change the latest value" in text
    assert "2025Q2, 2025Q3, 2025Q4" in text
    zh = page_text(client, "/indicator/ECO-TRADE", "?lang=zh&as_of=2026Q1")
    assert "暂不改变最新值" in zh and "2025年第二季度" in zh
    # The latest value is still 2025's.
    assert "800.7 bn CNY (2025)" in text
