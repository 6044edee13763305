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


def _positioned(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """Each row with a value: its quarter, footing and factor to a full year (vectorised:
    distinct periods are parsed once, so a file of 400,000 rows costs what its periods do)."""
    columns = ["position", "indicator_id", "period", "q", "footing", "to_year", "value"]
    kind = frame["indicator_id"].map(kinds)
    values = pd.to_numeric(frame["value"], errors="coerce")
    keep = (kind.notna() & values.notna()).to_numpy()
    if not keep.any():
        return pd.DataFrame(columns=columns)
    periods = frame["period"].astype(str)[keep]
    ends = {label: parse_period(label).end_index for label in pd.unique(periods)}
    q = periods.map(ends).to_numpy(dtype="int64")
    kind_kept = kind[keep].to_numpy(dtype=object)
    basis = frame["basis"].astype(str)[keep].to_numpy(dtype=object)
    quarter_of_year = q % 4 + 1
    level = np.isin(kind_kept, ("stock", "share"))
    year = (basis == "annual") | ((basis == "ytd") & (quarter_of_year == 4))
    ytd = basis == "ytd"
    footing = np.where(
        level,
        "level",
        np.where(year, "year", np.where(ytd, np.char.add("ytd", quarter_of_year.astype(str)),
                                        "quarter")),
    )  # fmt: skip
    to_year = np.where(level | year, 1.0, np.where(ytd, 4.0 / quarter_of_year, 4.0))
    return pd.DataFrame(
        {
            "position": np.flatnonzero(keep),
            "indicator_id": frame["indicator_id"].to_numpy(dtype=object)[keep],
            "period": periods.to_numpy(dtype=object),
            "q": q,
            "footing": footing.astype(object),
            "to_year": to_year,
            "value": values[keep].to_numpy(dtype="float64"),
        },
        columns=columns,
    )


def _nearest(existing: pd.DataFrame, rows: pd.DataFrame, footing_of_rows: str | None) -> np.ndarray:
    """For each of ``rows``, the index (into ``existing``) of the existing row of the same
    indicator and footing (or of ``footing_of_rows``) nearest in quarters, the earlier on a
    tie; -1 where there is none. One ``searchsorted`` per (indicator, footing) group."""
    found = np.full(len(rows), -1, dtype="int64")
    footings = (
        rows["footing"] if footing_of_rows is None else pd.Series(footing_of_rows, index=rows.index)
    )
    groups = existing.groupby(["indicator_id", "footing"], sort=False).indices
    wanted = pd.DataFrame({"indicator_id": rows["indicator_id"], "footing": footings})
    for (indicator_id, footing), where in wanted.groupby(
        ["indicator_id", "footing"]
    ).indices.items():
        candidates = groups.get((indicator_id, footing))
        if candidates is None:
            continue
        order = candidates[np.argsort(existing["q"].to_numpy()[candidates], kind="stable")]
        known_q = existing["q"].to_numpy()[order]
        asked = rows["q"].to_numpy()[where]
        right = np.searchsorted(known_q, asked, side="left").clip(0, len(known_q) - 1)
        left = (right - 1).clip(0, len(known_q) - 1)
        take_left = np.abs(asked - known_q[left]) <= np.abs(known_q[right] - asked)
        found[where] = np.where(take_left, order[left], order[right])
    return found


def implausible_values(
    indicators: pd.DataFrame, current: pd.DataFrame, incoming: pd.DataFrame
) -> list[Implausible]:
    """Uploaded rows (``incoming``: indicator_id, period, basis, value) far from the nearest
    comparable value in force (``current``, the same columns)."""
    kinds = dict(zip(indicators["indicator_id"], indicators["kind"], strict=True))
    existing = _positioned(current, kinds).reset_index(drop=True)
    rows = _positioned(incoming, kinds).reset_index(drop=True)
    if existing.empty or rows.empty:
        return []
    same = _nearest(existing, rows, None)
    # No value on the same footing: annualise and compare with the nearest full year.
    fallback = (same < 0) & (rows["footing"] != "year").to_numpy()
    yearly = _nearest(existing, rows, "year")
    chosen = np.where(fallback, yearly, same)
    annualised = fallback & (yearly >= 0)
    value = rows["value"].to_numpy() * np.where(annualised, rows["to_year"].to_numpy(), 1.0)
    has = chosen >= 0
    compared = np.where(has, existing["value"].to_numpy()[chosen.clip(0)], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = value / compared
    far = has & (value > 0) & (compared > 0) & ((ratio > FACTOR) | (ratio < 1 / FACTOR))
    periods = existing["period"].to_numpy()
    return [
        Implausible(
            position=int(rows["position"].iloc[i]),
            value=float(rows["value"].iloc[i]),
            compared_value=float(compared[i]),
            compared_period=str(periods[chosen[i]]),
            annualised=bool(annualised[i]),
        )
        for i in np.flatnonzero(far)
    ]
