"""The target cards of a pillar slide, and the line saying how to read their gauges.

A slide says what is known before what is missing: the cards with a figure come first and
large (a judged gauge, the share of the target, or the value itself), the targets without any
data follow as one strip of small cards. The gauges are the overview's figures
(:func:`gauge_figures.gauge_figure`, and :func:`gauge_figures.share_gauge_figure` for a level
target with a value but no baseline) with the size and the type left to the slide, so both
always draw the same thing.
"""

from __future__ import annotations

import copy

import pandas as pd
from dash import dcc, html

from ..core.progress import ACHIEVED, INSUFFICIENT
from ..i18n import t
from .cards import (
    indicator_name,
    latest_with_age,
    period_text,
    stale_marker,
    target_text,
    text_equivalent,
)
from .format import format_value
from .gauge_figures import gauge_figure, share_gauge_figure
from .icons import icon
from .slide_text import capitalised, has_latest_value, short_name
from .status import status_badge

#: Gauge tick labels on a slide, in px: read from the back of a room (at least 20 px at
#: 1920x1080; plotly's sizes do not scale with the window, so this holds at every size).
SLIDE_TICK_PX = 20

#: What a card shows in its large space: a judged gauge, the share of the target, the value
#: itself (a growth target not judged yet), or nothing (no data: a small card).
JUDGED, SHARE, VALUE, EMPTY = "judged", "share", "value", "empty"

#: Why a card's figure is not judged, as the overview's first list says it.
_SLIDE_REASON_WORDS = {
    "no_baseline": "reason.baseline_needed",
    "short_history": "reason.short_history",
    "growth_undefined": "reason.growth_undefined",
    "ratio_undefined": "reason.ratio_undefined",
}


def _for_slide(base: dict | None) -> dict | None:
    """An overview gauge sized by the slide (fills its box; the number scales with it), its
    tick labels large enough to read from the back of a room."""
    if base is None:
        return None
    figure = copy.deepcopy(base)
    trace = figure["data"][0]
    trace.get("number", {}).pop("font", None)  # plotly fits the number to the gauge
    axis = trace["gauge"]["axis"]
    axis["tickfont"] = {"size": SLIDE_TICK_PX}
    axis["nticks"] = 5  # fewer, larger labels: they must not run into each other
    layout = figure["layout"]
    layout.pop("height", None)
    layout["autosize"] = True
    layout["margin"] = {"l": 66, "r": 66, "t": 30, "b": 6}  # room for "100%" at the ends
    return figure


def slide_gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """The overview's gauge of a judged target, sized for a slide."""
    return _for_slide(gauge_figure(row, lang))


def slide_share_figure(row: pd.Series, lang: str) -> dict | None:
    """The overview's share-of-target gauge (a level target with a value but no baseline, or
    achieved without one), sized for a slide: drawn unlike a judged gauge."""
    return _for_slide(share_gauge_figure(row, lang))


def picture_kind(row: pd.Series, lang: str) -> str:
    """Which of :data:`JUDGED`, :data:`SHARE`, :data:`VALUE` or :data:`EMPTY` the card shows."""
    if row["status"] != INSUFFICIENT and gauge_figure(row, lang) is not None:
        return JUDGED
    if not has_latest_value(row):
        return EMPTY
    unjudged = row["status"] == INSUFFICIENT and row.get("rule") != "growth_undefined"
    if (unjudged or row["status"] == ACHIEVED) and share_gauge_figure(row, lang) is not None:
        return SHARE
    return VALUE


def _unjudged_reason(row: pd.Series, lang: str) -> str:
    """ "Not judged: baseline needed" and the like, in words (never "undefined")."""
    key = _SLIDE_REASON_WORDS.get(row.get("rule"), "reason.short_history")
    return t("card.not_judged", lang, reason=t(key, lang))


def _graph(row: pd.Series, figure: dict, kind: str) -> html.Div:
    # Hidden from screen readers: the card's sentence is the gauge's text equivalent.
    return html.Div(
        dcc.Graph(
            id={"type": "present-gauge", "index": row["indicator_id"]},
            figure=figure,
            config={"displayModeBar": False, "staticPlot": True, "responsive": True},
            className="present-graph",
        ),
        className=f"present-gauge present-gauge-{kind}",
        **{"aria-hidden": "true"},
    )


def _value_picture(row: pd.Series, lang: str, as_of: str) -> html.Div:
    """A growth target with one figure: the figure itself, large."""
    marker = stale_marker(row, lang, as_of)
    return html.Div(
        [
            html.P(t("card.latest", lang), className="present-value-label"),
            html.P(
                format_value(row["latest_value"], row["unit"], lang),
                className="present-value-number",
            ),
            html.P(
                [f"({period_text(row, lang)})", *([" ", marker] if marker else [])],
                className="present-value-period",
            ),
        ],
        className="present-gauge present-value",
    )


def _title(row: pd.Series, lang: str) -> html.H2:
    return html.H2(
        capitalised(short_name(row, lang)),
        className="present-card-title",
        title=indicator_name(row, lang),
    )


def _card(row: pd.Series, lang: str, kind: str, content: list) -> html.Article:
    """What every card has around its content, whatever its kind: the sentence screen readers
    get in place of the picture, the status colour on its border, and the data attributes
    (target, status, kind of picture) that say what it shows."""
    empty = " present-card-empty" if kind == EMPTY else ""
    return html.Article(
        [*content, html.P(text_equivalent(row, lang), className="visually-hidden")],
        className=f"present-card{empty} status-border-{row['status']}",
        **{
            "data-indicator": row["indicator_id"],
            "data-status": row["status"],
            "data-picture": kind,
        },
    )


def _empty_card(row: pd.Series, lang: str) -> html.Article:
    """A target without any data: a small card (name, "No data yet", the target)."""
    return _card(
        row,
        lang,
        EMPTY,
        [
            _title(row, lang),
            html.P(
                [
                    icon("bi-info-circle"),
                    " ",
                    t("card.no_data", lang),
                ],  # fmt: skip
                className="present-notice-line",
                **{"data-notice": "no_data"},
            ),
            html.P(
                [t("card.target", lang), t("present.list.colon", lang), target_text(row, lang)],
                className="present-empty-target",
            ),
        ],
    )


def slide_card(row: pd.Series, lang: str, as_of: str = "") -> html.Article:
    """One target on a slide: name, status (word, icon, colour), what is known in large (a
    gauge, the share of the target, or the value), latest value with its period and "stale"
    where old, and the target. A target without any data is a small card."""
    kind = picture_kind(row, lang)
    if kind == EMPTY:
        return _empty_card(row, lang)
    if kind == JUDGED:
        picture = _graph(row, slide_gauge_figure(row, lang), kind)
    elif kind == SHARE:
        picture = _graph(row, slide_share_figure(row, lang), kind)
    else:
        picture = _value_picture(row, lang, as_of)
    below = _unjudged_reason(row, lang) if row["status"] == INSUFFICIENT else None
    latest: list = []
    if kind != VALUE:  # (the value shown large already: not twice)
        latest = [html.Dt(t("card.latest", lang)), html.Dd(latest_with_age(row, lang, as_of))]
    return _card(
        row,
        lang,
        kind,
        [
            _title(row, lang),
            status_badge(row["status"], lang),
            picture,
            html.P(below, className="present-not-judged", **{"data-notice": row.get("rule")})
            if below
            else None,
            html.Dl(
                [*latest, html.Dt(t("card.target", lang)), html.Dd(target_text(row, lang))],
                className="present-facts",
            ),
        ],
    )


def slide_cards(rows: pd.DataFrame, lang: str, as_of: str) -> list:
    """The cards of a pillar slide: those with a figure in a grid (catalogue order), then the
    targets without any data as one strip of small cards."""
    shown, empty = [], []
    for _, row in rows.iterrows():
        (empty if picture_kind(row, lang) == EMPTY else shown).append(slide_card(row, lang, as_of))
    parts: list = []
    if shown:
        parts.append(html.Div(shown, className=f"present-grid present-grid-{min(len(shown), 5)}"))
    if empty:
        parts.append(
            html.Div(
                empty,
                className="present-empty" + (" present-empty-only" if not shown else ""),
                **{"aria-label": t("present.no_data_strip", lang)},
                role="group",
            )
        )
    return parts


def gauge_help(rows: pd.DataFrame, lang: str) -> str:
    """How to read the gauges on the slide (only the kinds it shows)."""
    kinds = {picture_kind(row, lang) for _, row in rows.iterrows()}
    parts = []
    if JUDGED in kinds:
        parts.append(t("present.gauge_help", lang))
    if SHARE in kinds:
        parts.append(t("present.share_help", lang))
    return " ".join(parts)
