"""The latest reach of the corridors the growth slider does not show, as a small table.

The slider follows one corridor (:data:`.corridor_frames.GROWTH_CORRIDOR`); when staff gave
snapshots of others, the corridor page lists the latest of each here, below the chart.
"""

from __future__ import annotations

import math

from dash import html

from ..core.corridors import COUNT_COLUMNS as COUNTS
from ..i18n import t
from .components import source_links
from .corridor_maps import GROWTH_CORRIDOR, reach_frame


def other_corridors(lang: str) -> html.Div | None:
    """The latest snapshot of each corridor other than the slider's, when staff gave any."""
    every = reach_frame(corridor=None)
    others = every[every["corridor"] != GROWTH_CORRIDOR].groupby("corridor").tail(1)
    if others.empty:
        return None
    header = [t("corridors.col.corridor", lang), t("corridors.col.as_of", lang)]
    header += [t(f"corridors.count.{c}", lang) for c in COUNTS] + [t("col.source", lang)]
    rows = [
        html.Tr(
            [
                html.Th(t(f"corridors.name.{row['corridor']}", lang), scope="row"),
                html.Td(row["as_of"]),
                *[html.Td("–" if math.isnan(row[c]) else f"{int(row[c]):,}") for c in COUNTS],
                html.Td(source_links(row["source"], lang)),
            ]
        )
        for _, row in others.iterrows()
    ]
    return html.Div(
        [
            html.H3(t("corridors.other_heading", lang), className="h6 mt-3"),
            html.Table(
                [html.Thead(html.Tr([html.Th(h, scope="col") for h in header])), html.Tbody(rows)],
                className="table table-sm small",
                id="other-corridors",
            ),
        ],
        className="table-responsive",
    )
