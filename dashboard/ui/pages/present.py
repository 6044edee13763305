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
from ...core.review import previous_quarter, status_changes_between
from ...i18n import normalise_language, t
from ...web import get_store
from ..components import illustrative_banner, page_url, valid_quarter
from ..format import format_period
from ..slides import (
    CHANGES,
    SLIDES,
    changes_headline,
    gauge_help,
    headline_parts,
    reasons_in_words,
    slide_cards,
    sources_line,
    what_changed,
)

PATH = "/present"
#: Auto-advance bounds in seconds: below 3 nobody can read a slide; an hour is a still frame.
AUTO_MIN, AUTO_MAX = 3, 3600


def register(app: Dash) -> None:
    dash.register_page(
        __name__, path=PATH, name="Present", title="Vision 2027 Tracker", layout=layout
    )


def auto_seconds(text: str | None) -> int | None:
    """``auto`` from the URL as whole seconds within bounds, or ``None`` (no auto-advance)."""
    try:
        seconds = int(str(text).strip())
    except (TypeError, ValueError):
        return None
    return min(max(seconds, AUTO_MIN), AUTO_MAX) if seconds > 0 else None


def deck(pillar: str | None) -> tuple[str, ...]:
    """The slides for the overview's filter: one pillar and its changes, or all of them."""
    return (pillar, CHANGES) if pillar in PILLAR_IDS else SLIDES


def slide_url(
    pillar: str | None, slide: str, lang: str, as_of: str | None, auto: int | None
) -> str:
    """The address of ``slide`` in the deck of ``pillar`` (the deck's first: no ``slide``)."""
    return page_url(
        PATH,
        pillar=pillar,
        slide=None if slide == deck(pillar)[0] else slide,
        lang=lang,
        as_of=as_of,
        auto=str(auto) if auto else None,
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
    new = progress.attrs["as_of"]
    old = previous_quarter(new)
    before = store.progress(as_of=old)
    changes = status_changes_between(before, progress)
    if pillar is not None:
        changes = changes[changes["pillar"] == pillar]
    changed_ids = set(changes["indicator_id"])
    reasons = (reasons_in_words(before, lang), reasons_in_words(progress, lang))
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
        html.P(
            t(
                "changed.intro",
                lang,
                old=format_period(old, lang),
                new=format_period(new, lang),
            ),
            className="present-help",
        ),
        sources_line(progress[progress["indicator_id"].isin(changed_ids)], lang),
    ]


def _nav_link(
    pillar: str | None, slide: str | None, key: str, icon: str, element_id: str, lang, as_of, auto
):
    """A slide link, or the same label disabled where there is nowhere to go."""
    content = [
        html.I(className=f"bi {icon}", **{"aria-hidden": "true"}),
        html.Span(t(f"present.{key}", lang), className="present-bar-label"),
    ]
    if slide is None:
        return html.Span(
            content,
            id=element_id,
            className="btn btn-outline-light disabled",
            **{"aria-disabled": "true"},
        )
    return dash.dcc.Link(
        content,
        href=slide_url(pillar, slide, lang, as_of, auto),
        id=element_id,
        className="btn btn-outline-light",
        title=t(f"present.{key}_title", lang),
    )


def _bar(pillar: str | None, slide: str, lang: str, as_of: str | None, auto: int | None):
    slides = deck(pillar)
    index = slides.index(slide)
    total = len(slides)
    previous = slides[index - 1] if index > 0 else None
    following = slides[index + 1] if index + 1 < total else None
    auto_part = []
    if auto:
        auto_part = [
            html.Span(t("present.auto", lang, seconds=auto), className="present-auto"),
            dash.dcc.Link(
                t("present.auto_stop", lang),
                href=slide_url(pillar, slide, lang, as_of, None),
                className="btn btn-sm btn-outline-light",
                id="present-auto-stop",
                title=t("present.auto_stop_title", lang),
            ),
        ]
    links = {"lang": lang, "as_of": as_of, "auto": auto}
    return html.Nav(
        [
            # Back to the view presenter mode came from: the same filter, quarter, language.
            dash.dcc.Link(
                [
                    html.I(className="bi bi-box-arrow-left", **{"aria-hidden": "true"}),
                    html.Span(t("present.exit", lang), className="present-bar-label"),
                ],
                href=page_url("/", pillar=pillar, as_of=as_of, lang=lang),
                id="present-exit",
                className="btn btn-outline-light",
                title=t("present.exit_title", lang),
            ),
            *auto_part,
            html.Div(
                [
                    _nav_link(
                        pillar,
                        slides[0] if index > 0 else None,
                        "first",
                        "bi-chevron-double-left",
                        "present-first",
                        **links,
                    ),
                    _nav_link(
                        pillar, previous, "previous", "bi-chevron-left", "present-prev", **links
                    ),
                    html.Span(
                        f"{index + 1} / {total}",
                        id="present-counter",
                        className="present-counter",
                        role="status",
                        **{
                            "aria-label": t(
                                "present.counter_label", lang, number=index + 1, total=total
                            )
                        },
                    ),
                    _nav_link(
                        pillar, following, "next", "bi-chevron-right", "present-next", **links
                    ),
                ],
                className="present-bar-slides",
            ),
            html.Button(
                [
                    html.I(className="bi bi-arrows-fullscreen", **{"aria-hidden": "true"}),
                    html.Span(t("present.fullscreen", lang), className="present-bar-label"),
                ],
                id="present-fullscreen",
                type="button",
                className="btn btn-outline-light",
                title=t("present.fullscreen_title", lang),
                **{"aria-pressed": "false"},
            ),
        ],
        className="present-bar",
        **{"aria-label": t("present.bar_label", lang)},
    )


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
            _bar(pillar, slide, lang, as_of, auto),
        ],
        className="present-frame",
        lang="zh-CN" if lang == "zh" else "en",
    )
