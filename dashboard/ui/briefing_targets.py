"""The briefing's pillar sections: each target's status, figures, gauge and cited sources.

Each pillar starts a new printed page; under its heading and a tally of statuses, every target
gets one block with the figures a reader looks for (latest, target, expected now, projected,
growth), the card's gauge redrawn at a fixed print size and the numbers of its sources. The
overview's cards are built for a screen; these are built for paper, from the same helpers, so
both say the same thing.
"""

from __future__ import annotations

import copy
from collections import Counter

import pandas as pd
from dash import dcc, html

from ..core.catalogue import PILLAR_IDS
from ..core.progress import STATUSES
from ..core.values import is_missing
from ..i18n import t
from .briefing_sources import NumberedSources, citation
from .cards import gauge_figure, indicator_name, period_text, target_text, text_equivalent
from .format import format_percent, format_value, pace_words
from .icons import icon
from .status import status_badge

#: The gauge as printed: a fixed size (print layout must not depend on the screen's width).
GAUGE_WIDTH, GAUGE_HEIGHT = 200, 112
#: A static picture: no modebar, no hover, nothing to focus.
GAUGE_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": False}


def value_text(value: float, unit: str, lang: str) -> str:
    """A figure in its unit, or a dash when there is none."""
    return "–" if is_missing(value) else format_value(value, unit, lang)


def latest_text(row: pd.Series, lang: str) -> str:
    """The latest value with the period it is for, or the words for "no data yet"."""
    if is_missing(row["latest_value"]):
        return t("value.none", lang)
    return f"{format_value(row['latest_value'], row['unit'], lang)} ({period_text(row, lang)})"


def _print_gauge(row: pd.Series, lang: str):
    """The card's gauge at a fixed print size, as a static picture (or nothing to draw)."""
    figure = gauge_figure(row, lang) if row["status"] != "insufficient_data" else None
    if figure is None:
        return None
    figure = copy.deepcopy(figure)
    figure["layout"].update(
        width=GAUGE_WIDTH,
        height=GAUGE_HEIGHT,
        autosize=False,
        margin={"l": 34, "r": 38, "t": 10, "b": 4},
    )
    figure["data"][0]["number"]["font"] = {"size": 13}
    return dcc.Graph(
        id=f"briefing-gauge-{row['indicator_id']}",
        figure=figure,
        config=GAUGE_CONFIG,
        style={"width": f"{GAUGE_WIDTH}px", "height": f"{GAUGE_HEIGHT}px"},
    )


def _gauge_cell(row: pd.Series, lang: str) -> html.Div:
    """The gauge (hidden from screen readers: the sentence below says the same), or why not."""
    graph = _print_gauge(row, lang)
    if graph is not None:
        return html.Div(graph, className="briefing-gauge", **{"aria-hidden": "true"})
    if is_missing(row["latest_value"]):
        notice = "card.no_data"
    elif is_missing(row["baseline_value"]):
        notice = "card.baseline_needed"
    else:
        notice = "card.short_history"
    return html.Div(
        [icon("bi-info-circle"), " ", t(notice, lang)],
        className="briefing-gauge briefing-gauge-notice",
        **{"data-notice": notice.split(".")[1]},
    )


def _growth(row: pd.Series, lang: str) -> str | None:
    """Observed against required yearly growth, and the pace in words (if both are known)."""
    observed, required = row["cagr_observed"], row["cagr_required"]
    if is_missing(observed) or is_missing(required):
        return None
    text = t(
        "briefing.growth",
        lang,
        observed=format_percent(observed, lang),
        required=format_percent(required, lang),
    )
    if not is_missing(row["ratio"]):
        text += " " + t("briefing.ratio", lang, pace=pace_words(row["ratio"], lang))
    return text


def _target_article(row: pd.Series, lang: str, sources: NumberedSources) -> html.Article:
    """One target's block: heading and status, gauge, figures, sources and its sentence."""
    indicator_id = row["indicator_id"]
    unit = row["unit"]
    facts = [
        ("card.latest", latest_text(row, lang)),
        ("card.target", target_text(row, lang)),
        ("indicator.expected_now", value_text(row["expected_value"], unit, lang)),
        ("card.projected", value_text(row["projected_value"], unit, lang)),
    ]
    growth = _growth(row, lang)
    if growth:
        facts.append(("briefing.growth_label", growth))
    target_ref = sources.cite(row.get("target_source"))
    data_ref = sources.cite(row.get("source"))
    facts.append(
        (
            "briefing.sources_label",
            [
                t("briefing.cite_target", lang),
                " ",
                citation(target_ref, lang),
                html.Span(" · "),
                t("briefing.cite_data", lang),
                " ",
                citation(data_ref, lang),
            ],
        )
    )
    heading_id = f"briefing-target-{indicator_id}"
    return html.Article(
        [
            html.Div(
                [
                    html.H3(indicator_name(row, lang), id=heading_id),
                    html.Span(indicator_id, className="briefing-id"),
                    status_badge(row["status"], lang),
                ],
                className="briefing-target-head",
            ),
            html.Div(
                [
                    _gauge_cell(row, lang),
                    html.Dl(
                        [
                            item
                            for number, (key, value) in enumerate(facts)
                            for item in (
                                html.Dt(t(key, lang)),
                                # two figures a line; growth and sources take a whole line
                                html.Dd(value, className="briefing-wide" if number >= 4 else None),
                            )
                        ],
                        className="briefing-facts",
                    ),
                ],
                className="briefing-target-body",
            ),
            html.P(text_equivalent(row, lang), className="briefing-sentence"),
        ],
        className=f"briefing-target status-edge-{row['status']}",
        **{
            "data-indicator": indicator_id,
            "data-status": row["status"],
            "aria-labelledby": heading_id,
        },
    )


def pillar_section(
    pillar: str, rows: pd.DataFrame, lang: str, sources: NumberedSources
) -> html.Section:
    """A pillar's pages: its number and name, its tally of statuses, then every target
    (citing into ``sources``, which numbers each source at its first citation)."""
    number = PILLAR_IDS.index(pillar) + 1
    heading_id = f"briefing-heading-{pillar}"
    tally = Counter(rows["status"])
    return html.Section(
        [
            html.P(
                t("briefing.pillar_number", lang, number=number, total=len(PILLAR_IDS)),
                className="briefing-kicker",
            ),
            html.H2(
                t("briefing.pillar_heading", lang, number=number, name=t(f"pillar.{pillar}", lang)),
                id=heading_id,
            ),
            html.P(
                [
                    html.Span([status_badge(s, lang), f" {tally[s]}"], className="briefing-tally")
                    for s in STATUSES
                    if tally[s]
                ],
                className="briefing-tallies",
            ),
            *[_target_article(row, lang, sources) for _, row in rows.iterrows()],
        ],
        id=f"briefing-{pillar}",
        className="briefing-pillar",
        **{"aria-labelledby": heading_id, "data-pillar": pillar},
    )
