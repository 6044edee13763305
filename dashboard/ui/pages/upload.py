"""Upload ``/upload`` (staff): template, drag and drop, every problem at once, preview, confirm.

The flow keeps no state on the server between steps: the browser holds the file (as Dash
sends it), the preview validates it, and the confirmation validates it again and commits in one
transaction. Any worker can serve any step, and nothing is written before the confirmation.
Both server callbacks check the role themselves (a hand-made request to Dash's endpoint gets a
403 and writes nothing).

This module holds that flow: its callbacks and the layout. What it draws is built beside it in
``ui/``: ``upload_form`` (the controls), ``upload_preview`` (what a valid file would change)
and ``problem_table`` (what is wrong with a file); the file it receives is ``upload_payload``.
"""

from __future__ import annotations

import dash
from dash import Dash, Input, Output, State, dcc, html

from ...audit import audit
from ...core.changes import OBSERVATIONS
from ...i18n import normalise_language, t
from ...services.imports import DATASET_NAMES, commit_import, prepare_import
from ...web import data_changed, get_store
from ...web.auth import current_account, has_role, require_role
from ..components import page_shell, page_url
from ..icons import icon
from ..problem_table import problems_table
from ..upload_form import UploadLimits, upload_controls
from ..upload_payload import PendingUpload, UploadPayload, decode_payload
from ..upload_preview import upload_preview

PATH = "/upload"

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


def preview_upload(payload: UploadPayload | None, limits: UploadLimits):
    """Validate the whole file and show every problem, or what would change. Writes nothing."""
    require_role("staff")
    lang = limits["lang"]
    if not payload:
        return dash.no_update, None, True, True
    data, file_name = decode_payload(payload)
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
                            icon("bi-exclamation-triangle-fill", "me-2"),
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
    return html.Div(upload_preview(prepared, lang), **stamp), pending, False, not has_warnings


def confirm_upload(
    n_clicks, pending: PendingUpload | None, accepted: list[str] | None, limits: UploadLimits
):
    """Validate again and write one revision in one transaction (or nothing at all)."""
    user = require_role("staff")
    lang = limits["lang"]
    if not n_clicks or not pending:
        return dash.no_update, dash.no_update, dash.no_update
    data, file_name = decode_payload(pending)
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
            html.Div(
                upload_controls(lang, dataset, PATH), hidden=not allowed, id="upload-controls"
            ),
        ],
        dataset=None if dataset == OBSERVATIONS.name else dataset,
    )
