"""Every page, both languages, in headless Chromium: console, network, headings, keyboard."""

from __future__ import annotations

from itertools import pairwise
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/?pillar=economy",
    "/indicator/ECO-FORTUNE500",
    "/corridors",
    "/plan",
    "/methodology",
    "/nowhere",
]


def test_every_page_is_clean_offline_and_well_structured(dash_duo, make_app):
    dash_duo.start_server(make_app())
    own_host = urlparse(dash_duo.server_url).netloc
    for lang in ("en", "zh"):
        for path in PAGES:
            joiner = "&" if "?" in path else "?"
            dash_duo.driver.get(f"{dash_duo.server_url}{path}{joiner}lang={lang}")
            dash_duo.wait_for_element("main#main h1")
            where = f"{path} ({lang})"
            hosts = dash_duo.driver.execute_script(
                "return performance.getEntriesByType('resource').map(e => e.name)"
            )
            assert {urlparse(h).netloc for h in hosts} <= {own_host}, where
            levels = [
                int(h.tag_name[1])
                for h in dash_duo.find_elements("main h1, main h2, main h3, main h4")
            ]
            assert levels.count(1) == 1 and levels[0] == 1, where
            assert all(b - a <= 1 for a, b in pairwise(levels)), (where, levels)
            assert dash_duo.find_elements("header") and dash_duo.find_elements("footer"), where
            expected = "zh-CN" if lang == "zh" else "en"
            assert (
                dash_duo.find_element("main")
                .find_element("xpath", "./ancestor::div[@lang][1]")
                .get_attribute("lang")
                == expected
            ), where
            assert dash_duo.get_logs() == [], where


def test_keyboard_skip_link_and_pillar_choice(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.wait_for_element("[data-indicator]")
    body = dash_duo.find_element("body")
    body.send_keys(Keys.TAB)
    focused = dash_duo.driver.switch_to.active_element
    assert focused.get_attribute("href").endswith("#main")  # the skip link comes first
    # Tab on, as a keyboard user would, to the pillar links; focus must be visible there.
    for _ in range(30):
        dash_duo.driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = dash_duo.driver.switch_to.active_element
        if "pillar=platform" in (focused.get_attribute("href") or ""):
            break
    else:
        pytest.fail("the pillar links cannot be reached with the Tab key")
    assert focused.value_of_css_property("outline-style") != "none"
    focused.send_keys(Keys.ENTER)
    dash_duo.wait_for_element("#pillar-filter a.active[href*='pillar=platform']")
    cards = dash_duo.find_elements("#indicator-cards [data-indicator]")
    assert [c.get_attribute("data-indicator")[:4] for c in cards] == ["PLT-"] * 3
    assert dash_duo.get_logs() == []
