"""Figures of the corridor page: world reach, domestic radiation, growth of reach.

Places and reach snapshots are read through the store (seeded from data/destinations.csv and
corridor_reach.csv, then kept current by staff uploads); route lines come from data/routes.csv
and route_paths.csv. The base map and China's provinces are served from assets/ (nothing is
fetched at run time). The maritime line of China's standard map is drawn over both maps.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..core.corridors import CORRIDORS, COUNT_COLUMNS
from ..i18n import t
from ..store.reference import corridor_table, country_names, geometry
from ..web import get_store
from .format import plotly_text

#: Distinct, colour-blind-safe hues (Okabe-Ito); the legend also names each corridor.
CORRIDOR_COLOURS = {
    "land_sea": "#0072B2",
    "china_europe": "#D55E00",
    "yangtze": "#009E73",
    "air": "#CC79A7",
}
PROVINCES_URL = "/assets/geo/china_provinces.geojson"
FONT = {"family": "system-ui, sans-serif", "color": "#212529"}


def _geo_layout(geo: dict, **extra) -> dict:
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


def _first_corridor(value: str) -> str:
    return (value or "").split(";")[0]


def _maritime_traces(lang: str, with_islands: bool) -> list[dict]:
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


def _country_name_table() -> pd.DataFrame:
    """Names of the corridor countries (data/country_names.csv), then every ISO country."""
    corridor = corridor_table("countries")[["iso3", "name_en", "name_zh"]]
    every = country_names()[["iso3", "name_en", "name_zh"]]
    return pd.concat([corridor, every]).drop_duplicates("iso3").set_index("iso3")


def destinations_frame(lang: str) -> pd.DataFrame:
    """The destinations in force (store), with display columns for ``lang``."""
    frame = get_store().destinations()
    text_columns = [c for c in frame.columns if frame[c].dtype == object]
    frame[text_columns] = frame[text_columns].fillna("")
    frame["lat"] = frame["latitude"].astype(float)
    frame["lon"] = frame["longitude"].astype(float)
    names = _country_name_table()
    frame["country_name"] = frame["country"].map(names["name_zh" if lang == "zh" else "name_en"])
    frame["country_name"] = frame["country_name"].fillna(frame["country"])
    frame.loc[frame["country"] == "CHN", "country_name"] = t("corridors.china", lang)
    frame["name"] = frame["name_zh" if lang == "zh" else "name_en"]
    # The other language's name too: a bilingual room reads either.
    frame["other_name"] = frame["name_en" if lang == "zh" else "name_zh"]
    frame["first_corridor"] = frame["corridor"].map(_first_corridor)
    return frame


def countries_shaded(places: pd.DataFrame) -> pd.DataFrame:
    """iso3, roles, names: the countries data/country_names.csv lists, plus the country of any
    uploaded destination it does not (as a destination)."""
    listed = corridor_table("countries")
    names = _country_name_table()
    extra = sorted(set(places.loc[places["kind"] != "origin", "country"]) - set(listed["iso3"]))
    added = pd.DataFrame(
        {
            "iso3": extra,
            "roles": ["destination"] * len(extra),
            "name_en": [names["name_en"].get(c, c) for c in extra],
            "name_zh": [names["name_zh"].get(c, c) for c in extra],
        }
    )
    return pd.concat([listed, added], ignore_index=True)


def world_figure(lang: str, until: str | None = None) -> dict:
    """Routes per corridor (the legend toggles a corridor), destinations, countries reached.

    ``until`` (``YYYY-MM``) leaves out destinations whose first service is later.
    """
    routes = corridor_table("routes")
    paths = corridor_table("route_paths")
    paths["sequence"] = paths["sequence"].astype(int)
    places = destinations_frame(lang)
    if until:
        later = places["first_service"].ne("") & (places["first_service"].str[:7] > until)
        places = places[~later]
    countries = countries_shaded(places)
    traces: list[dict] = []
    role_level = {"destination": 3, "reached": 2, "transit": 1}
    levels = countries["roles"].map(
        lambda roles: max((role_level.get(r, 0) for r in roles.split(";")), default=0)
    )
    traces.append(
        {
            "type": "choropleth",
            "locations": countries["iso3"].tolist(),
            "z": levels.tolist(),
            "zmin": 0,
            "zmax": 3,
            "showscale": False,
            "colorscale": [[0, "#f1f3f5"], [0.34, "#dee2e6"], [0.67, "#9ec5fe"], [1, "#6ea8fe"]],
            "text": [plotly_text(n) for n in countries["name_zh" if lang == "zh" else "name_en"]],
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {"line": {"width": 0.3}},
            "name": t("corridors.countries_reached", lang),
            "showlegend": False,
        }
    )
    shown_in_legend: set[str] = set()
    for route in routes.itertuples():
        legs = paths[paths["route_id"] == route.route_id].sort_values(["leg", "sequence"])
        lon, lat = [], []
        for _, leg in legs.groupby("leg", sort=True):
            lon += leg["longitude"].astype(float).tolist() + [None]
            lat += leg["latitude"].astype(float).tolist() + [None]
        corridor = _first_corridor(route.corridor)
        traces.append(
            {
                "type": "scattergeo",
                "mode": "lines",
                "lon": lon,
                "lat": lat,
                "line": {"color": CORRIDOR_COLOURS[corridor], "width": 2},
                "name": t(f"corridors.name.{corridor}", lang),
                "legendgroup": corridor,
                "showlegend": corridor not in shown_in_legend,
                "hoverinfo": "skip",
                "meta": {"corridor": corridor, "route": route.route_id},
            }
        )
        shown_in_legend.add(corridor)
    for corridor in CORRIDORS:
        group = places[(places["first_corridor"] == corridor) & (places["kind"] != "origin")]
        if group.empty:
            continue
        # Names, dates and sources come from uploaded files: escaped, never markup.
        hover = [
            f"<b>{plotly_text(row.name)}</b> ({plotly_text(row.other_name)})"
            f"<br>{plotly_text(row.country_name)}"
            f"<br>{t(f'corridors.kind.{row.kind}', lang)}"
            + (
                f"<br>{t('corridors.first_service', lang)}: {plotly_text(row.first_service)}"
                if row.first_service
                else ""
            )
            + f"<br>{t('col.source', lang)}: {plotly_text(row.source[:70])}"
            for row in group.itertuples()
        ]
        traces.append(
            {
                "type": "scattergeo",
                "mode": "markers",
                "lon": group["lon"].tolist(),
                "lat": group["lat"].tolist(),
                "text": hover,
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {
                    "size": 8,
                    "color": CORRIDOR_COLOURS[corridor],
                    "line": {"color": "#ffffff", "width": 1},
                },
                "name": t(f"corridors.name.{corridor}", lang),
                "legendgroup": corridor,
                "showlegend": corridor not in shown_in_legend,
                "meta": {"corridor": corridor, "destinations": group["destination_id"].tolist()},
            }
        )
        shown_in_legend.add(corridor)
    origin = places[places["kind"] == "origin"]
    traces.append(
        {
            "type": "scattergeo",
            "mode": "markers+text",
            "lon": origin["lon"].tolist(),
            "lat": origin["lat"].tolist(),
            "text": [plotly_text(name) for name in origin["name"]],
            "textposition": "top center",
            "marker": {"size": 14, "symbol": "star", "color": "#b02a37"},
            "name": t("corridors.origin", lang),
            "hoverinfo": "text",
        }
    )
    traces += _maritime_traces(lang, with_islands=False)
    return {
        "data": traces,
        "layout": _geo_layout(
            {
                "projection": {"type": "natural earth"},
                "countrycolor": "#adb5bd",
                "landcolor": "#f8f9fa",
            },
            legend={
                "orientation": "h",
                "y": -0.02,
                "itemclick": "toggle",
                "itemdoubleclick": "toggleothers",
            },
        ),
    }


def _inside(lon: float, lat: float, ring: list) -> bool:
    """Ray casting: is the point inside this ring of [lon, lat] pairs?"""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@lru_cache(maxsize=64)
def province_of(lon: float, lat: float) -> str | None:
    """The province whose outline holds the point (derived from the data, never typed in)."""
    for feature in geometry("china_provinces")["features"]:
        shape = feature["geometry"]
        polygons = (
            shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
        )
        if any(_inside(lon, lat, polygon[0]) for polygon in polygons):
            return feature["properties"]["id"]
    return None


def provinces_reached(lang: str) -> pd.DataFrame:
    """Provinces holding the origin or a Chinese gateway or destination of the data."""
    places = destinations_frame(lang)
    chinese = places[places["country"] == "CHN"].copy()
    chinese["province"] = [
        province_of(lon, lat) for lon, lat in zip(chinese["lon"], chinese["lat"], strict=True)
    ]
    return chinese


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
            "textposition": "middle right",
            "textfont": {"size": 10},
            "marker": {
                "size": [14 if k == "origin" else 7 for k in chinese["kind"]],
                "symbol": ["star" if k == "origin" else "circle" for k in chinese["kind"]],
                "color": ["#b02a37" if k == "origin" else "#0b5394" for k in chinese["kind"]],
            },
            "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
        },
    ]
    traces += _maritime_traces(lang, with_islands=True)
    return {
        "data": traces,
        "layout": _geo_layout(
            {
                "projection": {"type": "mercator"},
                "lonaxis": {"range": [73, 136]},
                "lataxis": {"range": [3, 54]},
                "countrycolor": "#dee2e6",
                "landcolor": "#ffffff",
            }
        ),
    }


#: The corridor whose published reach the growth slider follows.
GROWTH_CORRIDOR = "land_sea"


def reach_frame(corridor: str | None = GROWTH_CORRIDOR) -> pd.DataFrame:
    """The reach snapshots in force (store) of ``corridor`` (None: every corridor), oldest
    first; counts as floats, NaN where the source gives none."""
    frame = get_store().reach_snapshots()
    if corridor is not None:
        frame = frame[frame["corridor"] == corridor]
    for column in ("source", "confidence", "note"):
        frame[column] = frame[column].fillna("")
    for column in COUNT_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame.sort_values("as_of").reset_index(drop=True)


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
