"""How a status is shown: always a word and an icon, with colour only as a third cue."""

from __future__ import annotations

from dash import html

from ..i18n import t
from .icons import icon

#: status -> (Bootstrap icon, CSS modifier). Colours are defined in assets/tracker.css and
#: meet WCAG AA contrast against white.
STATUS_STYLE = {
    "achieved": ("bi-trophy-fill", "achieved"),
    "on_track": ("bi-check-circle-fill", "on-track"),
    "needs_acceleration": ("bi-exclamation-triangle-fill", "accelerate"),
    "limited_progress": ("bi-hourglass-split", "limited"),
    "regressing": ("bi-arrow-down-circle-fill", "regressing"),
    "insufficient_data": ("bi-question-circle", "no-data"),
}

#: The same colours for charts (plotly needs the values, not CSS variables).
STATUS_COLOURS = {
    "achieved": "#1e6b34",
    "on_track": "#146c43",
    "needs_acceleration": "#8a5300",
    "limited_progress": "#9a3412",
    "regressing": "#b02a37",
    "insufficient_data": "#495057",
}


def status_badge(status: str, lang: str) -> html.Span:
    icon_name, modifier = STATUS_STYLE[status]
    return html.Span(
        [
            icon(icon_name),
            " ",
            t(f"status.{status}", lang),
        ],
        className=f"status-badge status-{modifier}",
        **{"data-status": status},
    )
