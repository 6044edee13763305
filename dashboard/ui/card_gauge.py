"""The gauge block of an indicator card: the gauge, the share of the target, or what is missing."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.values import is_missing
from ..i18n import t
from .charts import gauge_config
from .format import format_percent, format_value
from .gauge_figures import gauge_figure, share_gauge_figure
from .icons import icon

GAUGE_TYPE = "indicator-gauge"


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


def gauge_or_notice(row: pd.Series, lang: str, as_of: str | None = None):
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
                        icon("bi-info-circle", "me-1"),
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
        [icon("bi-info-circle", "me-1"), t(notice, lang)],
        className="gauge-notice",
        **{"data-notice": notice.split(".")[1]},
    )
