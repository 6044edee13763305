"""The overview's toolbar: present, download or print the view the visitor is looking at."""

from __future__ import annotations

from dash import dcc, html

from ..i18n import t
from .components import download_pair, page_url
from .icons import icon


def toolbar(lang: str, as_of: str, pillar: str | None) -> html.Div:
    """Present this view, download its table, print its briefing: all for the same view."""
    return html.Div(
        [
            dcc.Link(
                [
                    icon("bi-easel", "me-1"),
                    t("present.toolbar.present", lang),
                ],
                href=page_url("/present", pillar=pillar, lang=lang, as_of=as_of),
                className="btn btn-sm btn-primary",
                id="present-link",
                title=t("present.toolbar.present_title", lang),
            ),
            download_pair(
                lang,
                "/export/progress",
                "present.toolbar.download",
                "download-progress",
                {"as_of": as_of, "pillar": pillar, "lang": lang},
            ),
            html.A(
                [
                    icon("bi-printer", "me-1"),
                    t("present.toolbar.briefing", lang),
                ],
                href=page_url("/briefing", as_of=as_of, pillar=pillar, lang=lang),
                className="btn btn-sm btn-outline-secondary",
                id="briefing-link",
            ),
        ],
        className="overview-toolbar d-flex flex-wrap align-items-center gap-2 mb-3",
        role="group",
        id="overview-toolbar",
        **{"aria-label": t("present.toolbar.label", lang)},
    )
