"""How an uploaded cell's text becomes a value, by rules every upload shares.

Staff type into spreadsheets in two languages: full-width digits, ``1，234``, ``12%``, a
trailing space, the apostrophe our own export puts before ``=``. The quarterly file and the
corridor files read such cells by the same rules (and accept the same confidence levels and
text lengths for their common columns), so a cell means the same whichever file it is in.
Text work runs once per distinct value, so its cost scales with variety, not with rows.
"""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd

__all__ = [
    "CONFIDENCE_LEVELS",
    "MAX_TEXT",
    "fold_width_and_trim",
    "none_where_empty",
    "parse_number_text",
    "parse_values",
    "strip_export_escape",
    "written_number",
]

#: Longest accepted ``source`` and ``note`` text.
MAX_TEXT = {"source": 1000, "note": 2000}
CONFIDENCE_LEVELS = {"H", "M", "L", "M-H", "H/M", "L-M"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
#: A leading apostrophe that our own export put before =, +, -, @, tab or CR (formula guard).
_ESCAPED = re.compile(r"^'(?=[=+\-@\t\r])")


def _per_distinct(series: pd.Series, transform) -> pd.Series:
    """Apply a vectorised text transform once per distinct value, then spread it back.

    Ids, periods, bases and sources repeat thousands of times in a large file; transforming
    only the distinct values makes validation cost scale with variety, not with rows.
    """
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=False)
    done = transform(pd.Series(uniques, dtype=object).astype(str))
    return pd.Series(done.to_numpy(dtype=object)[codes], index=series.index, dtype=object)


def _fold_text(text: pd.Series) -> pd.Series:
    wide = text.str.contains(r"[^\x00-\x7f]", regex=True)
    if wide.any():
        text = text.where(~wide, text[wide].str.normalize("NFKC"))
    return text.str.strip()


def fold_width_and_trim(series: pd.Series) -> pd.Series:
    """NFKC (full-width digits and letters to ASCII) and trimmed."""
    return _per_distinct(series, _fold_text)


def strip_export_escape(series: pd.Series) -> pd.Series:
    """Trimmed text without the apostrophe our export put before a formula-like start."""
    return _per_distinct(
        series, lambda text: text.str.replace(_ESCAPED, "", regex=True).str.strip()
    )


def none_where_empty(text: pd.Series) -> np.ndarray:
    """The text as stored: an empty cell is no value (NULL), not an empty string."""
    return text.where(text != "", None).to_numpy(dtype=object)


def parse_number_text(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The slow path: ``1,234``, ``１２３``, ``1，234``, ``12%``; NaN where not a number."""
    text = _fold_text(text.astype(str))
    text = text.str.replace("，", ",", regex=False).str.replace(" ", "", regex=False)
    percent = text.str.endswith("%").to_numpy()
    text = text.where(~percent, text.str[:-1])
    grouped = text.str.fullmatch(_THOUSANDS)
    text = text.where(~grouped, text.str.replace(",", "", regex=False))
    plain = text.str.fullmatch(_PLAIN_NUMBER).to_numpy()
    values = pd.to_numeric(text.where(plain, None), errors="coerce").to_numpy(dtype="float64")
    return np.where(plain & np.isfinite(values), values, np.nan), percent


def parse_values(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values, percent-sign mask and empty mask for the value column.

    Plain numbers (nearly every cell) go through pandas' C parser at once; only the cells it
    refuses take the slow path of our own rules.
    """
    raw = cells.astype(object)
    # A copy: pandas 3 may hand out a read-only view, and the slow path writes into it.
    values = np.array(pd.to_numeric(raw, errors="coerce"), dtype="float64")
    slow = ~np.isfinite(values)
    percent = np.zeros(len(raw), dtype=bool)
    empty = np.zeros(len(raw), dtype=bool)
    if slow.any():
        subset = raw[slow].astype(str)
        slow_values, slow_percent = parse_number_text(subset)
        values[slow] = slow_values
        percent[slow] = slow_percent
        empty[slow] = (subset.str.strip() == "").to_numpy()
    return values, percent, empty


def written_number(value: float) -> str:
    """A number as a person writes it: ``3935.0`` -> ``3,935``, ``0.81584`` -> ``0.81584``."""
    exact = Decimal(repr(float(value)))
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return f"{exact:,f}"
