"""Upload ``/upload`` (staff): template, drag and drop, every problem at once, preview, confirm.

The flow keeps no state on the server between steps: the browser holds the file (as Dash
sends it), the preview validates it, and the confirmation validates it again and commits in one
transaction. Any worker can serve any step, and nothing is written before the confirmation.
Both server callbacks check the role themselves (a hand-made request to Dash's endpoint gets a
403 and writes nothing).
"""

from __future__ import annotations

import base64
import binascii
from typing import NotRequired, TypedDict

import dash
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html

from ...audit import audit
from ...core.changes import OBSERVATIONS, apply_rows, status_changes
from ...core.corridors import RECORD_KINDS
from ...core.progress import pending_figures
from ...i18n import normalise_language, t
from ...ingest.reader import MAX_UPLOAD_BYTES
from ...services.imports import DATASET_NAMES, PreparedImport, commit_import, prepare_import
from ...web import data_changed, get_store
from ...web.auth import current_account, has_role, require_role
from ..components import current_marker, download_pair, page_shell, page_url
from ..format import format_cell, format_period, format_value
from ..glance import pending_notes
from ..status import status_badge

PATH = "/upload"
PREVIEW_ROWS_PER_INDICATOR = 12
PREVIEW_RECORDS = 200
#: Where each kind of file's template is downloaded (``.csv`` or ``.xlsx`` appended).
TEMPLATE_BASE = {
    "observations": "/upload/template",
    "reach": "/upload/template-reach",
    "destinations": "/upload/template-destinations",
}

#: Runs in the browser: refuse an over-large file with a visible message before it is sent,
#: and clear the Upload so that choosing the same file again fires again.
CHECK_SIZE_JS = """
function(contents, filename, limits) {
    if (!contents) { return [window.dash_clientside.no_update, "", null]; }
    // Clear the file input too: browsers fire no change event for the same file again.
    const input = document.querySelector("#upload-file input[type=file]");
    if (input) { input.value = ""; }
    const base64 = contents.split(",")[1] || "";
    const bytes = Math.floor(base64.length * 3 / 4);
    if (bytes > limits.max_bytes) {
        return [null, limits.too_large.replace("{size}", bytes.toLocaleString()), null];
    }
    return [{contents: contents, filename: filename, at: Date.now()}, "", null];
}
"""


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Upload", title="Vision 2027 Tracker", layout=layout
    )
    app.clientside_callback(
        CHECK_SIZE_JS,
        Output("upload-payload", "data"),
        Output("upload-size-message", "children"),
        Output("upload-file", "contents"),
        Input("upload-file", "contents"),
        State("upload-file", "filename"),
        State("upload-limits", "data"),
        prevent_initial_call=True,
    )
    app.callback(
        Output("upload-report", "children"),
        Output("upload-pending", "data"),
        Output("upload-confirm-area", "hidden"),
        Output("upload-warnings-check", "hidden"),
        Input("upload-payload", "data"),
        State("upload-limits", "data"),
        prevent_initial_call=True,
    )(preview_upload)
    app.callback(
        Output("upload-outcome", "children"),
        Output("upload-pending", "data", allow_duplicate=True),
        Output("upload-confirm-area", "hidden", allow_duplicate=True),
        Input("upload-confirm", "n_clicks"),
        State("upload-pending", "data"),
        State("upload-accept-warnings", "value"),
        State("upload-limits", "data"),
        prevent_initial_call=True,
    )(confirm_upload)


def _dataset(limits: dict) -> str:
    """The kind of file the page was opened for (the quarterly figures unless it says)."""
    dataset = limits.get("dataset")
    return dataset if dataset in DATASET_NAMES else OBSERVATIONS.name


def _decode(payload: dict) -> tuple[bytes, str]:
    header, _, body = (payload.get("contents") or "").partition(",")
    try:
        return base64.b64decode(body, validate=True), payload.get("filename") or "upload"
    except (binascii.Error, ValueError):
        return b"", payload.get("filename") or "upload"


def problems_table(problems, lang: str, table_id: str) -> html.Div:
    """Row, column, the value given (shown as text, never as markup) and what is wrong."""
    headers = [t(f"column.{c}", lang) for c in ("row", "column", "value", "problem")]
    rows = [
        html.Tr(
            [
                html.Td(str(p.row) if p.row else t("column.file", lang)),
                html.Td(html.Code(p.column) if p.column else "–"),
                html.Td(p.value[:80]),
                html.Td(p.message(lang)),
            ],
            **{"data-code": p.code, "data-row": str(p.row)},
        )
        for p in problems
    ]
    return html.Div(
        html.Table(
            [html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)],
            className="table table-sm table-striped",
            id=table_id,
        ),
        className="table-responsive",
    )


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
        key = " · ".join(format_cell(row[k]) for k in kind.key)
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


def _preview(prepared: PreparedImport, lang: str) -> list:
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


class UploadLimits(TypedDict):
    """The data of ``upload-limits``: what the page was opened for (see :func:`_controls`)."""

    lang: str
    dataset: NotRequired[str]
    max_bytes: NotRequired[int]
    too_large: NotRequired[str]


class UploadPayload(TypedDict):
    """A file chosen in the browser, as ``CHECK_SIZE_JS`` hands it on."""

    contents: str
    filename: NotRequired[str | None]
    at: NotRequired[int | float | None]


class PendingUpload(UploadPayload):
    """A previewed file waiting for confirmation."""

    warnings: NotRequired[int]
    changed: NotRequired[bool]


def preview_upload(payload: UploadPayload | None, limits: UploadLimits):
    """Validate the whole file and show every problem, or what would change. Writes nothing."""
    require_role("staff")
    lang = limits["lang"]
    if not payload:
        return dash.no_update, None, True, True
    data, file_name = _decode(payload)
    prepared = prepare_import(get_store(), data, file_name, dataset=_dataset(limits))
    audit(
        "upload_preview",
        file=prepared.file_name,
        dataset=prepared.dataset,
        sha256=prepared.sha256,
        ok=prepared.ok,
        errors=prepared.validation.error_count,
    )
    stamp = {"data-upload": str(payload.get("at", ""))}  # a new report for every choice
    if not prepared.ok:
        hidden = prepared.validation.error_count - len(prepared.errors)
        return (
            html.Div(
                [
                    html.Div(
                        [
                            html.I(
                                className="bi bi-exclamation-triangle-fill me-2",
                                **{"aria-hidden": "true"},
                            ),
                            t(
                                "upload.rejected",
                                lang,
                                file=prepared.file_name,
                                count=prepared.validation.error_count,
                            ),
                        ],
                        className="alert alert-danger",
                        role="alert",
                        id="upload-rejected",
                    ),
                    problems_table(prepared.errors, lang, "upload-errors"),
                    html.P(t("problem.more", lang, count=hidden)) if hidden > 0 else None,
                ],
                **stamp,
            ),
            None,
            True,
            True,
        )
    pending = {
        **payload,
        "warnings": prepared.validation.warning_count,
        "changed": prepared.preview.changed,
    }
    has_warnings = prepared.validation.warning_count > 0
    return html.Div(_preview(prepared, lang), **stamp), pending, False, not has_warnings


def confirm_upload(
    n_clicks, pending: PendingUpload | None, accepted: list[str] | None, limits: UploadLimits
):
    """Validate again and write one revision in one transaction (or nothing at all)."""
    user = require_role("staff")
    lang = limits["lang"]
    if not n_clicks or not pending:
        return dash.no_update, dash.no_update, dash.no_update
    data, file_name = _decode(pending)
    store = get_store()
    prepared = prepare_import(store, data, file_name, preview=False, dataset=_dataset(limits))
    if not prepared.ok:
        return (
            _alert(
                "danger",
                t("upload.rejected", lang, file=file_name, count=prepared.validation.error_count),
            ),
            None,
            True,
        )
    if prepared.warnings and "yes" not in (accepted or []):
        return _alert("warning", t("upload.confirm_warnings_first", lang)), dash.no_update, False
    result = commit_import(store, prepared, user.name)
    if result.revision_id is not None:
        data_changed()  # the busiest views are rebuilt now, before the room asks for them
    if result.revision_id is None:
        message = t("upload.nothing_written", lang, unchanged=result.unchanged)
        if result.same_file_revision:
            message += " " + t("upload.same_file", lang, revision=result.same_file_revision)
        return _alert("info", message), None, True
    saved = _alert(
        "success",
        [
            t("upload.saved", lang, revision=result.revision_id, **result.counts),
            " ",
            dcc.Link(t("upload.see_overview", lang), href=page_url("/", lang=lang))
            if prepared.dataset == OBSERVATIONS.name
            else dcc.Link(t("upload.see_corridors", lang), href=page_url("/corridors", lang=lang)),
            " · ",
            dcc.Link(
                t("nav.history", lang),
                href=page_url("/history", lang=lang, revision=str(result.revision_id)),
            ),
        ],
    )
    return saved, None, True


def _alert(kind: str, children) -> html.Div:
    return html.Div(children, className=f"alert alert-{kind}", role="status", id="upload-message")


def layout(lang: str | None = None, dataset: str | None = None, **_):
    """The upload page. Its controls are always in the layout (Dash checks callbacks against
    it), but hidden from visitors who are not staff; the callbacks refuse them anyway.

    ``dataset`` (in the URL: ``/upload?dataset=reach``) chooses the kind of file: the
    quarterly figures (default), corridor reach snapshots, or corridor destinations.
    """
    lang = normalise_language(lang)
    dataset = dataset if dataset in DATASET_NAMES else OBSERVATIONS.name
    allowed = has_role("staff")
    notice = None
    if not allowed:
        account = current_account()
        notice = html.Div(
            [
                html.P(t("upload.staff_only" if account else "upload.sign_in_first", lang)),
                html.A(
                    t("login.link", lang),
                    href=page_url("/login", lang=lang, next=PATH),
                    className="btn btn-primary",
                )
                if account is None
                else None,
            ],
            id="upload-not-allowed",
        )
    return page_shell(
        lang,
        PATH,
        [
            html.H1(
                t(
                    "upload.heading"
                    if dataset == OBSERVATIONS.name
                    else f"upload.heading.{dataset}",
                    lang,
                ),
                className="h3 mt-3",
            ),
            notice,
            html.Div(_controls(lang, dataset), hidden=not allowed, id="upload-controls"),
        ],
        dataset=None if dataset == OBSERVATIONS.name else dataset,
    )


def _dataset_choice(lang: str, dataset: str) -> html.Nav:
    """Which kind of file: links (the choice lives in the URL, so it can be shared)."""
    links = []
    for name in DATASET_NAMES:
        active = name == dataset
        links.append(
            dcc.Link(
                [t(f"upload.dataset.{name}", lang), *current_marker(lang, active)],
                href=page_url(PATH, lang=lang, dataset=None if name == OBSERVATIONS.name else name),
                className="nav-link" + (" active" if active else ""),
                id={"type": "upload-dataset", "index": name},
            )
        )
    return html.Nav(
        [
            html.Div(t("upload.dataset_label", lang), className="small mb-1", id="dataset-label"),
            html.Div(links, className="nav nav-pills gap-1"),
        ],
        className="mb-3",
        id="upload-dataset",
        **{"aria-labelledby": "dataset-label"},
    )


def _controls(lang: str, dataset: str) -> list:
    limit_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    limits = {
        "lang": lang,
        "dataset": dataset,
        "max_bytes": MAX_UPLOAD_BYTES,
        # {size} stays a placeholder: the browser fills it in (CHECK_SIZE_JS).
        "too_large": t("upload.too_large", lang, limit=f"{limit_mb} MB", size="{size}"),
    }
    return [
        html.P(t("upload.intro", lang)),
        _dataset_choice(lang, dataset),
        html.Section(
            [
                html.H2(t("upload.template_heading", lang), className="h5"),
                download_pair(
                    lang, TEMPLATE_BASE[dataset], "upload.template", "template", {"lang": lang}
                ),
                html.P(
                    t(
                        "upload.template_help"
                        if dataset == OBSERVATIONS.name
                        else f"upload.template_help.{dataset}",
                        lang,
                    ),
                    className="small text-muted",
                    id="template-help",
                ),
            ]
        ),
        html.Section(
            [
                html.H2(t("upload.file_heading", lang), className="h5"),
                dcc.Upload(
                    html.Div(
                        [
                            html.I(className="bi bi-info-circle me-2", **{"aria-hidden": "true"}),
                            t("upload.drop_here", lang, limit=f"{limit_mb} MB"),
                        ]
                    ),
                    id="upload-file",
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    multiple=False,
                    className="upload-drop",
                ),
                html.Div(
                    id="upload-size-message",
                    className="text-danger fw-semibold mt-2",
                    role="alert",
                ),
            ],
            className="mb-3",
        ),
        dcc.Loading(html.Div(id="upload-report"), type="dot"),
        # Shown only with a valid preview; the warnings tick only when there are warnings.
        html.Section(
            [
                html.Div(
                    dcc.Checklist(
                        id="upload-accept-warnings",
                        options=[
                            {"label": " " + t("upload.accept_warnings", lang), "value": "yes"}
                        ],
                        value=[],
                        className="mb-2",
                    ),
                    id="upload-warnings-check",
                    hidden=True,
                ),
                html.Button(
                    t("upload.confirm", lang),
                    id="upload-confirm",
                    n_clicks=0,
                    className="btn btn-primary",
                ),
            ],
            id="upload-confirm-area",
            hidden=True,
            className="mb-2",
        ),
        html.Div(id="upload-outcome", className="mb-4"),
        dcc.Store(id="upload-limits", data=limits),
        dcc.Store(id="upload-payload"),
        dcc.Store(id="upload-pending"),
    ]
