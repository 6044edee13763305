"""The corridor page in headless Chromium: maps drawn offline, slider, legend, table."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import english_words
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser


def wait_until(condition, timeout: float = 5) -> None:
    import time

    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def counts(dash_duo) -> dict[str, str]:
    return {
        el.get_attribute("data-count"): el.find_element("css selector", ".display-6").text
        for el in dash_duo.find_elements("#reach-headline [data-count]")
    }


def move_slider_to(dash_duo, steps_from_first: int) -> None:
    """With the keyboard, as a keyboard user would: Home, then right arrow steps."""
    thumb = dash_duo.find_element("#reach-slider [role='slider']")
    thumb.send_keys(Keys.HOME)
    for _ in range(steps_from_first):
        thumb.send_keys(Keys.ARROW_RIGHT)


def test_maps_draw_offline_and_the_slider_moves_the_counts(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/corridors")
    dash_duo.wait_for_element("#world-map .geo .countries path")  # base map from our assets
    dash_duo.wait_for_element("#china-map .choroplethlayer path")  # provinces
    assert len(dash_duo.find_elements("#china-map .choroplethlayer path")) >= 34
    assert counts(dash_duo)["ports"] == "563"
    move_slider_to(dash_duo, 0)  # 2020-12
    dash_duo.wait_for_text_to_equal("#reach-headline [data-count='ports'] .display-6", "250")
    assert counts(dash_duo)["countries_regions"] == "96"
    move_slider_to(dash_duo, 3)  # 2020-12, 2021-12, 2022-12, 2023-09
    dash_duo.wait_for_text_to_equal("#reach-headline [data-count='ports'] .display-6", "473")
    assert counts(dash_duo) == {
        "ports": "473",
        "countries_regions": "120",
        "provinces": "18",
        "cities": "69",
        "stations": "138",
    }
    own = urlparse(dash_duo.server_url).netloc
    hosts = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert {urlparse(h).netloc for h in hosts} == {own}
    assert any("topojson/world_110m.json" in h for h in hosts)
    assert dash_duo.get_logs() == []


def test_legend_toggles_a_corridor_and_the_table_filters(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/corridors")
    dash_duo.wait_for_element("#world-map .geo .countries path")
    visible = (
        "return document.querySelector('#world-map .js-plotly-plot').data"
        ".filter(d => d.legendgroup === 'china_europe').map(d => d.visible)"
    )
    assert all(v in (None, True) for v in dash_duo.driver.execute_script(visible))
    item = next(
        el
        for el in dash_duo.find_elements("#world-map .legend .traces")
        if "China-Europe" in el.text
    )
    toggle = item.find_element("css selector", ".legendtoggle")
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", toggle
    )
    toggle.click()
    wait_until(lambda: all(v == "legendonly" for v in dash_duo.driver.execute_script(visible)), 5)
    dash_duo.wait_for_element("#destinations-table .ag-row")  # AG Grid, loaded on this page
    rows = "#destinations-table .ag-row [col-id='name']"
    everything = len(dash_duo.find_elements(rows))
    assert everything == 20
    box = dash_duo.find_element(
        "#destinations-table .ag-floating-filter[col-id='country_name'] input"
    )
    box.send_keys("Vietnam\n")
    wait_until(lambda: len(dash_duo.find_elements(rows)) == 2, 5)  # Hanoi, Ho Chi Minh City
    assert dash_duo.get_logs() == []


def test_corridor_page_in_chinese(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/corridors?lang=zh")
    dash_duo.wait_for_element("#world-map .geo .countries path")
    dash_duo.wait_for_element("#destinations-table .ag-row")
    assert "杜伊斯堡" in dash_duo.find_element("#destinations-table").text
    main = dash_duo.find_element("#main")
    text = main.find_element("css selector", "section[aria-labelledby='growth-heading']").text
    assert english_words(text.replace("source", "")) == []
    assert dash_duo.get_logs() == []


def test_geometry_for_the_default_view_stays_under_one_and_a_half_megabytes(dash_duo, make_app):
    """Issue 5's budget: base map, provinces and the figures' own geometry, as transferred."""
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/corridors")
    dash_duo.wait_for_element("#china-map .choroplethlayer path")
    entries = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource')"
        ".map(e => [e.name, e.transferSize, e.decodedBodySize])"
    )
    geometry = [e for e in entries if "/assets/topojson/" in e[0] or "/assets/geo/" in e[0]]
    assert {name.rsplit("/", 1)[-1] for name, _, _ in geometry} >= {
        "world_110m.json",
        "china_provinces.geojson",
    }
    sent = sum(transfer for _, transfer, _ in geometry)
    # The figures arrive inside the page's callback response: count it whole.
    callbacks = sum(t for name, t, _ in entries if "_dash-update-component" in name)
    assert sent + callbacks < 1.5 * 1024 * 1024, (sent, callbacks)
    assert dash_duo.get_logs() == []


def test_the_snapshot_lives_in_the_url(dash_duo, make_app):
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/corridors?lang=zh&snapshot=2023-09")
    dash_duo.wait_for_text_to_equal("#reach-headline [data-count='ports'] .display-6", "473")
    move_slider_to(dash_duo, 0)
    dash_duo.wait_for_text_to_equal("#reach-headline [data-count='ports'] .display-6", "250")
    wait_until(lambda: "snapshot=2020-12" in dash_duo.driver.current_url)
    assert "lang=zh" in dash_duo.driver.current_url  # other parameters are kept
    dash_duo.driver.get(dash_duo.driver.current_url)  # the copied link reproduces the view
    dash_duo.wait_for_text_to_equal("#reach-headline [data-count='ports'] .display-6", "250")
    assert dash_duo.get_logs() == []


def test_markup_in_uploaded_names_is_shown_as_text_in_the_map_hover(dash_duo, make_app, sqlite_url):
    """A destination named like a link must not become one in the hover (nor in the label)."""
    from test_corridor_upload import DEST_HEADER, bangkok, lines

    from dashboard.services.imports import commit_import, prepare_import
    from dashboard.store.repository import Store

    hostile = '<a href="https://evil.example/zh">Evil</a>'
    app = make_app()
    store = Store.from_url(sqlite_url)
    data = lines(DEST_HEADER, bangkok(name_en=hostile, name_zh=hostile, source=hostile))
    prepared = prepare_import(store, data, "places.csv", dataset="destinations")
    assert prepared.ok, prepared.errors
    assert commit_import(store, prepared, "test").revision_id is not None
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/corridors")
    dash_duo.wait_for_element("#world-map .geo .countries path")
    hover = """
        const gd = document.querySelector('#world-map .js-plotly-plot');
        const curve = gd.data.findIndex(d => (d.meta || {}).destinations &&
                                             d.meta.destinations.includes('bangkok'));
        const point = gd.data[curve].meta.destinations.indexOf('bangkok');
        Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}], 'geo');
        const layer = document.querySelector('#world-map .hoverlayer');
        return [layer.textContent, layer.querySelectorAll('a').length];
    """
    wait_until(lambda: "Evil" in dash_duo.driver.execute_script(hover)[0])
    text, links = dash_duo.driver.execute_script(hover)
    assert hostile in text  # shown literally, as written
    assert links == 0  # and not as a link
    assert not dash_duo.find_elements("#world-map a[href*='evil.example']")
    assert dash_duo.get_logs() == []


GRID_REQUESTS = (
    "return performance.getEntriesByType('resource').map(e => e.name)"
    ".filter(n => n.includes('/dash_ag_grid/'))"
)


def test_the_grid_library_loads_only_on_the_page_with_the_grid(dash_duo, make_app):
    """AG Grid's 1.3 MB script stays out of the overview's first visit (issue 13's budget)."""
    dash_duo.start_server(make_app())
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("[data-indicator] .main-svg")
    assert dash_duo.driver.execute_script(GRID_REQUESTS) == []
    assert "dash_ag_grid.min.js" not in dash_duo.driver.page_source.split("tracker-grid-script")[0]
    dash_duo.find_element("a.nav-link[href^='/corridors']").click()
    dash_duo.wait_for_element("#destinations-table .ag-row")
    loaded = dash_duo.driver.execute_script(GRID_REQUESTS)
    assert any("dash_ag_grid" in name and name.endswith(".js") for name in loaded)
    assert len(dash_duo.find_elements("#destinations-table .ag-row [col-id='name']")) == 20
    header = dash_duo.find_element("#destinations-table .ag-header-cell[col-id='country_name']")
    assert header.text == "Country"
    assert dash_duo.get_logs() == []
