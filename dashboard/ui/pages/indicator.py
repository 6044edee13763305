"""Indicator ``/indicator/<id>``: the series, the required path, the projection, the data and
the calculation spelled out with this indicator's own numbers."""

from __future__ import annotations

import dash
import numpy as np
import pandas as pd
from dash import Dash, dcc, html

from ...core.periods import PeriodError, parse_quarter, quarter_label
from ...core.progress import THRESHOLD_ACCELERATE, THRESHOLD_ON_TRACK, pending_figures
from ...core.units import CHINESE_SOURCE_UNIT
from ...core.units import factor as unit_factor
from ...core.values import is_missing
from ...i18n import catalogue, normalise_language, t
from ...store.reference import context_figures
from ...web import get_store
from ..cards import indicator_name, latest_with_age, target_text, text_equivalent
from ..charts import chart_config
from ..components import illustrative_banner, page_shell, page_url, source_links
from ..format import format_number, format_percent, format_period, format_value, pace_words
from ..glance import pending_notes
from ..status import STATUS_COLOURS, status_badge
from .plan import DEFAULT_SCOPE, context_number, figure_flags, format_as_of, slug

PATH_TEMPLATE = "/indicator/<indicator_id>"


def register(app: Dash) -> None:
    dash.register_page(
        __name__,
        path_template=PATH_TEMPLATE,
        name="Indicator",
        title="Vision 2027 Tracker",
        layout=layout,
    )


def _x(q: int) -> int:
    """Charts put quarters on a numeric axis (the quarter index), ticked at each year's Q4.

    A full-year figure then sits exactly on its year's tick, which a date axis (where the
    end of December looks like the next year) gets wrong.
    """
    return int(q)


def _quarter_axis(first: int, last: int, lang: str) -> dict:
    q4s = [q for q in range(first, last + 1) if q % 4 == 3]
    return {
        "tickmode": "array",
        "tickvals": q4s,
        "ticktext": [format_period(quarter_label(q), lang) for q in q4s],
        "range": [first - 1, last + 1],
        "zeroline": False,
    }


def _path_points(row: pd.Series, start_q: int, start_value: float, rate: float, end_q: int):
    quarters = np.arange(start_q, end_q + 1)
    values = start_value * (1.0 + rate) ** ((quarters - start_q) / 4.0)
    return (
        [_x(q) for q in quarters],
        values.tolist(),
        [quarter_label(q) for q in quarters],
    )


def series_figure(row: pd.Series, series: pd.DataFrame, lang: str) -> dict:
    """Observed values, baseline, the target at 2027Q4, the required path and the projection."""
    unit = row["unit"]
    traces: list[dict] = []
    if not series.empty:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": t("chart.observed", lang),
                "x": [_x(q) for q in series["quarter"]],
                "y": series["value"].tolist(),
                "text": [format_period(p, lang) for p in series["period"]],
                "hovertemplate": "%{text}: %{y:,.4~g}<extra></extra>",
                "line": {"color": "#12355b", "width": 3},
            }
        )
    b_q, t_q = parse_quarter(row["baseline_period"]), parse_quarter(row["target_period"])
    first_q = min([b_q, *series["quarter"].tolist()]) if not series.empty else b_q
    x0, xt = row["baseline_value"], row["latest_value"]
    if not is_missing(x0):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": t("chart.baseline", lang),
                "x": [_x(b_q)],
                "y": [x0],
                "marker": {"size": 12, "symbol": "diamond", "color": "#6c757d"},
                "hovertemplate": f"{t('chart.baseline', lang)}: %{{y:,.4~g}}<extra></extra>",
            }
        )
        rate = row["cagr_required"]
        if row["method"] == "straight_line" and row["kind"] != "growth":
            xs = [_x(b_q), _x(t_q)]
            ys = [x0, row["target_value"]]
        elif not is_missing(rate):
            xs, ys, _ = _path_points(row, b_q, x0, rate, t_q)
        else:
            xs, ys = [], []
        if xs:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": t("chart.required_path", lang),
                    "x": xs,
                    "y": ys,
                    "line": {"color": "#8a5300", "dash": "dash", "width": 2},
                    "hovertemplate": "%{y:,.4~g}<extra></extra>",
                }
            )
    if row["kind"] != "growth":
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": t("chart.target", lang),
                "x": [_x(t_q)],
                "y": [row["target_value"]],
                "marker": {"size": 16, "symbol": "star", "color": "#b02a37"},
                "hovertemplate": f"{t('chart.target', lang)}: %{{y:,.4~g}}<extra></extra>",
            }
        )
    if not is_missing(row["projected_value"]) and not is_missing(xt):
        latest_q = parse_quarter(row["latest_period"])
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": t("chart.projection", lang),
                "x": [_x(latest_q), _x(t_q)],
                "y": [xt, row["projected_value"]],
                "line": {"color": STATUS_COLOURS[row["status"]], "dash": "dot", "width": 2},
                "hovertemplate": "%{y:,.4~g}<extra></extra>",
            }
        )
    scale, axis_unit = _chart_unit(unit, lang)
    for trace in traces:
        trace["y"] = [None if is_missing(v) else v * scale for v in trace["y"]]
    return {
        "data": traces,
        "layout": {
            "height": 380,
            "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
            "yaxis": {
                "title": {"text": axis_unit},
                "rangemode": "tozero",
                "tickformat": ",.6~g",
            },
            "xaxis": _quarter_axis(first_q, t_q, lang),
            "legend": {"orientation": "h", "y": -0.15},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "#f8f9fa",
            "font": {"family": "system-ui, sans-serif", "color": "#212529"},
            "hovermode": "closest",
        },
    }


def _unit_label(unit: str, lang: str) -> str:
    return t(f"unit.{unit.replace(' ', '_')}", lang)


def _chart_unit(unit: str, lang: str) -> tuple[float, str]:
    """The factor and the axis title that put a chart in the unit its page's text uses: in
    Chinese the units of Chinese statistics (亿元, 万吨, 万标箱, 万人次, 亿美元), as the
    figures beside the chart are written, not 十亿元."""
    written = CHINESE_SOURCE_UNIT.get(unit)
    if lang != "zh" or written is None:
        return 1.0, _unit_label(unit, lang)
    ratio = unit_factor(written, unit)
    return (1.0, _unit_label(unit, lang)) if ratio == 1 else (float(1 / ratio), written)


def yoy_figure(series: pd.DataFrame, lang: str) -> dict | None:
    """Year-on-year growth at each quarter that has a value four quarters before."""
    if series.empty:
        return None
    by_quarter = series.set_index("quarter")["value"]
    earlier = by_quarter.reindex(by_quarter.index - 4).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(earlier > 0, by_quarter.to_numpy() / earlier - 1.0, np.nan)
    keep = ~np.isnan(growth)
    if not keep.any():
        return None
    quarters = by_quarter.index.to_numpy()[keep]
    values = growth[keep] * 100
    return {
        "data": [
            {
                "type": "bar",
                "name": t("chart.yoy", lang),
                "x": [_x(q) for q in quarters],
                "y": values.tolist(),
                "text": [format_period(quarter_label(q), lang) for q in quarters],
                "hovertemplate": "%{text}: %{y:.1f}%<extra></extra>",
                "textposition": "none",
                "marker": {"color": ["#146c43" if v >= 0 else "#b02a37" for v in values]},
            }
        ],
        "layout": {
            "height": 240,
            "margin": {"l": 60, "r": 20, "t": 10, "b": 40},
            "yaxis": {"ticksuffix": "%", "zeroline": True},
            "xaxis": _quarter_axis(int(quarters.min()), int(quarters.max()), lang),
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "#f8f9fa",
            "font": {"family": "system-ui, sans-serif", "color": "#212529"},
        },
    }


def _number(value: float, lang: str, unit: str | None = None) -> str:
    if is_missing(value):
        return t("calc.undefined", lang)
    return format_value(value, unit, lang) if unit else format_number(value, lang, 4)


def _as_year(period: str, row: pd.Series, lang: str) -> str:
    """A flow's Q4 is its year ("2022", as the statistics publish it); else the quarter."""
    if row["kind"] in ("flow", "growth") and isinstance(period, str) and period.endswith("Q4"):
        return format_period(period[:4], lang)
    return format_period(period, lang)


def _baseline_period_text(row: pd.Series, lang: str) -> str:
    used = _as_year(row["baseline_period"], row, lang)
    if bool(row.get("baseline_substituted")):
        planned = _as_year(row["planned_baseline_period"], row, lang)
        return t("baseline.period_substituted", lang, used=used, planned=planned)
    return used


def _baseline_text(row: pd.Series, lang: str) -> str:
    """The baseline actually used, and why when it is not the planned period (DOMAIN.md)."""
    planned = _as_year(row.get("planned_baseline_period") or row["baseline_period"], row, lang)
    if is_missing(row["baseline_value"]):
        return t("baseline.none", lang, planned=planned)
    used = _as_year(row["baseline_period"], row, lang)
    value = format_value(row["baseline_value"], row["unit"], lang)
    if bool(row.get("baseline_substituted")):
        return t("baseline.substituted", lang, value=value, used=used, planned=planned)
    return t("baseline.planned", lang, value=value, used=used)


def _pace(ratio: float, lang: str) -> str:
    """R with its meaning in words: "0.36: growing at 36% of the pace needed"."""
    if is_missing(ratio):
        return t("calc.undefined", lang)
    return t(
        "pace.with_ratio", lang, ratio=format_number(ratio, lang, 2), words=pace_words(ratio, lang)
    )


def _calculation(row: pd.Series, lang: str) -> html.Section:
    """Every quantity of the method with this indicator's numbers, and the rule that applied."""
    unit = row["unit"]
    growth = row["kind"] == "growth"
    rows = [
        ("b", "calc.b", _baseline_period_text(row, lang)),
        (
            "t",
            "calc.t",
            t("calc.undefined", lang)
            if is_missing(row["latest_period"])
            else format_period(row["latest_period"], lang),
        ),
        ("T", "calc.T", format_period(row["target_period"], lang)),
        ("n", "calc.n", _number(row["n"], lang)),
        ("N", "calc.N", _number(row["N"], lang)),
        ("x₀", "calc.x0", _number(row["baseline_value"], lang, unit)),
        ("xₜ", "calc.xt", _number(row["latest_value"], lang, unit)),
        (
            "g*" if growth else "x*",
            "calc.g_star" if growth else "calc.x_star",
            format_percent(row["target_growth"], lang, signed=False)
            if growth
            else _number(row["target_value"], lang, unit),
        ),
        (
            "a",
            "calc.a",
            format_percent(row["cagr_observed"], lang)
            if not is_missing(row["cagr_observed"])
            else t("calc.undefined", lang),
        ),
        (
            "r",
            "calc.r",
            format_percent(row["cagr_required"], lang)
            if not is_missing(row["cagr_required"])
            else t("calc.undefined", lang),
        ),
        ("R", "calc.R", _pace(row["ratio"], lang)),
    ]
    if not growth:
        rows.append(
            (
                "p",
                "calc.p",
                format_percent(row["progress"], lang, signed=False)
                if not is_missing(row["progress"])
                else t("calc.undefined", lang),
            )
        )
    rows += [
        ("E", "calc.expected", _number(row["expected_value"], lang, unit)),
        ("P", "calc.projected", _number(row["projected_value"], lang, unit)),
        (
            "Y",
            "calc.yoy",
            format_percent(row["yoy_growth"], lang)
            if not is_missing(row["yoy_growth"])
            else t("calc.undefined", lang),
        ),
    ]
    body = [
        html.Tr(
            [
                html.Th(html.Var(symbol), scope="row"),
                html.Td(t(key, lang)),
                html.Td(value, className="text-end font-monospace"),
            ],
            **{"data-symbol": symbol},
        )
        for symbol, key, value in rows
    ]
    rule = row["rule"]
    return html.Section(
        [
            html.H2(t("indicator.calculation", lang), className="h5", id="calculation-heading"),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("calc.symbol", lang), scope="col"),
                                html.Th(t("calc.meaning", lang), scope="col"),
                                html.Th(t("calc.value", lang), scope="col", className="text-end"),
                            ]
                        )
                    ),
                    html.Tbody(body),
                ],
                className="table table-sm",
                id="calculation",
            ),
            html.P(
                [
                    html.Strong(t("calc.rule_applied", lang) + " "),
                    t(
                        f"rule.{rule}",
                        lang,
                        on_track_pct=format_percent(THRESHOLD_ON_TRACK, lang, signed=False),
                        accelerate_pct=format_percent(THRESHOLD_ACCELERATE, lang, signed=False),
                    ),
                    " → ",
                    status_badge(row["status"], lang),
                ],
                id="rule-applied",
                **{"data-rule": rule},
            ),
            html.P(
                dcc.Link(
                    t("indicator.method_link", lang), href=page_url("/methodology", lang=lang)
                ),
                className="small",
            ),
        ],
        className="mb-4",
        **{"aria-labelledby": "calculation-heading"},
    )


def _observations_table(observations: pd.DataFrame, unit: str, lang: str) -> html.Section:
    if observations.empty:
        content = html.P(t("indicator.no_observations", lang), className="text-muted")
    else:
        rows = [
            html.Tr(
                [
                    html.Td(format_period(r["period"], lang)),
                    html.Td(t(f"basis.{r['basis']}", lang)),
                    html.Td(format_value(r["value"], unit, lang), className="text-end"),
                    html.Td(source_links(r["source"], lang)),
                    html.Td(r["confidence"] or "–"),
                    html.Td(str(r["revision_id"]), className="text-end"),
                ],
                **{"data-period": r["period"]},
            )
            for _, r in observations.iterrows()
        ]
        headers = [
            "obs.period",
            "obs.basis",
            "obs.value",
            "col.source",
            "obs.confidence",
            "obs.revision",
        ]
        content = html.Div(
            html.Table(
                [
                    html.Caption(
                        t("indicator.observations_caption", lang), className="visually-hidden"
                    ),
                    html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
                    html.Tbody(rows),
                ],
                className="table table-sm table-striped",
                id="observations",
            ),
            className="table-responsive",
        )
    return html.Section(
        [
            html.H2(t("indicator.observations", lang), className="h5", id="observations-heading"),
            content,
        ],
        className="mb-4",
        **{"aria-labelledby": "observations-heading"},
    )


def _context_value(row: pd.Series, lang: str) -> str:
    text = context_number(float(row["value"]), row["unit"], lang)
    qualifier = figure_flags(row).qualifier
    return t(f"plan.value.{qualifier}", lang, value=text) if qualifier else text


def _context_section(indicator_id: str, lang: str) -> html.Section | None:
    """Published figures on this target's subject that are not its measure (the rows of
    ``data/context_figures.csv`` that name it), and why a target with an ambiguous measure is
    left unjudged. Nothing here feeds the status."""
    figures = context_figures()
    figures = figures[figures["indicator_id"] == indicator_id]
    note_key = f"indicator.context.note.{indicator_id}"
    note = t(note_key, lang) if note_key in catalogue(lang) else None
    if figures.empty and note is None:
        return None
    rows = []
    for _, r in figures.iterrows():
        scope = r["scope"] if r["scope"] and r["scope"] != DEFAULT_SCOPE else None
        rows.append(
            html.Tr(
                [
                    html.Th(
                        [
                            html.Div(r["label_zh"] if lang == "zh" else r["label_en"]),
                            html.Div(
                                t("plan.scope", lang, scope=t(f"plan.scope.{slug(scope)}", lang)),
                                className="small text-muted",
                            )
                            if scope
                            else None,
                        ],
                        scope="row",
                    ),
                    html.Td(_context_value(r, lang), className="text-nowrap"),
                    html.Td(format_as_of(r["as_of"], lang)),
                    html.Td(source_links(r["source"], lang)),
                    html.Td(
                        t(f"plan.confidence.{slug(r['confidence'])}", lang)
                        if r["confidence"]
                        else "–"
                    ),
                ],
                **{"data-figure": r["figure_id"]},
            )
        )
    headers = ("plan.col.figure", "plan.col.value", "plan.col.as_of", "col.source")
    table = html.Div(
        html.Table(
            [
                html.Caption(t("indicator.context.caption", lang), className="visually-hidden"),
                html.Thead(
                    html.Tr(
                        [html.Th(t(h, lang), scope="col") for h in headers]
                        + [html.Th(t("plan.col.confidence", lang), scope="col")]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm align-middle",
            id="context-figures",
        ),
        className="table-responsive",
    )
    return html.Section(
        [
            html.H2(t("indicator.context.heading", lang), className="h5", id="context-heading"),
            html.P(note, id="context-note", className="alert alert-secondary") if note else None,
            html.P(t("indicator.context.intro", lang), className="small text-muted"),
            table if rows else None,
        ],
        className="mb-4",
        id="context",
        **{"aria-labelledby": "context-heading"},
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


def _target_quote(row: pd.Series, lang: str):
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


def _not_found(lang: str, indicator_id: str):
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
        ("indicator.baseline", _baseline_text(row, lang)),
        ("card.target", target_text(row, lang)),
        ("indicator.expected_now", _number(row["expected_value"], lang, row["unit"])),
        ("card.projected", _number(row["projected_value"], lang, row["unit"])),
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
            _observations_table(observations, row["unit"], lang),
            _context_section(indicator_id, lang),
            _calculation(row, lang),
        ],
        as_of=as_of_q,
    )
