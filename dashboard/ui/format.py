"""Numbers as officials read them: ``800.7 bn CNY`` in English, ``8006.8亿元`` in Chinese."""

from __future__ import annotations

import html
import math
import re

from ..core.values import is_missing

__all__ = [
    "format_number",
    "format_percent",
    "format_period",
    "format_value",
    "plotly_text",
    "source_addresses",
]

#: Chinese: (multiplier to the base unit, base unit word). Scaled with 万 / 亿 / 万亿.
_ZH_BASE = {
    "billion CNY": (1e9, "元"),
    "billion USD": (1e9, "美元"),
    "million t": (1e6, "吨"),
    "million people": (1e6, "人次"),
    "TEU": (1.0, "标准箱"),
    "trains": (1.0, "列"),
    "routes": (1.0, "条"),
    "companies": (1.0, "家"),
    "entities": (1.0, "户"),
    "achievements": (1.0, "项"),
}
#: Units that count things: shown as whole numbers.
COUNT_UNITS = frozenset({"trains", "routes", "companies", "entities", "achievements"})
#: English: the unit as written after the number.
_EN_UNIT = {
    "billion CNY": "bn CNY",
    "billion USD": "bn USD",
    "million t": "million t",
    "million people": "million people",
}


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float, lang: str = "en", decimals: int | None = None) -> str:
    """Thousands separators in English; none in Chinese statistics style (8006.8)."""
    if is_missing(value):
        return "–"
    if decimals is None:
        magnitude = abs(value)
        decimals = 0 if magnitude >= 10_000 else 1 if magnitude >= 100 else 2
    text = f"{value:,.{decimals}f}" if lang == "en" else f"{value:.{decimals}f}"
    return _trim(text)


def _zh_scaled(amount: float) -> tuple[float, str]:
    magnitude = abs(amount)
    if magnitude >= 1e12:
        return amount / 1e12, "万亿"
    if magnitude >= 1e8:
        return amount / 1e8, "亿"
    if magnitude >= 1e4:
        return amount / 1e4, "万"
    return amount, ""


def format_value(value: float | None, unit: str, lang: str = "en", short: bool = False) -> str:
    """A value with its unit, in the way each language's statistics write it.

    ``short`` drops the currency after "bn" in English, for a second amount in one sentence
    ("800.7 bn CNY in 2025 ...; 1,100 bn needed by 2027").
    """
    if is_missing(value):
        return "–"
    if unit == "percent":
        return f"{format_number(value, lang, 1)}%"
    if unit in COUNT_UNITS:  # 325 companies, never "324.69家" (a projection is a count too)
        value = float(math.floor(value + 0.5))
    if lang == "zh":
        factor, word = _ZH_BASE.get(unit, (1.0, unit))
        scaled, prefix = _zh_scaled(value * factor)
        decimals = 0 if float(scaled).is_integer() else 1 if abs(scaled) >= 1000 else 2
        return f"{format_number(scaled, 'zh', decimals)}{prefix}{word}"
    if unit in ("billion CNY", "billion USD") and abs(value) >= 10_000:
        return f"{format_number(value / 1000, 'en', 2)} tn {unit.split()[1]}"
    decimals = 1 if unit in ("billion CNY", "billion USD") and abs(value) >= 100 else None
    word = "bn" if short and unit in ("billion CNY", "billion USD") else _EN_UNIT.get(unit, unit)
    return f"{format_number(value, 'en', decimals)} {word}"


def format_percent(fraction: float | None, lang: str = "en", signed: bool = True) -> str:
    """A rate given as a fraction: ``0.153 -> +15.3%``."""
    if is_missing(fraction):
        return "–"
    sign = "+" if signed and fraction > 0 else ""
    return f"{sign}{format_number(fraction * 100, lang, 1)}%"


_ZH_QUARTERS = {"1": "一", "2": "二", "3": "三", "4": "四"}


def format_period(label: object, lang: str = "en") -> str:
    """``2025Q3`` as ``2025Q3`` (en) or ``2025年第三季度`` (zh); a year as ``2024`` / ``2024年``.

    A missing period (``None``, ``""``, or the NaN a progress frame holds where an indicator
    has no value) is "–" in both languages.
    """
    if not isinstance(label, str) or not label:
        return "–"
    if lang != "zh":
        return label
    if len(label) == 6 and label[4] == "Q":
        return f"{label[:4]}年第{_ZH_QUARTERS[label[5]]}季度"
    return f"{label}年"


def pace_words(ratio: float | None, lang: str = "en") -> str:
    """The progress ratio R in words, as officials say it: "growing at 36% of the pace needed"
    ("增速为所需速度的36%"); below zero, "moving away from the target". Never "R = 0.36"."""
    from ..i18n import t

    if is_missing(ratio):
        return "–"
    if ratio < 0:
        return t("pace.away", lang)
    return t("pace.share", lang, share=f"{format_number(ratio * 100, lang, 0)}%")


def plotly_text(value: object) -> str:
    """Text for a plotly label or hover, shown as written: plotly renders ``<a>``, ``<b>``,
    ``<br>`` and the like in text as markup, so an uploaded ``<a href=...>`` would become a
    live link. Escaped, it is displayed literally (plotly decodes the entities for display)."""
    return html.escape("" if value is None else str(value), quote=False)


def source_addresses(source: str) -> list[str]:
    """The web addresses in a source text (``"https://a; https://b (note)"`` -> both)."""
    return re.findall(r"https?://[^\s;,]+", source or "")


def format_cell(value) -> str:
    """A cell of an uploaded corridor record as text: "–" when empty, whole numbers without
    ".0" and with thousands separators (``580.0`` -> ``580``), anything else as written."""
    if is_missing(value) or value == "":
        return "–"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def target_text(row, lang: str = "en") -> str:
    """The target as the plan words it: "over 5,000 trains", "about +10% a year"."""
    from ..i18n import t

    qualifier = row.get("target_qualifier") or ""
    if row["kind"] == "growth":
        rate = format_percent(row["target_growth"], lang, signed=False)
        return t(f"target.growth.{qualifier}", lang, rate=rate)
    target = format_value(row["target_value"], row["unit"], lang)
    return t(f"target.qualifier.{qualifier}", lang, target=target)


def record_key(row, key_columns) -> str:
    """A corridor record named by its key, as staff read it: "2023-10 · land_sea"."""
    return " · ".join(format_cell(row[column]) for column in key_columns)
