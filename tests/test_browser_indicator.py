"""The indicator page in headless Chromium: the numbers of the method, charts, data, language."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import english_words
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains

pytestmark = pytest.mark.browser


def calculation(dash_duo) -> dict[str, str]:
    rows = dash_duo.find_elements("#calculation tbody tr")
    return {
        r.get_attribute("data-symbol"): r.find_elements("css selector", "td")[-1].text for r in rows
    }


def test_card_opens_its_indicator_page_with_the_calculation(dash_duo, make_app):
    dash_duo.start_server(make_app())
    link = dash_duo.wait_for_element("[data-indicator='ECO-TRADE'] .card-title a")
    # Instant: Bootstrap makes scrolling smooth, and a click mid-animation misses.
    scroll = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})"
    dash_duo.driver.execute_script(scroll, link)
    link.click()
    dash_duo.wait_for_text_to_equal("#indicator-name", "Foreign trade, imports + exports, per year")
    assert dash_duo.driver.current_url.split("?")[0].endswith("/indicator/ECO-TRADE")
    numbers = calculation(dash_duo)
    # x0 = 815.84 (2022), xt = 800.68 (2025), n = 12, N = 20: a = -0.62 %, r = 6.16 %, R = -0.1012
    assert (numbers["n"], numbers["N"]) == ("12", "20")
    assert numbers["x₀"] == "815.8 bn CNY" and numbers["xₜ"] == "800.7 bn CNY"
    assert (
        numbers["a"] == "-0.6%"
        and numbers["r"] == "+6.2%"
        and numbers["R"] == "-0.1: moving away from the target"
    )
    assert dash_duo.find_element("#rule-applied").get_attribute("data-rule") == "ratio"
    assert "Regressing" in dash_duo.find_element("#rule-applied").text
    periods = [
        r.get_attribute("data-period") for r in dash_duo.find_elements("#observations tbody tr")
    ]
    assert periods == [
        "2019", "2020", "2021", "2021Q2", "2022", "2022Q1", "2022Q3", "2023", "2024", "2025",
    ]  # fmt: skip
    dash_duo.wait_for_element("#series-chart .main-svg")
    dash_duo.wait_for_element("#yoy-chart .main-svg")
    legend = dash_duo.find_element("#series-chart").text
    for name in ("Observed", "Baseline", "Required path", "Target 2027"):
        assert name in legend
    assert dash_duo.get_logs() == []


def test_growth_indicator_shows_rates_in_chinese(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/indicator/LOG-FREIGHT-VOLUME?lang=zh")
    dash_duo.wait_for_text_to_equal("#indicator-name", "通道运输货量")
    numbers = calculation(dash_duo)
    # x0 = 148,000 (2022), xt = 327,700 (2025), n = 12: a = (327700/148000)^(1/3) - 1 = 30.3 %
    assert (
        numbers["g*"] == "15%"
        and numbers["a"] == "+30.3%"
        and numbers["R"] == "2.02（增速为所需速度的202%）"
    )
    assert "进展顺利" in dash_duo.find_element("#rule-applied").text
    assert english_words(dash_duo.find_element("body").text) == []
    assert dash_duo.get_logs() == []


def test_as_of_is_carried_to_the_indicator_page(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/indicator/ECO-TRADE?as_of=2024Q4")
    dash_duo.wait_for_element("#calculation")
    assert calculation(dash_duo)["xₜ"] == "715.4 bn CNY"
    assert [
        r.get_attribute("data-period") for r in dash_duo.find_elements("#observations tbody tr")
    ] == ["2019", "2020", "2021", "2021Q2", "2022", "2022Q1", "2022Q3", "2023", "2024", "2025"]
    assert dash_duo.get_logs() == []


def test_unknown_indicator_says_so(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/indicator/NOPE")
    dash_duo.wait_for_text_to_equal("h1", "Unknown indicator")
    assert "NOPE" in dash_duo.find_element("#main").text
    assert dash_duo.get_logs() == []


#: Records what plotly's "Download plot as a PNG" hands to the browser instead of saving a file
#: (plotly saves through a link with a ``download`` name, which it clicks), and keeps the
#: image's blob readable afterwards.
RECORD_DOWNLOADS = """
window.__downloads = [];
URL.revokeObjectURL = function () {};
HTMLAnchorElement.prototype.click = function () {
  window.__downloads.push({name: this.download, href: this.href});
};
"""
#: The first bytes and the size of what a blob or data URL holds.
READ_URL = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.arrayBuffer())
  .then(b => done({size: b.byteLength, head: Array.from(new Uint8Array(b.slice(0, 8)))}))
  .catch(e => done({error: String(e)}));
"""
PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10]
PNG_BUTTON = ".modebar-btn[data-title='Download plot as a PNG']"
MODEBAR_BUTTONS = "#series-chart .modebar-btn"


def png_download(dash_duo, graph: str) -> str:
    """Hover the chart, press its PNG button; check it made a PNG, return the file name."""
    chart = dash_duo.wait_for_element(f"{graph} .main-svg")
    scroll = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})"
    dash_duo.driver.execute_script(scroll, chart)
    dash_duo.driver.execute_script(RECORD_DOWNLOADS)
    ActionChains(dash_duo.driver).move_to_element(chart).perform()
    button = dash_duo.wait_for_element(f"{graph} {PNG_BUTTON}")
    ActionChains(dash_duo.driver).move_to_element(button).click().perform()
    # plotly draws the PNG asynchronously, then saves it
    until(lambda: dash_duo.driver.execute_script("return window.__downloads.length"), 10)
    saved = dash_duo.driver.execute_script("return window.__downloads[0]")
    assert saved["href"].startswith(("blob:" + dash_duo.server_url, "data:image/png"))
    image = dash_duo.driver.execute_async_script(READ_URL, saved["href"])
    assert image.get("head") == PNG_SIGNATURE and image["size"] > 1000, image
    # plotly's "Taking snapshot" note (top right) would cover the next chart's button
    note = "return document.querySelectorAll('.plotly-notifier .notifier-note').length"
    until(lambda: dash_duo.driver.execute_script(note) == 0, 15)
    return saved["name"]


def http_hosts(dash_duo) -> set[str]:
    entries = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    return {urlparse(e).netloc for e in entries if e.startswith("http")}


def test_charts_download_as_png_offline_with_a_meaningful_name(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/indicator/ECO-TRADE?as_of=2025Q4")
    dash_duo.wait_for_element("#yoy-chart .main-svg")
    # plotly's own modebar: no logo (a link to plotly's site), no selection tools, and no
    # "Share chart..." (plotly.js 4 would upload the chart to Plotly Cloud).
    titles = [b.get_attribute("data-title") for b in dash_duo.find_elements(MODEBAR_BUTTONS)]
    assert titles == [
        "Download plot as a PNG",
        "Zoom",
        "Pan",
        "Zoom in",
        "Zoom out",
        "Reset axes",
    ]
    assert not dash_duo.find_elements("#series-chart .modebar-btn--logo")
    assert png_download(dash_duo, "#series-chart") == "ECO-TRADE-series-2025Q4.png"
    assert png_download(dash_duo, "#yoy-chart") == "ECO-TRADE-yoy-2025Q4.png"
    assert http_hosts(dash_duo) == {urlparse(dash_duo.server_url).netloc}
    assert dash_duo.get_logs() == []


def test_a_card_gauge_downloads_as_png_and_does_nothing_else(dash_duo, make_app):
    dash_duo.start_server(make_app())
    gauge = "[data-indicator='ECO-FORTUNE500'] .gauge"
    dash_duo.wait_for_element(f"{gauge} .main-svg")
    buttons = dash_duo.find_elements(f"{gauge} .modebar-btn")
    assert [b.get_attribute("data-title") for b in buttons] == ["Download plot as a PNG"]
    assert png_download(dash_duo, gauge) == "ECO-FORTUNE500-gauge-2025Q4.png"
    # Pressing the button did not follow the card's link to the indicator page.
    assert "/indicator/" not in dash_duo.driver.current_url
    assert http_hosts(dash_duo) == {urlparse(dash_duo.server_url).netloc}
    assert dash_duo.get_logs() == []
