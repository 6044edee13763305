"""The one plotly ``config`` every chart of the tracker uses (issue 6: charts as PNG).

Each chart carries plotly's own "Download plot as a png" button (``toImage``): plotly draws the
PNG in the browser from the chart itself, so it works offline and fetches nothing. The file is
named after what the chart shows (``ECO-TRADE-series.png``), not plotly's ``newplot.png``.
"""

from __future__ import annotations

import re

__all__ = ["chart_config", "gauge_config"]

#: Buttons that only make sense for selecting data points (our charts show, they do not
#: select), and plotly.js 4's "Share chart...", which uploads the chart to Plotly Cloud.
_REMOVED_BUTTONS = ["select2d", "lasso2d", "autoScale2d", "sendChartToCloud"]


def _file_stem(filename: str) -> str:
    """A safe file name without extension (``ECO-TRADE series`` -> ``ECO-TRADE-series``)."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", filename.strip()).strip("-.")
    stem = re.sub(r"\.png$", "", stem, flags=re.IGNORECASE)
    return stem or "chart"


def chart_config(filename: str) -> dict:
    """Config for an interactive chart: plotly's modebar without its logo, PNG at twice the size.

    ``filename`` is the download's name without ``.png`` (plotly adds it).
    """
    return {
        "displaylogo": False,
        "showSendToCloud": False,  # plotly.js 4 shows it by default; the tracker is offline
        "modeBarButtonsToRemove": list(_REMOVED_BUTTONS),
        "toImageButtonOptions": {"format": "png", "filename": _file_stem(filename), "scale": 2},
    }


def gauge_config(filename: str) -> dict:
    """Config for a card's gauge: only the PNG button, shown on hover, nothing else to do.

    The gauge stays a picture (no zoom, no drag, no double-click; the figure sets
    ``hovermode`` to False), but not ``staticPlot``, which would also drop the PNG button.
    """
    return {
        "displayModeBar": "hover",
        "modeBarButtons": [["toImage"]],
        "displaylogo": False,
        "showSendToCloud": False,
        "scrollZoom": False,
        "doubleClick": False,
        "showAxisDragHandles": False,
        "showTips": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": _file_stem(filename), "scale": 2},
    }
