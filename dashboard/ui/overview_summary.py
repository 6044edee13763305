"""The overview's summary: per pillar, how many targets are in each status."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from dash import html

from ..core.catalogue import PILLAR_IDS
from ..core.progress import STATUSES
from ..i18n import t
from .status import status_badge


def summary(progress: pd.DataFrame, lang: str) -> html.Section:
    """Per pillar, how many targets are in each status (a table: readable without colour)."""
    # Fifteen rows: plain counting beats a crosstab by milliseconds on every view change.
    tally = Counter(zip(progress["pillar"], progress["status"], strict=True))
    counts = pd.DataFrame(
        [[tally[(p, s)] for s in STATUSES] for p in PILLAR_IDS], index=PILLAR_IDS, columns=STATUSES
    )
    counts = counts[counts.sum(axis=1) > 0]
    rows = []
    for pillar in [p for p in PILLAR_IDS if p in counts.index]:
        cells = [html.Td(int(counts.loc[pillar, s]) or "–") for s in STATUSES]
        rows.append(
            html.Tr(
                [html.Th(t(f"pillar.{pillar}", lang), scope="row"), *cells],
                **{"data-pillar": pillar},
            )
        )
    compact = html.Ul(
        [
            html.Li(
                [
                    html.Strong(t(f"pillar.{pillar}", lang)),
                    html.Div(
                        [
                            html.Span(
                                [status_badge(s, lang), f" {int(counts.loc[pillar, s])}"],
                                className="me-3 text-nowrap",
                            )
                            for s in STATUSES
                            if counts.loc[pillar, s]
                        ],
                        className="d-flex flex-wrap small",
                    ),
                ],
                className="mb-2",
            )
            for pillar in [p for p in PILLAR_IDS if p in counts.index]
        ],
        className="list-unstyled d-md-none",
        id="pillar-summary-compact",
    )
    return html.Section(
        [
            html.H2(t("overview.summary_heading", lang), className="h5", id="summary-heading"),
            compact,
            html.Div(
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [html.Th(t("col.pillar", lang), scope="col")]
                                + [html.Th(status_badge(s, lang), scope="col") for s in STATUSES]
                            )
                        ),
                        html.Tbody(rows),
                    ],
                    className="table table-sm summary-table mb-0",
                    id="pillar-summary",
                ),
                className="table-responsive d-none d-md-block",
            ),
        ],
        className="mb-4",
        **{"aria-labelledby": "summary-heading"},
    )
