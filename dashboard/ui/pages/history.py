"""History ``/history`` (staff): every revision, what it changed, its raw file, and rollback.

Rollback (administrators) is asked first: a panel names the revision and the values that will
change (from the store), and only its confirm button writes: a new revision restoring the
earlier values; nothing is deleted, and the list of revisions on the page is drawn again with
the rollback in it. The writing callback checks the role itself.

Every time is shown in China Standard Time (Beijing time), with the zone; the store keeps UTC.

A revision's changes are shown a page of :data:`~dashboard.ui.revision_changes.PAGE_SIZE`
records at a time (``?page=``), read from the store a page at a time, so no revision is too
large to show (or to roll back).

This module holds the page's flow: its callbacks, the revision shown and the layout. What it
draws is built beside it in ``ui/``: ``revision_list`` (every revision), ``revision_changes``
(what one changed), ``rollback_dialog`` (the confirmation) and ``china_time`` (the times).
"""

from __future__ import annotations

from typing import TypedDict

import dash
from dash import Dash, Input, Output, State, dcc, html

from ...audit import audit
from ...core.changes import OBSERVATIONS
from ...i18n import normalise_language, t
from ...store.repository import RollbackConflict
from ...web import data_changed, get_store
from ...web.auth import current_account, has_role, require_role
from ..china_time import china_time
from ..components import page_shell, page_url
from ..revision_changes import revision_changes_page
from ..revision_list import revisions_table
from ..rollback_dialog import rollback_controls

PATH = "/history"

#: Opens and closes the rollback's confirmation in the browser, and moves the keyboard focus
#: with it: to the panel when it opens, back to the button on Cancel, to the outcome on
#: confirm (which the server callback fills).
CONFIRM_JS = """
function(ask, cancel, confirm) {
    const trigger = (dash_clientside.callback_context.triggered_id || "");
    const open = trigger === "rollback-ask";
    const target = open ? "rollback-confirm"
        : trigger === "rollback-cancel" ? "rollback-ask" : "rollback-outcome";
    setTimeout(() => {
        const element = document.getElementById(target);
        if (element) { element.focus(); }
    }, 0);
    return !open;
}
"""


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="History", title="Vision 2027 Tracker", layout=layout
    )
    app.clientside_callback(
        CONFIRM_JS,
        Output("rollback-confirm", "hidden"),
        Input("rollback-ask", "n_clicks"),
        Input("rollback-cancel", "n_clicks"),
        Input("rollback-button", "n_clicks"),
        prevent_initial_call=True,
    )
    app.callback(
        Output("rollback-outcome", "children"),
        Output("revisions-list", "children"),
        Output("rollback-ask", "disabled"),
        Input("rollback-button", "n_clicks"),
        State("rollback-target", "data"),
        prevent_initial_call=True,
    )(roll_back)


class RollbackTarget(TypedDict):
    """The data of ``rollback-target``: the revision shown and the page's language."""

    revision: int | None
    lang: str


def roll_back(n_clicks: int | None, target: RollbackTarget | None):
    """Undo one revision (administrators only; checked here, on the server), then draw the
    list of revisions again from the store, so the rollback shows in it at once."""
    user = require_role("admin")
    if not n_clicks or not target or target.get("revision") is None:
        return dash.no_update, dash.no_update, dash.no_update
    lang = normalise_language(target["lang"])
    revision = int(target["revision"])
    try:
        result = get_store().rollback(revision, user.name)
    except RollbackConflict as exc:
        outcome = html.Div(
            t("history.rollback_refused", lang, reason=exc.message(lang)),
            className="alert alert-warning",
            role="status",
            id="rollback-message",
        )
        return (
            outcome,
            revisions_table(get_store().revisions(), lang, revision, PATH),
            dash.no_update,
        )
    audit("rollback", revision=revision, new_revision=result.revision_id, rows=result.rows_total)
    data_changed()  # the busiest views are rebuilt now, before the room asks for them
    outcome = html.Div(
        [
            t("history.rolled_back", lang, revision=revision, new=result.revision_id),
            " ",
            dcc.Link(
                t("history.show_new", lang),
                href=page_url(PATH, lang=lang, revision=str(result.revision_id)),
                id="rollback-show-new",
            ),
        ],
        className="alert alert-success",
        role="status",
        id="rollback-message",
    )
    return outcome, revisions_table(get_store().revisions(), lang, revision, PATH), True


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
                when=china_time(revision["created_at"], lang),
                sha=(revision["sha256"] or "–")[:16],
            ),
            className="small text-muted",
            id="revision-meta",
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
    dataset = revision.get("dataset") or OBSERVATIONS.name
    parts.extend(revision_changes_page(revision_id, lang, dataset, page, PATH))
    may_roll_back = has_role("admin") and revision["status"] == "committed"
    parts.append(rollback_controls(lang, revision if may_roll_back else None))
    return html.Section(parts, className="mb-4", **{"aria-labelledby": "revision-heading"})


def _sign_in_offer(lang: str, revision: str | None, page: str | None) -> html.Div:
    """Signed out: what the page is for, and the way in (back here after signing in)."""
    if current_account() is not None:
        return html.Div(html.P(t("staff.history_staff_only", lang)), id="history-not-allowed")
    here = page_url(PATH, lang=lang, revision=_digits(revision), page=_digits(page))
    return html.Div(
        [
            html.P(t("staff.history_sign_in", lang)),
            html.A(
                t("login.link", lang),
                href=page_url("/login", lang=lang, next=here),
                className="btn btn-primary",
                id="history-sign-in",
            ),
        ],
        id="history-not-allowed",
    )


def _digits(text: str | None) -> str | None:
    return text if text and text.isascii() and text.isdigit() else None


def layout(lang: str | None = None, revision: str | None = None, page: str | None = None, **_):
    lang = normalise_language(lang)
    if not has_role("staff"):
        return page_shell(
            lang,
            PATH,
            [
                html.H1(t("history.heading", lang), className="h3 mt-3"),
                _sign_in_offer(lang, revision, page),
                rollback_controls(lang, None),
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
            else html.Div([html.P(t("history.none", lang)), rollback_controls(lang, None)]),
            html.H2(t("history.all", lang), className="h5"),
            html.Div(
                revisions_table(revisions, lang, selected, PATH),
                id="revisions-list",
                className="table-responsive",
            ),
        ],
        revision=str(selected) if selected else None,
        page=page if page and page.isascii() and page.isdigit() else None,
    )
