"""The indicator card: gauge, status (word, icon, colour), values, source, text equivalent.

Figures are plain dicts (no ``plotly.graph_objects`` validation in the hot path): fifteen gauges
render in a few milliseconds of server time.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.values import is_missing
from ..i18n import t
from .charts import gauge_config
from .components import page_url, source_links
from .format import format_percent, format_period, format_value, target_text
from .status import STATUS_COLOURS, status_badge

CARD_TYPE = "indicator-card"
GAUGE_TYPE = "indicator-gauge"


def period_text(row: pd.Series, lang: str) -> str:
    """``2025`` for a full-year figure, else the quarter, in the reader's style."""
    period = row.get("latest_period")
    if not isinstance(period, str):
        return "–"
    return format_period(period[:4] if row.get("latest_is_year") else period, lang)


def stale_marker(row: pd.Series, lang: str, as_of: str) -> html.Span | None:
    """ "stale" with a clock icon when the latest value is over four quarters old (DOMAIN.md)."""
    if is_missing(row.get("stale")) or not bool(row.get("stale")):
        return None
    return html.Span(
        [
            html.I(className="bi bi-clock-history me-1", **{"aria-hidden": "true"}),
            t("age.stale", lang),
        ],  # fmt: skip
        className="stale-marker",
        title=t("age.stale_title", lang, as_of=format_period(as_of, lang)),
        **{"data-stale": "true"},
    )


def latest_with_age(row: pd.Series, lang: str, as_of: str) -> list:
    """The latest value, its period, and "stale" when it is old ("197.2 million t (2017) stale")."""
    if is_missing(row["latest_value"]):
        return [t("glance.no_value", lang)]
    parts: list = [
        f"{format_value(row['latest_value'], row['unit'], lang)} ({period_text(row, lang)})"
    ]
    marker = stale_marker(row, lang, as_of)
    if marker is not None:
        parts += [" ", marker]
    return parts


def indicator_name(row: pd.Series, lang: str) -> str:
    return row["name_zh"] if lang == "zh" else row["name_en"]


def text_equivalent(row: pd.Series, lang: str) -> str:
    """One sentence that says what the gauge shows (for screen readers and print)."""
    name = indicator_name(row, lang)
    status = (
        t(f"status.{row['status']}", lang).lower()
        if lang == "en"
        else t(f"status.{row['status']}", lang)
    )
    if is_missing(row["latest_value"]):
        return t("card.sentence_no_data", lang, name=name, target=target_text(row, lang))
    needed = (
        format_value(row["target_value"], row["unit"], lang, short=True)
        if row["kind"] != "growth"
        else format_percent(row["target_growth"], lang, signed=False)
    )
    growth = row["kind"] == "growth"
    growing = growth and not is_missing(row["cagr_observed"])
    # A growth target is a rate a year, never "10 % needed by 2027" (年均增长10%).
    key = (
        "card.sentence_growth"
        if growing
        else "card.sentence_growth_unjudged"
        if growth
        else "card.sentence"
    )
    return t(
        key,
        lang,
        name=name,
        value=format_value(row["latest_value"], row["unit"], lang),
        period=period_text(row, lang),
        status=status,
        target=needed,
        growth=format_percent(row["cagr_observed"], lang),
    )


def gauge_layout() -> dict:
    """The layout every card gauge shares (judged or share of target); a fresh dict each time,
    since slides adapt it."""
    return {
        "height": 160,
        "margin": {"l": 34, "r": 34, "t": 24, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, sans-serif", "color": "#212529"},
        # A picture, not a control: nothing reacts to the pointer (the PNG button aside).
        "hovermode": False,
        "dragmode": False,
        # The PNG button, light on the card (plotly darkens it on a transparent paper).
        "modebar": {
            "bgcolor": "rgba(255,255,255,0.85)",
            "color": "#495057",
            "activecolor": "#12355b",
        },  # fmt: skip
    }


def gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """Level target: 0 % = baseline, 100 % = target, marker at the expected position now.

    Growth target: the observed annual growth on a scale from 0 to twice the target rate,
    with the marker at the target rate. ``None`` when there is nothing to draw.
    """
    colour = STATUS_COLOURS[row["status"]]
    if row["kind"] == "growth":
        observed, required = row["cagr_observed"], row["target_growth"]
        if is_missing(observed):
            return None
        value, marker = observed * 100, required * 100
        low, high = min(0.0, value), max(2 * marker, value)
        suffix = t("gauge.per_year", lang)
    else:
        progress, x0, x_star = row["progress"], row["baseline_value"], row["target_value"]
        if is_missing(progress) or is_missing(x0):
            return None
        value = progress * 100
        expected = row["expected_value"]
        marker = None if is_missing(expected) else (expected - x0) / (x_star - x0) * 100
        low, high = min(0.0, value), max(100.0, value)
        suffix = "%"
    gauge: dict = {
        "shape": "angular",
        "axis": {"range": [low, high], "ticksuffix": "%", "tickfont": {"size": 10}},
        "bar": {"color": colour, "thickness": 0.6},
        "bgcolor": "#e9ecef",
        "borderwidth": 0,
    }
    if not is_missing(marker):
        gauge["threshold"] = {
            "line": {"color": "#212529", "width": 3},
            "thickness": 0.9,
            "value": marker,
        }
    return {
        "data": [
            {
                "type": "indicator",
                "mode": "gauge+number",
                "value": value,
                "number": {"suffix": suffix, "valueformat": ".1f", "font": {"size": 20}},
                "gauge": gauge,
            }
        ],
        "layout": gauge_layout(),
    }


def _fact(label_key: str, value, lang: str) -> list:
    return [html.Dt(t(label_key, lang), className="col-6"), html.Dd(value, className="col-6 mb-1")]


def share_gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """How far the latest value is toward a level target (``xt / x*``), for a target without
    a baseline, or one achieved without one: 0 = nothing, 100 % = the target.

    Drawn unlike a judged gauge (DOMAIN.md): a hatched grey bar, no status colour, no
    "expected now" marker; the card says "not judged: baseline needed" beside it. An
    achieved target keeps its status colour (it is judged: it met the target).
    """
    share = row.get("target_share")
    if row["kind"] == "growth" or is_missing(share):
        return None
    value = share * 100
    achieved = row["status"] == "achieved"
    colour = STATUS_COLOURS["achieved"] if achieved else "#6c757d"
    return {
        "data": [
            {
                "type": "indicator",
                "mode": "gauge+number",
                "value": value,
                "number": {"suffix": "%", "valueformat": ".0f", "font": {"size": 20}},
                "gauge": {
                    "shape": "angular",
                    "axis": {
                        "range": [0, max(100.0, value)],
                        "ticksuffix": "%",
                        "tickfont": {"size": 10},
                    },
                    "bar": {"color": colour, "thickness": 0.35 if not achieved else 0.6},
                    "bgcolor": "#ffffff",
                    "bordercolor": "#adb5bd",
                    "borderwidth": 1,
                    "steps": [] if achieved else [{"range": [0, 100], "color": "#f1f3f5"}],
                },
            }
        ],
        "layout": gauge_layout(),
    }


def _graph(row: pd.Series, figure: dict, as_of: str | None, kind: str) -> html.Div:
    """The gauge, offering plotly's PNG download (``<id>-gauge-<as_of>.png``) and nothing else.

    The card's sentence is the gauge's text equivalent. The gauge is not aria-hidden: it holds
    a real button (plotly's PNG download, shown on hover and on keyboard focus), and a hidden
    element must hold nothing focusable. It sits above the card's stretched link, or the link
    would take the button's clicks; the title, the facts and the sentence still open the page.
    """
    indicator_id = row["indicator_id"]
    filename = f"{indicator_id}-gauge" + (f"-{as_of}" if as_of else "")
    return html.Div(
        dcc.Graph(
            id={"type": GAUGE_TYPE, "index": indicator_id},
            figure=figure,
            config=gauge_config(filename),
            style={"height": "160px"},
        ),
        className=f"gauge gauge-{kind}",
        style={"position": "relative", "zIndex": 2},
        **{"data-gauge": kind},
    )


def _gauge_or_notice(row: pd.Series, lang: str, as_of: str | None = None):
    """The gauge; for a level target without a baseline, how far it is toward the target,
    labelled "not judged: baseline needed"; else a plain statement of what is missing (never
    an empty gauge where something is known)."""
    figure = gauge_figure(row, lang) if row["status"] != "insufficient_data" else None
    if figure is not None:
        return _graph(row, figure, as_of, "judged")
    # Not judged (no baseline, or less than a year since it) but a value is known: how far
    # it is toward the target. Achieved without a baseline: the same gauge, in its colour.
    unjudged = row["status"] == "insufficient_data" and row["rule"] != "growth_undefined"
    achieved = row["status"] == "achieved"
    known = not is_missing(row["latest_value"])
    share = share_gauge_figure(row, lang) if known and (unjudged or achieved) else None
    if share is not None and achieved:
        return _graph(row, share, as_of, "share")
    if share is not None:
        no_baseline = is_missing(row["baseline_value"])
        why = "reason.baseline_needed" if no_baseline else "reason.short_history"
        return html.Div(
            [
                _graph(row, share, as_of, "share"),
                html.Div(
                    [
                        html.I(className="bi bi-info-circle me-1", **{"aria-hidden": "true"}),
                        t("card.not_judged", lang, reason=t(why, lang)),
                        html.Br(),
                        t(
                            "card.share_of_target",
                            lang,
                            value=format_value(row["latest_value"], row["unit"], lang),
                            target=format_value(row["target_value"], row["unit"], lang),
                            share=format_percent(row["target_share"], lang, signed=False),
                        ),
                    ],
                    className="gauge-legend small text-muted",
                ),
            ],
            **{"data-notice": why.split(".")[1]},
        )
    if is_missing(row["latest_value"]):
        notice = "card.no_data"
    elif is_missing(row["baseline_value"]) and row["status"] != "achieved":
        notice = "card.baseline_needed"
    elif row["status"] == "achieved":
        notice = "card.achieved_no_gauge"
    else:
        notice = "card.short_history"
    return html.Div(
        [html.I(className="bi bi-info-circle me-1", **{"aria-hidden": "true"}), t(notice, lang)],
        className="gauge-notice",
        **{"data-notice": notice.split(".")[1]},
    )


def indicator_card(row: pd.Series, lang: str, as_of: str | None) -> html.Article:
    """One target. The whole card is a link to its indicator page (via the stretched title)."""
    indicator_id = row["indicator_id"]
    has_value = not is_missing(row["latest_value"])
    latest = (
        latest_with_age(row, lang, as_of or row.get("as_of") or "")
        if has_value
        else t("value.none", lang)
    )
    projected = (
        format_value(row["projected_value"], row["unit"], lang)
        if not is_missing(row["projected_value"])
        else "–"
    )
    href = page_url(f"/indicator/{indicator_id}", lang=lang, as_of=as_of)
    return html.Article(
        html.Div(
            [
                html.H3(
                    dcc.Link(indicator_name(row, lang), href=href, className="stretched-link"),
                    className="h6 card-title mb-1",
                ),
                html.Div(html.Code(indicator_id), className="small mb-2"),
                status_badge(row["status"], lang),
                _gauge_or_notice(row, lang, as_of),
                html.Dl(
                    [
                        *_fact("card.latest", latest, lang),
                        *_fact("card.target", target_text(row, lang), lang),
                        *_fact("card.projected", projected, lang),
                    ],
                    className="row small mb-1 card-facts",
                ),
                html.P(text_equivalent(row, lang), className="card-sentence small mb-1"),
                html.Div(
                    [t("col.source", lang), ": ", source_links(row.get("source"), lang)],
                    className="small text-muted card-source position-relative",
                ),
            ],
            className="card-body",
        ),
        id={"type": CARD_TYPE, "index": indicator_id},
        className=f"card h-100 indicator-card status-border-{row['status']}",
        **{"data-indicator": indicator_id, "data-status": row["status"]},
    )
