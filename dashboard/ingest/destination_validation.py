"""Validation of a corridor destinations file: the places the corridors serve.

One row per place, identified by ``destination_id``, with names in both languages, an ISO
3166 country, a kind, the corridors serving it, coordinates for the world map and a first
service date. Every problem is reported at its row and column; there are no warnings.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.corridors import CORRIDORS, DESTINATION, DESTINATION_KINDS
from .cell_values import fold_width_and_trim, none_where_empty
from .corridor_cells import (
    CORRIDOR_ALIASES,
    checked_confidence,
    checked_texts,
    first_service_dates,
    numbers_of,
)
from .corridor_file_specs import DESTINATION_FILE
from .file_checks import (
    cells_and_collector,
    finish_validation,
    flag_duplicates,
    header_failure,
    over_the_limit,
)
from .problem_collector import Validation
from .reader import RawTable

__all__ = ["validate_destinations"]

_KIND_ALIASES = {
    **{k: k for k in DESTINATION_KINDS},
    "海港": "sea_port",
    "河港": "river_port",
    "内河港口": "river_port",
    "铁路终点": "rail_terminus",
    "口岸": "border_crossing",
    "边境口岸": "border_crossing",
    "机场": "airport",
    "起点": "origin",
}
_DESTINATION_ID = re.compile(r"^[a-z0-9_]{1,40}$")


def validate_destinations(
    raw: RawTable, countries: set[str], current: pd.DataFrame | None = None
) -> Validation:
    """A destinations file: one row per place, identified by ``destination_id``.

    Errors: an id that is not lower-case letters, digits and underscores; a missing English
    or Chinese name; a country that is not an ISO 3166 alpha-3 code of ``countries``; an
    unknown kind or corridor; coordinates missing or out of range; a first service that is
    not a year, month or day; no source; the same id twice. A file that would bring the places
    in force (``current``) over :data:`MAX_DESTINATIONS` is refused as a whole, with that alone.
    """
    failed = header_failure(raw)
    if failed:
        return failed
    cells, found = cells_and_collector(raw, DESTINATION.columns)

    ids = fold_width_and_trim(cells["destination_id"]).str.lower()
    empty_id = (ids == "").to_numpy()
    in_force = current["destination_id"] if current is not None else ()
    over = over_the_limit(ids[~empty_id], in_force, DESTINATION_FILE)
    if over:
        return over
    found.flag(empty_id, "destination_id_empty", "destination_id")
    bad_id = ~empty_id & ~ids.str.fullmatch(_DESTINATION_ID).to_numpy()
    found.flag(bad_id, "destination_id_invalid", "destination_id")

    texts = checked_texts(
        found,
        cells,
        ("name_en", "name_zh", "source", "note", "coordinates_source", "coordinates_note"),
    )
    for column in ("name_en", "name_zh"):
        found.flag((texts[column] == "").to_numpy(), "name_empty", column)
    found.flag((texts["source"] == "").to_numpy(), "source_empty", "source")

    country = fold_width_and_trim(cells["country"]).str.upper()
    found.flag(~country.isin(countries).to_numpy(), "country_unknown", "country")

    kind_text = fold_width_and_trim(cells["kind"]).str.lower()
    kinds = kind_text.map(_KIND_ALIASES).to_numpy(dtype=object)
    found.flag(
        pd.isna(kinds), "destination_kind_unknown", "kind", allowed=", ".join(DESTINATION_KINDS)
    )

    corridor_lists = []
    bad_corridor = np.zeros(len(cells), dtype=bool)
    for position, value in enumerate(fold_width_and_trim(cells["corridor"]).str.lower()):
        parts = [p.strip() for p in re.split(r"[;；,，、]", value) if p.strip()]
        named = [CORRIDOR_ALIASES.get(p) for p in parts]
        bad_corridor[position] = not parts or None in named
        corridor_lists.append(";".join(dict.fromkeys(n for n in named if n)))
    found.flag(bad_corridor, "corridor_unknown", "corridor", allowed=", ".join(CORRIDORS))

    coordinates = {}
    for column, limit in (("latitude", 90.0), ("longitude", 180.0)):
        values, not_number = numbers_of(cells[column])
        empty = (cells[column].astype(str).str.strip() == "").to_numpy()
        found.flag(empty, "coordinate_empty", column)
        found.flag(not_number, "value_not_number", column)
        outside = ~np.isnan(values) & (np.abs(values) > limit)
        found.flag(outside, "coordinate_out_of_range", column, limit=int(limit))
        coordinates[column] = values

    first_service, bad_first = first_service_dates(fold_width_and_trim(cells["first_service"]))
    found.flag(bad_first, "first_service_invalid", "first_service")
    confidence = checked_confidence(found, cells)

    flag_duplicates(found, raw, pd.DataFrame({"id": ids}), ~empty_id & ~bad_id, "destination_id")

    rows = pd.DataFrame(
        {
            "destination_id": ids.to_numpy(dtype=object),
            "name_en": none_where_empty(texts["name_en"]),
            "name_zh": none_where_empty(texts["name_zh"]),
            "country": country.to_numpy(dtype=object),
            "kind": np.where(pd.isna(kinds), "", kinds).astype(object),
            "corridor": np.array(corridor_lists, dtype=object),
            "latitude": coordinates["latitude"],
            "longitude": coordinates["longitude"],
            "first_service": first_service,
            "source": none_where_empty(texts["source"]),
            "confidence": none_where_empty(confidence),
            "coordinates_source": none_where_empty(texts["coordinates_source"]),
            "coordinates_note": none_where_empty(texts["coordinates_note"]),
            "note": none_where_empty(texts["note"]),
        }
    )
    return finish_validation(found, raw, rows)
