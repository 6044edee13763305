"""The observations behind an indicator's series, one row per period: value, basis, source,
confidence and the revision that recorded it.

The table a reader checks the chart against; it depends on nothing else of the page.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from ..i18n import t
from .components import source_links
from .format import format_period, format_value


def observations_section(observations: pd.DataFrame, unit: str, lang: str) -> html.Section:
    """The observations table under its heading, or a note when there are none."""
    if observations.empty:
        content = html.P(t("indicator.no_observations", lang), className="text-muted")
    else:
        rows = [
            html.Tr(
                [
                    html.Td(format_period(r["period"], lang)),
                    html.Td(t(f"basis.{r['basis']}", lang)),
                    html.Td(format_value(r["value"], unit, lang), className="text-end"),
                    html.Td(source_links(r["source"], lang)),
                    html.Td(r["confidence"] or "–"),
                    html.Td(str(r["revision_id"]), className="text-end"),
                ],
                **{"data-period": r["period"]},
            )
            for _, r in observations.iterrows()
        ]
        headers = [
            "obs.period",
            "obs.basis",
            "obs.value",
            "col.source",
            "obs.confidence",
            "obs.revision",
        ]
        content = html.Div(
            html.Table(
                [
                    html.Caption(
                        t("indicator.observations_caption", lang), className="visually-hidden"
                    ),
                    html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
                    html.Tbody(rows),
                ],
                className="table table-sm table-striped",
                id="observations",
            ),
            className="table-responsive",
        )
    return html.Section(
        [
            html.H2(t("indicator.observations", lang), className="h5", id="observations-heading"),
            content,
        ],
        className="mb-4",
        **{"aria-labelledby": "observations-heading"},
    )
