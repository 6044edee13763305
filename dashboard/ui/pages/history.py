"""History ``/history`` (staff): every revision, what it changed, its raw file, and rollback.

Rollback (administrators) writes a new revision restoring the earlier values; nothing is
deleted, and the history lists the rollback too. The rollback callback checks the role itself.

A revision's changes are shown a page of :data:`PAGE_SIZE` records at a time (``?page=``), read
from the store a page at a time, so no revision is too large to show (or to roll back).
"""

from __future__ import annotations

from typing import TypedDict

import dash
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html

from ...auth import current_account, has_role, require_role
from ...core.changes import OBSERVATIONS
from ...core.corridors import RECORD_KINDS
from ...i18n import normalise_language, t
from ...store.repository import RollbackConflict
from ...web import get_store
from ..components import page_shell, page_url
from ..format import format_cell, format_period

PATH = "/history"
#: Changed records shown per page of a revision.
PAGE_SIZE = 200


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="History", title="Vision 2027 Tracker", layout=layout
    )
    app.callback(
        Output("rollback-outcome", "children"),
        Input("rollback-button", "n_clicks"),
        State("rollback-target", "data"),
        prevent_initial_call=True,
    )(roll_back)


class RollbackTarget(TypedDict):
    """The data of ``rollback-target``: the revision shown and the page's language."""

    revision: int | None
    lang: str


def roll_back(n_clicks, target: RollbackTarget | None):
    """Undo one revision (administrators only; checked here, on the server)."""
    user = require_role("admin")
    if not n_clicks or not target or target.get("revision") is None:
        return dash.no_update
    lang = target["lang"]
    try:
        result = get_store().rollback(int(target["revision"]), user.name)
    except RollbackConflict as exc:
        return html.Div(
            t("history.rollback_refused", lang, reason=exc.message(lang)),
            className="alert alert-warning",
            role="status",
            id="rollback-message",
        )
    return html.Div(
        [
            t("history.rolled_back", lang, revision=target["revision"], new=result.revision_id),
            " ",
            dcc.Link(
                t("history.show_new", lang),
                href=page_url(PATH, lang=lang, revision=str(result.revision_id)),
            ),
        ],
        className="alert alert-success",
        role="status",
        id="rollback-message",
    )


def _when(moment) -> str:
    return pd.Timestamp(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else "–"


def _revisions_table(revisions: pd.DataFrame, lang: str, selected: int | None) -> html.Div:
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
                            href=page_url(PATH, lang=lang, revision=str(row.revision_id)),
                        )
                    ),
                    html.Td(_when(row.created_at)),
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
    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in headers])),
                html.Tbody(rows),
            ],
            className="table table-sm table-hover",
            id="revisions",
        ),
        className="table-responsive",
    )


def _record_changes(changes: pd.DataFrame, dataset: str, lang: str) -> html.Table:
    """A corridor revision: each record's key, what happened, and every field it changed."""
    kind = RECORD_KINDS[dataset]
    headers = ["history.record", "history.change", "history.fields"]
    rows = []
    for _, r in changes.iterrows():
        key = " · ".join(format_cell(r[k]) for k in kind.key)
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


def _changes(revision_id: int, lang: str, dataset: str, page: str | None) -> list:
    """One page of the revision's changed records, with where it stands and links to the
    pages before and after it (only when there is more than one page)."""
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
        href = page_url(PATH, lang=lang, revision=str(revision_id), page=str(to))
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


def _observation_changes(changes: pd.DataFrame, lang: str) -> html.Table:
    units = get_store().indicators().set_index("indicator_id")["unit"]
    from ..format import format_value

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


def _selected(revision: dict, lang: str, page: str | None = None) -> html.Section:
    revision_id = int(revision["revision_id"])
    parts: list = [
        html.H2(
            t("history.revision_heading", lang, revision=revision_id),
            className="h5",
            id="revision-heading",
        ),
        html.P(
            t(
                "history.meta",
                lang,
                who=revision["user_name"],
                dataset=t(f"upload.dataset.{revision.get('dataset') or 'observations'}", lang),
                when=_when(revision["created_at"]),
                sha=(revision["sha256"] or "–")[:16],
            ),
            className="small text-muted",
        ),
    ]
    if revision.get("file_name") and revision["action"] != "rollback":
        parts.append(
            html.P(
                html.A(
                    t("history.raw_file", lang, file=revision["file_name"]),
                    href=f"/history/raw/{revision_id}",
                    id="raw-file",
                )
            )
        )
    parts.extend(_changes(revision_id, lang, revision.get("dataset") or OBSERVATIONS.name, page))
    may_roll_back = has_role("admin") and revision["status"] == "committed"
    parts.append(_rollback_controls(lang, revision_id, visible=may_roll_back))
    return html.Section(parts, className="mb-4", **{"aria-labelledby": "revision-heading"})


def _rollback_controls(lang: str, revision_id: int | None, visible: bool) -> html.Div:
    """Always in the layout (Dash checks callbacks against it); shown to administrators only."""
    return html.Div(
        [
            html.Div(
                [
                    html.P(t("history.rollback_help", lang), className="small"),
                    html.Button(
                        t("history.rollback", lang, revision=revision_id or "–"),
                        id="rollback-button",
                        n_clicks=0,
                        className="btn btn-outline-danger",
                    ),
                ],
                hidden=not visible,
            ),
            html.Div(id="rollback-outcome", className="mt-3"),
            dcc.Store(id="rollback-target", data={"revision": revision_id, "lang": lang}),
        ]
    )


def layout(lang: str | None = None, revision: str | None = None, page: str | None = None, **_):
    lang = normalise_language(lang)
    if not has_role("staff"):
        signed_in = current_account() is not None
        return page_shell(
            lang,
            PATH,
            [
                html.H1(t("history.heading", lang), className="h3 mt-3"),
                html.P(t("upload.staff_only" if signed_in else "upload.sign_in_first", lang)),
                _rollback_controls(lang, None, visible=False),
            ],
        )
    store = get_store()
    revisions = store.revisions()
    selected = int(revision) if revision and revision.isascii() and revision.isdigit() else None
    if selected is None and not revisions.empty:
        selected = int(revisions.iloc[0]["revision_id"])
    chosen = store.revision(selected) if selected is not None else None
    return page_shell(
        lang,
        PATH,
        [
            html.H1(t("history.heading", lang), className="h3 mt-3"),
            html.P(t("history.intro", lang)),
            _selected(chosen, lang, page)
            if chosen
            else html.Div([html.P(t("history.none", lang)), _rollback_controls(lang, None, False)]),
            html.H2(t("history.all", lang), className="h5"),
            _revisions_table(revisions, lang, selected),
        ],
        revision=str(selected) if selected else None,
        page=page if page and page.isascii() and page.isdigit() else None,
    )
