"""The gauge figures of an indicator card, one for a judged target and one for a share of it.

Figures are plain dicts (no ``plotly.graph_objects`` validation in the hot path): fifteen gauges
render in a few milliseconds of server time.
"""

from __future__ import annotations

import pandas as pd

from ..core.values import is_missing
from ..i18n import t
from .status import STATUS_COLOURS


def gauge_layout() -> dict:
    """The layout every card gauge shares (judged or share of target); a fresh dict each time,
    since slides adapt it."""
    return {
        "height": 160,
        "margin": {"l": 34, "r": 34, "t": 24, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, sans-serif", "color": "#212529"},
        # A picture, not a control: nothing reacts to the pointer (the PNG button aside).
        "hovermode": False,
        "dragmode": False,
        # The PNG button, light on the card (plotly darkens it on a transparent paper).
        "modebar": {
            "bgcolor": "rgba(255,255,255,0.85)",
            "color": "#495057",
            "activecolor": "#12355b",
        },  # fmt: skip
    }


def gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """Level target: 0 % = baseline, 100 % = target, marker at the expected position now.

    Growth target: the observed annual growth on a scale from 0 to twice the target rate,
    with the marker at the target rate. ``None`` when there is nothing to draw.
    """
    colour = STATUS_COLOURS[row["status"]]
    if row["kind"] == "growth":
        observed, required = row["cagr_observed"], row["target_growth"]
        if is_missing(observed):
            return None
        value, marker = observed * 100, required * 100
        low, high = min(0.0, value), max(2 * marker, value)
        suffix = t("gauge.per_year", lang)
    else:
        progress, x0, x_star = row["progress"], row["baseline_value"], row["target_value"]
        if is_missing(progress) or is_missing(x0):
            return None
        value = progress * 100
        expected = row["expected_value"]
        marker = None if is_missing(expected) else (expected - x0) / (x_star - x0) * 100
        low, high = min(0.0, value), max(100.0, value)
        suffix = "%"
    gauge: dict = {
        "shape": "angular",
        "axis": {"range": [low, high], "ticksuffix": "%", "tickfont": {"size": 10}},
        "bar": {"color": colour, "thickness": 0.6},
        "bgcolor": "#e9ecef",
        "borderwidth": 0,
    }
    if not is_missing(marker):
        gauge["threshold"] = {
            "line": {"color": "#212529", "width": 3},
            "thickness": 0.9,
            "value": marker,
        }
    return {
        "data": [
            {
                "type": "indicator",
                "mode": "gauge+number",
                "value": value,
                "number": {"suffix": suffix, "valueformat": ".1f", "font": {"size": 20}},
                "gauge": gauge,
            }
        ],
        "layout": gauge_layout(),
    }


def share_gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """How far the latest value is toward a level target (``xt / x*``), for a target without
    a baseline, or one achieved without one: 0 = nothing, 100 % = the target.

    Drawn unlike a judged gauge (DOMAIN.md): a hatched grey bar, no status colour, no
    "expected now" marker; the card says "not judged: baseline needed" beside it. An
    achieved target keeps its status colour (it is judged: it met the target).
    """
    share = row.get("target_share")
    if row["kind"] == "growth" or is_missing(share):
        return None
    value = share * 100
    achieved = row["status"] == "achieved"
    colour = STATUS_COLOURS["achieved"] if achieved else "#6c757d"
    return {
        "data": [
            {
                "type": "indicator",
                "mode": "gauge+number",
                "value": value,
                "number": {"suffix": "%", "valueformat": ".0f", "font": {"size": 20}},
                "gauge": {
                    "shape": "angular",
                    "axis": {
                        "range": [0, max(100.0, value)],
                        "ticksuffix": "%",
                        "tickfont": {"size": 10},
                    },
                    "bar": {"color": colour, "thickness": 0.35 if not achieved else 0.6},
                    "bgcolor": "#ffffff",
                    "bordercolor": "#adb5bd",
                    "borderwidth": 1,
                    "steps": [] if achieved else [{"range": [0, 100], "color": "#f1f3f5"}],
                },
            }
        ],
        "layout": gauge_layout(),
    }
