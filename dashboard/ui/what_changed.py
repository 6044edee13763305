"""The "what changed" list: the targets whose status moved between two quarters.

One builder serves the overview and presenter mode's last slide, so a leader sees the same
rows on the page and on the projector; only the links (the overview's) and the wording of an
empty list differ. Each side gives the status with the figures that decided it, and the
reason in words rather than the ratio R, which a room does not read.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..core.periods import PeriodError, parse_quarter
from ..core.progress import ACHIEVED, INSUFFICIENT, STALE_AFTER_QUARTERS
from ..core.review import previous_quarter, status_changes_between, triage
from ..core.values import is_missing
from ..i18n import t
from .cards import stale_marker
from .components import page_url
from .format import format_period, format_value
from .glance import reason
from .icons import icon
from .slide_text import capitalised, in_pillar_order, short_name
from .status import status_badge

#: Why a target cannot be judged, in words, on a slide (never "undefined").
_SLIDE_REASONS = {
    "no_latest": "card.no_data",
    "no_baseline": "card.baseline_needed",
    "short_history": "card.short_history",
    "growth_undefined": "present.reason.growth_undefined",
    "ratio_undefined": "present.reason.ratio_undefined",
}

#: The icon beside each kind of change.
CHANGE_ICONS = {
    "improved": "bi-arrow-up-right",
    "worsened": "bi-arrow-down-right",
    "newly_judged": "bi-plus-circle",
    "no_longer_judged": "bi-dash-circle",
}


def _older_than_a_year(period: object, quarter: str) -> bool:
    """A latest value more than four quarters before the quarter it is shown "as of"."""
    try:
        return parse_quarter(quarter) - parse_quarter(period) > STALE_AFTER_QUARTERS
    except (PeriodError, TypeError, ValueError):
        return False


def _side(
    change: pd.Series, side: str, lang: str, quarter: str, reasons: dict[str, str]
) -> html.Td:
    """One quarter's status with the figures that decided it.

    ``reasons`` (on a slide): the reason in words of each judged target ("needs 14.9% a year,
    growing +6.4%") instead of the ratio R, which a room does not read.
    """
    status = change[f"{side}_status"]
    value = change[f"{side}_value"]
    value_parts: list
    if is_missing(value):
        value_parts = [t("value.none", lang)]
    else:
        period = change[f"{side}_period"]
        shown = period
        is_year = change.get(f"{side}_is_year")
        if not is_missing(is_year) and bool(is_year) and isinstance(period, str):
            shown = period[:4]
        value_parts = [
            f"{format_value(value, change['unit'], lang)} ({format_period(shown, lang)})"
        ]
        if _older_than_a_year(period, quarter):
            value_parts += [" ", stale_marker({"stale": True}, lang, quarter)]
    if status == INSUFFICIENT:
        why = t(_SLIDE_REASONS.get(change.get(f"{side}_rule"), "card.no_data"), lang)
    elif status == ACHIEVED:
        why = ""
    else:
        why = reasons.get(change["indicator_id"], "")
    return html.Td(
        [
            status_badge(status, lang),
            html.Div(value_parts, className="changed-value"),
            html.Div(why, className="changed-why small") if why else None,
        ],
        **{
            "data-side": side,
            "data-status": status,
            "data-label": t("changed.col.quarter", lang, quarter=format_period(quarter, lang)),
        },
    )


def reasons_in_words(progress: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each judged target's reason in words, as the overview's first list gives it."""
    return {
        row["indicator_id"]: reason(row, lang)
        for _, row in triage(progress).iterrows()
        if row["status"] not in (INSUFFICIENT, ACHIEVED)
    }


def changes_since_last_quarter(
    store, progress: pd.DataFrame, lang: str, pillar: str | None
) -> tuple[str, str, pd.DataFrame, tuple[dict[str, str], dict[str, str]]]:
    """The quarter before, the shown one, the targets whose status moved between them (in
    ``pillar``, or all) and each side's reasons: what the overview and the last slide list."""
    new = progress.attrs["as_of"]
    old = previous_quarter(new)
    before = store.progress(as_of=old)
    changes = status_changes_between(before, progress)
    if pillar is not None:
        changes = changes[changes["pillar"] == pillar]
    return old, new, changes, (reasons_in_words(before, lang), reasons_in_words(progress, lang))


def changes_intro(old: str, new: str, lang: str, class_name: str) -> html.P:
    """The sentence that says which two quarters the list compares (overview and last slide)."""
    return html.P(
        t("changed.intro", lang, old=format_period(old, lang), new=format_period(new, lang)),
        className=class_name,
    )


def what_changed(
    changes: pd.DataFrame,
    lang: str,
    old: str,
    new: str,
    *,
    on_slide: bool = False,
    reasons: tuple[dict[str, str], dict[str, str]],
) -> html.Div:
    """The targets whose status moved between two quarters (or a sentence saying none did).

    ``id="what-changed"``, each row ``data-indicator``. On the overview the names link to the
    indicator pages; on a slide they are plain text, and the slide's headline already says
    that nothing changed, so the list says what that means instead. ``reasons`` (old quarter,
    new quarter; see :func:`reasons_in_words`) replace the ratio R by words. A figure more
    than four quarters older than its quarter is marked "stale".
    """
    old_text, new_text = format_period(old, lang), format_period(new, lang)
    if changes.empty:
        key = "changed.none_same" if on_slide else "changed.none"
        return html.Div(
            html.P(t(key, lang, old=old_text, new=new_text), className="mb-0"),
            id="what-changed",
            className="what-changed",
            **{"data-count": "0"},
        )
    rows = []
    for _, change in in_pillar_order(changes).iterrows():
        name = capitalised(short_name(change, lang))
        if not on_slide:
            href = page_url(f"/indicator/{change['indicator_id']}", lang=lang, as_of=new)
            name = dcc.Link(name, href=href)
        kind = change["change"]
        rows.append(
            html.Tr(
                [
                    html.Th(
                        [
                            name,
                            html.Div(html.Code(change["indicator_id"]), className="small"),
                        ],
                        scope="row",
                    ),
                    html.Td(
                        [
                            icon(CHANGE_ICONS[kind]),
                            " ",
                            t(f"changed.kind.{kind}", lang),
                        ],
                        className=f"changed-kind changed-{kind}",
                        **{"data-change": kind},
                    ),
                    _side(change, "old", lang, old, reasons[0]),
                    _side(change, "new", lang, new, reasons[1]),
                ],
                **{"data-indicator": change["indicator_id"]},
            )
        )
    table = html.Table(
        [
            html.Caption(
                t("changed.caption", lang, old=old_text, new=new_text),
                className="visually-hidden",
            ),
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("changed.col.target", lang), scope="col"),
                        html.Th(t("changed.col.change", lang), scope="col"),
                        html.Th(t("changed.col.quarter", lang, quarter=old_text), scope="col"),
                        html.Th(t("changed.col.quarter", lang, quarter=new_text), scope="col"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        className="table changed-table mb-0",
    )
    return html.Div(
        html.Div(table, className="table-responsive"),
        id="what-changed",
        className="what-changed" + (" what-changed-dense" if len(rows) > 6 else ""),
        **{"data-count": str(len(rows))},
    )


def changes_headline(
    changes: pd.DataFrame, lang: str, old: str, new: str, pillar: str | None = None
) -> str:
    """How many targets changed status (of one pillar's, on that pillar's deck)."""
    old_text, new_text = format_period(old, lang), format_period(new, lang)
    count = len(changes)
    number = "one" if count == 1 else "many"
    if pillar is not None:
        pillar_name = t(f"present.pillar_short.{pillar}", lang)
        if count == 0:
            return t("present.changes.none", lang, pillar=pillar_name, old=old_text, new=new_text)
        return t(
            f"present.changes.{number}",
            lang,
            count=count,
            pillar=pillar_name,
            old=old_text,
            new=new_text,
        )
    if count == 0:
        return t("changed.none", lang, old=old_text, new=new_text)
    return t(f"changed.headline.{number}", lang, count=count, old=old_text, new=new_text)
