"""What one revision changed, a page of :data:`PAGE_SIZE` records at a time.

Read from the store a page at a time, so no revision is too large to show: a table of values
for the quarterly figures, of records and their fields for a corridor file, and links to the
pages before and after it.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.changes import OBSERVATIONS
from ..core.corridors import RECORD_KINDS
from ..i18n import t
from ..web import get_store
from .components import page_url
from .format import format_cell, format_period, format_value, record_key

#: Changed records shown per page of a revision.
PAGE_SIZE = 200


def _record_changes(changes: pd.DataFrame, dataset: str, lang: str) -> html.Table:
    """A corridor revision: each record's key, what happened, and every field it changed."""
    kind = RECORD_KINDS[dataset]
    headers = ["history.record", "history.change", "history.fields"]
    rows = []
    for _, r in changes.iterrows():
        key = record_key(r, kind.key)
        fields = []
        if r["change"] != "withdrawn":
            for column in kind.compared:
                old, new = format_cell(r[f"old_{column}"]), format_cell(r[f"new_{column}"])
                if old != new:
                    shown = new if r["change"] == "added" else f"{old} → {new}"
                    fields.append(html.Li([html.Code(column), f": {shown}"]))
        rows.append(
            html.Tr(
                [
                    html.Td(html.Code(key)),
                    html.Td(t(f"history.change.{r['change']}", lang)),
                    html.Td(html.Ul(fields, className="list-unstyled small mb-0")),
                ],
                **{"data-key": key, "data-change": r["change"]},
            )
        )
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
            html.Tbody(rows),
        ],
        className="table table-sm table-striped",
        id="revision-changes",
    )


def _observation_changes(changes: pd.DataFrame, lang: str) -> html.Table:
    units = get_store().indicators().set_index("indicator_id")["unit"]

    def shown(value, indicator_id) -> str:
        return "–" if pd.isna(value) else format_value(value, units[indicator_id], lang)

    headers = ["col.indicator", "obs.period", "history.change", "history.before", "history.after"]
    rows = [
        html.Tr(
            [
                html.Td(html.Code(r.indicator_id)),
                html.Td(format_period(r.period, lang)),
                html.Td(t(f"history.change.{r.change}", lang)),
                html.Td(shown(r.old_value, r.indicator_id)),
                html.Td("–" if r.change == "withdrawn" else shown(r.new_value, r.indicator_id)),
            ],
            **{"data-indicator": r.indicator_id, "data-change": r.change},
        )
        for r in changes.itertuples()
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
            html.Tbody(rows),
        ],
        className="table table-sm table-striped",
        id="revision-changes",
    )


def revision_changes_page(
    revision_id: int, lang: str, dataset: str, page: str | None, page_path: str
) -> list:
    """One page of the revision's changed records, with where it stands and links to the
    pages before and after it (only when there is more than one page); ``page_path`` is the
    history page's address, which those links point to."""
    store = get_store()
    total = store.revision_change_count(revision_id)
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(int(page) if page and page.isascii() and page.isdigit() else 1, 1), pages)
    offset = (number - 1) * PAGE_SIZE
    changes = store.revision_changes(revision_id, limit=PAGE_SIZE, offset=offset)
    if dataset == OBSERVATIONS.name:
        table = _observation_changes(changes, lang)
    else:
        table = _record_changes(changes, dataset, lang)
    if pages == 1:
        return [table]
    shown = t(
        "history.changes_range",
        lang,
        first=f"{offset + 1:,}",
        last=f"{offset + len(changes):,}",
        total=f"{total:,}",
    )

    def link(to: int, key: str, link_id: str) -> dcc.Link:
        href = page_url(page_path, lang=lang, revision=str(revision_id), page=str(to))
        return dcc.Link(t(key, lang), href=href, id=link_id, className="btn btn-outline-secondary")

    links = []
    if number > 1:
        links.append(link(number - 1, "history.changes_previous", "changes-previous"))
    if number < pages:
        links.append(link(number + 1, "history.changes_next", "changes-next"))
    paging = html.Nav(
        links,
        id="changes-paging",
        className="d-flex gap-2 mb-3",
        **{"aria-label": t("history.changes_paging", lang)},
    )
    return [html.P(shown, id="changes-range", className="small", role="status"), table, paging]
