"""The context figures of an indicator page: published figures on a target's subject that are
not its measure, and why a target with an ambiguous measure is left unjudged.

Apart from the page because nothing here feeds the status: it reads ``data/context_figures.csv``
and words its figures as the plan page does (whose helpers it borrows), not the engine's rows.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from ..i18n import catalogue, t
from ..store.reference import context_figures
from .components import source_links
from .context_words import DEFAULT_SCOPE, context_number, figure_flags, format_as_of, slug


def _context_value(row: pd.Series, lang: str) -> str:
    """The figure in the plan page's words, with its qualifier ("over", "about", "nearly")."""
    text = context_number(float(row["value"]), row["unit"], lang)
    qualifier = figure_flags(row).qualifier
    return t(f"plan.value.{qualifier}", lang, value=text) if qualifier else text


def context_section(indicator_id: str, lang: str) -> html.Section | None:
    """Published figures on this target's subject that are not its measure (the rows of
    ``data/context_figures.csv`` that name it), and why a target with an ambiguous measure is
    left unjudged. Nothing here feeds the status."""
    figures = context_figures()
    figures = figures[figures["indicator_id"] == indicator_id]
    note_key = f"indicator.context.note.{indicator_id}"
    note = t(note_key, lang) if note_key in catalogue(lang) else None
    if figures.empty and note is None:
        return None
    rows = []
    for _, r in figures.iterrows():
        scope = r["scope"] if r["scope"] and r["scope"] != DEFAULT_SCOPE else None
        rows.append(
            html.Tr(
                [
                    html.Th(
                        [
                            html.Div(r["label_zh"] if lang == "zh" else r["label_en"]),
                            html.Div(
                                t("plan.scope", lang, scope=t(f"plan.scope.{slug(scope)}", lang)),
                                className="small text-muted",
                            )
                            if scope
                            else None,
                        ],
                        scope="row",
                    ),
                    html.Td(_context_value(r, lang), className="text-nowrap"),
                    html.Td(format_as_of(r["as_of"], lang)),
                    html.Td(source_links(r["source"], lang)),
                    html.Td(
                        t(f"plan.confidence.{slug(r['confidence'])}", lang)
                        if r["confidence"]
                        else "–"
                    ),
                ],
                **{"data-figure": r["figure_id"]},
            )
        )
    headers = ("plan.col.figure", "plan.col.value", "plan.col.as_of", "col.source")
    table = html.Div(
        html.Table(
            [
                html.Caption(t("indicator.context.caption", lang), className="visually-hidden"),
                html.Thead(
                    html.Tr(
                        [html.Th(t(h, lang), scope="col") for h in headers]
                        + [html.Th(t("plan.col.confidence", lang), scope="col")]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm align-middle",
            id="context-figures",
        ),
        className="table-responsive",
    )
    return html.Section(
        [
            html.H2(t("indicator.context.heading", lang), className="h5", id="context-heading"),
            html.P(note, id="context-note", className="alert alert-secondary") if note else None,
            html.P(t("indicator.context.intro", lang), className="small text-muted"),
            table if rows else None,
        ],
        className="mb-4",
        id="context",
        **{"aria-labelledby": "context-heading"},
    )
