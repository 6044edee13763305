"""Briefing ``/briefing?as_of=&pillar=&lang=``: the overview's picture as a printable document.

Laid out for A4 (``assets/briefing.css``): a cover with the view and a summary, then one section
per pillar, each starting a new page, with every target's status (word and icon), values,
gauge and numbered sources; then the method and the list of sources. There is no navigation
and nothing to click or type, so a browser's "Save as PDF" gives a clean document, and
``dashboard briefing`` renders this same page to PDF with headless Chromium.
"""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date

import dash
import pandas as pd
from dash import Dash, dcc, html

from ...core.catalogue import PILLAR_IDS
from ...core.progress import STATUSES
from ...core.values import is_missing
from ...i18n import normalise_language, t
from ...web import get_store
from ..cards import gauge_figure, indicator_name, period_text, target_text, text_equivalent
from ..components import valid_quarter
from ..format import (
    format_percent,
    format_period,
    format_value,
    pace_words,
    source_addresses,
)
from ..status import status_badge

PATH = "/briefing"
ROOT_ID = "briefing"
#: The gauge as printed: a fixed size (print layout must not depend on the screen's width).
GAUGE_WIDTH, GAUGE_HEIGHT = 200, 112
#: A static picture: no modebar, no hover, nothing to focus.
GAUGE_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": False}


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Briefing", title="Vision 2027 Tracker", layout=layout
    )


def layout(lang: str | None = None, as_of: str | None = None, pillar: str | None = None, **_):
    """The document for the URL's view, built once per data version and day."""
    lang = normalise_language(lang)
    pillar = pillar if pillar in PILLAR_IDS else None
    as_of = valid_quarter(as_of)
    today = date.today()
    store = get_store()
    return store.memoize(
        ("briefing", lang, as_of, pillar, today.isoformat()),
        lambda: _view(store, lang, as_of, pillar, today),
    )


# ----- sources: numbered once, cited by number ---------------------------------------------


class _Sources:
    """The document's sources in order of first citation (every target cites the plan document
    for its wording first, so the plan is [1])."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries: dict[str, int] = {}

    def cite(self, source: object) -> int | None:
        if not isinstance(source, str) or not source.strip():
            return None
        return self.entries.setdefault(source.strip(), len(self.entries) + 1)

    def label(self, source: str) -> str:
        """The source as published: each publication's name and its address."""
        return source


def _linked_text(text: str) -> list:
    """The text with each web address as a link (the PDF keeps them clickable)."""
    parts: list = []
    position = 0
    for address in source_addresses(text):
        start = text.find(address, position)
        if start < 0:
            continue
        if start > position:
            parts.append(text[position:start])
        parts.append(html.A(address, href=address, rel="noopener noreferrer"))
        position = start + len(address)
    if position < len(text):
        parts.append(text[position:])
    return parts


def _citation(number: int | None, lang: str) -> html.Span:
    if number is None:
        return html.Span(t("briefing.no_source", lang), className="briefing-muted")
    return html.Span(f"[{number}]", className="briefing-cite", **{"data-source": str(number)})


# ----- the cover: title, the view, summaries ------------------------------------------------


def _date_text(day: date, lang: str) -> str:
    return t("briefing.date", lang, year=day.year, month=day.month, day=day.day)


def _cover(lang: str, as_of: str, pillar: str | None, illustrative: bool, count: int, day: date):
    facts = [
        ("briefing.scope", t(f"pillar.{pillar or 'all'}", lang)),
        ("briefing.as_of", format_period(as_of, lang)),
        ("briefing.generated", _date_text(day, lang)),
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


def _illustrative_notice(lang: str) -> html.Div:
    return html.Div(
        [
            html.I(className="bi bi-info-circle-fill", **{"aria-hidden": "true"}),
            " ",
            t("banner.illustrative", lang),
        ],
        className="briefing-notice",
        role="note",
        id="briefing-illustrative",
    )


def _summary(progress: pd.DataFrame, pillars: list[str], lang: str) -> html.Section:
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


def _value(value: float, unit: str, lang: str) -> str:
    return "–" if is_missing(value) else format_value(value, unit, lang)


def _latest(row: pd.Series, lang: str) -> str:
    if is_missing(row["latest_value"]):
        return t("value.none", lang)
    return f"{format_value(row['latest_value'], row['unit'], lang)} ({period_text(row, lang)})"


def _glance(progress: pd.DataFrame, pillars: list[str], lang: str) -> html.Section:
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
                        html.Td(_latest(row, lang)),
                        html.Td(target_text(row, lang)),
                        html.Td(_value(row["expected_value"], row["unit"], lang)),
                        html.Td(_value(row["projected_value"], row["unit"], lang)),
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


# ----- one section per pillar ---------------------------------------------------------------


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
        [html.I(className="bi bi-info-circle", **{"aria-hidden": "true"}), " ", t(notice, lang)],
        className="briefing-gauge briefing-gauge-notice",
        **{"data-notice": notice.split(".")[1]},
    )


def _growth(row: pd.Series, lang: str) -> str | None:
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


def _target(row: pd.Series, lang: str, sources: _Sources) -> html.Article:
    indicator_id = row["indicator_id"]
    unit = row["unit"]
    facts = [
        ("card.latest", _latest(row, lang)),
        ("card.target", target_text(row, lang)),
        ("indicator.expected_now", _value(row["expected_value"], unit, lang)),
        ("card.projected", _value(row["projected_value"], unit, lang)),
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
                _citation(target_ref, lang),
                html.Span(" · "),
                t("briefing.cite_data", lang),
                " ",
                _citation(data_ref, lang),
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


def _pillar_section(pillar: str, rows: pd.DataFrame, lang: str, sources: _Sources) -> html.Section:
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
            *[_target(row, lang, sources) for _, row in rows.iterrows()],
        ],
        id=f"briefing-{pillar}",
        className="briefing-pillar",
        **{"aria-labelledby": heading_id, "data-pillar": pillar},
    )


# ----- the method and the sources -----------------------------------------------------------


def _method(lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(t("briefing.method_heading", lang), id="briefing-method-heading"),
            *[html.P(t(f"briefing.method.{part}", lang)) for part in ("ratio", "values", "paths")],
            html.P(t("overview.gauge_help", lang)),
            html.H3(t("briefing.status_heading", lang), id="briefing-status-heading"),
            html.Dl(
                [
                    item
                    for status in STATUSES
                    for item in (
                        html.Dt(status_badge(status, lang)),
                        html.Dd(t(f"briefing.status_rule.{status}", lang)),
                    )
                ],
                className="briefing-statuses",
            ),
            html.P(t("briefing.method.missing", lang)),
        ],
        className="briefing-method",
        id="briefing-method",
        **{"aria-labelledby": "briefing-method-heading"},
    )


def _source_list(sources: _Sources, lang: str) -> html.Section:
    items = []
    for source, number in sources.entries.items():
        content = _linked_text(sources.label(source))
        items.append(
            html.Li(
                [html.Span(f"[{number}]", className="briefing-cite"), " ", *content],
                **{"data-source": str(number)},
            )
        )
    return html.Section(
        [
            html.H2(t("briefing.sources_heading", lang), id="briefing-sources-heading"),
            html.P(t("briefing.sources_intro", lang)),
            html.Ol(items, className="briefing-sources-list"),
        ],
        className="briefing-sources",
        id="briefing-sources",
        **{"aria-labelledby": "briefing-sources-heading"},
    )


# ----- the document -------------------------------------------------------------------------


def _view(store, lang: str, as_of: str | None, pillar: str | None, today: date):
    progress = store.progress(as_of=as_of)
    as_of_label = progress.attrs["as_of"]
    illustrative = bool(progress.attrs.get("illustrative"))
    shown = progress if pillar is None else progress[progress["pillar"] == pillar]
    pillars = [p for p in PILLAR_IDS if (shown["pillar"] == p).any()]
    sources = _Sources(lang)
    sections = [_pillar_section(p, shown[shown["pillar"] == p], lang, sources) for p in pillars]
    return html.Div(
        html.Main(
            [
                _cover(lang, as_of_label, pillar, illustrative, len(shown), today),
                _illustrative_notice(lang) if illustrative else None,
                _summary(shown, pillars, lang),
                _glance(shown, pillars, lang),
                *sections,
                _method(lang),
                _source_list(sources, lang),
                html.Footer(
                    t(
                        "briefing.end",
                        lang,
                        as_of=format_period(as_of_label, lang),
                        date=_date_text(today, lang),
                    ),
                    className="briefing-end",
                ),
            ],
            id="main",
            className="briefing-page",
        ),
        id=ROOT_ID,
        className="briefing",
        lang="zh-CN" if lang == "zh" else "en",
        **{
            "data-as-of": as_of_label,
            "data-pillar": pillar or "all",
            "data-illustrative": "true" if illustrative else "false",
        },
    )
