"""Figures of the corridor page: world reach, domestic radiation, growth of reach.

Places and reach snapshots are read through the store (seeded from data/destinations.csv and
corridor_reach.csv, then kept current by staff uploads); route lines come from data/routes.csv
and route_paths.csv. The base map and China's provinces are served from assets/ (nothing is
fetched at run time). The maritime line of China's standard map is drawn over both maps.
"""

from __future__ import annotations

import math
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


#: The China map's view (degrees); its labels are placed for this view.
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)
CHINA_LABEL_SIZE = 10
#: Widths in pixels at which the China map's labels must not collide: the map as a laptop
#: or a projector draws it (as tall as the 480-pixel figure, so about 470 wide), and a phone's.
CHINA_LABEL_WIDTHS = (470.0, 350.0)
#: Places nearer than this (pixels) push each other's labels away.
NEAR = 40.0
#: Plotly's text positions, each as the side of its marker the label goes to (x right, y
#: down, as on the screen), in the order preferred when several are free.
LABEL_SIDES = {
    "middle right": (1, 0),
    "middle left": (-1, 0),
    "top center": (0, -1),
    "bottom center": (0, 1),
    "top right": (1, -1),
    "bottom right": (1, 1),
    "top left": (-1, -1),
    "bottom left": (-1, 1),
}


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width: CJK characters are square, Latin narrower."""
    return sum(size if ord(ch) >= 0x2E80 else 0.62 * size for ch in text)


def _label_box(x: float, y: float, gap: float, width: float, height: float, side: str):
    """The label's box on the screen, a pixel wider on each side: labels keep a gap."""
    dx, dy = LABEL_SIDES[side]
    left = x + gap if dx > 0 else x - gap - width if dx < 0 else x - width / 2
    top = y + gap if dy > 0 else y - gap - height if dy < 0 else y - height / 2
    return (left - 1, top - 1, left + width + 1, top + height + 1)


def _overlap(a: tuple, b: tuple) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


@lru_cache(maxsize=32)
def label_sides(places: tuple[tuple[str, float, float, float], ...]) -> tuple[str, ...]:
    """A text position for each ``(text, lon, lat, marker size)`` of the China map, so that
    near places (凭祥, 钦州 and 防城港 lie within a few pixels of each other) put their labels
    on different sides: no label over another label, another place's marker or the map's
    edge, at each width of :data:`CHINA_LABEL_WIDTHS`.

    A local search: every label starts to the right of its marker; then, crowded places
    first, each label takes the side where it collides least with the others (ties: the
    order of :data:`LABEL_SIDES`), until no label can do better. Each move lowers the total
    of the collisions, so the search ends.
    """
    lon_span = math.radians(CHINA_LON[1] - CHINA_LON[0])
    y_top, y_span = _mercator(CHINA_LAT[1]), _mercator(CHINA_LAT[1]) - _mercator(CHINA_LAT[0])
    height = CHINA_LABEL_SIZE * 1.25
    views = []  # per width: the map's size, each marker's box, and each label's box per side
    for map_width in CHINA_LABEL_WIDTHS:
        scale = map_width / lon_span
        frame = (0.0, 0.0, map_width, y_span * scale)
        markers, boxes, points = [], [], []
        for text, lon, lat, size in places:
            x = math.radians(lon - CHINA_LON[0]) * scale
            y = (y_top - _mercator(lat)) * scale
            points.append((x, y))
            half = size / 2
            room = half + 2  # no label touches another place's marker
            markers.append((x - room, y - room, x + room, y + room))
            width = _text_width(text, CHINA_LABEL_SIZE)
            boxes.append(
                {side: _label_box(x, y, half + 2, width, height, side) for side in LABEL_SIDES}
            )
        views.append((frame, markers, boxes, points))

    def outside(box: tuple, frame: tuple) -> float:
        area = (box[2] - box[0]) * (box[3] - box[1])
        return area - _overlap(box, frame)

    count = len(places)
    chosen = ["middle right"] * count
    preference = {side: rank for rank, side in enumerate(LABEL_SIDES)}

    def toward(i: int, j: int, side: str, points: list) -> float:
        """How much the side points at a near place (a label crossing over a neighbour reads
        as the neighbour's): the cosine, weighted by nearness, 0 for a place far off."""
        (xi, yi), (xj, yj) = points[i], points[j]
        distance = math.hypot(xj - xi, yj - yi)
        dx, dy = LABEL_SIDES[side]
        if distance >= NEAR or distance == 0:
            return 0.0
        cosine = (dx * (xj - xi) + dy * (yj - yi)) / (math.hypot(dx, dy) * distance)
        return max(cosine, 0.0) * (NEAR - distance)

    def cost(i: int, side: str) -> float:
        total = float(preference[side])
        for frame, markers, boxes, points in views:
            box = boxes[i][side]
            total += 4 * outside(box, frame)
            for j in range(count):
                if j != i:
                    total += _overlap(box, boxes[j][chosen[j]]) + 2 * _overlap(box, markers[j])
                    total += 3 * toward(i, j, side, points)
        return total

    def crowding(i: int) -> float:
        frame, markers, boxes, points = views[-1]
        mine = boxes[i]["middle right"]
        return -sum(_overlap(mine, boxes[j]["middle right"]) for j in range(count) if j != i)

    order = sorted(range(count), key=crowding)
    for _ in range(50):
        moved = False
        for i in order:
            best = min(LABEL_SIDES, key=lambda side: (cost(i, side), preference[side]))
            if cost(i, best) < cost(i, chosen[i]):
                chosen[i], moved = best, True
        if not moved:
            break
    return tuple(chosen)


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
    traces += _maritime_traces(lang, with_islands=True)
    return {
        "data": traces,
        "layout": _geo_layout(
            {
                "projection": {"type": "mercator"},
                "lonaxis": {"range": list(CHINA_LON)},
                "lataxis": {"range": list(CHINA_LAT)},
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
