"""The first page in real headless Chromium: rows, languages, console and network."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from dashboard.app import create_dash
from dashboard.seed import init_db
from dashboard.store.repository import Store

pytestmark = pytest.mark.browser

INDICATOR_IDS = [
    "LOG-TRAINS", "LOG-FREIGHT-VOLUME", "LOG-FREIGHT-VALUE", "LOG-PORT-THROUGHPUT", "LOG-ROUTES",
    "ECO-TRADE", "ECO-HITECH-SHARE", "ECO-SERVICE-TRADE", "ECO-FORTUNE500", "ECO-FDI",
    "PLT-CCI-FINANCING", "PLT-FTZ-ENTITIES", "PLT-FTZ-INNOVATIONS", "ENV-RMB-SETTLEMENT",
    "ENV-PERSONNEL",
]  # fmt: skip


def app_for(url: str, *, demo: bool = False):
    store = Store.from_url(url)
    init_db(store, demo=demo)
    store.engine.dispose()
    return create_dash({"DATABASE_URL": url})


def resource_hosts(dash_duo) -> set[str]:
    """Every host the page fetched anything from (scripts, styles, fonts, XHR)."""
    entries = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    return {urlparse(name).netloc for name in entries}


def rows_shown(dash_duo) -> list[str]:
    return [
        el.get_attribute("data-indicator")
        for el in dash_duo.find_elements("#progress-table [data-indicator]")
    ]


def test_overview_lists_all_15_targets_offline(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url))
    dash_duo.wait_for_element("#progress-table [data-indicator='ENV-PERSONNEL']")
    assert rows_shown(dash_duo) == INDICATOR_IDS
    trade = dash_duo.find_element("[data-indicator='ECO-TRADE']")
    assert "800.7 bn CNY" in trade.text and "Regressing" in trade.text
    assert (
        dash_duo.find_element("[data-indicator='ECO-TRADE'] [data-status]").get_attribute(
            "data-status"
        )
        == "regressing"
    )
    assert "illustrative-banner" not in dash_duo.driver.page_source
    own_host = urlparse(dash_duo.server_url).netloc
    assert resource_hosts(dash_duo) == {own_host}
    assert dash_duo.get_logs() == []


def test_overview_in_chinese_has_no_english_ui_text(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url))
    dash_duo.wait_for_element("#progress-table")
    dash_duo.find_element("#language-switch").click()
    dash_duo.wait_for_text_to_equal("#language-switch", "English")
    assert "lang=zh" in dash_duo.driver.current_url
    trade = dash_duo.find_element("[data-indicator='ECO-TRADE']")
    assert "8006.8亿元" in trade.text and "倒退" in trade.text
    main = dash_duo.find_element("#main").text
    # Ids (ECO-TRADE), periods (2025Q4) and units are not UI text; anything else in Latin is.
    leftovers = re.sub(r"[A-Z]{3}-[A-Z0-9-]+|\d{4}Q\d|TEU|%", "", main)
    assert re.findall(r"[A-Za-z]{3,}", leftovers) == []
    assert dash_duo.get_logs() == []


def test_demo_database_shows_the_illustrative_banner(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url, demo=True))
    dash_duo.wait_for_element("#illustrative-banner")
    assert "Illustrative data" in dash_duo.find_element("#illustrative-banner").text
    assert dash_duo.get_logs() == []
