"""The indicator page in headless Chromium: the numbers of the method, charts, data, language."""

from __future__ import annotations

import pytest
from conftest import english_words

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
    assert numbers["a"] == "-0.6%" and numbers["r"] == "+6.2%" and numbers["R"] == "-0.1012"
    assert dash_duo.find_element("#rule-applied").get_attribute("data-rule") == "ratio"
    assert "Regressing" in dash_duo.find_element("#rule-applied").text
    periods = [
        r.get_attribute("data-period") for r in dash_duo.find_elements("#observations tbody tr")
    ]
    assert periods == ["2019", "2020", "2021", "2022", "2024", "2025"]
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
    # x0 = 150,000 (2022), xt = 251,800 (2024), n = 8: a = (251800/150000)^(1/2) - 1 = 29.6 %
    assert numbers["g*"] == "15%" and numbers["a"] == "+29.6%" and numbers["R"] == "1.9709"
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
    ] == ["2019", "2020", "2021", "2022", "2024", "2025"]
    assert dash_duo.get_logs() == []


def test_unknown_indicator_says_so(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/indicator/NOPE")
    dash_duo.wait_for_text_to_equal("h1", "Unknown indicator")
    assert "NOPE" in dash_duo.find_element("#main").text
    assert dash_duo.get_logs() == []
