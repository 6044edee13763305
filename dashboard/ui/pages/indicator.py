"""Indicator ``/indicator/<id>``: the series, the required path, the projection, the data and
the calculation spelled out with this indicator's own numbers.

This module is the page itself (its registration, its layout and the order of its sections);
the sections that stand on their own are built in ``ui.indicator_charts``,
``ui.indicator_observations``, ``ui.indicator_context`` and ``ui.indicator_calculation``.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Dash, dcc, html

from ...core.periods import PeriodError, parse_quarter, quarter_label
from ...core.progress import pending_figures
from ...core.values import is_missing
from ...i18n import normalise_language, t
from ...web import get_store
from ..cards import indicator_name, latest_with_age, target_text, text_equivalent
from ..charts import chart_config
from ..components import illustrative_banner, page_shell, page_url
from ..format import format_period
from ..glance import pending_notes
from ..indicator_calculation import baseline_text, calculation_section, quantity_text
from ..indicator_charts import series_figure, yoy_figure
from ..indicator_context import context_section
from ..indicator_observations import observations_section
from ..status import status_badge

PATH_TEMPLATE = "/indicator/<indicator_id>"


def register(app: Dash) -> None:
    dash.register_page(
        __name__,
        path_template=PATH_TEMPLATE,
        name="Indicator",
        title="Vision 2027 Tracker",
        layout=layout,
    )


def _chart(figure: dict, caption: str, graph_id: str, filename: str) -> html.Figure:
    """A chart with its caption; its modebar downloads it as ``<filename>.png``."""
    return html.Figure(
        [
            dcc.Graph(id=graph_id, figure=figure, config=chart_config(filename)),
            html.Figcaption(caption, className="small text-muted"),
        ],
        className="mb-3",
    )


def _target_quote(row: pd.Series, lang: str) -> html.Figure | html.Details:
    """The seed's own sentence (English). In Chinese it is offered, folded, as the original."""
    quote = html.Figure(
        [
            html.Blockquote(
                html.P(row["target_text"], className="mb-0"), className="mb-1 fs-6", lang="en"
            ),
            html.Figcaption(t("indicator.target_quote", lang), className="small text-muted"),
        ],
        className="border-start border-3 ps-3 mb-3",
        id="target-quote",
    )
    if lang != "zh":
        return quote
    return html.Details(
        [html.Summary(t("indicator.target_original", lang), className="small mb-2"), quote],
        className="mb-3",
    )


def _not_found(lang: str, indicator_id: str) -> html.Div:
    return page_shell(
        lang,
        "/indicator",
        [
            html.H1(t("indicator.unknown", lang), className="h3 mt-4"),
            html.P(t("indicator.unknown_text", lang, indicator_id=indicator_id)),
            dcc.Link(t("page.back_home", lang), href=page_url("/", lang=lang)),
        ],
    )


def layout(indicator_id: str = "", lang: str | None = None, as_of: str | None = None, **_):
    """The page for one indicator, built once per data version and then reused."""
    lang = normalise_language(lang)
    store = get_store()
    try:
        as_of_q = quarter_label(parse_quarter(as_of)) if as_of else None
    except PeriodError:
        as_of_q = None
    return store.memoize(
        ("indicator", indicator_id, lang, as_of_q),
        lambda: _view(store, indicator_id, lang, as_of_q),
    )


def _view(store, indicator_id: str, lang: str, as_of_q: str | None):
    progress = store.progress(as_of=as_of_q)
    match = progress[progress["indicator_id"] == indicator_id]
    if match.empty:
        return _not_found(lang, indicator_id)
    row = match.iloc[0]
    as_of_label = progress.attrs["as_of"]
    series = store.series(indicator_id)
    series = series[series["quarter"] <= parse_quarter(as_of_label)]
    observations = store.current_observations()
    observations = observations[observations["indicator_id"] == indicator_id]
    every = store.indicators()
    own_catalogue = every[every["indicator_id"] == indicator_id]

    summary = text_equivalent(row, lang)
    yoy = yoy_figure(series, lang)
    name = indicator_name(row, lang)
    back = page_url("/", lang=lang, as_of=as_of_q)
    facts = [
        ("card.latest", latest_with_age(row, lang, as_of_label)),
        ("indicator.baseline", baseline_text(row, lang)),
        ("card.target", target_text(row, lang)),
        ("indicator.expected_now", quantity_text(row["expected_value"], lang, row["unit"])),
        ("card.projected", quantity_text(row["projected_value"], lang, row["unit"])),
    ]
    return page_shell(
        lang,
        f"/indicator/{indicator_id}",
        [
            illustrative_banner(lang) if progress.attrs.get("illustrative") else None,
            html.Nav(
                dcc.Link(["← ", t("indicator.back", lang)], href=back),
                className="mt-3 small",
                **{"aria-label": t("indicator.breadcrumb", lang)},
            ),
            html.H1(name, className="h3 mt-2 mb-1", id="indicator-name"),
            html.Div(
                [
                    html.Code(indicator_id, className="me-2"),
                    html.Span(t(f"pillar.{row['pillar']}", lang), className="me-3 text-muted"),
                    status_badge(row["status"], lang),
                    html.Span(
                        " · " + t("overview.as_of", lang, as_of=format_period(as_of_label, lang)),
                        className="text-muted small",
                    ),
                ],
                className="mb-2",
                **{"data-indicator": indicator_id, "data-status": row["status"]},
            ),
            _target_quote(row, lang),
            html.Dl(
                [
                    item
                    for key, value in facts
                    for item in (
                        html.Dt(t(key, lang), className="col-sm-3"),
                        html.Dd(value, className="col-sm-9 mb-1"),
                    )
                ],
                className="row mb-3",
                id="indicator-facts",
            ),
            html.P(summary, className="lead fs-6", id="indicator-summary"),
            pending_notes(pending_figures(own_catalogue, observations, as_of_label), lang),
            html.Section(
                [
                    html.H2(t("indicator.series", lang), className="h5", id="series-heading"),
                    _chart(
                        series_figure(row, series, lang),
                        t("chart.series_caption", lang, summary=summary),
                        "series-chart",
                        f"{indicator_id}-series-{as_of_label}",
                    )
                    if not series.empty or not is_missing(row["target_value"])
                    else html.P(t("value.none", lang)),
                ],
                **{"aria-labelledby": "series-heading"},
            ),
            html.Section(
                [
                    html.H2(t("chart.yoy", lang), className="h5", id="yoy-heading"),
                    _chart(
                        yoy,
                        t("chart.yoy_caption", lang),
                        "yoy-chart",
                        f"{indicator_id}-yoy-{as_of_label}",
                    )
                    if yoy is not None
                    else html.P(t("indicator.no_yoy", lang), className="text-muted"),
                ],
                **{"aria-labelledby": "yoy-heading"},
            ),
            observations_section(observations, row["unit"], lang),
            context_section(indicator_id, lang),
            calculation_section(row, lang),
        ],
        as_of=as_of_q,
    )
