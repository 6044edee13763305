"""Values written in another unit (亿元, 万吨, 亿美元...) converted to the indicator's own unit.

Sources publish in their own units; staff should not convert by hand. Kept apart from the
row rules of :mod:`.validate` because it is exact decimal arithmetic with its own error.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from ..core.units import UnitError, factor
from .cell_values import fold_width_and_trim, written_number
from .problem_collector import ProblemCollector

__all__ = ["convert_units"]


def convert_units(
    found: ProblemCollector,
    cells: pd.DataFrame,
    ids: pd.Series,
    indicator_units: np.ndarray,
    values: np.ndarray,
    checkable: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Values in the indicator's own unit, and the value and unit as the file wrote them.

    The ``unit`` column (``单位``) may say 亿元, 万吨, 万标箱, 万人次, 亿美元 and the other units
    of DOMAIN.md; a value is converted exactly (decimal arithmetic, :mod:`core.units`). A
    unit that does not fit the indicator is an error naming the units that do. Without the
    column, or with an empty cell, the value is in the indicator's unit, as before.
    """
    written = fold_width_and_trim(cells["unit"])
    as_written = np.full(len(values), None, dtype=object)
    given = (written != "").to_numpy() & checkable
    if not given.any():
        return values, as_written
    converted = values.copy()
    pairs = pd.DataFrame({"unit": written.to_numpy(), "of": indicator_units})
    factors: dict[tuple[str, str], Decimal | UnitError] = {}
    for unit_text, indicator_unit in pairs[given].drop_duplicates().itertuples(index=False):
        try:
            factors[(unit_text, indicator_unit)] = factor(unit_text, indicator_unit)
        except UnitError as refused:
            factors[(unit_text, indicator_unit)] = refused
    wrong = np.zeros(len(values), dtype=bool)
    accepted = np.full(len(values), "", dtype=object)
    for position in np.flatnonzero(given):
        ratio = factors[(written.iloc[position], indicator_units[position])]
        if isinstance(ratio, UnitError):
            wrong[position] = True
            accepted[position] = ", ".join(ratio.accepted)
            continue
        as_written[position] = f"{written_number(values[position])} {written.iloc[position]}"
        if ratio != 1:
            converted[position] = float(Decimal(repr(float(values[position]))) * ratio)
    found.flag(wrong, "unit_not_for_indicator", "unit", indicator=ids.to_numpy(), accepted=accepted)
    return converted, as_written
