"""History ``/history`` (staff): every revision, what it changed, its raw file, and rollback.

Rollback (administrators) is asked first: a panel names the revision and the values that will
change (from the store), and only its confirm button writes: a new revision restoring the
earlier values; nothing is deleted, and the list of revisions on the page is drawn again with
the rollback in it. The writing callback checks the role itself.

Every time is shown in China Standard Time (Beijing time), with the zone; the store keeps UTC.

A revision's changes are shown a page of :data:`PAGE_SIZE` records at a time (``?page=``), read
from the store a page at a time, so no revision is too large to show (or to roll back).
"""

from __future__ import annotations

from datetime import UTC, timedelta, timezone
from typing import TypedDict
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dash
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html

from ...audit import audit
from ...core.changes import OBSERVATIONS
from ...core.corridors import RECORD_KINDS
from ...i18n import normalise_language, t
from ...store.repository import RollbackConflict
from ...web import data_changed, get_store
from ...web.auth import current_account, has_role, require_role
from ..components import page_shell, page_url
from ..format import format_cell, format_period, format_value

PATH = "/history"
#: Changed records shown per page of a revision.
PAGE_SIZE = 200
#: Changed values the rollback's confirmation names (the rest are counted).
CONFIRM_SHOWN = 5


def _china_zone():
    """Asia/Shanghai from the tz database; without one (a bare container), the same offset:
    China keeps UTC+8 all year (no daylight saving since 1991)."""
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the host
        return timezone(timedelta(hours=8), "CST")


CHINA = _china_zone()

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
        return outcome, _revisions_table(get_store().revisions(), lang, revision), dash.no_update
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
    return outcome, _revisions_table(get_store().revisions(), lang, revision), True


def china_time(moment, lang: str) -> str:
    """A stored time (UTC; SQLite gives it back without a zone) in China Standard Time, with
    the zone: ``2026-11-30 14:05 CST``, ``2026-11-30 14:05（北京时间）``."""
    if moment is None or pd.isna(moment):
        return "–"
    stamp = pd.Timestamp(moment).to_pydatetime()
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return t("staff.time", lang, time=stamp.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"))


def _when(moment, lang: str) -> html.Time | str:
    """The time as :func:`china_time`, machine-readable (UTC) and with the zone's full name."""
    if moment is None or pd.isna(moment):
        return "–"
    stamp = pd.Timestamp(moment).to_pydatetime()
    utc = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    return html.Time(
        china_time(moment, lang),
        dateTime=utc.isoformat(timespec="seconds").replace("+00:00", "Z"),
        title=t("staff.time_zone", lang),
    )


def _revisions_table(revisions: pd.DataFrame, lang: str, selected: int | None) -> html.Table:
    """The list of revisions (inside ``revisions-list``, which a rollback draws again)."""
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
                    html.Td(_when(row.created_at, lang), className="text-nowrap"),
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
    parts.extend(_changes(revision_id, lang, revision.get("dataset") or OBSERVATIONS.name, page))
    may_roll_back = has_role("admin") and revision["status"] == "committed"
    parts.append(_rollback_controls(lang, revision if may_roll_back else None))
    return html.Section(parts, className="mb-4", **{"aria-labelledby": "revision-heading"})


def _what(revision: dict, lang: str) -> str:
    if revision["action"] == "rollback" and revision.get("rolls_back") is not None:
        return t("staff.confirm_rollback_of", lang, revision=int(revision["rolls_back"]))
    name = revision.get("file_name")
    return (
        t("staff.confirm_file", lang, file=name)
        if name
        else t(f"history.action.{revision['action']}", lang)
    )


def _counted(noun: str, change: str, count: int, lang: str) -> str:
    form = "one" if count == 1 else "other"
    return t(f"staff.confirm_{noun}_{change}.{form}", lang, count=f"{count:,}")


def _confirm_lines(changes: pd.DataFrame, dataset: str, lang: str) -> list:
    """What the rollback does to each of the first changed records: now -> after."""
    withdrawn = t("staff.confirm_withdrawn", lang)
    lines = []
    if dataset == OBSERVATIONS.name:
        units = get_store().indicators().set_index("indicator_id")["unit"]

        def shown(value, indicator_id) -> str:
            return "–" if pd.isna(value) else format_value(value, units[indicator_id], lang)

        for r in changes.itertuples():
            now = "–" if r.change == "withdrawn" else shown(r.new_value, r.indicator_id)
            after = withdrawn if r.change == "added" else shown(r.old_value, r.indicator_id)
            lines.append(
                html.Li(
                    [
                        html.Code(r.indicator_id),
                        " ",
                        t(
                            "staff.confirm_line",
                            lang,
                            what=format_period(r.period, lang),
                            now=now,
                            after=after,
                        ),
                    ],
                    **{"data-indicator": r.indicator_id, "data-change": r.change},
                )
            )
        return lines
    kind = RECORD_KINDS[dataset]
    for _, r in changes.iterrows():
        key = " · ".join(format_cell(r[k]) for k in kind.key)
        after = withdrawn if r["change"] == "added" else t("staff.confirm_restored", lang)
        lines.append(
            html.Li(
                [html.Code(key), t("staff.confirm_record_line", lang, after=after)],
                **{"data-key": key, "data-change": r["change"]},
            )
        )
    return lines


def _confirmation(revision: dict, lang: str) -> list:
    """The panel's text: which revision, how many values go back or go, the first of them."""
    store = get_store()
    revision_id = int(revision["revision_id"])
    dataset = revision.get("dataset") or OBSERVATIONS.name
    total = store.revision_change_count(revision_id)
    changes = store.revision_changes(revision_id, limit=CONFIRM_SHOWN, offset=0)
    withdrawn = min(int(revision.get("added") or 0), total)  # what it added goes again
    restored = total - withdrawn  # what it replaced or withdrew comes back
    noun = "values" if dataset == OBSERVATIONS.name else "records"
    counts = [
        _counted(noun, change, count, lang)
        for change, count in (("restored", restored), ("withdrawn", withdrawn))
        if count or (change == "restored" and not withdrawn)  # "0 values ..." when none
    ]
    what = t(
        "staff.confirm_what",
        lang,
        revision=revision_id,
        what=_what(revision, lang),
        who=revision["user_name"],
        when=china_time(revision["created_at"], lang),
    )
    parts: list = [
        html.H3(
            t("staff.confirm_heading", lang, revision=revision_id),
            className="h6 fw-bold",
            id="rollback-confirm-heading",
        ),
        html.P(what, className="mb-1", id="rollback-confirm-what"),
        html.P(
            t("staff.confirm_counts", lang, counts=t("staff.confirm_and", lang).join(counts)),
            className="mb-1",
            id="rollback-confirm-counts",
        ),
        html.Ul(
            _confirm_lines(changes, dataset, lang), id="rollback-confirm-values", className="mb-1"
        ),
    ]
    if total > len(changes):
        parts.append(
            html.P(
                t("staff.confirm_more", lang, count=f"{total - len(changes):,}"), className="mb-1"
            )
        )
    parts.append(
        html.P(t("staff.confirm_kept", lang, revision=revision_id), className="small mb-2")
    )
    return parts


def _rollback_controls(lang: str, revision: dict | None) -> html.Div:
    """Always in the layout (Dash checks callbacks against it); shown to administrators only
    (``revision`` given). The first button opens the confirmation; only its confirm button
    (``rollback-button``) writes."""
    revision_id = int(revision["revision_id"]) if revision else None
    return html.Div(
        [
            html.Div(
                [
                    html.P(t("history.rollback_help", lang), className="small"),
                    html.Button(
                        t("staff.rollback_ask", lang, revision=revision_id or "–"),
                        id="rollback-ask",
                        n_clicks=0,
                        className="btn btn-outline-danger",
                        **{"aria-controls": "rollback-confirm"},
                    ),
                ],
                hidden=revision is None,
            ),
            html.Div(
                [
                    *(_confirmation(revision, lang) if revision else []),
                    html.Div(
                        [
                            html.Button(
                                t("history.rollback", lang, revision=revision_id or "–"),
                                id="rollback-button",
                                n_clicks=0,
                                className="btn btn-danger",
                            ),
                            html.Button(
                                t("staff.cancel", lang),
                                id="rollback-cancel",
                                n_clicks=0,
                                className="btn btn-outline-secondary",
                            ),
                        ],
                        className="d-flex flex-wrap gap-2",
                    ),
                ],
                id="rollback-confirm",
                hidden=True,
                role="alertdialog",
                tabIndex="-1",
                className="alert alert-warning mt-3 mb-0",
                **{
                    "aria-labelledby": "rollback-confirm-heading",
                    "aria-describedby": "rollback-confirm-counts",
                },
            ),
            html.Div(  # focused after confirming: the confirm button is gone by then
                id="rollback-outcome", className="mt-3", tabIndex="-1", **{"aria-live": "polite"}
            ),
            dcc.Store(id="rollback-target", data={"revision": revision_id, "lang": lang}),
        ]
    )


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
                _rollback_controls(lang, None),
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
            else html.Div([html.P(t("history.none", lang)), _rollback_controls(lang, None)]),
            html.H2(t("history.all", lang), className="h5"),
            html.Div(
                _revisions_table(revisions, lang, selected),
                id="revisions-list",
                className="table-responsive",
            ),
        ],
        revision=str(selected) if selected else None,
        page=page if page and page.isascii() and page.isdigit() else None,
    )
