"""Presenter mode and "what changed": real headless Chromium over a real SQLite file.

The URL: ``pillar`` is the overview's filter and chooses the deck (``pillar=platform``: the
platform slide, then what changed among the platform targets; none: the four pillars, then
what changed among all), ``slide`` the slide within it (left out for the deck's first).

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

import re
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from conftest import english_words
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.services.imports import commit_import, prepare_import
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
#: A store with only these figures: as of 2024Q4 no logistics target can be judged (no
#: baseline within a year of 2022Q4), but three have a figure, one of them from 2017 (stale).
UNJUDGED = b"""indicator_id,period,value,basis,source
LOG-PORT-THROUGHPUT,2017,197,annual,https://example.org/port
LOG-FREIGHT-VOLUME,2024,200000,annual,https://example.org/volume
LOG-ROUTES,2024Q3,90,quarter,https://example.org/routes
"""
#: Words that never belong on a slide (the method's symbols, or a number that is not one).
NEVER_ON_A_SLIDE = re.compile(r"\bR\s*=|\bratio\b|undefined|无定义|比值|\bNaN\b|\bnan\b")


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


@pytest.fixture
def unjudged_app(sqlite_url):
    """The app over a store holding only :data:`UNJUDGED` (no published data)."""
    from dashboard.app import create_dash
    from dashboard.services.seed import init_db

    store = Store.from_url(sqlite_url)
    init_db(store, empty=True)
    prepared = prepare_import(store, UNJUDGED, "unjudged.csv")
    assert prepared.ok, [p.message("en") for p in prepared.errors]
    commit_import(store, prepared, "presenter")
    store.engine.dispose()
    return create_dash({"DATABASE_URL": sqlite_url, "SECRET_KEY": "test-secret-key"})


def query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def in_deck(slide: str, **params: str) -> dict[str, list[str]]:
    """The query of ``slide`` in the whole deck (its first slide has no ``slide``)."""
    return {**({} if slide == SLIDES[0] else {"slide": [slide]}),
            **{k: [v] for k, v in params.items()}}  # fmt: skip


def window(dash_duo, width: int, height: int) -> None:
    """The browser's inner window exactly ``width`` x ``height``."""
    driver = dash_duo.driver
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    assert driver.execute_script("return [innerWidth, innerHeight]") == [width, height]


def phone(dash_duo) -> None:
    """A 390x844 phone (touch, device width): as the phone's browser lays the page out."""
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )


def font_px(dash_duo, selector: str) -> list[float]:
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))",
        selector,
    )


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
    open_slide(dash_duo, "lang=zh&as_of=2025Q3", "logistics")  # no pillar: the whole deck
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
        assert query(dash_duo) == in_deck(pillar, lang="zh", as_of="2025Q3")
        assert dash_duo.find_element("#present-counter").text == f"{SLIDES.index(pillar) + 1} / 5"
        assert english_words(dash_duo.find_element("body").text) == [], pillar
        assert dash_duo.find_element("#present-as-of").text == "截至 2025年第三季度"
    # Every slide was a history entry: Back walks through them.
    dash_duo.driver.back()
    wait_slide(dash_duo, "economy")
    assert query(dash_duo)["slide"] == ["economy"]
    assert resource_hosts(dash_duo) == {urlparse(dash_duo.server_url).netloc}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_the_ends_do_not_wrap_and_home_on_the_first_slide_stays(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "slide=changes&lang=en&as_of=2025Q3", "changes")
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
    open_slide(dash_duo, "slide=platform&lang=en&as_of=2025Q3", "platform")
    dash_duo.find_element("#present-next").click()
    wait_slide(dash_duo, "economy")
    dash_duo.find_element("#present-prev").click()
    wait_slide(dash_duo, "platform")
    counter = dash_duo.find_element("#present-counter")
    assert counter.get_attribute("aria-label") == "Slide 2 of 5"
    dash_duo.find_element("#present-exit").click()
    dash_duo.wait_for_element("#indicator-cards [data-indicator]")
    # The whole deck came from the overview of all pillars (a slide is no longer a filter).
    assert query(dash_duo) == {"lang": ["en"], "as_of": ["2025Q3"]}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_an_unknown_pillar_is_the_first_slide(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=nonsense&as_of=2025Q3", "logistics")
    assert dash_duo.find_element("#present-counter").text == "1 / 5"
    press(dash_duo, Keys.ARROW_RIGHT)
    wait_slide(dash_duo, "platform")
    assert query(dash_duo) == {"slide": ["platform"], "lang": ["en"], "as_of": ["2025Q3"]}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_a_pillar_slide_has_its_headline_gauges_quarter_and_sources(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "pillar=logistics&lang=en&as_of=2025Q3", "logistics")
    assert dash_duo.find_element("#present-headline").text == (
        "3 of 5 logistics targets on track; port throughput needs acceleration; "
        "1 target lacks the data to judge."
    )
    assert dash_duo.find_element("#present-counter").text == "1 / 2"  # the logistics deck
    cards = dash_duo.find_elements("#present-root [data-indicator]")
    # The targets with a figure first, in the catalogue's order; one without data after them,
    # as a small card (not a large grey box).
    assert [c.get_attribute("data-indicator") for c in cards] == [
        "LOG-FREIGHT-VOLUME",
        "LOG-FREIGHT-VALUE",
        "LOG-PORT-THROUGHPUT",
        "LOG-ROUTES",
        "LOG-TRAINS",
    ]
    assert [c.get_attribute("data-status") for c in cards] == [
        "on_track",
        "on_track",  # freight value: 25.12 bn CNY in 2022 (published since) -> 46.7 in 2024
        "needs_acceleration",
        "on_track",
        "insufficient_data",
    ]
    # Status in words on every card, a gauge where there is one to draw, a notice otherwise.
    assert "On track" in cards[3].text and "100 routes (2025Q3)" in cards[3].text
    assert cards[3].find_elements("css selector", ".present-gauge .main-svg")
    assert cards[4].find_element("css selector", "[data-notice]").text == "No data yet"
    assert cards[4].size["height"] < cards[3].size["height"] / 3
    assert dash_duo.find_element("#present-as-of").text == "As of 2025Q3"
    sources = dash_duo.find_element("#present-sources")
    addresses = {a.get_attribute("href") for a in sources.find_elements("css selector", "a")}
    assert {"https://example.org/routes", "https://example.org/port"} <= addresses
    assert "Building Chongqing's Inland Open Economy" in sources.text  # the plan, by its title
    dash_duo.driver.get(f"{dash_duo.server_url}/present?pillar=logistics&lang=zh&as_of=2025Q3")
    dash_duo.wait_for_text_to_equal(
        "#present-headline",
        "物流枢纽板块5项目标中，3项进展顺利；港口吞吐量需加快进度；1项数据不足，尚无法判断。",
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_what_changed_slide_lists_the_prepared_changes(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "slide=changes&lang=en&as_of=2025Q3", "changes")
    assert changed_rows(dash_duo) == EXPECTED_CHANGES
    assert dash_duo.find_element("#present-headline").text == (
        "3 targets changed status between 2025Q2 and 2025Q3."
    )
    routes = dash_duo.find_element("#what-changed tr[data-indicator='LOG-ROUTES']")
    old, new = routes.find_elements("css selector", "td[data-side]")
    assert "Limited progress" in old.text and "70 routes (2025Q2)" in old.text
    # The reason in words, not "ratio R = 0.43": r = 2^(4/20) - 1 = 14.9 % a year needed;
    # a = (70/60)^(4/10) - 1 = +6.4 %, then (100/60)^(4/11) - 1 = +20.4 % (R 0.43 -> 1.37).
    assert "needs 14.9% a year, growing +6.4%" in old.text
    assert "On track" in new.text and "100 routes (2025Q3)" in new.text
    assert "needs 14.9% a year, growing +20.4%" in new.text
    assert not NEVER_ON_A_SLIDE.findall(dash_duo.find_element("#present-root").text)
    share = dash_duo.find_element("#what-changed tr[data-indicator='ECO-HITECH-SHARE']")
    assert "Less than a year since the baseline" in share.text  # why 2025Q2 was not judged
    assert "Now judged" in share.text
    # From 2024Q4 to 2025Q1 nothing changed in these data, and the slide says so.
    open_slide(dash_duo, "slide=changes&lang=zh&as_of=2025Q1", "changes")
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
        "present-link": f"{base}/present?lang=en&as_of=2025Q3",  # all pillars: the whole deck
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
    open_slide(dash_duo, "slide=environment&lang=en&as_of=2025Q3&auto=3", "environment")
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
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768), (1024, 768)])
def test_every_slide_fits_the_projector_without_scrolling(dash_duo, make_app, width, height):
    dash_duo.start_server(make_app(demo=True))  # the demo data draw a gauge on most cards
    driver = dash_duo.driver
    window(dash_duo, width, height)
    for lang in ("en", "zh"):
        for pillar in SLIDES:
            open_slide(dash_duo, f"slide={pillar}&lang={lang}", pillar)
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


# ----- issue 12: one pillar's deck, Escape, type for a room, nothing judged, a phone -------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_pillar_filter_keeps_to_its_deck_and_its_own_changes(dash_duo, prepared_app, lang):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, f"pillar=platform&lang={lang}&as_of=2025Q3", "platform")
    assert dash_duo.find_element("#present-root").get_attribute("data-deck") == "platform"
    assert dash_duo.find_element("#present-counter").text == "1 / 2"
    for disabled in ("#present-prev", "#present-first"):
        assert dash_duo.find_element(disabled).get_attribute("aria-disabled") == "true"
    press(dash_duo, Keys.ARROW_LEFT)  # nothing before the deck's first slide
    press(dash_duo, Keys.ARROW_RIGHT)
    wait_slide(dash_duo, "changes")
    assert query(dash_duo) == {
        "pillar": ["platform"],
        "slide": ["changes"],
        "lang": [lang],
        "as_of": ["2025Q3"],
    }
    assert dash_duo.find_element("#present-counter").text == "2 / 2"
    assert dash_duo.find_element("#present-next").get_attribute("aria-disabled") == "true"
    # What changed among the platform targets only (the whole deck lists three).
    assert changed_rows(dash_duo) == [EXPECTED_CHANGES[1]]
    headline = {
        "en": "1 open-platform target changed status between 2025Q2 and 2025Q3.",
        "zh": "2025年第二季度至2025年第三季度间开放平台板块有1项目标的状态发生变化。",
    }
    assert dash_duo.find_element("#present-headline").text == headline[lang]
    sources = dash_duo.find_element("#present-sources")
    addresses = {a.get_attribute("href") for a in sources.find_elements("css selector", "a")}
    assert "https://example.org/ftz" in addresses and "https://example.org/routes" not in addresses
    press(dash_duo, Keys.SPACE)  # nowhere after the deck's last slide: it stays
    press(dash_duo, Keys.PAGE_UP)
    wait_slide(dash_duo, "platform")
    assert query(dash_duo) == {"pillar": ["platform"], "lang": [lang], "as_of": ["2025Q3"]}
    press(dash_duo, Keys.PAGE_DOWN)
    wait_slide(dash_duo, "changes")
    press(dash_duo, Keys.HOME)
    wait_slide(dash_duo, "platform")
    if lang == "zh":
        assert english_words(dash_duo.find_element("body").text) == []
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_without_a_pillar_the_deck_is_every_pillar_then_all_changes(dash_duo, prepared_app):
    dash_duo.start_server(prepared_app)
    open_slide(dash_duo, "lang=en&as_of=2025Q3", "logistics")
    seen = []
    for number, slide in enumerate(SLIDES, start=1):
        wait_slide(dash_duo, slide)
        assert dash_duo.find_element("#present-root").get_attribute("data-deck") == "all"
        assert dash_duo.find_element("#present-counter").text == f"{number} / 5"
        seen.append(slide)
        press(dash_duo, Keys.ARROW_RIGHT)
    assert seen == SLIDES
    assert changed_rows(dash_duo) == EXPECTED_CHANGES
    # A slide outside the deck asked for: the deck's first.
    open_slide(dash_duo, "pillar=economy&slide=platform&lang=en&as_of=2025Q3", "economy")
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_escape_returns_to_the_view_it_came_from(dash_duo, prepared_app, lang):
    dash_duo.start_server(prepared_app)
    base = dash_duo.server_url
    dash_duo.driver.get(f"{base}/?pillar=economy&as_of=2025Q3&lang={lang}")
    link = dash_duo.wait_for_element("#present-link")
    assert query_of(link.get_attribute("href")) == {
        "pillar": ["economy"],
        "lang": [lang],
        "as_of": ["2025Q3"],
    }
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({behavior: 'instant', block: 'center'})", link
    )
    link.click()
    wait_slide(dash_duo, "economy")
    press(dash_duo, Keys.ARROW_RIGHT)
    wait_slide(dash_duo, "changes")
    press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_element("#indicator-cards [data-indicator]")
    assert urlparse(dash_duo.driver.current_url).path == "/"
    assert query(dash_duo) == {"pillar": ["economy"], "as_of": ["2025Q3"], "lang": [lang]}
    sections = dash_duo.find_elements("[data-pillar-section]")
    assert [s.get_attribute("data-pillar-section") for s in sections] == ["economy"]
    # From the whole deck (no filter, no quarter chosen): the overview of all pillars.
    open_slide(dash_duo, f"slide=environment&lang={lang}", "environment")
    press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_element("#indicator-cards [data-indicator]")
    assert query(dash_duo) == {"lang": [lang]}
    assert len(dash_duo.find_elements("[data-pillar-section]")) == 4
    assert dash_duo.get_logs() == []


def query_of(address: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(address).query)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tick_labels_and_sources_read_from_the_back_of_the_room(
    dash_duo, prepared_app, unjudged_app, lang
):
    """At 1920x1080: gauge tick labels (judged and share-of-target gauges) and the sources
    line at least 20 px."""
    dash_duo.start_server(prepared_app)
    window(dash_duo, 1920, 1080)
    for query_string, slide in (
        (f"pillar=logistics&lang={lang}&as_of=2025Q3", "logistics"),
        (f"slide=platform&lang={lang}&as_of=2025Q3", "platform"),
        (f"slide=changes&lang={lang}&as_of=2025Q3", "changes"),
    ):
        open_slide(dash_duo, query_string, slide)
        if slide != "changes":
            ticks = "#present-root .present-graph g.xangularaxistick text"
            dash_duo.wait_for_element(ticks)
            sizes = font_px(dash_duo, ticks)
            assert sizes and min(sizes) >= 20, (slide, sizes)
        sources = font_px(dash_duo, "#present-sources")
        assert sources and sources[0] >= 20, (slide, sources)
        assert font_px(dash_duo, "#present-sources a")[0] >= 20
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_slide_with_nothing_judged_leads_with_what_is_known(dash_duo, unjudged_app, lang):
    dash_duo.start_server(unjudged_app)
    window(dash_duo, 1920, 1080)
    open_slide(dash_duo, f"pillar=logistics&lang={lang}&as_of=2024Q4", "logistics")
    cards = dash_duo.find_elements("#present-root [data-indicator]")
    assert {c.get_attribute("data-status") for c in cards} == {"insufficient_data"}
    stale = {"en": "stale", "zh": "数据陈旧"}[lang]
    headline = dash_duo.find_element("#present-headline")
    expected = {
        "en": "None of the 5 logistics targets can be judged yet. Known: corridor freight "
        "volume 200,000 TEU (2024); port throughput 197 million t (2017) stale; international "
        "route network 90 routes (2024Q3). No data yet for 2 targets.",
        "zh": "物流枢纽板块5项目标均尚无法判断。已知：通道货量 20万标准箱 (2024年)；港口吞吐量 "
        "1.97亿吨 (2017年) 数据陈旧；国际和地区线路 90条 (2024年第三季度)。2项暂无数据。",
    }
    # (its text content: the marker's inline box may wrap in WebDriver's rendering of .text)
    assert headline.get_attribute("textContent") == expected[lang]
    # "stale" with its icon beside the old figure, in the headline and on its card.
    assert headline.find_element("css selector", "[data-stale='true'] .bi").is_displayed()
    # The known figures first and large: the share of the target for a level target, the
    # value itself for a growth target; the targets without data after them, small.
    assert [
        (c.get_attribute("data-indicator"), c.get_attribute("data-picture")) for c in cards
    ] == [
        ("LOG-FREIGHT-VOLUME", "value"),
        ("LOG-PORT-THROUGHPUT", "share"),
        ("LOG-ROUTES", "share"),
        ("LOG-TRAINS", "empty"),
        ("LOG-FREIGHT-VALUE", "empty"),
    ]
    volume, port, routes, trains, value = cards
    number = volume.find_element("css selector", ".present-value-number")
    assert number.text == {"en": "200,000 TEU", "zh": "20万标准箱"}[lang]
    assert font_px(dash_duo, ".present-value-number")[0] >= 40
    for card in (port, routes):
        assert card.find_elements("css selector", ".present-gauge-share .main-svg")
        assert "data-notice" in card.get_attribute("innerHTML")
    assert port.find_element("css selector", "[data-stale='true']").text == stale
    assert not routes.find_elements("css selector", "[data-stale]")
    gauge_number = port.find_element("css selector", ".present-graph .number").text
    assert gauge_number == "73%"  # 197 of 270 million t
    for empty in (trains, value):
        assert empty.size["height"] < port.size["height"] / 3
        assert not empty.find_elements("css selector", ".present-gauge")
    # Nothing on the slide says "undefined", "NaN" or "R = ..."; the slide fits the projector.
    text = dash_duo.find_element("#present-root").text
    assert not NEVER_ON_A_SLIDE.findall(text)
    size = dash_duo.driver.execute_script(
        "const d = document.documentElement; return [d.scrollWidth, d.scrollHeight]"
    )
    assert size[0] <= 1920 and size[1] <= 1080
    if lang == "zh":
        assert english_words(dash_duo.find_element("body").text) == []
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_a_phone_the_slide_stacks_without_scrolling_sideways(dash_duo, prepared_app, lang):
    dash_duo.start_server(prepared_app)
    phone(dash_duo)
    for query_string, slide in [
        *((f"slide={s}&lang={lang}&as_of=2025Q3", s) for s in SLIDES),
        (f"pillar=logistics&lang={lang}&as_of=2023Q4", "logistics"),  # nothing judged
    ]:
        open_slide(dash_duo, query_string, slide)
        metrics = dash_duo.driver.execute_script(
            "const d = document.documentElement;"
            "return {inner: innerWidth, scroll: d.scrollWidth,"
            " lefts: [...document.querySelectorAll('.present-grid > .present-card')]"
            "   .map(c => Math.round(c.getBoundingClientRect().left)),"
            " rights: [...document.querySelectorAll('#present-root *')]"
            "   .map(e => e.getBoundingClientRect().right)}"
        )
        assert metrics["inner"] == 390
        assert metrics["scroll"] <= metrics["inner"], (slide, metrics["scroll"])
        assert max(metrics["rights"]) <= 390.5, slide
        # One card per row: every card starts at the same left edge.
        assert len(set(metrics["lefts"])) <= 1, (slide, metrics["lefts"])
        # The bar is at hand at the bottom of the screen, its buttons inside it.
        bar = dash_duo.driver.execute_script(
            "return [...document.querySelectorAll('.present-bar .btn')]"
            ".map(b => b.getBoundingClientRect()).map(r => [r.left, r.right, r.bottom])"
        )
        assert all(0 <= left and right <= 390 and bottom <= 844 for left, right, bottom in bar)
    # The bar works with a finger: Next, then Exit.
    open_slide(dash_duo, f"lang={lang}&as_of=2025Q3", "logistics")
    dash_duo.find_element("#present-next").click()
    wait_slide(dash_duo, "platform")
    dash_duo.find_element("#present-exit").click()
    dash_duo.wait_for_element("#indicator-cards [data-indicator]")
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
            "物流枢纽板块4项目标中，2项进展顺利；通道货值和港口吞吐量需加快进度。",
        ),
        (
            ("regressing", "limited_progress", "needs_acceleration", "insufficient_data"),
            "None of the 4 logistics targets is on track yet; corridor train traffic is "
            "regressing; corridor freight volume is making limited progress; corridor freight "
            "value needs acceleration; "
            "1 target lacks the data to judge.",
            "物流枢纽板块4项目标暂无进展顺利的；通道班列出现倒退；通道货量进展有限；"
            "通道货值需加快进度；1项数据不足，尚无法判断。",
        ),
        (
            ("achieved", "on_track", "limited_progress"),
            "1 of 3 logistics targets achieved and 1 on track; corridor freight value is making "
            "limited progress.",
            "物流枢纽板块3项目标中，1项已实现、1项进展顺利；通道货值进展有限。",
        ),
        (
            ("achieved", "insufficient_data", "insufficient_data"),
            "1 of 3 logistics targets achieved; 2 targets lack the data to judge.",
            "物流枢纽板块3项目标中，1项已实现；2项数据不足，尚无法判断。",
        ),
        (
            ("insufficient_data", "insufficient_data"),
            "None of the 2 logistics targets can be judged yet: the data are not sufficient.",
            "物流枢纽板块2项目标均因数据不足，尚无法判断。",
        ),
    ],
)
def test_headline_counts_names_the_worst_first_and_says_what_cannot_be_judged(
    statuses, english, chinese
):
    from dashboard.ui.slides import headline

    assert headline(rows(*statuses), "logistics", "en") == english
    assert headline(rows(*statuses), "logistics", "zh") == chinese
