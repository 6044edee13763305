"""What the reader must know of the corridor files staff upload (issue 5): headers and limits.

Reach snapshots and destinations go through the same reader as the quarterly file (sniffing,
encodings, formula and size guards, header aliases in both languages); these specs name their
columns in both languages and bound their rows. Both are small by nature (tens of places, a
few snapshots a year) and every page that shows them draws them all, so a file holds at most
:data:`MAX_DESTINATIONS` or :data:`MAX_REACH_SNAPSHOTS` rows (checked by the reader, before
any row is validated).
"""

from __future__ import annotations

from ..core.corridors import COUNT_COLUMNS
from .file_spec import FileSpec

__all__ = ["DESTINATION_FILE", "MAX_DESTINATIONS", "MAX_REACH_SNAPSHOTS", "REACH_FILE"]

#: Places the corridors serve: the shipped file has about twenty; the world map, the table and
#: every page's download stay fast with a hundred times as many.
MAX_DESTINATIONS = 2_000
#: Reach snapshots (month x corridor): four corridors with a monthly snapshot for ten years are
#: 480; the shipped file has seven.
MAX_REACH_SNAPSHOTS = 500

_COMMON_ALIASES = {
    "source": ("source", "来源", "数据来源"),
    "confidence": ("confidence", "可信度"),
    "note": ("note", "notes", "备注", "说明"),
    "corridor": ("corridor", "corridors", "通道"),
}

REACH_FILE = FileSpec(
    name="reach",
    required=("as_of", "corridor", "source"),
    aliases={
        "as_of": ("as_of", "as of", "date", "month", "日期", "截至", "截至月份", "月份"),
        "ports": ("ports", "港口", "港口数"),
        "countries_regions": (
            "countries_regions",
            "countries and regions",
            "countries",
            "国家和地区",
            "国家和地区数",
        ),
        "provinces": ("provinces", "省份", "省份数", "省区市"),
        "cities": ("cities", "城市", "城市数"),
        "stations": ("stations", "站点", "站点数", "铁路站点"),
        **_COMMON_ALIASES,
    },
    identity="as_of",
    filled=("as_of", *COUNT_COLUMNS),
    max_rows=MAX_REACH_SNAPSHOTS,
)

DESTINATION_FILE = FileSpec(
    name="destinations",
    required=("destination_id", "name_en", "name_zh", "country", "kind", "corridor"),
    aliases={
        "destination_id": ("destination_id", "destination id", "id", "地点代码"),
        "name_en": ("name_en", "name (english)", "english name", "英文名称"),
        "name_zh": ("name_zh", "name (chinese)", "chinese name", "中文名称"),
        "country": ("country", "country (iso3)", "iso3", "国家", "国家代码"),
        "kind": ("kind", "type", "类型"),
        "latitude": ("latitude", "lat", "纬度"),
        "longitude": ("longitude", "lon", "lng", "经度"),
        "first_service": ("first_service", "first service", "首次开行", "开通时间"),
        "coordinates_source": ("coordinates_source", "坐标来源"),
        "coordinates_note": ("coordinates_note", "坐标说明"),
        **_COMMON_ALIASES,
    },
    identity="destination_id",
    filled=(),
    max_rows=MAX_DESTINATIONS,
)
