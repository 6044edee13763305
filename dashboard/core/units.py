"""Units a figure may be written in, and their exact conversion to an indicator's own unit.

Chinese statistics publish in 亿元, 万吨, 万标箱, 万人次 and 亿美元; the tracker displays
billion CNY (十亿元), million t, TEU, million people and billion USD. A value typed in the wrong
one is ten or a hundred times off, so an upload may say its unit (the ``unit`` column), and the
value is converted here, exactly: in decimal arithmetic (``0.81584 万亿元`` is ``815.84``
billion CNY, not ``815.8399999999999``), never by float multiplication.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

__all__ = [
    "factor",
    "CHINESE_SOURCE_UNIT",
    "UnitError",
    "accepted_units",
    "convert",
    "normalise_unit",
]

_MONEY_CNY = {
    "元": Decimal("1e-9"),
    "万元": Decimal("1e-5"),
    "亿元": Decimal("0.1"),
    "十亿元": Decimal(1),
    "bn cny": Decimal(1),
    "billion cny": Decimal(1),
    "万亿元": Decimal(1000),
}
_MONEY_USD = {
    "美元": Decimal("1e-9"),
    "万美元": Decimal("1e-5"),
    "亿美元": Decimal("0.1"),
    "十亿美元": Decimal(1),
    "bn usd": Decimal(1),
    "billion usd": Decimal(1),
}
_WEIGHT = {
    "吨": Decimal("1e-6"),
    "万吨": Decimal("0.01"),
    "百万吨": Decimal(1),
    "million t": Decimal(1),
    "亿吨": Decimal(100),
}
_CONTAINERS = {
    "teu": Decimal(1),
    "标箱": Decimal(1),
    "标准箱": Decimal(1),
    "万标箱": Decimal(10_000),
}
_PEOPLE = {
    "人次": Decimal("1e-6"),
    "万人次": Decimal("0.01"),
    "百万人次": Decimal(1),
    "million people": Decimal(1),
}
#: Counts: any of the count words of DOMAIN.md, and 万户 / 万家 (ten thousand).
_COUNTS = {
    word: Decimal(1)
    for word in (
        "列",
        "条",
        "家",
        "户",
        "项",
        "个",
        "trains",
        "routes",
        "companies",
        "entities",
        "achievements",
    )  # fmt: skip
} | {"万户": Decimal(10_000), "万家": Decimal(10_000)}
_PERCENT = {"%": Decimal(1), "percent": Decimal(1), "百分比": Decimal(1)}

#: Per indicator unit (the catalogue's ``unit``): the units accepted and their factor to it.
_FACTORS: dict[str, dict[str, Decimal]] = {
    "billion CNY": _MONEY_CNY,
    "billion USD": _MONEY_USD,
    "million t": _WEIGHT,
    "TEU": _CONTAINERS,
    "million people": _PEOPLE,
    "trains": _COUNTS,
    "routes": _COUNTS,
    "companies": _COUNTS,
    "entities": _COUNTS,
    "achievements": _COUNTS,
    "percent": _PERCENT,
}

#: The unit Chinese sources publish each display unit in (the Chinese template pre-fills it).
CHINESE_SOURCE_UNIT = {
    "billion CNY": "亿元",
    "billion USD": "亿美元",
    "million t": "万吨",
    "TEU": "万标箱",
    "million people": "万人次",
    "trains": "列",
    "routes": "条",
    "companies": "家",
    "entities": "户",
    "achievements": "项",
    "percent": "%",
}

#: How each accepted unit is written when it is shown (the keys above are folded).
_SHOWN = {
    "bn cny": "bn CNY",
    "billion cny": "billion CNY",
    "bn usd": "bn USD",
    "billion usd": "billion USD",
    "teu": "TEU",
}


class UnitError(ValueError):
    """The unit does not fit the indicator; ``accepted`` lists the units that do."""

    def __init__(self, unit: str, accepted: list[str]) -> None:
        super().__init__(f"{unit!r} does not fit; accepted: {', '.join(accepted)}")
        self.unit = unit
        self.accepted = accepted


def normalise_unit(text: str) -> str:
    """Full-width folded, lower-case, single spaces: ``１０亿元`` and ``BN  CNY`` match."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def accepted_units(indicator_unit: str) -> list[str]:
    """The units a value of this indicator may be written in, as they are shown."""
    return [_SHOWN.get(unit, unit) for unit in _FACTORS.get(indicator_unit, {})]


def factor(unit: str, indicator_unit: str) -> Decimal:
    """The exact factor from ``unit`` to the indicator's unit (1 when ``unit`` is empty)."""
    folded = normalise_unit(unit)
    if not folded or folded == normalise_unit(indicator_unit):
        return Decimal(1)
    factors = {**_FACTORS.get(indicator_unit, {}), normalise_unit(indicator_unit): Decimal(1)}
    # "billion CNY / 十亿元" (a bilingual header's cell): every part must say the same unit.
    found = {factors.get(part.strip()) for part in folded.split("/")}
    if None in found or len(found) != 1:
        raise UnitError(unit, accepted_units(indicator_unit))
    return found.pop()


def convert(value: float, unit: str, indicator_unit: str) -> float:
    """``value`` written in ``unit``, in the indicator's unit, converted in decimal.

    The float is read by its shortest decimal form (``repr``), which is what was typed.
    """
    ratio = factor(unit, indicator_unit)
    if ratio == 1:
        return float(value)
    return float(Decimal(repr(float(value))) * ratio)
