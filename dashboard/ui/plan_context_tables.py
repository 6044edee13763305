"""The plan page's context figures: published status figures with no 2027 target, by topic."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..i18n import t
from .components import page_url, source_links
from .context_words import (
    DEFAULT_SCOPE,
    FigureFlags,
    context_number,
    figure_flags,
    format_as_of,
    slug,
)

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


def context_tables(figures: pd.DataFrame, names: dict[str, str], lang: str) -> list:
    return [
        _topic_section(topic, figures[figures["topic"] == topic], names, lang)
        for topic in dict.fromkeys(figures["topic"])
    ]
