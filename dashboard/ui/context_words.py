"""A context figure in words, in either language: its value with the digits it was published
with ("4,800 trains" / "4800列"), its date ("Jan–Sep 2023" / "2023年1—9月") and the flags of its
CSV columns (lower bound, approximate, related target). Shared by the plan page and the
indicator pages; pure text, no Dash."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..i18n import t
from .format import format_value

#: Context-figure units the tracker's own formatter writes in Chinese statistics style
#: (亿元, 万标准箱): unit -> (tracker unit, factor to it).
TRACKER_UNITS = {
    "billion CNY": ("billion CNY", 1.0),
    "billion USD": ("billion USD", 1.0),
    "million USD": ("billion USD", 1e-3),
    "TEU": ("TEU", 1.0),
    "million TEU": ("TEU", 1e6),
    "trains": ("trains", 1.0),
    "routes": ("routes", 1.0),
}
#: Context figures are Chongqing's unless their scope says otherwise (the legend says so).
DEFAULT_SCOPE = "Chongqing"
YEAR = re.compile(r"^(\d{4})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def slug(text: str) -> str:
    """``"Chengdu + Chongqing, cumulative"`` -> ``"chengdu_chongqing_cumulative"``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def published_number(value: float, lang: str) -> str:
    """The number with the digits it was published with: ``1.289``, ``4,800`` (zh: ``4800``)."""
    whole, _, fraction = f"{abs(value):.6f}".partition(".")
    fraction = fraction.rstrip("0")
    whole = f"{int(whole):,}" if lang == "en" else whole
    sign = "\u2212" if value < 0 else ""
    return sign + whole + (f".{fraction}" if fraction else "")


def _zh_count(value: float, word: str) -> str:
    if abs(value) >= 1e4:
        return f"{published_number(value / 1e4, 'zh')}万{word}"
    return f"{published_number(value, 'zh')}{word}"


def context_number(value: float, unit: str, lang: str) -> str:
    """A context figure's value and unit: ``25.65 bn USD`` / ``256.5亿美元``."""
    if unit == "percent":
        return f"{published_number(value, lang)}%"
    if lang == "zh" and unit in TRACKER_UNITS:
        tracker_unit, factor = TRACKER_UNITS[unit]
        return format_value(value * factor, tracker_unit, "zh")
    word = t(f"plan.unit.{slug(unit)}", lang)
    if lang == "zh":
        return _zh_count(value, word)
    return f"{published_number(value, lang)} {word}"


def _month(number: str, lang: str) -> str:
    return t(f"plan.month.{int(number)}", lang)


def format_as_of(text: str, lang: str) -> str:
    """``2023-01 to 2023-09`` -> ``Jan–Sep 2023`` / ``2023年1—9月``; see data/README.md."""
    text = text.strip()
    if text.startswith("cumulative to "):
        return t("plan.as_of.cumulative", lang, date=format_as_of(text[14:], lang))
    if " to " in text:
        start, end = (part.strip() for part in text.split(" to ", 1))
        if YEAR.match(start) and YEAR.match(end):
            return t("plan.as_of.year_range", lang, start=start, end=end)
        first, last = MONTH.match(start), MONTH.match(end)
        if first and last and first.group(1) == last.group(1):
            return t(
                "plan.as_of.month_range",
                lang,
                year=first.group(1),
                start=_month(first.group(2), lang),
                end=_month(last.group(2), lang),
            )
        return t(
            "plan.as_of.range",
            lang,
            start=format_as_of(start, lang),
            end=format_as_of(end, lang),
        )
    if match := YEAR.match(text):
        return t("plan.as_of.year", lang, year=match.group(1))
    if match := MONTH.match(text):
        return t("plan.as_of.month", lang, year=match.group(1), month=_month(match.group(2), lang))
    if match := DAY.match(text):
        year, month, day = match.groups()
        return t("plan.as_of.day", lang, year=year, month=_month(month, lang), day=str(int(day)))
    return text


@dataclass(frozen=True)
class FigureFlags:
    """How the page qualifies a context figure: its flag columns (data/README.md)."""

    qualifier: str | None  # "over" (a lower bound), "about" or "nearly"
    date_approximate: bool
    related: tuple[str, ...]  # tracked indicators the figure resembles but does not measure
    year_on_year: str | None  # "+72": a published change on the year before, in percent


def figure_flags(row: pd.Series) -> FigureFlags:
    return FigureFlags(
        qualifier=row["qualifier"] or None,
        date_approximate=row["date_approximate"] == "yes",
        related=tuple(i for i in row["related_targets"].split(";") if i),
        year_on_year=row["year_on_year_percent"] or None,
    )
