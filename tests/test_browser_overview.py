"""The overview in real headless Chromium: cards, filters in the URL, languages, offline."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import english_words

pytestmark = pytest.mark.browser

INDICATOR_IDS = [
    "LOG-TRAINS",
    "LOG-FREIGHT-VOLUME",
    "LOG-FREIGHT-VALUE",
    "LOG-PORT-THROUGHPUT",
    "LOG-ROUTES",
    "PLT-CCI-FINANCING",
    "PLT-FTZ-ENTITIES",
    "PLT-FTZ-INNOVATIONS",
    "ECO-TRADE",
    "ECO-HITECH-SHARE",
    "ECO-SERVICE-TRADE",
    "ECO-FORTUNE500",
    "ECO-FDI",
    "ENV-RMB-SETTLEMENT",
    "ENV-PERSONNEL",
]  # fmt: skip  (grouped by pillar, in the plan's order of pillars)
LOGISTICS = [i for i in INDICATOR_IDS if i.startswith("LOG-")]
CARDS = "#indicator-cards [data-indicator]"


def resource_hosts(dash_duo) -> set[str]:
    """Every host the page fetched anything from (scripts, styles, fonts, XHR)."""
    entries = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    return {urlparse(name).netloc for name in entries}


def cards_shown(dash_duo) -> list[str]:
    return [el.get_attribute("data-indicator") for el in dash_duo.find_elements(CARDS)]


def query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def open_page(dash_duo, path: str, ready: str = CARDS) -> None:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready)


def test_overview_shows_15_cards_offline(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.wait_for_element("[data-indicator='ENV-PERSONNEL']")
    assert cards_shown(dash_duo) == INDICATOR_IDS
    trade = dash_duo.find_element("[data-indicator='ECO-TRADE']")
    assert trade.get_attribute("data-status") == "regressing"
    assert "800.7 bn CNY" in trade.text and "Regressing" in trade.text
    sentence = trade.find_element("css selector", ".card-sentence").text
    assert sentence == (
        "Foreign trade, imports + exports, per year: 800.7 bn CNY in 2025, regressing; "
        "1,100 bn needed by 2027."
    )
    # A target with no data says so instead of drawing an empty gauge.
    trains = dash_duo.find_element("[data-indicator='LOG-TRAINS']")
    assert trains.find_element("css selector", "[data-notice='no_data']").text == "No data yet"
    # A level target with a baseline and a year of data draws its gauge.
    assert dash_duo.find_elements("[data-indicator='ECO-FORTUNE500'] .gauge .main-svg")
    assert not dash_duo.find_elements("#illustrative-banner")
    assert resource_hosts(dash_duo) == {urlparse(dash_duo.server_url).netloc}
    assert dash_duo.get_logs() == []


def test_pillar_filter_puts_the_pillar_in_the_url_and_back_works(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.wait_for_element(CARDS)
    dash_duo.find_element("#pillar-filter a[href*='pillar=logistics']").click()
    dash_duo.wait_for_element("#pillar-filter a.active[href*='pillar=logistics']")
    assert cards_shown(dash_duo) == LOGISTICS
    assert query(dash_duo)["pillar"] == ["logistics"]
    dash_duo.driver.back()
    dash_duo.wait_for_element("[data-indicator='ENV-PERSONNEL']")
    assert cards_shown(dash_duo) == INDICATOR_IDS
    assert dash_duo.get_logs() == []


def test_loading_a_shared_url_restores_the_view(dash_duo, make_app):
    dash_duo.start_server(make_app())
    open_page(dash_duo, "/?pillar=economy&as_of=2024Q4&lang=zh")
    assert cards_shown(dash_duo) == [i for i in INDICATOR_IDS if i.startswith("ECO-")]
    assert dash_duo.find_element("#as-of-label").text == "截至 2024年第四季度"
    trade = dash_duo.find_element("[data-indicator='ECO-TRADE']")
    assert "7154.2亿元" in trade.text  # 715.42 bn CNY in 2024
    assert dash_duo.get_logs() == []


def test_changing_as_of_changes_the_values(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.wait_for_element(CARDS)
    assert "800.7 bn CNY (2025)" in dash_duo.find_element("[data-indicator='ECO-TRADE']").text
    dash_duo.select_dcc_dropdown("#as-of-select", value="2024Q4")
    dash_duo.wait_for_text_to_equal("#as-of-label", "As of 2024Q4")
    assert "715.4 bn CNY (2024)" in dash_duo.find_element("[data-indicator='ECO-TRADE']").text
    assert query(dash_duo)["as_of"] == ["2024Q4"]
    assert dash_duo.get_logs() == []


def test_chinese_overview_has_no_english_ui_text(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.wait_for_element(CARDS)
    dash_duo.find_element("#language-switch").click()
    dash_duo.wait_for_text_to_equal("#language-switch", "English")
    assert query(dash_duo)["lang"] == ["zh"]
    trade = dash_duo.find_element("[data-indicator='ECO-TRADE']")
    assert "8006.8亿元" in trade.text and "倒退" in trade.text
    # Ids (ECO-TRADE), quarter labels and units are data, not UI text.
    assert english_words(dash_duo.find_element("body").text) == []
    assert dash_duo.get_logs() == []


def test_demo_database_shows_the_illustrative_banner(dash_duo, make_app):
    dash_duo.start_server(make_app(demo=True))
    dash_duo.wait_for_element("#illustrative-banner")
    assert "Illustrative data" in dash_duo.find_element("#illustrative-banner").text
    assert len(cards_shown(dash_duo)) == 15
    assert dash_duo.get_logs() == []
