"""Plausibility of uploaded values (DOMAIN.md): catch a unit slip before it flips a status.

A value more than three times, or less than a third of, the indicator's nearest existing value
on a comparable footing is flagged with both values ("check the unit"); so is a value that
turns a status into ``achieved`` in one step. These are warnings: staff confirm them with a
tick, ``dashboard import --strict`` refuses them. A genuine +40 % year is far from 3x.

Comparable footing, per kind:

- a stock or share is a level at any basis: the nearest existing value of the indicator;
- a flow's annual value (or a year-to-date value at Q4, which is the full year): the
  nearest existing full-year value, either an annual row or a Q4 year-to-date row;
- a year-to-date value at Q1-Q3: the nearest existing year-to-date value at the same quarter
  of the year (January-June against January-June); if there is none, it is annualised
  (``x 4 / k``) and compared with the nearest full-year value;
- a quarter's own value: the nearest existing quarter value; if none, ``x 4`` against the
  nearest full-year value.

"Nearest" counts quarters, before or after; the existing value at the same period counts too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .periods import parse_period

__all__ = ["FACTOR", "Implausible", "implausible_values"]

#: More than this many times, or less than its inverse, the comparable value: check the unit.
FACTOR = 3.0


@dataclass(frozen=True)
class Implausible:
    """One uploaded row (by position) against the value it was compared with."""

    position: int
    value: float
    compared_value: float
    compared_period: str
    annualised: bool


def _footing(kind: str, basis: str, q: int) -> tuple[str, float]:
    """(footing group, factor to that footing) of one value."""
    if kind in ("stock", "share"):
        return "level", 1.0
    quarter_of_year = q % 4 + 1
    if basis == "annual" or (basis == "ytd" and quarter_of_year == 4):
        return "year", 1.0
    if basis == "ytd":
        return f"ytd{quarter_of_year}", 4.0 / quarter_of_year
    return "quarter", 4.0


def _positioned(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    rows = []
    for position, record in enumerate(frame.itertuples(index=False)):
        kind = kinds.get(record.indicator_id)
        if kind is None or record.value is None or np.isnan(record.value):
            continue
        q = parse_period(str(record.period)).end_index
        footing, to_year = _footing(kind, str(record.basis), q)
        rows.append(
            (
                position,
                record.indicator_id,
                str(record.period),
                q,
                footing,
                to_year,
                float(record.value),
            )  # fmt: skip
        )
    columns = ["position", "indicator_id", "period", "q", "footing", "to_year", "value"]
    return pd.DataFrame(rows, columns=columns)


def _nearest(existing: pd.DataFrame, indicator_id: str, footing: str, q: int):
    """The existing row of this footing nearest to ``q`` (earlier on a tie), or None."""
    same = existing[(existing["indicator_id"] == indicator_id) & (existing["footing"] == footing)]
    if same.empty:
        return None
    distance = (same["q"] - q).abs() * 2 + (same["q"] > q)  # earlier wins a tie
    return same.loc[distance.idxmin()]


def implausible_values(
    indicators: pd.DataFrame, current: pd.DataFrame, incoming: pd.DataFrame
) -> list[Implausible]:
    """Uploaded rows (``incoming``: indicator_id, period, basis, value) far from the nearest
    comparable value in force (``current``, the same columns)."""
    kinds = dict(zip(indicators["indicator_id"], indicators["kind"], strict=True))
    existing = _positioned(current, kinds)
    found = []
    for row in _positioned(incoming, kinds).itertuples(index=False):
        value, annualised = row.value, False
        compared = _nearest(existing, row.indicator_id, row.footing, row.q)
        if compared is None and row.footing != "year":
            compared = _nearest(existing, row.indicator_id, "year", row.q)
            value, annualised = row.value * row.to_year, True
        if compared is None or compared["value"] <= 0 or value <= 0:
            continue
        ratio = value / compared["value"]
        if ratio > FACTOR or ratio < 1 / FACTOR:
            found.append(
                Implausible(
                    position=int(row.position),
                    value=float(row.value),
                    compared_value=float(compared["value"]),
                    compared_period=str(compared["period"]),
                    annualised=annualised,
                )
            )
    return found
