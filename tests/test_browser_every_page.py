"""Every page, every indicator, both languages, in headless Chromium, with the shipped data.

A page that answers a 5xx (the page itself or any callback it fires), logs a console error or
renders without a heading fails here. This is the test that would have caught the Chinese
indicator pages of targets without data, whose router callback answered 500 while the English
ones worked: no page is left out because "it is like the others".
"""

from __future__ import annotations

import csv

import pytest
from conftest import DATA_DIR
from flask import request

pytestmark = pytest.mark.browser

INDICATOR_IDS = [
    row["indicator_id"] for row in csv.DictReader((DATA_DIR / "indicators.csv").open())
]
#: Every page a visitor can open signed out (the indicator pages are added below).
PAGES = [
    "/",
    "/?pillar=logistics",
    "/?pillar=platform",
    "/?pillar=economy",
    "/?pillar=environment",
    "/?as_of=2023Q4",
    "/corridors",
    "/corridors?snapshot=2020-12",
    "/plan",
    "/methodology",
    "/present",
    "/present?pillar=economy",
    "/briefing",
    "/upload",
    "/history",
    "/nowhere",
    "/indicator/NO-SUCH-TARGET",
] + [f"/indicator/{indicator_id}" for indicator_id in INDICATOR_IDS]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_and_every_indicator_renders_without_errors(dash_duo, make_app, lang):
    assert len(INDICATOR_IDS) == 15
    app = make_app()
    answered_5xx: list[str] = []

    @app.server.after_request
    def _count_server_errors(response):  # the page's own answer and every callback's
        if response.status_code >= 500:
            answered_5xx.append(f"{response.status_code} {request.path}")
        return response

    dash_duo.start_server(app)
    failures: list[str] = []
    for path in PAGES:
        joiner = "&" if "?" in path else "?"
        dash_duo.driver.get(f"{dash_duo.server_url}{path}{joiner}lang={lang}")
        where = f"{path} ({lang})"
        # The heading is inside the page the router callback rendered: a failed router
        # leaves the frame empty and this wait fails.
        heading = dash_duo.wait_for_element("#_pages_content main h1", timeout=10)
        assert heading.text.strip(), where
        errors = [entry["message"] for entry in dash_duo.get_logs()]
        if errors or answered_5xx:
            failures.append(f"{where}: console {errors}, server {answered_5xx}")
            answered_5xx.clear()
    assert failures == []
