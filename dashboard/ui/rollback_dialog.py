"""The rollback's confirmation: the button that asks, and the dialog that names what goes back.

Apart from the history page because it is the one place where a click on the page writes: the
dialog says, from the store, which revision is undone and which values come back or go, before
its confirm button (``rollback-button``) is pressed. The page's callbacks open it and write.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.changes import OBSERVATIONS
from ..core.corridors import RECORD_KINDS
from ..i18n import t
from ..web import get_store
from .china_time import china_time
from .format import format_period, format_value, record_key

#: Changed values the rollback's confirmation names (the rest are counted).
CONFIRM_SHOWN = 5


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
        key = record_key(r, kind.key)
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


def rollback_controls(lang: str, revision: dict | None) -> html.Div:
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
