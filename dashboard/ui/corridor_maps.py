"""Figures of the corridor page: world reach, domestic radiation, growth of reach.

Places and reach snapshots are read through the store (seeded from data/destinations.csv and
corridor_reach.csv, then kept current by staff uploads); route lines come from data/routes.csv
and route_paths.csv. The base map and China's provinces are served from assets/ (nothing is
fetched at run time). The maritime line of China's standard map is drawn over both maps.

``pages/corridors.py`` builds its page from this one module; the pieces live in modules of
their own, each with one idea, and are gathered here so the page need not know how they are
divided:

* :mod:`.corridor_frames`: the data frames (destinations, countries shaded, provinces
  reached, reach snapshots) that the figures draw and the page's table lists;
* :mod:`.corridor_map_base`: what both maps share (the layout, China's maritime line);
* :mod:`.corridor_world_map`: the world map of routes, destinations and countries reached;
* :mod:`.corridor_china_map`: the China map of the provinces reached;
* :mod:`.corridor_china_labels`: where the China map's labels go, so neighbours never
  overlap;
* :mod:`.corridor_growth_chart`: the chart of the reach's growth, snapshot by snapshot.
"""

from __future__ import annotations

from .corridor_china_labels import (
    CHINA_LABEL_SIZE,
    CHINA_LABEL_WIDTHS,
    CHINA_LAT,
    CHINA_LON,
    LABEL_SIDES,
    NEAR,
    label_sides,
)
from .corridor_china_map import PROVINCES_URL, china_figure
from .corridor_frames import (
    GROWTH_CORRIDOR,
    countries_shaded,
    destinations_frame,
    province_of,
    provinces_reached,
    reach_frame,
)
from .corridor_growth_chart import growth_figure
from .corridor_map_base import FONT
from .corridor_world_map import CORRIDOR_COLOURS, world_figure

__all__ = [
    "CHINA_LABEL_SIZE",
    "CHINA_LABEL_WIDTHS",
    "CHINA_LAT",
    "CHINA_LON",
    "CORRIDOR_COLOURS",
    "FONT",
    "GROWTH_CORRIDOR",
    "LABEL_SIDES",
    "NEAR",
    "PROVINCES_URL",
    "china_figure",
    "countries_shaded",
    "destinations_frame",
    "growth_figure",
    "label_sides",
    "province_of",
    "provinces_reached",
    "reach_frame",
    "world_figure",
]
