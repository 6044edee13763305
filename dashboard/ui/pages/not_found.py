"""The 404 page, bilingual like every other."""

from __future__ import annotations

import dash
from dash import html

from ...i18n import normalise_language, t
from ..components import header, page_url


def register() -> None:
    dash.register_page("not_found_404", path="/404", title="Vision 2027 Tracker", layout=layout)


def layout(lang: str | None = None, **_):
    lang = normalise_language(lang)
    return html.Div(
        [
            header(lang, "/"),
            html.Main(
                [
                    html.H1(t("page.not_found", lang), className="h3 mt-4"),
                    html.P(t("page.not_found_text", lang)),
                    html.A(t("page.back_home", lang), href=page_url("/", lang=lang)),
                ],
                id="main",
                className="container-xl",
            ),
        ]
    )
