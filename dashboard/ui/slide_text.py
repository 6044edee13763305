"""The words on a presenter slide: short names, the pillar headline and the sources line.

They live apart from the cards and the "what changed" table because all of those name the
targets the same way (:func:`short_name`, :func:`capitalised`) and list them in the plan's
order of pillars (:func:`in_pillar_order`), so a target is called the same thing, in the same
place, on every slide.

A pillar where nothing can be judged says in its headline which figures are known, with their
period and "stale" where they are old, rather than "0 of 5 on track".
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
from dash import html

from ..core.catalogue import PILLAR_IDS
from ..core.progress import (
    ACHIEVED,
    INSUFFICIENT,
    LIMITED,
    NEEDS_ACCELERATION,
    ON_TRACK,
    REGRESSING,
)
from ..core.values import is_missing
from ..i18n import catalogue, t
from .cards import indicator_name, latest_with_age, period_text
from .components import source_links
from .format import format_value

#: Statuses named in a headline, worst first (on track and achieved are counted instead).
NAMED_STATUSES = (REGRESSING, LIMITED, NEEDS_ACCELERATION)


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


def in_pillar_order(changes: pd.DataFrame) -> pd.DataFrame:
    """Rows in the plan's order of pillars (catalogue order within one), as the slides go."""
    if changes.empty or "pillar" not in changes.columns:
        return changes
    order = {p: i for i, p in enumerate(PILLAR_IDS)}
    rank = changes["pillar"].map(order).fillna(len(order))
    return changes.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")


def has_latest_value(row: pd.Series) -> bool:
    """Whether any figure is known for the target (judged or not)."""
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
        known = [row for _, row in rows.iterrows() if has_latest_value(row)]
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
