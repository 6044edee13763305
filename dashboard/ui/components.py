"""Small building blocks shared by the pages: the header and the illustrative-data banner."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from ..i18n import t


def page_url(path: str, **params: str | None) -> str:
    """A link that keeps the view's query string (empty values left out)."""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{path}?{query}" if query else path


def header(lang: str, path: str = "/", **params: str | None) -> html.Header:
    other = "en" if lang == "zh" else "zh"
    return html.Header(
        html.Div(
            [
                html.A(t("app.skip", lang), href="#main", className="visually-hidden-focusable"),
                html.Div(
                    [
                        html.A(
                            t("app.title", lang),
                            href=page_url("/", lang=lang),
                            className="navbar-brand fw-semibold",
                        ),
                        html.Span(
                            t("app.subtitle", lang),
                            className="navbar-text small d-none d-md-inline",
                        ),
                    ],
                    className="d-flex align-items-baseline gap-3",
                ),
                html.A(
                    t("lang.switch", lang),
                    href=page_url(path, lang=other, **params),
                    lang=other,
                    className="btn btn-outline-light btn-sm",
                    title=t("lang.switch_label", lang),
                    id="language-switch",
                ),
            ],
            className="container-xl d-flex justify-content-between align-items-center py-2",
        ),
        className="navbar tracker-header",
        role="banner",
    )


def illustrative_banner(lang: str) -> html.Div:
    return html.Div(
        [
            html.I(className="bi bi-info-circle-fill me-2", **{"aria-hidden": "true"}),
            t("banner.illustrative", lang),
        ],
        className="alert alert-warning mb-3",
        role="note",
        id="illustrative-banner",
    )
