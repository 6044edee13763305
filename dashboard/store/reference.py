"""Read-only reference data shipped in ``data/``: the context figures (no 2027 target), each
naming the target whose indicator page shows it (``indicator_id``, empty for none).

The file is small and changes only when someone edits it, so it is read once per process and
kept until its modification time or size changes (an edited file is picked up on the next call
without a restart). Callers get a copy: the cached frame itself is never handed out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "CONTEXT_COLUMNS",
    "CONTEXT_FILE",
    "CORRIDOR_FILES",
    "DATA_DIR",
    "ReferenceDataError",
    "context_figures",
    "corridor_table",
    "country_codes",
    "country_names",
    "geometry",
]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
CONTEXT_FILE = "context_figures.csv"
#: The columns of ``context_figures.csv``, in file order (see data/README.md).
CONTEXT_COLUMNS = (
    "figure_id",
    "topic",
    "label_en",
    "label_zh",
    "value",
    "unit",
    "as_of",
    "scope",
    "source",
    "confidence",
    "note",
    "indicator_id",  # the target whose page shows the figure as context (empty: none)
    # How the plan page qualifies the figure (data/README.md): "over" (a lower bound),
    # "about" or "nearly"; "yes" when the date is approximate; the targets it resembles but
    # measures differently ("LOG-TRAINS;…"); a published year-on-year change ("+72", percent).
    "qualifier",
    "date_approximate",
    "related_targets",
    "year_on_year_percent",
)
QUALIFIERS = frozenset({"", "over", "about", "nearly"})
SIGNED_PERCENT = r"^$|^[+-]\d+(\.\d+)?$"


class ReferenceDataError(ValueError):
    """A shipped reference file lacks a column or holds a value that is not a number."""


def context_figures(path: Path | None = None) -> pd.DataFrame:
    """Every context figure, in file order: text columns as ``str``, ``value`` as float."""
    path = Path(path or DATA_DIR / CONTEXT_FILE)
    stat = path.stat()
    return _read_context_figures(str(path), stat.st_mtime_ns, stat.st_size).copy(deep=True)


@lru_cache(maxsize=4)
def _read_context_figures(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Parse the file; the modification time and size are part of the cache key only."""
    del mtime_ns, size
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [column for column in CONTEXT_COLUMNS if column not in frame.columns]
    if missing:
        raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)}")
    values = pd.to_numeric(frame["value"].str.replace(",", "", regex=False), errors="coerce")
    if values.isna().any():
        bad = frame.loc[values.isna(), "figure_id"].tolist()
        raise ReferenceDataError(f"{path}: value is not a number for {', '.join(bad)}")
    wrong = (
        ~frame["qualifier"].isin(QUALIFIERS)
        | ~frame["date_approximate"].isin({"", "yes"})
        | ~frame["year_on_year_percent"].str.match(SIGNED_PERCENT)
    )
    if wrong.any():
        bad = frame.loc[wrong, "figure_id"].tolist()
        raise ReferenceDataError(
            f"{path}: qualifier, date_approximate or year_on_year_percent is not one the "
            f"README allows for {', '.join(bad)}"
        )
    frame = frame[list(CONTEXT_COLUMNS)].copy()
    frame["value"] = values.astype("float64")
    return frame


#: The corridor files (issue 5), read like the context figures: once per process and file version.
CORRIDOR_FILES = {
    "reach": "corridor_reach.csv",
    "destinations": "destinations.csv",
    "routes": "routes.csv",
    "route_paths": "route_paths.csv",
    "countries": "country_names.csv",
}


#: Every ISO 3166-1 country, names in both languages (scripts/build_country_list.py).
COUNTRY_FILE = "iso3166_countries.csv"


def country_names() -> pd.DataFrame:
    """iso3, name_en, name_zh for every ISO 3166-1 country (a copy)."""
    path = DATA_DIR / COUNTRY_FILE
    stat = path.stat()
    return _read_text_table(str(path), stat.st_mtime_ns, stat.st_size).copy(deep=True)


def country_codes() -> set[str]:
    """The ISO 3166-1 alpha-3 codes an uploaded destination may name."""
    return set(country_names()["iso3"])


def corridor_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """One corridor file as text columns (callers convert the numbers they use); a copy."""
    path = Path(folder or DATA_DIR) / CORRIDOR_FILES[name]
    stat = path.stat()
    return _read_text_table(str(path), stat.st_mtime_ns, stat.st_size).copy(deep=True)


@lru_cache(maxsize=16)
def _read_text_table(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    del mtime_ns, size
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def geometry(name: str) -> dict:
    """A GeoJSON file under assets/geo (for overlays drawn from the server side); a copy."""
    import copy

    path = DATA_DIR.parent / "assets" / "geo" / f"{name}.geojson"
    stat = path.stat()
    return copy.deepcopy(_read_geojson(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=4)
def _read_geojson(path: str, mtime_ns: int, size: int) -> dict:
    import json

    del mtime_ns, size
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
