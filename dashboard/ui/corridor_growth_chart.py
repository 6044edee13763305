"""The chart of how the corridor's reach grew, snapshot by snapshot.

It is the slider's companion: the snapshot the slider shows is marked on it by a dotted line,
so the reader sees where in the growth the maps stand.
"""

from __future__ import annotations

from ..i18n import t
from .corridor_frames import reach_frame
from .corridor_map_base import FONT
from .format import plotly_text


def growth_figure(lang: str, selected: str | None) -> dict:
    reach = reach_frame()
    traces = []
    for column, colour in (("ports", "#0072B2"), ("countries_regions", "#D55E00")):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": reach["as_of"].tolist(),
                "y": reach[column].tolist(),
                "name": t(f"corridors.count.{column}", lang),
                "line": {"color": colour, "width": 3},
                "text": [plotly_text(source[:60]) for source in reach["source"]],
                "hovertemplate": "%{x}: %{y}<br>%{text}<extra></extra>",
            }
        )
    shapes = []
    if selected:
        shapes.append(
            {
                "type": "line",
                "x0": selected,
                "x1": selected,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#212529", "dash": "dot"},
            }
        )
    return {
        "data": traces,
        "layout": {
            "height": 280,
            "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
            "xaxis": {"type": "category"},
            "yaxis": {"rangemode": "tozero"},
            "legend": {"orientation": "h", "y": -0.25},
            "shapes": shapes,
            "font": FONT,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "#f8f9fa",
        },
    }
