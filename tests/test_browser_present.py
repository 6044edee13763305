"""Presenter mode and "what changed": real headless Chromium over a real SQLite file.

The prepared quarters: the published data plus one import (the shared import path, as an
upload makes it) in which, between 2025Q2 and 2025Q3,
- LOG-ROUTES goes from limited progress to on track (improved),
- PLT-FTZ-ENTITIES from on track to needs acceleration (worsened),
- ECO-HITECH-SHARE from insufficient data to needs acceleration (first judged),
- PLT-FTZ-INNOVATIONS stays on track and LOG-PORT-THROUGHPUT stays "needs acceleration"
  (both have figures in both quarters, and must not be listed).
Ratios are worked out in tests/test_core_review.py for the same numbers.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from conftest import english_words
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.imports import commit_import, prepare_import
from dashboard.store.repository import Store

PREPARED = b"""indicator_id,period,value,basis,source
LOG-ROUTES,2022Q4,60,quarter,https://example.org/routes
LOG-ROUTES,2025Q2,70,quarter,https://example.org/routes
LOG-ROUTES,2025Q3,100,quarter,https://example.org/routes
LOG-PORT-THROUGHPUT,2022,220,annual,https://example.org/port
LOG-PORT-THROUGHPUT,2024,233,annual,https://example.org/port
PLT-FTZ-ENTITIES,2022Q4,100000,quarter,https://example.org/ftz
PLT-FTZ-ENTITIES,2025Q2,150000,quarter,https://example.org/ftz
PLT-FTZ-ENTITIES,2025Q3,140000,quarter,https://example.org/ftz
ECO-HITECH-SHARE,2022Q4,50,quarter,https://example.org/hitech
ECO-HITECH-SHARE,2025Q3,55,quarter,https://example.org/hitech
PLT-FTZ-INNOVATIONS,2025Q2,160,quarter,https://example.org/innovations
PLT-FTZ-INNOVATIONS,2025Q3,161,quarter,https://example.org/innovations
"""
#: (indicator, old status, new status, kind of change), in the slides' order of pillars.
EXPECTED_CHANGES = [
    ("LOG-ROUTES", "limited_progress", "on_track", "improved"),
    ("PLT-FTZ-ENTITIES", "on_track", "needs_acceleration", "worsened"),
    ("ECO-HITECH-SHARE", "insufficient_data", "needs_acceleration", "newly_judged"),
]
SLIDES = ["logistics", "platform", "economy", "environment", "changes"]


@pytest.fixture
def prepared_app(make_app, sqlite_url):
    """The app over the published data plus the prepared quarters (one more revision)."""
    app = make_app()
    store = Store.from_url(sqlite_url)
    prepared = prepare_import(store, PREPARED, "review.csv")
    assert prepared.ok, [p.message("en") for p in prepared.errors]
    assert commit_import(store, prepared, "presenter").added == 12
    store.engine.dispose()
    return app


def query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def open_slide(dash_duo, query_string: str, pillar: str) -> None:
    dash_duo.driver.get(f"{dash_duo.server_url}/present?{query_string}")
    wait_slide(dash_duo, pillar)


def wait_slide(dash_duo, pillar: str, timeout: float = 10) -> None:
    dash_duo.wait_for_element(f"#present-root[data-pillar='{pillar}']", timeout=timeout)


def press(dash_duo, key: str) -> None:
    """A key as a clicker sends it: to whatever has focus (nothing clicked first)."""
    ActionChains(dash_duo.driver).send_keys(key).perform()


def resource_hosts(dash_duo) -> set[str]:
    entries = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])"
    )
    return {urlparse(name).netloc for name in entries}


def changed_rows(dash_duo) -> list[tuple[str, str, str, str]]:
    rows = []
    for row in dash_duo.find_elements("#what-changed tr[data-indicator]"):
        old = row.find_element("css selector", "td[data-side='old']").get_attribute("data-status")
        new = row.find_element("css selector", "td[data-side='new']").get_attribute("data-status")
        kind = row.find_element("css selector", "[data-change]").get_attribute("data-change")
        rows.append((row.get_attribute("data-indicator"), old, new, kind))
    return rows


@pytest.mark.browser
def test_clicker_keys_move_through_the_slides_and_the_url_follows(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=logistics&lang=zh&as_of=2025Q3", "logistics")
    assert dash_duo.find_element("#present-counter").text == "1 / 5"
    assert not dash_duo.find_elements("header")  # no navigation chrome
    steps = [
        (Keys.ARROW_RIGHT, "platform"),
        (Keys.SPACE, "economy"),
        (Keys.PAGE_DOWN, "environment"),
        (Keys.ARROW_RIGHT, "changes"),
        (Keys.ARROW_LEFT, "environment"),
        (Keys.PAGE_UP, "economy"),
        (Keys.HOME, "logistics"),
    ]
    for key, pillar in steps:
        press(dash_duo, key)
        wait_slide(dash_duo, pillar)
        assert query(dash_duo) == {"pillar": [pillar], "lang": ["zh"], "as_of": ["2025Q3"]}
        assert dash_duo.find_element("#present-counter").text == f"{SLIDES.index(pillar) + 1} / 5"
        assert english_words(dash_duo.find_element("body").text) == [], pillar
        assert dash_duo.find_element("#present-as-of").text == "截至 2025年第三季度"
    # Every slide was a history entry: Back walks through them.
    dash_duo.driver.back()
    wait_slide(dash_duo, "economy")
    assert query(dash_duo)["pillar"] == ["economy"]
    assert resource_hosts(dash_duo) == {urlparse(dash_duo.server_url).netloc}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_the_ends_do_not_wrap_and_home_on_the_first_slide_stays(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=changes&lang=en&as_of=2025Q3", "changes")
    assert dash_duo.find_element("#present-next").get_attribute("aria-disabled") == "true"
    press(dash_duo, Keys.ARROW_RIGHT)  # nowhere to go: stays on the last slide
    press(dash_duo, Keys.ARROW_LEFT)  # so one step back is the environment slide
    wait_slide(dash_duo, "environment")
    press(dash_duo, Keys.HOME)
    wait_slide(dash_duo, "logistics")
    assert dash_duo.find_element("#present-prev").get_attribute("aria-disabled") == "true"
    assert dash_duo.find_element("#present-first").get_attribute("aria-disabled") == "true"
    press(dash_duo, Keys.ARROW_LEFT)  # nothing before the first slide
    press(dash_duo, Keys.PAGE_DOWN)
    wait_slide(dash_duo, "platform")
    # Keys typed into a form field are the field's: no slide change.
    field = dash_duo.driver.execute_script(
        "const f = document.createElement('input'); document.body.appendChild(f); f.focus();"
        "return f;"
    )
    field.send_keys(Keys.ARROW_RIGHT, Keys.SPACE, Keys.PAGE_DOWN, "f")
    assert field.get_attribute("value") == " f"
    dash_duo.driver.execute_script("arguments[0].blur()", field)
    press(dash_duo, Keys.ARROW_LEFT)  # from platform (not economy) one step back: logistics
    wait_slide(dash_duo, "logistics")
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_buttons_work_with_the_mouse_and_exit_returns_to_the_same_view(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=platform&lang=en&as_of=2025Q3", "platform")
    dash_duo.find_element("#present-next").click()
    wait_slide(dash_duo, "economy")
    dash_duo.find_element("#present-prev").click()
    wait_slide(dash_duo, "platform")
    counter = dash_duo.find_element("#present-counter")
    assert counter.get_attribute("aria-label") == "Slide 2 of 5"
    dash_duo.find_element("#present-exit").click()
    dash_duo.wait_for_element("#indicator-cards [data-indicator]")
    assert query(dash_duo) == {"lang": ["en"], "as_of": ["2025Q3"], "pillar": ["platform"]}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_an_unknown_pillar_is_the_first_slide(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=nonsense&as_of=2025Q3", "logistics")
    assert dash_duo.find_element("#present-counter").text == "1 / 5"
    press(dash_duo, Keys.ARROW_RIGHT)
    wait_slide(dash_duo, "platform")
    assert query(dash_duo) == {"pillar": ["platform"], "lang": ["en"], "as_of": ["2025Q3"]}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_a_pillar_slide_has_its_headline_gauges_quarter_and_sources(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=logistics&lang=en&as_of=2025Q3", "logistics")
    assert dash_duo.find_element("#present-headline").text == (
        "3 of 5 logistics targets on track; port throughput needs acceleration; "
        "1 target lacks the data to judge."
    )
    cards = dash_duo.find_elements("#present-root [data-indicator]")
    assert [c.get_attribute("data-indicator") for c in cards] == [
        "LOG-TRAINS",
        "LOG-FREIGHT-VOLUME",
        "LOG-FREIGHT-VALUE",
        "LOG-PORT-THROUGHPUT",
        "LOG-ROUTES",
    ]
    assert [c.get_attribute("data-status") for c in cards] == [
        "insufficient_data",
        "on_track",
        "on_track",  # freight value: 25.12 bn CNY in 2022 (published since) -> 46.7 in 2024
        "needs_acceleration",
        "on_track",
    ]
    # Status in words on every card, a gauge where there is one to draw, a notice otherwise.
    assert "On track" in cards[4].text and "100 routes (2025Q3)" in cards[4].text
    assert cards[4].find_elements("css selector", ".present-gauge .main-svg")
    assert cards[0].find_element("css selector", "[data-notice]").text == "No data yet"
    assert dash_duo.find_element("#present-as-of").text == "As of 2025Q3"
    sources = dash_duo.find_element("#present-sources")
    addresses = {a.get_attribute("href") for a in sources.find_elements("css selector", "a")}
    assert {"https://example.org/routes", "https://example.org/port"} <= addresses
    assert "Building Chongqing's Inland Open Economy" in sources.text  # the plan, by its title
    dash_duo.driver.get(f"{dash_duo.server_url}/present?pillar=logistics&lang=zh&as_of=2025Q3")
    dash_duo.wait_for_text_to_equal(
        "#present-headline",
        "物流枢纽板块 5 项目标中 3 项进展顺利；港口吞吐量需加快进度；1 项数据不足，尚无法判断。",
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_what_changed_slide_lists_the_prepared_changes(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=changes&lang=en&as_of=2025Q3", "changes")
    assert changed_rows(dash_duo) == EXPECTED_CHANGES
    assert dash_duo.find_element("#present-headline").text == (
        "3 targets changed status between 2025Q2 and 2025Q3."
    )
    routes = dash_duo.find_element("#what-changed tr[data-indicator='LOG-ROUTES']")
    old, new = routes.find_elements("css selector", "td[data-side]")
    assert "Limited progress" in old.text and "70 routes (2025Q2)" in old.text
    assert "ratio R = 0.43" in old.text
    assert "On track" in new.text and "100 routes (2025Q3)" in new.text
    assert "ratio R = 1.37" in new.text
    share = dash_duo.find_element("#what-changed tr[data-indicator='ECO-HITECH-SHARE']")
    assert "Less than a year since the baseline" in share.text  # why 2025Q2 was not judged
    assert "Now judged" in share.text
    # From 2024Q4 to 2025Q1 nothing changed in these data, and the slide says so.
    open_slide(dash_duo, "pillar=changes&lang=zh&as_of=2025Q1", "changes")
    assert dash_duo.find_element("#what-changed").get_attribute("data-count") == "0"
    assert dash_duo.find_element("#present-headline").text == (
        "2024年第四季度至2025年第一季度间没有目标的状态发生变化。"
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_overview_lists_the_same_changes_and_links_to_present_and_downloads(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    base = dash_duo.server_url
    dash_duo.driver.get(f"{base}/?as_of=2025Q3&lang=en")
    dash_duo.wait_for_element("#what-changed tr[data-indicator]")
    assert changed_rows(dash_duo) == EXPECTED_CHANGES
    assert dash_duo.find_element("#what-changed-heading").text == "What changed since 2025Q2"
    href = {
        name: dash_duo.find_element(f"#{name}").get_attribute("href")
        for name in ("present-link", "download-progress-csv", "download-progress-xlsx")
    }
    assert href == {
        "present-link": f"{base}/present?pillar=logistics&lang=en&as_of=2025Q3",
        "download-progress-csv": f"{base}/export/progress.csv?as_of=2025Q3&lang=en",
        "download-progress-xlsx": f"{base}/export/progress.xlsx?as_of=2025Q3&lang=en",
    }
    assert dash_duo.find_element("#briefing-link").get_attribute("href") == (
        f"{base}/briefing?as_of=2025Q3&lang=en"
    )
    # One pillar: only its changes, and the links carry the pillar.
    dash_duo.driver.get(f"{base}/?as_of=2025Q3&lang=en&pillar=platform")
    dash_duo.wait_for_element("#what-changed tr[data-indicator]")
    assert changed_rows(dash_duo) == [EXPECTED_CHANGES[1]]
    assert dash_duo.find_element("#download-progress-csv").get_attribute("href") == (
        f"{base}/export/progress.csv?as_of=2025Q3&pillar=platform&lang=en"
    )
    link = dash_duo.find_element("#present-link")
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({behavior: 'instant', block: 'center'})", link
    )
    link.click()
    wait_slide(dash_duo, "platform")
    assert query(dash_duo) == {"pillar": ["platform"], "lang": ["en"], "as_of": ["2025Q3"]}
    # A quarter without changes says so in a sentence.
    dash_duo.driver.get(f"{base}/?as_of=2025Q1&lang=en")
    dash_duo.wait_for_text_to_equal(
        "#what-changed", "No target changed status between 2024Q4 and 2025Q1."
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_auto_advance_moves_on_and_wraps_after_the_last_slide(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=environment&lang=en&as_of=2025Q3&auto=3", "environment")
    assert "every 3 s" in dash_duo.find_element(".present-bar").text
    wait_slide(dash_duo, "changes", timeout=20)
    wait_slide(dash_duo, "logistics", timeout=20)
    assert query(dash_duo)["auto"] == ["3"]
    dash_duo.find_element("#present-auto-stop").click()
    dash_duo.wait_for_element("#present-root[data-auto='']")
    assert "auto" not in query(dash_duo)
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_f_toggles_full_screen(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=economy&lang=en", "economy")
    press(dash_duo, "f")
    dash_duo.wait_for_element("#present-fullscreen[aria-pressed='true']")
    assert dash_duo.driver.execute_script("return document.fullscreenElement !== null")
    press(dash_duo, "f")
    dash_duo.wait_for_element("#present-fullscreen[aria-pressed='false']")
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1024, 768)])
def test_every_slide_fits_the_projector_without_scrolling(dash_duo, make_app, width, height):
    dash_duo.start_server(make_app(demo=True))  # the demo data draw a gauge on most cards
    driver = dash_duo.driver
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    for lang in ("en", "zh"):
        for pillar in SLIDES:
            open_slide(dash_duo, f"pillar={pillar}&lang={lang}", pillar)
            size = driver.execute_script(
                "const d = document.documentElement;"
                "return [innerWidth, innerHeight, d.scrollWidth, d.scrollHeight]"
            )
            assert size[:2] == [width, height]
            assert size[2] <= width and size[3] <= height, (lang, pillar, size)
            # Large type: the headline is at least 20 px on the smallest projector.
            font = driver.execute_script(
                "return parseFloat(getComputedStyle("
                "document.getElementById('present-headline')).fontSize)"
            )
            assert font >= 20, (lang, pillar, font)
    assert dash_duo.get_logs() == []


# ----- the headline, without a browser ---------------------------------------------------------


def rows(*statuses: str) -> pd.DataFrame:
    ids = ["LOG-TRAINS", "LOG-FREIGHT-VOLUME", "LOG-FREIGHT-VALUE", "LOG-PORT-THROUGHPUT"]
    return pd.DataFrame({"indicator_id": ids[: len(statuses)], "status": list(statuses)})


@pytest.mark.parametrize(
    ("statuses", "english", "chinese"),
    [
        (
            ("on_track", "on_track", "needs_acceleration", "needs_acceleration"),
            "2 of 4 logistics targets on track; corridor freight value and port throughput "
            "need acceleration.",
            "物流枢纽板块 4 项目标中 2 项进展顺利；通道货值和港口吞吐量需加快进度。",
        ),
        (
            ("regressing", "limited_progress", "needs_acceleration", "insufficient_data"),
            "0 of 4 logistics targets on track; corridor train traffic is regressing; "
            "corridor freight volume is making limited progress; corridor freight value needs "
            "acceleration; "
            "1 target lacks the data to judge.",
            "物流枢纽板块 4 项目标中 0 项进展顺利；通道班列出现倒退；通道货量进展有限；"
            "通道货值需加快进度；1 项数据不足，尚无法判断。",
        ),
        (
            ("achieved", "on_track", "limited_progress"),
            "1 of 3 logistics targets achieved and 1 on track; corridor freight value is making "
            "limited progress.",
            "物流枢纽板块 3 项目标中 1 项已实现、1 项进展顺利；通道货值进展有限。",
        ),
        (
            ("achieved", "insufficient_data", "insufficient_data"),
            "1 of 3 logistics targets achieved; 2 targets lack the data to judge.",
            "物流枢纽板块 3 项目标中 1 项已实现；2 项数据不足，尚无法判断。",
        ),
        (
            ("insufficient_data", "insufficient_data"),
            "None of the 2 logistics targets can be judged yet: the data are not sufficient.",
            "物流枢纽板块 2 项目标均因数据不足，尚无法判断。",
        ),
    ],
)
def test_headline_counts_names_the_worst_first_and_says_what_cannot_be_judged(
    statuses, english, chinese
):
    from dashboard.ui.slides import headline

    assert headline(rows(*statuses), "logistics", "en") == english
    assert headline(rows(*statuses), "logistics", "zh") == chinese
