"""Briefing ``/briefing?as_of=&pillar=&lang=``: the overview's picture as a printable document.

Laid out for A4 (``assets/briefing.css``): a cover with the view and a summary, then one section
per pillar, each starting a new page, with every target's status (word and icon), values,
gauge and numbered sources; then the method and the list of sources. There is no navigation
and nothing to click or type, so a browser's "Save as PDF" gives a clean document, and
``dashboard briefing`` renders this same page to PDF with headless Chromium.

This module registers the page and puts the document together; its parts are built beside it:
the opening pages in :mod:`..briefing_cover`, the pillar sections in :mod:`..briefing_targets`,
the method in :mod:`..briefing_method` and the numbered sources in :mod:`..briefing_sources`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import dash
from dash import Dash, html

from ...core.catalogue import PILLAR_IDS
from ...i18n import normalise_language, t
from ...web import get_store
from ..briefing_cover import cover, date_text, glance_table, illustrative_notice, status_summary
from ..briefing_method import method_section
from ..briefing_sources import NumberedSources, sources_section
from ..briefing_targets import pillar_section
from ..components import valid_quarter
from ..format import format_period

if TYPE_CHECKING:
    from ...store.repository import Store

PATH = "/briefing"
ROOT_ID = "briefing"


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Briefing", title="Vision 2027 Tracker", layout=layout
    )


def layout(lang: str | None = None, as_of: str | None = None, pillar: str | None = None, **_):
    """The document for the URL's view, built once per data version and day."""
    lang = normalise_language(lang)
    pillar = pillar if pillar in PILLAR_IDS else None
    as_of = valid_quarter(as_of)
    today = date.today()
    store = get_store()
    return store.memoize(
        ("briefing", lang, as_of, pillar, today.isoformat()),
        lambda: _view(store, lang, as_of, pillar, today),
    )


def _view(store: Store, lang: str, as_of: str | None, pillar: str | None, today: date) -> html.Div:
    """The whole document, in reading order; the sources are numbered as the pillars cite them,
    so their list is built last."""
    progress = store.progress(as_of=as_of)
    as_of_label = progress.attrs["as_of"]
    illustrative = bool(progress.attrs.get("illustrative"))
    shown = progress if pillar is None else progress[progress["pillar"] == pillar]
    pillars = [p for p in PILLAR_IDS if (shown["pillar"] == p).any()]
    sources = NumberedSources(lang)
    sections = [pillar_section(p, shown[shown["pillar"] == p], lang, sources) for p in pillars]
    return html.Div(
        html.Main(
            [
                cover(lang, as_of_label, pillar, illustrative, len(shown), today),
                illustrative_notice(lang) if illustrative else None,
                status_summary(shown, pillars, lang),
                glance_table(shown, pillars, lang),
                *sections,
                method_section(lang),
                sources_section(sources, lang),
                html.Footer(
                    t(
                        "briefing.end",
                        lang,
                        as_of=format_period(as_of_label, lang),
                        date=date_text(today, lang),
                    ),
                    className="briefing-end",
                ),
            ],
            id="main",
            className="briefing-page",
        ),
        id=ROOT_ID,
        className="briefing",
        lang="zh-CN" if lang == "zh" else "en",
        **{
            "data-as-of": as_of_label,
            "data-pillar": pillar or "all",
            "data-illustrative": "true" if illustrative else "false",
        },
    )
