"""Presenter mode ``/present``: one pillar per full-screen slide, then "What changed".

The slide lives in the URL (``/present?pillar=economy&lang=zh&as_of=2025Q3``, plus
``&auto=30`` to advance by itself), exactly like the overview's view: the page renders from the
URL alone, and moving between slides follows a ``dcc.Link``, so every slide is a history entry
(Back works) and a shared address opens the same slide. Clickers send arrow, space and page
keys; ``assets/present.js`` turns them into clicks on those links (``present-next``,
``present-prev``, ``present-first``) and handles ``f`` (full screen) and the auto-advance.
There is no header or footer: the slide is the whole window.
"""

from __future__ import annotations

import dash
from dash import Dash, html

from ...core.review import previous_quarter, status_changes_between
from ...i18n import normalise_language, t
from ...web import get_store
from ..components import illustrative_banner, page_url, valid_quarter
from ..format import format_period
from ..slides import (
    CHANGES,
    SLIDES,
    changes_headline,
    headline,
    slide_card,
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


def slide_url(slide: str, lang: str, as_of: str | None, auto: int | None) -> str:
    return page_url(PATH, pillar=slide, lang=lang, as_of=as_of, auto=str(auto) if auto else None)


def layout(
    pillar: str | None = None,
    lang: str | None = None,
    as_of: str | None = None,
    auto: str | None = None,
    **_,
):
    """The slide for the URL's parameters; an unknown or missing pillar is the first slide."""
    lang = normalise_language(lang)
    slide = pillar if pillar in SLIDES else SLIDES[0]
    as_of = valid_quarter(as_of)
    seconds = auto_seconds(auto)
    store = get_store()
    return store.memoize(
        ("present", lang, slide, as_of, seconds),
        lambda: _view(store, lang, slide, as_of, seconds),
    )


def _pillar_slide(progress, pillar: str, lang: str) -> list:
    rows = progress[progress["pillar"] == pillar]
    count = max(len(rows), 1)
    return [
        html.P(headline(rows, pillar, lang), id="present-headline", className="present-headline"),
        html.Div(
            [slide_card(row, lang) for _, row in rows.iterrows()],
            className=f"present-grid present-grid-{min(count, 5)}",
        ),
        html.P(t("present.gauge_help", lang), className="present-help"),
        sources_line(rows, lang),
    ]


def _changes_slide(store, progress, lang: str) -> list:
    new = progress.attrs["as_of"]
    old = previous_quarter(new)
    changes = status_changes_between(store.progress(as_of=old), progress)
    changed_ids = set(changes["indicator_id"])
    return [
        html.P(
            changes_headline(changes, lang, old, new),
            id="present-headline",
            className="present-headline",
        ),
        html.Div(what_changed(changes, lang, old, new, on_slide=True), className="present-changes"),
        html.P(
            [
                t(
                    "changed.intro",
                    lang,
                    old=format_period(old, lang),
                    new=format_period(new, lang),
                ),
                " ",
                t("changed.method_note", lang),
            ],
            className="present-help",
        ),
        sources_line(progress[progress["indicator_id"].isin(changed_ids)], lang),
    ]


def _nav_link(slide: str | None, key: str, icon: str, element_id: str, lang, as_of, auto):
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
        href=slide_url(slide, lang, as_of, auto),
        id=element_id,
        className="btn btn-outline-light",
        title=t(f"present.{key}_title", lang),
    )


def _bar(slide: str, lang: str, as_of: str | None, auto: int | None, pillar_view: str | None):
    index = SLIDES.index(slide)
    total = len(SLIDES)
    previous = SLIDES[index - 1] if index > 0 else None
    following = SLIDES[index + 1] if index + 1 < total else None
    auto_part = []
    if auto:
        auto_part = [
            html.Span(t("present.auto", lang, seconds=auto), className="present-auto"),
            dash.dcc.Link(
                t("present.auto_stop", lang),
                href=slide_url(slide, lang, as_of, None),
                className="btn btn-sm btn-outline-light",
                id="present-auto-stop",
                title=t("present.auto_stop_title", lang),
            ),
        ]
    return html.Nav(
        [
            dash.dcc.Link(
                [
                    html.I(className="bi bi-box-arrow-left", **{"aria-hidden": "true"}),
                    html.Span(t("present.exit", lang), className="present-bar-label"),
                ],
                href=page_url("/", lang=lang, as_of=as_of, pillar=pillar_view),
                id="present-exit",
                className="btn btn-outline-light",
                title=t("present.exit_title", lang),
            ),
            *auto_part,
            html.Div(
                [
                    _nav_link(
                        SLIDES[0] if index > 0 else None,
                        "first",
                        "bi-chevron-double-left",
                        "present-first",
                        lang,
                        as_of,
                        auto,
                    ),
                    _nav_link(
                        previous, "previous", "bi-chevron-left", "present-prev", lang, as_of, auto
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
                        following, "next", "bi-chevron-right", "present-next", lang, as_of, auto
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


def _view(store, lang: str, slide: str, as_of: str | None, auto: int | None) -> html.Div:
    progress = store.progress(as_of=as_of)
    as_of_label = progress.attrs["as_of"]
    if slide == CHANGES:
        title = t(
            "changed.heading", lang, quarter=format_period(previous_quarter(as_of_label), lang)
        )
        body = _changes_slide(store, progress, lang)
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
        className="present-slide",
        **{
            "data-pillar": slide,
            "data-as-of": as_of_label,
            "data-auto": str(auto) if auto else "",
        },
    )
    return html.Div(
        [
            html.Main(root, id="main", className="present-main"),
            _bar(slide, lang, as_of, auto, slide if slide != CHANGES else None),
        ],
        className="present-frame",
        lang="zh-CN" if lang == "zh" else "en",
    )
