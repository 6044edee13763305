"""The indicator card: gauge, status (word, icon, colour), values, source, text equivalent.

The gauge figures live in :mod:`.gauge_figures`, the gauge block (or what is missing instead)
in :mod:`.card_gauge`.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.values import is_missing
from ..i18n import t
from .card_gauge import gauge_or_notice
from .components import page_url, source_links
from .format import format_percent, format_period, format_value, target_text
from .gauge_figures import gauge_figure as gauge_figure
from .icons import icon
from .status import status_badge

CARD_TYPE = "indicator-card"


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
            icon("bi-clock-history", "me-1"),
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


def _fact(label_key: str, value, lang: str) -> list:
    return [html.Dt(t(label_key, lang), className="col-6"), html.Dd(value, className="col-6 mb-1")]


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
                gauge_or_notice(row, lang, as_of),
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
