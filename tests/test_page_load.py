"""What a new browser loads first (issue 13, goal 6): ``dashboard/ui/page_load.py`` and the
asynchronous plotly.js bundle of ``dashboard/ui/plotly_bundle.py``.

The page's HTML is read as Flask serves it; the browser tests draw the overview for real, once
as it is and once with the bundle blocked (plotly-ready.js must then load Dash's own file).
"""

from __future__ import annotations

import re

import pytest
from conftest import until

from dashboard.ui.page_load import ICON_FONT, PRELOADED_CHUNKS, REGENERATOR_RUNTIME
from dashboard.ui.plotly_bundle import BUNDLE


@pytest.fixture
def index_html(make_app) -> tuple[str, object]:
    client = make_app().server.test_client()
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True), client


def _script_tags(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*\bsrc=\"[^\"]+\"[^>]*>", html)


def _position(tags: list[str], fragment: str) -> int:
    (index,) = [i for i, tag in enumerate(tags) if fragment in tag]
    return index


def test_the_babel_polyfill_is_only_for_browsers_without_es_modules(index_html):
    html, _ = index_html
    polyfills = [tag for tag in _script_tags(html) if "/deps/polyfill@" in tag]
    assert len(polyfills) == 1 and " nomodule " in polyfills[0], polyfills


def test_regenerator_runtime_comes_before_every_component_script(index_html):
    html, client = index_html
    tags = _script_tags(html)
    runtime = _position(tags, f"/assets/{REGENERATOR_RUNTIME}?m=")
    for bundle in ("dash_core_components.v", "dash_renderer.v", "dash_html_components.v"):
        assert runtime < _position(tags, bundle)
    assert runtime > _position(tags, "/deps/react@")
    url = re.search(r'src="([^"]+)"', tags[runtime]).group(1)
    body = client.get(url).get_data(as_text=True)
    assert "regeneratorRuntime = runtime" in body


def test_plotly_runs_asynchronously_and_its_promise_is_set_before_dash_renderer(index_html):
    html, client = index_html
    tags = _script_tags(html)
    bundle = tags[_position(tags, f"/assets/{BUNDLE}?m=")]
    assert 'async="async"' in bundle and "data-plotly-bundle=" in bundle
    assert _position(tags, "/assets/plotly-ready.js") < _position(tags, "dash_renderer.v")
    # Dash's full file is named only as the fallback, never loaded by a tag of its own
    fallback = re.search(r'data-plotly-fallback="([^"]+)"', bundle).group(1)
    assert fallback.endswith("/plotly.min.js") and html.count("plotly.min.js") == 1
    assert client.get(fallback).status_code == 200


def test_the_first_views_late_files_are_preloaded_and_served(index_html):
    html, client = index_html
    preloads = re.findall(r'<link rel="preload" as="(\w+)"[^>]*href="([^"]+)"', html)
    hrefs = {href: kind for kind, href in preloads}
    for chunk in PRELOADED_CHUNKS:
        assert hrefs[f"/_dash-component-suites/dash/dcc/{chunk}"] == "script"
    assert hrefs[f"/assets/{ICON_FONT}"] == "font"
    for href in hrefs:
        assert client.get(href).status_code == 200, href


GAUGES_DRAWN = """
const g = document.querySelectorAll('#indicator-cards .js-plotly-plot');
return g.length > 0 && [...g].every(e => e.querySelector('.main-svg'));
"""


@pytest.mark.browser
def test_the_overview_draws_with_no_polyfill_and_plotly_loaded_late(dash_duo, make_app):
    dash_duo.start_server(make_app())
    until(lambda: dash_duo.driver.execute_script(GAUGES_DRAWN), timeout=30)
    state = dash_duo.driver.execute_script(
        "return {polyfilled: typeof window._babelPolyfill, plotly: typeof Plotly.newPlot,"
        " promise: Plotly instanceof Promise}"
    )
    # Chromium skipped the nomodule polyfill; plotly.js replaced its promise with itself.
    assert state == {"polyfilled": "undefined", "plotly": "function", "promise": False}
    assert dash_duo.get_logs() == []


@pytest.mark.browser
def test_without_the_bundle_the_gauges_still_draw_with_dashs_own_plotly(dash_duo, make_app):
    dash_duo.start_server(make_app(), navigate=False)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": [f"*{BUNDLE}*"]})
    try:
        driver.get(dash_duo.server.url + "/")
        until(lambda: driver.execute_script(GAUGES_DRAWN), timeout=60)
        scripts = driver.execute_script(
            "return Array.from(document.scripts).map(s => s.src).filter(Boolean)"
        )
        assert any(src.endswith("/plotly/package_data/plotly.min.js") for src in scripts)
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
