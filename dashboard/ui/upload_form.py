"""The upload page's controls: which kind of file, its template, the drop zone, confirmation.

Built apart from the page so that ``pages/upload.py`` reads as its flow (preview, then
confirm); the ids here are the ones its callbacks listen to, and ``upload-limits`` carries what
those callbacks and the browser's size check need to know (:class:`UploadLimits`).
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from dash import dcc, html

from ..core.changes import OBSERVATIONS
from ..i18n import t
from ..ingest.reader import MAX_UPLOAD_BYTES
from ..services.imports import DATASET_NAMES
from .components import current_marker, download_pair, page_url
from .icons import icon

#: Where each kind of file's template is downloaded (``.csv`` or ``.xlsx`` appended).
TEMPLATE_BASE = {
    "observations": "/upload/template",
    "reach": "/upload/template-reach",
    "destinations": "/upload/template-destinations",
}


class UploadLimits(TypedDict):
    """The data of ``upload-limits``: what the page was opened for (see
    :func:`upload_controls`)."""

    lang: str
    dataset: NotRequired[str]
    max_bytes: NotRequired[int]
    too_large: NotRequired[str]


def _dataset_choice(lang: str, dataset: str, page_path: str) -> html.Nav:
    """Which kind of file: links (the choice lives in the URL, so it can be shared)."""
    links = []
    for name in DATASET_NAMES:
        active = name == dataset
        links.append(
            dcc.Link(
                [t(f"upload.dataset.{name}", lang), *current_marker(lang, active)],
                href=page_url(
                    page_path, lang=lang, dataset=None if name == OBSERVATIONS.name else name
                ),
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


def upload_controls(lang: str, dataset: str, page_path: str) -> list:
    """Everything staff use on the page, for one kind of file; ``page_path`` is the page's own
    address, which the choice of kind links back to."""
    limit_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    limits: UploadLimits = {
        "lang": lang,
        "dataset": dataset,
        "max_bytes": MAX_UPLOAD_BYTES,
        # {size} stays a placeholder: the browser fills it in (CHECK_SIZE_JS, pages/upload.py).
        "too_large": t("upload.too_large", lang, limit=f"{limit_mb} MB", size="{size}"),
    }
    return [
        html.P(t("upload.intro", lang)),
        _dataset_choice(lang, dataset, page_path),
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
                            icon("bi-info-circle", "me-2"),
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
