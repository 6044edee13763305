"""Overview ``/``: every 2027 target as a gauge card, grouped by pillar, filterable.

The view lives in the URL (``/?pillar=logistics&as_of=2025Q3&lang=zh``): the pillar links and
the language switch are ``dcc.Link``s, and the "as of" menu writes the query string, so Dash's
router renders the page from the URL alone. A shared link reproduces the view, and the back
button walks through earlier views.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html

from ...core.catalogue import PILLAR_IDS
from ...i18n import normalise_language, t
from ...web import get_store
from ..cards import indicator_card
from ..components import (
    current_marker,
    illustrative_banner,
    page_shell,
    page_url,
    valid_quarter,
)
from ..format import format_period
from ..glance import at_a_glance
from ..icons import icon
from ..overview_changes import changes_section
from ..overview_summary import summary
from ..overview_toolbar import toolbar

PATH = "/"


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Overview", title="Vision 2027 Tracker", layout=layout
    )
    app.clientside_callback(
        AS_OF_TO_URL_JS,
        Output("url", "search"),
        Input("as-of-select", "value"),
        State("as-of-rendered", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )


#: Put a newly chosen quarter in the query string, keeping the other parameters. In the
#: browser: it needs nothing from the server, and the router's request follows the URL.
#: Dash also calls it when the router inserts the page (with the quarter the page was
#: rendered for); changing the URL then would render every page twice, so only a quarter
#: other than the rendered one counts as a choice.
AS_OF_TO_URL_JS = """
function (asOf, rendered, search) {
    if (!asOf || asOf === rendered) { return window.dash_clientside.no_update; }
    const params = new URLSearchParams(search || "");
    params.set("as_of", asOf);
    return "?" + params.toString();
}
"""


def _controls(lang: str, as_of: str, pillar: str | None, quarters: list[str]) -> html.Div:
    options = [{"label": format_period(q, lang), "value": q} for q in quarters]
    if as_of not in quarters:
        options.insert(0, {"label": format_period(as_of, lang), "value": as_of})
    pillar_links = []
    for choice in (None, *PILLAR_IDS):
        active = choice == pillar
        pillar_links.append(
            dcc.Link(
                [t(f"pillar.{choice or 'all'}", lang), *current_marker(lang, active)],
                href=page_url(PATH, lang=lang, as_of=as_of, pillar=choice),
                className="btn btn-sm btn-outline-secondary" + (" active" if active else ""),
                id={"type": "pillar-link", "index": choice or "all"},
            )
        )
    return html.Div(
        [
            html.Div(
                [
                    html.Label(
                        t("overview.as_of_label", lang),
                        htmlFor="as-of-select",
                        className="form-label small mb-1",
                    ),
                    dcc.Dropdown(
                        id="as-of-select",
                        options=options,
                        value=as_of,
                        clearable=False,
                        searchable=False,
                        style={"minWidth": "11rem"},
                    ),
                ],
                className="me-3 mb-2",
            ),
            html.Nav(
                [
                    html.Div(
                        t("overview.pillar_label", lang),
                        className="small mb-1",
                        id="pillar-filter-label",
                    ),
                    html.Div(pillar_links, className="d-flex flex-wrap gap-1"),
                ],
                className="pillar-filter mb-2",
                id="pillar-filter",
                **{"aria-labelledby": "pillar-filter-label"},
            ),
        ],
        className="d-flex flex-wrap align-items-end my-3",
    )


def _pillar_section(pillar: str, rows: pd.DataFrame, lang: str, as_of: str) -> html.Section:
    return html.Section(
        [
            html.H2(t(f"pillar.{pillar}", lang), className="h5 mt-2", id=f"pillar-{pillar}"),
            html.Div(
                [
                    html.Div(indicator_card(row, lang, as_of), className="col")
                    for _, row in rows.iterrows()
                ],
                className="row row-cols-1 row-cols-md-2 row-cols-xl-3 row-cols-xxl-4 g-3 mb-4",
            ),
        ],
        **{"aria-labelledby": f"pillar-{pillar}", "data-pillar-section": pillar},
    )


def layout(lang: str | None = None, as_of: str | None = None, pillar: str | None = None, **_):
    """The view for the URL's parameters, built once per data version and then reused."""
    lang = normalise_language(lang)
    pillar = pillar if pillar in PILLAR_IDS else None
    as_of = valid_quarter(as_of)
    store = get_store()
    return store.memoize(
        ("overview", lang, as_of, pillar), lambda: _view(store, lang, as_of, pillar)
    )


def _view(store, lang: str, as_of: str | None, pillar: str | None):
    progress = store.progress(as_of=as_of)
    as_of_label = progress.attrs["as_of"]
    shown = progress if pillar is None else progress[progress["pillar"] == pillar]
    sections = [
        _pillar_section(p, shown[shown["pillar"] == p], lang, as_of_label)
        for p in PILLAR_IDS
        if (shown["pillar"] == p).any()
    ]
    return page_shell(
        lang,
        PATH,
        [
            illustrative_banner(lang) if progress.attrs.get("illustrative") else None,
            html.H1(t("overview.heading", lang), className="h3 mt-3 mb-0"),
            html.P(
                t("overview.as_of", lang, as_of=format_period(as_of_label, lang)),
                className="text-muted mb-0",
                id="as-of-label",
            ),
            at_a_glance(shown, lang, as_of_label, as_of_label if as_of else None),
            _controls(lang, as_of_label, pillar, store.quarters_with_data()),
            toolbar(lang, as_of_label, pillar),
            dcc.Store(id="as-of-rendered", data=as_of_label),
            summary(progress if pillar is None else progress[progress["pillar"] == pillar], lang),
            html.P(
                [
                    icon("bi-speedometer2", "me-1"),
                    t("overview.gauge_help", lang),
                ],
                className="small text-muted",
                id="gauge-help",
            ),
            html.Div(sections, id="indicator-cards"),
            changes_section(store, progress, lang, pillar),
        ],
        as_of=as_of_label if as_of else None,
        pillar=pillar,
    )
