"""The committed corridor map files (``scripts/build_corridor_data.py``, ``data/CORRIDORS.md``):
they parse, refer to each other correctly, carry sources, and stay small.

Reads the files in ``data/`` only: no network, no searoute, airportsdata or pycountry.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"

COLUMNS = {
    "destinations.csv": (
        "destination_id", "name_en", "name_zh", "country", "kind", "corridor", "latitude",
        "longitude", "first_service", "source", "confidence", "coordinates_source",
        "coordinates_note", "note",
    ),
    "routes.csv": (
        "route_id", "corridor", "mode", "origin", "gateways", "destination", "source", "note",
    ),
    "route_paths.csv": (
        "route_id", "leg", "mode", "leg_from", "leg_to", "sequence", "longitude", "latitude",
    ),
    "country_names.csv": (
        "iso3", "name_en", "name_zh", "name_zh_origin", "roles", "corridors", "source", "note",
    ),
}  # fmt: skip
MAX_BYTES = {
    "destinations.csv": 20_000,
    "routes.csv": 10_000,
    "route_paths.csv": 150_000,
    "country_names.csv": 10_000,
}
CORRIDORS = {"land_sea", "china_europe", "yangtze", "air"}
KINDS = {"origin", "sea_port", "river_port", "rail_terminus", "border_crossing", "airport"}
MODES = {"rail", "sea", "river", "air"}
ROLES = {"origin", "destination", "planned", "reached", "transit"}
CONFIDENCE = {"", "H", "M-H", "M", "L"}
CJK = re.compile(r"[\u4e00-\u9fff]")
FOUR_DECIMALS = re.compile(r"^-?\d{1,3}\.\d{4}$")
COORDINATES_SOURCE = re.compile(r"^(searoute:[A-Z]{5}|airportsdata:[A-Z]{3})$")


def read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == COLUMNS[name]
        rows = list(reader)
    for row in rows:
        assert None not in row and None not in row.values(), f"{name}: ragged row {row}"
    return rows


@pytest.fixture(scope="module")
def destinations() -> dict[str, dict[str, str]]:
    rows = read("destinations.csv")
    ids = [row["destination_id"] for row in rows]
    assert len(ids) == len(set(ids)), "destination ids repeat"
    return {row["destination_id"]: row for row in rows}


@pytest.fixture(scope="module")
def routes() -> dict[str, dict[str, str]]:
    rows = read("routes.csv")
    ids = [row["route_id"] for row in rows]
    assert len(ids) == len(set(ids)), "route ids repeat"
    return {row["route_id"]: row for row in rows}


@pytest.fixture(scope="module")
def legs() -> dict[str, dict[int, list[dict[str, str]]]]:
    """route_id -> leg number -> its points in order."""
    grouped: dict[str, dict[int, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for row in read("route_paths.csv"):
        grouped[row["route_id"]][int(row["leg"])].append(row)
    return grouped


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, str]]:
    rows = read("country_names.csv")
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes)), "countries repeat"
    return {row["iso3"]: row for row in rows}


def stops(route: dict[str, str]) -> list[str]:
    return [route["origin"], *filter(None, route["gateways"].split(";")), route["destination"]]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_is_plain_utf8_csv_within_budget(name):
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "LF line endings"
    assert raw.endswith(b"\n")
    assert len(raw) <= MAX_BYTES[name]
    assert read(name), "has rows"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_rows_are_sorted(name):
    rows = read(name)
    if name == "route_paths.csv":
        keys = [(r["route_id"], int(r["leg"]), int(r["sequence"])) for r in rows]
    else:
        keys = [r[COLUMNS[name][0]] for r in rows]
    assert keys == sorted(keys)


def test_destinations_have_sources_and_valid_points(destinations, countries):
    for place_id, row in destinations.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", place_id)
        assert row["name_en"].strip() and CJK.search(row["name_zh"]), place_id
        assert row["source"].strip(), place_id
        assert row["confidence"] in CONFIDENCE, place_id
        assert row["kind"] in KINDS, place_id
        assert row["corridor"] and set(row["corridor"].split(";")) <= CORRIDORS, place_id
        assert row["country"] in countries, f"{place_id}: {row['country']} has no name row"
        assert COORDINATES_SOURCE.match(row["coordinates_source"]), place_id
        assert row["coordinates_note"].strip(), place_id
        assert FOUR_DECIMALS.match(row["latitude"]) and FOUR_DECIMALS.match(row["longitude"])
        assert -90 <= float(row["latitude"]) <= 90, place_id
        assert -180 <= float(row["longitude"]) <= 180, place_id
        assert re.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?", row["first_service"]), place_id


def test_origin_is_chongqing(destinations):
    origins = [row for row in destinations.values() if row["kind"] == "origin"]
    assert [row["destination_id"] for row in origins] == ["chongqing"]
    assert origins[0]["name_zh"] == "重庆"
    assert origins[0]["country"] == "CHN"


def test_approximate_points_say_so(destinations):
    """A point borrowed from an airport elsewhere must say it is approximate."""
    for row in destinations.values():
        if row["kind"] == "border_crossing" and row["coordinates_source"].startswith("airports"):
            note = row["coordinates_note"]
            assert "approximate" in note or row["name_en"] in note, row["destination_id"]


def test_route_stops_exist(routes, destinations):
    for route_id, route in routes.items():
        assert route["corridor"] in CORRIDORS, route_id
        assert route["source"].strip(), route_id
        for stop in stops(route):
            assert stop in destinations, f"{route_id}: {stop} not in destinations.csv"
        assert destinations[route["origin"]]["kind"] == "origin", route_id


def test_every_route_has_legs_that_join_its_stops(routes, legs, destinations):
    assert set(legs) == set(routes), "paths for exactly the routes in routes.csv"
    for route_id, route in routes.items():
        numbers = sorted(legs[route_id])
        assert numbers == list(range(1, len(numbers) + 1)), route_id
        path_stops = [legs[route_id][1][0]["leg_from"]]
        modes: list[str] = []
        for number in numbers:
            points = legs[route_id][number]
            first, last = points[0], points[-1]
            assert [int(p["sequence"]) for p in points] == list(range(len(points)))
            assert {(p["mode"], p["leg_from"], p["leg_to"]) for p in points} == {
                (first["mode"], first["leg_from"], first["leg_to"])
            }
            assert first["leg_from"] == path_stops[-1], f"{route_id} leg {number} is not joined"
            path_stops.append(first["leg_to"])
            if not modes or modes[-1] != first["mode"]:
                modes.append(first["mode"])
            for point, place in ((first, first["leg_from"]), (last, first["leg_to"])):
                assert point["longitude"] == destinations[place]["longitude"], route_id
                assert point["latitude"] == destinations[place]["latitude"], route_id
        assert path_stops == stops(route), route_id
        assert route["mode"] == ";".join(modes), route_id


def test_sea_legs_follow_lanes_and_land_legs_are_schematic(legs):
    for route_id, by_leg in legs.items():
        for number, points in by_leg.items():
            mode = points[0]["mode"]
            assert mode in MODES, route_id
            for point in points:
                assert FOUR_DECIMALS.match(point["longitude"]), route_id
                assert FOUR_DECIMALS.match(point["latitude"]), route_id
            if mode == "sea":
                assert len(points) > 2, f"{route_id} leg {number}: a straight line, not a lane"
            else:
                assert len(points) == 2, f"{route_id} leg {number}: schematic segment"


def test_country_names(countries, destinations):
    for iso3, row in countries.items():
        assert re.fullmatch(r"[A-Z]{3}", iso3)
        assert row["name_en"].strip(), iso3
        assert CJK.search(row["name_zh"]) and not re.search(r"[A-Za-z]", row["name_zh"]), iso3
        assert row["name_zh_origin"] in {"pycountry", "override"}, iso3
        assert row["roles"] and set(row["roles"].split(";")) <= ROLES, iso3
        assert set(row["corridors"].split(";")) <= CORRIDORS, iso3
        assert row["source"].strip(), iso3
    # short forms, not the long official ones
    assert countries["LAO"]["name_zh"] == "老挝"
    assert countries["VNM"]["name_zh"] == "越南"
    assert countries["RUS"]["name_zh"] == "俄罗斯"
    assert countries["TUR"]["name_zh"] == "土耳其"
    # a country with a destination is marked as such
    for row in destinations.values():
        roles = set(countries[row["country"]]["roles"].split(";"))
        assert roles & {"origin", "destination", "planned"}, row["destination_id"]


def test_no_air_destinations_without_a_source(destinations, routes):
    """FIGURES.md counts air routes but names no destination: none is shipped."""
    assert not [r for r in destinations.values() if r["kind"] == "airport"]
    assert not [r for r in routes.values() if "air" in r["mode"].split(";")]
