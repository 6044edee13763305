"""The briefing's opening pages: the cover, the summary and every target at a glance.

A reader who stops after the first pages should still have the whole picture: the cover says
which view this is (scope, quarter, date made, how many targets, whether the data is
illustrative), the summary counts each pillar's targets by status, and one table lists every
target's status and figures before the pillar sections give the detail.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd
from dash import html

from ..core.progress import STATUSES
from ..i18n import t
from .briefing_targets import latest_text, value_text
from .cards import indicator_name, target_text
from .format import format_period
from .icons import icon
from .status import status_badge


def date_text(day: date, lang: str) -> str:
    """A day written out in the document's language (the cover and the closing line)."""
    return t("briefing.date", lang, year=day.year, month=day.month, day=day.day)


def cover(
    lang: str, as_of: str, pillar: str | None, illustrative: bool, count: int, day: date
) -> html.Header:
    """The title and the facts of the view: scope, quarter, date made, targets, data."""
    facts = [
        ("briefing.scope", t(f"pillar.{pillar or 'all'}", lang)),
        ("briefing.as_of", format_period(as_of, lang)),
        ("briefing.generated", date_text(day, lang)),
        ("briefing.targets", str(count)),
        (
            "briefing.data",
            t("briefing.data_illustrative" if illustrative else "briefing.data_published", lang),
        ),
    ]
    return html.Header(
        [
            html.P(
                [t("app.title", lang), html.Span(" · "), t("app.subtitle", lang)],
                className="briefing-kicker",
            ),
            html.H1(t("briefing.title", lang), id="briefing-title"),
            html.Dl(
                [
                    item
                    for key, value in facts
                    for item in (html.Dt(t(key, lang)), html.Dd(value, **{"data-fact": key}))
                ],
                className="briefing-meta",
                id="briefing-meta",
            ),
        ],
        className="briefing-cover",
    )


def illustrative_notice(lang: str) -> html.Div:
    """The warning printed under the cover when the figures are illustrative, not published."""
    return html.Div(
        [
            icon("bi-info-circle-fill"),
            " ",
            t("banner.illustrative", lang),
        ],
        className="briefing-notice",
        role="note",
        id="briefing-illustrative",
    )


def status_summary(progress: pd.DataFrame, pillars: list[str], lang: str) -> html.Section:
    """Per pillar, how many targets stand in each status (words and icons in the header)."""
    tally = Counter(zip(progress["pillar"], progress["status"], strict=True))
    rows = [
        html.Tr(
            [
                html.Th(t(f"pillar.{p}", lang), scope="row"),
                *[html.Td(tally[(p, s)] or "–") for s in STATUSES],
                html.Td(sum(tally[(p, s)] for s in STATUSES), className="briefing-total"),
            ],
            **{"data-pillar": p},
        )
        for p in pillars
    ]
    return html.Section(
        [
            html.H2(t("overview.summary_heading", lang), id="briefing-summary-heading"),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(t("col.pillar", lang), scope="col"),
                                *[html.Th(status_badge(s, lang), scope="col") for s in STATUSES],
                                html.Th(t("briefing.total", lang), scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="briefing-table briefing-summary",
                id="briefing-summary",
            ),
        ],
        **{"aria-labelledby": "briefing-summary-heading"},
    )


def glance_table(progress: pd.DataFrame, pillars: list[str], lang: str) -> html.Section:
    """Every target in one table, grouped by pillar: the figures a reader looks for first."""
    headers = ["col.indicator", "col.status", "col.latest", "col.target"]
    headers += ["indicator.expected_now", "card.projected"]
    body = []
    for pillar in pillars:
        body.append(
            html.Tr(
                html.Th(t(f"pillar.{pillar}", lang), colSpan=len(headers), scope="colgroup"),
                className="briefing-group",
            )
        )
        for _, row in progress[progress["pillar"] == pillar].iterrows():
            body.append(
                html.Tr(
                    [
                        html.Th(
                            [
                                indicator_name(row, lang),
                                html.Span(row["indicator_id"], className="briefing-id"),
                            ],
                            scope="row",
                        ),
                        html.Td(status_badge(row["status"], lang)),
                        html.Td(latest_text(row, lang)),
                        html.Td(target_text(row, lang)),
                        html.Td(value_text(row["expected_value"], row["unit"], lang)),
                        html.Td(value_text(row["projected_value"], row["unit"], lang)),
                    ],
                    **{"data-indicator": row["indicator_id"]},
                )
            )
    return html.Section(
        [
            html.H2(t("briefing.glance_heading", lang), id="briefing-glance-heading"),
            html.Table(
                [
                    html.Caption(t("briefing.glance_caption", lang)),
                    html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
                    html.Tbody(body),
                ],
                className="briefing-table briefing-glance",
                id="briefing-glance",
            ),
        ],
        **{"aria-labelledby": "briefing-glance-heading"},
    )
