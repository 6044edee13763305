"""Presenter mode's deck: which slides there are, and every piece a slide is built from.

``pages/present.py`` builds its slides from this one module; the pieces live in modules of
their own, each with one idea, and are gathered here so the page (and the overview, which
shows the same "what changed" list) need not know how they are divided:

* :mod:`.slide_text`: the words (short names, the pillar headline, the sources line);
* :mod:`.slide_cards`: the target cards with their gauges, and how to read them;
* :mod:`.what_changed`: the list of targets whose status moved between two quarters.
"""

from __future__ import annotations

from ..core.catalogue import PILLAR_IDS
from .slide_cards import (
    EMPTY,
    JUDGED,
    SHARE,
    SLIDE_TICK_PX,
    VALUE,
    gauge_help,
    picture_kind,
    slide_card,
    slide_cards,
    slide_gauge_figure,
    slide_share_figure,
)
from .slide_text import (
    NAMED_STATUSES,
    capitalised,
    headline,
    headline_parts,
    in_pillar_order,
    join_names,
    short_name,
    sources_line,
)
from .what_changed import (
    CHANGE_ICONS,
    STALE_AFTER_QUARTERS,
    changes_headline,
    changes_intro,
    changes_since_last_quarter,
    reasons_in_words,
    what_changed,
)

#: The "what changed" slide's value of ``slide`` in the URL; it comes after the pillars.
CHANGES = "changes"
SLIDES = (*PILLAR_IDS, CHANGES)

__all__ = [
    "CHANGES",
    "CHANGE_ICONS",
    "EMPTY",
    "JUDGED",
    "NAMED_STATUSES",
    "SHARE",
    "SLIDES",
    "SLIDE_TICK_PX",
    "STALE_AFTER_QUARTERS",
    "VALUE",
    "capitalised",
    "changes_headline",
    "changes_intro",
    "changes_since_last_quarter",
    "gauge_help",
    "headline",
    "headline_parts",
    "in_pillar_order",
    "join_names",
    "picture_kind",
    "reasons_in_words",
    "short_name",
    "slide_card",
    "slide_cards",
    "slide_gauge_figure",
    "slide_share_figure",
    "sources_line",
    "what_changed",
]
