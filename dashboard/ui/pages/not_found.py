"""The 404 page, bilingual like every other."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html

from ...i18n import normalise_language, t
from ..components import page_shell, page_url


def register(app: Dash) -> None:
    dash.register_page("not_found_404", path="/404", title="Vision 2027 Tracker", layout=layout)


def layout(lang: str | None = None, **_):
    lang = normalise_language(lang)
    return page_shell(
        lang,
        "/404",
        [
            html.H1(t("page.not_found", lang), className="h3 mt-4"),
            html.P(t("page.not_found_text", lang)),
            dcc.Link(t("page.back_home", lang), href=page_url("/", lang=lang)),
        ],
    )
