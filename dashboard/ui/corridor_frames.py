"""The data behind the corridor figures and the corridor page's table, as data frames.

Places and reach snapshots are read through the store (seeded from data/destinations.csv and
corridor_reach.csv, then kept current by staff uploads), so an upload shows on every figure
and in the table alike; the figures only draw what these frames hold. Which province holds a
Chinese place is derived from the provinces' outlines here, never typed in.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..core.corridors import COUNT_COLUMNS
from ..i18n import t
from ..store.reference import corridor_table, country_names, geometry
from ..web import get_store


def first_corridor(value: str) -> str:
    """The corridor a place or route is drawn in: the first of its ``;`` list."""
    return (value or "").split(";")[0]


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
    frame["first_corridor"] = frame["corridor"].map(first_corridor)
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
