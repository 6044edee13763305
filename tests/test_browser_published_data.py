"""The context of an ambiguous target on its indicator page, in headless Chromium, in both
languages: why it is not judged, the published series, each with a linked source."""

from __future__ import annotations

import pytest
from conftest import english_words

from dashboard.i18n import t
from dashboard.store.reference import context_figures

pytestmark = pytest.mark.browser


def context_rows(dash_duo) -> list[str]:
    return [
        r.get_attribute("data-figure") for r in dash_duo.find_elements("#context-figures tbody tr")
    ]


@pytest.mark.parametrize("indicator_id", ["LOG-ROUTES", "LOG-TRAINS"])
def test_an_ambiguous_target_is_not_judged_and_shows_its_context(dash_duo, make_app, indicator_id):
    dash_duo.start_server(make_app())
    figures = context_figures()
    expected = figures.loc[figures["indicator_id"] == indicator_id, "figure_id"].tolist()
    for lang in ("en", "zh"):
        dash_duo.driver.get(f"{dash_duo.server_url}/indicator/{indicator_id}?lang={lang}")
        dash_duo.wait_for_element("#context-note")
        assert dash_duo.find_element("#context-note").text == t(
            f"indicator.context.note.{indicator_id}", lang
        )
        status = dash_duo.find_element(f"[data-indicator='{indicator_id}']")
        assert status.get_attribute("data-status") == "insufficient_data"
        assert context_rows(dash_duo) == expected
        for row in dash_duo.find_elements("#context-figures tbody tr"):
            links = row.find_elements("css selector", "[data-source] a[href^='http']")
            assert links, row.get_attribute("data-figure")
        if lang == "zh":
            assert english_words(dash_duo.find_element("body").text) == []
    assert dash_duo.get_logs() == []
