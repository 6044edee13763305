"""WCAG 2.1 AA: every text colour we define against the background it is shown on (4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.ui.status import STATUS_COLOURS

CSS = (Path(__file__).resolve().parent.parent / "assets" / "tracker.css").read_text()
WHITE, LIGHT_GREY, NAVY = "#ffffff", "#f8f9fa", None  # NAVY read from the stylesheet


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def css_variable(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def test_the_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("status", sorted(STATUS_COLOURS))
def test_status_colours_are_readable_on_white_and_light_grey(status):
    colour = STATUS_COLOURS[status]
    assert contrast(colour, WHITE) >= 4.5
    assert contrast(colour, LIGHT_GREY) >= 4.5


@pytest.mark.parametrize("status", sorted(STATUS_COLOURS))
def test_stylesheet_and_charts_use_the_same_status_colours(status):
    variable = {
        "on_track": "on-track",
        "needs_acceleration": "accelerate",
        "limited_progress": "limited",
        "insufficient_data": "no-data",
    }.get(status, status)
    assert css_variable(f"status-{variable}").lower() == STATUS_COLOURS[status].lower()


def test_header_text_on_navy():
    navy = css_variable("tracker-navy")
    assert contrast("#ffffff", navy) >= 4.5
    assert contrast("#e9ecef", navy) >= 4.5  # navigation links


def test_muted_and_notice_text():
    assert contrast("#6c757d", WHITE) >= 4.5  # Bootstrap's text-muted
    assert contrast("#495057", LIGHT_GREY) >= 4.5  # "no data yet" notices on cards
