"""Validate a whole table of text cells against the catalogue; every problem at once.

Each rule is a vectorised test over a column (distinct periods are parsed once), so a
million-row file validates in seconds. Errors block the import; warnings ask for confirmation.
This module holds the rules that read a quarterly observation row; how cells are read
(:mod:`.cell_values`), how problems are gathered (:mod:`.problem_collector`) and the warnings
judged against the values in force (:mod:`.observation_warnings`) live beside it, as does
the conversion of a unit the file names (:mod:`.unit_conversion`).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..core.catalogue import bases_for_kind
from ..core.periods import PeriodError, parse_period
from .cell_values import (
    CONFIDENCE_LEVELS,
    MAX_TEXT,
    fold_width_and_trim,
    none_where_empty,
    parse_values,
    strip_export_escape,
)
from .file_checks import cells_and_collector, finish_validation, header_failure
from .observation_warnings import JUMP_WARNING as JUMP_WARNING  # importable from here, as before
from .observation_warnings import warn_future_jump_falling_ytd, warn_implausible
from .problem_collector import MAX_PROBLEMS, Validation
from .reader import RawTable
from .unit_conversion import convert_units

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
    failed = header_failure(raw)  # without a required column no row can be read
    if failed is not None:
        return failed
    optional = ("basis", "unit", "source", "note", "confidence", "illustrative")
    cells, found = cells_and_collector(raw, optional)
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
    values, as_written = convert_units(found, cells, ids, unit, values, known & numeric)
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
    return finish_validation(found, raw, rows)
