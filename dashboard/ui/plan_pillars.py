"""The plan page's four functional goals: each pillar's quoted sentence and its targets."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.catalogue import PILLARS
from ..i18n import catalogue, t
from .cards import target_text
from .components import page_url, source_links
from .format import format_period

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


def pillar_sections(indicators: pd.DataFrame, lang: str) -> list[html.Section]:
    return [
        _pillar_section(number, pillar, indicators[indicators["pillar"] == pillar.id], lang)
        for number, pillar in enumerate(PILLARS, start=1)
    ]
