"""Validate a whole table of text cells against the catalogue; every problem at once.

Each rule is a vectorised test over a column (distinct periods are parsed once), so a
million-row file validates in seconds. Errors block the import; warnings ask for confirmation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd

from ..core.catalogue import bases_for_kind
from ..core.changes import status_changes
from ..core.periods import PeriodError, current_quarter, parse_period, quarter_label
from ..core.plausibility import implausible_values
from ..core.units import UnitError, factor
from .problems import ERROR, WARNING, Problem
from .reader import RawTable

__all__ = ["MAX_PROBLEMS", "Validation", "validate"]

#: Problems kept for display; the count of all problems is kept too.
MAX_PROBLEMS = 5000
MAX_TEXT = {"source": 1000, "note": 2000}
JUMP_WARNING = 0.5

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
_CONFIDENCE = {"H", "M", "L", "M-H", "H/M", "L-M"}
_YES = {"yes", "y", "true", "1", "是", "x"}
_NO = {"", "no", "n", "false", "0", "否"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
#: A leading apostrophe that our own export put before =, +, -, @, tab or CR (formula guard).
_ESCAPED = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass
class Validation:
    """The outcome: clean rows (if no errors) plus every error and warning found."""

    rows: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class _Collector:
    def __init__(self, row_numbers: np.ndarray, cells: pd.DataFrame) -> None:
        self.row_numbers = row_numbers
        self.cells = cells
        self.found: list[tuple[int, Problem]] = []
        self.counts = {ERROR: 0, WARNING: 0}

    def flag(self, mask, code: str, column: str, severity: str = ERROR, **params_of) -> None:
        """Record ``code`` for every row where ``mask`` holds; ``params_of`` are arrays/values."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        self.counts[severity] += len(positions)
        room = MAX_PROBLEMS - len(self.found)
        shown = self.cells[column] if column in self.cells else None
        for pos in positions[: max(room, 0)]:
            params = {k: _param_at(v, pos) for k, v in params_of.items()}
            params = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in params.items()}
            value = "" if shown is None else str(shown.iloc[pos])
            problem = Problem(code, int(self.row_numbers[pos]), column, value, severity, params)
            self.found.append((int(self.row_numbers[pos]), problem))


def _param_at(value, pos: int):
    """A problem's parameter for one row: arrays are indexed, callables called (lazily)."""
    if callable(value):
        return value(pos)
    if isinstance(value, (np.ndarray, pd.Series, list)):
        return value[pos]
    return value


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


def _fold(series: pd.Series) -> pd.Series:
    """NFKC (full-width digits and letters to ASCII) and trimmed."""
    return _per_distinct(series, _fold_text)


def _unescape(series: pd.Series) -> pd.Series:
    return _per_distinct(
        series, lambda text: text.str.replace(_ESCAPED, "", regex=True).str.strip()
    )


def _or_none(text: pd.Series) -> np.ndarray:
    return text.where(text != "", None).to_numpy(dtype=object)


def _parse_number_text(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
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


def _parse_values(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
        slow_values, slow_percent = _parse_number_text(subset)
        values[slow] = slow_values
        percent[slow] = slow_percent
        empty[slow] = (subset.str.strip() == "").to_numpy()
    return values, percent, empty


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


def _written_number(value: float) -> str:
    """A number as a person writes it: ``3935.0`` -> ``3,935``, ``0.81584`` -> ``0.81584``."""
    exact = Decimal(repr(float(value)))
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return f"{exact:,f}"


def _convert_units(
    found: _Collector,
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
    written = _fold(cells["unit"])
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
        as_written[position] = f"{_written_number(values[position])} {written.iloc[position]}"
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
    found = _Collector(raw.row_numbers, cells)
    catalogue = indicators.set_index("indicator_id")

    ids = _fold(cells["indicator_id"]).str.upper()
    empty_id = (ids == "").to_numpy()
    known = ids.isin(catalogue.index).to_numpy()
    found.flag(empty_id, "id_empty", "indicator_id")
    found.flag(~empty_id & ~known, "id_unknown", "indicator_id")
    kind = ids.map(catalogue["kind"]).to_numpy(dtype=object)
    unit = ids.map(catalogue["unit"]).to_numpy(dtype=object)

    period_text = _fold(cells["period"])
    labels, quarters, is_year = _periods(period_text)
    empty_period = (period_text == "").to_numpy()
    bad_period = ~empty_period & (quarters < 0)
    found.flag(empty_period, "period_empty", "period")
    found.flag(bad_period, "period_invalid", "period")
    good_period = quarters >= 0

    values, percent, empty_value = _parse_values(cells["value"])
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

    basis_text = _fold(cells["basis"]).str.lower()
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

    source = _unescape(cells["source"])
    note = _unescape(cells["note"])
    for column, text in (("source", source), ("note", note)):
        found.flag(
            (text.str.len() > MAX_TEXT[column]).to_numpy(),
            "text_too_long",
            column,
            limit=MAX_TEXT[column],
        )
    confidence = _fold(cells["confidence"]).str.upper()
    found.flag(~confidence.isin(_CONFIDENCE | {""}).to_numpy(), "confidence_invalid", "confidence")
    illustrative_text = _fold(cells["illustrative"]).str.lower()
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
            "source": _or_none(source),
            "note": _or_none(note),
            "confidence": _or_none(confidence),
            "illustrative": illustrative_text.isin(_YES).to_numpy(),
            "as_written": as_written,
        }
    )

    _warn(found, rows, quarters, current, today)
    if current is not None:
        checkable = known & numeric & good_period & ~pd.isna(basis.astype(object))
        _warn_implausible(found, rows, checkable, indicators, current)
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


def _warn_implausible(
    found: _Collector,
    rows: pd.DataFrame,
    checkable: np.ndarray,
    indicators: pd.DataFrame,
    current: pd.DataFrame,
) -> None:
    """Plausibility (DOMAIN.md): a value beyond 3x or 1/3 of the nearest comparable value in
    force, or one that makes a target achieved in one step: "check the unit". Warnings, so
    staff confirm them with a tick and ``dashboard import --strict`` refuses them."""
    candidates = rows[checkable]
    if candidates.empty:
        return
    columns = ["indicator_id", "period", "basis", "value"]
    positions = np.flatnonzero(checkable)
    far = np.zeros(len(rows), dtype=bool)
    compared = np.full(len(rows), "", dtype=object)
    compared_period = np.full(len(rows), "", dtype=object)
    for found_row in implausible_values(indicators, current[columns], candidates[columns]):
        position = positions[found_row.position]
        far[position] = True
        compared[position] = _written_number(found_row.compared_value)
        compared_period[position] = found_row.compared_period
    found.flag(
        far,
        "value_implausible",
        "value",
        WARNING,
        compared=compared,
        compared_period=compared_period,
    )
    try:
        moved = status_changes(indicators, current, candidates)
    except (KeyError, ValueError):  # a catalogue without targets: nothing to judge
        return
    jumped = moved[(moved["new_status"] == "achieved") & (moved["old_status"] != "achieved")]
    achieved = np.zeros(len(rows), dtype=bool)
    if not jumped.empty:
        # The uploaded row that dates each new latest value, else the indicator's last row.
        own = pd.DataFrame(
            {
                "indicator_id": rows["indicator_id"].to_numpy()[checkable],
                "quarter": _quarter_labels_of(rows["period"][checkable]),
                "position": np.flatnonzero(checkable),
            }
        )
        own = own[own["indicator_id"].isin(jumped["indicator_id"])]
        dating = own.merge(
            jumped[["indicator_id", "new_period"]],
            left_on=["indicator_id", "quarter"],
            right_on=["indicator_id", "new_period"],
        )
        last = own.groupby("indicator_id")["position"].max()
        chosen = last.copy()
        chosen.update(dating.groupby("indicator_id")["position"].max())
        achieved[chosen.to_numpy(dtype="int64")] = True
    found.flag(achieved & ~far, "value_makes_achieved", "value", WARNING)


def _quarter_labels_of(periods: pd.Series) -> np.ndarray:
    """Each period as the quarter it ends in (a year is its Q4); distinct periods parsed once."""
    labels: dict[str, str] = {}
    for period in pd.unique(periods.astype(str)):
        try:
            labels[period] = quarter_label(parse_period(period).end_index)
        except PeriodError:
            labels[period] = ""
    return periods.astype(str).map(labels).to_numpy(dtype=object)


def _warn(
    found: _Collector,
    rows: pd.DataFrame,
    quarters: np.ndarray,
    current: pd.DataFrame | None,
    today: date | None,
) -> None:
    """Warnings: a future period, a 50 % jump from the value in force, a falling YTD series."""
    found.flag(quarters > current_quarter(today), "period_future", "period", WARNING)

    if current is not None and not current.empty:
        old = (
            rows[["indicator_id", "period"]]
            .merge(
                current[["indicator_id", "period", "value"]],
                how="left",
                on=["indicator_id", "period"],
            )["value"]
            .to_numpy(dtype="float64")
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            jump = np.abs(rows["value"].to_numpy() - old) / np.abs(old) > JUMP_WARNING
        found.flag(jump & (old != 0), "value_jump", "value", WARNING, old=old)

    ytd = (rows["basis"] == "ytd").to_numpy() & (quarters >= 0)
    if ytd.any():
        frame = pd.DataFrame(
            {
                "id": rows["indicator_id"].to_numpy()[ytd],
                "year": quarters[ytd] // 4,
                "q": quarters[ytd],
                "value": rows["value"].to_numpy()[ytd],
                "pos": np.flatnonzero(ytd),
            }
        ).sort_values(["id", "year", "q"])
        previous = frame.groupby(["id", "year"])["value"].shift(1)
        previous_q = frame.groupby(["id", "year"])["q"].shift(1)
        falling = (frame["value"] < previous).to_numpy()
        mask = np.zeros(len(rows), dtype=bool)
        mask[frame["pos"].to_numpy()[falling]] = True
        prev_full = np.full(len(rows), np.nan)
        prev_full[frame["pos"].to_numpy()] = previous.to_numpy()
        prevq_full = np.full(len(rows), -1)
        prevq_full[frame["pos"].to_numpy()] = previous_q.fillna(-1).to_numpy(dtype="int64")
        found.flag(
            mask,
            "ytd_decreasing",
            "value",
            WARNING,
            previous=prev_full,
            previous_period=lambda pos: quarter_label(int(prevq_full[pos])),
        )
