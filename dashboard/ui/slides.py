"""Pieces of presenter mode: the pillar headline, large gauge cards, the "what changed" list.

The "what changed" list is shared with the overview, so a leader sees the same rows on the
projector and on the page. Gauges reuse the overview's figures (:func:`cards.gauge_figure`,
and :func:`cards.share_gauge_figure` for a level target with a value but no baseline) with
the size and the type left to the slide, so both always draw the same thing.

A slide says what is known before what is missing: the cards with a figure come first and
large (a judged gauge, the share of the target, or the value itself), the targets without any
data follow as one small strip; a pillar where nothing can be judged says in its headline
which figures are known, with their period and "stale" where they are old.
"""

from __future__ import annotations

import copy
from collections import Counter

import pandas as pd
from dash import dcc, html

from ..core.catalogue import PILLAR_IDS
from ..core.periods import PeriodError, parse_quarter
from ..core.progress import (
    ACHIEVED,
    INSUFFICIENT,
    LIMITED,
    NEEDS_ACCELERATION,
    ON_TRACK,
    REGRESSING,
)
from ..core.review import triage
from ..core.values import is_missing
from ..i18n import catalogue, t
from .cards import (
    gauge_figure,
    indicator_name,
    latest_with_age,
    period_text,
    share_gauge_figure,
    stale_marker,
    target_text,
    text_equivalent,
)
from .components import page_url, source_links
from .format import format_period, format_value
from .glance import reason
from .status import status_badge

#: The "what changed" slide's value of ``slide`` in the URL; it comes after the pillars.
CHANGES = "changes"
SLIDES = (*PILLAR_IDS, CHANGES)

#: Statuses named in a headline, worst first (on track and achieved are counted instead).
NAMED_STATUSES = (REGRESSING, LIMITED, NEEDS_ACCELERATION)

#: A latest value older than this many quarters before "as of" is stale (DOMAIN.md).
STALE_AFTER_QUARTERS = 4

#: Gauge tick labels on a slide, in px: read from the back of a room (at least 20 px at
#: 1920x1080; plotly's sizes do not scale with the window, so this holds at every size).
SLIDE_TICK_PX = 20

#: Why a target cannot be judged, in words, on a slide (never "undefined").
_SLIDE_REASONS = {
    "no_latest": "card.no_data",
    "no_baseline": "card.baseline_needed",
    "short_history": "card.short_history",
    "growth_undefined": "present.reason.growth_undefined",
    "ratio_undefined": "present.reason.ratio_undefined",
}

#: Why a card's figure is not judged, as the overview's first list says it.
_SLIDE_REASON_WORDS = {
    "no_baseline": "reason.baseline_needed",
    "short_history": "reason.short_history",
    "growth_undefined": "reason.growth_undefined",
    "ratio_undefined": "reason.ratio_undefined",
}

#: Why a target cannot be judged, in words (the overview's "what changed" list).

CHANGE_ICONS = {
    "improved": "bi-arrow-up-right",
    "worsened": "bi-arrow-down-right",
    "newly_judged": "bi-plus-circle",
    "no_longer_judged": "bi-dash-circle",
}


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


def _known(row: pd.Series) -> bool:
    return "latest_value" in row and not is_missing(row["latest_value"])


def _is_stale(row: pd.Series) -> bool:
    stale = row.get("stale")
    return not is_missing(stale) and bool(stale)


def _value_text(row: pd.Series, lang: str) -> str:
    return f"{format_value(row['latest_value'], row['unit'], lang)} ({period_text(row, lang)})"


def headline_parts(rows: pd.DataFrame, pillar: str, lang: str, as_of: str | None = None) -> list:
    """The headline as text and elements: "stale" beside an old figure is the overview's
    marker (word and icon) when ``as_of`` is given, else the word alone."""
    total = len(rows)
    if total == 0:
        return []
    counts = Counter(rows["status"])
    pillar_name = t(f"present.pillar_short.{pillar}", lang)
    end = t("present.headline.end", lang)
    if counts[INSUFFICIENT] == total:
        known = [row for _, row in rows.iterrows() if _known(row)]
        if not known:
            return [t("present.headline.none_judged", lang, total=total, pillar=pillar_name) + end]
        # Nothing judged, but figures are known: lead with them, each with its period.
        parts: list = [t("present.headline.known_intro", lang, total=total, pillar=pillar_name)]
        for number, row in enumerate(known):
            if number:
                parts.append(t("present.headline.known_separator", lang))
            parts.append(t("present.headline.known_name", lang, name=short_name(row, lang)))
            if as_of is not None:
                parts += latest_with_age(row, lang, as_of)
            else:
                stale = [" ", t("age.stale", lang)] if _is_stale(row) else []
                parts += [_value_text(row, lang), *stale]
        missing = total - len(known)
        if missing:
            number = "one" if missing == 1 else "many"
            parts.append(t(f"present.headline.known_no_data.{number}", lang, count=missing))
        return [*parts, end]
    on_track, achieved = counts[ON_TRACK], counts[ACHIEVED]
    key = (
        "achieved_on_track"
        if achieved and on_track
        else "achieved"
        if achieved
        else "on_track"
        if on_track
        else "none_on_track"  # never "0 of 5 on track" (5 项目标中 0 项进展顺利)
    )
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
    return [capitalised(t("present.headline.separator", lang).join(clauses) + end)]


def headline(rows: pd.DataFrame, pillar: str, lang: str) -> str:
    """One sentence per pillar: how many targets are on track, then who is behind, worst first.

    "3 of 5 logistics targets on track; port throughput needs acceleration." Targets without
    enough data are counted and said so, never silently left out. A pillar with no judged
    target says what is known instead of "0 of 5 on track": "None of the 5 logistics targets
    can be judged yet. Known: port throughput 197 million t (2017) stale; ..."
    """
    return "".join(headline_parts(rows, pillar, lang))


def _for_slide(base: dict | None) -> dict | None:
    """An overview gauge sized by the slide (fills its box; the number scales with it), its
    tick labels large enough to read from the back of a room."""
    if base is None:
        return None
    figure = copy.deepcopy(base)
    trace = figure["data"][0]
    trace.get("number", {}).pop("font", None)  # plotly fits the number to the gauge
    axis = trace["gauge"]["axis"]
    axis["tickfont"] = {"size": SLIDE_TICK_PX}
    axis["nticks"] = 5  # fewer, larger labels: they must not run into each other
    layout = figure["layout"]
    layout.pop("height", None)
    layout["autosize"] = True
    layout["margin"] = {"l": 66, "r": 66, "t": 30, "b": 6}  # room for "100%" at the ends
    return figure


def slide_gauge_figure(row: pd.Series, lang: str) -> dict | None:
    """The overview's gauge of a judged target, sized for a slide."""
    return _for_slide(gauge_figure(row, lang))


def slide_share_figure(row: pd.Series, lang: str) -> dict | None:
    """The overview's share-of-target gauge (a level target with a value but no baseline, or
    achieved without one), sized for a slide: drawn unlike a judged gauge."""
    return _for_slide(share_gauge_figure(row, lang))


#: What a card shows in its large space: a judged gauge, the share of the target, the value
#: itself (a growth target not judged yet), or nothing (no data: a small card).
JUDGED, SHARE, VALUE, EMPTY = "judged", "share", "value", "empty"


def picture_kind(row: pd.Series, lang: str) -> str:
    if row["status"] != INSUFFICIENT and gauge_figure(row, lang) is not None:
        return JUDGED
    if not _known(row):
        return EMPTY
    unjudged = row["status"] == INSUFFICIENT and row.get("rule") != "growth_undefined"
    if (unjudged or row["status"] == ACHIEVED) and share_gauge_figure(row, lang) is not None:
        return SHARE
    return VALUE


def _unjudged_reason(row: pd.Series, lang: str) -> str:
    """ "Not judged: baseline needed" and the like, in words (never "undefined")."""
    key = _SLIDE_REASON_WORDS.get(row.get("rule"), "reason.short_history")
    return t("card.not_judged", lang, reason=t(key, lang))


def _graph(row: pd.Series, figure: dict, kind: str) -> html.Div:
    # Hidden from screen readers: the card's sentence is the gauge's text equivalent.
    return html.Div(
        dcc.Graph(
            id={"type": "present-gauge", "index": row["indicator_id"]},
            figure=figure,
            config={"displayModeBar": False, "staticPlot": True, "responsive": True},
            className="present-graph",
        ),
        className=f"present-gauge present-gauge-{kind}",
        **{"aria-hidden": "true"},
    )


def _title(row: pd.Series, lang: str) -> html.H2:
    return html.H2(
        capitalised(short_name(row, lang)),
        className="present-card-title",
        title=indicator_name(row, lang),
    )


def _empty_card(row: pd.Series, lang: str) -> html.Article:
    """A target without any data: a small card (name, "No data yet", the target)."""
    return html.Article(
        [
            _title(row, lang),
            html.P(
                [
                    html.I(className="bi bi-info-circle", **{"aria-hidden": "true"}),
                    " ",
                    t("card.no_data", lang),
                ],  # fmt: skip
                className="present-notice-line",
                **{"data-notice": "no_data"},
            ),
            html.P(
                [t("card.target", lang), t("present.list.colon", lang), target_text(row, lang)],
                className="present-empty-target",
            ),
            html.P(text_equivalent(row, lang), className="visually-hidden"),
        ],
        className=f"present-card present-card-empty status-border-{row['status']}",
        **{
            "data-indicator": row["indicator_id"],
            "data-status": row["status"],
            "data-picture": EMPTY,
        },  # fmt: skip
    )


def slide_card(row: pd.Series, lang: str, as_of: str = "") -> html.Article:
    """One target on a slide: name, status (word, icon, colour), what is known in large (a
    gauge, the share of the target, or the value), latest value with its period and "stale"
    where old, and the target. A target without any data is a small card."""
    kind = picture_kind(row, lang)
    if kind == EMPTY:
        return _empty_card(row, lang)
    latest: list = latest_with_age(row, lang, as_of)
    below = None
    if kind == JUDGED:
        picture = _graph(row, slide_gauge_figure(row, lang), kind)
    elif kind == SHARE:
        picture = _graph(row, slide_share_figure(row, lang), kind)
        if row["status"] == INSUFFICIENT:
            below = _unjudged_reason(row, lang)
    else:
        # A growth target with one figure: the figure itself, large.
        marker = stale_marker(row, lang, as_of)
        picture = html.Div(
            [
                html.P(t("card.latest", lang), className="present-value-label"),
                html.P(
                    format_value(row["latest_value"], row["unit"], lang),
                    className="present-value-number",
                ),
                html.P(
                    [f"({period_text(row, lang)})", *([" ", marker] if marker else [])],
                    className="present-value-period",
                ),
            ],
            className="present-gauge present-value",
        )
        if row["status"] == INSUFFICIENT:
            below = _unjudged_reason(row, lang)
    return html.Article(
        [
            _title(row, lang),
            status_badge(row["status"], lang),
            picture,
            html.P(below, className="present-not-judged", **{"data-notice": row.get("rule")})
            if below
            else None,
            html.Dl(
                [
                    # (the value shown large already: not twice)
                    *([] if kind == VALUE else [html.Dt(t("card.latest", lang)), html.Dd(latest)]),
                    html.Dt(t("card.target", lang)),
                    html.Dd(target_text(row, lang)),
                ],
                className="present-facts",
            ),
            html.P(text_equivalent(row, lang), className="visually-hidden"),
        ],
        className=f"present-card status-border-{row['status']}",
        **{
            "data-indicator": row["indicator_id"],
            "data-status": row["status"],
            "data-picture": kind,
        },  # fmt: skip
    )


def slide_cards(rows: pd.DataFrame, lang: str, as_of: str) -> list:
    """The cards of a pillar slide: those with a figure in a grid (catalogue order), then the
    targets without any data as one strip of small cards."""
    shown, empty = [], []
    for _, row in rows.iterrows():
        (empty if picture_kind(row, lang) == EMPTY else shown).append(slide_card(row, lang, as_of))
    parts: list = []
    if shown:
        parts.append(html.Div(shown, className=f"present-grid present-grid-{min(len(shown), 5)}"))
    if empty:
        parts.append(
            html.Div(
                empty,
                className="present-empty" + (" present-empty-only" if not shown else ""),
                **{"aria-label": t("present.no_data_strip", lang)},
                role="group",
            )
        )
    return parts


def gauge_help(rows: pd.DataFrame, lang: str) -> str:
    """How to read the gauges on the slide (only the kinds it shows)."""
    kinds = {picture_kind(row, lang) for _, row in rows.iterrows()}
    parts = []
    if JUDGED in kinds:
        parts.append(t("present.gauge_help", lang))
    if SHARE in kinds:
        parts.append(t("present.share_help", lang))
    return " ".join(parts)


def sources_line(rows: pd.DataFrame, lang: str, element_id: str = "present-sources") -> html.P:
    """Small print: where each figure on the slide was published, and where the targets are."""
    parts: list = [html.Strong(t("present.sources", lang) + " ")]
    shown = 0
    for _, row in in_pillar_order(rows).iterrows():
        source = row.get("source")
        if is_missing(row.get("latest_value")) or not isinstance(source, str) or not source:
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


def in_pillar_order(changes: pd.DataFrame) -> pd.DataFrame:
    """Rows in the plan's order of pillars (catalogue order within one), as the slides go."""
    if changes.empty or "pillar" not in changes.columns:
        return changes
    order = {p: i for i, p in enumerate(PILLAR_IDS)}
    rank = changes["pillar"].map(order).fillna(len(order))
    return changes.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")


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
                            html.I(className=f"bi {CHANGE_ICONS[kind]}", **{"aria-hidden": "true"}),
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
