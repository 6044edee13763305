"""Validate a whole table of text cells against the catalogue; every problem at once.

Each rule is a vectorised test over a column (distinct periods are parsed once), so a
million-row file validates in seconds. Errors block the import; warnings ask for confirmation.
This module holds the rules that read a quarterly observation row; how cells are read
(:mod:`.cell_values`), how problems are gathered (:mod:`.problem_collector`) and the warnings
judged against the values in force (:mod:`.observation_warnings`) live beside it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from ..core.catalogue import bases_for_kind
from ..core.periods import PeriodError, parse_period
from ..core.units import UnitError, factor
from .cell_values import (
    CONFIDENCE_LEVELS,
    MAX_TEXT,
    fold_width_and_trim,
    none_where_empty,
    parse_values,
    strip_export_escape,
    written_number,
)
from .observation_warnings import JUMP_WARNING as JUMP_WARNING  # importable from here, as before
from .observation_warnings import warn_future_jump_falling_ytd, warn_implausible
from .problem_collector import MAX_PROBLEMS, ProblemCollector, Validation
from .problems import ERROR, WARNING
from .reader import RawTable

__all__ = ["MAX_PROBLEMS", "Validation", "validate"]

_BASIS_ALIASES = {
    "quarter": "quarter",
    "q": "quarter",
    "quarterly": "quarter",
    "季度": "quarter",
    "当季": "quarter",
    "单季": "quarter",
    "季": "quarter",
    "ytd": "ytd",
    "year-to-date": "ytd",
    "year to date": "ytd",
    "累计": "ytd",
    "年初至今": "ytd",
    "1-本季累计": "ytd",
    "annual": "annual",
    "year": "annual",
    "yearly": "annual",
    "full year": "annual",
    "全年": "annual",
    "年度": "annual",
    "年": "annual",
}
_YES = {"yes", "y", "true", "1", "是", "x"}
_NO = {"", "no", "n", "false", "0", "否"}


def _periods(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Canonical labels, end quarter indices and year flags; distinct values parsed once."""
    parsed: dict[str, tuple[str, int, bool]] = {}
    for value in pd.unique(text):
        try:
            period = parse_period(value)
            parsed[value] = (period.label, period.end_index, period.is_year)
        except PeriodError:
            parsed[value] = ("", -1, False)
    table = pd.DataFrame.from_dict(parsed, orient="index", columns=["label", "q", "is_year"])
    return (
        text.map(table["label"]).to_numpy(dtype=object),
        text.map(table["q"]).to_numpy(dtype="int64"),
        text.map(table["is_year"]).to_numpy(dtype=bool),
    )


def _convert_units(
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


def validate(
    raw: RawTable,
    indicators: pd.DataFrame,
    current: pd.DataFrame | None = None,
    *,
    today: date | None = None,
) -> Validation:
    """Check every cell of ``raw``; return clean rows, errors and warnings.

    ``indicators`` is the catalogue; ``current`` the values in force (for the 50 % jump
    warning). ``today`` decides what is in the future (defaults to the real date at call time).
    """
    if any(p.code == "column_missing" for p in raw.problems):
        # Without a required column no row can be read; the header problems say it all.
        return Validation(
            rows=pd.DataFrame(), errors=list(raw.problems), error_count=len(raw.problems)
        )
    cells = raw.frame.copy()
    for column in ("basis", "unit", "source", "note", "confidence", "illustrative"):
        if column not in cells:
            cells[column] = ""
    found = ProblemCollector(raw.row_numbers, cells)
    catalogue = indicators.set_index("indicator_id")

    ids = fold_width_and_trim(cells["indicator_id"]).str.upper()
    empty_id = (ids == "").to_numpy()
    known = ids.isin(catalogue.index).to_numpy()
    found.flag(empty_id, "id_empty", "indicator_id")
    found.flag(~empty_id & ~known, "id_unknown", "indicator_id")
    kind = ids.map(catalogue["kind"]).to_numpy(dtype=object)
    unit = ids.map(catalogue["unit"]).to_numpy(dtype=object)

    period_text = fold_width_and_trim(cells["period"])
    labels, quarters, is_year = _periods(period_text)
    empty_period = (period_text == "").to_numpy()
    bad_period = ~empty_period & (quarters < 0)
    found.flag(empty_period, "period_empty", "period")
    found.flag(bad_period, "period_invalid", "period")
    good_period = quarters >= 0

    values, percent, empty_value = parse_values(cells["value"])
    percent_unit = unit == "percent"
    formula_rows = {p.row for p in raw.problems if p.code == "formula_cell" and p.column == "value"}
    has_formula = np.isin(raw.row_numbers, list(formula_rows))
    not_number = ~empty_value & np.isnan(values) & ~has_formula
    found.flag(empty_value, "value_empty", "value")
    found.flag(not_number, "value_not_number", "value")
    found.flag(~not_number & percent & ~percent_unit & known, "value_percent", "value")
    numeric = ~np.isnan(values)
    values, as_written = _convert_units(found, cells, ids, unit, values, known & numeric)
    found.flag(known & numeric & (values < 0), "value_negative", "value")
    found.flag(numeric & (kind == "share") & (values > 100), "share_out_of_range", "value")

    basis_text = fold_width_and_trim(cells["basis"]).str.lower()
    basis = basis_text.map(_BASIS_ALIASES).to_numpy(dtype=object)
    basis = np.where(basis_text.to_numpy() == "", np.where(is_year, "annual", "quarter"), basis)
    bad_basis = pd.isna(basis)
    found.flag(bad_basis, "basis_invalid", "basis")
    basis = np.where(bad_basis, "", basis).astype(object)
    for k in ("stock", "share"):
        allowed = bases_for_kind(k)
        wrong = (kind == k) & ~bad_basis & ~np.isin(basis, allowed)
        found.flag(wrong, "basis_not_for_kind", "basis", kind=k, allowed=", ".join(allowed))
    found.flag(
        good_period & is_year & ~bad_basis & (basis != "annual"), "basis_year_needs_annual", "basis"
    )
    found.flag(good_period & ~is_year & (basis == "annual"), "basis_annual_needs_year", "basis")

    source = strip_export_escape(cells["source"])
    note = strip_export_escape(cells["note"])
    for column, text in (("source", source), ("note", note)):
        found.flag(
            (text.str.len() > MAX_TEXT[column]).to_numpy(),
            "text_too_long",
            column,
            limit=MAX_TEXT[column],
        )
    confidence = fold_width_and_trim(cells["confidence"]).str.upper()
    found.flag(
        ~confidence.isin(CONFIDENCE_LEVELS | {""}).to_numpy(), "confidence_invalid", "confidence"
    )
    illustrative_text = fold_width_and_trim(cells["illustrative"]).str.lower()
    found.flag(
        ~illustrative_text.isin(_YES | _NO).to_numpy(), "illustrative_invalid", "illustrative"
    )

    keys = pd.DataFrame({"id": ids.to_numpy(), "period": labels})
    checkable = known & good_period
    duplicated = keys.duplicated(keep="first").to_numpy() & checkable
    if duplicated.any():
        first_row = (
            pd.Series(raw.row_numbers)
            .groupby([keys["id"], keys["period"]])
            .transform("first")
            .to_numpy()
        )
        found.flag(duplicated, "duplicate_key", "indicator_id", first_row=first_row)

    rows = pd.DataFrame(
        {
            "indicator_id": ids.to_numpy(dtype=object),
            "period": labels,
            "basis": basis,
            "value": values,
            "source": none_where_empty(source),
            "note": none_where_empty(note),
            "confidence": none_where_empty(confidence),
            "illustrative": illustrative_text.isin(_YES).to_numpy(),
            "as_written": as_written,
        }
    )

    warn_future_jump_falling_ytd(found, rows, quarters, current, today)
    if current is not None:
        checkable = known & numeric & good_period & ~pd.isna(basis.astype(object))
        warn_implausible(found, rows, checkable, indicators, current)
    errors = [p for _, p in sorted(found.found, key=lambda item: item[0]) if p.severity == ERROR]
    warnings = [
        p for _, p in sorted(found.found, key=lambda item: item[0]) if p.severity == WARNING
    ]
    errors = raw.problems + errors
    error_count = found.counts[ERROR] + len(raw.problems)
    return Validation(
        rows=rows if error_count == 0 else rows.iloc[0:0],
        errors=errors,
        warnings=warnings,
        error_count=error_count,
        warning_count=found.counts[WARNING],
    )
