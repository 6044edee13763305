"""Corridor files staff upload (issue 5): reach snapshots and destinations.

They go through the same reader as the quarterly file (sniffing, encodings, formula and size
guards, header aliases in both languages) and are validated whole here, with every problem
reported at its row and column; errors block the import, warnings ask for confirmation.

Both are small by nature (tens of places, a few snapshots a year): every page that shows them
draws them all. So a file holds at most :data:`MAX_DESTINATIONS` or :data:`MAX_REACH_SNAPSHOTS`
rows (checked by the reader, before any row is validated), and no file may bring the records
in force over that number either.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from ..core.corridors import CORRIDORS, COUNT_COLUMNS, DESTINATION, DESTINATION_KINDS, REACH
from .problems import ERROR, WARNING, Problem
from .reader import FileSpec, RawTable
from .validate import (
    _CONFIDENCE,
    MAX_TEXT,
    Validation,
    _Collector,
    _fold,
    _or_none,
    _parse_number_text,
    _unescape,
)

__all__ = [
    "DESTINATION_FILE",
    "MAX_DESTINATIONS",
    "MAX_REACH_SNAPSHOTS",
    "REACH_FILE",
    "validate_destinations",
    "validate_reach",
]

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

#: Corridor names a person may type, in either language, for each corridor id.
_CORRIDOR_ALIASES = {
    **{c: c for c in CORRIDORS},
    "land-sea": "land_sea",
    "西部陆海新通道": "land_sea",
    "陆海新通道": "land_sea",
    "china-europe": "china_europe",
    "中欧班列": "china_europe",
    "长江": "yangtze",
    "长江航运": "yangtze",
    "航空": "air",
}
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
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_MONTH_OR_DAY = re.compile(
    r"^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*(\d{1,2})\s*日?)?)?$"
)
_DESTINATION_ID = re.compile(r"^[a-z0-9_]{1,40}$")
#: Longest accepted text per column (the quarterly file's limits for source and note).
TEXT_LIMITS = {
    **MAX_TEXT,
    "name_en": 200,
    "name_zh": 200,
    "coordinates_source": 200,
    "coordinates_note": 1000,
}


def _months(text: pd.Series) -> np.ndarray:
    """``2023-09``, ``2023/9``, ``2023年9月``, ``2023-09-30`` → ``2023-09``; "" if not a month."""

    def one(value: str) -> str:
        match = _MONTH.match(value) or _MONTH_OR_DAY.match(value)
        if not match or match.group(2) is None:
            return ""
        month = int(match.group(2))
        return f"{match.group(1)}-{month:02d}" if 1 <= month <= 12 else ""

    return np.array([one(v) for v in text], dtype=object)


def _first_service(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (canonical text) and a mask of bad cells."""
    out = np.empty(len(text), dtype=object)
    bad = np.zeros(len(text), dtype=bool)
    for i, value in enumerate(text):
        if value == "":
            out[i] = None
            continue
        match = _MONTH_OR_DAY.match(value)
        if not match:
            bad[i] = True
            continue
        year, month, day = match.groups()
        parts = [year]
        if month:
            parts.append(f"{int(month):02d}")
            bad[i] |= not 1 <= int(month) <= 12
        if day:
            parts.append(f"{int(day):02d}")
            bad[i] |= not 1 <= int(day) <= 31
        out[i] = "-".join(parts)
    return out, bad


def _numbers(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers (NaN where empty or not a number) and a mask of cells that are not numbers."""
    text = cells.astype(str)
    values, percent = _parse_number_text(text)
    empty = (text.str.strip() == "").to_numpy()
    return np.where(percent, np.nan, values), ~empty & (np.isnan(values) | percent)


def _texts(found: _Collector, cells: pd.DataFrame, columns: tuple[str, ...]) -> dict:
    """Trimmed text of each column (export apostrophes removed), too-long cells flagged."""
    out = {}
    for column in columns:
        text = _unescape(cells[column])
        limit = TEXT_LIMITS[column]
        found.flag((text.str.len() > limit).to_numpy(), "text_too_long", column, limit=limit)
        out[column] = text
    return out


def _finish(found: _Collector, raw: RawTable, rows: pd.DataFrame) -> Validation:
    ordered = [p for _, p in sorted(found.found, key=lambda item: item[0])]
    errors = raw.problems + [p for p in ordered if p.severity == ERROR]
    error_count = found.counts[ERROR] + len(raw.problems)
    return Validation(
        rows=rows if error_count == 0 else rows.iloc[0:0],
        errors=errors,
        warnings=[p for p in ordered if p.severity == WARNING],
        error_count=error_count,
        warning_count=found.counts[WARNING],
    )


def _over_the_limit(new_keys, current_keys, spec: FileSpec) -> Validation | None:
    """One file-level problem if the records in force would number more than the spec's limit."""
    count = len(set(current_keys) | set(new_keys))
    if count <= spec.max_rows:
        return None
    problem = Problem(
        "records_in_force_too_many",
        params={"count": count, "limit": spec.max_rows, "dataset": spec.name},
    )
    return Validation(rows=pd.DataFrame(), errors=[problem], error_count=1)


def _header_failure(raw: RawTable) -> Validation | None:
    if any(p.code == "column_missing" for p in raw.problems):
        return Validation(
            rows=pd.DataFrame(), errors=list(raw.problems), error_count=len(raw.problems)
        )
    return None


def _duplicates(found: _Collector, raw: RawTable, keys: pd.DataFrame, usable, column: str):
    duplicated = keys.duplicated(keep="first").to_numpy() & usable
    if duplicated.any():
        first_row = (
            pd.Series(raw.row_numbers)
            .groupby([keys[c] for c in keys.columns])
            .transform("first")
            .to_numpy()
        )
        found.flag(duplicated, "record_duplicate", column, first_row=first_row)


def _confidence(found: _Collector, cells: pd.DataFrame) -> pd.Series:
    confidence = _fold(cells["confidence"]).str.upper()
    found.flag(~confidence.isin(_CONFIDENCE | {""}).to_numpy(), "confidence_invalid", "confidence")
    return confidence


def validate_reach(
    raw: RawTable, current: pd.DataFrame | None = None, *, today: date | None = None
) -> Validation:
    """A reach snapshot file: one row per (month, corridor) with the counts as published.

    Errors: a month that is not one, an unknown corridor, a count that is not a whole number
    of zero or more, a row with no count, no source, the same month and corridor twice.
    Warnings: a month in the future; a count lower than the corridor's latest earlier snapshot
    (reach seldom shrinks: a typo is likelier). A file that would bring the snapshots in force
    (``current``) over :data:`MAX_REACH_SNAPSHOTS` is refused as a whole, with that alone.
    """
    failed = _header_failure(raw)
    if failed:
        return failed
    cells = raw.frame.copy()
    for column in REACH.columns:
        if column not in cells:
            cells[column] = ""
    found = _Collector(raw.row_numbers, cells)

    month_text = _fold(cells["as_of"])
    months = _months(month_text)
    empty_month = (month_text == "").to_numpy()
    found.flag(empty_month, "as_of_empty", "as_of")
    found.flag(~empty_month & (months == ""), "as_of_invalid", "as_of")
    this_month = (today or date.today()).strftime("%Y-%m")
    found.flag((months != "") & (months > this_month), "as_of_future", "as_of", WARNING)

    corridor_text = _fold(cells["corridor"]).str.lower()
    corridors = corridor_text.map(_CORRIDOR_ALIASES).to_numpy(dtype=object)
    unknown = pd.isna(corridors)
    found.flag(unknown, "corridor_unknown", "corridor", allowed=", ".join(CORRIDORS))

    counts = {}
    any_count = np.zeros(len(cells), dtype=bool)
    for column in COUNT_COLUMNS:
        values, not_number = _numbers(cells[column])
        whole = np.isnan(values) | ((values >= 0) & (values == np.floor(values)))
        found.flag(not_number | ~whole, "count_invalid", column)
        counts[column] = np.where(not_number | ~whole, np.nan, values)
        any_count |= ~np.isnan(values)
    found.flag(~any_count, "counts_empty", "ports")

    texts = _texts(found, cells, ("source", "note"))
    found.flag((texts["source"] == "").to_numpy(), "source_empty", "source")
    confidence = _confidence(found, cells)

    keys = pd.DataFrame({"as_of": months, "corridor": corridors})
    usable = (months != "") & ~unknown
    current_keys = (
        zip(current["as_of"], current["corridor"], strict=True) if current is not None else ()
    )
    over = _over_the_limit(
        zip(months[usable], corridors[usable], strict=True), current_keys, REACH_FILE
    )
    if over:
        return over
    _duplicates(found, raw, keys, usable, "as_of")

    rows = pd.DataFrame(
        {
            "as_of": months,
            "corridor": np.where(unknown, "", corridors).astype(object),
            **counts,
            "source": _or_none(texts["source"]),
            "confidence": _or_none(confidence),
            "note": _or_none(texts["note"]),
        }
    )
    if current is not None and not current.empty:
        _warn_shrinking(found, rows, current)
    return _finish(found, raw, rows)


def _warn_shrinking(found: _Collector, rows: pd.DataFrame, current: pd.DataFrame) -> None:
    """Warn where a count is below the same corridor's latest earlier snapshot in force."""
    earlier = current.sort_values("as_of")
    for column in COUNT_COLUMNS:
        previous = np.full(len(rows), np.nan)
        previous_month = np.empty(len(rows), dtype=object)
        for position, row in enumerate(rows.itertuples(index=False)):
            same = earlier[
                (earlier["corridor"] == row.corridor)
                & (earlier["as_of"] < row.as_of)
                & earlier[column].notna()
            ]
            if not same.empty:
                previous[position] = same[column].iloc[-1]
                previous_month[position] = same["as_of"].iloc[-1]
        lower = rows[column].to_numpy(dtype="float64") < previous
        found.flag(
            lower,
            "count_decreased",
            column,
            WARNING,
            previous=lambda pos, counts=previous: int(counts[pos]),
            previous_as_of=previous_month,
        )


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
    failed = _header_failure(raw)
    if failed:
        return failed
    cells = raw.frame.copy()
    for column in DESTINATION.columns:
        if column not in cells:
            cells[column] = ""
    found = _Collector(raw.row_numbers, cells)

    ids = _fold(cells["destination_id"]).str.lower()
    empty_id = (ids == "").to_numpy()
    in_force = current["destination_id"] if current is not None else ()
    over = _over_the_limit(ids[~empty_id], in_force, DESTINATION_FILE)
    if over:
        return over
    found.flag(empty_id, "destination_id_empty", "destination_id")
    bad_id = ~empty_id & ~ids.str.fullmatch(_DESTINATION_ID).to_numpy()
    found.flag(bad_id, "destination_id_invalid", "destination_id")

    texts = _texts(
        found,
        cells,
        ("name_en", "name_zh", "source", "note", "coordinates_source", "coordinates_note"),
    )
    for column in ("name_en", "name_zh"):
        found.flag((texts[column] == "").to_numpy(), "name_empty", column)
    found.flag((texts["source"] == "").to_numpy(), "source_empty", "source")

    country = _fold(cells["country"]).str.upper()
    found.flag(~country.isin(countries).to_numpy(), "country_unknown", "country")

    kind_text = _fold(cells["kind"]).str.lower()
    kinds = kind_text.map(_KIND_ALIASES).to_numpy(dtype=object)
    found.flag(
        pd.isna(kinds), "destination_kind_unknown", "kind", allowed=", ".join(DESTINATION_KINDS)
    )

    corridor_lists = []
    bad_corridor = np.zeros(len(cells), dtype=bool)
    for position, value in enumerate(_fold(cells["corridor"]).str.lower()):
        parts = [p.strip() for p in re.split(r"[;；,，、]", value) if p.strip()]
        named = [_CORRIDOR_ALIASES.get(p) for p in parts]
        bad_corridor[position] = not parts or None in named
        corridor_lists.append(";".join(dict.fromkeys(n for n in named if n)))
    found.flag(bad_corridor, "corridor_unknown", "corridor", allowed=", ".join(CORRIDORS))

    coordinates = {}
    for column, limit in (("latitude", 90.0), ("longitude", 180.0)):
        values, not_number = _numbers(cells[column])
        empty = (cells[column].astype(str).str.strip() == "").to_numpy()
        found.flag(empty, "coordinate_empty", column)
        found.flag(not_number, "value_not_number", column)
        outside = ~np.isnan(values) & (np.abs(values) > limit)
        found.flag(outside, "coordinate_out_of_range", column, limit=int(limit))
        coordinates[column] = values

    first_service, bad_first = _first_service(_fold(cells["first_service"]))
    found.flag(bad_first, "first_service_invalid", "first_service")
    confidence = _confidence(found, cells)

    _duplicates(found, raw, pd.DataFrame({"id": ids}), ~empty_id & ~bad_id, "destination_id")

    rows = pd.DataFrame(
        {
            "destination_id": ids.to_numpy(dtype=object),
            "name_en": _or_none(texts["name_en"]),
            "name_zh": _or_none(texts["name_zh"]),
            "country": country.to_numpy(dtype=object),
            "kind": np.where(pd.isna(kinds), "", kinds).astype(object),
            "corridor": np.array(corridor_lists, dtype=object),
            "latitude": coordinates["latitude"],
            "longitude": coordinates["longitude"],
            "first_service": first_service,
            "source": _or_none(texts["source"]),
            "confidence": _or_none(confidence),
            "coordinates_source": _or_none(texts["coordinates_source"]),
            "coordinates_note": _or_none(texts["coordinates_note"]),
            "note": _or_none(texts["note"]),
        }
    )
    return _finish(found, raw, rows)
