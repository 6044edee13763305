"""The Methodology and Plan pages in real headless Chromium, in English and in Chinese."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import dash
import pytest

from dashboard.app import create_dash
from dashboard.services.seed import init_db
from dashboard.store.repository import Store
from dashboard.ui.pages import methodology, plan

pytestmark = pytest.mark.browser

PILLARS = {
    "logistics": ["LOG-TRAINS", "LOG-FREIGHT-VOLUME", "LOG-FREIGHT-VALUE", "LOG-PORT-THROUGHPUT",
                  "LOG-ROUTES"],
    "platform": ["PLT-CCI-FINANCING", "PLT-FTZ-ENTITIES", "PLT-FTZ-INNOVATIONS"],
    "economy": ["ECO-TRADE", "ECO-HITECH-SHARE", "ECO-SERVICE-TRADE", "ECO-FORTUNE500", "ECO-FDI"],
    "environment": ["ENV-RMB-SETTLEMENT", "ENV-PERSONNEL"],
}  # fmt: skip
ZONES_EN = ["Core Zone of Inland International Logistics Hub", "Digital Economy", "Bonded"]
ZONES_ZH = ["内陆国际物流枢纽核心区", "数字经济创新发展先行区", "先进制造业创新发展集聚区"]
#: Not UI text: URLs, indicator ids, quarter labels, currency and container units.
NOT_UI_TEXT = re.compile(r"https?://\S+|[A-Z]{3}-[A-Z0-9-]+|\d{4}Q\d|\b(?:TEU|CNY|USD)\b")


def app_for(url: str):
    store = Store.from_url(url)
    init_db(store)
    store.engine.dispose()
    app = create_dash({"DATABASE_URL": url, "SECRET_KEY": "test-secret-key"})
    # Until register_pages() lists these two pages, register them here.
    if "/methodology" not in [page["path"] for page in dash.page_registry.values()]:
        methodology.register(app)
        plan.register(app)
    return app


def visit(dash_duo, path: str, ready: str) -> str:
    """Open ``path`` on the test server, wait for ``ready`` and return the text of <main>."""
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready)
    return dash_duo.find_element("#main").text


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more left once ids, periods, units and URLs are gone."""
    return re.findall(r"[A-Za-z]{3,}", NOT_UI_TEXT.sub("", text))


def heading_levels(dash_duo) -> list[int]:
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#main :is(h1,h2,h3,h4,h5,h6)')]"
        ".map(h => Number(h.tagName[1]))"
    )


def assert_headings_in_order(dash_duo) -> None:
    levels = heading_levels(dash_duo)
    assert levels[0] == 1 and levels.count(1) == 1
    steps = zip(levels, levels[1:], strict=False)
    assert all(later - earlier <= 1 for earlier, later in steps), levels


def assert_tables_have_scoped_headers(dash_duo) -> None:
    scopes = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#main table th')].map(th => "
        "[th.closest('thead') ? 'col' : 'row', th.getAttribute('scope')])"
    )
    assert scopes and all(expected == given for expected, given in scopes)


def assert_offline(dash_duo) -> None:
    hosts = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    assert {urlparse(h).netloc for h in hosts} == {urlparse(dash_duo.server_url).netloc}


def test_methodology_in_english_explains_the_method_and_the_worked_example(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url))
    main = visit(dash_duo, "/methodology", "#worked-example")
    assert dash_duo.find_element("h1").text == "Methodology: how progress is judged"
    for words in ("Open SDG", "Statistics Canada", "Eurostat", "0.95", "0.60", "trailing twelve"):
        assert words in main
    example = dash_duo.find_element("#worked-example").text
    for shown in ("815.84", "800.68", "1,100", "4/12", "4/20", "−0.62%", "6.16%", "−0.10"):
        assert shown in example
    assert dash_duo.find_element("#example-ratio").text == "−0.10"
    rows = dash_duo.find_elements("#status-table [data-status-row]")
    assert [row.get_attribute("data-status-row") for row in rows] == list(methodology.STATUS_ORDER)
    for row in rows:
        badge = row.find_element("css selector", "[data-status]")
        assert badge.find_element("css selector", "i.bi") and badge.text.strip()
    example_section = dash_duo.find_element("section[aria-labelledby='method-example']").text
    assert "Regressing" in example_section
    assert_headings_in_order(dash_duo)
    assert_tables_have_scoped_headers(dash_duo)
    assert_offline(dash_duo)
    assert dash_duo.get_logs() == []


def test_methodology_in_chinese_has_no_english_ui_text(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url))
    main = visit(dash_duo, "/methodology?lang=zh", "#worked-example")
    assert dash_duo.find_element("#main").find_element("xpath", "..").get_attribute("lang") == (
        "zh-CN"
    )
    assert dash_duo.find_element("h1").text == "方法说明：如何判断目标进展"
    example = dash_duo.find_element("#worked-example").text
    for shown in ("8158.4", "8006.8", "11000", "−0.62%", "6.16%", "−0.10"):
        assert shown in example
    for words in ("年均复合增长率", "统计口径", "加拿大统计局", "欧盟统计局", "倒退", "进展顺利"):
        assert words in main
    assert english_words(main) == []
    assert_headings_in_order(dash_duo)
    assert dash_duo.get_logs() == []


def indicators_by_pillar(dash_duo) -> dict[str, list[str]]:
    return dash_duo.driver.execute_script(
        "const out = {}; for (const s of document.querySelectorAll('[data-pillar-section]')) {"
        " out[s.dataset.pillarSection] = [...s.querySelectorAll('[data-indicator]')]"
        ".map(r => r.dataset.indicator); } return out;"
    )


def figures_with_sources(dash_duo) -> dict[str, bool]:
    return dash_duo.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('[data-figure]')].map(r =>"
        " [r.dataset.figure, !!r.querySelector('[data-source] a[href^=\"http\"]')]))"
    )


def test_plan_in_english_lists_goals_targets_zones_and_sourced_context(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url))
    main = visit(dash_duo, "/plan", "[data-figure]")
    assert "Accelerate the construction of an inland open economy" in main
    assert "12 key tasks" in main and "four significant leaps" in main
    assert "does not list them" in main
    assert indicators_by_pillar(dash_duo) == PILLARS
    assert "over 5,000 trains" in dash_duo.find_element("[data-indicator='LOG-TRAINS']").text
    assert "By 2027, strive to achieve a total of 1.1 trillion CNY" in main
    zones = dash_duo.find_elements("#ftz-zones li")
    assert len(zones) == 5
    assert all(any(z in el.text for el in zones) for z in ZONES_EN)
    sourced = figures_with_sources(dash_duo)
    assert len(sourced) >= 40 and all(sourced.values())
    lower = dash_duo.find_element("[data-figure='ceb-cdcq-trains-2021']").text
    assert "over 4,800 trains" in lower and "Lower bound" in lower
    links = dash_duo.find_elements("#main a[href^='http']")
    assert links
    for link in links:
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in link.get_attribute("rel")
        assert link.text.strip()
    assert_headings_in_order(dash_duo)
    assert_tables_have_scoped_headers(dash_duo)
    assert_offline(dash_duo)
    assert dash_duo.get_logs() == []


def test_plan_in_chinese_has_no_english_ui_text(dash_duo, sqlite_url):
    dash_duo.start_server(app_for(sqlite_url))
    main = visit(dash_duo, "/plan?lang=zh", "[data-figure]")
    assert dash_duo.find_element("h1").text == "规划：目标、指标与背景数据"
    assert indicators_by_pillar(dash_duo) == PILLARS
    assert "外贸进出口总额" in main and "1.1万亿元" in main
    zones = [el.text for el in dash_duo.find_elements("#ftz-zones li")]
    assert len(zones) == 5 and all(z in zones for z in ZONES_ZH)
    sourced = figures_with_sources(dash_duo)
    assert len(sourced) >= 40 and all(sourced.values())
    lower = dash_duo.find_element("[data-figure='ceb-cdcq-trains-2021']").text
    assert "超过4800列" in lower and "下限值" in lower
    assert english_words(main) == []
    assert_headings_in_order(dash_duo)
    assert dash_duo.get_logs() == []
