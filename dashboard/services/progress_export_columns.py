"""The progress export's columns: their order, which hold numbers and which hold rates.

One list that the table, the CSV and the XLSX all follow (and tests read), kept apart from
how the rows are built and written.
"""

from __future__ import annotations

__all__ = ["PROGRESS_EXPORT_COLUMNS", "PROGRESS_NUMBER_COLUMNS", "PROGRESS_RATE_COLUMNS"]

#: The columns of the progress export, in order; each header is ``t("export.col.<key>")``.
#: The view (as-of quarter, pillar filter, illustrative flag) is repeated on every row, so the
#: CSV opens with a plain ``pandas.read_csv`` and a copied sheet keeps its context.
PROGRESS_EXPORT_COLUMNS = (
    "as_of",
    "pillar_filter",
    "pillar",
    "indicator_id",
    "indicator_name",
    "status",
    "latest_value",
    "latest_period",
    "unit",
    "baseline_value",
    "baseline_period",
    "target",
    "target_value",
    "target_growth",
    "expected_value",
    "projected_value",
    "progress",
    "cagr_observed",
    "cagr_required",
    "ratio",
    "source",
    "illustrative",
)
#: Numeric columns: numbers in the indicator's unit, or rates as fractions (0.15 = 15 %).
PROGRESS_NUMBER_COLUMNS = (
    "latest_value",
    "baseline_value",
    "target_value",
    "target_growth",
    "expected_value",
    "projected_value",
    "progress",
    "cagr_observed",
    "cagr_required",
    "ratio",
)
#: Fractions that the XLSX shows as percentages (the cell keeps the fraction).
PROGRESS_RATE_COLUMNS = ("target_growth", "progress", "cagr_observed", "cagr_required")
