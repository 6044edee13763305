"""Presenter mode ``/present``: one pillar per full-screen slide, then "What changed".

The deck and the slide live in the URL, exactly like the overview's view: ``pillar`` is the
overview's filter and chooses the deck (``/present?pillar=economy``: the economy slide, then
what changed among the economy targets; no ``pillar``, or an unknown one: the four pillars,
then what changed among all targets), ``slide`` names the slide in that deck (left out for the
deck's first: ``/present?pillar=economy&slide=changes``, ``/present?slide=platform&lang=zh``),
plus ``lang``, ``as_of`` and ``&auto=30`` to advance by itself. The page renders from the URL
alone, and moving between slides follows a ``dcc.Link``, so every slide is a history entry
(Back works) and a shared address opens the same slide. Clickers send arrow, space and page
keys; ``assets/present.js`` turns them into clicks on those links (``present-next``,
``present-prev``, ``present-first``), Escape into a click on ``present-exit`` (back to the
overview with the same filter, quarter and language), and handles ``f`` (full screen) and the
auto-advance. There is no header or footer: the slide is the whole window.
"""

from __future__ import annotations

import dash
from dash import Dash, html

from ...core.catalogue import PILLAR_IDS
from ...core.review import previous_quarter
from ...i18n import normalise_language, t
from ...web import get_store
from ..components import illustrative_banner, valid_quarter
from ..format import format_period
from ..present_bar import present_bar
from ..present_deck import PATH, auto_seconds, deck
from ..slides import (
    CHANGES,
    changes_headline,
    changes_intro,
    changes_since_last_quarter,
    gauge_help,
    headline_parts,
    slide_cards,
    sources_line,
    what_changed,
)


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Present", title="Vision 2027 Tracker", layout=layout
    )


def layout(
    pillar: str | None = None,
    slide: str | None = None,
    lang: str | None = None,
    as_of: str | None = None,
    auto: str | None = None,
    **_,
):
    """The slide for the URL's parameters: ``pillar`` chooses the deck (an unknown or missing
    one: all pillars), ``slide`` the slide in it (unknown or missing: the deck's first)."""
    lang = normalise_language(lang)
    pillar = pillar if pillar in PILLAR_IDS else None
    slides = deck(pillar)
    slide = slide if slide in slides else slides[0]
    as_of = valid_quarter(as_of)
    seconds = auto_seconds(auto)
    store = get_store()
    return store.memoize(
        ("present", lang, pillar, slide, as_of, seconds),
        lambda: _view(store, lang, pillar, slide, as_of, seconds),
    )


def _pillar_slide(progress, pillar: str, lang: str) -> list:
    rows = progress[progress["pillar"] == pillar]
    as_of = progress.attrs["as_of"]
    help_text = gauge_help(rows, lang)
    return [
        html.P(
            headline_parts(rows, pillar, lang, as_of),
            id="present-headline",
            className="present-headline",
        ),
        *slide_cards(rows, lang, as_of),
        html.P(help_text, className="present-help") if help_text else None,
        sources_line(rows, lang),
    ]


def _changes_slide(store, progress, lang: str, pillar: str | None) -> list:
    """What changed since the quarter before: among the deck's pillar's targets, or all."""
    old, new, changes, reasons = changes_since_last_quarter(store, progress, lang, pillar)
    changed_ids = set(changes["indicator_id"])
    return [
        html.P(
            changes_headline(changes, lang, old, new, pillar),
            id="present-headline",
            className="present-headline",
        ),
        html.Div(
            what_changed(changes, lang, old, new, on_slide=True, reasons=reasons),
            className="present-changes",
        ),
        changes_intro(old, new, lang, "present-help"),
        sources_line(progress[progress["indicator_id"].isin(changed_ids)], lang),
    ]


def _view(
    store, lang: str, pillar: str | None, slide: str, as_of: str | None, auto: int | None
) -> html.Div:
    progress = store.progress(as_of=as_of)
    as_of_label = progress.attrs["as_of"]
    if slide == CHANGES:
        title = t(
            "changed.heading", lang, quarter=format_period(previous_quarter(as_of_label), lang)
        )
        body = _changes_slide(store, progress, lang, pillar)
    else:
        title = t(f"pillar.{slide}", lang)
        body = _pillar_slide(progress, slide, lang)
    root = html.Div(
        [
            illustrative_banner(lang) if progress.attrs.get("illustrative") else None,
            html.Div(
                [
                    html.H1(title, className="present-title", tabIndex="-1"),
                    html.P(
                        t("overview.as_of", lang, as_of=format_period(as_of_label, lang)),
                        id="present-as-of",
                        className="present-as-of",
                    ),
                ],
                className="present-top",
            ),
            *body,
        ],
        id="present-root",
        className="present-slide" + (" present-slide-changes" if slide == CHANGES else ""),
        **{
            # data-pillar: the slide shown (a pillar, or "changes"); data-deck: the filter.
            "data-pillar": slide,
            "data-deck": pillar or "all",
            "data-as-of": as_of_label,
            "data-auto": str(auto) if auto else "",
        },
    )
    return html.Div(
        [
            html.Main(root, id="main", className="present-main"),
            present_bar(pillar, slide, lang, as_of, auto),
        ],
        className="present-frame",
        lang="zh-CN" if lang == "zh" else "en",
    )
