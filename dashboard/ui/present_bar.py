"""Presenter mode's control bar: exit, auto-advance, first/previous/next, counter, full screen."""

from __future__ import annotations

import dash
from dash import html

from ..i18n import t
from .components import page_url
from .icons import icon
from .present_deck import deck, slide_url


def _nav_link(
    pillar: str | None,
    slide: str | None,
    key: str,
    icon_name: str,
    element_id: str,
    lang,
    as_of,
    auto,
):
    """A slide link, or the same label disabled where there is nowhere to go."""
    content = [
        icon(icon_name),
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


def present_bar(pillar: str | None, slide: str, lang: str, as_of: str | None, auto: int | None):
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
                    icon("bi-box-arrow-left"),
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
                    icon("bi-arrows-fullscreen"),
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
