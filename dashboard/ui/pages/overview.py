"""Overview ``/``: every 2027 target with its latest value, target and status."""

from __future__ import annotations

import math

import dash
import pandas as pd
from dash import html

from ...core.catalogue import PILLAR_IDS
from ...i18n import normalise_language, t
from ...web import get_store
from ..components import header, illustrative_banner
from ..format import format_percent, format_period, format_value, source_addresses
from ..status import status_badge


def register() -> None:
    dash.register_page(
        __name__, path="/", name="Overview", title="Vision 2027 Tracker", layout=layout
    )


def _target_text(row: pd.Series, lang: str) -> str:
    qualifier = row["target_qualifier"] or ""
    if row["kind"] == "growth":
        rate = format_percent(row["target_growth"], lang, signed=False)
        return t(f"target.growth.{qualifier}", lang, rate=rate)
    target = format_value(row["target_value"], row["unit"], lang)
    return t(f"target.qualifier.{qualifier}", lang, target=target)


def _period_text(row: pd.Series, lang: str) -> str:
    """``2025`` for a full-year figure, else the quarter (``2025Q3``), in the reader's style."""
    period = row["latest_period"]
    if not isinstance(period, str):
        return "–"
    return format_period(period[:4] if row.get("latest_is_year") else period, lang)


def _source_cell(source: object, lang: str):
    """Links to each published address (a source may list several), or the seed named."""
    if not isinstance(source, str) or not source:
        return "–"
    if source.startswith("seeds/"):
        seed = source.split("/")[-1].split("_")[0]
        return html.Span(t("source.seed", lang, seed=seed), className="small", title=source)
    addresses = source_addresses(source)
    if not addresses:
        return html.Span(source, className="small text-muted")
    links = []
    for number, address in enumerate(addresses, start=1):
        label = t("source.link", lang) + (f" {number}" if len(addresses) > 1 else "")
        links += [
            " " if links else "",
            html.A(label, href=address, title=address, rel="noopener noreferrer", target="_blank"),
        ]
    return html.Span(links)


def _row(row: pd.Series, lang: str) -> html.Tr:
    name = row["name_zh"] if lang == "zh" else row["name_en"]
    has_value = not (isinstance(row["latest_value"], float) and math.isnan(row["latest_value"]))
    latest = (
        format_value(row["latest_value"], row["unit"], lang) if has_value else t("value.none", lang)
    )
    return html.Tr(
        [
            html.Th(
                [html.Div(name), html.Code(row["indicator_id"], className="small")], scope="row"
            ),
            html.Td(t(f"pillar.{row['pillar']}", lang), className="d-none d-lg-table-cell"),
            html.Td(latest),
            html.Td(_period_text(row, lang)),
            html.Td(_target_text(row, lang)),
            html.Td(status_badge(row["status"], lang)),
            html.Td(_source_cell(row["source"], lang)),
        ],
        **{"data-indicator": row["indicator_id"]},
    )


def layout(lang: str | None = None, as_of: str | None = None, pillar: str | None = None, **_):
    lang = normalise_language(lang)
    store = get_store()
    pillar = pillar if pillar in PILLAR_IDS else None
    progress = store.progress(as_of=as_of, pillar=pillar)
    catalogue = store.indicators()[["indicator_id", "name_en", "name_zh", "target_qualifier"]]
    table = progress.merge(catalogue, on="indicator_id", how="left")
    as_of_label = progress.attrs["as_of"]
    illustrative = bool(store.current_observations()["illustrative"].any())
    headers = [
        t(k, lang)
        for k in (
            "col.indicator",
            "col.pillar",
            "col.latest",
            "col.period",
            "col.target",
            "col.status",
            "col.source",
        )
    ]
    return html.Div(
        [
            header(lang, "/", as_of=as_of, pillar=pillar),
            html.Main(
                [
                    illustrative_banner(lang) if illustrative else None,
                    html.H1(t("overview.heading", lang), className="h3 mt-3"),
                    html.P(
                        t("overview.as_of", lang, as_of=format_period(as_of_label, lang)),
                        className="text-muted",
                        id="as-of-label",
                    ),
                    html.Div(
                        html.Table(
                            [
                                html.Caption(
                                    t(
                                        "overview.table_caption",
                                        lang,
                                        as_of=format_period(as_of_label, lang),
                                    ),
                                    className="visually-hidden",
                                ),
                                html.Thead(
                                    html.Tr(
                                        [
                                            html.Th(
                                                h,
                                                scope="col",
                                                className="d-none d-lg-table-cell"
                                                if i == 1
                                                else None,
                                            )
                                            for i, h in enumerate(headers)
                                        ]
                                    )
                                ),
                                html.Tbody([_row(r, lang) for _, r in table.iterrows()]),
                            ],
                            className="table table-hover align-middle",
                            id="progress-table",
                        ),
                        className="table-responsive",
                    ),
                ],
                id="main",
                className="container-xl",
            ),
        ],
        lang="zh-CN" if lang == "zh" else "en",
    )
