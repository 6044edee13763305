"""Quarters and periods: parsing every format staff write, and quarter arithmetic.

A quarter is represented internally as a *quarter index*, ``year * 4 + quarter - 1``, so that
"four quarters earlier" is ``index - 4`` and the distance ``n`` between two quarters is a plain
subtraction. A *period* as written in a file is either a quarter (``2025Q3``) or a bare year
(``2024``, a full-year figure that counts at the year's fourth quarter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = [
    "Period",
    "PeriodError",
    "current_quarter",
    "parse_period",
    "parse_quarter",
    "quarter_index",
    "quarter_label",
]

_CHINESE_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Each pattern captures a 4-digit year and a quarter digit (or Chinese numeral).
_QUARTER_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*Q(?P<q>\d)$"),  # 2025Q3, 2025-Q3, 2025 Q3
    re.compile(r"^Q(?P<q>\d)\s*[-/ ]?\s*(?P<year>\d{4})$"),  # Q3 2025, Q3-2025
    re.compile(r"^(?P<year>\d{4})年\s*Q(?P<q>\d)$"),  # 2025年Q3
    re.compile(
        r"^(?P<year>\d{4})年\s*第?(?P<q>[一二三四1-4])季度?$"
    ),  # 2025年第三季度, 2025年3季度
)
_YEAR_PATTERN = re.compile(r"^(?P<year>\d{4})(?:\.0+)?年?(?:度)?$")  # 2024, 2024年, 2024.0 (Excel)

MIN_YEAR = 1900
MAX_YEAR = 2200


class PeriodError(ValueError):
    """A period that cannot be read; the message names the text and the accepted forms."""


@dataclass(frozen=True, order=True)
class Period:
    """A period as written in a data file: one quarter, or a full year (``quarter is None``)."""

    year: int
    quarter: int | None = None

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def label(self) -> str:
        """Canonical text: ``2025Q3`` for a quarter, ``2024`` for a year."""
        return str(self.year) if self.quarter is None else f"{self.year}Q{self.quarter}"

    @property
    def end_index(self) -> int:
        """Quarter index of the period's last quarter (a year ends at its Q4)."""
        return quarter_index(self.year, 4 if self.quarter is None else self.quarter)

    def __str__(self) -> str:
        return self.label


def quarter_index(year: int, quarter: int) -> int:
    """``year * 4 + quarter - 1``: consecutive quarters are consecutive integers."""
    if not 1 <= quarter <= 4:
        raise PeriodError(f"quarter must be 1 to 4, not {quarter}")
    return year * 4 + quarter - 1


def quarter_label(index: int) -> str:
    """Inverse of :func:`quarter_index`: ``8101 -> "2025Q2"``."""
    year, q0 = divmod(int(index), 4)
    return f"{year}Q{q0 + 1}"


def current_quarter(today: date | None = None) -> int:
    """The quarter index containing ``today`` (evaluated at call time, never at import)."""
    today = today or date.today()
    return quarter_index(today.year, (today.month - 1) // 3 + 1)


def _normalise(text: str) -> str:
    # NFKC folds full-width digits and letters (２０２５Ｑ３) to ASCII.
    folded = unicodedata.normalize("NFKC", text).strip().upper()
    return re.sub(r"\s+", " ", folded)


def _checked_year(year: int, original: str) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year {year} in {original!r} is out of range {MIN_YEAR}-{MAX_YEAR}")
    return year


def parse_period(text: object) -> Period:
    """Read a quarter or a bare year in any format of DOMAIN.md, Chinese included.

    >>> parse_period("2025年第三季度").label
    '2025Q3'
    >>> parse_period("2024").is_year
    True
    """
    if text is None:
        raise PeriodError("period is empty")
    original = str(text)
    norm = _normalise(original)
    if not norm:
        raise PeriodError("period is empty")
    for pattern in _QUARTER_PATTERNS:
        match = pattern.match(norm)
        if match:
            quarter = _CHINESE_QUARTER.get(match.group("q"))
            if quarter is None:
                raise PeriodError(f"{original!r}: the quarter must be 1 to 4")
            return Period(_checked_year(int(match.group("year")), original), quarter)
    match = _YEAR_PATTERN.match(norm)
    if match:
        return Period(_checked_year(int(match.group("year")), original), None)
    raise PeriodError(
        f"{original!r} is not a period; write a quarter such as 2025Q3 or a year such as 2024"
    )


def parse_quarter(text: object) -> int:
    """Read a quarter (not a bare year) and return its quarter index."""
    period = parse_period(text)
    if period.quarter is None:
        raise PeriodError(f"{text!r} is a year; a quarter such as {period.year}Q4 is needed")
    return period.end_index
