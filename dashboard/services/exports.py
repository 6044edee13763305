"""Exports safe to open in a spreadsheet: observations in the import file's own columns, and
the formula-safe CSV/XLSX cell writing that every export shares.

Round trip: an observations export imported again changes nothing. Text cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR; OWASP's
list) get a leading apostrophe, which the importer removes again.

The progress table export lives in :mod:`.progress_export`, which builds on the writers here.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from ..core.periods import parse_period

__all__ = [
    "EXPORT_COLUMNS",
    "export_frame",
    "neutralise",
    "number_text",
    "text_only",
    "to_csv_bytes",
    "to_xlsx_bytes",
]

EXPORT_COLUMNS = ["indicator_id", "period", "value", "basis", "source", "note"]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: object) -> object:
    """Prefix an apostrophe to a text cell a spreadsheet would evaluate as a formula."""
    if isinstance(text, str) and text.startswith(_DANGEROUS):
        return "'" + text
    return text


def number_text(value: float) -> str:
    """The shortest text that reads back as exactly this float (``150000``, ``815.84``)."""
    if np.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def export_frame(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Current observations in catalogue order, then period order, in the export columns."""
    order = {ind: i for i, ind in enumerate(indicators["indicator_id"])}
    frame = observations.copy()
    periods = {label: parse_period(label) for label in frame["period"].unique()}
    frame["_ind"] = frame["indicator_id"].map(order).fillna(len(order))
    frame["_q"] = frame["period"].map(lambda p: periods[p].end_index)
    frame["_year"] = frame["period"].map(lambda p: periods[p].is_year)
    frame = frame.sort_values(["_ind", "_q", "_year"], kind="stable")
    return frame[EXPORT_COLUMNS].reset_index(drop=True)


def _text_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column but the numeric values, as formula-safe text (whatever its header)."""
    out = frame.copy()
    for column in out.columns:
        if column != "value":
            out[column] = out[column].map(
                lambda v: "" if v is None or pd.isna(v) else neutralise(v)
            )
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel in China opens the Chinese text correctly."""
    out = _text_cells(frame)
    if "value" in out:
        out["value"] = out["value"].map(number_text)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "observations") -> bytes:
    """An .xlsx with numbers as numbers and every text cell stored as text, never a formula."""
    from openpyxl import Workbook

    out = _text_cells(frame)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(list(out.columns))
    for record in out.itertuples(index=False):
        sheet.append([_xlsx_cell(v) for v in record])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise take "=..." as a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: object) -> object:
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if value == int(value) and abs(value) < 1e15:
            return int(value)
        # openpyxl writes 16 significant digits; a float that needs 17 goes in as its exact
        # text, which the importer reads back to the same float.
        return value if float(f"{value:.16g}") == value else repr(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def text_only(sheet, min_row: int) -> None:
    """openpyxl would take a string starting with "=" as a formula: store text as text."""
    for cells in sheet.iter_rows(min_row=min_row):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
