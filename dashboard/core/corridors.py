"""The corridor data's vocabulary: the records staff upload, their keys and allowed values.

Two kinds of corridor record can be uploaded beside the quarterly figures (issue 5):

* a **reach snapshot**: at a date (``YYYY-MM``), how many ports, countries and regions,
  provinces, cities and stations a corridor reaches, as published, with its source;
* a **destination**: a place a corridor serves (name in both languages, country, kind,
  coordinates, first service, source).

Pure: pandas only. The store keeps these records append-only like observations, and the
ingest layer validates files of them against the lists here.
"""

from __future__ import annotations

from .changes import OBSERVATIONS, RecordKind

__all__ = [
    "CORRIDORS",
    "COUNT_COLUMNS",
    "DESTINATION_KINDS",
    "DESTINATION",
    "REACH",
    "RECORD_KINDS",
]

CORRIDORS = ("land_sea", "china_europe", "yangtze", "air")
DESTINATION_KINDS = (
    "origin",
    "sea_port",
    "river_port",
    "rail_terminus",
    "border_crossing",
    "airport",
)
#: The counts of a reach snapshot, in display order.
COUNT_COLUMNS = ("ports", "countries_regions", "provinces", "cities", "stations")


#: Like the quarterly file's, confidence is a mark of the file, not part of the figure: a
#: file without it changes nothing.
_NOT_COMPARED = ("confidence",)


def _record_kind(name: str, key: tuple[str, ...], columns: tuple[str, ...], numeric) -> RecordKind:
    """A corridor record kind: every column that is neither key nor file mark is compared."""
    compared = tuple(c for c in columns if c not in key and c not in _NOT_COMPARED)
    return RecordKind(name=name, key=key, columns=columns, compared=compared, numeric=numeric)


REACH = _record_kind(
    "reach",
    key=("as_of", "corridor"),
    columns=("as_of", "corridor", *COUNT_COLUMNS, "source", "confidence", "note"),
    numeric=COUNT_COLUMNS,
)

DESTINATION = _record_kind(
    "destinations",
    key=("destination_id",),
    columns=(
        "destination_id",
        "name_en",
        "name_zh",
        "country",
        "kind",
        "corridor",
        "latitude",
        "longitude",
        "first_service",
        "source",
        "confidence",
        "coordinates_source",
        "coordinates_note",
        "note",
    ),
    numeric=("latitude", "longitude"),
)

#: Every kind of record an upload can carry, by name (the quarterly figures first).
RECORD_KINDS = {kind.name: kind for kind in (OBSERVATIONS, REACH, DESTINATION)}
