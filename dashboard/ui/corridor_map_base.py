"""What the world map and the China map share: one layout, and China's maritime line.

Both maps must look like one pair (the same height, font, ocean and frame) and both must draw
the maritime line of China's standard map, so each is defined here once and the maps add only
their own view (the growth chart takes the same font). The line's geometry is read from
assets/ (nothing is fetched at run time).
"""

from __future__ import annotations

from ..store.reference import geometry

FONT = {"family": "system-ui, sans-serif", "color": "#212529"}


def geo_layout(geo: dict, **extra) -> dict:
    """The layout both maps share; ``geo`` holds each map's own view (projection, ranges)."""
    base = {
        "showcountries": True,
        "showland": True,
        "showocean": True,
        "oceancolor": "#e7f1ff",
        "fitbounds": False,
        "resolution": 110,
        "showframe": False,
    }
    return {
        "height": 480,
        "margin": {"l": 0, "r": 0, "t": 10, "b": 0},
        "geo": {**base, **geo},
        "font": FONT,
        "paper_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def maritime_traces(lang: str, with_islands: bool) -> list[dict]:
    """The maritime line (and, on the domestic map, the South China Sea islands)."""
    traces = []
    for feature in geometry("china_maritime_line")["features"]:
        kind = feature["geometry"]["type"]
        name = feature["properties"]["name_zh" if lang == "zh" else "name_en"]
        if kind == "MultiLineString":
            lon, lat = [], []
            for line in feature["geometry"]["coordinates"]:
                lon += [p[0] for p in line] + [None]
                lat += [p[1] for p in line] + [None]
            traces.append(
                {
                    "type": "scattergeo",
                    "mode": "lines",
                    "lon": lon,
                    "lat": lat,
                    "line": {"color": "#495057", "width": 1.2},
                    "name": name,
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
        elif kind == "MultiPolygon" and with_islands:
            lon, lat = [], []
            for polygon in feature["geometry"]["coordinates"]:
                ring = polygon[0]
                lon += [p[0] for p in ring] + [None]
                lat += [p[1] for p in ring] + [None]
            traces.append(
                {
                    "type": "scattergeo",
                    "mode": "lines",
                    "fill": "toself",
                    "lon": lon,
                    "lat": lat,
                    "line": {"color": "#6c757d", "width": 0.5},
                    "fillcolor": "#ced4da",
                    "name": name,
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    return traces
