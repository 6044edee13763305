"""Pieces of presenter mode: the pillar headline, large gauge cards, the "what changed" list.

The "what changed" list is shared with the overview, so a leader sees the same rows on the
projector and on the page. Gauges reuse the overview's figure (:func:`cards.gauge_figure`)
with the size left to the slide, so both always draw the same thing.
"""

from __future__ import annotations

import copy
from collections import Counter

import pandas as pd
from dash import dcc, html

from ..core.catalogue import PILLAR_IDS
from ..core.progress import (
    ACHIEVED,
    INSUFFICIENT,
    LIMITED,
    NEEDS_ACCELERATION,
    ON_TRACK,
    REGRESSING,
)
from ..i18n import catalogue, t
from .cards import (
    gauge_figure,
    indicator_name,
    period_text,
    target_text,
    text_equivalent,
)
from .components import page_url, source_links
from .format import format_number, format_percent, format_period, format_value
from .status import status_badge

#: The "what changed" slide's value of ``pillar`` in the URL; it comes after the pillars.
CHANGES = "changes"
SLIDES = (*PILLAR_IDS, CHANGES)

#: Statuses named in a headline, worst first (on track and achieved are counted instead).
NAMED_STATUSES = (REGRESSING, LIMITED, NEEDS_ACCELERATION)

#: Why a target cannot be judged, in words (card notices where they fit).
_REASONS = {
    "no_latest": "card.no_data",
    "no_baseline": "card.baseline_needed",
    "short_history": "card.short_history",
    "growth_undefined": "changed.reason.growth_undefined",
    "ratio_undefined": "changed.reason.ratio_undefined",
}

CHANGE_ICONS = {
    "improved": "bi-arrow-up-right",
    "worsened": "bi-arrow-down-right",
    "newly_judged": "bi-plus-circle",
    "no_longer_judged": "bi-dash-circle",
}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def short_name(row: pd.Series | dict, lang: str) -> str:
    """The name a presenter says ("port throughput"); the catalogue's name for a new target."""
    key = f"present.short.{row['indicator_id']}"
    if key in catalogue(lang):
        return t(key, lang)
    return indicator_name(row, lang)


def capitalised(text: str) -> str:
    """First letter upper case, for a short name used as a title (Chinese is unaffected)."""
    return text[:1].upper() + text[1:]


def join_names(names: list[str], lang: str) -> str:
    """``a``, ``a and b``, ``a, b and c`` (``a、b和c`` in Chinese)."""
    if len(names) <= 1:
        return "".join(names)
    head = t("present.list.comma", lang).join(names[:-1])
    return f"{head}{t('present.list.and', lang)}{names[-1]}"


def headline(rows: pd.DataFrame, pillar: str, lang: str) -> str:
    """One sentence per pillar: how many targets are on track, then who is behind, worst first.

    "3 of 5 logistics targets on track; port throughput needs acceleration." Targets without
    enough data are counted and said so, never silently left out; a pillar with no judged
    target says that instead of "0 of 5 on track".
    """
    total = len(rows)
    if total == 0:
        return ""
    counts = Counter(rows["status"])
    pillar_name = t(f"present.pillar_short.{pillar}", lang)
    end = t("present.headline.end", lang)
    if counts[INSUFFICIENT] == total:
        return t("present.headline.none_judged", lang, total=total, pillar=pillar_name) + end
    on_track, achieved = counts[ON_TRACK], counts[ACHIEVED]
    key = "achieved_on_track" if achieved and on_track else "achieved" if achieved else "on_track"
    clauses = [
        t(
            f"present.headline.{key}",
            lang,
            count=on_track,
            achieved=achieved,
            total=total,
            pillar=pillar_name,
        )
    ]
    for status in NAMED_STATUSES:
        names = [short_name(row, lang) for _, row in rows[rows["status"] == status].iterrows()]
        if names:
            number = "one" if len(names) == 1 else "many"
            clauses.append(
                t(f"present.headline.{status}.{number}", lang, names=join_names(names, lang))
            )
    if counts[INSUFFICIENT]:
        number = "one" if counts[INSUFFICIENT] == 1 else "many"
        clauses.append(t(f"present.headline.no_data.{number}", lang, count=counts[INSUFFICIENT]))
    return capitalised(t("present.headline.separator", lang).join(clauses) + end)


def slide_gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """The overview's gauge, sized by the slide (fills its box; the number scales with it)."""
    base = gauge_figure(row, lang)
    if base is None:
        return None
    figure = copy.deepcopy(base)
    trace = figure["data"][0]
    trace.get("number", {}).pop("font", None)  # plotly fits the number to the gauge
    trace["gauge"]["axis"]["tickfont"] = {"size": 14}
    layout = figure["layout"]
    layout.pop("height", None)
    layout["autosize"] = True
    layout["margin"] = {"l": 44, "r": 44, "t": 22, "b": 6}
    return figure


def _notice_key(row: pd.Series) -> str:
    if _missing(row["latest_value"]):
        return "card.no_data"
    if _missing(row["baseline_value"]):
        return "card.baseline_needed"
    return _REASONS.get(row.get("rule"), "card.short_history")


def slide_card(row: pd.Series, lang: str) -> html.Article:
    """One target on a slide: name, status (word, icon, colour), gauge, latest and target."""
    indicator_id = row["indicator_id"]
    figure = slide_gauge_figure(row, lang) if row["status"] != INSUFFICIENT else None
    if figure is not None:
        # Hidden from screen readers: the sentence below is the gauge's text equivalent.
        picture = html.Div(
            dcc.Graph(
                id={"type": "present-gauge", "index": indicator_id},
                figure=figure,
                config={"displayModeBar": False, "staticPlot": True, "responsive": True},
                className="present-graph",
            ),
            className="present-gauge",
            **{"aria-hidden": "true"},
        )
    else:
        notice = _notice_key(row)
        picture = html.Div(
            [html.I(className="bi bi-info-circle", **{"aria-hidden": "true"}), t(notice, lang)],
            className="present-gauge present-notice",
            **{"data-notice": notice.split(".")[-1]},
        )
    latest = (
        f"{format_value(row['latest_value'], row['unit'], lang)} ({period_text(row, lang)})"
        if not _missing(row["latest_value"])
        else t("value.none", lang)
    )
    return html.Article(
        [
            html.H2(
                capitalised(short_name(row, lang)),
                className="present-card-title",
                title=indicator_name(row, lang),
            ),
            status_badge(row["status"], lang),
            picture,
            html.Dl(
                [
                    html.Dt(t("card.latest", lang)),
                    html.Dd(latest),
                    html.Dt(t("card.target", lang)),
                    html.Dd(target_text(row, lang)),
                ],
                className="present-facts",
            ),
            html.P(text_equivalent(row, lang), className="visually-hidden"),
        ],
        className=f"present-card status-border-{row['status']}",
        **{"data-indicator": indicator_id, "data-status": row["status"]},
    )


def sources_line(rows: pd.DataFrame, lang: str, element_id: str = "present-sources") -> html.P:
    """Small print: where each figure on the slide was published, and where the targets are."""
    parts: list = [html.Strong(t("present.sources", lang) + " ")]
    shown = 0
    for _, row in in_pillar_order(rows).iterrows():
        source = row.get("source")
        if _missing(row.get("latest_value")) or not isinstance(source, str) or not source:
            continue
        if shown:
            parts.append(" | ")
        label = capitalised(short_name(row, lang)) + t("present.list.colon", lang)
        parts += [label, source_links(source, lang)]
        shown += 1
    if not shown:
        parts.append(t("present.no_sources", lang))
    target_sources = sorted(
        {s for s in rows.get("target_source", pd.Series(dtype=object)) if isinstance(s, str) and s}
    )
    for source in target_sources:
        label = t("present.targets_source", lang) + t("present.list.colon", lang)
        parts += [" | ", label, source_links(source, lang)]
    return html.P(parts, id=element_id, className="present-sources")


# ----- what changed -------------------------------------------------------------------------


def _side(change: pd.Series, side: str, lang: str) -> html.Td:
    """One quarter's status with the figures that decided it."""
    status = change[f"{side}_status"]
    value = change[f"{side}_value"]
    if _missing(value):
        value_text = t("value.none", lang)
    else:
        period = change[f"{side}_period"]
        is_year = change.get(f"{side}_is_year")
        if not _missing(is_year) and bool(is_year) and isinstance(period, str):
            period = period[:4]
        value_text = f"{format_value(value, change['unit'], lang)} ({format_period(period, lang)})"
    if status == INSUFFICIENT:
        reason_key = _REASONS.get(change.get(f"{side}_rule"), "card.no_data")
        why = t(reason_key, lang)
    elif status == ACHIEVED:
        why = ""
    else:
        parts = []
        if change["kind"] == "growth" and not _missing(change.get(f"{side}_cagr_observed")):
            growth = format_percent(change[f"{side}_cagr_observed"], lang)
            parts.append(t("changed.growth", lang, growth=growth))
        if not _missing(change.get(f"{side}_ratio")):
            ratio = format_number(change[f"{side}_ratio"], lang, 2)
            parts.append(t("changed.ratio", lang, ratio=ratio))
        why = t("present.list.comma", lang).join(parts)
    return html.Td(
        [
            status_badge(status, lang),
            html.Div(value_text, className="changed-value"),
            html.Div(why, className="changed-why small") if why else None,
        ],
        **{"data-side": side, "data-status": status},
    )


def in_pillar_order(changes: pd.DataFrame) -> pd.DataFrame:
    """Rows in the plan's order of pillars (catalogue order within one), as the slides go."""
    if changes.empty or "pillar" not in changes.columns:
        return changes
    order = {p: i for i, p in enumerate(PILLAR_IDS)}
    rank = changes["pillar"].map(order).fillna(len(order))
    return changes.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")


def what_changed(
    changes: pd.DataFrame, lang: str, old: str, new: str, *, on_slide: bool = False
) -> html.Div:
    """The targets whose status moved between two quarters (or a sentence saying none did).

    ``id="what-changed"``, each row ``data-indicator``. On the overview the names link to the
    indicator pages; on a slide they are plain text, and the slide's headline already says
    that nothing changed, so the list says what that means instead.
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
                            html.I(className=f"bi {CHANGE_ICONS[kind]}", **{"aria-hidden": "true"}),
                            " ",
                            t(f"changed.kind.{kind}", lang),
                        ],
                        className=f"changed-kind changed-{kind}",
                        **{"data-change": kind},
                    ),
                    _side(change, "old", lang),
                    _side(change, "new", lang),
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


def changes_headline(changes: pd.DataFrame, lang: str, old: str, new: str) -> str:
    old_text, new_text = format_period(old, lang), format_period(new, lang)
    count = len(changes)
    if count == 0:
        return t("changed.none", lang, old=old_text, new=new_text)
    number = "one" if count == 1 else "many"
    return t(f"changed.headline.{number}", lang, count=count, old=old_text, new=new_text)
