"""The briefing's sources: numbered once, in order of first citation, and cited by number.

A target names two sources (the plan's wording of the target, the data's publisher) and many
targets share them, so printing each in full beside every target would fill the pages with
repeats. The document numbers each source once, cites ``[n]`` beside the figures and lists
them all at the end, with their web addresses kept clickable in the PDF.
"""

from __future__ import annotations

from dash import html

from ..i18n import t
from .format import source_addresses


class NumberedSources:
    """The document's sources in order of first citation (every target cites the plan document
    for its wording first, so the plan is [1])."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries: dict[str, int] = {}

    def cite(self, source: object) -> int | None:
        if not isinstance(source, str) or not source.strip():
            return None
        return self.entries.setdefault(source.strip(), len(self.entries) + 1)

    def label(self, source: str) -> str:
        """The source as published: each publication's name and its address."""
        return source


def linked_text(text: str) -> list:
    """The text with each web address as a link (the PDF keeps them clickable)."""
    parts: list = []
    position = 0
    for address in source_addresses(text):
        start = text.find(address, position)
        if start < 0:
            continue
        if start > position:
            parts.append(text[position:start])
        parts.append(html.A(address, href=address, rel="noopener noreferrer"))
        position = start + len(address)
    if position < len(text):
        parts.append(text[position:])
    return parts


def citation(number: int | None, lang: str) -> html.Span:
    """The ``[n]`` printed beside a figure, or a muted "no source" when there is none."""
    if number is None:
        return html.Span(t("briefing.no_source", lang), className="briefing-muted")
    return html.Span(f"[{number}]", className="briefing-cite", **{"data-source": str(number)})


def sources_section(sources: NumberedSources, lang: str) -> html.Section:
    """The list at the end of the document: every cited source under its number."""
    items = []
    for source, number in sources.entries.items():
        content = linked_text(sources.label(source))
        items.append(
            html.Li(
                [html.Span(f"[{number}]", className="briefing-cite"), " ", *content],
                **{"data-source": str(number)},
            )
        )
    return html.Section(
        [
            html.H2(t("briefing.sources_heading", lang), id="briefing-sources-heading"),
            html.P(t("briefing.sources_intro", lang)),
            html.Ol(items, className="briefing-sources-list"),
        ],
        className="briefing-sources",
        id="briefing-sources",
        **{"aria-labelledby": "briefing-sources-heading"},
    )
