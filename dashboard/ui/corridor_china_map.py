"""The China map of the corridor page: the provinces the corridors radiate from and through.

Shades the provinces holding the origin or a Chinese gateway or destination, and names each
place with a label that :mod:`.corridor_china_labels` keeps clear of its neighbours. China's
provinces are served from assets/ (nothing is fetched at run time).
"""

from __future__ import annotations

from ..i18n import t
from ..store.reference import geometry
from .corridor_china_labels import CHINA_LABEL_SIZE, CHINA_LAT, CHINA_LON, label_sides
from .corridor_frames import provinces_reached
from .corridor_map_base import geo_layout, maritime_traces
from .format import plotly_text

PROVINCES_URL = "/assets/geo/china_provinces.geojson"


def china_figure(lang: str) -> dict:
    provinces = geometry("china_provinces")["features"]
    ids = [f["properties"]["id"] for f in provinces]
    names = [
        plotly_text(f["properties"]["name_zh" if lang == "zh" else "name_en"]) for f in provinces
    ]
    chinese = provinces_reached(lang)
    reached = set(chinese["province"].dropna())
    origin_province = chinese.loc[chinese["kind"] == "origin", "province"].tolist()
    z = [2 if i in origin_province else 1 if i in reached else 0 for i in ids]
    sizes = [14.0 if k == "origin" else 7.0 for k in chinese["kind"]]
    traces: list[dict] = [
        {
            "type": "choropleth",
            "geojson": PROVINCES_URL,
            "featureidkey": "properties.id",
            "locations": ids,
            "z": z,
            "zmin": 0,
            "zmax": 2,
            "showscale": False,
            "colorscale": [[0, "#f8f9fa"], [0.5, "#9ec5fe"], [1, "#b02a37"]],
            "text": names,
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {"line": {"color": "#6c757d", "width": 0.5}},
            "name": t("corridors.provinces", lang),
            "showlegend": False,
        },
        {
            "type": "scattergeo",
            "mode": "markers+text",
            "lon": chinese["lon"].tolist(),
            "lat": chinese["lat"].tolist(),
            "text": [plotly_text(name) for name in chinese["name"]],
            "textposition": list(
                label_sides(
                    tuple(zip(chinese["name"], chinese["lon"], chinese["lat"], sizes, strict=True))
                )
            ),
            # A white halo: a label stays legible over a shaded province and over a line.
            "textfont": {"size": CHINA_LABEL_SIZE, "shadow": "0 0 2px #fff, 0 0 2px #fff"},
            "marker": {
                "size": sizes,
                "symbol": ["star" if k == "origin" else "circle" for k in chinese["kind"]],
                "color": ["#b02a37" if k == "origin" else "#0b5394" for k in chinese["kind"]],
            },
            "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
        },
    ]
    traces += maritime_traces(lang, with_islands=True)
    return {
        "data": traces,
        "layout": geo_layout(
            {
                "projection": {"type": "mercator"},
                "lonaxis": {"range": list(CHINA_LON)},
                "lataxis": {"range": list(CHINA_LAT)},
                "countrycolor": "#dee2e6",
                "landcolor": "#ffffff",
            }
        ),
    }
