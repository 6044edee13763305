"""The progress table as the overview shows it (issue 6), as CSV and XLSX in the reader's language.

Its own module because it is a different export from the observations one: a view of
:meth:`Store.progress` with translated headers and an "About" sheet, not a file to import
again. It is pure pandas and i18n, no Flask, so that the web route and the command line build
the same table; the formula-safe cell writing it shares comes from :mod:`.exports`, its
columns from :mod:`.progress_export_columns`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from ..core.values import is_missing
from ..i18n import normalise_language, t
from ..ui.format import target_text  # pure formatting, no Dash
from .exports import neutralise, number_text, text_only
from .progress_export_columns import (
    PROGRESS_EXPORT_COLUMNS,
    PROGRESS_NUMBER_COLUMNS,
    PROGRESS_RATE_COLUMNS,
)

__all__ = [
    "PROGRESS_EXPORT_COLUMNS",
    "PROGRESS_NUMBER_COLUMNS",
    "PROGRESS_RATE_COLUMNS",
    "ProgressExport",
    "progress_csv_bytes",
    "progress_export",
    "progress_xlsx_bytes",
]


@dataclass(frozen=True)
class ProgressExport:
    """One view of the progress table, ready to write: rows, headers and the "About" facts."""

    rows: pd.DataFrame  #: keyed by PROGRESS_EXPORT_COLUMNS
    lang: str
    as_of: str
    pillar: str | None
    illustrative: bool
    generated_at: datetime

    @property
    def frame(self) -> pd.DataFrame:
        """The rows with their headers in the export's language."""
        return self.rows.rename(columns={c: t(f"export.col.{c}", self.lang) for c in self.rows})

    def file_name(self, extension: str) -> str:
        """``vision2027-progress-2025Q3-logistics-zh.csv`` (``all`` without a pillar filter)."""
        return f"vision2027-progress-{self.as_of}-{self.pillar or 'all'}-{self.lang}.{extension}"

    def about(self) -> list[tuple[str, str | int]]:
        """(label, value) lines for the XLSX "About" sheet, in the export's language."""
        lang = self.lang
        lines = [
            (t("export.about.title", lang), t("briefing.title", lang)),
            (t("export.col.as_of", lang), self.as_of),
            (t("export.col.pillar_filter", lang), _pillar_filter(self.pillar, lang)),
            (t("export.about.language", lang), t(f"export.language.{lang}", lang)),
            (
                t("export.about.generated", lang),
                self.generated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            ),
            (t("export.col.illustrative", lang), _yes_no(self.illustrative, lang)),
            (t("export.about.rows", lang), len(self.rows)),
            (t("export.about.units", lang), t("export.about.units_text", lang)),
            (t("export.about.method", lang), t("export.about.method_text", lang)),
        ]
        if self.illustrative:
            lines.insert(6, ("", t("banner.illustrative", lang)))
        return lines


def _yes_no(flag: bool, lang: str) -> str:
    return t("export.yes" if flag else "export.no", lang)


def _pillar_filter(pillar: str | None, lang: str) -> str:
    return t(f"pillar.{pillar or 'all'}", lang)


def _latest_period(row: dict, lang: str) -> str:
    """``2024Q4``, or ``2025 (full year)`` for a full-year figure, as the cards date it.

    Always text: a bare ``2025`` would come back from ``read_csv`` as the number 2025.0.
    """
    period = row.get("latest_period")
    if not isinstance(period, str):
        return ""
    if row.get("latest_is_year") is True:
        return t("export.period_year", lang, year=period[:4])
    return period


def _source_text(source: object, lang: str) -> str:
    """The whole source text: each publication by its name, with its address."""
    del lang  # publications are cited as published, in every language
    if not isinstance(source, str) or not source:
        return ""
    return source


def _unit(unit: object, lang: str) -> str:
    return t(f"unit.{str(unit).replace(' ', '_')}", lang) if isinstance(unit, str) else ""


def _number(value: object) -> float:
    return float("nan") if is_missing(value) else float(value)


def progress_export(
    progress: pd.DataFrame,
    lang: str,
    pillar: str | None = None,
    generated_at: datetime | None = None,
) -> ProgressExport:
    """The overview's table for one view: one row per target, in the progress table's order.

    ``progress`` is :meth:`Store.progress` for the view's quarter (its ``attrs`` carry the
    as-of quarter and the illustrative flag); ``pillar`` keeps only that pillar's targets.
    """
    lang = normalise_language(lang)
    as_of = str(progress.attrs.get("as_of", ""))
    illustrative = bool(progress.attrs.get("illustrative", False))
    shown = progress if pillar is None else progress[progress["pillar"] == pillar]
    records = []
    for row in shown.to_dict("records"):
        record = {
            "as_of": as_of,
            "pillar_filter": _pillar_filter(pillar, lang),
            "pillar": t(f"pillar.{row['pillar']}", lang),
            "indicator_id": row["indicator_id"],
            "indicator_name": row["name_zh"] if lang == "zh" else row["name_en"],
            "status": t(f"status.{row['status']}", lang),
            "latest_period": _latest_period(row, lang),
            "unit": _unit(row["unit"], lang),
            "baseline_period": row["baseline_period"],
            "target": target_text(row, lang),
            "source": _source_text(row.get("source"), lang),
            "illustrative": _yes_no(illustrative, lang),
        }
        record.update({column: _number(row[column]) for column in PROGRESS_NUMBER_COLUMNS})
        records.append(record)
    rows = pd.DataFrame.from_records(records, columns=list(PROGRESS_EXPORT_COLUMNS))
    for column in PROGRESS_NUMBER_COLUMNS:
        rows[column] = rows[column].astype("float64")
    return ProgressExport(
        rows=rows,
        lang=lang,
        as_of=as_of,
        pillar=pillar,
        illustrative=illustrative,
        generated_at=generated_at or datetime.now(UTC),
    )


def _safe_text(value: object) -> str:
    return "" if is_missing(value) else str(neutralise(str(value)))


def progress_csv_bytes(export: ProgressExport) -> bytes:
    """UTF-8 with a byte-order mark; numbers as their shortest exact text, empty when undefined.

    The first line is the header: ``pandas.read_csv`` opens it with no options, and Excel in
    China shows the Chinese text correctly.
    """
    out = export.rows.copy()
    for column in PROGRESS_EXPORT_COLUMNS:
        if column in PROGRESS_NUMBER_COLUMNS:
            out[column] = out[column].map(lambda v: "" if is_missing(v) else number_text(v))
        else:
            out[column] = out[column].map(_safe_text)
    out.columns = list(export.frame.columns)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def progress_xlsx_bytes(export: ProgressExport) -> bytes:
    """Sheet 1: the table (numbers as numbers, rates shown as percentages, every text cell
    stored as text); sheet 2 "About": the view, the language, when, and the illustrative flag.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = export.lang
    book = Workbook()
    sheet = book.active
    sheet.title = t("export.sheet.progress", lang)
    headers = list(export.frame.columns)
    sheet.append(headers)
    for record in export.rows.itertuples(index=False):
        cells = []
        for column, value in zip(PROGRESS_EXPORT_COLUMNS, record, strict=True):
            if column in PROGRESS_NUMBER_COLUMNS:
                cells.append(None if is_missing(value) else float(value))
            else:
                cells.append(_safe_text(value) or None)
        sheet.append(cells)
    header_fill = PatternFill("solid", fgColor="12355B")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(PROGRESS_EXPORT_COLUMNS, start=1):
        letter = get_column_letter(index)
        if column in PROGRESS_RATE_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0%"
        elif column in PROGRESS_NUMBER_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0.##"
        width = 48 if column in ("indicator_name", "source") else 16
        sheet.column_dimensions[letter].width = width
    text_only(sheet, min_row=2)
    sheet.freeze_panes = "E2"
    sheet.auto_filter.ref = sheet.dimensions

    about = book.create_sheet(t("export.sheet.about", lang))
    for label, value in export.about():
        about.append(
            [_safe_text(label) or None, value if isinstance(value, int) else _safe_text(value)]
        )
    for (cell,) in about.iter_rows(min_col=1, max_col=1):
        cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    text_only(about, min_row=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
