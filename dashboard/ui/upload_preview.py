"""What a valid upload would change, shown before anything is written.

The upload page asks for confirmation only after staff have seen this: for the quarterly
figures, which statuses move, which figures wait for more data, and each indicator's added and
replaced values; for a corridor file, each added or replaced record field by field. It reads the
store and writes nothing.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from ..core.changes import OBSERVATIONS, apply_rows, status_changes
from ..core.corridors import RECORD_KINDS
from ..core.progress import pending_figures
from ..i18n import t
from ..services.imports import PreparedImport
from ..web import get_store
from .format import format_cell, format_period, format_value, record_key
from .glance import pending_notes
from .problem_table import problems_table
from .status import status_badge

PREVIEW_ROWS_PER_INDICATOR = 12
PREVIEW_RECORDS = 200


def _conversion(row: pd.Series, shown: str, lang: str) -> html.Span | None:
    """The value as the file wrote it, when it gave a unit: " (3,935 亿元 → 393.5 bn CNY)"."""
    written = row.get("as_written")
    if not isinstance(written, str) or not written:
        return None
    return html.Span(
        t("upload.converted", lang, written=written, shown=shown),
        className="text-muted",
        **{"data-as-written": written},
    )


def _per_indicator(diff: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> html.Div:
    names = catalogue.set_index("indicator_id")
    units = names["unit"]
    sections = []
    for indicator_id, rows in diff.groupby("indicator_id", sort=False):
        counts = rows["change"].value_counts()
        name = names.loc[indicator_id, "name_zh" if lang == "zh" else "name_en"]
        items = []
        for _, row in (
            rows[rows["change"] != "unchanged"].head(PREVIEW_ROWS_PER_INDICATOR).iterrows()
        ):
            new = format_value(row["value"], units[indicator_id], lang)
            converted = _conversion(row, new, lang)
            if row["change"] == "replaced":
                old = format_value(row["old_value"], units[indicator_id], lang)
                text = t(
                    "upload.replaced_value",
                    lang,
                    period=format_period(row["period"], lang),
                    old=old,
                    new=new,
                )
            else:
                text = t(
                    "upload.added_value", lang, period=format_period(row["period"], lang), new=new
                )
            items.append(
                html.Li(
                    [text, converted] if converted else text,
                    **{"data-change": row["change"]},
                )
            )
        sections.append(
            html.Div(
                [
                    html.H4(
                        [name, " ", html.Code(indicator_id, className="small")], className="h6"
                    ),
                    html.P(
                        t(
                            "upload.counts",
                            lang,
                            added=int(counts.get("added", 0)),
                            replaced=int(counts.get("replaced", 0)),
                            unchanged=int(counts.get("unchanged", 0)),
                        ),
                        className="small mb-1",
                    ),
                    html.Ul(items, className="small"),
                ],
                className="mb-2",
                **{"data-indicator": indicator_id},
            )
        )
    return html.Div(sections, id="upload-preview-indicators")


def _status_table(moved: pd.DataFrame, catalogue: pd.DataFrame, lang: str):
    if moved.empty:
        return html.P(t("upload.no_status_change", lang), id="upload-status-changes")
    names = catalogue.set_index("indicator_id")["name_zh" if lang == "zh" else "name_en"]
    headers = ("col.indicator", "upload.status_before", "upload.status_after")
    body = [
        html.Tr(
            [
                html.Td(names[row["indicator_id"]]),
                html.Td(status_badge(row["old_status"], lang)),
                html.Td(status_badge(row["new_status"], lang)),
            ],
            **{"data-indicator": row["indicator_id"]},
        )
        for _, row in moved.iterrows()
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in headers])),
            html.Tbody(body),
        ],
        className="table table-sm",
        id="upload-status-changes",
    )


def _record_changes(diff: pd.DataFrame, dataset: str, lang: str) -> html.Div:
    """Each added or replaced corridor record: its key, then every field that changes as
    old → new (only the new value for an added record)."""
    kind = RECORD_KINDS[dataset]
    changed = diff[diff["change"] != "unchanged"].head(PREVIEW_RECORDS)
    items = []
    for _, row in changed.iterrows():
        key = record_key(row, kind.key)
        fields = []
        for column in kind.compared:
            new, old = format_cell(row[column]), format_cell(row.get(f"old_{column}"))
            if row["change"] == "added" and new != "–":
                fields.append(html.Li([html.Code(column), f": {new}"]))
            elif row["change"] == "replaced" and new != old:
                fields.append(html.Li([html.Code(column), f": {old} → {new}"]))
        items.append(
            html.Li(
                [
                    html.Strong(key),
                    " ",
                    html.Span(
                        t(f"upload.change.{row['change']}", lang),
                        className="badge text-bg-light border",
                    ),
                    html.Ul(fields, className="small mb-1"),
                ],
                **{"data-change": row["change"], "data-key": key},
            )
        )
    return html.Div(html.Ul(items, className="list-unstyled"), id="upload-preview-records")


def upload_preview(prepared: PreparedImport, lang: str) -> list:
    """The report of a valid file: its summary, its warnings, then what it would change."""
    store = get_store()
    preview = prepared.preview
    catalogue = store.indicators()
    parts: list = [
        html.H2(t("upload.preview_heading", lang), className="h5"),
        html.P(
            t(
                "upload.summary",
                lang,
                file=prepared.file_name,
                rows=preview.rows_total,
                **preview.counts,
            ),
            id="upload-summary",
        ),
    ]
    if preview.same_file_revision and not preview.changed:
        parts.append(
            html.Div(
                t("upload.same_file", lang, revision=preview.same_file_revision),
                className="alert alert-info",
                id="upload-same-file",
            )
        )
    if prepared.warnings:
        parts += [
            html.H3(
                t("upload.warnings_heading", lang, count=prepared.validation.warning_count),
                className="h6",
            ),
            problems_table(prepared.warnings, lang, "upload-warnings"),
        ]
    if prepared.dataset != OBSERVATIONS.name:
        parts += [
            html.H3(t("upload.records_heading", lang), className="h6"),
            _record_changes(preview.diff, prepared.dataset, lang),
        ]
        return parts
    current, incoming = store.current_observations(), prepared.validation.rows
    moved = status_changes(catalogue, current, incoming)
    pending = pending_figures(catalogue, apply_rows(current, incoming))
    pending = pending.merge(incoming[["indicator_id", "period"]], on=["indicator_id", "period"])
    names = dict(zip(catalogue["indicator_id"], catalogue["name_zh" if lang == "zh" else "name_en"],
                     strict=True))  # fmt: skip
    parts += [
        html.H3(t("upload.status_heading", lang), className="h6"),
        _status_table(moved, catalogue, lang),
        pending_notes(pending, lang, names),
        html.H3(t("upload.values_heading", lang), className="h6"),
        _per_indicator(preview.diff, catalogue, lang),
    ]
    return parts
