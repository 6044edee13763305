"""The list of every revision on the history page, newest first, the one shown marked.

Apart from the page because a rollback draws it again (inside ``revisions-list``) as well as
the layout; both must give the same table.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..i18n import t
from .china_time import china_time_element
from .components import page_url


def revisions_table(
    revisions: pd.DataFrame, lang: str, selected: int | None, page_path: str
) -> html.Table:
    """The list of revisions (inside ``revisions-list``, which a rollback draws again); each
    links to its own view at ``page_path``, the history page's address."""
    headers = [
        "history.revision",
        "history.when",
        "history.who",
        "history.action",
        "history.dataset",
        "history.file",
        "history.counts",
        "history.status",
    ]
    rows = []
    for row in revisions.itertuples():
        what = (
            t("history.rollback_of", lang, revision=int(row.rolls_back))
            if row.action == "rollback"
            else row.file_name or "–"
        )
        rows.append(
            html.Tr(
                [
                    html.Td(
                        dcc.Link(
                            str(row.revision_id),
                            href=page_url(page_path, lang=lang, revision=str(row.revision_id)),
                        )
                    ),
                    html.Td(china_time_element(row.created_at, lang), className="text-nowrap"),
                    html.Td(row.user_name),
                    html.Td(t(f"history.action.{row.action}", lang)),
                    html.Td(t(f"upload.dataset.{row.dataset}", lang)),
                    html.Td(what),
                    html.Td(
                        t(
                            "history.counts_text",
                            lang,
                            added=row.added,
                            replaced=row.replaced,
                            unchanged=row.unchanged,
                            withdrawn=row.withdrawn,
                        )
                    ),
                    html.Td(t(f"history.status.{row.status}", lang)),
                ],
                className="table-active" if row.revision_id == selected else None,
                **{"data-revision": str(row.revision_id), "data-status": row.status},
            )
        )
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [html.Th(t(h, lang), scope="col", className="text-nowrap") for h in headers]
                )
            ),
            html.Tbody(rows),
        ],
        className="table table-sm table-hover",
        id="revisions",
    )
