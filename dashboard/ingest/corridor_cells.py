"""How a corridor file's cells become values: corridor names, months, dates, counts, texts.

Reach snapshots and destinations share columns (corridor, source, note, confidence) and ways
of writing things (a month as ``2023年9月``, a corridor as ``中欧班列``); both validators read
them here, by one set of rules, so a cell means the same in either file. Text and numbers are
read as in the quarterly file (:mod:`.cell_values`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.corridors import CORRIDORS
from .cell_values import (
    CONFIDENCE_LEVELS,
    MAX_TEXT,
    fold_width_and_trim,
    parse_number_text,
    strip_export_escape,
)
from .problem_collector import ProblemCollector

__all__ = [
    "CORRIDOR_ALIASES",
    "TEXT_LIMITS",
    "checked_confidence",
    "checked_texts",
    "first_service_dates",
    "months_of",
    "numbers_of",
]

#: Corridor names a person may type, in either language, for each corridor id.
CORRIDOR_ALIASES = {
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
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_MONTH_OR_DAY = re.compile(
    r"^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*(\d{1,2})\s*日?)?)?$"
)
#: Longest accepted text per column (the quarterly file's limits for source and note).
TEXT_LIMITS = {
    **MAX_TEXT,
    "name_en": 200,
    "name_zh": 200,
    "coordinates_source": 200,
    "coordinates_note": 1000,
}


def months_of(text: pd.Series) -> np.ndarray:
    """``2023-09``, ``2023/9``, ``2023年9月``, ``2023-09-30`` → ``2023-09``; "" if not a month."""

    def one(value: str) -> str:
        match = _MONTH.match(value) or _MONTH_OR_DAY.match(value)
        if not match or match.group(2) is None:
            return ""
        month = int(match.group(2))
        return f"{match.group(1)}-{month:02d}" if 1 <= month <= 12 else ""

    return np.array([one(v) for v in text], dtype=object)


def first_service_dates(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
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


def numbers_of(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers (NaN where empty or not a number) and a mask of cells that are not numbers."""
    text = cells.astype(str)
    values, percent = parse_number_text(text)
    empty = (text.str.strip() == "").to_numpy()
    return np.where(percent, np.nan, values), ~empty & (np.isnan(values) | percent)


def checked_texts(found: ProblemCollector, cells: pd.DataFrame, columns: tuple[str, ...]) -> dict:
    """Trimmed text of each column (export apostrophes removed), too-long cells flagged."""
    out = {}
    for column in columns:
        text = strip_export_escape(cells[column])
        limit = TEXT_LIMITS[column]
        found.flag((text.str.len() > limit).to_numpy(), "text_too_long", column, limit=limit)
        out[column] = text
    return out


def checked_confidence(found: ProblemCollector, cells: pd.DataFrame) -> pd.Series:
    """The confidence column upper-cased, a level the quarterly file would refuse flagged."""
    confidence = fold_width_and_trim(cells["confidence"]).str.upper()
    found.flag(
        ~confidence.isin(CONFIDENCE_LEVELS | {""}).to_numpy(), "confidence_invalid", "confidence"
    )
    return confidence
