"""Which figures in force do not yet give their flow a value, and which quarters they wait for.

A staff member who uploads a 2026Q1 year-to-date figure sees the headline value not move; this
says why (the quarters before it are missing). Separate from the method itself, which only
needs the values that exist.
"""

from __future__ import annotations

import pandas as pd

from .method import FLOW_KINDS
from .periods import parse_quarter, quarter_label
from .series import observation_positions

__all__ = ["pending_figures"]


def pending_figures(
    indicators: pd.DataFrame, observations: pd.DataFrame, as_of: str | int | None = None
) -> pd.DataFrame:
    """Figures in force that give their flow no value yet, and the quarters still missing.

    A flow's value at a quarter is the sum of the four quarters ending there; a figure for a
    later quarter than the latest value (a 2026Q1 year-to-date trade figure, say) changes
    nothing until the quarters before it are known. Staff and officials are told which.
    Columns: indicator_id, period, basis, missing (quarter labels, oldest first).
    """
    columns = ["indicator_id", "period", "basis", "missing"]
    flows = indicators[indicators["kind"].isin(FLOW_KINDS)]
    if flows.empty or observations.empty:
        return pd.DataFrame(columns=columns)
    from .progress import compute_progress  # local: progress re-exports this module

    progress = compute_progress(flows, observations, as_of)
    as_of_q = parse_quarter(progress.attrs["as_of"])
    positioned = observation_positions(
        observations[observations["indicator_id"].isin(flows["indicator_id"])].reset_index(
            drop=True
        )
    )
    found = []
    for row in progress.itertuples(index=False):
        latest_q = parse_quarter(row.latest_period) if isinstance(row.latest_period, str) else -1
        own = positioned[positioned["indicator_id"] == row.indicator_id]
        later = own[(own["q"] > latest_q) & (own["q"] <= as_of_q)]
        if later.empty:
            continue
        quarter_of = {int(q): v for q, v, b in zip(own["q"], own["value"], own["basis"],
                      strict=True) if b == "quarter"}  # fmt: skip
        ytd_of = {int(q): v for q, v, b in zip(own["q"], own["value"], own["basis"],
                  strict=True) if b == "ytd"}  # fmt: skip

        def known(q: int, quarter_of=quarter_of, ytd_of=ytd_of) -> bool:
            if q in quarter_of:
                return True
            return q in ytd_of and (q % 4 == 0 or (q - 1) in ytd_of)

        for record in later.sort_values("q").itertuples(index=False):
            q = int(record.q)
            missing = [quarter_label(p) for p in range(q - 3, q + 1) if not known(p)]
            found.append((row.indicator_id, record.period, record.basis, missing))
    return pd.DataFrame(found, columns=columns)
