"""The plan ``/plan``: the structure of the plan document as a readable page, every figure with
its source.

One overall goal; the four functional goals (the tracker's pillars) with their indicators from
the catalogue; the Pilot Free Trade Zone's "1135" plan; and the context figures of
``data/context_figures.csv`` (published status figures with no 2027 target).
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Dash, dcc, html

from ...core.catalogue import PILLARS
from ...core.sources import PLAN_SOURCE
from ...i18n import catalogue, normalise_language, t
from ...store.reference import context_figures
from ...web import get_store
from .. import prose
from ..cards import target_text
from ..components import page_shell, page_url, source_links
from ..context_words import (
    DEFAULT_SCOPE,
    FigureFlags,
    context_number,
    figure_flags,
    format_as_of,
    slug,
)
from ..format import format_period

PATH = "/plan"
#: The page's prose: dashboard/content/plan.<lang>.md.
DOCUMENT = "plan"
#: The plan's counts that are not in the catalogue (its "Vision 2027" section).
OVERALL_GOALS = 1
KEY_TASKS = 12
SIGNIFICANT_LEAPS = 4


def register(app: Dash | None = None) -> None:
    """Register the page (it has no callbacks, so ``app`` is not needed)."""
    dash.register_page(__name__, path=PATH, name="Plan", title="Vision 2027 Tracker", layout=layout)


def _source_line(source: str, lang: str) -> html.P:
    return html.P(
        [t("col.source", lang), t("plan.separator", lang), source_links(source, lang)],
        className="small text-muted mb-0",
    )


# ----- overall goal ---------------------------------------------------------------------------


def _glance(lang: str, targets: int) -> html.Ul:
    items = (
        (OVERALL_GOALS, "plan.glance.goal"),
        (len(PILLARS), "plan.glance.functional"),
        (targets, "plan.glance.targets"),
        (KEY_TASKS, "plan.glance.tasks"),
        (SIGNIFICANT_LEAPS, "plan.glance.leaps"),
    )
    return html.Ul(
        [
            html.Li(
                [html.Span(str(count), className="glance-number"), html.Span(t(key, lang))],
                className="glance-item",
            )
            for count, key in items
        ],
        className="list-unstyled plan-glance",
        **{"aria-label": t("plan.glance.label", lang)},
    )


# ----- the four functional goals --------------------------------------------------------------


def _quote(pillar: str, text: str, source: str, lang: str) -> html.Figure:
    """The plan's sentence: verbatim in English; in Chinese a marked translation, original kept."""
    caption = html.Figcaption(["— ", source_links(source, lang)], className="small text-muted")
    key = f"plan.quote.{pillar}"
    # The translation is shown only while its English key still matches the catalogue's text.
    if lang == "en" or key not in catalogue(lang) or t(key, "en") != text:
        return html.Figure(
            [html.Blockquote(html.P(text, className="mb-0"), lang="en"), caption],
            className="plan-quote",
        )
    return html.Figure(
        [
            html.Blockquote(
                [
                    html.P(
                        [
                            html.Span(
                                t("plan.quote.translation", lang) + t("plan.separator", lang),
                                className="fw-semibold",
                            ),
                            t(key, lang),
                        ],
                        className="mb-1",
                    ),
                    html.Details(
                        [
                            html.Summary(t("plan.quote.original", lang), className="small"),
                            html.P(text, lang="en", className="small mb-0"),
                        ]
                    ),
                ]
            ),
            caption,
        ],
        className="plan-quote",
    )


def _indicator_row(row: pd.Series, lang: str) -> html.Tr:
    name = row["name_zh"] if lang == "zh" else row["name_en"]
    indicator_id = row["indicator_id"]
    return html.Tr(
        [
            html.Th(
                [
                    dcc.Link(name, href=page_url(f"/indicator/{indicator_id}", lang=lang)),
                    html.Br(),
                    html.Code(indicator_id, className="small"),
                ],
                scope="row",
            ),
            html.Td(t(f"plan.kind.{row['kind']}", lang), className="d-none d-md-table-cell"),
            html.Td(target_text(row, lang), className="text-nowrap"),
            html.Td(format_period(row["baseline_period"], lang)),
        ],
        **{"data-indicator": indicator_id},
    )


def _indicator_table(number: int, name: str, rows: pd.DataFrame, lang: str) -> html.Div:
    columns = ("col.indicator", "plan.col.kind", "col.target", "plan.col.baseline")
    return html.Div(
        html.Table(
            [
                html.Caption(
                    t("plan.pillar.caption", lang, number=number, name=name),
                    className="visually-hidden",
                ),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(
                                t(c, lang),
                                scope="col",
                                className="d-none d-md-table-cell"
                                if c == "plan.col.kind"
                                else None,
                            )
                            for c in columns
                        ]
                    )
                ),
                html.Tbody([_indicator_row(row, lang) for _, row in rows.iterrows()]),
            ],
            className="table table-sm align-middle plan-targets",
        ),
        className="table-responsive",
    )


def _pillar_section(number: int, pillar, rows: pd.DataFrame, lang: str) -> html.Section:
    name = pillar.name_zh if lang == "zh" else pillar.name_en
    anchor = f"plan-pillar-{pillar.id}"
    quotes = [
        _quote(pillar.id, text, source, lang)
        for text, source in dict.fromkeys(
            zip(rows["target_text"], rows["target_source"], strict=True)
        )
    ]
    body = (
        [*quotes, _indicator_table(number, name, rows, lang)]
        if len(rows)
        else [html.P(t("plan.pillar.none", lang), className="text-muted")]
    )
    return html.Section(
        [
            html.H3(
                t("plan.pillar.heading", lang, number=number, name=name),
                id=anchor,
                className="h5 mt-4",
            ),
            *body,
        ],
        **{"aria-labelledby": anchor, "data-pillar-section": pillar.id},
    )


def _pillar_sections(indicators: pd.DataFrame, lang: str) -> list[html.Section]:
    return [
        _pillar_section(number, pillar, indicators[indicators["pillar"] == pillar.id], lang)
        for number, pillar in enumerate(PILLARS, start=1)
    ]


# ----- context figures ------------------------------------------------------------------------


def _figure_value(row: pd.Series, flags: FigureFlags, lang: str) -> list:
    text = context_number(float(row["value"]), row["unit"], lang)
    if flags.qualifier:
        text = t(f"plan.value.{flags.qualifier}", lang, value=text)
    parts: list = [html.Span(text, className="text-nowrap")]
    if flags.qualifier == "over":
        parts += [
            " ",
            html.Span(
                t("plan.flag.lower_bound", lang),
                className="badge text-bg-light border lower-bound",
            ),
        ]
    if flags.year_on_year:
        rate = flags.year_on_year.lstrip("+") + "%"
        rate = f"+{rate}" if flags.year_on_year.startswith("+") else rate.replace("-", "\u2212")
        parts += [html.Br(), html.Span(t("plan.flag.yoy", lang, rate=rate), className="small")]
    return parts


def _related(flags: FigureFlags, names: dict[str, str], lang: str) -> list:
    known = [i for i in flags.related if i in names]
    if not known:
        return []
    links: list = []
    for indicator_id in known:
        if links:
            links.append("、" if lang == "zh" else "; ")
        links.append(
            dcc.Link(names[indicator_id], href=page_url(f"/indicator/{indicator_id}", lang=lang))
        )
    label = t("plan.flag.related", lang) + t("plan.separator", lang)
    return [html.Div([label, *links], className="small related")]


def _figure_row(row: pd.Series, names: dict[str, str], lang: str) -> html.Tr:
    flags = figure_flags(row)
    label = row["label_zh"] if lang == "zh" else row["label_en"]
    as_of = format_as_of(row["as_of"], lang)
    if flags.date_approximate:
        as_of = t("plan.as_of.about", lang, date=as_of)
    shown_scope = row["scope"] and row["scope"] != DEFAULT_SCOPE
    scope = t(f"plan.scope.{slug(row['scope'])}", lang) if shown_scope else None
    confidence = row["confidence"]
    return html.Tr(
        [
            html.Th(
                [
                    html.Div(label),
                    html.Div(t("plan.scope", lang, scope=scope), className="small text-muted")
                    if scope
                    else None,
                    *_related(flags, names, lang),
                ],
                scope="row",
            ),
            html.Td(_figure_value(row, flags, lang)),
            html.Td(as_of),
            html.Td(source_links(row["source"], lang)),
            html.Td(
                t(f"plan.confidence.{slug(confidence)}", lang) if confidence else "–",
                className="d-none d-md-table-cell",
            ),
        ],
        **{"data-figure": row["figure_id"]},
    )


def _topic_section(topic: str, rows: pd.DataFrame, names: dict[str, str], lang: str):
    anchor = f"plan-context-{topic}"
    name = t(f"plan.topic.{topic}", lang)
    columns = ("plan.col.figure", "plan.col.value", "plan.col.as_of", "col.source")
    header = [html.Th(t(c, lang), scope="col") for c in columns] + [
        html.Th(t("plan.col.confidence", lang), scope="col", className="d-none d-md-table-cell")
    ]
    return html.Section(
        [
            html.H3(name, id=anchor, className="h5 mt-4"),
            html.Div(
                html.Table(
                    [
                        html.Caption(
                            t("plan.context.caption", lang, topic=name),
                            className="visually-hidden",
                        ),
                        html.Thead(html.Tr(header)),
                        html.Tbody([_figure_row(row, names, lang) for _, row in rows.iterrows()]),
                    ],
                    className="table table-sm align-middle context-table",
                ),
                className="table-responsive",
            ),
        ],
        **{"aria-labelledby": anchor, "data-topic": topic},
    )


def _context_tables(figures: pd.DataFrame, names: dict[str, str], lang: str) -> list:
    return [
        _topic_section(topic, figures[figures["topic"] == topic], names, lang)
        for topic in dict.fromkeys(figures["topic"])
    ]


# ----- the page ---------------------------------------------------------------------------------

#: What the page's Markdown may name; the values are built per view by :func:`placeholders`.
PLACEHOLDERS = frozenset(
    {"glance", "plan_source", "pillar_sections", "context_badge", "figure_count", "context_tables"}
)


def placeholders(lang: str, indicators: pd.DataFrame, figures: pd.DataFrame) -> dict[str, object]:
    name_column = "name_zh" if lang == "zh" else "name_en"
    names = dict(zip(indicators["indicator_id"], indicators[name_column], strict=True))
    return {
        "glance": _glance(lang, len(indicators)),
        "plan_source": _source_line(PLAN_SOURCE, lang),
        "pillar_sections": _pillar_sections(indicators, lang),
        "context_badge": html.Span(
            t("plan.context.badge", lang), className="badge text-bg-secondary align-middle fs-6"
        ),
        "figure_count": t("plan.context.count", lang, count=len(figures)),
        "context_tables": _context_tables(figures, names, lang),
    }


def layout(lang: str | None = None, **_):
    lang = normalise_language(lang)
    values = placeholders(lang, get_store().indicators(), context_figures())
    return page_shell(lang, PATH, prose.render(DOCUMENT, lang, values))
