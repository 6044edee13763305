"""The world map of the corridor page: where each corridor's routes go and what they reach.

The map is drawn for one snapshot of the growth slider (``until``), so it grows with the
slider. Route lines come from data/routes.csv and route_paths.csv; places and the countries
shaded from :mod:`.corridor_frames`.
"""

from __future__ import annotations

from ..core.corridors import CORRIDORS
from ..i18n import t
from ..store.reference import corridor_table
from .corridor_frames import countries_shaded, destinations_frame, first_corridor
from .corridor_map_base import geo_layout, maritime_traces
from .format import plotly_text

#: Distinct, colour-blind-safe hues (Okabe-Ito); the legend also names each corridor.
CORRIDOR_COLOURS = {
    "land_sea": "#0072B2",
    "china_europe": "#D55E00",
    "yangtze": "#009E73",
    "air": "#CC79A7",
}


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
        corridor = first_corridor(route.corridor)
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
    traces += maritime_traces(lang, with_islands=False)
    return {
        "data": traces,
        "layout": geo_layout(
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
